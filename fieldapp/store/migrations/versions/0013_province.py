"""province: the communes of a province, their summaries and figures per day

Revision ID: 0013_province
Revises: 0012_citizen_status

A commune store never writes these tables; a province store (`init --province-level`) holds
only them (and its users, keys and settings): counts, never a citizen.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0013_province"
down_revision = "0012_citizen_status"
branch_labels = None
depends_on = None

_COUNTS = (
    "citizens",
    "level2",
    "activated",
    "link_waiting",
    "link_approved",
    "linked",
    "bank_account",
    "opened",
    "visited",
    "paid_to_account",
    "has_account_not_paid",
    "no_account",
    "not_classified",
    "new_level2",
    "new_linked",
)


def upgrade() -> None:
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "province_commune",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", text(), nullable=False),
        sa.Column("name", text(), nullable=False),
        sa.Column("name_folded", text(), nullable=False),
        sa.Column("district", text(), nullable=False),
        sa.Column("commune_id", sa.Uuid(), nullable=True),
        sa.Column("fingerprint", text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("commune_id"),
    )
    op.create_index("ix_province_commune_code", "province_commune", ["code"])
    op.create_index("ix_province_commune_name_folded", "province_commune", ["name_folded"])
    op.create_table(
        "province_summary",
        sa.Column("commune_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("digest", text(), nullable=False),
        sa.Column("sender", text(), nullable=False),
        sa.Column("imported_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("commune_id", "day"),
    )
    op.create_index("ix_province_summary_day", "province_summary", ["day"])
    op.create_table(
        "province_figure",
        sa.Column("commune_id", sa.Uuid(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("unit_kind", text(), nullable=False),
        sa.Column("unit_key", text(), nullable=False),
        sa.Column("unit_name", text(), nullable=False),
        *[sa.Column(name, sa.Integer(), nullable=False) for name in _COUNTS],
        sa.Column("figures", text(), nullable=False),
        sa.PrimaryKeyConstraint("commune_id", "day", "unit_kind", "unit_key"),
    )
    op.create_index("ix_province_figure_day_kind", "province_figure", ["day", "unit_kind"])


def downgrade() -> None:
    op.drop_table("province_figure")
    op.drop_table("province_summary")
    op.drop_table("province_commune")

"""citizen status: the report projection, one row per citizen per span of days

Revision ID: 0012_citizen_status
Revises: 0011_teams

Replaces `report_status_cache` (text timelines checked by fingerprint on every report): the
figures become SQL aggregates over `citizen_status`. The table starts empty; the first report
rebuilds it (the setting `reports.projection` names the rules it was built with).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0012_citizen_status"
down_revision = "0011_teams"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "citizen_status",
        sa.Column("personal_id", sa.String(length=12), nullable=False),
        sa.Column("day_from", sa.Date(), nullable=False),
        sa.Column("day_until", sa.Date(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=True),
        sa.Column("point_id", sa.Uuid(), nullable=True),
        sa.Column("visits", sa.SmallInteger(), nullable=False),
        sa.Column("eid_application", sa.SmallInteger(), nullable=False),
        sa.Column("eid_activation", sa.SmallInteger(), nullable=False),
        sa.Column("bank_account", sa.SmallInteger(), nullable=False),
        sa.Column("biometric_verified", sa.SmallInteger(), nullable=False),
        sa.Column("benefit_link", sa.SmallInteger(), nullable=False),
        sa.Column("opened_at_bank", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("beneficiary_group", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("payment", sqlmodel.sql.sqltypes.AutoString(), nullable=True),
        sa.Column("has_smartphone", sa.Boolean(), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("personal_id", "day_from"),
    )
    op.create_index("ix_citizen_status_day_from", "citizen_status", ["day_from"])
    op.drop_table("report_status_cache")
    op.execute("DELETE FROM setting WHERE key IN ('reports.events_stamp', 'reports.projection')")


def downgrade() -> None:
    op.create_table(
        "report_status_cache",
        sa.Column("personal_id", sa.String(length=12), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("timeline", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("visits", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("computed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("personal_id"),
    )
    op.drop_index("ix_citizen_status_day_from", table_name="citizen_status")
    op.drop_table("citizen_status")
    op.execute("DELETE FROM setting WHERE key = 'reports.projection'")

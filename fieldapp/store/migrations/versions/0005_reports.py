"""reports: campaign waves, village targets, the figures' status cache

Revision ID: 0005_reports
Revises: 0001_initial
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0005_reports"
down_revision = "0004_sync"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "campaign_wave",
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("created_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "village_target",
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.Column("target", sa.Integer(), nullable=False),
        sa.Column("set_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["village_id"], ["village.id"]),
        sa.PrimaryKeyConstraint("village_id"),
    )
    op.create_table(
        "report_status_cache",
        sa.Column("personal_id", sa.String(length=12), nullable=False),
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("timeline", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("visits", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("computed_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("personal_id"),
    )


def downgrade() -> None:
    op.drop_table("report_status_cache")
    op.drop_table("village_target")
    op.drop_table("campaign_wave")

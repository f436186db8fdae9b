"""corrections: a citizen's name, birth date, sex or village corrected at a point (events)

Also: citizens typed at the desk were stored with the name source "typed", which bundles
do not know; they are "manual", as the bundle format says.

Revision ID: 0006_corrections
Revises: 0005_reports
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0006_corrections"
down_revision = "0005_reports"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "citizen_correction",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("personal_id", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("field", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("old_value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("new_value", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("recorded_at", sqlmodel.sql.sqltypes.UTCDateTime(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("support_point_id", sa.Uuid(), nullable=True),
        sa.ForeignKeyConstraint(["personal_id"], ["citizen.personal_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_citizen_correction_personal_id", "citizen_correction", ["personal_id"], unique=False
    )
    op.execute("UPDATE citizen SET name_source = 'manual' WHERE name_source = 'typed'")


def downgrade() -> None:
    op.drop_index("ix_citizen_correction_personal_id", table_name="citizen_correction")
    op.drop_table("citizen_correction")

"""teams and units: village teams and their members, units and their rosters, visit helpers

Revision ID: 0011_teams
Revises: 0010_payments

Seed 000 §11 (a team per village) and §V.3, V.7, V.9, V.10 (schools, organisations and
offices report their members). `visit_helper` is an event: which team member brought a
visit's citizen in.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0011_teams"
down_revision = "0010_payments"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_MOMENT = sqlmodel.sql.sqltypes.UTCDateTime


def upgrade() -> None:
    op.create_table(
        "team",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.Column("name", _TEXT(), nullable=False),
        sa.Column("updated_at", _MOMENT(), nullable=False),
        sa.ForeignKeyConstraint(["village_id"], ["village.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("village_id"),
    )
    op.create_table(
        "team_member",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("team_id", sa.Uuid(), nullable=False),
        sa.Column("full_name", _TEXT(), nullable=False),
        sa.Column("role", _TEXT(), nullable=False),
        sa.Column("phone", _TEXT(), nullable=True),
        sa.Column("personal_id", sa.String(length=12), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.Column("target", sa.Integer(), nullable=True),
        sa.Column("leader", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("updated_at", _MOMENT(), nullable=False),
        sa.ForeignKeyConstraint(["team_id"], ["team.id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_team_member_team_id", "team_member", ["team_id"], unique=False)
    op.create_table(
        "unit",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("name", _TEXT(), nullable=False),
        sa.Column("name_folded", sa.String(), nullable=False),
        sa.Column("kind", _TEXT(), nullable=False),
        sa.Column("deadline", sa.Date(), nullable=False),
        sa.Column("target_percent", sa.Integer(), nullable=False),
        sa.Column("updated_at", _MOMENT(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name_folded"),
    )
    op.create_table(
        "unit_member",
        sa.Column("unit_id", sa.Uuid(), nullable=False),
        sa.Column("personal_id", sa.String(length=12), nullable=False),
        sa.Column("role", _TEXT(), nullable=False),
        sa.Column("source_file", _TEXT(), nullable=False),
        sa.Column("added_at", _MOMENT(), nullable=False),
        sa.ForeignKeyConstraint(["unit_id"], ["unit.id"]),
        sa.PrimaryKeyConstraint("unit_id", "personal_id"),
    )
    op.create_index("ix_unit_member_personal_id", "unit_member", ["personal_id"], unique=False)
    op.create_table(
        "visit_helper",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("visit_id", sa.Uuid(), nullable=False),
        sa.Column("personal_id", sa.String(length=12), nullable=False),
        sa.Column("member_id", sa.Uuid(), nullable=False),
        sa.Column("recorded_at", _MOMENT(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("support_point_id", sa.Uuid(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_visit_helper_visit_id", "visit_helper", ["visit_id"], unique=False)
    op.create_index("ix_visit_helper_member_id", "visit_helper", ["member_id"], unique=False)
    op.create_index("ix_visit_helper_personal_id", "visit_helper", ["personal_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_visit_helper_personal_id", table_name="visit_helper")
    op.drop_index("ix_visit_helper_member_id", table_name="visit_helper")
    op.drop_index("ix_visit_helper_visit_id", table_name="visit_helper")
    op.drop_table("visit_helper")
    op.drop_index("ix_unit_member_personal_id", table_name="unit_member")
    op.drop_table("unit_member")
    op.drop_table("unit")
    op.drop_index("ix_team_member_team_id", table_name="team_member")
    op.drop_table("team_member")
    op.drop_table("team")

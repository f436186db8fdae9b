"""status base: one projection row per citizen when nothing changed after the list day

Revision ID: 0017_status_base
Revises: 0016_lean_rows

Issue 17, lean rows: a citizen's span from 0001-01-01 until their first event is one of a few
statuses (the fold of a citizen row alone: group and smartphone). It is kept once in
`citizen_status_base` and named by the citizen's first row (`citizen_status.base`) instead of
being a row of its own. Rows stored the old way stay valid (their `base` is NULL); the table
is marked stale so the next report rebuilds it at one row per list-only citizen.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0017_status_base"
down_revision = "0016_lean_rows"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString


def upgrade() -> None:
    small = sa.SmallInteger
    op.create_table(
        "citizen_status_base",
        sa.Column("code", small(), autoincrement=False, nullable=False),
        *(
            sa.Column(name, small(), nullable=False)
            for name in (
                "eid_application",
                "eid_activation",
                "bank_account",
                "biometric_verified",
                "benefit_link",
            )
        ),
        sa.Column("opened_at_bank", _TEXT(), nullable=True),
        sa.Column("beneficiary_group", _TEXT(), nullable=True),
        sa.Column("payment", _TEXT(), nullable=True),
        sa.Column("has_smartphone", sa.Boolean(), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("through_receiver", sa.Boolean(), nullable=False),
        sa.Column("account_bank", _TEXT(), nullable=True),
        sa.Column("account_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("code"),
    )
    op.add_column("citizen_status", sa.Column("base", small(), nullable=True))
    op.execute("DELETE FROM setting WHERE key = 'reports.projection'")


def downgrade() -> None:
    # rows naming a base lack their first span: the older code must rebuild them
    op.execute("DELETE FROM citizen_status")
    op.execute("DELETE FROM setting WHERE key = 'reports.projection'")
    if op.get_bind().dialect.name == "sqlite":  # 3.35+ drops a column in place (no rowid)
        op.execute("ALTER TABLE citizen_status DROP COLUMN base")
    else:
        op.drop_column("citizen_status", "base")
    op.drop_table("citizen_status_base")

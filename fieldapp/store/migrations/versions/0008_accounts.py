"""accounts: wrong-PIN back-off and lockout, PINs that must change

Revision ID: 0008_accounts
Revises: 0007_name_search

Existing users keep their PIN hash: the old `scrypt$salt$digest` form still verifies and is
re-hashed with today's parameters on the next good sign-in; a PIN shorter than today's policy
is then asked to change. A user with no PIN cannot sign in until the police or an admin sets
one (`fieldapp users set-pin`); a store with no police or admin able to sign in may create its
first admin without signing in (`fieldapp users add NAME --role admin`), so nobody is locked
out silently.
"""

import sqlalchemy as sa
from alembic import op
from sqlmodel.sql.sqltypes import UTCDateTime

revision = "0008_accounts"
down_revision = "0007_name_search"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        batch.add_column(sa.Column("failed_pins", sa.Integer(), nullable=False, server_default="0"))
        batch.add_column(sa.Column("retry_after", UTCDateTime(), nullable=True))
        batch.add_column(
            sa.Column("locked", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("pin_change_needed", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("app_user") as batch:
        for name in ("pin_change_needed", "locked", "retry_after", "failed_pins"):
            batch.drop_column(name)

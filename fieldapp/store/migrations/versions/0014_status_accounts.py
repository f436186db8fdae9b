"""citizen status: paid through a receiver, the bank account's bank and day (issue 18)

Revision ID: 0014_status_accounts
Revises: 0013_province

The agency reports and the social-affairs office's file read each beneficiary's standing from
the report projection instead of folding every beneficiary on each call: three columns the
fold already answers. The table is derived: it is emptied and marked stale, the next report
rebuilds it (with the new columns filled).
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0014_status_accounts"
down_revision = "0013_province"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("DELETE FROM citizen_status")
    op.execute("DELETE FROM setting WHERE key = 'reports.projection'")
    with op.batch_alter_table("citizen_status") as batch:
        batch.add_column(
            sa.Column("through_receiver", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch.add_column(
            sa.Column("account_bank", sqlmodel.sql.sqltypes.AutoString(), nullable=True)
        )
        batch.add_column(sa.Column("account_on", sa.Date(), nullable=True))


def downgrade() -> None:
    op.execute("DELETE FROM citizen_status")
    op.execute("DELETE FROM setting WHERE key = 'reports.projection'")
    with op.batch_alter_table("citizen_status") as batch:
        batch.drop_column("account_on")
        batch.drop_column("account_bank")
        batch.drop_column("through_receiver")

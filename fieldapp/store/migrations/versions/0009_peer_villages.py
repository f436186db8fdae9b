"""peer villages: the village(s) the police chose for each enrolled point's lists

Revision ID: 0009_peer_villages
Revises: 0008_accounts

Points enrolled before this have no village: `export-lists` refuses them (with the command
that sets one) instead of sending the whole commune.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0009_peer_villages"
down_revision = "0008_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_peer_village",
        sa.Column("fingerprint", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.Column("village_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["fingerprint"], ["sync_peer.fingerprint"]),
        sa.ForeignKeyConstraint(["village_id"], ["village.id"]),
        sa.PrimaryKeyConstraint("fingerprint", "village_id"),
    )


def downgrade() -> None:
    op.drop_table("sync_peer_village")

"""store key slots: on a database server, the wrapped store key lives in the database

Revision ID: 0018_store_key_slots
Revises: 0017_status_base

Issue 20, several seats on one PostgreSQL server: the PIN- and recovery-wrapped slots of the
store key (the JSON of `store/keyslots.py`) are one row here, so any seat unlocks with a PIN
and no key file is copied by hand. A SQLite laptop keeps its file; the table stays empty.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0018_store_key_slots"
down_revision = "0017_status_base"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "store_key_slots",
        sa.Column("id", sa.SmallInteger(), autoincrement=False, nullable=False),
        sa.Column("body", sqlmodel.sql.sqltypes.AutoString(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )


def downgrade() -> None:
    # Dropping a server's slots would lose its store key (and the keys it wraps): refused.
    if op.get_bind().execute(sa.text("SELECT count(*) FROM store_key_slots")).scalar():
        raise RuntimeError("store_key_slots holds this server's store key: not dropped")
    op.drop_table("store_key_slots")

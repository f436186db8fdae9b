"""list digest: what the last official list said of a citizen, as one 64-bit number

Revision ID: 0022_list_digest
Revises: 0021_name_words

Issues 14 and 17 ("a list row that repeats what the store already knows writes nothing"):
re-importing an unchanged list read every citizen's facts back to find nothing new. The
citizen row now keeps a digest of the facts the last list said (`services/list_writes.py`),
so an unchanged row is known from the citizen row the import reads anyway. The column is
added in place (no copy of `citizen`, its word-index triggers stay); existing citizens start
without a digest, so their next import takes the full path once.
"""

import sqlalchemy as sa
from alembic import op

revision = "0022_list_digest"
down_revision = "0021_name_words"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column("citizen", sa.Column("list_digest", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    # ALTER TABLE ... DROP COLUMN in place (SQLite 3.35+, PostgreSQL): a batch copy of
    # `citizen` would drop its word-index triggers
    op.execute("ALTER TABLE citizen DROP COLUMN list_digest")

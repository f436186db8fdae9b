"""name search on PostgreSQL: the word index without a pending list (issue 17)

Revision ID: 0015_name_words_pg
Revises: 0014_status_accounts

PostgreSQL's GIN index `ix_citizen_name_words` kept new entries in its pending list (GIN's
`fastupdate`) until a vacuum merged them, and every search read that list whole: at 20,000
citizens a word query took 4.5 ms before a vacuum and 0.45 ms after. Without the list a
search costs the same at any time; a write indexes its words directly (bench/bench_search_pg.py
prints both). SQLite (FTS5) has nothing to change.
"""

from alembic import op

revision = "0015_name_words_pg"
down_revision = "0014_status_accounts"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER INDEX ix_citizen_name_words SET (fastupdate = off)")
        op.execute("SELECT gin_clean_pending_list('ix_citizen_name_words')")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ALTER INDEX ix_citizen_name_words SET (fastupdate = on)")

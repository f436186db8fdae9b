"""name search: folded-name key and a word index instead of the name-token table

Revision ID: 0007_name_search
Revises: 0006_corrections

`citizen.name_folded` becomes `fold_name(full_name)` (folded words joined by one space) and is
backfilled; the (name_folded, personal_id) index serves prefixes and name order. Word-anywhere
search moves from `citizen_name_token` (three rows and two index entries per citizen) to a word
index kept by the database: on SQLite a contentless FTS5 table fed by triggers on `citizen`,
on PostgreSQL a GIN expression index over `to_tsvector('simple', name_folded)` (no extension).

A later batch migration that copies `citizen` (SQLite) drops these triggers with the old table:
it must create them again (`create_sqlite_word_index`); the search tests at head would fail.
"""

import sqlalchemy as sa
from alembic import op

from fieldapp.domain.text import fold_name

revision = "0007_name_search"
down_revision = "0006_corrections"
branch_labels = None
depends_on = None

FTS = "citizen_name_fts"
_ROWID = "CAST({}.personal_id AS INTEGER)"  # 12 ASCII digits: unique, and VACUUM cannot move it
_BATCH = 20000


def upgrade() -> None:
    bind = op.get_bind()
    _backfill_name_key(bind)
    with op.batch_alter_table("citizen_name_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_citizen_name_token_personal_id"))
    op.drop_table("citizen_name_token")
    op.drop_index("ix_citizen_name_folded", table_name="citizen")
    op.create_index("ix_citizen_name_key", "citizen", ["name_folded", "personal_id"])
    if bind.dialect.name == "postgresql":
        op.execute(
            'CREATE INDEX ix_citizen_name_c ON citizen (name_folded COLLATE "C", personal_id)'
        )
        op.execute(
            "CREATE INDEX ix_citizen_name_words ON citizen "
            "USING gin (to_tsvector('simple', name_folded))"
        )
    else:
        create_sqlite_word_index()


def create_sqlite_word_index() -> None:
    """The FTS5 table, its triggers, and its rows for the citizens already stored.

    Prefix indexes for 1 to 6 letters (most Vietnamese name words are no longer): a query
    word is then one doclist, not a merge of every word it begins. Measured on 100,000
    names: count p50 1.1 → 0.1 ms, for 15 more bytes per citizen.
    """
    op.execute(
        f"CREATE VIRTUAL TABLE {FTS} USING fts5(name_folded, content='', detail=none, "
        "columnsize=0, prefix='1 2 3 4 5 6')"
    )
    new, old = _ROWID.format("new"), _ROWID.format("old")
    add = f"INSERT INTO {FTS}(rowid, name_folded) VALUES ({new}, new.name_folded);"
    drop = (
        f"INSERT INTO {FTS}({FTS}, rowid, name_folded) VALUES ('delete', {old}, old.name_folded);"
    )
    op.execute(f"CREATE TRIGGER {FTS}_insert AFTER INSERT ON citizen BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {FTS}_delete AFTER DELETE ON citizen BEGIN {drop} END")
    op.execute(
        f"CREATE TRIGGER {FTS}_update AFTER UPDATE OF name_folded, personal_id ON citizen "
        f"BEGIN {drop} {add} END"
    )
    op.execute(
        f"INSERT INTO {FTS}(rowid, name_folded) "
        f"SELECT {_ROWID.format('citizen')}, name_folded FROM citizen"
    )


def _backfill_name_key(bind: sa.engine.Connection) -> None:
    """Write `fold_name` where the stored key differs (names with punctuation, mostly)."""
    citizen = sa.table(
        "citizen", sa.column("personal_id"), sa.column("full_name"), sa.column("name_folded")
    )
    rows = bind.execute(
        sa.select(citizen.c.personal_id, citizen.c.full_name, citizen.c.name_folded)
    )
    changed = [
        {"b_id": pid, "key": fold_name(name)}
        for pid, name, folded in rows
        if fold_name(name) != folded
    ]
    stmt = (
        citizen.update()
        .where(citizen.c.personal_id == sa.bindparam("b_id"))
        .values(name_folded=sa.bindparam("key"))
    )
    for start in range(0, len(changed), _BATCH):
        bind.execute(stmt, changed[start : start + _BATCH])


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("DROP INDEX ix_citizen_name_words")
        op.execute("DROP INDEX ix_citizen_name_c")
    else:
        for suffix in ("insert", "delete", "update"):
            op.execute(f"DROP TRIGGER {FTS}_{suffix}")
        op.execute(f"DROP TABLE {FTS}")
    op.drop_index("ix_citizen_name_key", table_name="citizen")
    op.create_index("ix_citizen_name_folded", "citizen", ["name_folded"])
    op.create_table(
        "citizen_name_token",
        sa.Column("token", sa.String(), nullable=False),
        sa.Column("personal_id", sa.String(), nullable=False),
        sa.ForeignKeyConstraint(["personal_id"], ["citizen.personal_id"]),
        sa.PrimaryKeyConstraint("token", "personal_id"),
    )
    op.create_index(
        "ix_citizen_name_token_personal_id", "citizen_name_token", ["personal_id"], unique=False
    )
    rows = bind.execute(sa.text("SELECT personal_id, name_folded FROM citizen"))
    tokens = [{"t": w, "p": pid} for pid, key in rows for w in sorted(set(key.split()))]
    if tokens:
        bind.execute(
            sa.text("INSERT INTO citizen_name_token (token, personal_id) VALUES (:t, :p)"), tokens
        )

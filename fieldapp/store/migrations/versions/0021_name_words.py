"""name words: a (word, name, ID) table in name order replaces FTS5 and the GIN word index

Revision ID: 0021_name_words
Revises: 0020_figure_summary

Issue 17 (word-anywhere search ≤ 20 ms at 2.7 M citizens): every word of real names matches
tens of thousands of citizens at a province, and neither FTS5 (rowids in personal-ID order)
nor PostgreSQL's GIN index (a bitmap) gives its matches in name order, so a page meant
sorting them all or walking the whole name index. `citizen_name_word` holds one row per
distinct word of a name after its first (the first word is the name index's own order),
keyed (word, name, ID): "word = ? ORDER BY name" is then a range of its key, and a page is
its first rows. Triggers on `citizen` keep it (any writer; the bulk writers pause the insert
trigger and feed it themselves). The personal ID is an integer on SQLite (12 digits fit:
6 bytes, not 13).

A later batch migration that copies `citizen` (SQLite) drops the triggers with the old
table: it must create them again (`create_sqlite_word_triggers`). The table stays.
"""

import importlib.util
from pathlib import Path
from types import ModuleType

from alembic import op

revision = "0021_name_words"
down_revision = "0020_figure_summary"
branch_labels = None
depends_on = None

WORDS = "citizen_name_word"
_FTS = "citizen_name_fts"
# a name's words as rows of json_each (folded names hold only [0-9a-z ]); key 0 is the first
_SPLIT = "json_each('[\"' || replace({}.name_folded, ' ', '\",\"') || '\"]')"
_LATER = "SELECT DISTINCT value FROM " + _SPLIT + " WHERE key > 0"


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX ix_citizen_name_words")
        _postgres_words()
        return
    for suffix in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER IF EXISTS {_FTS}_{suffix}")
    op.execute(f"DROP TABLE {_FTS}")
    op.execute(
        f"CREATE TABLE {WORDS} (word TEXT NOT NULL, name_folded TEXT NOT NULL, "
        "personal_id INTEGER NOT NULL, PRIMARY KEY (word, name_folded, personal_id)) "
        "WITHOUT ROWID"
    )
    op.execute(
        f"INSERT OR IGNORE INTO {WORDS} SELECT w.value, c.name_folded, "
        f"CAST(c.personal_id AS INTEGER) FROM citizen AS c, {_SPLIT.format('c')} AS w "
        "WHERE w.key > 0 ORDER BY 1, 2, 3"
    )
    create_sqlite_word_triggers()


def create_sqlite_word_triggers() -> None:
    """The triggers that keep `citizen_name_word` right on SQLite (drop them with `citizen`)."""
    add = (
        f"INSERT OR IGNORE INTO {WORDS} SELECT value, new.name_folded, "
        f"CAST(new.personal_id AS INTEGER) FROM ({_LATER.format('new')});"
    )
    drop = (
        f"DELETE FROM {WORDS} WHERE word IN ({_LATER.format('old')}) "
        "AND name_folded = old.name_folded AND personal_id = CAST(old.personal_id AS INTEGER);"
    )
    op.execute(f"CREATE TRIGGER {WORDS}_insert AFTER INSERT ON citizen BEGIN {add} END")
    op.execute(f"CREATE TRIGGER {WORDS}_delete AFTER DELETE ON citizen BEGIN {drop} END")
    op.execute(
        f"CREATE TRIGGER {WORDS}_update AFTER UPDATE OF name_folded, personal_id ON citizen "
        f"BEGIN {drop} {add} END"
    )


def _postgres_words() -> None:
    """The table in C order (the name index's collation), kept by one row trigger."""
    op.execute(
        f'CREATE TABLE {WORDS} (word text COLLATE "C" NOT NULL, '
        'name_folded text COLLATE "C" NOT NULL, personal_id varchar(12) NOT NULL, '
        "PRIMARY KEY (word, name_folded, personal_id))"
    )
    later = "(string_to_array({}.name_folded, ' '))[2:]"
    op.execute(
        f"INSERT INTO {WORDS} SELECT DISTINCT w, c.name_folded, c.personal_id "
        f"FROM citizen AS c, unnest({later.format('c')}) AS w"
    )
    op.execute(
        f"CREATE FUNCTION {WORDS}_sync() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
        "IF TG_OP <> 'INSERT' THEN "
        f"DELETE FROM {WORDS} WHERE word = ANY({later.format('OLD')}) "
        "AND name_folded = OLD.name_folded AND personal_id = OLD.personal_id; END IF; "
        "IF TG_OP <> 'DELETE' THEN "
        f"INSERT INTO {WORDS} SELECT DISTINCT w, NEW.name_folded, NEW.personal_id "
        f"FROM unnest({later.format('NEW')}) AS w ON CONFLICT DO NOTHING; END IF; "
        "RETURN NULL; END $$"
    )
    op.execute(
        f"CREATE TRIGGER {WORDS}_sync AFTER INSERT OR DELETE OR UPDATE OF name_folded, "
        f"personal_id ON citizen FOR EACH ROW EXECUTE FUNCTION {WORDS}_sync()"
    )
    op.execute(f"ANALYZE {WORDS}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"DROP TRIGGER {WORDS}_sync ON citizen")
        op.execute(f"DROP FUNCTION {WORDS}_sync()")
        op.execute(f"DROP TABLE {WORDS}")
        op.execute(
            "CREATE INDEX ix_citizen_name_words ON citizen "
            "USING gin (to_tsvector('simple', name_folded)) WITH (fastupdate = off)"
        )
        return
    for suffix in ("insert", "delete", "update"):
        op.execute(f"DROP TRIGGER {WORDS}_{suffix}")
    op.execute(f"DROP TABLE {WORDS}")
    _name_search().create_sqlite_word_index()
    # FTS5 keeps a statement active after a write until its next read, and SQLite refuses to
    # replace a SQL function while one is: 0019's downgrade lends its functions again next
    op.get_bind().exec_driver_sql(f"SELECT count(*) FROM {_FTS} WHERE {_FTS} MATCH 'a'").all()


def _name_search() -> ModuleType:
    """Migration 0007 (its FTS5 index and triggers, made again on the way down)."""
    path = Path(__file__).with_name("0007_name_search.py")
    spec = importlib.util.spec_from_file_location("fieldapp_migration_0007", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module

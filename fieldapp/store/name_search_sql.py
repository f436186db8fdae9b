"""The name search's statements, written out per dialect (`store/name_search.py` runs them).

Plain SQL, run on the database driver itself: a search runs up to three of them per
keystroke, and building, compiling and wrapping them through SQLAlchemy cost as much as
running them (bench/bench_search.py --profile). Parameters are named `:name`; PostgreSQL's
driver (psycopg) gets them as `%(name)s`.

Every statement answers with `CARD_COLUMNS`, in that order, best first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

FTS_TABLE = "citizen_name_fts"

CARD_COLUMNS = (
    "personal_id", "full_name", "birth_date", "sex", "address", "village_id", "phone",
    "old_id", "beneficiary_group", "has_smartphone",
)  # fmt: skip
"""What a search answers with: the domain citizen's fields, in its order (`dm.Citizen`).

Not the stamps, the name's source nor the folded key: the two stamps' conversion cost more
than the rest of a result row together.
"""


def _card(table: str) -> str:
    return ", ".join(f"{table}.{name}" for name in CARD_COLUMNS)


def _words_like(words: int, column: str) -> str:
    """Each query word starts a word of the name: `' ' || name LIKE '% word%'`."""
    return "".join(f" AND ' ' || {column} LIKE :w{i}" for i in range(words))


@dataclass(frozen=True)
class SearchSql:
    """One dialect's statements."""

    prefix: str
    """Exact and prefix: one range of the folded-name index, already in name order."""
    sparse: str
    """Few word matches: the word index names them, then they are sorted by name."""


def _pyformat(sql: str) -> str:
    return re.sub(r"(?<!:):([a-z]\w*)", r"%(\1)s", sql)


_SQLITE = SearchSql(
    prefix=(
        f"SELECT {_card('citizen')} FROM citizen WHERE name_folded >= :lo AND name_folded < :hi "
        "ORDER BY name_folded, personal_id LIMIT :n"
    ),
    # CROSS JOIN keeps SQLite's planner driving from the few matches, then sorting them.
    sparse=(
        f"SELECT {_card('citizen')} FROM (SELECT printf('%012d', rowid) AS pid FROM {FTS_TABLE} "
        f"WHERE {FTS_TABLE} MATCH :q) AS m CROSS JOIN citizen ON citizen.personal_id = m.pid "
        "WHERE NOT (citizen.name_folded >= :lo AND citizen.name_folded < :hi) "
        "ORDER BY citizen.name_folded, citizen.personal_id LIMIT :n"
    ),
)

SQLITE_LAST_ROWID = "SELECT max(rowid) FROM citizen"
SQLITE_COUNT_WORDS = (
    f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :cap)"
)


@cache
def sqlite_dense(words: int) -> str:
    """Many word matches: the name index walked in order, each name's words checked.

    The walk reads the index alone (name and ID; a name's row is read only for the page it
    lands on): reading every walked name's row cost a third more.
    """
    return (
        f"SELECT {_card('citizen')} FROM (SELECT rowid AS r, name_folded AS k, personal_id AS p "
        "FROM citizen WHERE NOT (name_folded >= :lo AND name_folded < :hi)"
        f"{_words_like(words, 'name_folded')} ORDER BY name_folded, personal_id LIMIT :n) AS page "
        "CROSS JOIN citizen ON citizen.rowid = page.r ORDER BY page.k, page.p"
    )


# PostgreSQL compares text by locale; the C collation orders like SQLite and the index.
_C = 'COLLATE "C"'
_POSTGRES = SearchSql(
    prefix=_pyformat(
        f"SELECT {_card('citizen')} FROM citizen WHERE name_folded {_C} >= :lo "
        f"AND name_folded {_C} < :hi ORDER BY name_folded {_C}, personal_id LIMIT :n"
    ),
    # MATERIALIZED: the word index's matches first, then sorted (never a walk filtered by
    # to_tsvector, which the planner otherwise picks for a word it thinks common)
    sparse=_pyformat(
        "WITH m AS MATERIALIZED (SELECT * FROM citizen WHERE to_tsvector('simple', name_folded) "
        f"@@ to_tsquery('simple', :q)) SELECT {_card('m')} FROM m "
        f"WHERE NOT (m.name_folded {_C} >= :lo AND m.name_folded {_C} < :hi) "
        f"ORDER BY m.name_folded {_C}, m.personal_id LIMIT :n"
    ),
)


@cache
def postgres_walk(words: int) -> str:
    """The first `walk` names in order, those with a word starting with each query word."""
    return _pyformat(
        f"SELECT {_card('f')} FROM (SELECT {_card('citizen')}, citizen.name_folded FROM citizen "
        f"ORDER BY name_folded {_C}, personal_id LIMIT :walk) AS f "
        f"WHERE NOT (f.name_folded {_C} >= :lo AND f.name_folded {_C} < :hi)"
        f"{_words_like(words, 'f.name_folded')} ORDER BY f.name_folded {_C}, f.personal_id "
        "LIMIT :n"
    )


def statements(postgres: bool) -> SearchSql:
    """The statements of one dialect."""
    return _POSTGRES if postgres else _SQLITE

"""Name search over `citizen.name_folded`: an index range for prefixes, a word index for the rest.

Ranking: the exact folded name, then names starting with the query, then names with a word
starting with each query word, each tier by folded name. Three tiers, two paths:

- exact and prefix are one range scan of the folded-name index (an exact name sorts before
  every longer name it begins), so the first page of any query, one letter included, comes
  straight off the index;
- word-anywhere matches come from a word index (SQLite FTS5, PostgreSQL `to_tsvector` GIN),
  which names the matching citizens; when few match they are sorted by name, and when many
  match (a common word, one letter) the folded-name index is walked in order with a word
  filter instead, which finds a page of dense matches in a few thousand rows
  (`_dense_above` says where one beats the other).

The word index is kept by triggers (SQLite) or is an expression index (PostgreSQL): every
writer of `citizen` keeps it right without knowing it exists. Its rowid is the personal ID as
a number (12 ASCII digits fit in 64 bits), not the citizen's rowid, which VACUUM may renumber.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from sqlalchemy import Integer, String, Table, TextClause, bindparam, literal, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.sql import Select

from fieldapp.domain.text import fold_name
from fieldapp.store import tables as t

FTS_TABLE = "citizen_name_fts"
_AFTER_Z = "{"  # the character after "z": folded names hold only [0-9a-z ]
CITIZEN: Table = t.Citizen.__table__  # type: ignore[attr-defined]
_COLUMNS = ", ".join(f"citizen.{c.name}" for c in CITIZEN.c)


POSTGRES_INDEXES = frozenset({"ix_citizen_name_c", "ix_citizen_name_words"})


def is_search_index_table(name: str) -> bool:
    """FTS5's own tables (the index and its shadow tables), which the models do not declare."""
    return name == FTS_TABLE or name.startswith(f"{FTS_TABLE}_")


def is_search_index(name: str, type_: str) -> bool:
    """The search's own objects, which the models do not declare.

    FTS5's tables on SQLite; PostgreSQL's expression indexes (C-collation name order and
    `to_tsvector` words).
    """
    if type_ == "table":
        return is_search_index_table(name)
    return type_ == "index" and name in POSTGRES_INDEXES


def search(
    connection: Connection,
    query: str,
    limit: int,
    *,
    dense_above: int | None = None,
    walk: int | None = None,
) -> list[Any]:
    """Citizen rows for a query, best first, at most `limit` (see the module's ranking).

    `dense_above` (SQLite) and `walk` (PostgreSQL) choose the word-match path; tests set them
    to take one path or the other.
    """
    key = fold_name(query)
    if not key or limit <= 0:
        return []
    postgres = connection.dialect.name == "postgresql"
    bounds = {"lo": key, "hi": key + _AFTER_Z}
    found = list(connection.execute(_statements(postgres).prefix, bounds | {"n": limit}))
    if len(found) >= limit:
        return found
    words = key.split()
    rest = bounds | {"n": limit - len(found)}
    patterns = {f"w{i}": f"% {w}%" for i, w in enumerate(words)}
    if postgres:
        return found + _postgres_words(connection, words, rest, patterns, walk)
    match = _fts_query(words)
    if dense_above is None:
        dense_above = _dense_above(connection)
    count = connection.execute(_COUNT_FTS, {"q": match, "cap": dense_above + 1}).scalar_one()
    if count > dense_above:
        dense = _dense_sqlite(len(words))
        return found + list(connection.execute(dense, rest | patterns))
    if count == 0:
        return found
    return found + list(connection.execute(_SPARSE_SQLITE, rest | {"q": match}))


POSTGRES_WALK = 300
"""Names walked in order before asking the GIN word index (PostgreSQL).

A GIN index answers with a bitmap of every match, so a common word ("thi", one letter)
costs its whole posting list and a sort of its rows; walking the C-collation name index in
order with a `LIKE` filter fills a page of such a word within a few hundred names. Left to
itself the planner walked with `to_tsvector` as the filter instead (≈ 5 µs a name: 13-23 ms
for "thi" or "huong" at 100,000 citizens), so the two paths are chosen here: a bounded walk
(a page found in it is the first page in name order), else the word index's matches, sorted.
When the first names show the word is common (one name in `POSTGRES_DENSE` or more), the walk
goes on for about three pages' worth of names first: at 100,000 citizens a walk costs about
as much as the word index's path near that density (bench/bench_search_pg.py).
"""
POSTGRES_DENSE = 33


def _postgres_words(
    connection: Connection,
    words: list[str],
    rest: dict[str, Any],
    patterns: dict[str, str],
    walk: int | None,
) -> list[Any]:
    """Word matches on PostgreSQL: a bounded walk of the name order, else the GIN index."""
    walk = POSTGRES_WALK if walk is None else walk
    wanted = rest["n"]
    if walk > 0:
        walked = _walk_postgres(len(words))
        found = list(connection.execute(walked, rest | patterns | {"walk": walk}))
        if len(found) < wanted and len(found) * POSTGRES_DENSE >= walk:
            # a common word: walking on for about three pages' worth beats its posting list
            further = 3 * wanted * walk // len(found)
            found = list(connection.execute(walked, rest | patterns | {"walk": further}))
        if len(found) >= wanted:
            return found
    return list(connection.execute(_SPARSE_POSTGRES, rest | {"q": _ts_query(words)}))


@cache
def _walk_postgres(words: int) -> Select:
    """The first `walk` names in order, those with a word starting with each query word."""
    built = _statements(True)
    first = (
        select(CITIZEN).order_by(*built.order).limit(bindparam("walk", type_=Integer)).subquery()
    )
    name = first.c.name_folded.collate("C")
    padded = literal(" ", String) + first.c.name_folded
    walked = select(*first.c).where(
        ~((name >= bindparam("lo", type_=String)) & (name < bindparam("hi", type_=String)))
    )
    for i in range(words):
        walked = walked.where(padded.like(bindparam(f"w{i}", type_=String)))
    limit = bindparam("n", type_=Integer)
    return walked.order_by(name, first.c.personal_id).limit(limit)


def _dense_above(connection: Connection) -> int:
    """Word matches above which walking the name index beats sorting the matches.

    Sorting m matches costs about 2.6 µs each (a key lookup and a row read); walking the
    name index to fill a page of 50 reads about 50·N/m names at 0.2 µs: the two meet near
    m = 1.3·√N (about 400 at 100,000 citizens, 2,100 at 2.7 million). N is read from the
    largest rowid, which costs one index probe, not a count.
    """
    citizens = connection.execute(_LAST_ROWID).scalar() or 0
    return max(200, int(1.3 * citizens**0.5))


class _Statements:
    """Statements built once per dialect: building one costs more than running it."""

    def __init__(self, postgres: bool) -> None:
        # PostgreSQL compares text by locale; the C collation orders like SQLite and the index.
        name = CITIZEN.c.name_folded.collate("C") if postgres else CITIZEN.c.name_folded
        self.order = (name, CITIZEN.c.personal_id)
        self.starts = (name >= bindparam("lo", type_=String)) & (
            name < bindparam("hi", type_=String)
        )
        limit = bindparam("n", type_=Integer)
        self.prefix: Select = select(CITIZEN).where(self.starts).order_by(*self.order).limit(limit)


@cache
def _statements(postgres: bool) -> _Statements:
    return _Statements(postgres)


@cache
def _dense_sqlite(words: int) -> Select:
    """Names in order, each checked for a word starting with each query word."""
    built = _statements(False)
    padded = literal(" ", String) + CITIZEN.c.name_folded
    dense = select(CITIZEN).where(~built.starts)
    for i in range(words):
        dense = dense.where(padded.like(bindparam(f"w{i}", type_=String)))
    return dense.order_by(*built.order).limit(bindparam("n", type_=Integer))


_LAST_ROWID = text("SELECT max(rowid) FROM citizen")
_COUNT_FTS = text(
    f"SELECT count(*) FROM (SELECT 1 FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q LIMIT :cap)"
)
# CROSS JOIN keeps SQLite's planner driving from the few matches, then sorting them.
_SPARSE_SQLITE: TextClause = text(
    f"SELECT {_COLUMNS} FROM (SELECT printf('%012d', rowid) AS pid FROM {FTS_TABLE} "
    f"WHERE {FTS_TABLE} MATCH :q) AS m CROSS JOIN citizen ON citizen.personal_id = m.pid "
    "WHERE NOT (citizen.name_folded >= :lo AND citizen.name_folded < :hi) "
    "ORDER BY citizen.name_folded, citizen.personal_id LIMIT :n"
).columns(*CITIZEN.c)  # type: ignore[assignment]


# MATERIALIZED: the word index's matches first, then sorted (never a walk filtered by
# to_tsvector, which the planner otherwise picks for a word it thinks common)
_SPARSE_POSTGRES: TextClause = text(
    "WITH m AS MATERIALIZED (SELECT * FROM citizen WHERE to_tsvector('simple', name_folded) "
    "@@ to_tsquery('simple', :q)) "
    f"SELECT {_COLUMNS.replace('citizen.', 'm.')} FROM m "
    'WHERE NOT (m.name_folded COLLATE "C" >= :lo AND m.name_folded COLLATE "C" < :hi) '
    'ORDER BY m.name_folded COLLATE "C", m.personal_id LIMIT :n'
).columns(*CITIZEN.c)  # type: ignore[assignment]


def _fts_query(words: list[str], star: str = "*") -> str:
    return " ".join(f'"{w}"{star}' for w in words)


def _ts_query(words: list[str], star: str = ":*") -> str:
    return " & ".join(f"{w}{star}" for w in words)


def word_match_ids(connection: Connection, words: list[str], *, prefix: bool = True) -> list[str]:
    """Personal IDs whose name has a word starting with each of `words`, as the index says.

    `prefix=False`: a word equal to each. Tests use it to see what the index holds.
    """
    if connection.dialect.name == "postgresql":
        sql = (
            "SELECT personal_id FROM citizen WHERE to_tsvector('simple', name_folded) "
            "@@ to_tsquery('simple', :q)"
        )
        query = _ts_query(words, ":*" if prefix else "")
        return [r[0] for r in connection.execute(text(sql), {"q": query})]
    sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q"
    query = _fts_query(words, "*" if prefix else "")
    return [f"{r[0]:012d}" for r in connection.execute(text(sql), {"q": query})]


_INSERT_TRIGGER = f"{FTS_TABLE}_insert"


def pause_word_trigger(connection: Connection) -> str | None:
    """Drop the word index's insert trigger for a bulk write; returns what brings it back.

    Measured on 30,000 new citizens: through the trigger the inserts cost 1.0 s of CPU, the
    same rows plus one `executemany` into the word index 0.24 s. The drop is part of the
    writer's transaction: a rollback (a cancel, an error) brings the trigger back by itself,
    and a commit must follow `resume_word_trigger`. None on PostgreSQL (no trigger there).
    """
    if connection.dialect.name != "sqlite":
        return None
    found = connection.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (_INSERT_TRIGGER,)
    ).scalar()
    if found is None:
        return None
    connection.exec_driver_sql(f"DROP TRIGGER {_INSERT_TRIGGER}")
    return str(found)


def add_words(connection: Connection, rows: list[tuple[str, str]]) -> None:
    """Index new citizens' names, (personal ID, folded name), while the trigger is paused."""
    if rows:
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}(rowid, name_folded) VALUES (?, ?)",
            [(int(pid), name) for pid, name in rows],
        )


def resume_word_trigger(connection: Connection, sql: str | None) -> None:
    """Bring back the trigger `pause_word_trigger` dropped, before the commit."""
    if sql is not None:
        connection.exec_driver_sql(sql)

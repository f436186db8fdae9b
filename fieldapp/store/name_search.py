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

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.engine import Connection, Dialect

from fieldapp.domain.text import fold_name
from fieldapp.store import tables as t
from fieldapp.store.name_search_sql import (
    CARD_COLUMNS,
    FTS_TABLE,
    SQLITE_COUNT_WORDS,
    SQLITE_LAST_ROWID,
    postgres_walk,
    sqlite_dense,
    statements,
)

__all__ = ["CARD_COLUMNS", "FTS_TABLE", "search"]

_AFTER_Z = "{"  # the character after "z": folded names hold only [0-9a-z ]
CITIZEN: Table = t.Citizen.__table__  # type: ignore[attr-defined]

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


Card = tuple[Any, ...]
"""A citizen's `CARD_COLUMNS` values, converted as the table's column types convert them."""


def search(
    connection: Connection,
    query: str,
    limit: int,
    *,
    dense_above: int | None = None,
    walk: int | None = None,
) -> list[Card]:
    """Citizens' card values for a query, best first, at most `limit` (the module's ranking).

    `dense_above` (SQLite) and `walk` (PostgreSQL) choose the word-match path; tests set them
    to take one path or the other.
    """
    key = fold_name(query)
    if not key or limit <= 0:
        return []
    driver = _Driver(connection)
    try:
        return _search(driver, key, limit, dense_above, walk)
    finally:
        driver.close()


def _search(
    driver: _Driver, key: str, limit: int, dense_above: int | None, walk: int | None
) -> list[Card]:
    sql = statements(driver.postgres)
    bounds = {"lo": key, "hi": key + _AFTER_Z}
    found = driver.rows(sql.prefix, bounds | {"n": limit})
    if len(found) >= limit:
        return found
    words = key.split()
    rest = bounds | {"n": limit - len(found)}
    patterns = {f"w{i}": f"% {w}%" for i, w in enumerate(words)}
    if driver.postgres:
        return found + _postgres_words(driver, words, rest, patterns, walk)
    match = _fts_query(words)
    if dense_above is None:
        dense_above = _dense_above(driver.value(SQLITE_LAST_ROWID, {}) or 0)
    count = driver.value(SQLITE_COUNT_WORDS, {"q": match, "cap": dense_above + 1})
    if count > dense_above:
        return found + driver.rows(sqlite_dense(len(words)), rest | patterns)
    if count == 0:
        return found
    return found + driver.rows(sql.sparse, rest | {"q": match})


class _Driver:
    """The search's statements on the database driver itself, rows as plain tuples.

    Up to three statements per keystroke, each some hundred µs of SQL: SQLAlchemy's
    execution and row objects around them cost about as much again. Values are converted by
    the citizen columns' own types (their result processors), so the storage forms stay
    SQLAlchemy's to decide. It runs in the caller's transaction, on its connection.
    """

    def __init__(self, connection: Connection) -> None:
        self.postgres = connection.dialect.name == "postgresql"
        self.cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        self.converters = _converters(connection.dialect)

    def rows(self, sql: str, params: dict[str, Any]) -> list[Card]:
        self.cursor.execute(sql, params)
        rows = self.cursor.fetchall()
        if not self.converters:
            return rows
        converted = []
        for row in rows:
            values = list(row)
            for i, convert in self.converters:
                values[i] = convert(values[i])
            converted.append(tuple(values))
        return converted

    def value(self, sql: str, params: dict[str, Any]) -> Any:
        self.cursor.execute(sql, params)
        row = self.cursor.fetchone()
        return None if row is None else row[0]

    def close(self) -> None:
        self.cursor.close()


@lru_cache(maxsize=16)
def _converters(dialect: Dialect) -> tuple[tuple[int, Callable[[Any], Any]], ...]:
    """(position, convert) for the card columns whose driver value is not the Python value."""
    found = []
    for i, name in enumerate(CARD_COLUMNS):
        kind = CITIZEN.c[name].type
        convert = kind.dialect_impl(dialect).result_processor(dialect, None)
        if convert is not None:
            found.append((i, convert))
    return tuple(found)


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
as much as the word index's path near that density (bench/bench_search.py --postgres).
"""
POSTGRES_DENSE = 33


def _postgres_words(
    driver: _Driver,
    words: list[str],
    rest: dict[str, Any],
    patterns: dict[str, str],
    walk: int | None,
) -> list[Card]:
    """Word matches on PostgreSQL: a bounded walk of the name order, else the GIN index."""
    walk = POSTGRES_WALK if walk is None else walk
    wanted = rest["n"]
    if walk > 0:
        walked = postgres_walk(len(words))
        found = driver.rows(walked, rest | patterns | {"walk": walk})
        if len(found) < wanted and len(found) * POSTGRES_DENSE >= walk:
            # a common word: walking on for about three pages' worth beats its posting list
            further = 3 * wanted * walk // len(found)
            found = driver.rows(walked, rest | patterns | {"walk": further})
        if len(found) >= wanted:
            return found
    return driver.rows(statements(True).sparse, rest | {"q": _ts_query(words)})


def _dense_above(citizens: int) -> int:
    """Word matches above which walking the name index beats sorting the matches.

    Sorting m matches costs about 2.6 µs each (a key lookup and a row read); walking the
    name index to fill a page of 50 reads about 50·N/m names at 0.2 µs: the two meet near
    m = 1.3·√N (about 400 at 100,000 citizens, 2,100 at 2.7 million). N is the largest
    rowid, which costs one index probe, not a count.
    """
    return max(200, int(1.3 * citizens**0.5))


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

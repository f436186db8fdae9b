"""Name search over `citizen.name_folded`: an index range for prefixes, a word table for the rest.

Ranking: the exact folded name, then names starting with the query, then names with a word
starting with each query word, each tier by folded name. Two paths, each read in name order
and stopped at the page:

- exact and prefix are one range scan of the folded-name index (an exact name sorts before
  every longer name it begins), so the first page of any query, one letter included, comes
  straight off the index;
- word-anywhere matches come from the word table (migration 0021: one (word, name, ID) row
  per word of a name after its first, keyed in that order): each word the lead query word
  begins is a key range already in name order, the first word of a name is the name index's
  own range, and the union of those ranges, filtered by the other query words, stops at the
  page. A common word costs a page, not its tens of thousands of matches.

The table is kept by triggers on `citizen`: every writer of `citizen` keeps it right without
knowing it exists (bulk writers pause the insert trigger and feed it sorted, `add_words`).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

from sqlalchemy import Table, text
from sqlalchemy.engine import Connection, Dialect

from fieldapp.domain.text import fold_name
from fieldapp.store import name_search_sql as sql
from fieldapp.store import tables as t
from fieldapp.store.name_search_sql import CARD_COLUMNS, WORD_TABLE

__all__ = ["CARD_COLUMNS", "WORD_TABLE", "search"]

_AFTER_Z = "{"  # the character after "z": folded names hold only [0-9a-z ]
CITIZEN: Table = t.Citizen.__table__  # type: ignore[attr-defined]

POSTGRES_INDEXES = frozenset({"ix_citizen_name_c"})

VOCABULARY_CAP = 24
"""Later words a query word may begin before the search walks the name index instead.

One arm of the union per word; a word begun by more (one or two letters on a real
province's names) is dense, and the walk finds a page of it within a few thousand names.
"""

LEAD_COUNT_CAP = 3000
"""How far each query word's names are counted when choosing the lead word."""

LEAP_STEPS = 4000
"""Seeks a leapfrog join may take (≈ 10 ms on SQLite) before the search walks instead.

Two rare-together words at 2.7 M names took 40-400 seeks (the names' blocks); a pair
whose names interleave name by name would cost more seeks than the walk's checks.
"""


def is_search_index_table(name: str) -> bool:
    """The word table (migration 0021), which the models do not declare."""
    return name == WORD_TABLE


def is_search_index(name: str, type_: str) -> bool:
    """The search's own objects, which the models do not declare.

    The word table; PostgreSQL's C-collation name index (an expression index).
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
    vocabulary_cap: int | None = None,
    leap_steps: int | None = None,
) -> list[Card]:
    """Citizens' card values for a query, best first, at most `limit` (the module's ranking).

    `vocabulary_cap` (default `VOCABULARY_CAP`) chooses the word path: tests set it to 0
    (always walk the name index) or very high (always the word table's ranges).
    `leap_steps` (default `LEAP_STEPS`) bounds the leapfrog join of two words; 0: never.
    """
    key = fold_name(query)
    if not key or limit <= 0:
        return []
    driver = _Driver(connection)
    try:
        return _search(
            driver,
            key,
            limit,
            VOCABULARY_CAP if vocabulary_cap is None else vocabulary_cap,
            LEAP_STEPS if leap_steps is None else leap_steps,
        )
    finally:
        driver.close()


def _search(driver: _Driver, key: str, limit: int, cap: int, steps: int) -> list[Card]:
    pg = driver.postgres
    bounds = {"lo": key, "hi": key + _AFTER_Z}
    found = driver.rows(sql.prefix(pg), bounds | {"n": limit})
    if len(found) >= limit:
        return found
    words = key.split()
    rest = bounds | {"n": limit - len(found)}
    order = _by_names(driver, words)
    lead = order[0]
    vocabulary = _vocabulary(driver, lead, cap)
    if len(vocabulary) > cap:
        patterns = {f"w{i}": f"% {w}%" for i, w in enumerate(words)}
        return found + driver.rows(sql.dense_walk(pg, len(words)), rest | patterns)
    if len(order) > 1 and steps > 0 and not pg:
        page = _leapfrog(driver, words, order, vocabulary, rest, cap, steps)
        if page is not None:
            return found + page
    span = {"lo": lead, "hi": lead + _AFTER_Z}
    others = list(words)
    others.remove(lead)
    # one word: names whose first word starts with it are the prefix tier, already listed
    first_word = bool(others)
    if not vocabulary and not first_word:
        return found
    params = rest | {f"v{i}": w for i, w in enumerate(vocabulary)}
    params |= {f"w{i}": f"% {w}%" for i, w in enumerate(others)}
    params |= {"dlo": span["lo"], "dhi": span["hi"]}
    statement = sql.word_arms(pg, len(vocabulary), len(others), first_word)
    return found + driver.rows(statement, params)


def _by_names(driver: _Driver, words: list[str]) -> list[str]:
    """The distinct query words, fewest names first (counted up to a cap), ties to the longest.

    The first leads: its ranges are walked and the other words checked on each name, so the
    walk is at most its names even when the words together are rare.
    """
    distinct = list(dict.fromkeys(words))
    if len(distinct) == 1:
        return distinct
    counts = {
        w: driver.value(
            sql.word_count(driver.postgres), {"lo": w, "hi": w + _AFTER_Z, "cap": LEAD_COUNT_CAP}
        )
        for w in distinct
    }
    return sorted(distinct, key=lambda w: (counts[w], -len(w)))


def _vocabulary(driver: _Driver, word: str, cap: int) -> list[str]:
    """The later words a query word begins, up to `cap` + 1 (more: the word is dense)."""
    span = {"lo": word, "hi": word + _AFTER_Z, "cap": cap + 1}
    return [r[0] for r in driver.rows(sql.vocabulary(driver.postgres), span, raw=True)]


def _leapfrog(
    driver: _Driver,
    words: list[str],
    order: list[str],
    lead_words: list[str],
    rest: dict[str, Any],
    cap: int,
    steps: int,
) -> list[Card] | None:
    """The word tier by the leapfrog join of the two rarest words (`sql.leapfrog`).

    None when it cannot answer: the second word is dense, or the join took `steps` seeks.
    """
    other = order[1]
    other_words = _vocabulary(driver, other, cap)
    if len(other_words) > cap:
        return None
    remaining = list(words)
    remaining.remove(order[0])
    remaining.remove(other)
    params = rest | {"start": "\t", "steps": steps}
    params |= {"llo": order[0], "lhi": order[0] + _AFTER_Z, "olo": other, "ohi": other + _AFTER_Z}
    params |= {f"lv{i}": w for i, w in enumerate(lead_words)}
    params |= {f"ov{i}": w for i, w in enumerate(other_words)}
    params |= {f"w{i}": f"% {w}%" for i, w in enumerate(remaining)}
    statement = sql.leapfrog(len(lead_words), len(other_words), len(remaining))
    rows = driver.rows(statement, params)
    if any(row[-1] == steps for row in rows):
        return None
    return [row[:-1] for row in rows]


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

    def rows(self, statement: str, params: dict[str, Any], *, raw: bool = False) -> list[Any]:
        self.cursor.execute(statement, params)
        rows = self.cursor.fetchall()
        if raw or not self.converters:
            return rows
        converted = []
        for row in rows:
            values = list(row)
            for i, convert in self.converters:
                values[i] = convert(values[i])
            converted.append(tuple(values))
        return converted

    def value(self, statement: str, params: dict[str, Any]) -> Any:
        self.cursor.execute(statement, params)
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


def word_match_ids(connection: Connection, word: str) -> list[str]:
    """Personal IDs whose name holds `word` as a whole word, as the name indexes say.

    Tests use it to see what the word table (and the name index, for first words) holds.
    """
    c = ' COLLATE "C"' if connection.dialect.name == "postgresql" else ""
    found = connection.execute(
        text(
            f"SELECT personal_id FROM citizen WHERE name_folded{c} = :w OR "
            f"(name_folded{c} >= :lo AND name_folded{c} < :hi) "
            f"UNION SELECT personal_id FROM {WORD_TABLE} WHERE word = :w"
        ),
        {"w": word, "lo": word + " ", "hi": word + " " + _AFTER_Z},
    )
    return sorted(f"{int(pid):012d}" for pid in found.scalars())


_INSERT_TRIGGER = f"{WORD_TABLE}_insert"


def pause_word_trigger(connection: Connection) -> str | None:
    """Drop the word table's insert trigger for a bulk write; returns what brings it back.

    The trigger splits and writes one name at a time; the bulk writers add every new name's
    words in one sorted `executemany` (`add_words`). The drop is part of the writer's
    transaction: a rollback (a cancel, an error) brings the trigger back by itself, and a
    commit must follow `resume_word_trigger`. None on PostgreSQL (its row trigger stays).
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


def word_rows(rows: list[tuple[str, str]]) -> list[tuple[str, str, int]]:
    """The word table's rows for (personal ID, folded name) pairs, in its key order.

    In key order the B-tree fills page after page instead of touching a page per row.
    """
    return sorted({(word, name, int(pid)) for pid, name in rows for word in name.split()[1:]})


def add_words(connection: Connection, rows: list[tuple[str, str]]) -> None:
    """Index new citizens' names, (personal ID, folded name), while the trigger is paused."""
    if rows:
        connection.exec_driver_sql(
            f"INSERT OR IGNORE INTO {WORD_TABLE} (word, name_folded, personal_id) VALUES (?, ?, ?)",
            word_rows(rows),
        )


def resume_word_trigger(connection: Connection, paused: str | None) -> None:
    """Bring back the trigger `pause_word_trigger` dropped, before the commit."""
    if paused is not None:
        connection.exec_driver_sql(paused)

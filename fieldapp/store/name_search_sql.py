"""The name search's statements, written out per dialect (`store/name_search.py` runs them).

Plain SQL, run on the database driver itself: a search runs a few of them per keystroke,
and building, compiling and wrapping them through SQLAlchemy cost as much as running them
(bench/bench_search.py --profile). Parameters are named `:name`; PostgreSQL's driver
(psycopg) gets them as `%(name)s`.

Every search statement answers with `CARD_COLUMNS`, in that order, best first.
"""

from __future__ import annotations

import re
from functools import cache

WORD_TABLE = "citizen_name_word"
"""(word, folded name, personal ID) for each word of a name after its first (migration 0021)."""

CARD_COLUMNS = (
    "personal_id", "full_name", "birth_date", "sex", "address", "village_id", "phone",
    "old_id", "beneficiary_group", "has_smartphone",
)  # fmt: skip
"""What a search answers with: the domain citizen's fields, in its order (`dm.Citizen`).

Not the stamps, the name's source nor the folded key: the two stamps' conversion cost more
than the rest of a result row together.
"""

# PostgreSQL compares text by locale; the C collation orders like SQLite and the indexes.
_C = ' COLLATE "C"'


def _card(table: str) -> str:
    return ", ".join(f"{table}.{name}" for name in CARD_COLUMNS)


def _words_like(words: int, column: str) -> str:
    """Each query word starts a word of the name: `' ' || name LIKE '% word%'`."""
    return "".join(f" AND ' ' || {column} LIKE :w{i}" for i in range(words))


def _pyformat(sql: str) -> str:
    return re.sub(r"(?<!:):([a-z]\w*)", r"%(\1)s", sql)


def _dialect(sql: str, postgres: bool) -> str:
    return _pyformat(sql) if postgres else sql


@cache
def prefix(postgres: bool) -> str:
    """Exact and prefix: one range of the folded-name index, already in name order."""
    c = _C if postgres else ""
    return _dialect(
        f"SELECT {_card('citizen')} FROM citizen WHERE name_folded{c} >= :lo "
        f"AND name_folded{c} < :hi ORDER BY name_folded{c}, personal_id LIMIT :n",
        postgres,
    )


@cache
def vocabulary(postgres: bool) -> str:
    """The distinct later words starting with a query word, one index probe each."""
    return _dialect(
        "WITH RECURSIVE v(w) AS (SELECT (SELECT word FROM "
        f"{WORD_TABLE} WHERE word >= :lo AND word < :hi ORDER BY word LIMIT 1) UNION ALL "
        f"SELECT (SELECT word FROM {WORD_TABLE} WHERE word > v.w AND word < :hi "
        "ORDER BY word LIMIT 1) FROM v WHERE v.w IS NOT NULL) "
        "SELECT w FROM v WHERE w IS NOT NULL LIMIT :cap",
        postgres,
    )


@cache
def word_count(postgres: bool) -> str:
    """Names with a word starting with a query word, counted up to `cap` in each index."""
    c = _C if postgres else ""
    return _dialect(
        f"SELECT (SELECT count(*) FROM (SELECT 1 FROM {WORD_TABLE} WHERE word >= :lo "
        "AND word < :hi LIMIT :cap) AS a) + (SELECT count(*) FROM (SELECT 1 FROM citizen "
        f"WHERE name_folded{c} >= :lo AND name_folded{c} < :hi LIMIT :cap) AS b)",
        postgres,
    )


@cache
def word_arms(postgres: bool, arms: int, filters: int, first_word: bool) -> str:
    """A page of names with a word starting with the lead query word, in name order.

    One arm per word of the lead's vocabulary (`:v0`…): a range of the word table's key,
    already in name order; with `first_word`, one more arm for names whose first word
    starts with it (`:dlo`…`:dhi`, the name index). Each arm stops at `:n` names holding
    every other query word (`:w0`…) and outside the prefix tier (`:lo`…`:hi`); the union
    keeps the first `:n`, and only the page's rows are read.
    """
    c = _C if postgres else ""
    outside = f"NOT (name_folded{c} >= :lo AND name_folded{c} < :hi)"
    likes = _words_like(filters, "name_folded")
    parts = [
        f"SELECT k, p FROM (SELECT name_folded AS k, personal_id AS p FROM {WORD_TABLE} "
        f"WHERE word = :v{i} AND {outside}{likes} ORDER BY name_folded, personal_id "
        f"LIMIT :n) AS a{i}"
        for i in range(arms)
    ]
    if first_word:
        # on SQLite the word table's IDs are integers: the union compares like with like
        pid = "p" if postgres else "CAST(p AS INTEGER) AS p"
        parts.append(
            f"SELECT k, {pid} FROM (SELECT name_folded{c} AS k, personal_id AS p FROM citizen "
            f"WHERE name_folded{c} >= :dlo AND name_folded{c} < :dhi AND {outside}{likes} "
            f"ORDER BY name_folded{c}, personal_id LIMIT :n) AS f"
        )
    page = " UNION ".join(parts) + " ORDER BY 1, 2 LIMIT :n"
    if postgres:
        join = "JOIN citizen ON citizen.personal_id = page.p"
    else:  # CROSS JOIN: the page first, then each row by its key
        join = "CROSS JOIN citizen ON citizen.personal_id = printf('%012d', page.p)"
    return _dialect(
        f"SELECT {_card('citizen')} FROM ({page}) AS page {join} ORDER BY page.k, page.p",
        postgres,
    )


@cache
def dense_walk(postgres: bool, words: int) -> str:
    """The name index walked in order, each name's words checked (a very short word).

    For a query word that starts more later words than the search makes arms for (one or
    two letters): such words are dense, so a page is found within a few thousand names.
    The walk reads the index alone; a name's row is read only for the page it lands on.
    """
    c = _C if postgres else ""
    join = "personal_id = page.p" if postgres else "rowid = page.r"
    rowid = "" if postgres else "rowid AS r, "
    return _dialect(
        f"SELECT {_card('citizen')} FROM (SELECT {rowid}name_folded{c} AS k, personal_id AS p "
        f"FROM citizen WHERE NOT (name_folded{c} >= :lo AND name_folded{c} < :hi)"
        f"{_words_like(words, 'name_folded')} ORDER BY name_folded{c}, personal_id LIMIT :n) "
        f"AS page {'JOIN' if postgres else 'CROSS JOIN'} citizen ON citizen.{join} "
        "ORDER BY page.k, page.p",
        postgres,
    )


# The leapfrog join (SQLite): a key is a name and its ID as one text, "name<TAB>012345678901".
# A tab sorts before the space and every letter, so the texts sort as (name, ID) pairs do.
_TAB = "char(9)"


def _name_of(key: str) -> str:
    return f"substr({key}, 1, instr({key}, {_TAB}) - 1)"


def _id_of(key: str) -> str:
    return f"substr({key}, instr({key}, {_TAB}) + 1)"


def _seek(side: str, arms: int, key: str, strict: bool) -> str:
    """The first key of a query word's names at or after `key` (after it, if `strict`).

    A word's names are its vocabulary's ranges of the word table (`:{side}v0`…) and the
    names whose first word starts with it (`:{side}lo`…`:{side}hi`, the name index); each
    is one index seek, the smallest answer wins.
    """
    op = ">" if strict else ">="
    name, pid = _name_of(key), _id_of(key)
    found = [
        f"SELECT (SELECT name_folded || {_TAB} || printf('%012d', personal_id) FROM "
        f"{WORD_TABLE} WHERE word = :{side}v{i} AND (name_folded, personal_id) {op} "
        f"({name}, CAST({pid} AS INTEGER)) ORDER BY name_folded, personal_id LIMIT 1) AS z"
        for i in range(arms)
    ]
    # the range's own start when the key is before it (so the seek starts inside the range)
    found.append(
        f"SELECT (SELECT name_folded || {_TAB} || personal_id FROM citizen "
        f"WHERE name_folded < :{side}hi AND (name_folded, personal_id) {op} "
        f"(max({name}, :{side}lo), CASE WHEN {name} < :{side}lo THEN '' ELSE {pid} END) "
        "ORDER BY name_folded, personal_id LIMIT 1) AS z"
    )
    return f"(SELECT min(z) FROM ({' UNION ALL '.join(found)}))"


@cache
def leapfrog(lead_arms: int, other_arms: int, filters: int) -> str:
    """SQLite: a page of names holding two query words, walking both words' names at once.

    Two common words that rarely meet ("van huong": each in tens of thousands of names,
    both in none) cost a walk of the lead word's every name on `word_arms`. Here the lead
    word's next name (`:lv…`, `:llo`) and the other word's next name (`:ov…`, `:olo`) leap
    over each other by index seeks: names come in blocks (a family, then a middle name), so
    a few hundred seeks cross millions of names. A name both land on is a match if it holds
    the remaining query words (`:w0`…) and is outside the prefix tier. Stops at `:n` matches,
    or after `:steps` seeks: then the last row has `d = :steps` and the caller asks
    `word_arms` instead (words that interleave name by name would make seeks cost more than
    the walk). Answers with `CARD_COLUMNS`, then `d`.
    """
    other = _seek("o", other_arms, "s.x", False)
    start = _seek("l", lead_arms, ":start", False)
    after_hit, after_other = _seek("l", lead_arms, "s.x", True), _seek("l", lead_arms, "y", False)
    name = _name_of("x")
    keep = f"NOT ({name} >= :lo AND {name} < :hi){_words_like(filters, name)}"
    hit = _seek("o", other_arms, "x", False)
    # the recursive table may appear once, at the top of its step: the other word's seek
    # is a scalar subquery of the step (and made again for a candidate of the page)
    return (
        f"WITH RECURSIVE s(x, d) AS (SELECT {start}, 1 UNION ALL "
        f"SELECT (SELECT CASE WHEN y = s.x THEN {after_hit} WHEN y IS NULL THEN NULL "
        f"ELSE {after_other} END FROM (SELECT {other} AS y)), s.d + 1 FROM s "
        "WHERE s.x IS NOT NULL AND s.d < :steps), "
        f"page(x, d) AS (SELECT x, d FROM s WHERE x IS NOT NULL AND (({keep} AND {hit} = x) "
        "OR d = :steps) LIMIT :n) "
        f"SELECT {_card('citizen')}, page.d FROM page CROSS JOIN citizen "
        f"ON citizen.personal_id = {_id_of('page.x')} ORDER BY page.x"
    )

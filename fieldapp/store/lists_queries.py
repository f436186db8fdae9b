"""Bulk reads and writes for list imports, over the import's one session (one transaction).

A 100,000-row list must not become 100,000 ORM objects: inserts are compiled once and sent
as one DBAPI `executemany`, with each column's own bind processor applied, so the stored
form is exactly what SQLAlchemy would write (and the same code runs on PostgreSQL).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import gt
from typing import Any, NamedTuple

from sqlalchemy import Table, bindparam, insert, select, text, update
from sqlmodel import Session

from fieldapp.store import facts, name_search
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked

_SCAN_ABOVE = 5000


class StoredCitizen(NamedTuple):
    """The stored fields an imported row is compared with, in storage form (StorageForm).

    A tuple in the order `stored_citizens` selects them: made from the driver's row in one
    step (a frozen dataclass per citizen cost more than reading it).
    """

    personal_id: str
    name_source: str
    full_name: str
    birth_date: Any
    sex: str | None
    village_id: Any
    address: str
    phone: str | None
    old_id: str | None
    beneficiary_group: str | None
    list_digest: int | None = None  # what the last list said (`t.Citizen.list_digest`)


CITIZEN_KEYS = tuple(t.Citizen.__table__.columns.keys())  # type: ignore[attr-defined]
FACT_KEYS = facts.LEAN_KEYS  # what a fact row holds; its list is `list_import_id`'s row
list_import_id = facts.list_import_id
forget_list_digests = facts.forget_list_digests
CITIZEN_FIELDS = (
    "full_name",
    "birth_date",
    "sex",
    "village_id",
    "address",
    "phone",
    "old_id",
    "beneficiary_group",
)


class StorageForm:
    """Values as the database stores them (a date as text on SQLite, a UUID as hex, ...).

    Comparing an imported value with a stored one in this form lets the import read stored
    rows without turning each into Python objects first: 100,000 rows read that way cost a
    fraction of the typed read. On PostgreSQL most processors are None: values pass as is.
    """

    def __init__(self, session: Session) -> None:
        self.dialect = session.connection().dialect
        self._cache: dict[tuple[str, str], dict[Any, Any]] = {}
        self._procs: dict[tuple[str, str], Any] = {}

    def processor(self, model: type, key: str) -> Any:
        """The bind processor of a column (None when values are stored as they are)."""
        name = (_table(model).name, key)
        if name not in self._procs:
            self._procs[name] = _table(model).c[key].type._cached_bind_processor(self.dialect)
        return self._procs[name]

    def value(self, model: type, key: str, value: Any) -> Any:
        """One value in its stored form (cached: lists repeat dates and villages)."""
        return self.converter(model, key)(value)

    def converter(self, model: type, key: str) -> Any:
        """A function value → stored form for one column, with its own cache (hot loops)."""
        proc = self.processor(model, key)
        if proc is None:
            return _same
        cache: dict[Any, Any] = self._cache.setdefault((_table(model).name, key), {None: None})

        def convert(value: Any) -> Any:
            found = cache.get(value, _MISSING)
            if found is _MISSING:
                found = cache[value] = proc(value)
            return found

        return convert


_MISSING = object()


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True, slots=True)
class StoredName:
    """A stored name and where it came from: enough to check a list's names against."""

    full_name: str
    name_source: str


def stored_names(session: Session, personal_ids: Sequence[str]) -> dict[str, StoredName]:
    """The stored names among these IDs (the preview's check, lighter than whole citizens)."""
    rows = _select_citizens(session, personal_ids, ("personal_id", "full_name", "name_source"))
    return {row[0]: StoredName(row[1], row[2]) for row in rows}


_JSON_IDS = "(SELECT value FROM json_each(?))"


def _is_sqlite(session: Session) -> bool:
    """SQLite takes a chunk's IDs as one JSON parameter: no expanded IN list to compile."""
    return session.connection().dialect.name == "sqlite"


def _select_citizens(
    session: Session, personal_ids: Sequence[str], columns: Sequence[str]
) -> Iterable[Any]:
    names = ", ".join(columns)
    wanted = set(personal_ids)
    batches: Iterable[Any]
    if len(wanted) > _SCAN_ABOVE:
        # Most of a commune: one sequential scan beats thousands of index probes.
        batches = [session.execute(text(f"SELECT {names} FROM citizen"))]
    elif _is_sqlite(session):
        # the driver's own tuples: a Row object per citizen cost more than the probe
        batches = [
            _raw(session).execute(
                f"SELECT {names} FROM citizen WHERE personal_id IN {_JSON_IDS}",
                (json.dumps(list(wanted)),),
            )
        ]
    else:
        stmt = text(f"SELECT {names} FROM citizen WHERE personal_id IN :ids").bindparams(
            bindparam("ids", expanding=True)
        )
        batches = (session.execute(stmt, {"ids": list(chunk)}) for chunk in chunked(personal_ids))
    for batch in batches:
        for row in batch.fetchall():  # one DBAPI fetchall, not a fetchone per row
            if row[0] in wanted:
                yield row


def _raw(session: Session) -> Any:
    """The DBAPI connection under the session's transaction (SQLite: plain tuples back)."""
    return session.connection().connection.dbapi_connection


def stored_citizens(session: Session, personal_ids: Sequence[str]) -> dict[str, StoredCitizen]:
    """The stored citizens among these IDs, their fields in storage form (see StorageForm)."""
    columns = StoredCitizen._fields
    make = StoredCitizen._make
    return {row[0]: make(row) for row in _select_citizens(session, personal_ids, columns)}


_FACTS_FROM = "official_fact f JOIN list_import i ON i.id = f.import_id"


def existing_fact_ids(session: Session, personal_ids: Sequence[str], source_kind: str) -> set[Any]:
    """Ids (in storage form) of the facts of this source kind already stored about these IDs."""
    ids: set[Any] = set()
    if len(personal_ids) > _SCAN_ABOVE:
        stmt = text(f"SELECT f.id FROM {_FACTS_FROM} WHERE i.source_kind = :kind")
        ids.update(row[0] for row in session.execute(stmt, {"kind": source_kind}).fetchall())
        return ids
    if _is_sqlite(session):
        found = session.connection().exec_driver_sql(
            f"SELECT f.id FROM {_FACTS_FROM} "
            f"WHERE i.source_kind = ? AND f.personal_id IN {_JSON_IDS}",
            (source_kind, json.dumps(list(personal_ids))),
        )
        ids.update(row[0] for row in found.fetchall())
        return ids
    stmt = text(
        f"SELECT f.id FROM {_FACTS_FROM} WHERE i.source_kind = :kind AND f.personal_id IN :ids"
    ).bindparams(bindparam("ids", expanding=True))
    for chunk in chunked(personal_ids):
        found = session.execute(stmt, {"kind": source_kind, "ids": list(chunk)}).fetchall()
        ids.update(row[0] for row in found)
    return ids


def latest_official_facts(
    session: Session, personal_ids: Sequence[str]
) -> dict[tuple[str, str], str]:
    """The latest official value of each (ID, field) among these IDs (by as_of, then id)."""
    columns = f"SELECT f.personal_id, f.field, f.value, i.as_of, f.id FROM {_FACTS_FROM}"
    stmt = text(f"{columns} WHERE f.personal_id IN :ids").bindparams(
        bindparam("ids", expanding=True)
    )
    best: dict[tuple[str, str], tuple[Any, Any, str]] = {}
    if _is_sqlite(session):
        sql = f"{columns} WHERE f.personal_id IN {_JSON_IDS}"
        batches: Iterable[Any] = [
            session.connection().exec_driver_sql(sql, (json.dumps(list(personal_ids)),))
        ]
    else:
        batches = (session.execute(stmt, {"ids": list(c)}) for c in chunked(personal_ids))
    for batch in batches:
        for pid, field, value, as_of, fid in batch:
            key = (pid, field)
            found = best.get(key)
            # ids of one store are all of one type (16 bytes, or UUIDs): they order as hex does
            if found is None or (str(as_of), fid) > (str(found[0]), found[1]):
                best[key] = (as_of, fid, value)
    return {key: found[2] for key, found in best.items()}


def village_names(session: Session) -> list[tuple[uuid.UUID, str]]:
    """Every village's id and name."""
    v = _table(t.Village).c
    return [(row.id, row.name) for row in session.execute(select(v.id, v.name))]


def bulk_insert(
    session: Session,
    model: type,
    keys: Sequence[str],
    rows: Sequence[tuple[Any, ...]],
    *,
    stored: Collection[str] = (),
) -> None:
    """Insert many rows of one table in one `executemany`; `rows` are tuples in `keys` order.

    `stored` names the columns whose values are already in storage form (no processing).
    """
    if not rows:
        return
    table = _table(model)
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    primary = {c.key for c in table.primary_key}
    # Column by column: one list comprehension per column beats a generator per value, and
    # a column repeating a few values (a timestamp, a date, a village) is processed once each.
    columns: dict[str, list[Any]] = {}
    for i, key in enumerate(keys):
        values = [row[i] for row in rows]
        proc = None if key in stored else table.c[key].type._cached_bind_processor(dialect)
        if proc is not None:
            if key in primary:
                values = [None if v is None else proc(v) for v in values]
            else:
                done: dict[Any, Any] = {None: None}
                values = [done[v] if v in done else done.setdefault(v, proc(v)) for v in values]
        columns[key] = values
    # Rows in primary-key order fill the B-tree pages one after another. The key is taken
    # in stored form (hex text for a UUID on SQLite): compared in C, not by `UUID.__lt__`.
    pk_columns = [columns[c.key] for c in table.primary_key]
    pk_columns = [
        [v.int for v in col] if col and isinstance(col[0], uuid.UUID) else col for col in pk_columns
    ]
    sort_keys = pk_columns[0] if len(pk_columns) == 1 else list(zip(*pk_columns, strict=True))
    if any(map(gt, sort_keys, sort_keys[1:])):  # the import sends citizens in key order
        permutation = sorted(range(len(rows)), key=sort_keys.__getitem__)
        columns = {key: [values[i] for i in permutation] for key, values in columns.items()}
    order = list(compiled.positiontup or keys)
    params: list[Any]
    if compiled.positiontup is not None and dialect.positional:
        params = list(zip(*(columns[k] for k in order), strict=True))
    else:
        params = [
            dict(zip(order, values, strict=True))
            for values in zip(*(columns[k] for k in order), strict=True)
        ]
    connection.exec_driver_sql(compiled.string, params)  # type: ignore[arg-type]


def pause_word_index(session: Session) -> str | None:
    """Stop the name word index's trigger for this transaction (see name_search)."""
    return name_search.pause_word_trigger(session.connection())


def index_words(session: Session, rows: list[tuple[str, str]]) -> None:
    """Index the (personal ID, folded name) of citizens inserted while the trigger is paused.

    `add_words` writes them in the word table's key order, page after page.
    """
    name_search.add_words(session.connection(), rows)


def resume_word_index(session: Session, paused: str | None) -> None:
    """The trigger back, before the commit."""
    name_search.resume_word_trigger(session.connection(), paused)


def update_citizens(session: Session, changes: Sequence[dict[str, Any]]) -> None:
    """Update several citizens; each dict has `b_personal_id` and the same changed fields."""
    if not changes:
        return
    c = _table(t.Citizen).c
    fields = [key for key in changes[0] if key != "b_personal_id"]
    stmt = (
        update(_table(t.Citizen))
        .where(c.personal_id == bindparam("b_personal_id"))
        .values({name: bindparam(name) for name in fields})
    )
    session.execute(stmt, list(changes))


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]


_BULK_CACHE_KIB = -65536  # 64 MB of SQLite page cache during an import
LIST_CACHE_KIB = -262144
"""A list import's page cache (256 MB). Its indexes take rows in random order (fact ids, names,
personal IDs a province's list does not sort): once they outgrow the cache, each row's inserts
read pages back and spill dirty ones to the WAL. Measured on 1,000,000 CSV rows into a fresh
store: import CPU 86.6 s with 64 MB, 64.8 s with 256 MB; peak RSS 190 → 409 MB. A small
list never fills it: the cache grows only with the pages used."""


@contextmanager
def sqlite_bulk_writes(session: Any, cache_kib: int = _BULK_CACHE_KIB) -> Iterator[None]:
    """On SQLite, a big page cache and no per-row foreign-key probes while the import writes.

    Measured on 100,000 rows (700,000 store rows): the foreign-key probes of the citizen
    index halve the insert speed. The import keeps the keys right by construction: a citizen
    is inserted before their facts, in the same transaction, and facts are only made for
    citizens stored or inserted. The pragma only applies outside a
    transaction, so it is set before the first write (the reads before it open none) and
    set back on the same DBAPI connection after the commit, or after ending a failed
    transaction; a test checks it is on again either way. Other databases: no change.
    `cache_kib`: the page cache while writing, as the pragma takes it (negative: KiB).
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.dbapi_connection
    relax = not raw.in_transaction
    if relax:
        raw.execute("PRAGMA foreign_keys=OFF")
    (cache_size,) = raw.execute("PRAGMA cache_size").fetchone()  # an encrypted store's is larger
    raw.execute(f"PRAGMA cache_size={min(cache_kib, int(cache_size))}")
    try:
        yield
    finally:
        if raw.in_transaction:
            raw.rollback()  # a failure or a cancel: the unit of work rolls back anyway
        raw.execute(f"PRAGMA cache_size={int(cache_size)}")
        if relax:
            raw.execute("PRAGMA foreign_keys=ON")

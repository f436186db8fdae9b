"""Store queries of the sync area: what to export, and the set-union import (portable SQL).

Inserts are "insert the ids not already there": the existing ids are selected first (in
chunks), then the rest go in with one bulk `INSERT` per table. That is the same on SQLite and
PostgreSQL, and it tells exactly how many rows were new.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from datetime import UTC, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import (
    Date,
    DateTime,
    String,
    Table,
    Uuid,
    exists,
    func,
    insert,
    select,
    type_coerce,
    update,
)
from sqlalchemy.orm import Session
from sqlmodel.sql.sqltypes import UTCDateTime

from fieldapp.domain.records import COLUMNS, EVENT_SECTIONS, citizen_rank, citizen_wins
from fieldapp.domain.text import fold_name
from fieldapp.store import facts, name_search
from fieldapp.store import tables as t
from fieldapp.store.chunks import IN_LIST_SIZE
from fieldapp.store.chunks import chunked as _chunks
from fieldapp.store.types import uuid_hex

TABLES: dict[str, Any] = {
    "villages": t.Village,
    "points": t.SupportPoint,
    "users": t.AppUser,
    "citizens": t.Citizen,
    "visits": t.Visit,
    "outcomes": t.Outcome,
    "facts": t.OfficialFact,
    "corrections": t.CitizenCorrectionRow,
    "receivers": t.PaymentReceiverRow,
    "accounts": t.PaymentAccountRow,
    "visit_helpers": t.VisitHelperRow,
    "teams": t.TeamRow,
    "team_members": t.TeamMemberRow,
}
EVENT_KIND = {
    "visits": "visit",
    "outcomes": "outcome",
    "facts": "fact",
    "corrections": "correction",
    "receivers": "receiver",
    "accounts": "account",
    "visit_helpers": "visit_helper",
}
FAST_SQLITE = True  # tests turn it off to check both paths store the same bytes
CHUNK = IN_LIST_SIZE
_RAW_TYPES = (Uuid, DateTime, Date, UTCDateTime)


def _table(section: str) -> Table:
    return TABLES[section].__table__  # type: ignore[no-any-return]


def _columns(section: str, *, raw: bool = False, dialect: Any = None) -> list[Any]:
    """The section's columns; `raw` skips turning ids, dates and times into Python objects.

    Export only turns them back into text for JSON, so it reads what the database holds:
    on SQLite ids as 32 hex digits and times as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC (both
    valid in the bundle format); other databases hand back objects, encoded as usual.
    Facts are read joined with their list import (`store/facts.py`); their id, 16 bytes on
    SQLite, is read as 32 hex digits there like every other id (`dialect` says where).
    """
    if section == "facts":
        columns = [facts.COLUMN[name] for name in COLUMNS[section]]
    else:
        table = _table(section)
        columns = [table.c[name] for name in COLUMNS[section]]
    if not raw:
        return columns
    found = [
        type_coerce(c, String).label(c.name) if isinstance(c.type, _RAW_TYPES) else c
        for c in columns
    ]
    if section == "facts":
        found[0] = _event_id(section, dialect).label("id")
    return found


def _from(section: str) -> Any:
    """What a section's rows are selected from (facts: joined with their list import)."""
    return facts.FACTS if section == "facts" else _table(section)


def _event_id(section: str, dialect: Any) -> Any:
    """An event's id in the form `sync_exported_event` keeps ids (32 hex digits on SQLite)."""
    column = _table(section).c["id"]
    if section == "facts" and dialect is not None and dialect.name == "sqlite":
        return func.lower(func.hex(column))
    if section == "facts":
        return type_coerce(column, String)
    return column


def _not_sent(section: str, dialect: Any) -> Any:
    marked = t.SyncExportedEvent.__table__.c["event_id"]  # type: ignore[attr-defined]
    if section == "facts" and dialect.name == "sqlite":
        return ~exists().where(marked == _event_id(section, dialect))
    return ~exists().where(marked == _table(section).c["id"])


def _as_uuid(value: Any) -> Any:
    return uuid.UUID(value) if isinstance(value, str) else value


def _key(section: str) -> Any:
    table = _table(section)
    return table.c["personal_id"] if section == "citizens" else table.c["id"]


def rows_by_key(
    session: Session, section: str, keys: Iterable[Any], *, raw: bool = False
) -> list[tuple]:
    """Rows of a section (in `COLUMNS` order) for these keys."""
    convert = _as_uuid if section != "citizens" else (lambda k: k)
    wanted = sorted({convert(k) for k in keys}, key=str)
    table = _table(section)
    if section == "facts":  # joined with their list imports: one Core select per chunk
        dialect = session.connection().dialect
        stmt = select(*_columns(section, raw=raw, dialect=dialect)).select_from(_from(section))
        return [
            tuple(r)
            for part in _chunks(wanted)
            for r in session.execute(stmt.where(table.c["id"].in_(part)))
        ]
    columns = [table.c[name] for name in COLUMNS[section]]
    return select_in(session, columns, _key(section), wanted, raw=raw)


def existing_keys(session: Session, section: str, keys: Iterable[Any]) -> set[Any]:
    """Which of these keys the store already holds (the given objects, not new ones)."""
    key = _key(section)
    wanted = list(set(keys))
    connection = session.connection()
    if not _fast(connection):
        typed = {_as_uuid(k) if isinstance(key.type, Uuid) else k: k for k in wanted}
        return {typed[k] for (k,) in select_in(session, [key], key, list(typed))}
    process = _processor(key, connection.dialect)
    if isinstance(process, _HexText):
        stored = process.column(wanted)
    else:
        stored = list(map(process, wanted)) if process is not None else wanted
    found = _driver_select(connection, [key], key, stored)
    if stored is wanted:  # the keys were given in their stored form
        return {v for (v,) in found}
    given = dict(zip(stored, wanted, strict=True))
    return {given[v] for (v,) in found}


def existing_facts(session: Session, keys: Iterable[tuple[str, Any]]) -> set[Any]:
    """Which of these facts, given as (personal ID, id), the store holds: their given ids.

    Facts are keyed by (personal ID, id) (`tables.OfficialFact`; no index of the id alone):
    each citizen's few facts are read by the key's prefix and matched by id.
    """
    pairs = list(keys)
    if not pairs:
        return set()
    table = _table("facts")
    owner, key = table.c["personal_id"], table.c["id"]
    owners = sorted({pid for pid, _ in pairs})
    connection = session.connection()
    if _fast(connection):  # ids compared as stored (16 bytes): no UUID made per fact
        stored = _processor(key, connection.dialect)
        wanted = {(pid, _stored_id(fid, stored)): fid for pid, fid in pairs}
        found = _driver_select(connection, [owner, key], owner, owners)
    else:
        wanted = {(pid, id_text(fid)): fid for pid, fid in pairs}
        found = [(p, id_text(f)) for p, f in select_in(session, [owner, key], owner, owners)]
    return {wanted[k] for k in map(tuple, found) if k in wanted}


def _stored_id(value: Any, process: Any) -> Any:
    """A bundle's id (32 hex digits) as SQLite keeps a 16-byte id; other forms by `process`."""
    if value.__class__ is str and len(value) == 32:
        return bytes.fromhex(value)
    return process(value)


def select_in(
    session: Session, columns: list[Any], key: Any, keys: Sequence[Any], *, raw: bool = False
) -> list[tuple]:
    """`SELECT columns FROM key's table WHERE key IN keys`, in chunks of `CHUNK` keys.

    `raw` as in `_columns`: ids, dates and times as the database holds them. On SQLite the
    keys go to the driver in their stored form (one `IN (?, ...)` per chunk)
    and the results come back through each column type's own result processor (none when
    `raw`): what a Core select returns, without SQLAlchemy's per-parameter work for an
    expanding `IN`, which costs more than the query.
    """
    connection = session.connection()
    found: list[tuple] = []
    if not _fast(connection):
        if raw:
            columns = [
                type_coerce(c, String).label(c.name) if isinstance(c.type, _RAW_TYPES) else c
                for c in columns
            ]
        if isinstance(key.type, Uuid):
            keys = [_as_uuid(k) for k in keys]
        for part in _chunks(keys):
            found.extend(tuple(r) for r in session.execute(select(*columns).where(key.in_(part))))
        return found
    dialect = connection.dialect
    process = _processor(key, dialect)
    stored = list(map(process, keys)) if process is not None else list(keys)
    found = _driver_select(connection, columns, key, stored)
    results = [
        None
        if raw and isinstance(c.type, _RAW_TYPES)
        else c.type.dialect_impl(dialect).result_processor(dialect, None)
        for c in columns
    ]
    if found and any(results):  # a column at a time (the processors take None as None)
        typed = [
            column if f is None else list(map(f, column))
            for f, column in zip(results, zip(*found, strict=True), strict=True)
        ]
        found = list(zip(*typed, strict=True))
    return found


def _driver_select(
    connection: Any, columns: list[Any], key: Any, stored: Sequence[Any]
) -> list[tuple]:
    """The rows of `columns` whose `key` is among `stored` (keys as the database holds them)."""
    quote = connection.dialect.identifier_preparer.quote
    names = ", ".join(quote(c.name) for c in columns)
    where = f"SELECT {names} FROM {quote(key.table.name)} WHERE {quote(key.name)} IN "
    cursor = connection.connection.cursor()  # the transaction's own DB-API connection
    found: list[tuple] = []
    try:
        for part in _chunks(stored):
            cursor.execute(where + f"({', '.join('?' * len(part))})", tuple(part))
            found.extend(cursor.fetchall())
    finally:
        cursor.close()
    return found


def _fast(connection: Any) -> bool:
    """True when rows go straight to the SQLite driver (see `bulk_insert`)."""
    return bool(connection.dialect.name == "sqlite" and FAST_SQLITE)


def _processor(column: Any, dialect: Any) -> Any:
    """The column type's own bind processor for this dialect (None if values pass as they are).

    For aware UTC datetimes on SQLite, an equivalent shortcut (`_utc_text`), used only if it
    gives SQLAlchemy's own text for a few probe values.
    """
    process = column.type.dialect_impl(dialect).bind_processor(dialect)
    if process is not None and isinstance(column.type, Uuid) and dialect.name == "sqlite":
        return _hex_text(process)
    if process is None or not isinstance(column.type, UTCDateTime) or dialect.name != "sqlite":
        return process
    fast = _utc_text(process)
    return fast if all(fast(v) == process(v) for v in _PROBES) else process


class _HexText:
    """Ids as a bundle's rows hold them (32 hex digits: SQLite's stored text) pass as they are.

    `column` converts a whole column: one already all in that form (every id of a decoded
    bundle) is returned as it is, with no call per value.
    """

    __slots__ = ("process",)

    def __init__(self, process: Any) -> None:
        self.process = process

    def __call__(self, value: Any) -> Any:
        if value.__class__ is str:
            return value if len(value) == 32 else uuid_hex(value)
        return self.process(value)

    def column(self, values: list[Any]) -> list[Any]:
        if set(map(type, values)) == {str} and set(map(len, values)) == {32}:
            return values
        return list(map(self, values))


def _hex_text(process: Any) -> _HexText:
    return _HexText(process)


def id_text(value: Any) -> Any:
    """An id read from the store (a UUID, or text on SQLite) as 32 hex digits, like a bundle's."""
    if value is None or (value.__class__ is str and len(value) == 32):
        return value
    return uuid_hex(value)


def _typed_ids(table: Table, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows whose ids are text (a bundle's) with UUIDs instead, for SQLAlchemy's own binds."""
    names = [c.name for c in table.columns if isinstance(c.type, Uuid)]
    return [
        row | {n: _as_uuid(row[n]) for n in names if row.get(n).__class__ is str} for row in rows
    ]


_PROBES = (
    datetime(2026, 11, 23, 0, 1, 2, 345678, tzinfo=UTC),
    datetime(2026, 1, 1, tzinfo=UTC),
    datetime(999, 12, 31, 23, 59, 59, 999999, tzinfo=UTC),
    datetime(1, 1, 1, 0, 0, 0, 1, tzinfo=UTC),
)


class _UtcText:
    """Aware UTC datetimes straight to "YYYY-MM-DD HH:MM:SS.ffffff"; anything else as before.

    (The aware text ends in "+00:00": cut, it is the naive text SQLAlchemy writes.)
    `column` converts a whole column in one comprehension (moments rarely repeat).
    """

    __slots__ = ("process",)

    def __init__(self, process: Any) -> None:
        self.process = process

    def __call__(self, value: Any) -> Any:
        if value is not None and value.tzinfo is UTC:
            return value.isoformat(" ", "microseconds")[:-6]
        return self.process(value)

    def column(self, values: list[Any]) -> list[Any]:
        if {v.tzinfo for v in values if v is not None} <= {UTC}:
            return [None if v is None else v.isoformat(" ", "microseconds")[:-6] for v in values]
        return list(map(self, values))


def _utc_text(process: Any) -> _UtcText:
    return _UtcText(process)


_INSERTS: dict[tuple[object, tuple[str, ...], str], str] = {}


def _insert_sql(table: Table, names: tuple[str, ...], dialect: Any) -> str:
    """The INSERT text for these columns, compiled once (a small write pays for it otherwise)."""
    key = (table, names, dialect.name)
    sql = _INSERTS.get(key)
    if sql is None:
        sql = _INSERTS[key] = str(insert(table).compile(dialect=dialect, column_keys=names))
    return sql


def bulk_insert(
    session: Session, table: Table, rows: list[dict[str, Any]], *, stored: bool = False
) -> None:
    """Insert many rows that all have the same columns.

    On SQLite the values go through each column type's own bind processor (SQLAlchemy's,
    so the stored text is exactly what the ORM would write), a whole column at a time, and
    then straight to the driver's `executemany`, skipping SQLAlchemy's per-row statement
    machinery, which costs more than the insert itself. `stored` says the values are already
    in the store's own form (read raw from it): no processing. Other databases use a plain
    Core bulk insert.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    if not _fast(connection):
        for part in _chunks(_typed_ids(table, rows), 20_000):
            session.execute(insert(table), list(part))
        return
    given = rows[0].keys()
    names = [c.name for c in table.columns if c.name in given]  # the statement's order
    sql = _insert_sql(table, tuple(names), dialect)
    keys = {c.name for c in table.primary_key}
    columns = []
    for name in names:
        column = list(map(itemgetter(name), rows))
        process = None if stored else _processor(table.c[name], dialect)
        if isinstance(process, _HexText | _UtcText):
            column = process.column(column)
        elif process is not None:
            column = list(map(process, column)) if name in keys else _each_once(column, process)
        columns.append(column)
    values = list(zip(*columns, strict=True))
    for part in _chunks(values, 20_000):
        connection.exec_driver_sql(sql, list(part))


def stored_forms(session: Session, table: Table, names: Sequence[str]) -> list[Any] | None:
    """Each column's conversion to the value the driver stores (None: passes as it is).

    For writers that convert values once and reuse them across many rows (`insert_stored`);
    None where rows do not go straight to the driver (not SQLite): use `bulk_insert`.
    """
    connection = session.connection()
    if not _fast(connection):
        return None
    return [_processor(table.c[name], connection.dialect) for name in names]


def insert_stored(
    session: Session, table: Table, names: Sequence[str], rows: list[tuple[Any, ...]]
) -> None:
    """Insert rows of values already converted by `stored_forms`, in `names` order.

    `names` must follow the table's column order (the compiled statement's order).
    """
    if not rows:
        return
    wanted = set(names)
    if [c.name for c in table.columns if c.name in wanted] != list(names):
        raise ValueError("columns must be given in the table's order")
    connection = session.connection()
    sql = _insert_sql(table, tuple(names), connection.dialect)
    for part in _chunks(rows, 20_000):
        connection.exec_driver_sql(sql, list(part))


def _each_once(values: list[Any], process: Any) -> list[Any]:
    """A column's values processed, each distinct value once.

    A column of few values (a day, a village, a step's state: the projection's rows after a
    list import) pays for those few; measured on 100,000 imported citizens, processing the
    projection's 200,000 rows fell from 1.0 s to 0.1 s of CPU (the insert, 2.1-2.3 s, to
    1.8-1.9 s). Unhashable values are processed one by one.
    """
    done: dict[Any, Any] = {}
    try:
        return [done[v] if v in done else done.setdefault(v, process(v)) for v in values]
    except TypeError:
        return list(map(process, values))


# Export ----------------------------------------------------------------------------------------
def count_unexported(session: Session) -> int:
    """How many events (visits, outcomes, corrections, helpers) were never put in a bundle."""
    marked = t.SyncExportedEvent.__table__.c["event_id"]  # type: ignore[attr-defined]
    total = 0
    for section in (
        "visits", "outcomes", "corrections", "receivers", "accounts", "visit_helpers",
    ):  # fmt: skip
        table = _table(section)
        not_sent = ~exists().where(marked == table.c["id"])
        stmt = select(func.count()).select_from(table).where(not_sent)
        total += int(session.execute(stmt).scalar_one())
    return total


def events_to_export(
    session: Session, *, everything: bool, citizens: tuple[str, str | None] | None = None
) -> tuple[dict[str, list[tuple]], dict]:
    """Events not yet exported (or all of them), and which of them are not yet marked.

    Both are read raw (see `_columns`): ids as the store holds them, for `mark_exported`.
    `citizens` = (after, up_to): only the events of personal IDs in that range (`up_to` None:
    to the end), so a big export is read and sealed one part at a time.
    """
    dialect = session.connection().dialect
    events: dict[str, list[tuple]] = {}
    unmarked: dict[str, list[uuid.UUID]] = {}
    for section in EVENT_SECTIONS:
        table = _table(section)
        not_sent = _not_sent(section, dialect)
        stmt = select(*_columns(section, raw=True, dialect=dialect)).select_from(_from(section))
        if citizens is not None:
            stmt = stmt.where(*_in_range(table, citizens))
        if not everything:
            stmt = stmt.where(not_sent)
        rows = [tuple(r) for r in session.execute(stmt).all()]  # one fetchall, not per row
        events[section] = rows
        if everything:
            raw_id = _columns(section, raw=True, dialect=dialect)[0]
            ids = select(raw_id).select_from(table).where(not_sent)
            if citizens is not None:
                ids = ids.where(*_in_range(table, citizens))
            unmarked[section] = list(session.execute(ids).scalars())
        else:
            unmarked[section] = [r[0] for r in rows]
    return events, unmarked


def _in_range(table: Table, citizens: tuple[str, str | None]) -> list[Any]:
    after, up_to = citizens
    conditions = [table.c["personal_id"] > after]
    if up_to is not None:
        conditions.append(table.c["personal_id"] <= up_to)
    return conditions


def count_events_to_export(session: Session, *, everything: bool) -> int:
    """How many events an export would send (counted, not read)."""
    dialect = session.connection().dialect
    total = 0
    for section in EVENT_SECTIONS:
        table = _table(section)
        stmt = select(func.count()).select_from(table)
        if not everything:
            stmt = stmt.where(_not_sent(section, dialect))
        total += int(session.execute(stmt).scalar_one())
    return total


def citizen_ranges(
    session: Session, per_part: int, *, villages: Sequence[uuid.UUID] | None = None
) -> Iterator[tuple[str, str | None]]:
    """(after, up_to) ranges of personal IDs, `per_part` citizens each, in ID order.

    `villages`: counting only the citizens of these villages (lists back to a point).
    """
    table = _table("citizens")
    key = table.c["personal_id"]
    only = [] if villages is None else [table.c["village_id"].in_(villages)]
    after = ""
    while True:
        stmt = select(key).where(key > after, *only).order_by(key).offset(per_part - 1).limit(1)
        up_to = session.execute(stmt).scalar()
        yield after, up_to
        if up_to is None:
            return
        after = up_to


def count_citizens(session: Session) -> int:
    """How many citizens the store holds."""
    return int(session.execute(select(func.count()).select_from(_table("citizens"))).scalar_one())


def count_citizens_of_villages(session: Session, village_ids: Sequence[uuid.UUID]) -> int:
    """How many citizens these villages hold."""
    citizen = _table("citizens")
    stmt = select(func.count()).where(citizen.c["village_id"].in_(village_ids))
    return int(session.execute(stmt).scalar_one())


def events_for_citizens(
    session: Session,
    village_ids: Sequence[uuid.UUID],
    *,
    citizens: tuple[str, str | None] | None = None,
) -> dict[str, list[tuple]]:
    """Lists back to a point: the citizens of its villages (never "everyone": none if empty).

    With their facts, visits and outcomes. `citizens` = (after, up_to): only personal IDs in
    that range (`citizen_ranges`), so a big list is read and sealed one part at a time.
    """
    citizen = _table("citizens")
    chosen = select(citizen.c["personal_id"]).where(citizen.c["village_id"].in_(village_ids))
    if citizens is not None:
        chosen = chosen.where(*_in_range(citizen, citizens))
    ids = chosen.scalar_subquery()
    dialect = session.connection().dialect
    events: dict[str, list[tuple]] = {}
    for section in EVENT_SECTIONS:
        table = _table(section)
        stmt = (
            select(*_columns(section, raw=True, dialect=dialect))
            .select_from(_from(section))
            .where(table.c["personal_id"].in_(ids))
        )
        events[section] = [tuple(r) for r in session.execute(stmt).all()]
    events["citizens"] = [
        tuple(r)
        for r in session.execute(
            select(*_columns("citizens", raw=True)).where(citizen.c["personal_id"].in_(ids))
        )
    ]
    return events


def with_references(session: Session, events: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """Add what the events refer to, so a bundle stands alone.

    That is: outcomes' visits, citizens, users, points and villages.
    """
    sections = {k: list(v) for k, v in events.items()}
    visit_ids = {r[0] for r in sections["visits"]}
    missing_visits = {r[1] for r in sections["outcomes"]} - visit_ids
    missing_visits |= {r[1] for r in sections.get("visit_helpers", [])} - visit_ids
    if missing_visits:
        sections["visits"].extend(rows_by_key(session, "visits", missing_visits, raw=True))
    have_citizens = {r[0] for r in sections.get("citizens", [])}
    pids = {r[1] for r in sections["visits"]}
    pids |= {r[2] for r in sections["outcomes"]}
    pids |= {r[1] for r in sections["facts"]}
    for section in ("corrections", "receivers", "accounts"):
        pids |= {r[1] for r in sections.get(section, [])}
    sections.setdefault("citizens", []).extend(
        rows_by_key(session, "citizens", pids - have_citizens, raw=True)
    )
    user_ids = {r[4] for r in sections["visits"]} | {r[6] for r in sections["outcomes"]}
    user_ids |= {r[6] for r in sections.get("corrections", [])}
    for section in ("receivers", "accounts"):
        at = COLUMNS[section].index("user_id")
        user_ids |= {r[at] for r in sections.get(section, [])}
    user_ids |= {r[5] for r in sections.get("visit_helpers", [])}
    sections["users"] = rows_by_key(session, "users", user_ids, raw=True)
    point_ids = {r[3] for r in sections["visits"]} | {r[3] for r in sections["users"]}
    point_ids.discard(None)
    sections["points"] = rows_by_key(session, "points", point_ids, raw=True)
    village_ids = {r[2] for r in sections["points"]} | {r[5] for r in sections["citizens"]}
    village_ids |= {r[1] for r in sections.get("teams", [])}
    village_ids.discard(None)
    sections["villages"] = rows_by_key(session, "villages", village_ids, raw=True)
    return sections


def mark_exported(
    session: Session, ids: dict[str, list[Any]], sequence: int, *, stored: bool = False
) -> None:
    """Remember these events as sent (or received from the police), for "since last export".

    `stored`: the ids were read raw from this store (`events_to_export`), so on SQLite they
    go back in as they are.
    """
    if stored and not _fast(session.connection()):
        ids = {section: [_as_uuid(i) for i in event_ids] for section, event_ids in ids.items()}
        stored = False
    rows = [
        {"event_id": event_id, "kind": EVENT_KIND[section], "sequence": sequence}
        for section, event_ids in ids.items()
        for event_id in event_ids
    ]
    table = t.SyncExportedEvent.__table__  # type: ignore[attr-defined]
    if sequence == 0:  # received: some may already be marked (ids as UUIDs or 32 hex digits)
        column = table.c["event_id"]
        wanted = [r["event_id"] for r in rows]
        have = {id_text(v) for (v,) in select_in(session, [column], column, wanted, raw=True)}
        rows = [r for r in rows if id_text(r["event_id"]) not in have]
    bulk_insert(session, table, rows, stored=stored)


def next_sequence(session: Session, recipient: str) -> int:
    """The next bundle number for this recipient (1 for the first)."""
    table = t.SyncExport.__table__  # type: ignore[attr-defined]
    stmt = select(func.max(table.c["sequence"])).where(table.c["recipient"] == recipient)
    return int(session.execute(stmt).scalar() or 0) + 1


def teams_of_villages(session: Session, village_ids: Sequence[uuid.UUID]) -> dict[str, list[tuple]]:
    """Lists back to a point: its villages' teams and their members (a quick pick at its desk)."""
    teams = _table("teams")
    members = _table("team_members")
    found = [
        tuple(r)
        for r in session.execute(
            select(*_columns("teams", raw=True)).where(teams.c["village_id"].in_(village_ids))
        )
    ]
    chosen = select(teams.c["id"]).where(teams.c["village_id"].in_(village_ids))
    stmt = select(*_columns("team_members", raw=True)).where(
        members.c["team_id"].in_(chosen.scalar_subquery())
    )
    return {"teams": found, "team_members": [tuple(r) for r in session.execute(stmt)]}


# Import ----------------------------------------------------------------------------------------
def insert_new(session: Session, section: str, rows: list[dict[str, Any]]) -> None:
    """Bulk insert rows known to be new (facts: with their list import found or made)."""
    if section == "facts":
        rows = facts.lean_rows(session, rows)
    bulk_insert(session, _table(section), rows)
    if section == "facts":
        facts.forget_list_digests(session, {r["personal_id"] for r in rows})


def put_police_rows(session: Session, section: str, rows: list[dict[str, Any]]) -> None:
    """At a point: the police's teams and members as they sent them (theirs is the word).

    New ids are inserted; known ids take the police's values (a new leader, a new target).
    """
    if not rows:
        return
    table = _table(section)
    known = existing_keys(session, section, {r["id"] for r in rows})
    insert_new(session, section, [r for r in rows if r["id"] not in known])
    for row in _typed_ids(table, [r for r in rows if r["id"] in known]):
        values = {k: v for k, v in row.items() if k != "id"}
        session.execute(update(table).where(table.c["id"] == row["id"]).values(**values))


def merge_citizens(
    session: Session, incoming: list[dict[str, Any]], *, changed: set[str] | None = None
) -> tuple[int, int]:
    """Upsert citizens by rank: the result is the same whatever order bundles come in.

    An official-list name beats a scan; then the newer record; then a fixed tie-break
    (`citizen_wins`). Returns (new, updated); `changed` gets the personal IDs of both.
    """
    best: dict[str, dict[str, Any]] = {}
    for row in incoming:
        current = best.get(row["personal_id"])
        if current is None or citizen_wins(row, current):
            best[row["personal_id"]] = row
    if not best:
        return 0, 0
    table = _table("citizens")
    key = table.c["personal_id"]
    stored: dict[str, dict[str, Any]] = {}
    wanted = [key, table.c["name_source"], table.c["updated_at"], table.c["full_name"]]
    for pid, source, updated_at, full_name in select_in(session, wanted, key, list(best)):
        stored[pid] = {"name_source": source, "updated_at": updated_at, "full_name": full_name}
    # Ties on rank need the whole stored record: fetch those together, not one by one.
    ties = [
        pid
        for pid, row in best.items()
        if pid in stored and citizen_rank(row) == citizen_rank(stored[pid])
    ]
    for full_old in rows_by_key(session, "citizens", ties):
        old_row = dict(zip(COLUMNS["citizens"], full_old, strict=True))
        old_row["village_id"] = id_text(old_row["village_id"])  # as the bundle's rows hold it
        stored[full_old[0]] = old_row
    new_rows = []
    updated = 0
    for pid, row in best.items():
        old = stored.get(pid)
        if old is None:
            folded = fold_name(row["full_name"])
            new_rows.append(row | {"name_folded": folded})
            continue
        if not citizen_wins(row, old):
            continue
        folded = fold_name(row["full_name"])
        (values,) = _typed_ids(table, [row])
        session.execute(update(table).where(key == pid).values(**values, name_folded=folded))
        updated += 1
        if changed is not None:
            changed.add(pid)
    _insert_citizens(session, new_rows)
    if changed is not None:
        changed.update(r["personal_id"] for r in new_rows)
    return len(new_rows), updated


WORD_INDEX_BULK = 200
"""New citizens from which the name word index is fed in one go rather than by its trigger."""


def _insert_citizens(session: Session, rows: list[dict[str, Any]]) -> None:
    """Insert new citizens; many at once feed the word index in one `executemany`.

    The trigger indexes one row at a time (≈ 4× the cost, see `name_search.pause_word_trigger`);
    pausing it is part of this transaction, so a refused bundle's rollback brings it back.
    """
    if len(rows) < WORD_INDEX_BULK:
        bulk_insert(session, _table("citizens"), rows)
        return
    connection = session.connection()
    paused = name_search.pause_word_trigger(connection)
    bulk_insert(session, _table("citizens"), rows)
    if paused is not None:
        name_search.add_words(connection, [(r["personal_id"], r["name_folded"]) for r in rows])
        name_search.resume_word_trigger(connection, paused)


def with_corrections(session: Session, personal_ids: Iterable[str]) -> set[str]:
    """Which of these citizens have a correction stored (their IDs only, read by key)."""
    key = _table("corrections").c["personal_id"]
    return {pid for (pid,) in select_in(session, [key], key, sorted(set(personal_ids)))}


def villages_by_folded_name(session: Session) -> dict[str, uuid.UUID]:
    """Stored villages by folded name (the first id when a name repeats)."""
    table = _table("villages")
    stmt = select(table.c["name_folded"], table.c["id"]).order_by(table.c["id"])
    found: dict[str, uuid.UUID] = {}
    for name, village_id in session.execute(stmt):
        found.setdefault(name, village_id)
    return found


def local_commune_id(session: Session) -> uuid.UUID | None:
    """The commune this store belongs to (the first one)."""
    table = t.Commune.__table__  # type: ignore[attr-defined]
    return session.execute(select(table.c["id"]).limit(1)).scalar()


# What a point's bundle may write: what the police already hold about its rows ---------------
# A point's bundle is checked against what the store holds: ids in the bundle's form (`id_text`)
def stored_users(session: Session, ids: Iterable[str]) -> dict[str, tuple[str, str | None]]:
    """Users already stored, by id: (role, support point id)."""
    table = _table("users")
    columns = [table.c["id"], table.c["role"], table.c["support_point_id"]]
    found = select_in(session, columns, table.c["id"], list(ids), raw=True)
    return {id_text(i): (role, id_text(point)) for i, role, point in found}


def stored_visit_points(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """Visits already stored, by id: the support point they were made at."""
    return _id_pairs(session, "visits", "support_point_id", ids)


def _id_pairs(session: Session, section: str, column: str, ids: Iterable[str]) -> dict[str, str]:
    """{id: another id column} of a section's stored rows, both as 32 hex digits."""
    table = _table(section)
    columns = [table.c["id"], table.c[column]]
    found = select_in(session, columns, table.c["id"], list(ids), raw=True)
    return {id_text(i): id_text(other) for i, other in found}


def stored_visit_points_raw(session: Session, raw_ids: Iterable[object]) -> dict[object, object]:
    """Visits already stored, by id as the store holds it (`_columns` raw): their point, raw.

    For the export, whose rows are raw: no UUID is built for every outcome's visit.
    """
    table = _table("visits")
    columns = [table.c["id"], table.c["support_point_id"]]
    connection = session.connection()
    ids = list(raw_ids)
    if _fast(connection):
        return dict(_driver_select(connection, columns, table.c["id"], ids))  # type: ignore[arg-type]
    keys = [v if isinstance(v, uuid.UUID) else uuid.UUID(str(v)) for v in ids]
    return dict(select_in(session, columns, table.c["id"], keys, raw=True))  # type: ignore[arg-type]


def stored_outcome_visits(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """Outcomes already stored, by id: the visit they belong to."""
    return _id_pairs(session, "outcomes", "visit_id", ids)


def official_citizens(session: Session, personal_ids: Iterable[str]) -> set[str]:
    """Which of these citizens the store holds with an official-list name."""
    table = _table("citizens")
    columns = [table.c["personal_id"], table.c["name_source"]]
    found = select_in(session, columns, table.c["personal_id"], list(personal_ids))
    return {pid for pid, source in found if source == "official_list"}


def imported_sequences(session: Session, sender: str) -> set[int]:
    """The sequence numbers of the bundles imported from one sender."""
    table = t.SyncImport.__table__  # type: ignore[attr-defined]
    stmt = select(table.c["sequence"]).where(table.c["sender"] == sender)
    return set(session.execute(stmt).scalars())


def held_aside(session: Session) -> tuple[int, int]:
    """Bundles held aside (unknown senders): how many, and their bytes together."""
    table = t.SyncQuarantine.__table__  # type: ignore[attr-defined]
    stmt = select(func.count(), func.coalesce(func.sum(func.length(table.c["data"])), 0))
    count, size = session.execute(stmt).one()
    return int(count), int(size)


def peer_villages(session: Session, fingerprint: str) -> list[uuid.UUID]:
    """The villages whose lists go back to an enrolled point."""
    table = t.SyncPeerVillage.__table__  # type: ignore[attr-defined]
    stmt = select(table.c["village_id"]).where(table.c["fingerprint"] == fingerprint)
    return list(session.execute(stmt).scalars())


def set_peer_villages(session: Session, fingerprint: str, village_ids: Iterable[uuid.UUID]) -> None:
    """Replace the villages chosen for an enrolled point."""
    table = t.SyncPeerVillage.__table__  # type: ignore[attr-defined]
    session.execute(table.delete().where(table.c["fingerprint"] == fingerprint))
    rows = [{"fingerprint": fingerprint, "village_id": v} for v in dict.fromkeys(village_ids)]
    if rows:
        session.execute(insert(table), rows)


def enrolled_keys_of_point(session: Session, point_id: uuid.UUID) -> list[str]:
    """Key ids enrolled (not revoked) for a support point."""
    table = t.SyncPeer.__table__  # type: ignore[attr-defined]
    stmt = select(table.c["fingerprint"]).where(
        table.c["point_id"] == point_id, table.c["status"] == "enrolled"
    )
    return list(session.execute(stmt).scalars())

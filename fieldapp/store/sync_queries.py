"""Store queries of the sync area: what to export, and the set-union import (portable SQL).

Inserts are "insert the ids not already there": the existing ids are selected first (in
chunks), then the rest go in with one bulk `INSERT` per table. That is the same on SQLite and
PostgreSQL, and it tells exactly how many rows were new.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
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

from fieldapp.domain.text import fold, fold_words
from fieldapp.store import tables as t
from fieldapp.sync.payload import COLUMNS, citizen_rank, citizen_wins

TABLES: dict[str, Any] = {
    "villages": t.Village,
    "points": t.SupportPoint,
    "users": t.AppUser,
    "citizens": t.Citizen,
    "visits": t.Visit,
    "outcomes": t.Outcome,
    "facts": t.OfficialFact,
}
EVENT_KIND = {"visits": "visit", "outcomes": "outcome", "facts": "fact"}
FAST_SQLITE = True  # tests turn it off to check both paths store the same bytes
CHUNK = 5000  # ids per IN (...): under SQLite's 32766 and PostgreSQL's 65535 parameters
_RAW_TYPES = (Uuid, DateTime, Date, UTCDateTime)


def _table(section: str) -> Table:
    return TABLES[section].__table__  # type: ignore[no-any-return]


def _columns(section: str, *, raw: bool = False) -> list[Any]:
    """The section's columns; `raw` skips turning ids, dates and times into Python objects.

    Export only turns them back into text for JSON, so it reads what the database holds:
    on SQLite ids as 32 hex digits and times as "YYYY-MM-DD HH:MM:SS.ffffff" in UTC (both
    valid in the bundle format); other databases hand back objects, encoded as usual.
    """
    table = _table(section)
    columns = [table.c[name] for name in COLUMNS[section]]
    if not raw:
        return columns
    return [
        type_coerce(c, String).label(c.name) if isinstance(c.type, _RAW_TYPES) else c
        for c in columns
    ]


def _as_uuid(value: Any) -> Any:
    return uuid.UUID(value) if isinstance(value, str) else value


def _key(section: str) -> Any:
    table = _table(section)
    return table.c["personal_id"] if section == "citizens" else table.c["id"]


def _chunks(items: Sequence[Any], size: int = CHUNK) -> Iterable[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def rows_by_key(
    session: Session, section: str, keys: Iterable[Any], *, raw: bool = False
) -> list[tuple]:
    """Rows of a section (in `COLUMNS` order) for these keys."""
    convert = _as_uuid if section != "citizens" else (lambda k: k)
    wanted = sorted({convert(k) for k in keys}, key=str)
    found: list[tuple] = []
    for part in _chunks(wanted):
        stmt = select(*_columns(section, raw=raw)).where(_key(section).in_(part))
        found.extend(tuple(r) for r in session.execute(stmt))
    return found


def existing_keys(session: Session, section: str, keys: Iterable[Any]) -> set[Any]:
    """Which of these keys the store already holds."""
    wanted = list(set(keys))
    found: set[Any] = set()
    column = _key(section)
    for part in _chunks(wanted):
        found.update(session.execute(select(column).where(column.in_(part))).scalars())
    return found


def bulk_insert(session: Session, table: Table, rows: list[dict[str, Any]]) -> None:
    """Insert many rows that all have the same columns.

    On SQLite the values go through each column type's own bind processor (SQLAlchemy's,
    so the stored text is exactly what the ORM would write) and then straight to the
    driver's `executemany`, skipping SQLAlchemy's per-row statement machinery, which costs
    more than the insert itself. Other databases use a plain Core bulk insert.
    """
    if not rows:
        return
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite" or not FAST_SQLITE:
        for part in _chunks(rows, 20_000):
            session.execute(insert(table), list(part))
        return
    given = rows[0].keys()
    names = [c.name for c in table.columns if c.name in given]  # the statement's order
    processors = [
        table.c[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names
    ]
    sql = str(insert(table).compile(dialect=dialect, column_keys=names))
    take = itemgetter(*names)
    convert = [(i, p) for i, p in enumerate(processors) if p is not None]
    values = []
    for row in rows:
        got = take(row)
        item = list(got) if len(names) > 1 else [got]
        for i, process in convert:
            item[i] = process(item[i])
        values.append(tuple(item))
    for part in _chunks(values, 20_000):
        connection.exec_driver_sql(sql, list(part))


# Export ----------------------------------------------------------------------------------------
def events_to_export(session: Session, *, everything: bool) -> tuple[dict[str, list[tuple]], dict]:
    """Events not yet exported (or all of them), and which of them are not yet marked."""
    marked = t.SyncExportedEvent.__table__.c["event_id"]  # type: ignore[attr-defined]
    events: dict[str, list[tuple]] = {}
    unmarked: dict[str, list[uuid.UUID]] = {}
    for section in ("visits", "outcomes", "facts"):
        table = _table(section)
        not_sent = ~exists().where(marked == table.c["id"])
        stmt = select(*_columns(section, raw=True))
        if not everything:
            stmt = stmt.where(not_sent)
        rows = [tuple(r) for r in session.execute(stmt)]
        events[section] = rows
        if everything:
            unmarked[section] = list(
                session.execute(select(table.c["id"]).where(not_sent)).scalars()
            )
        else:
            unmarked[section] = [_as_uuid(r[0]) for r in rows]
    return events, unmarked


def events_for_citizens(session: Session, village_id: uuid.UUID | None) -> dict[str, list[tuple]]:
    """Lists back to a point: the citizens of its village (all if None).

    With their facts, visits and outcomes.
    """
    citizen = _table("citizens")
    chosen = select(citizen.c["personal_id"])
    if village_id is not None:
        chosen = chosen.where(citizen.c["village_id"] == village_id)
    ids = chosen.scalar_subquery()
    events: dict[str, list[tuple]] = {}
    for section in ("visits", "outcomes", "facts"):
        table = _table(section)
        stmt = select(*_columns(section, raw=True)).where(table.c["personal_id"].in_(ids))
        events[section] = [tuple(r) for r in session.execute(stmt)]
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
    if missing_visits:
        sections["visits"].extend(rows_by_key(session, "visits", missing_visits, raw=True))
    have_citizens = {r[0] for r in sections.get("citizens", [])}
    pids = {r[1] for r in sections["visits"]}
    pids |= {r[2] for r in sections["outcomes"]}
    pids |= {r[1] for r in sections["facts"]}
    sections.setdefault("citizens", []).extend(
        rows_by_key(session, "citizens", pids - have_citizens, raw=True)
    )
    user_ids = {r[4] for r in sections["visits"]} | {r[6] for r in sections["outcomes"]}
    sections["users"] = rows_by_key(session, "users", user_ids, raw=True)
    point_ids = {r[3] for r in sections["visits"]} | {r[3] for r in sections["users"]}
    point_ids.discard(None)
    sections["points"] = rows_by_key(session, "points", point_ids, raw=True)
    village_ids = {r[2] for r in sections["points"]} | {r[5] for r in sections["citizens"]}
    village_ids.discard(None)
    sections["villages"] = rows_by_key(session, "villages", village_ids, raw=True)
    return sections


def mark_exported(session: Session, ids: dict[str, list[uuid.UUID]], sequence: int) -> None:
    """Remember these events as sent (or received from the police), for "since last export"."""
    rows = [
        {"event_id": event_id, "kind": EVENT_KIND[section], "sequence": sequence}
        for section, event_ids in ids.items()
        for event_id in event_ids
    ]
    table = t.SyncExportedEvent.__table__  # type: ignore[attr-defined]
    if sequence == 0:  # received: some may already be marked
        have = set()
        column = table.c["event_id"]
        for part in _chunks([r["event_id"] for r in rows]):
            have.update(session.execute(select(column).where(column.in_(part))).scalars())
        rows = [r for r in rows if r["event_id"] not in have]
    bulk_insert(session, table, rows)


def next_sequence(session: Session, recipient: str) -> int:
    """The next bundle number for this recipient (1 for the first)."""
    table = t.SyncExport.__table__  # type: ignore[attr-defined]
    stmt = select(func.max(table.c["sequence"])).where(table.c["recipient"] == recipient)
    return int(session.execute(stmt).scalar() or 0) + 1


# Import ----------------------------------------------------------------------------------------
def insert_new(session: Session, section: str, rows: list[dict[str, Any]]) -> None:
    """Bulk insert rows known to be new."""
    bulk_insert(session, _table(section), rows)


def merge_citizens(session: Session, incoming: list[dict[str, Any]]) -> tuple[int, int]:
    """Upsert citizens by rank: the result is the same whatever order bundles come in.

    An official-list name beats a scan; then the newer record; then a fixed tie-break
    (`citizen_wins`). Returns (new, updated).
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
    for part in _chunks(list(best)):
        stmt = select(key, table.c["name_source"], table.c["updated_at"]).where(key.in_(part))
        for pid, source, updated_at in session.execute(stmt):
            stored[pid] = {"name_source": source, "updated_at": updated_at}
    # Ties on rank need the whole stored record: fetch those together, not one by one.
    ties = [
        pid
        for pid, row in best.items()
        if pid in stored and citizen_rank(row) == citizen_rank(stored[pid])
    ]
    for full_old in rows_by_key(session, "citizens", ties):
        stored[full_old[0]] = dict(zip(COLUMNS["citizens"], full_old, strict=True))
    new_rows = []
    tokens = []
    updated = 0
    token_table = t.CitizenNameToken.__table__  # type: ignore[attr-defined]
    for pid, row in best.items():
        old = stored.get(pid)
        if old is None:
            new_rows.append(row | {"name_folded": fold(row["full_name"])})
            tokens.extend(
                {"token": w, "personal_id": pid} for w in sorted(set(fold_words(row["full_name"])))
            )
            continue
        if not citizen_wins(row, old):
            continue
        before = session.execute(select(table.c["full_name"]).where(key == pid)).scalar_one()
        values = row | {"name_folded": fold(row["full_name"])}
        session.execute(update(table).where(key == pid).values(**values))
        if before != row["full_name"]:
            session.execute(token_table.delete().where(token_table.c["personal_id"] == pid))
            session.execute(
                insert(token_table),
                [
                    {"token": w, "personal_id": pid}
                    for w in sorted(set(fold_words(row["full_name"])))
                ],
            )
        updated += 1
    bulk_insert(session, table, new_rows)
    bulk_insert(session, token_table, tokens)
    return len(new_rows), updated


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

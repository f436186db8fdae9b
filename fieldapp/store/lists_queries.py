"""Bulk reads and writes for list imports, over the import's one session (one transaction).

A 100,000-row list must not become 100,000 ORM objects: inserts are compiled once and sent
as one DBAPI `executemany`, with each column's own bind processor applied, so the stored
form is exactly what SQLAlchemy would write (and the same code runs on PostgreSQL).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import Any

from sqlalchemy import Table, bindparam, insert, select, update
from sqlmodel import Session

from fieldapp.store import tables as t

_CHUNK = 500
_SCAN_ABOVE = 5000


@dataclass(frozen=True, slots=True)
class StoredCitizen:
    """The stored fields an imported row is compared with."""

    personal_id: str
    full_name: str
    name_source: str
    birth_date: date | None
    sex: str | None
    village_id: uuid.UUID | None
    address: str
    phone: str | None
    old_id: str | None
    beneficiary_group: str | None


CITIZEN_KEYS = (
    "personal_id",
    "full_name",
    "name_folded",
    "birth_date",
    "sex",
    "address",
    "village_id",
    "phone",
    "old_id",
    "beneficiary_group",
    "has_smartphone",
    "name_source",
    "created_at",
    "updated_at",
)
TOKEN_KEYS = ("token", "personal_id")
FACT_KEYS = (
    "id",
    "personal_id",
    "field",
    "value",
    "source_kind",
    "source_file",
    "as_of",
    "imported_at",
)
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


def _chunks(items: Sequence[str], size: int = _CHUNK) -> Iterable[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def stored_citizens(session: Session, personal_ids: Sequence[str]) -> dict[str, StoredCitizen]:
    """The stored citizens among these IDs."""
    c = _table(t.Citizen).c
    columns = [c.personal_id, c.name_source, *(c[name] for name in CITIZEN_FIELDS)]
    found: dict[str, StoredCitizen] = {}
    wanted = set(personal_ids)
    if len(wanted) > _SCAN_ABOVE:
        # Most of a commune: one sequential scan beats thousands of index probes.
        batches: Iterable[Any] = [session.execute(select(*columns))]
    else:
        batches = (
            session.execute(select(*columns).where(c.personal_id.in_(chunk)))
            for chunk in _chunks(personal_ids)
        )
    for batch in batches:
        for row in batch:
            if row.personal_id not in wanted:
                continue
            found[row.personal_id] = StoredCitizen(
                row.personal_id,
                row.full_name,
                row.name_source,
                row.birth_date,
                row.sex,
                row.village_id,
                row.address,
                row.phone,
                row.old_id,
                row.beneficiary_group,
            )
    return found


def existing_fact_ids(
    session: Session, personal_ids: Sequence[str], source_kind: str
) -> set[uuid.UUID]:
    """Ids of the facts of this source kind already stored about these citizens."""
    f = _table(t.OfficialFact).c
    ids: set[uuid.UUID] = set()
    if len(personal_ids) > _SCAN_ABOVE:
        ids.update(session.execute(select(f.id).where(f.source_kind == source_kind)).scalars())
        return ids
    for chunk in _chunks(personal_ids):
        stmt = select(f.id).where(f.personal_id.in_(chunk), f.source_kind == source_kind)
        ids.update(session.execute(stmt).scalars())
    return ids


def village_names(session: Session) -> list[tuple[uuid.UUID, str]]:
    """Every village's id and name."""
    v = _table(t.Village).c
    return [(row.id, row.name) for row in session.execute(select(v.id, v.name))]


def bulk_insert(
    session: Session, model: type, keys: Sequence[str], rows: Sequence[tuple[Any, ...]]
) -> None:
    """Insert many rows of one table in one `executemany`; `rows` are tuples in `keys` order."""
    if not rows:
        return
    table = _table(model)
    connection = session.connection()
    dialect = connection.dialect
    compiled = insert(table).compile(dialect=dialect, column_keys=list(keys))
    # Rows in primary-key order fill the B-tree pages one after another.
    # (UUIDs order by their value, as their stored hex text does.)
    ordered = sorted(rows, key=itemgetter(*(keys.index(c.key) for c in table.primary_key)))
    primary = {c.key for c in table.primary_key}
    # Column by column: one list comprehension per column beats a generator per value, and
    # a column repeating a few values (a timestamp, a date, a village) is processed once each.
    columns: dict[str, list[Any]] = {}
    for i, key in enumerate(keys):
        values = [row[i] for row in ordered]
        proc = table.c[key].type._cached_bind_processor(dialect)
        if proc is not None:
            if key in primary:
                values = [None if v is None else proc(v) for v in values]
            else:
                done: dict[Any, Any] = {None: None}
                values = [done[v] if v in done else done.setdefault(v, proc(v)) for v in values]
        columns[key] = values
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


def replace_name_tokens(session: Session, tokens: dict[str, list[str]]) -> None:
    """New name tokens for renamed citizens (their old tokens go)."""
    if not tokens:
        return
    tok = _table(t.CitizenNameToken)
    ids = list(tokens)
    for chunk in _chunks(ids):
        session.execute(tok.delete().where(tok.c.personal_id.in_(chunk)))
    bulk_insert(
        session,
        t.CitizenNameToken,
        TOKEN_KEYS,
        [(w, pid) for pid, words in tokens.items() for w in words],
    )


def get_setting(session: Session, key: str) -> str | None:
    """A local setting's value."""
    row = session.get(t.Setting, key)
    return None if row is None else row.value


def set_setting(session: Session, key: str, value: str) -> None:
    """Set a local setting; writing the same value changes nothing."""
    row = session.get(t.Setting, key)
    if row is None:
        session.add(t.Setting(key=key, value=value))
    elif row.value != value:
        row.value = value
        session.add(row)


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined,no-any-return]

"""Official facts: kept lean, read whole (issue 17, lean rows).

A fact row holds what the fact says (id, personal ID, field, value) and `import_id`, the
`list_import` row of the list that said it (kind, file, list date, import time, SHA-256,
who): those are written once per list instead of once per fact. Every reader of facts goes
through `FACTS` (the join) and the columns below, so a fact reads as it always did:
`dm.OfficialFact`, or the bundle's `facts` section (`domain.records.COLUMNS`), unchanged.

Writers hand facts over whole (`fact_values`, a bundle's rows) and `lean_rows` finds or makes
their `list_import` rows, or, for a list being imported, `list_import_id` makes its one row.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Select, bindparam, func, insert, select
from sqlalchemy.orm import Session

from fieldapp.domain import model as dm
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked
from fieldapp.store.types import as_uuid

FACT = t.OfficialFact.__table__  # type: ignore[attr-defined]
IMPORT = t.ListImport.__table__  # type: ignore[attr-defined]
FACTS = FACT.join(IMPORT, IMPORT.c.id == FACT.c.import_id)
"""Facts with their list's kind, file and dates: select from this."""

COLUMN: dict[str, Any] = {
    "id": FACT.c.id,
    "personal_id": FACT.c.personal_id,
    "field": FACT.c.field,
    "value": FACT.c.value,
    "source_kind": IMPORT.c.source_kind,
    "source_file": IMPORT.c.source_file,
    "as_of": IMPORT.c.as_of,
    "imported_at": IMPORT.c.imported_at,
}
"""A fact's columns by the names a whole fact has (the bundle's, `fact_values`')."""

_DOMAIN = ("id", "personal_id", "field", "value", "source_kind", "source_file", "as_of")
DOMAIN_COLUMNS = tuple(COLUMN[n] for n in _DOMAIN)
"""In the order of `dm.OfficialFact`'s fields (see `fact_from_row`)."""

ImportKey = tuple[str, str, date, datetime]
"""What identifies a list import wherever its facts travel: kind, file, list date, time."""


def select_facts(*columns: Any) -> Select[Any]:
    """`SELECT columns FROM official_fact JOIN list_import` (default: a domain fact's columns)."""
    return select(*(columns or DOMAIN_COLUMNS)).select_from(FACTS)


def fact_from_row(row: Sequence[Any]) -> dm.OfficialFact:
    """A row of `DOMAIN_COLUMNS` as the domain's fact."""
    fid, pid, field, value, kind, source, as_of = row
    return dm.OfficialFact(as_uuid(fid), pid, dm.FactField(field), value, kind, source, as_of)


def facts_of(session: Session, personal_ids: Sequence[str]) -> list[dm.OfficialFact]:
    """The facts about these citizens, whole (few citizens: one `IN` list)."""
    if not personal_ids:
        return []
    stmt = select_facts().where(FACT.c.personal_id.in_(list(personal_ids)))
    return [fact_from_row(r) for r in session.execute(stmt)]


def _moment(value: datetime) -> datetime:
    """Times compare in UTC (SQLite gives them back naive, in UTC)."""
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _key(kind: str, source: str, as_of: Any, imported_at: Any) -> ImportKey:
    day = as_of if isinstance(as_of, date) else date.fromisoformat(str(as_of)[:10])
    moment = (
        imported_at
        if isinstance(imported_at, datetime)
        else datetime.fromisoformat(str(imported_at))
    )
    return kind, source, day, _moment(moment)


def import_ids(session: Session, keys: Iterable[ImportKey]) -> dict[ImportKey, int]:
    """The `list_import` rows of these keys, made where missing (facts from a bundle).

    The table has one row per list ever imported anywhere in the commune: it is read whole.
    """
    wanted = {_key(*k) for k in keys}
    if not wanted:
        return {}
    c = IMPORT.c
    found: dict[ImportKey, int] = {}
    stmt = select(c.id, c.source_kind, c.source_file, c.as_of, c.imported_at)
    for row_id, *key in session.execute(stmt):
        found[_key(*key)] = row_id
    missing = sorted(wanted - found.keys())
    for kind, source, day, moment in missing:
        values = {"source_kind": kind, "source_file": source, "as_of": day, "imported_at": moment}
        found[(kind, source, day, moment)] = session.execute(
            insert(IMPORT).values(values).returning(c.id)
        ).scalar_one()
    return {k: found[k] for k in wanted}


def list_import_id(
    session: Session,
    *,
    source_kind: str,
    source_file: str,
    as_of: date,
    imported_at: datetime,
    sha256: str | None = None,
    user_id: Any = None,
) -> int:
    """The one `list_import` row of a list being imported here (found again if it exists)."""
    key = _key(source_kind, source_file, as_of, imported_at)
    c = IMPORT.c
    found = session.execute(
        select(c.id).where(
            c.source_kind == source_kind,
            c.source_file == source_file,
            c.as_of == key[2],
            c.imported_at == key[3],
        )
    ).scalar()
    if found is not None:
        return int(found)
    values = {
        "source_kind": source_kind,
        "source_file": source_file,
        "as_of": key[2],
        "imported_at": key[3],
        "sha256": sha256,
        "user_id": user_id,
    }
    return int(session.execute(insert(IMPORT).values(values).returning(c.id)).scalar_one())


LEAN_KEYS = ("id", "personal_id", "field", "value", "import_id")


def lean_rows(session: Session, rows: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Whole facts (bundle rows, `fact_values`) as `official_fact` rows, imports found or made."""
    if not rows:
        return []

    def key(row: dict[str, Any]) -> ImportKey:
        return _key(row["source_kind"], row["source_file"], row["as_of"], row["imported_at"])

    ids = import_ids(session, {key(r) for r in rows})
    return [
        {
            "id": r["id"],
            "personal_id": r["personal_id"],
            "field": r["field"],
            "value": r["value"],
            "import_id": ids[key(r)],
        }
        for r in rows
    ]


def insert_facts(session: Session, rows: Sequence[dict[str, Any]]) -> None:
    """Insert whole facts (a few: the desk, tests, the demo loader's commune)."""
    lean = lean_rows(session, rows)
    if lean:
        session.execute(insert(FACT), lean)
        forget_list_digests(session, {r["personal_id"] for r in lean})


CITIZEN = t.Citizen.__table__  # type: ignore[attr-defined]
_FORGET = (
    CITIZEN.update()
    .where(
        CITIZEN.c.personal_id.in_(bindparam("ids", expanding=True)),
        CITIZEN.c.list_digest.is_not(None),
    )
    .values(list_digest=None)
)


def forget_list_digests(session: Session, personal_ids: Collection[str]) -> None:
    """Facts written outside a list import: these citizens' next list row is read in full.

    `t.Citizen.list_digest` says what the last list said; a fact from elsewhere (the desk, a
    bundle) may change which value is latest, so the digest no longer proves a row unchanged.
    """
    for chunk in chunked(sorted(set(personal_ids))):
        session.execute(_FORGET, {"ids": chunk})


def first_fact_day(session: Session) -> Any:
    """The earliest list date of any fact (None without facts)."""
    return session.execute(select(func.min(IMPORT.c.as_of)).select_from(FACTS)).scalar()

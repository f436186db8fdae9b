"""Reads for the deadline-to-deadline daily report: who had events near the deadline."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlmodel import Session, col

from fieldapp.domain import model as dm
from fieldapp.store import facts, mapping
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked


def touched_between(session: Session, start: datetime, end: datetime) -> list[str]:
    """Personal IDs with a visit or an outcome at start <= moment < end (aware moments)."""
    lo, hi = start.astimezone(UTC), end.astimezone(UTC)
    visits = select(t.Visit.personal_id).where(t.Visit.occurred_at >= lo, t.Visit.occurred_at < hi)
    outcomes = select(t.Outcome.personal_id).where(
        t.Outcome.recorded_at >= lo, t.Outcome.recorded_at < hi
    )
    found = set(session.execute(visits).scalars()) | set(session.execute(outcomes).scalars())
    return sorted(found)


def citizens_by_ids(session: Session, personal_ids: Sequence[str]) -> list[dm.Citizen]:
    """These citizens (those the store holds), by personal ID."""
    found = []
    for chunk in chunked(personal_ids):
        stmt = select(t.Citizen).where(col(t.Citizen.personal_id).in_(chunk))
        found += [mapping.citizen_to_domain(r) for r in session.execute(stmt).scalars()]
    return sorted(found, key=lambda c: c.personal_id)


def facts_dated(session: Session, day: date) -> bool:
    """True when some list fact is dated this day."""
    stmt = facts.select_facts(facts.FACT.c.id).where(facts.IMPORT.c.as_of == day).limit(1)
    return session.execute(stmt).first() is not None

"""Bulk reads for printing a village's slips and door-to-door list: a few queries, not one each."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlmodel import Session, col

from fieldapp.domain import model as dm
from fieldapp.store import facts as facts_q
from fieldapp.store import mapping
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked


def citizens_in_village(session: Session, village_id: uuid.UUID) -> list[dm.Citizen]:
    """A village's citizens, by folded name (the order slips are handed out in)."""
    stmt = (
        select(t.Citizen)
        .where(t.Citizen.village_id == village_id)
        .order_by(t.Citizen.name_folded, t.Citizen.personal_id)
    )
    return [mapping.citizen_to_domain(r) for r in session.execute(stmt).scalars()]


def events_for_many(
    session: Session, personal_ids: Sequence[str]
) -> tuple[dict[str, list[dm.Outcome]], dict[str, list[dm.OfficialFact]]]:
    """Outcomes and official facts of many citizens, grouped by personal ID."""
    outcomes: dict[str, list[dm.Outcome]] = defaultdict(list)
    facts: dict[str, list[dm.OfficialFact]] = defaultdict(list)
    for chunk in chunked(personal_ids):
        stmt_o = select(t.Outcome).where(col(t.Outcome.personal_id).in_(chunk))
        for row in session.execute(stmt_o).scalars():
            outcomes[row.personal_id].append(mapping.outcome_to_domain(row))
        for fact in facts_q.facts_of(session, chunk):
            facts[fact.personal_id].append(fact)
    return outcomes, facts


def last_visits(session: Session, personal_ids: Sequence[str]) -> dict[str, datetime]:
    """When each of these citizens was last helped (at a point or at home); absent: never."""
    found: dict[str, datetime] = {}
    for chunk in chunked(personal_ids):
        stmt = (
            select(t.Visit.personal_id, func.max(t.Visit.occurred_at))
            .where(col(t.Visit.personal_id).in_(chunk))
            .group_by(t.Visit.personal_id)
        )
        for personal_id, occurred_at in session.execute(stmt):
            found[personal_id] = occurred_at
    return found

"""Queries of the desk that the core repository does not have: bulk reads by village."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import or_, select
from sqlmodel import Session, col

from fieldapp.domain import model as dm
from fieldapp.store import facts, mapping
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked

_HOME_VISIT_FACTS = (dm.FactField.NEEDS_HELP.value,)


def home_visit_pool(
    session: Session, *, born_on_or_before: date, village_id: uuid.UUID | None = None
) -> list[dm.Citizen]:
    """Citizens who may need a home visit: old enough, flagged by a list, or marked at a point.

    A coarse SQL pre-filter; the service applies the rule on the folded status.
    """
    flagged = select(t.OfficialFact.personal_id).where(
        col(t.OfficialFact.field).in_(_HOME_VISIT_FACTS)
    )
    marked = select(t.CitizenCorrectionRow.personal_id).where(
        t.CitizenCorrectionRow.field == "needs_home_visit"
    )
    stmt = select(t.Citizen).where(
        or_(
            col(t.Citizen.birth_date) <= born_on_or_before,
            col(t.Citizen.personal_id).in_(flagged),
            col(t.Citizen.personal_id).in_(marked),
        )
    )
    if village_id is not None:
        stmt = stmt.where(t.Citizen.village_id == village_id)
    stmt = stmt.order_by(t.Citizen.name_folded)
    return [mapping.citizen_to_domain(r) for r in session.execute(stmt).scalars()]


def outcomes_of_citizens(session: Session, personal_ids: Sequence[str]) -> list[dm.Outcome]:
    """All outcomes of several citizens."""
    rows: list[dm.Outcome] = []
    for chunk in chunked(personal_ids):
        stmt = select(t.Outcome).where(col(t.Outcome.personal_id).in_(chunk))
        rows += [mapping.outcome_to_domain(r) for r in session.execute(stmt).scalars()]
    return rows


def facts_of_citizens(session: Session, personal_ids: Sequence[str]) -> list[dm.OfficialFact]:
    """All official facts about several citizens."""
    rows: list[dm.OfficialFact] = []
    for chunk in chunked(personal_ids):
        rows += facts.facts_of(session, chunk)
    return rows

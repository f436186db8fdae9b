"""Looking citizens up: the card the desk shows, name search, today's visits."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date

from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.payments import PaymentAccount, PaymentReceiver
from fieldapp.domain.status import CitizenStatus, fold_status
from fieldapp.services.clock import local_day_bounds, local_today
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.repository import SqlRepository


@dataclass(frozen=True, slots=True)
class VisitLine:
    """One visit as a list shows it: who, where, by whom, and its outcomes."""

    visit: dm.Visit
    citizen_name: str
    point_name: str
    user_name: str
    outcomes: tuple[dm.Outcome, ...]


@dataclass(frozen=True, slots=True)
class CitizenCard:
    """Everything the desk shows about a citizen after a scan."""

    citizen: dm.Citizen
    status: CitizenStatus
    village_name: str | None
    visits: tuple[VisitLine, ...]
    facts: tuple[dm.OfficialFact, ...]
    name_source: str
    payments: tuple[PaymentReceiver | PaymentAccount, ...] = ()
    receives_for: tuple[str, ...] = ()  # names of those this person receives payments for


def build_card(
    repo: SqlRepository,
    personal_id: str,
    *,
    head: tuple[dm.Citizen, str, str | None] | None = None,
    visits: list[dm.Visit] | None = None,
) -> CitizenCard:
    """The card from inside an open unit of work (shared by lookup and visit registration).

    A caller that has already read the card's head or the visits passes them in: every read
    saved is felt on each scan.
    """
    head = head or repo.card_head(personal_id)
    if head is None:
        raise NotFoundError("citizen.unknown")
    citizen, name_source, village = head
    outcomes = repo.outcomes_for(personal_id)
    facts = repo.facts_for(personal_id)
    visits = repo.visits_for(personal_id) if visits is None else visits
    names = repo.visit_names(personal_id)
    payments = repo.payments_for(personal_id)
    return CitizenCard(
        citizen=citizen,
        status=fold_status(citizen, outcomes, facts, payments),
        village_name=village,
        visits=tuple(_visit_lines(visits, outcomes, {personal_id: citizen}, names, names)),
        facts=tuple(facts),
        name_source=name_source or "",
        payments=tuple(payments),
        receives_for=tuple(c.full_name for c in repo.receiving_for(personal_id)),
    )


def look_up(uow: UnitOfWork, personal_id: str) -> CitizenCard:
    """A citizen's card by personal ID."""
    with uow:
        return build_card(uow.repo, personal_id)


def search(uow: UnitOfWork, query: str, *, limit: int = 50) -> list[dm.Citizen]:
    """Citizens by name, diacritics and case ignored ("nguyen thi huong")."""
    with uow:
        return uow.repo.search_citizens(query, limit=limit)


def visits_on_day(
    uow: UnitOfWork, *, day: date | None = None, point_id: uuid.UUID | None = None
) -> list[VisitLine]:
    """The visits of a local day (today by default), at one point or all, with outcomes."""
    start, end = local_day_bounds(day or local_today())
    with uow:
        repo = uow.repo
        visits = repo.visits_between(start, end, point_id=point_id)
        outcomes = repo.outcomes_of_visits([v.id for v in visits])
        citizens = repo.citizens_by_ids(v.personal_id for v in visits)
        points = repo.support_point_names({v.support_point_id for v in visits})
        users = repo.user_names({v.user_id for v in visits})
        return _visit_lines(visits, outcomes, citizens, points, users)


def _visit_lines(
    visits: list[dm.Visit],
    outcomes: list[dm.Outcome],
    citizens: dict[str, dm.Citizen],
    points: dict[uuid.UUID, str],
    users: dict[uuid.UUID, str],
) -> list[VisitLine]:
    by_visit: dict[uuid.UUID, list[dm.Outcome]] = {}
    for outcome in outcomes:
        by_visit.setdefault(outcome.visit_id, []).append(outcome)
    return [
        VisitLine(
            visit=v,
            citizen_name=citizens[v.personal_id].full_name if v.personal_id in citizens else "",
            point_name=points.get(v.support_point_id, ""),
            user_name=users.get(v.user_id, ""),
            outcomes=tuple(sorted(by_visit.get(v.id, []), key=lambda o: o.recorded_at)),
        )
        for v in visits
    ]

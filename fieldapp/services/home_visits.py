"""Who should get a home visit, by village: the query and the rule, in one place.

A citizen qualifies when their benefit account is not yet linked (nor submitted) and at
least one reason holds: elderly (75 or older), flagged by a list as needing help (disabled,
bedridden), or a beneficiary who is not paid through an account.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fieldapp.domain import model as dm
from fieldapp.domain.dates import age_on
from fieldapp.domain.status import CitizenStatus, StepState, fold_status
from fieldapp.domain.text import fold
from fieldapp.domain.yes_words import means_yes
from fieldapp.services.clock import local_today
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import desk_queries
from fieldapp.store.payments import of_citizens as payment_events

ELDERLY_AGE = 75


class HomeVisitReason(StrEnum):
    """Why a citizen is on the home-visit list."""

    ELDERLY = "elderly"
    NEEDS_HELP = "needs_help"
    NOT_PAID_TO_ACCOUNT = "not_paid_to_account"


@dataclass(frozen=True, slots=True)
class HomeVisitCandidate:
    """One line of the home-visit list."""

    citizen: dm.Citizen
    village_name: str
    age: int | None
    reasons: tuple[HomeVisitReason, ...]
    status: CitizenStatus


def home_visit_reasons(
    citizen: dm.Citizen,
    status: CitizenStatus,
    facts: Iterable[dm.OfficialFact],
    today: date,
) -> tuple[HomeVisitReason, ...]:
    """The reasons a citizen should get a home visit; empty when they should not."""
    if status.state(dm.Step.BENEFIT_LINK) in (StepState.DONE, StepState.SUBMITTED):
        return ()
    reasons: list[HomeVisitReason] = []
    if citizen.birth_date is not None and age_on(citizen.birth_date, today) >= ELDERLY_AGE:
        reasons.append(HomeVisitReason.ELDERLY)
    latest_help = max(
        (f for f in facts if f.field is dm.FactField.NEEDS_HELP),
        key=lambda f: (f.as_of, str(f.id)),
        default=None,
    )
    if latest_help is not None and means_yes(latest_help.value):
        reasons.append(HomeVisitReason.NEEDS_HELP)
    if status.beneficiary_group is not None and (
        status.payment_status is not dm.PaymentStatus.PAID_TO_ACCOUNT
    ):
        reasons.append(HomeVisitReason.NOT_PAID_TO_ACCOUNT)
    return tuple(reasons)


def home_visit_list(
    uow: UnitOfWork, *, village_id: uuid.UUID | None = None, today: date | None = None
) -> list[HomeVisitCandidate]:
    """Citizens who should get a home visit, in a village (or all), by village then name."""
    day = today or local_today()
    cutoff = _years_before(day, ELDERLY_AGE)
    with uow:
        session = uow.repo.session
        pool = desk_queries.home_visit_pool(
            session, born_on_or_before=cutoff, village_id=village_id
        )
        ids = [c.personal_id for c in pool]
        outcomes: dict[str, list[dm.Outcome]] = defaultdict(list)
        for outcome in desk_queries.outcomes_of_citizens(session, ids):
            outcomes[outcome.personal_id].append(outcome)
        facts: dict[str, list[dm.OfficialFact]] = defaultdict(list)
        for fact in desk_queries.facts_of_citizens(session, ids):
            facts[fact.personal_id].append(fact)
        payments = payment_events(session, ids)
        village_names = {v.id: v.name for v in uow.repo.villages()}
    found = []
    for citizen in pool:
        pid = citizen.personal_id
        status = fold_status(citizen, outcomes[pid], facts[pid], payments.get(pid, ()))
        reasons = home_visit_reasons(citizen, status, facts[citizen.personal_id], day)
        if reasons:
            found.append(
                HomeVisitCandidate(
                    citizen=citizen,
                    village_name=village_names.get(citizen.village_id, "")
                    if citizen.village_id
                    else "",
                    age=age_on(citizen.birth_date, day) if citizen.birth_date else None,
                    reasons=reasons,
                    status=status,
                )
            )
    found.sort(key=lambda c: (fold(c.village_name), fold(c.citizen.full_name)))
    return found


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)

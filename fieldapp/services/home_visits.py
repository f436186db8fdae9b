"""Who should get a home visit, by village: the query and the rule, in one place.

The list is for people who really cannot travel to the point. A citizen qualifies when their
benefit account is not yet linked (nor submitted) and: a volunteer marked them as needing a
home visit, or (unless a volunteer marked that they can travel) they are elderly (the age is a
setting, 75 by default) or a list flags them as needing help (disabled, bedridden). Being a
beneficiary not paid through an account is shown beside, but alone it is no reason to visit.

A home visit done earlier in the day is recorded with its time: today, not in the future.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from fieldapp.domain import corrections as dc
from fieldapp.domain import model as dm
from fieldapp.domain.dates import age_on
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.phone import mask_phone
from fieldapp.domain.status import CitizenStatus, StepState, fold_status
from fieldapp.domain.text import fold
from fieldapp.domain.yes_words import means_yes
from fieldapp.services import users
from fieldapp.services.clock import LOCAL_TZ, local_today, utc_now
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import corrections as stored_corrections
from fieldapp.store import desk_queries
from fieldapp.store.payments import of_citizens as payment_events

ELDERLY_AGE = 75
ELDERLY_AGE_SETTING = "home_visits.elderly_age"
AGE_RANGE = (50, 110)


class HomeVisitReason(StrEnum):
    """Why a citizen is on the home-visit list."""

    MARKED = "marked"  # a volunteer marked them as unable to travel
    ELDERLY = "elderly"
    NEEDS_HELP = "needs_help"
    NOT_PAID_TO_ACCOUNT = "not_paid_to_account"  # shown beside another reason, never alone


@dataclass(frozen=True, slots=True)
class HomeVisitCandidate:
    """One line of the home-visit list."""

    citizen: dm.Citizen
    village_name: str
    age: int | None
    reasons: tuple[HomeVisitReason, ...]
    status: CitizenStatus

    @property
    def masked_phone(self) -> str:
        """The phone with only its last 4 digits (the app's rule for lists left on a table)."""
        return mask_phone(self.citizen.phone or "")


def home_visit_reasons(
    citizen: dm.Citizen,
    status: CitizenStatus,
    facts: Iterable[dm.OfficialFact],
    today: date,
    *,
    elderly_age: int = ELDERLY_AGE,
    marked: bool | None = None,
) -> tuple[HomeVisitReason, ...]:
    """The reasons a citizen should get a home visit; empty when they should not.

    `marked`: the latest "needs a home visit" mark (None: nobody marked them).
    """
    if status.state(dm.Step.BENEFIT_LINK) in (StepState.DONE, StepState.SUBMITTED):
        return ()
    if marked is False:
        return ()  # a volunteer knows they can come to the point
    reasons: list[HomeVisitReason] = [HomeVisitReason.MARKED] if marked else []
    if citizen.birth_date is not None and age_on(citizen.birth_date, today) >= elderly_age:
        reasons.append(HomeVisitReason.ELDERLY)
    latest_help = max(
        (f for f in facts if f.field is dm.FactField.NEEDS_HELP),
        key=lambda f: (f.as_of, str(f.id)),
        default=None,
    )
    if latest_help is not None and means_yes(latest_help.value):
        reasons.append(HomeVisitReason.NEEDS_HELP)
    if not reasons:
        return ()
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
    with uow:
        age = _elderly_age(uow)
        cutoff = _years_before(day, age)
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
        marks: dict[str, list[dc.CitizenCorrection]] = defaultdict(list)
        for mark in stored_corrections.of_citizens(session, ids):
            marks[mark.personal_id].append(mark)
        payments = payment_events(session, ids)
        village_names = {v.id: v.name for v in uow.repo.villages()}
    found = []
    for citizen in pool:
        pid = citizen.personal_id
        status = fold_status(citizen, outcomes[pid], facts[pid], payments.get(pid, ()))
        reasons = home_visit_reasons(
            citizen,
            status,
            facts[citizen.personal_id],
            day,
            elderly_age=age,
            marked=dc.home_visit_mark(marks[citizen.personal_id]),
        )
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


# The age setting ------------------------------------------------------------------------------
def _elderly_age(uow: UnitOfWork) -> int:
    stored = uow.repo.get_setting(ELDERLY_AGE_SETTING)
    return int(stored) if stored and stored.isascii() and stored.isdigit() else ELDERLY_AGE


def elderly_age(uow: UnitOfWork) -> int:
    """From what age a citizen is on the home-visit list (75 unless set)."""
    with uow:
        return _elderly_age(uow)


def set_elderly_age(uow: UnitOfWork, age: int, *, actor: dm.User) -> int:
    """Set the age from which citizens are visited at home (50 to 110)."""
    users.check(uow, actor, Action.POINT_SETTINGS)
    if not AGE_RANGE[0] <= age <= AGE_RANGE[1]:
        raise ValidationError("home_visits.bad_age", value=age, low=AGE_RANGE[0],
                              high=AGE_RANGE[1])  # fmt: skip
    with uow:
        uow.repo.set_setting(ELDERLY_AGE_SETTING, str(age))
        uow.commit()
    return age


# The mark and the time of a visit --------------------------------------------------------------
def mark_home_visit(
    uow: UnitOfWork,
    personal_id: str,
    needed: bool,
    *,
    user_id: uuid.UUID,
    point_id: uuid.UUID | None,
    now: datetime | None = None,
) -> dc.CitizenCorrection:
    """Mark a citizen as needing a home visit (True) or able to travel (False).

    An event like a correction (who, when, the previous mark), so it travels in the bundle.
    """
    with uow:
        repo = uow.repo
        users.authorise(repo, user_id, Action.MARK_HOME_VISIT)
        if repo.get_citizen(personal_id) is None:
            raise NotFoundError("citizen.unknown")
        before = dc.home_visit_mark(repo.corrections_for(personal_id))
        old = "" if before is None else ("yes" if before else "no")
        mark = dc.CitizenCorrection(
            id=dm.new_id(),
            personal_id=personal_id,
            field=dc.CorrectedField.NEEDS_HOME_VISIT,
            old_value=old,
            new_value="yes" if needed else "no",
            recorded_at=now or utc_now(),
            user_id=user_id,
            support_point_id=point_id,
        )
        repo.add_correction(mark)
        uow.commit()
    return mark


def check_visit_time(at: datetime, now: datetime | None = None) -> datetime:
    """A home visit's time: earlier today (local), never in the future nor before today."""
    current = now or utc_now()
    local_at, local_now = at.astimezone(LOCAL_TZ), current.astimezone(LOCAL_TZ)
    if local_at > local_now:
        raise ValidationError("home_visits.time_future", time=f"{local_at:%H:%M}")
    if local_at.date() != local_now.date():
        raise ValidationError("home_visits.time_not_today", time=f"{local_at:%d/%m %H:%M}")
    return at

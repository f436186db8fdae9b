"""Each social-security beneficiary's standing at a moment, for the agencies' reports.

The agency reports and the social-affairs office's file read this one source.
Only beneficiaries are folded (by `fold_status`, the one definition of status), with the
events known at the moment the report's period ends: outcomes recorded before it, list facts
dated on or before its local day. A daily report that ends at its deadline (14:00) therefore
does not count what was done at 15:00.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from fieldapp.domain import model as dm
from fieldapp.domain.status import CitizenStatus, StepState, fold_status
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.report_timelines import NOT_CLASSIFIED, payment_class
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.beneficiary_queries import (
    as_utc,
    beneficiary_citizens,
    last_visit_before,
)
from fieldapp.store.payments import of_citizens as payment_events
from fieldapp.store.report_queries import load_report_rows

UNKNOWN_VILLAGE = "unknown"


@dataclass(frozen=True, slots=True)
class Beneficiary:
    """One beneficiary as the agency report and the social-affairs file see them."""

    citizen: dm.Citizen
    status: CitizenStatus
    group: dm.BeneficiaryGroup
    payment: str  # a PAYMENT_CLASSES value
    village_key: str  # the village's id as text, or UNKNOWN_VILLAGE
    proxy_name: str
    guardian_name: str
    last_visit: datetime | None  # UTC

    @property
    def linked(self) -> bool:
        """The benefit link submitted or approved (the province's "tích hợp")."""
        return self.status.state(dm.Step.BENEFIT_LINK) in (StepState.DONE, StepState.SUBMITTED)

    @property
    def level2(self) -> bool:
        """Has a level-2 e-ID account."""
        return self.status.is_done(dm.Step.EID_APPLICATION)

    @property
    def through_receiver(self) -> bool:
        """Paid through a proxy or a guardian."""
        return self.status.through_receiver


def fact_day(until: datetime) -> date:
    """The last local day whose list facts are known at `until` (an excluded end moment)."""
    return (until - timedelta(microseconds=1)).astimezone(LOCAL_TZ).date()


def beneficiaries_at(
    uow: UnitOfWork, until: datetime | None = None, *, with_visits: bool = True
) -> list[Beneficiary]:
    """Every beneficiary's status from the events known before `until` (None: all events).

    `with_visits=False` leaves `last_visit` empty (the agency report does not show it).
    """
    last_fact_day = None if until is None else fact_day(until)
    with uow:
        session = uow.repo.session
        citizens = beneficiary_citizens(session)
        ids = [c.personal_id for c in citizens]
        # the figures' bulk reader, filtered in SQL; everyone's rows when most are wanted
        wanted = None if len(ids) > uow.repo.count_citizens() // 4 else ids
        rows = load_report_rows(
            session, until, last_fact_day, only=wanted, with_visits=False, with_citizens=False
        )
        payments = payment_events(session, ids)
        visited = last_visit_before(session, ids, until) if with_visits else {}
    found = []
    for citizen in citizens:
        pid = citizen.personal_id
        own_outcomes = rows.outcomes_of(pid)
        own_facts = rows.facts_of(pid)
        own_payments = payments.get(pid, [])
        if until is not None:
            own_payments = [e for e in own_payments if as_utc(e.recorded_at) < until]
        status = fold_status(citizen, own_outcomes, own_facts, own_payments)
        if status.beneficiary_group is None:
            continue  # the group came from a list dated after the period
        latest = _latest_names(own_facts)
        found.append(
            Beneficiary(
                citizen=citizen,
                status=status,
                group=status.beneficiary_group,
                payment=payment_class(status) or NOT_CLASSIFIED,
                village_key=str(citizen.village_id) if citizen.village_id else UNKNOWN_VILLAGE,
                proxy_name=latest.get(dm.FactField.PROXY_NAME, ""),
                guardian_name=latest.get(dm.FactField.GUARDIAN_NAME, ""),
                last_visit=visited.get(pid),
            )
        )
    return found


def _latest_names(facts: list[dm.OfficialFact]) -> dict[dm.FactField, str]:
    """The latest list value of the proxy's and the guardian's names."""
    latest: dict[dm.FactField, dm.OfficialFact] = {}
    for fact in facts:
        if fact.field not in (dm.FactField.PROXY_NAME, dm.FactField.GUARDIAN_NAME):
            continue
        current = latest.get(fact.field)
        if current is None or (fact.as_of, fact.id) > (current.as_of, current.id):
            latest[fact.field] = fact
    return {name: fact.value.strip() for name, fact in latest.items()}


def village_names(uow: UnitOfWork) -> dict[str, str]:
    """Village id (as text) → name."""
    with uow:
        return {str(v.id): v.name for v in uow.repo.villages()}


def village_order(uow: UnitOfWork) -> list[uuid.UUID]:
    """The villages in the store's order (the reports' order)."""
    with uow:
        return [v.id for v in uow.repo.villages()]

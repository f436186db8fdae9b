"""The fold: a citizen's events and official facts → their status per step and what is next.

Pure and order-independent: the same set of events gives the same status whatever order they
arrive in, which is what makes a bundle import a plain set union. What each step requires,
what a step made proves and what is missing next are read from the table of step rules
(`domain/step_rules.py`: the linking rule is there).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import IntEnum, StrEnum
from typing import TypeVar

from fieldapp.domain.model import (
    BeneficiaryGroup,
    Citizen,
    FactField,
    FailureReason,
    OfficialFact,
    Outcome,
    PaymentStatus,
    Result,
    Step,
)
from fieldapp.domain.payments import PaymentAccount, PaymentHolder, PaymentReceiver
from fieldapp.domain.payments import latest as latest_event
from fieldapp.domain.step_rules import STEP_RULES, Need
from fieldapp.domain.yes_words import means_yes

RULES_VERSION = "2026-11-26.5"
"""Bump on ANY change to what the fold (or the report's marks, `domain/status_history.py`)
makes of a citizen's events: the report cache keeps each citizen's timeline under this version,
so a bump refolds everyone once. `tests/test_rules_version.py` pins it to a digest of the
rules' answers on a fixed synthetic commune: a change of the rules without a bump fails there."""


class StepState(IntEnum):
    """How far a step has got; larger is further. Failed and referred are attempts, not progress."""

    NOT_STARTED = 0
    FAILED = 1
    REFERRED = 2
    SUBMITTED = 3
    DONE = 4

    @property
    def key(self) -> str:
        """Stable lowercase name for messages and JSON."""
        return self.name.lower()


class Source(StrEnum):
    """Where a step's state comes from."""

    VISIT = "visit"
    OFFICIAL_LIST = "official_list"
    INFERRED = "inferred"


@dataclass(frozen=True, slots=True)
class StepStatus:
    """The state of one step and the event or fact behind it."""

    step: Step
    state: StepState = StepState.NOT_STARTED
    source: Source | None = None
    at: datetime | date | None = None
    reason: FailureReason | None = None
    bank: str | None = None
    outcome_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class CitizenStatus:
    """Everything the desk, the slips and the reports say about where a citizen stands."""

    steps: Mapping[Step, StepStatus]
    has_smartphone: bool | None
    beneficiary_group: BeneficiaryGroup | None
    payment_status: PaymentStatus | None
    missing: tuple[Need, ...]
    # who receives the payment: the beneficiary, a proxy or a guardian (None: nobody said)
    paid_via: PaymentHolder | None = None
    # the account recorded for the payment, its holder, and its bank (never its number)
    account_holder: PaymentHolder | None = None

    @property
    def through_receiver(self) -> bool:
        """Paid through a proxy or a guardian: their account, not the beneficiary's own steps."""
        return self.paid_via is not None and self.paid_via.through_receiver

    def state(self, step: Step) -> StepState:
        """Shortcut for the state of one step."""
        return self.steps[step].state

    def is_done(self, step: Step) -> bool:
        """True when the step is done (approved, for the benefit link)."""
        return self.state(step) is StepState.DONE

    @property
    def eligible(self) -> bool:
        """Meets the conditions to link (seed 000 §5): level 2, a smartphone, a bank account.

        The campaign's target "100% of eligible citizens"; everyone linked is eligible (the
        link proves the three).
        """
        steps = self.steps
        return (
            self.has_smartphone is True
            and steps[_APPLICATION].state is _DONE
            and steps[_BANK_ACCOUNT].state is _DONE
        )

    @property
    def complete(self) -> bool:
        """Nothing left to do: the benefit account link is approved."""
        return not self.missing


_PROGRESS = (StepState.DONE, StepState.SUBMITTED)


def _outcome_status(outcomes: list[Outcome]) -> StepStatus:
    """Best progress wins; among attempts only, the latest attempt wins.

    Ties on time are broken by the outcome's id (UUIDs order like their text), so the result
    does not depend on the order the events arrived in.
    """
    best = outcomes[0] if len(outcomes) == 1 else max(outcomes, key=_rank)
    return StepStatus(
        step=best.step,
        state=_RESULT_STATE[best.result],
        source=Source.VISIT,
        at=best.recorded_at,
        reason=best.reason,
        bank=best.bank,
        outcome_id=best.id,
    )


def _rank(o: Outcome) -> tuple[int, datetime, uuid.UUID]:
    return (_RESULT_RANK[o.result], o.recorded_at, o.id)


_RESULT_STATE = {
    Result.DONE: StepState.DONE,
    Result.SUBMITTED: StepState.SUBMITTED,
    Result.FAILED: StepState.FAILED,
    Result.REFERRED: StepState.REFERRED,
}
# progress (done, submitted) ranks by its state; every attempt (failed, referred) ranks alike
_RESULT_RANK = {
    result: state if state in _PROGRESS else StepState.FAILED
    for result, state in _RESULT_STATE.items()
}
_STEP_ORDER = tuple(Step)
_NOT_STARTED = {step: StepStatus(step) for step in _STEP_ORDER}


def _latest_facts(facts: Iterable[OfficialFact]) -> dict[FactField, OfficialFact]:
    latest: dict[FactField, OfficialFact] = {}
    for fact in facts:
        current = latest.get(fact.field)
        if current is None or (fact.as_of, fact.id) > (current.as_of, current.id):
            latest[fact.field] = fact
    return latest


def _raise_to(status: StepStatus, state: StepState, source: Source, at: object) -> StepStatus:
    """Official facts and inferences only ever move a step forward."""
    if status.state >= state:
        return status
    return StepStatus(step=status.step, state=state, source=source, at=at)  # type: ignore[arg-type]


def active_outcomes(outcomes: Iterable[Outcome]) -> list[Outcome]:
    """Outcomes that still count: corrections and the outcomes they void are left out."""
    listed = list(outcomes)
    voided = {o.corrects for o in listed if o.corrects is not None}
    if not voided:
        return listed  # no correction among them: every outcome counts
    return [o for o in listed if o.corrects is None and o.id not in voided]


# Python 3.11 reads an enum member through a descriptor (about 0.2 µs each time). The fold
# reads dozens of them per call and runs tens of thousands of times for the reports, so the
# members it reads are bound to module names once, here; they mean exactly the members.
_APPLICATION = Step.EID_APPLICATION
_ACTIVATION = Step.EID_ACTIVATION
_BANK_ACCOUNT = Step.BANK_ACCOUNT
_BENEFIT_LINK = Step.BENEFIT_LINK
_DONE = StepState.DONE
_SUBMITTED = StepState.SUBMITTED
_EID_LEVEL = FactField.EID_LEVEL
_EID_ACTIVATED = FactField.EID_ACTIVATED
_BENEFIT_LINKED = FactField.BENEFIT_LINKED
_PAYMENT_STATUS = FactField.PAYMENT_STATUS
_BENEFICIARY_GROUP = FactField.BENEFICIARY_GROUP
_OFFICIAL_LIST = Source.OFFICIAL_LIST
_INFERRED = Source.INFERRED
_NO_ACCOUNT = PaymentStatus.NO_ACCOUNT
_PAID_TO_ACCOUNT = PaymentStatus.PAID_TO_ACCOUNT
_HAS_ACCOUNT_NOT_PAID = PaymentStatus.HAS_ACCOUNT_NOT_PAID
_NO_SMARTPHONE = FailureReason.NO_SMARTPHONE
_SELF = PaymentHolder.SELF
_PROXY_NAME = FactField.PROXY_NAME
_GUARDIAN_NAME = FactField.GUARDIAN_NAME
_HAS_SMARTPHONE_FACT = FactField.HAS_SMARTPHONE


def fold_status(
    citizen: Citizen | None,
    outcomes: Iterable[Outcome],
    facts: Iterable[OfficialFact] = (),
    payments: Iterable[PaymentReceiver | PaymentAccount] = (),
) -> CitizenStatus:
    """Fold outcomes (corrections applied), official facts and the payment records.

    `payments`: who receives the beneficiary's payment and into which account, as recorded at
    a desk (`domain/payments.py`); the latest of each kind stands.
    """
    active = active_outcomes(outcomes)
    payments = payments if isinstance(payments, tuple) else tuple(payments)

    by_step: dict[Step, list[Outcome]] = {}
    for o in active:
        found = by_step.get(o.step)
        if found is None:
            by_step[o.step] = [o]
        else:
            found.append(o)
    steps: dict[Step, StepStatus] = {}
    for step in _STEP_ORDER:
        found = by_step.get(step)
        steps[step] = _NOT_STARTED[step] if found is None else _outcome_status(found)

    latest = _latest_facts(facts)
    official = _OFFICIAL_LIST

    def fact_true(name: FactField) -> OfficialFact | None:
        fact = latest.get(name)
        return fact if fact is not None and means_yes(fact.value) else None

    def fact_said(name: FactField) -> bool | None:
        fact = latest.get(name)
        return None if fact is None else means_yes(fact.value)

    level = latest.get(_EID_LEVEL)
    level_one = level is not None and level.value.strip() == "1"
    if level is not None and level.value.strip() == "2":
        steps[_APPLICATION] = _raise_to(steps[_APPLICATION], _DONE, official, level.as_of)
    if fact := fact_true(_EID_ACTIVATED):
        steps[_ACTIVATION] = _raise_to(steps[_ACTIVATION], _DONE, official, fact.as_of)
    if fact := fact_true(_BENEFIT_LINKED):
        steps[_BENEFIT_LINK] = _raise_to(steps[_BENEFIT_LINK], _DONE, official, fact.as_of)

    payment_status = _enum_or_none(PaymentStatus, latest.get(_PAYMENT_STATUS))
    if payment_status in (_PAID_TO_ACCOUNT, _HAS_ACCOUNT_NOT_PAID):
        fact = latest[_PAYMENT_STATUS]
        steps[_BANK_ACCOUNT] = _raise_to(steps[_BANK_ACCOUNT], _DONE, official, fact.as_of)

    paid_via = _paid_via(latest, payments)
    through_receiver = paid_via is not None and paid_via is not _SELF
    account = latest_event(payments, PaymentAccount) if payments else None
    if account is not None and account.holder is _SELF:
        # an account of their own recorded at a desk: they have a bank account
        at = account.recorded_at
        steps[_BANK_ACCOUNT] = _raise_to(steps[_BANK_ACCOUNT], _DONE, _INFERRED, at)

    # A step made proves the steps it requires (the table's `requires`): nobody activates
    # without a level-2 account, and a submitted link was made with a verified account.
    # Latest steps first, so what they prove proves in turn. Not for a beneficiary paid
    # through a receiver where the row says so: their "submitted" link is the receiver's.
    inferred = _INFERRED
    for step, proving, required, proves_through_receiver in _INFERENCES:
        if through_receiver and not proves_through_receiver:
            continue
        made = steps[step]
        if made.state in proving:
            at = made.at
            for prior in required:
                if level_one and prior is _APPLICATION:
                    continue  # a level-1 account is activated in VNeID too: the list said 1
                steps[prior] = _raise_to(steps[prior], _DONE, inferred, at)

    # The list's classification, updated by what the points saw: a beneficiary listed with no
    # account who has opened one since now has an account that is not yet paid into.
    receiver_account = (
        through_receiver and account is not None and account.holder is paid_via
    ) or (through_receiver and payment_status is _PAID_TO_ACCOUNT)
    own_account = not through_receiver and steps[_BANK_ACCOUNT].state is _DONE
    if payment_status is _NO_ACCOUNT and (own_account or receiver_account):
        payment_status = _HAS_ACCOUNT_NOT_PAID

    has_smartphone = _smartphone(citizen, active, steps, fact_said(_HAS_SMARTPHONE_FACT))
    group = _enum_or_none(BeneficiaryGroup, latest.get(_BENEFICIARY_GROUP))
    if group is None and citizen is not None:
        group = citizen.beneficiary_group
    return CitizenStatus(
        steps=steps,
        has_smartphone=has_smartphone,
        beneficiary_group=group,
        payment_status=payment_status,
        missing=(
            _missing_through_receiver(receiver_account)
            if through_receiver
            else _missing(steps, has_smartphone, level_one)
        ),
        paid_via=paid_via,
        account_holder=None if account is None else account.holder,
    )


def _paid_via(
    facts: Mapping[FactField, OfficialFact],
    payments: Iterable[PaymentReceiver | PaymentAccount],
) -> PaymentHolder | None:
    """Who receives the payment: the desk's latest record, else the list's guardian or proxy.

    The desk's record wins over a list: it is what the family said at the point.
    """
    said = latest_event(payments, PaymentReceiver) if payments else None
    if said is not None:
        return said.holder
    if _GUARDIAN_NAME in facts and facts[_GUARDIAN_NAME].value.strip():
        return PaymentHolder.GUARDIAN
    if _PROXY_NAME in facts and facts[_PROXY_NAME].value.strip():
        return PaymentHolder.PROXY
    return None


def _missing_through_receiver(has_account: bool) -> tuple[Need, ...]:
    """Paid through a proxy or guardian: what each row becomes then (the receiver's account)."""
    if has_account:
        return ()
    return _RECEIVER_PLAN


_E = TypeVar("_E", bound=StrEnum)


def _enum_or_none(kind: type[_E], fact: OfficialFact | None) -> _E | None:
    if fact is None:
        return None
    members = _MEMBERS.get(kind)
    if members is None:
        members = _MEMBERS[kind] = {member.value: member for member in kind}
    return members.get(fact.value)  # type: ignore[return-value]


_MEMBERS: dict[type[StrEnum], dict[str, StrEnum]] = {}


def _smartphone(
    citizen: Citizen | None,
    active: list[Outcome],
    steps: Mapping[Step, StepStatus],
    listed: bool | None = None,
) -> bool | None:
    """Whether the citizen has a smartphone, from the strongest evidence.

    Activation is done on the phone, so it proves one; then what the desk recorded (the
    citizen's own field, one key at the desk, the latest record wins); then a 'no smartphone'
    failure, which denies it; then what an imported list said.
    """
    if steps[_ACTIVATION].state is _DONE:
        return True
    recorded = None if citizen is None else citizen.has_smartphone
    if recorded is not None:
        return recorded
    if any(o.reason is _NO_SMARTPHONE for o in active):
        return False
    return listed


def _missing(
    steps: Mapping[Step, StepStatus], has_smartphone: bool | None, level_one: bool = False
) -> tuple[Need, ...]:
    """Each step not done, in the table's order (a smartphone first for a step on the phone).

    A list's level-1 account needs an upgrade to level 2 rather than a new registration.
    """
    needs: list[Need] = []
    for step, need, on_own_phone, waiting in _MISSING_PLAN:
        state = steps[step].state
        if state is _DONE:
            continue
        if waiting is not None and state is _SUBMITTED:
            needs.append(waiting)
            continue
        if on_own_phone and has_smartphone is False and _SMARTPHONE not in needs:
            needs.append(_SMARTPHONE)
        needs.append(Need.LEVEL2_UPGRADE if level_one and need is _REGISTRATION else need)
    return tuple(needs)


# The step rules, read once into the shapes the fold walks (it runs for every citizen).
_INFERENCES = tuple(
    (
        rule.step,
        _PROGRESS if rule.submitted_counts else (_DONE,),
        rule.requires,
        rule.proves_through_receiver,
    )
    for rule in reversed(STEP_RULES)
    if rule.requires
)
_RECEIVER_PLAN = tuple(r.through_receiver for r in STEP_RULES if r.through_receiver is not None)
_MISSING_PLAN = tuple((r.step, r.need, r.on_own_phone, r.waiting) for r in STEP_RULES)
_SMARTPHONE = Need.SMARTPHONE
_REGISTRATION = Need.LEVEL2_REGISTRATION

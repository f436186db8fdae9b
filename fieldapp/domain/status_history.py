"""A citizen's status day by day, from the fold: the rows of the report projection.

The figures count citizens by what their status said at the end of a local day. The fold
(`domain/status.py`) stays the only definition of a status; this module folds a citizen's
events once per local day that had events and cuts the result into spans: from a day on
(until the next span), the citizen's `DayStatus` was this, they had so many visits on the
span's first day, and their last visit so far was at this point. `store/status_projection.py`
keeps the spans in a table, rebuilt for the citizens each write touches.

`Marks` is the figures' view of a status (what a citizen counts for); it is derived from a
`DayStatus`, so a new per-citizen attribute the figures need is added to the fold's output,
then to `DayStatus` (and the projection's table), then read here.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from fieldapp.domain import model as dm
from fieldapp.domain.dates import COMMUNE_TZ
from fieldapp.domain.payments import PaymentAccount, PaymentReceiver
from fieldapp.domain.status import CitizenStatus, Source, StepState, fold_status

NOT_CLASSIFIED = "not_classified"
PAYMENT_CLASSES: tuple[str, ...] = (*(p.value for p in dm.PaymentStatus), NOT_CLASSIFIED)

BEFORE_ANY = date(1, 1, 1)
"""The first day of a citizen's first span: their status before any event."""
OPEN = date(9999, 12, 31)
"""The end of a citizen's last span: their status holds from its first day on."""


@dataclass(frozen=True, slots=True)
class Marks:
    """What one citizen's status contributes to the figures at one moment."""

    level2: bool
    activated: bool
    link_waiting: bool
    link_approved: bool
    bank_account: bool
    opened_at_bank: str | None  # bank of an account opened at a support point
    group: dm.BeneficiaryGroup | None
    payment: str | None  # a PAYMENT_CLASSES value for beneficiaries, None for others
    smartphone: bool = False  # has a smartphone (the fold's `has_smartphone` is True)
    eligible: bool = False  # level 2, a smartphone, a bank account (`CitizenStatus.eligible`)

    @property
    def linked(self) -> bool:
        """A link submitted (waiting for approval) or approved: the province's "tích hợp"."""
        return self.link_waiting or self.link_approved


def payment_class(status: CitizenStatus) -> str | None:
    """The three-way classification of a beneficiary (the fold keeps it up to date)."""
    if status.beneficiary_group is None:
        return None
    paid = status.payment_status
    return NOT_CLASSIFIED if paid is None else paid.value


@dataclass(frozen=True, slots=True)
class DayStatus:
    """What the projection keeps of a folded status: each step's state and the figures' keys.

    `opened_at_bank`: the bank of an account opened at a support point ("?" when recorded
    without its name), None otherwise. `payment`: a PAYMENT_CLASSES value for beneficiaries.
    """

    eid_application: StepState
    eid_activation: StepState
    bank_account: StepState
    biometric_verified: StepState
    benefit_link: StepState
    opened_at_bank: str | None
    group: dm.BeneficiaryGroup | None
    payment: str | None
    has_smartphone: bool | None
    eligible: bool  # `CitizenStatus.eligible`: level 2, a smartphone, a bank account
    # what the agency reports and the social-affairs file read (issue 18), not the figures:
    through_receiver: bool = False  # paid through a proxy or a guardian
    account_bank: str | None = None  # the bank account step's bank, when done
    account_on: date | None = None  # its local day, when done

    @property
    def marks(self) -> Marks:
        """The figures' view of this status."""
        link = self.benefit_link
        return Marks(
            level2=self.eid_application is _DONE,
            activated=self.eid_activation is _DONE,
            link_waiting=link is _SUBMITTED,
            link_approved=link is _DONE,
            bank_account=self.bank_account is _DONE,
            opened_at_bank=self.opened_at_bank,
            group=self.group,
            payment=self.payment,
            smartphone=self.has_smartphone is True,
            eligible=self.eligible,
        )


STEP_COLUMNS: tuple[str, ...] = tuple(step.value for step in dm.Step)
"""`DayStatus`'s step fields, in `Step` order: one column each in the projection."""


def day_status(status: CitizenStatus) -> DayStatus:
    """The projection's view of a folded status."""
    steps = status.steps
    bank = steps[_BANK]
    opened = None
    account_bank = account_on = None
    if bank.state is _DONE:
        if bank.source is _VISIT:
            opened = bank.bank or "?"  # an opening recorded without the bank's name
        account_bank = bank.bank
        at = bank.at
        account_on = local_day(at) if isinstance(at, datetime) else at
    return DayStatus(
        steps[_APPLICATION].state,
        steps[_ACTIVATION].state,
        bank.state,
        steps[_BIOMETRIC].state,
        steps[_LINK].state,
        opened,
        status.beneficiary_group,
        payment_class(status),
        status.has_smartphone,
        status.eligible,
        status.through_receiver,
        account_bank,
        account_on,
    )


def marks_of(status: CitizenStatus) -> Marks:
    """The figures' view of a folded status."""
    return day_status(status).marks


# read once here: these run for every fold of every citizen
_APPLICATION, _ACTIVATION = dm.Step.EID_APPLICATION, dm.Step.EID_ACTIVATION
_BANK, _LINK, _BIOMETRIC = dm.Step.BANK_ACCOUNT, dm.Step.BENEFIT_LINK, dm.Step.BIOMETRIC_VERIFIED
_DONE, _SUBMITTED, _VISIT = StepState.DONE, StepState.SUBMITTED, Source.VISIT


@dataclass(frozen=True, slots=True)
class Span:
    """From `day_from` (a local day) until the day before `day_until`, the citizen was so.

    `visits`: how many visits on `day_from` itself; `point_key`: the support point (its id as
    text) of the last visit on or before `day_from`, None before any visit.
    """

    day_from: date
    day_until: date
    status: DayStatus
    visits: int
    point_key: str | None


def local_day(moment: datetime) -> date:
    """The commune's day of a moment."""
    return moment.astimezone(COMMUNE_TZ).date()


FactTriple = tuple[str, str, date]
"""A fact as the fold of facts alone reads it: field (its value as text), value, list day."""
_NO_ID = uuid.UUID(int=0)  # facts on distinct fields: the fold never compares their ids


class SpanBuilder:
    """Folds citizens day by day into spans, memoising what depends on official facts only.

    Before a citizen's first outcome, their status depends only on their facts (one per field:
    the latest is that one) and two of their own fields, so equal inputs share one fold: the
    citizens known only from lists, and the list days that come before anyone's first visit.
    A day with an outcome, or with two facts on one field and day that differ, is folded in
    full.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[object, ...], tuple[Span, ...]] = {}
        self._facts_memo: dict[tuple[object, ...], DayStatus] = {}
        self._statuses: dict[DayStatus, DayStatus] = {}
        self._base: dict[tuple[object, ...], DayStatus] = {}
        self.folds = 0

    def spans(
        self,
        citizen: dm.Citizen,
        outcomes: Sequence[dm.Outcome],
        facts: Sequence[dm.OfficialFact],
        visits: Sequence[tuple[datetime, str]] = (),
        payments: Sequence[PaymentReceiver | PaymentAccount] = (),
    ) -> tuple[Span, ...]:
        """The citizen's spans, oldest first; the first starts on `BEFORE_ANY`.

        `payments`: who receives a beneficiary's payment and into which account, as recorded
        at a desk: the fold reads them like outcomes, from their local day on.
        """
        key: tuple[object, ...] | None = None
        if not outcomes and not visits and not payments:
            key = self._facts_key(citizen, facts)
            if key is not None:
                found = self._memo.get(key)
                if found is not None:
                    return found
        dated = sorted(((local_day(o.recorded_at), o) for o in outcomes), key=lambda p: p[0])
        visit_days = _visit_days(visits)
        paid = sorted(((local_day(p.recorded_at), p) for p in payments), key=lambda p: p[0])
        days = sorted(
            {day for day, _ in dated}
            | {f.as_of for f in facts}
            | visit_days.keys()
            | {day for day, _ in paid}
        )
        base_key = (citizen.beneficiary_group, citizen.has_smartphone)
        base = self._base.get(base_key)
        if base is None:  # before any event only these two fields count
            base = self._base[base_key] = self._one(self._facts_only(citizen, ()))
        starts: list[tuple[date, DayStatus, int, str | None]] = [(BEFORE_ANY, base, 0, None)]
        taken = 0  # outcomes on or before the current day (they are sorted by day)
        taken_paid = 0  # payment records likewise
        point: str | None = None
        for day in days:
            while taken < len(dated) and dated[taken][0] <= day:
                taken += 1
            while taken_paid < len(paid) and paid[taken_paid][0] <= day:
                taken_paid += 1
            day_facts = [f for f in facts if f.as_of <= day]
            if taken == 0 and taken_paid == 0:
                status = self._facts_only(citizen, day_facts)
            else:
                self.folds += 1
                day_outcomes = [o for _, o in dated[:taken]]
                day_paid = tuple(p for _, p in paid[:taken_paid])
                status = self._one(
                    day_status(fold_status(citizen, day_outcomes, day_facts, day_paid))
                )
            count, last_point = visit_days.get(day, (0, None))
            point = last_point or point
            previous = starts[-1]
            if count or status is not previous[1] or point != previous[3]:
                starts.append((day, status, count, point))
        ends = [start[0] for start in starts[1:]] + [OPEN]
        result = tuple(
            Span(day, end, status, count, at)
            for (day, status, count, at), end in zip(starts, ends, strict=True)
        )
        if key is not None:
            self._memo[key] = result
        return result

    def facts_spans(
        self,
        group: dm.BeneficiaryGroup | None,
        has_smartphone: bool | None,
        facts: Sequence[FactTriple],
    ) -> tuple[Span, ...] | None:
        """The spans of a citizen with facts and no other event, from the fold's own input.

        `facts`: (field, value, list day) of each fact, any order. Writers that hold these
        as plain values (a list import, a projection refresh of facts read as tuples) skip
        building domain objects: equal inputs share one fold through the memo of `spans`.
        None when two facts on one field and one day say different things (which one counts
        would need their ids: fold those citizens through `spans` with their whole facts).
        """
        triples = tuple(sorted(facts))
        key = (group, has_smartphone, triples)
        found = self._memo.get(key)
        if found is not None:
            return found
        if not _ids_unread(triples):
            return None
        citizen = dm.Citizen("", "", beneficiary_group=group, has_smartphone=has_smartphone)
        whole = [
            dm.OfficialFact(_NO_ID, "", dm.FactField(name), value, "", "", day)
            for name, value, day in triples
        ]
        return self.spans(citizen, (), whole)

    def _one(self, status: DayStatus) -> DayStatus:
        """Equal statuses as one object (compared by identity above, shared in memory)."""
        return self._statuses.setdefault(status, status)

    @staticmethod
    def _facts_key(
        citizen: dm.Citizen, facts: Sequence[dm.OfficialFact]
    ) -> tuple[object, ...] | None:
        """What the fold of facts alone reads, when their ids do not matter (else None)."""
        triples = tuple(sorted((f.field, f.value, f.as_of) for f in facts))
        if not _ids_unread(triples):
            return None  # the latest of two facts on one field and day is the larger id
        return (citizen.beneficiary_group, citizen.has_smartphone, triples)

    def _facts_only(self, citizen: dm.Citizen, facts: Sequence[dm.OfficialFact]) -> DayStatus:
        """The status of a citizen with these facts and no outcome."""
        key = self._facts_key(citizen, facts)
        found = None if key is None else self._facts_memo.get(key)
        if found is None:
            self.folds += 1
            found = self._one(day_status(fold_status(citizen, (), facts)))
            if key is not None:
                self._facts_memo[key] = found
        return found


def _ids_unread(triples: Sequence[tuple[object, str, date]]) -> bool:
    """Whether the fold's result from these facts cannot depend on their ids.

    The fold reads the latest fact of each field by list day, then by id (`_latest_facts`):
    ids only decide between facts on one field and one day, and only matter if their values
    differ. Weekly lists give a field several days: those fold alike whatever their ids.
    """
    return len({(name, day) for name, _, day in triples}) == len(set(triples))


def _visit_days(visits: Sequence[tuple[datetime, str]]) -> dict[date, tuple[int, str]]:
    """Per local day: how many visits, and the point of the day's last one (ties: larger key)."""
    days: dict[date, tuple[int, datetime, str]] = {}
    for at, point in visits:
        day = local_day(at)
        found = days.get(day)
        if found is None:
            days[day] = (1, at, point)
            continue
        count, last_at, last_point = found
        if (at, point) >= (last_at, last_point):
            last_at, last_point = at, point
        days[day] = (count + 1, last_at, last_point)
    return {day: (count, point) for day, (count, _, point) in days.items()}


def span_on(spans: Sequence[Span], day: date) -> Span:
    """The span that holds at the end of a local day."""
    current = spans[0]
    for span in spans[1:]:
        if span.day_from > day:
            break
        current = span
    return current

"""The police desk's figures: per village, per point and per beneficiary group, for a period.

Every figure is a count of citizens, each counted once per indicator, from their status as
the domain fold gives it (`fold_status`): the rules live there and nowhere else. The store is
read with a few set-based queries; the fold runs in Python per citizen, only as often as the
citizen's events make their status change inside the period.

A period is a range of local dates (Asia/Ho_Chi_Minh). "In the period" counts citizens who
reached an indicator during it (not before its start, yes at its end); "cumulative" counts
everyone who has it at the end.
"""

from __future__ import annotations

import uuid
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache

from fieldapp.domain import model as dm
from fieldapp.domain.periods import Period, Wave, wave_on
from fieldapp.domain.status import CitizenStatus, Source, StepState, fold_status
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import report_queries as q

UNKNOWN = "unknown"  # key of the row for citizens with no village / never visited

# Which agency each beneficiary group is reported to (seed 002, item 11). Workers with a
# serious or occupational illness are supported by the provincial labour federation (item 10).
AGENCY_OF_GROUP: dict[dm.BeneficiaryGroup, str] = {
    dm.BeneficiaryGroup.INSURANCE_PENSION: "social_security",
    dm.BeneficiaryGroup.MERIT: "home_affairs",
    dm.BeneficiaryGroup.SOCIAL_PROTECTION: "health",
    dm.BeneficiaryGroup.SOCIAL_PENSION: "health",
    dm.BeneficiaryGroup.EDUCATION: "education",
    dm.BeneficiaryGroup.SERIOUS_ILLNESS: "labour_federation",
}
AGENCIES: tuple[str, ...] = (
    "social_security",
    "home_affairs",
    "health",
    "education",
    "labour_federation",
)
NOT_CLASSIFIED = "not_classified"
PAYMENT_CLASSES: tuple[str, ...] = (*(p.value for p in dm.PaymentStatus), NOT_CLASSIFIED)


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

    @property
    def linked(self) -> bool:
        """A link submitted (waiting for approval) or approved: the province's "tích hợp"."""
        return self.link_waiting or self.link_approved


def payment_class(status: CitizenStatus) -> str | None:
    """The three-way classification of a beneficiary, as the official list gave it.

    The list's word is kept, with one update: a beneficiary the list said had no account
    and who has since opened one counts as "has an account, not paid through it".
    """
    if status.beneficiary_group is None:
        return None
    has_account = status.is_done(dm.Step.BANK_ACCOUNT)
    paid = status.payment_status
    if paid is None:
        return NOT_CLASSIFIED
    if paid is dm.PaymentStatus.NO_ACCOUNT and has_account:
        return dm.PaymentStatus.HAS_ACCOUNT_NOT_PAID.value
    return paid.value


def marks_of(status: CitizenStatus) -> Marks:
    """The figures' view of a folded status."""
    bank = status.steps[dm.Step.BANK_ACCOUNT]
    link = status.state(dm.Step.BENEFIT_LINK)
    opened = None
    if bank.state is StepState.DONE and bank.source is Source.VISIT:
        opened = bank.bank or "?"  # an opening recorded without the bank's name
    return Marks(
        level2=status.is_done(dm.Step.EID_APPLICATION),
        activated=status.is_done(dm.Step.EID_ACTIVATION),
        link_waiting=link is StepState.SUBMITTED,
        link_approved=link is StepState.DONE,
        bank_account=bank.state is StepState.DONE,
        opened_at_bank=opened,
        group=status.beneficiary_group,
        payment=payment_class(status),
    )


_COUNTED = ("level2", "activated", "link_waiting", "link_approved", "linked", "bank_account")


@dataclass
class Tally:
    """Counts of citizens for one row of a table (a village, a point, a group, the total)."""

    citizens: int = 0
    level2: int = 0
    activated: int = 0
    link_waiting: int = 0
    link_approved: int = 0
    linked: int = 0
    bank_account: int = 0
    visited: int = 0  # distinct citizens visited in the period (for "in the period" tallies)
    opened_by_bank: Counter[str] = field(default_factory=Counter)
    payment: Counter[str] = field(default_factory=Counter)

    def add(self, marks: Marks) -> None:
        """Count one citizen's marks."""
        self.citizens += 1
        self.level2 += marks.level2
        self.activated += marks.activated
        self.link_waiting += marks.link_waiting
        self.link_approved += marks.link_approved
        self.linked += marks.link_waiting or marks.link_approved
        self.bank_account += marks.bank_account
        if marks.opened_at_bank is not None:
            self.opened_by_bank[marks.opened_at_bank] += 1
        if marks.payment is not None:
            self.payment[marks.payment] += 1

    def add_new(self, before: Marks, after: Marks) -> None:
        """Count what a citizen reached during the period (had at the end, not at the start)."""
        if after is before or after == before:
            return
        for name in _COUNTED:
            if getattr(after, name) and not getattr(before, name):
                setattr(self, name, getattr(self, name) + 1)
        if after.opened_at_bank is not None and before.opened_at_bank is None:
            self.opened_by_bank[after.opened_at_bank] += 1

    def merge(self, other: Tally) -> None:
        """Add another row's counts into this one (for totals)."""
        for name in (*_COUNTED, "citizens", "visited"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.opened_by_bank.update(other.opened_by_bank)
        self.payment.update(other.payment)

    @property
    def opened(self) -> int:
        """Accounts opened at support points, all banks."""
        return sum(self.opened_by_bank.values())

    @property
    def key_indicator(self) -> float | None:
        """Linked accounts / level-2 accounts, in percent (the province's 22.31%)."""
        return percent(self.linked, self.level2)


def percent(part: int, whole: int | None) -> float | None:
    """The part over the whole in percent, None when there is no whole."""
    if not whole:
        return None
    return 100.0 * part / whole


@dataclass
class Row:
    """One line of a table: a unit, its target (villages only) and its two tallies."""

    key: str
    name: str
    target: int | None
    new: Tally = field(default_factory=Tally)
    cumulative: Tally = field(default_factory=Tally)

    @property
    def target_reached(self) -> float | None:
        """Cumulative linked / target, in percent."""
        return percent(self.cumulative.linked, self.target)


@dataclass
class DayPoint:
    """The commune's cumulative counts at the end of one day (for the trend line)."""

    day: date
    level2: int = 0
    activated: int = 0
    linked: int = 0
    link_approved: int = 0
    opened: int = 0


@dataclass
class PointActivity:
    """When a point's newest event arrived: for "who has not sent anything today"."""

    point_id: uuid.UUID
    name: str
    newest: datetime | None  # local time
    sent_today: bool


@dataclass
class Figures:
    """Everything a report or the dashboard shows for one period."""

    period: Period
    commune_name: str
    province: str
    report_deadline: str
    by_village: list[Row]
    by_point: list[Row]
    by_group: list[Row]
    total: Row
    trend: list[DayPoint]
    banks: list[str]
    has_data: bool  # any event or fact inside the period
    visits_in_period: int = 0

    def rows(self, by: str) -> list[Row]:
        """The rows of a table: 'village', 'point' or 'group'."""
        return {"village": self.by_village, "point": self.by_point, "group": self.by_group}[by]


def utc_bounds(days: Sequence[date]) -> list[datetime]:
    """Start of each local day, then the end of the last one, in UTC."""
    moments = [datetime.combine(d, time(0), tzinfo=LOCAL_TZ) for d in days]
    moments.append(datetime.combine(days[-1] + timedelta(days=1), time(0), tzinfo=LOCAL_TZ))
    return [q.to_utc(m) for m in moments]


@cache
def fact_moment(day: date) -> datetime:
    """A list dated D is true from the start of local day D."""
    return q.to_utc(datetime.combine(day, time(0), tzinfo=LOCAL_TZ))


class _Folder:
    """Folds a citizen's events as of each moment the figures need, memoising the easy cases.

    A citizen known only from official lists has a status that depends on nothing but their
    facts' fields and values (one fact per field: the latest is that one) and two of their own
    fields, so equal inputs share one fold. Anyone with an outcome, or with two facts on one
    field, is folded in full.
    """

    def __init__(self, rows: q.ReportRows, bounds: Sequence[datetime]) -> None:
        self._rows = rows
        self._bounds = bounds
        self._memo: dict[tuple[object, ...], Marks] = {}
        self.folds = 0

    def timeline(self, citizen: dm.Citizen) -> list[tuple[int, Marks]]:
        """Marks at the period's start (index 0) and after each day that changed them.

        Index k means "as of bounds[k]", the end of the period's k-th day.
        """
        bounds, rows = self._bounds, self._rows
        pid = citizen.personal_id
        outcome_rows = rows.outcome_rows.get(pid, ())
        fact_rows = rows.fact_rows.get(pid, ())
        start = bounds[0]
        outcome_times = [raw[5] for raw in outcome_rows]
        fact_times = [fact_moment(raw[6]) for raw in fact_rows]  # type: ignore[arg-type]
        changes = {bisect_right(bounds, at) for at in outcome_times if at >= start}
        changes.update(bisect_right(bounds, at) for at in fact_times if at >= start)
        built: tuple[list[dm.Outcome], list[dm.OfficialFact]] | None = None
        points: list[tuple[int, Marks]] = []
        for k in (0, *sorted(changes)):
            edge = bounds[k]
            outcome_idx = [i for i, at in enumerate(outcome_times) if at < edge]
            fact_idx = [i for i, at in enumerate(fact_times) if at < edge]
            key: tuple[object, ...] | None = None
            if not outcome_idx:
                pairs = tuple(sorted((fact_rows[i][2], fact_rows[i][3]) for i in fact_idx))
                if len({name for name, _ in pairs}) == len(pairs):
                    key = (citizen.beneficiary_group, citizen.has_smartphone, pairs)
                    found = self._memo.get(key)
                    if found is not None:
                        points.append((k, found))
                        continue
            if built is None:
                built = (rows.outcomes_of(pid), rows.facts_of(pid))
            outcomes, facts = built
            self.folds += 1
            marks = marks_of(
                fold_status(
                    citizen, [outcomes[i] for i in outcome_idx], [facts[i] for i in fact_idx]
                )
            )
            if key is not None:
                self._memo[key] = marks
            points.append((k, marks))
        return points


def compute_figures(
    uow: UnitOfWork,
    period: Period,
    *,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> Figures:
    """The figures of a period, per village, per point and per beneficiary group."""
    progress = progress or NullProgress()
    days = period.days
    bounds = utc_bounds(days)
    with uow:
        session = uow.repo.session
        commune = next(iter(uow.repo.communes()), None)
        rows = q.load_report_rows(session, bounds[-1], days[-1])
        targets = q.targets(session)
    check_cancelled(progress)

    by_village: dict[str, Row] = {str(v.id): Row(str(v.id), v.name, None) for v in rows.villages}
    by_point: dict[str, Row] = {str(p.id): Row(str(p.id), p.name, None) for p in rows.points}
    by_group: dict[str, Row] = {g.value: Row(g.value, g.value, None) for g in dm.BeneficiaryGroup}
    default_targets: Counter[str] = Counter()
    trend_delta = [[0] * len(_TREND) for _ in bounds]
    folder = _Folder(rows, bounds)
    start = bounds[0]
    has_data = False
    visits_in_period = 0
    total_citizens = len(rows.citizens)
    empty: tuple[()] = ()

    for index, citizen in enumerate(rows.citizens):
        if index % 2000 == 0:
            progress.report(index, total_citizens)
            check_cancelled(progress)
        pid = citizen.personal_id
        visits = rows.visits.get(pid, empty)
        timeline = folder.timeline(citizen)
        before, after = timeline[0][1], timeline[-1][1]
        in_period = [v for v in visits if v[0] >= start]
        visits_in_period += len(in_period)
        if len(timeline) > 1 or in_period:
            has_data = True

        village_key = UNKNOWN if citizen.village_id is None else str(citizen.village_id)
        point_key = UNKNOWN if not visits else str(max(visits)[1])
        units = [_row(by_village, village_key), _row(by_point, point_key)]
        if after.group is not None:
            units.append(by_group[after.group.value])
        for unit in units:
            unit.cumulative.add(after)
            unit.new.add_new(before, after)
            if in_period:
                unit.new.visited += 1
        if after.level2:
            default_targets[village_key] += 1
        previous = (0,) * len(_TREND)
        for k, marks in timeline:
            vector = _trend_vector(marks)
            delta = trend_delta[k]
            for i, (now_value, old_value) in enumerate(zip(vector, previous, strict=True)):
                delta[i] += now_value - old_value
            previous = vector
    progress.report(total_citizens, total_citizens)

    for key, row in by_village.items():
        row.target = targets.get(uuid.UUID(key), default_targets[key]) if key != UNKNOWN else None
    villages = [by_village[str(v.id)] for v in rows.villages]
    villages += [r for k, r in by_village.items() if k == UNKNOWN]
    points = [by_point[str(p.id)] for p in rows.points]
    points += [r for k, r in by_point.items() if k not in {str(p.id) for p in rows.points}]
    groups = [by_group[g.value] for g in dm.BeneficiaryGroup]

    total = Row("total", "total", sum(r.target or 0 for r in villages))
    for row in villages:
        total.new.merge(row.new)
        total.cumulative.merge(row.cumulative)

    trend = _trend_from_deltas(days, trend_delta)

    from fieldapp.services import settings  # local: settings reads its own unit of work

    return Figures(
        period=period,
        commune_name=commune.name if commune else "",
        province=commune.province if commune else "",
        report_deadline=commune.report_deadline if commune else "16:00",
        by_village=villages,
        by_point=points,
        by_group=groups,
        total=total,
        trend=trend,
        banks=settings.banks(uow),
        has_data=has_data,
        visits_in_period=visits_in_period,
    )


def _row(rows: dict[str, Row], key: str) -> Row:
    found = rows.get(key)
    if found is None:
        found = rows[key] = Row(key, UNKNOWN, None)
    return found


_TREND = ("level2", "activated", "linked", "link_approved", "opened")


def _trend_vector(marks: Marks) -> tuple[int, ...]:
    return (
        int(marks.level2),
        int(marks.activated),
        int(marks.linked),
        int(marks.link_approved),
        int(marks.opened_at_bank is not None),
    )


def _trend_from_deltas(days: Sequence[date], deltas: Sequence[list[int]]) -> list[DayPoint]:
    """Cumulative counts at the end of each day: the start state plus changes up to that day."""
    running = list(deltas[0])
    trend = []
    for k, day in enumerate(days, start=1):
        running = [a + b for a, b in zip(running, deltas[k], strict=True)]
        trend.append(DayPoint(day, *running))
    return trend


def all_waves(uow: UnitOfWork) -> list[Wave]:
    """The campaign's waves, oldest first."""
    with uow:
        return q.waves(uow.repo.session)


def current_wave(uow: UnitOfWork, day: date) -> Wave | None:
    """The wave a day belongs to, if any."""
    return wave_on(all_waves(uow), day)


def statuses_for_check(
    citizens: Iterable[dm.Citizen],
    outcomes: dict[str, list[dm.Outcome]],
    facts: dict[str, list[dm.OfficialFact]],
) -> dict[str, Marks]:
    """Each citizen's marks from a plain fold, no memo, no timeline: the tests' yardstick."""
    return {
        c.personal_id: marks_of(
            fold_status(c, outcomes.get(c.personal_id, []), facts.get(c.personal_id, []))
        )
        for c in citizens
    }

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

import hashlib
import inspect
import json
import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from functools import cache

from fieldapp.domain import model as dm
from fieldapp.domain.periods import Period, Wave, wave_on
from fieldapp.domain.status import CitizenStatus, Source, StepState, fold_status
from fieldapp.domain.text import fold
from fieldapp.services.clock import LOCAL_TZ, utc_now
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

    def add(self, marks: Marks, count: int = 1) -> None:
        """Count the marks of `count` citizens who share them."""
        self.citizens += count
        self.level2 += marks.level2 * count
        self.activated += marks.activated * count
        self.link_waiting += marks.link_waiting * count
        self.link_approved += marks.link_approved * count
        self.linked += marks.linked * count
        self.bank_account += marks.bank_account * count
        if marks.opened_at_bank is not None:
            self.opened_by_bank[marks.opened_at_bank] += count
        if marks.payment is not None:
            self.payment[marks.payment] += count

    def add_new(self, before: Marks, after: Marks, count: int = 1) -> None:
        """Count what citizens reached during the period (had at the end, not at the start)."""
        if after is before or after == before:
            return
        for name in _COUNTED:
            if getattr(after, name) and not getattr(before, name):
                setattr(self, name, getattr(self, name) + count)
        if after.opened_at_bank is not None and before.opened_at_bank is None:
            self.opened_by_bank[after.opened_at_bank] += count

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


Timeline = tuple[tuple[date | None, Marks], ...]
"""A citizen's marks before any event (day None), then after each local day that changed them."""


@cache
def rules_version() -> str:
    """A digest of the code that turns events into marks: a change of rules empties the cache."""
    from fieldapp.domain import status as status_module

    source = inspect.getsource(status_module) + inspect.getsource(marks_of)
    source += inspect.getsource(payment_class) + inspect.getsource(Marks)
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def fingerprint(summary: q.CitizenSummary) -> str:
    """What the cached timeline must have been computed from to still be right."""
    return (
        f"{rules_version()}|{summary.events}|{summary.beneficiary_group}|{summary.has_smartphone}"
    )


class TimelineBuilder:
    """Folds a citizen's events day by day, memoising the citizens known only from lists.

    Such a citizen's status depends only on their facts (one per field: the latest is that
    one) and two of their own fields, so equal inputs share one computation. Anyone with an
    outcome, or with two facts on one field, is folded in full.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[object, ...], Timeline] = {}
        self._base: dict[tuple[object, ...], Marks] = {}
        self.folds = 0

    def timeline(
        self,
        citizen: dm.Citizen,
        outcomes: Sequence[dm.Outcome],
        facts: Sequence[dm.OfficialFact],
    ) -> Timeline:
        """Marks before any event, then after each local day whose events changed them."""
        key: tuple[object, ...] | None = None
        if not outcomes:
            triples = tuple(sorted((f.field.value, f.value, f.as_of) for f in facts))
            if len({name for name, _, _ in triples}) == len(triples):
                key = (citizen.beneficiary_group, citizen.has_smartphone, triples)
                found = self._memo.get(key)
                if found is not None:
                    return found
        outcome_days = [o.recorded_at.astimezone(LOCAL_TZ).date() for o in outcomes]
        days = sorted(set(outcome_days) | {f.as_of for f in facts})
        # before any event, only two fields of the citizen count: one fold per pair
        base_key = (citizen.beneficiary_group, citizen.has_smartphone)
        base = self._base.get(base_key)
        if base is None:
            self.folds += 1
            base = self._base[base_key] = marks_of(fold_status(citizen, (), ()))
        points: list[tuple[date | None, Marks]] = [(None, base)]
        for day in days:
            self.folds += 1
            marks = marks_of(
                fold_status(
                    citizen,
                    [o for o, at in zip(outcomes, outcome_days, strict=True) if at <= day],
                    [f for f in facts if f.as_of <= day],
                )
            )
            if marks != points[-1][1]:
                points.append((day, marks))
        result = tuple(points)
        if key is not None:
            self._memo[key] = result
        return result


def _marks_row(marks: Marks) -> list[object]:
    return [
        int(marks.level2),
        int(marks.activated),
        int(marks.link_waiting),
        int(marks.link_approved),
        int(marks.bank_account),
        marks.opened_at_bank,
        None if marks.group is None else marks.group.value,
        marks.payment,
    ]


def timeline_to_text(timeline: Timeline) -> str:
    """The cache's form of a timeline (JSON)."""
    return json.dumps(
        [[None if day is None else day.isoformat(), _marks_row(m)] for day, m in timeline],
        ensure_ascii=False,
        separators=(",", ":"),
    )


class _TimelineReader:
    """Reads cached timelines; equal texts (common: people on the same lists) parse once."""

    def __init__(self) -> None:
        self._seen: dict[str, Timeline] = {}
        self._marks: dict[tuple[object, ...], Marks] = {}

    def __call__(self, text: str) -> Timeline:
        found = self._seen.get(text)
        if found is not None:
            return found
        points = []
        for day, row in json.loads(text):
            key = tuple(row)
            marks = self._marks.get(key)
            if marks is None:
                level2, activated, waiting, approved, bank, opened, group, payment = row
                marks = self._marks[key] = Marks(
                    bool(level2),
                    bool(activated),
                    bool(waiting),
                    bool(approved),
                    bool(bank),
                    opened,
                    None if group is None else dm.BeneficiaryGroup(group),
                    payment,
                )
            points.append((None if day is None else date.fromisoformat(day), marks))
        result = self._seen[text] = tuple(points)
        return result


def marks_on(timeline: Timeline, day: date) -> Marks:
    """The marks at the end of a local day."""
    current = timeline[0][1]
    for when, marks in timeline[1:]:
        if when is not None and when > day:
            break
        current = marks
    return current


VisitDays = tuple[tuple[date, int, str], ...]
"""Per local day with visits: how many, and the point of the day's last visit."""

STAMP_SETTING = "reports.events_stamp"


def visit_days(visits: Sequence[tuple[datetime, str]]) -> VisitDays:
    """A citizen's visits summed up by local day."""
    days: dict[date, tuple[int, datetime, str]] = {}
    for at, point in visits:
        day = at.astimezone(LOCAL_TZ).date()
        count, last_at, last_point = days.get(day, (0, at, point))
        if (at, point) >= (last_at, last_point):
            last_at, last_point = at, point
        days[day] = (count + 1, last_at, last_point)
    return tuple((day, n, point) for day, (n, _, point) in sorted(days.items()))


def _visit_days_text(days: VisitDays) -> str:
    return json.dumps([[d.isoformat(), n, p] for d, n, p in days], separators=(",", ":"))


@dataclass
class CitizenLines:
    """Every citizen's timeline and visit days, as the figures read them."""

    summaries: list[q.CitizenSummary]
    marks: dict[str, Timeline]
    visits: dict[str, VisitDays]
    folded: int = 0  # citizens folded again this time (0: all from the cache)


def timelines(uow: UnitOfWork, *, progress: Progress | None = None) -> CitizenLines:
    """Every citizen's timeline, folded again (and cached) only where their events changed.

    When whole-table sums show that nothing at all changed since the cache was filled, the
    per-citizen sums are not even computed.
    """
    progress = progress or NullProgress()
    read = _TimelineReader()
    read_visits = _VisitDaysReader()
    lines = CitizenLines([], {}, {})
    with uow:
        session = uow.repo.session
        stamp = f"{rules_version()}|{q.events_stamp(session)}"
        if uow.repo.get_setting(STAMP_SETTING) == stamp:
            summaries = q.cached_citizens(session)
            if all(s.cached_timeline is not None for s in summaries):
                lines.summaries = summaries
                for summary in summaries:
                    lines.marks[summary.personal_id] = read(summary.cached_timeline or "")
                    lines.visits[summary.personal_id] = read_visits(summary.cached_visits)
                return lines
        summaries = q.citizen_summaries(session)
        lines.summaries = summaries
        stale: list[q.CitizenSummary] = []
        for summary in summaries:
            if summary.cached_timeline is not None and summary.cached_fingerprint == fingerprint(
                summary
            ):
                lines.marks[summary.personal_id] = read(summary.cached_timeline)
                lines.visits[summary.personal_id] = read_visits(summary.cached_visits)
            else:
                stale.append(summary)
        if stale:
            wanted = None if len(stale) > len(summaries) // 4 else [s.personal_id for s in stale]
            rows = q.load_report_rows(session, None, None, only=wanted, with_visits=False)
            visits = q.visits_of(session, wanted)
            builder = TimelineBuilder()
            fresh: list[tuple[str, str, str, str]] = []
            groups = {g.value: g for g in dm.BeneficiaryGroup}
            for index, summary in enumerate(stale):
                if index % 2000 == 0:
                    progress.report(index, len(stale))
                    check_cancelled(progress)
                pid = summary.personal_id
                citizen = dm.Citizen(
                    personal_id=pid,
                    full_name="",
                    village_id=None
                    if summary.village_key is None
                    else uuid.UUID(summary.village_key),
                    beneficiary_group=groups.get(summary.beneficiary_group or ""),
                    has_smartphone=summary.has_smartphone,
                )
                line = builder.timeline(citizen, rows.outcomes_of(pid), rows.facts_of(pid))
                days = visit_days(visits.get(pid, ()))
                lines.marks[pid] = line
                lines.visits[pid] = days
                fresh.append(
                    (pid, fingerprint(summary), timeline_to_text(line), _visit_days_text(days))
                )
            q.save_timelines(session, fresh, utc_now())
            lines.folded = len(stale)
        uow.repo.set_setting(STAMP_SETTING, stamp)
        uow.commit()
    return lines


class _VisitDaysReader:
    """Reads cached visit days; equal texts parse once (most are "[]")."""

    def __init__(self) -> None:
        self._seen: dict[str, VisitDays] = {}

    def __call__(self, text: str | None) -> VisitDays:
        text = text or "[]"
        found = self._seen.get(text)
        if found is None:
            found = self._seen[text] = tuple(
                (date.fromisoformat(d), n, p) for d, n, p in json.loads(text)
            )
        return found


def compute_figures(
    uow: UnitOfWork,
    period: Period,
    *,
    progress: Progress | None = None,
) -> Figures:
    """The figures of a period, per village, per point and per beneficiary group."""
    progress = progress or NullProgress()
    days = period.days
    bounds = utc_bounds(days)
    first_day, last_day = days[0], days[-1]
    citizen_lines = timelines(uow, progress=progress)
    lines, visit_lines = citizen_lines.marks, citizen_lines.visits
    with uow:
        session = uow.repo.session
        commune = next(iter(uow.repo.communes()), None)
        villages_list = uow.repo.villages()
        points_list = sorted(uow.repo.support_points(), key=lambda p: fold(p.name))
        targets = q.targets(session)
    check_cancelled(progress)

    by_village: dict[str, Row] = {str(v.id): Row(str(v.id), v.name, None) for v in villages_list}
    by_point: dict[str, Row] = {str(p.id): Row(str(p.id), p.name, None) for p in points_list}
    by_group: dict[str, Row] = {g.value: Row(g.value, g.value, None) for g in dm.BeneficiaryGroup}
    default_targets: Counter[str] = Counter()
    trend_delta = [[0] * len(_TREND) for _ in bounds]
    day_before = first_day - timedelta(days=1)
    has_data = False
    visits_in_period = 0

    # Citizens with the same cached timeline share one reading of it (the reader hands out
    # the same object for the same text), and citizens in the same cells are counted at once.
    spans: dict[int, tuple[Marks, Marks, list[tuple[date, Marks]]]] = {}
    cells: Counter[tuple[str, str, int, bool]] = Counter()
    visit_spans: dict[int, tuple[str, int]] = {}
    for summary in citizen_lines.summaries:
        pid = summary.personal_id
        line = lines[pid]
        span = spans.get(id(line))
        if span is None:
            inside = [(d, m) for d, m in line[1:] if d is not None and first_day <= d <= last_day]
            span = spans[id(line)] = (marks_on(line, day_before), marks_on(line, last_day), inside)
        visit_line = visit_lines[pid]
        visit_span = visit_spans.get(id(visit_line))
        if visit_span is None:
            point_key, in_period = UNKNOWN, 0
            for day, count, point in visit_line:
                if day > last_day:
                    break
                point_key = point
                if day >= first_day:
                    in_period += count
            visit_span = visit_spans[id(visit_line)] = (point_key, in_period)
        point_key, in_period = visit_span
        visits_in_period += in_period
        village_key = summary.village_key or UNKNOWN
        cells[(village_key, point_key, id(line), in_period > 0)] += 1

    for (village_key, point_key, line_id, visited), count in cells.items():
        before, after, inside = spans[line_id]
        if inside or visited:
            has_data = True
        units = [_row(by_village, village_key), _row(by_point, point_key)]
        if after.group is not None:
            units.append(by_group[after.group.value])
        for unit in units:
            unit.cumulative.add(after, count)
            unit.new.add_new(before, after, count)
            if visited:
                unit.new.visited += count
        if after.level2:
            default_targets[village_key] += count
        previous = _trend_vector(before)
        start_delta = trend_delta[0]
        for i, value in enumerate(previous):
            start_delta[i] += value * count
        for day, marks in inside:
            vector = _trend_vector(marks)
            delta = trend_delta[(day - first_day).days + 1]
            for i, (now_value, old_value) in enumerate(zip(vector, previous, strict=True)):
                delta[i] += (now_value - old_value) * count
            previous = vector

    for key, row in by_village.items():
        row.target = targets.get(uuid.UUID(key), default_targets[key]) if key != UNKNOWN else None
    villages = [by_village[str(v.id)] for v in villages_list]
    villages += [r for k, r in by_village.items() if k == UNKNOWN]
    known_points = {str(p.id) for p in points_list}
    points = [by_point[str(p.id)] for p in points_list]
    points += [r for k, r in by_point.items() if k not in known_points]
    groups = [by_group[g.value] for g in dm.BeneficiaryGroup]

    total = Row("total", "total", sum(r.target or 0 for r in villages))
    for row in villages:
        total.new.merge(row.new)
        total.cumulative.merge(row.cumulative)

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
        trend=_trend_from_deltas(days, trend_delta),
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

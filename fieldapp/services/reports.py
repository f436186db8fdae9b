"""The police desk's figures: per village, per point and per beneficiary group, for a period.

Every figure is a count of citizens, each counted once per indicator, from their status as
the domain fold gives it (`fold_status`): the rules live there and nowhere else. The figures
are SQL aggregates over the report projection (`citizen_status`, each citizen's status day by
day, kept by every write: `store/status_projection.py`, `report_timelines`).

A period is a range of local dates (Asia/Ho_Chi_Minh). "In the period" counts citizens who
reached an indicator during it (not before its start, yes at its end); "cumulative" counts
everyone who has it at the end.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from fieldapp.domain import model as dm
from fieldapp.domain.periods import Period, Wave, wave_on
from fieldapp.domain.text import fold
from fieldapp.services import report_timelines
from fieldapp.services.bulk import bulk_work
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.report_timelines import (
    NOT_CLASSIFIED,
    PAYMENT_CLASSES,
    Marks,
    marks_of,
    payment_class,
)
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import figure_summary as fsum
from fieldapp.store import figure_sums as fs
from fieldapp.store import report_queries as q
from fieldapp.store import status_projection as sp

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


_COUNTED = fs.COUNTED


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
    smartphone: int = 0  # has a smartphone
    eligible: int = 0  # meets the conditions to link: level 2, smartphone, bank account
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
        self.smartphone += marks.smartphone * count
        self.eligible += marks.eligible * count
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

    def add_sums(self, sums: fs.Sums) -> None:
        """Count a row of `figure_sums`: the citizens and how many have each mark."""
        self.citizens += sums.citizens
        self._add_counts(sums.counts)
        if sums.bank is not None:
            self.opened_by_bank[sums.bank] += sums.citizens
        if sums.payment is not None:
            self.payment[sums.payment] += sums.citizens

    def add_reached(self, sums: fs.Sums) -> None:
        """Count a row of `figure_sums.new_sums`: the marks reached in a period, the visited."""
        self._add_counts(sums.counts)
        if sums.bank is not None:
            self.opened_by_bank[sums.bank] += sums.citizens
        self.visited += sums.visited

    def _add_counts(self, counts: Sequence[int]) -> None:
        # in `figure_sums.COUNTED` order, spelled out: this runs for thousands of rows
        level2, activated, waiting, approved, linked, bank, phone, eligible = counts
        self.level2 += level2
        self.activated += activated
        self.link_waiting += waiting
        self.link_approved += approved
        self.linked += linked
        self.bank_account += bank
        self.smartphone += phone
        self.eligible += eligible

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


def compute_figures(
    uow: UnitOfWork,
    period: Period,
    *,
    progress: Progress | None = None,
) -> Figures:
    """The figures of a period, per village, per point and per beneficiary group."""
    with bulk_work():
        return _compute_figures(uow, period, progress or NullProgress())


def _compute_figures(uow: UnitOfWork, period: Period, progress: Progress) -> Figures:
    days = period.days
    first_day, last_day = days[0], days[-1]
    report_timelines.ensure_projection(uow, progress=progress)
    check_cancelled(progress)
    _ensure_summary(uow)
    with uow:
        session = uow.repo.session
        commune = next(iter(uow.repo.communes()), None)
        villages_list = uow.repo.villages()
        points_list = sorted(uow.repo.support_points(), key=lambda p: fold(p.name))
        targets = q.targets(session)
        # the figures' summary (a few rows per cell and day: store/figure_summary.py) when it
        # follows the projection, else GROUP BYs over the projection (store/figure_sums.py)
        summary = fsum.is_kept(session)
        sums = fsum if summary else fs
        cumulative = sums.cumulative_sums(session, last_day)
        check_cancelled(progress)
        changed = sums.reached_sums(session, first_day, last_day)
        check_cancelled(progress)
        if summary:
            deltas = fsum.trend_sums(session, first_day, last_day)
        else:
            deltas = sp.trend_deltas(session, first_day, last_day)

    by_village: dict[str, Row] = {str(v.id): Row(str(v.id), v.name, None) for v in villages_list}
    by_point: dict[str, Row] = {str(p.id): Row(str(p.id), p.name, None) for p in points_list}
    by_group: dict[str, Row] = {g.value: Row(g.value, g.value, None) for g in dm.BeneficiaryGroup}
    default_targets: Counter[str] = Counter()
    end_vector = [0] * len(_TREND)
    for sums in cumulative:
        village_key = sums.village_key or UNKNOWN
        _row(by_village, village_key).cumulative.add_sums(sums)
        _row(by_point, sums.point_key or UNKNOWN).cumulative.add_sums(sums)
        group_row = by_group.get(sums.group or "")  # a group the rules know, else none
        if group_row is not None:
            group_row.cumulative.add_sums(sums)
        default_targets[village_key] += sums.counts[0]  # level 2
        for i, value in enumerate(_trend_counts(sums)):
            end_vector[i] += value
    visits_in_period = 0
    has_data = False
    for sums in changed:
        rows = [
            _row(by_village, sums.village_key or UNKNOWN),
            _row(by_point, sums.point_key or UNKNOWN),
        ]
        group_row = by_group.get(sums.group or "")
        if group_row is not None:
            rows.append(group_row)
        for row in rows:
            row.new.add_reached(sums)
        visits_in_period += sums.visits
        has_data = has_data or sums.visited > 0
    trend_delta = [[0] * len(_TREND) for _ in range(len(days) + 1)]
    for day, values in deltas.items():
        trend_delta[(day - first_day).days + 1] = list(values[: len(_TREND)])
        has_data = has_data or values[len(_TREND)] > 0
    # the start of the trend: what holds at the end, less every change inside the period
    trend_delta[0] = [
        end - sum(delta[i] for delta in trend_delta[1:]) for i, end in enumerate(end_vector)
    ]

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


def _ensure_summary(uow: UnitOfWork) -> None:
    """Build the figures' summary once from a current projection that lacks it.

    A store upgraded to the summary's schema: one pass over the projection, kept by every
    write from then on.
    """
    with uow:
        if fsum.needs_build(uow.repo.session):
            fsum.rebuild(uow.repo.session)
            uow.commit()


def _trend_counts(sums: fs.Sums) -> tuple[int, ...]:
    """`_TREND`'s counts of a `figure_sums` row (as `_trend_vector` of each citizen)."""
    level2, activated, _, approved, linked = sums.counts[:5]
    return (level2, activated, linked, approved, sums.citizens if sums.bank is not None else 0)


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


TREND_NAMES = _TREND
"""The trend line's counts (a `DayPoint`'s fields), in order: `trend_vector` gives them."""
trend_vector = _trend_vector


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


__all__ = [
    "NOT_CLASSIFIED",
    "PAYMENT_CLASSES",
    "Marks",
    "compute_figures",
    "marks_of",
    "payment_class",
]

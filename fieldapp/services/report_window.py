"""The daily report from deadline to deadline (issue 18 item 6).

Seeds 001 and 002 want the daily report "before 16:00" (or 14:00): what the desk recorded
after yesterday's report was sent belongs to today's. The figures engine counts calendar days
(`compute_figures`), so the deadline window is the calendar day's figures with one correction:
only citizens with an outcome or a visit between a deadline and the next midnight (yesterday's
or today's) can count differently, and those few are folded again at the two moments (the
fold stays the one definition of status). Each one's calendar contribution is taken out and
their window contribution put in, in every table (villages, points, groups, total) and in the
visit counts.

List facts carry a date, not a time: a fact dated a day is known from that day's start, so it
counts the same in both ways and needs no correction.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from fieldapp.domain import model as dm
from fieldapp.domain.periods import day_period
from fieldapp.domain.report_windows import Window, daily_window
from fieldapp.domain.status import fold_status
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.progress import Progress
from fieldapp.services.report_timelines import Marks, marks_of
from fieldapp.services.reports import UNKNOWN, Figures, Row, compute_figures
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import report_queries as q
from fieldapp.store.beneficiary_queries import as_utc, visits_of_many
from fieldapp.store.window_queries import citizens_by_ids, facts_dated, touched_between


@dataclass(frozen=True, slots=True)
class _Side:
    """What one citizen adds to the figures one way (calendar day or deadline window)."""

    before: Marks
    after: Marks
    visits: int
    point: str


def daily_window_figures(
    uow: UnitOfWork, day: date, deadline: time, *, progress: Progress | None = None
) -> tuple[Figures, Window]:
    """The daily report's figures from yesterday's deadline to today's."""
    window = daily_window(day, deadline, LOCAL_TZ)
    figures = compute_figures(uow, day_period(day), progress=progress)
    if deadline == time(0):
        return figures, window  # midnight: the window is the calendar day
    start_of = _local_midnight
    with uow:
        session = uow.repo.session
        # Only events between a deadline and the next midnight can count differently: before
        # yesterday's deadline or between midnight and today's deadline, both ways agree.
        today, tomorrow = start_of(day), start_of(day + timedelta(days=1))
        ids = sorted(
            {
                *touched_between(session, window.starts_at, today),
                *touched_between(session, window.ends_at, tomorrow),
            }
        )
        citizens = citizens_by_ids(session, ids)
        rows = q.load_report_rows(
            session, tomorrow, day, only=ids, with_visits=False, with_citizens=False
        )
        visits = visits_of_many(session, ids, tomorrow)
        explicit = q.targets(session)
        facts_today = facts_dated(session, day)
    has_data = facts_today
    for citizen in citizens:
        pid = citizen.personal_id
        calendar, moved = _sides(citizen, rows.outcomes_of(pid), rows.facts_of(pid),
                                 visits.get(pid, []), day, window)  # fmt: skip
        if moved.visits or moved.before != moved.after:
            has_data = True
        _apply(figures, citizen, calendar, -1)
        _apply(figures, citizen, moved, +1)
    _fix_targets(figures, explicit)
    figures.has_data = has_data
    return figures, window


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL_TZ)


def _sides(
    citizen: dm.Citizen,
    outcomes: Sequence[dm.Outcome],
    facts: Sequence[dm.OfficialFact],
    visits: Sequence[dm.Visit],
    day: date,
    window: Window,
) -> tuple[_Side, _Side]:
    """The citizen's calendar-day contribution, and their deadline-window one."""
    yesterday = day - timedelta(days=1)
    facts_before = [f for f in facts if f.as_of <= yesterday]
    facts_after = [f for f in facts if f.as_of <= day]

    def local_day(moment: datetime) -> date:
        return as_utc(moment).astimezone(LOCAL_TZ).date()

    def marks(keep: Iterable[dm.Outcome], known: Sequence[dm.OfficialFact]) -> Marks:
        return marks_of(fold_status(citizen, list(keep), known))

    calendar = _Side(
        before=marks((o for o in outcomes if local_day(o.recorded_at) <= yesterday), facts_before),
        after=marks((o for o in outcomes if local_day(o.recorded_at) <= day), facts_after),
        visits=sum(1 for v in visits if local_day(v.occurred_at) == day),
        point=_last_point(v for v in visits if local_day(v.occurred_at) <= day),
    )
    start, end = window.starts_at, window.ends_at
    moved = _Side(
        before=marks((o for o in outcomes if as_utc(o.recorded_at) < start), facts_before),
        after=marks((o for o in outcomes if as_utc(o.recorded_at) < end), facts_after),
        visits=sum(1 for v in visits if start <= as_utc(v.occurred_at) < end),
        point=_last_point(v for v in visits if as_utc(v.occurred_at) < end),
    )
    return calendar, moved


def _last_point(visits: Iterable[dm.Visit]) -> str:
    """The point of the latest visit (ties: the larger point id, as the figures do)."""
    latest = max(((as_utc(v.occurred_at), str(v.support_point_id)) for v in visits), default=None)
    return UNKNOWN if latest is None else latest[1]


def _apply(figures: Figures, citizen: dm.Citizen, side: _Side, sign: int) -> None:
    """Add (sign +1) or take out (sign -1) one citizen's contribution to every table."""
    village = str(citizen.village_id) if citizen.village_id else UNKNOWN
    rows = [
        _row(figures.by_village, village),
        _row(figures.by_point, side.point),
        figures.total,
    ]
    if side.after.group is not None:
        rows.append(_row(figures.by_group, side.after.group.value))
    for row in rows:
        row.cumulative.add(side.after, sign)
        row.new.add_new(side.before, side.after, sign)
        if side.visits:
            row.new.visited += sign
    figures.visits_in_period += sign * side.visits
    if figures.trend:
        last = figures.trend[-1]
        last.level2 += sign * side.after.level2
        last.activated += sign * side.after.activated
        last.linked += sign * side.after.linked
        last.link_approved += sign * side.after.link_approved
        last.opened += sign * (side.after.opened_at_bank is not None)


def _row(rows: list[Row], key: str) -> Row:
    for row in rows:
        if row.key == key:
            return row
    found = Row(key, UNKNOWN, None)
    rows.append(found)
    return found


def _fix_targets(figures: Figures, explicit: dict[uuid.UUID, int]) -> None:
    """A village without a target set by hand aims at everyone with a level-2 account."""
    for row in figures.by_village:
        if row.key != UNKNOWN and uuid.UUID(row.key) not in explicit:
            row.target = row.cumulative.level2
    figures.total.target = sum(r.target or 0 for r in figures.by_village)

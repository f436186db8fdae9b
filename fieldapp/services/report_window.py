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
from typing import Any

from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentAccount, PaymentReceiver
from fieldapp.domain.periods import day_period
from fieldapp.domain.report_windows import Window, daily_window
from fieldapp.domain.status import fold_status
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.progress import Progress
from fieldapp.services.report_timelines import Marks, marks_of
from fieldapp.services.reports import (
    TREND_NAMES,
    UNKNOWN,
    Figures,
    Row,
    compute_figures,
    trend_vector,
)
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import report_queries as q
from fieldapp.store.beneficiary_queries import as_utc, visits_of_many
from fieldapp.store.beneficiary_standing import changed_between
from fieldapp.store.payments import of_citizens as payment_events
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
                # a payment record (issue 19) changes a class or an account, with no outcome
                *changed_between(session, (window.starts_at, today), (window.ends_at, tomorrow)),
            }
        )
        citizens = citizens_by_ids(session, ids)
        rows = q.load_report_rows(
            session, tomorrow, day, only=ids, with_visits=False, with_citizens=False
        )
        visits = visits_of_many(session, ids, tomorrow)
        paid = payment_events(session, ids) if ids else {}
        explicit = q.targets(session)
        facts_today = facts_dated(session, day)
    has_data = facts_today
    for citizen in citizens:
        pid = citizen.personal_id
        calendar, moved = _sides(citizen, rows.outcomes_of(pid), rows.facts_of(pid),
                                 visits.get(pid, []), day, window, paid.get(pid, []))  # fmt: skip
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
    payments: Sequence[PaymentReceiver | PaymentAccount] = (),
) -> tuple[_Side, _Side]:
    """The citizen's calendar-day contribution, and their deadline-window one.

    Payment records (who receives, into which account) are read like outcomes: by their local
    day one way, by their moment the other, as the projection's fold reads them.
    """
    yesterday = day - timedelta(days=1)
    facts_before = [f for f in facts if f.as_of <= yesterday]
    facts_after = [f for f in facts if f.as_of <= day]

    def local_day(moment: datetime) -> date:
        return as_utc(moment).astimezone(LOCAL_TZ).date()

    def marks(keep: Iterable[dm.Outcome], known: Sequence[dm.OfficialFact], paid_if: Any) -> Marks:
        paid = [p for p in payments if paid_if(p.recorded_at)]
        return marks_of(fold_status(citizen, list(keep), known, paid))

    def by_day(last: date) -> Any:
        return lambda moment: local_day(moment) <= last

    def before_moment(end: datetime) -> Any:
        return lambda moment: as_utc(moment) < end

    calendar = _Side(
        before=marks(
            (o for o in outcomes if local_day(o.recorded_at) <= yesterday),
            facts_before,
            by_day(yesterday),
        ),
        after=marks(
            (o for o in outcomes if local_day(o.recorded_at) <= day), facts_after, by_day(day)
        ),
        visits=sum(1 for v in visits if local_day(v.occurred_at) == day),
        point=_last_point(v for v in visits if local_day(v.occurred_at) <= day),
    )
    start, end = window.starts_at, window.ends_at
    moved = _Side(
        before=marks(
            (o for o in outcomes if as_utc(o.recorded_at) < start),
            facts_before,
            before_moment(start),
        ),
        after=marks(
            (o for o in outcomes if as_utc(o.recorded_at) < end), facts_after, before_moment(end)
        ),
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


# The dashboard's "today": what the daily report in progress has so far ---------------------------
def standing_at(uow: UnitOfWork, moment: datetime, figures: Figures) -> dict[str, int]:
    """The commune's TREND_NAMES counts at a moment (everything recorded before it).

    The end of its local day is read from the figures' trend when the day is in it (else one
    GROUP BY over the projection); citizens with an outcome or a payment record between the
    moment and that day's end are folded at both and the difference taken out.
    """
    from fieldapp.store import status_projection as sp

    day = (moment - timedelta(microseconds=1)).astimezone(LOCAL_TZ).date()
    end_of_day = _local_midnight(day + timedelta(days=1))
    point = next((p for p in figures.trend if p.day == day), None)
    with uow:
        session = uow.repo.session
        if point is not None:
            counts = [getattr(point, name) for name in TREND_NAMES]
        else:
            counts = [0] * len(TREND_NAMES)
            for cell in sp.cumulative_cells(session, day):
                for i, value in enumerate(trend_vector(cell.marks)):
                    counts[i] += value * cell.count
        ids = changed_between(session, (moment, end_of_day)) if moment < end_of_day else []
        citizens = citizens_by_ids(session, ids)
        rows = q.load_report_rows(
            session, end_of_day, day, only=ids, with_visits=False, with_citizens=False
        )
        paid = payment_events(session, ids) if ids else {}
    for citizen in citizens:
        pid = citizen.personal_id
        outcomes, facts, events = rows.outcomes_of(pid), rows.facts_of(pid), paid.get(pid, [])
        now = _vector_at(citizen, outcomes, facts, events, moment)
        then = _vector_at(citizen, outcomes, facts, events, end_of_day)
        for i, (a, b) in enumerate(zip(now, then, strict=True)):
            counts[i] += a - b
    return dict(zip(TREND_NAMES, counts, strict=True))


def _vector_at(
    citizen: dm.Citizen,
    outcomes: Sequence[dm.Outcome],
    facts: Sequence[dm.OfficialFact],
    payments: Sequence[PaymentReceiver | PaymentAccount],
    until: datetime,
) -> tuple[int, ...]:
    """A citizen's TREND_NAMES marks from what was recorded before `until`."""
    kept = [o for o in outcomes if as_utc(o.recorded_at) < until]
    known = [e for e in payments if as_utc(e.recorded_at) < until]
    return trend_vector(marks_of(fold_status(citizen, kept, facts, known)))


def new_in_window(uow: UnitOfWork, window: Window, figures: Figures) -> dict[str, int]:
    """What the commune reached inside a window (the daily report's, deadline to deadline)."""
    start = standing_at(uow, window.starts_at, figures)
    end = standing_at(uow, window.ends_at, figures)
    return {name: end[name] - start[name] for name in TREND_NAMES}

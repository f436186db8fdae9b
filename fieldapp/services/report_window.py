"""The daily report from deadline to deadline (issue 18 item 6).

Seeds 001 and 002 want the daily report "before 16:00" (or 14:00): what the desk recorded
after yesterday's report was sent belongs to today's. The figures engine counts calendar days
(`compute_figures`), so the deadline window is the calendar day's figures with one correction:
only citizens with an outcome, a payment record or a visit between a deadline and the next
midnight (yesterday's or today's) can count differently. For each of them, what the calendar
figures counted is read back from the projection (its day before and its day), and what the
window counts is, at each of its two moments, the projection's end of that day (nothing
recorded after the deadline) or of the day before (nothing recorded before it, no list fact
dated that day), or else the fold of what was recorded before the moment (the fold stays the
one definition of status; only citizens with events on both sides of a deadline need it).
Those whose two ways agree are left alone; the others' calendar contribution is taken out and
their window contribution put in, in every table (villages, points, groups, total) and in
the visit counts.

List facts carry a date, not a time: a fact dated a day is known from that day's start.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentAccount, PaymentReceiver
from fieldapp.domain.periods import day_period
from fieldapp.domain.report_windows import Window, daily_window
from fieldapp.domain.status import fold_status
from fieldapp.domain.status_history import Span
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.progress import Progress
from fieldapp.services.report_timelines import Marks, marks_of
from fieldapp.services.reports import TREND_NAMES, UNKNOWN, Figures, compute_figures, trend_vector
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.window_net import Side, WindowNet
from fieldapp.store import report_queries as q
from fieldapp.store.beneficiary_queries import as_utc
from fieldapp.store.beneficiary_standing import changed_between
from fieldapp.store.payments import of_citizens as payment_events
from fieldapp.store.window_queries import (
    Around,
    anything_between,
    citizens_by_ids,
    events_around,
    fact_days,
    facts_dated,
    span_on,
    spans_near,
)


def daily_window_figures(
    uow: UnitOfWork, day: date, deadline: time, *, progress: Progress | None = None
) -> tuple[Figures, Window]:
    """The daily report's figures from yesterday's deadline to today's."""
    window = daily_window(day, deadline, LOCAL_TZ)
    figures = compute_figures(uow, day_period(day), progress=progress)
    if deadline == time(0):
        return figures, window  # midnight: the window is the calendar day
    yesterday = day - timedelta(days=1)
    edges = (
        _local_midnight(yesterday),
        window.starts_at,
        _local_midnight(day),
        window.ends_at,
        _local_midnight(day + timedelta(days=1)),
    )
    with uow:
        session = uow.repo.session
        # Only events between a deadline and the next midnight can count differently: before
        # yesterday's deadline or between midnight and today's deadline, both ways agree.
        near_events = _Activity(events_around(session, edges))
        ids = sorted(near_events.touched)
        near = spans_near(session, ids, yesterday - timedelta(days=1), day)
        ends = _Ends(window, near_events.recorded, fact_days(session, ids, yesterday, day))
        folded = _fold_where_needed(session, ends, day, list(near))
        explicit = q.targets(session)
        # between midnight and today's deadline both ways agree, and the window holds it
        has_data = facts_dated(session, day) or (
            figures.has_data and anything_between(session, edges[2], window.ends_at)
        )
    net = WindowNet()  # citizens who count alike, counted at once
    for pid, (village, spans) in near.items():
        calendar = _calendar_side(net, spans, day)
        moved = _window_side(net, pid, spans, day, ends, folded, near_events.visits.get(pid, []))
        if moved.visits or moved.before != moved.after:
            has_data = True
        if moved != calendar:  # else counted alike both ways: nothing to correct
            net.move(village or UNKNOWN, calendar, moved)
    net.apply(figures)
    _fix_targets(figures, explicit)
    figures.has_data = has_data
    return figures, window


class _Activity:
    """What `events_around` found, by citizen.

    Slices 0 and 1: the day before, before and after its deadline; 2 and 3: the day, likewise.
    Only citizens with something in slice 1 or 3 are there.
    """

    def __init__(self, found: Iterable[Around]) -> None:
        self.touched: set[str] = set()  # anything after a deadline, before the next midnight
        self.recorded: dict[str, set[int]] = {}  # slices of outcomes and payment records
        self.visits: dict[str, list[tuple[Any, int, Any]]] = {}  # (moment, slice, point)
        for pid, where, moment, point in found:
            if where in (1, 3):
                self.touched.add(pid)
            if point is None:
                self.recorded.setdefault(pid, set()).add(where)
            else:  # a visit from the window's start on
                self.visits.setdefault(pid, []).append((moment, where, point))


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL_TZ)


def _calendar_side(net: WindowNet, spans: Sequence[Span], day: date) -> Side:
    """What the calendar figures counted for a citizen: the projection's day before and day."""
    before = _held(spans, day - timedelta(days=1))
    after = _held(spans, day)
    visits = after.visits if after.day_from == day else 0
    return Side(
        net.of_status(before.status),
        net.of_status(after.status),
        visits,
        after.point_key or UNKNOWN,
    )


def _held(spans: Sequence[Span], day: date) -> Span:
    found = span_on(spans, day)
    if found is None:  # the projection holds every citizen on every day
        raise LookupError(day)
    return found


class _Ends:
    """Which of a citizen's window ends the projection already knows, and which need a fold.

    The window's start (yesterday's deadline) sees the outcomes and payment records before
    it and the facts dated up to yesterday: the projection's yesterday when nothing was
    recorded between the deadline and midnight; its day before when nothing was recorded
    yesterday before the deadline and no fact is dated yesterday. Likewise the end (today's
    deadline) with today and yesterday. Anything else is folded at the moment itself.
    """

    def __init__(
        self, window: Window, recorded: dict[str, set[int]], dated: set[tuple[str, date]]
    ) -> None:
        self.window = window
        self.recorded = recorded
        self.dated = dated

    def _day_of(self, pid: str, day: date, before: int, after: int) -> date | None:
        """The projection's day whose end equals the citizen at `day`'s deadline.

        `before` and `after`: the slices of `day` before and after that deadline.
        """
        slices = self.recorded.get(pid, ())
        if after not in slices:
            return day
        if before not in slices and (pid, day) not in self.dated:
            return day - timedelta(days=1)
        return None

    def start_day(self, pid: str, day: date) -> date | None:
        """For the window's start (on the day before `day`)."""
        return self._day_of(pid, day - timedelta(days=1), 0, 1)

    def end_day(self, pid: str, day: date) -> date | None:
        """For the window's end (on `day`)."""
        return self._day_of(pid, day, 2, 3)


def _fold_where_needed(
    session: Any, ends: _Ends, day: date, ids: Sequence[str]
) -> dict[tuple[str, datetime], Marks]:
    """The marks of the citizens whose window ends the projection does not know, folded."""
    wanted: list[tuple[str, datetime, date]] = []
    for pid in ids:
        if ends.start_day(pid, day) is None:
            wanted.append((pid, ends.window.starts_at, day - timedelta(days=1)))
        if ends.end_day(pid, day) is None:
            wanted.append((pid, ends.window.ends_at, day))
    who = sorted({pid for pid, _, _ in wanted})
    if not who:
        return {}
    citizens = {c.personal_id: c for c in citizens_by_ids(session, who)}
    until = _local_midnight(day + timedelta(days=1))
    rows = q.load_report_rows(session, until, day, only=who, with_visits=False, with_citizens=False)
    paid = payment_events(session, who)
    return {
        (pid, moment): marks_at(
            citizens[pid],
            rows.outcomes_of(pid),
            rows.facts_of(pid),
            paid.get(pid, []),
            moment,
            fact_day,
        )
        for pid, moment, fact_day in wanted
    }


def _window_side(
    net: WindowNet,
    pid: str,
    spans: Sequence[Span],
    day: date,
    ends: _Ends,
    folded: dict[tuple[str, datetime], Marks],
    visits: Sequence[tuple[Any, int, Any]],
) -> Side:
    """What the citizen adds to the deadline window (visits: theirs from its start on)."""
    start, end = ends.window.starts_at, ends.window.ends_at

    def marks(known: date | None, moment: datetime) -> int:
        if known is None:
            return net.of_marks(folded[(pid, moment)])
        return net.of_status(_held(spans, known).status)

    inside = [v for v in visits if v[1] < 3]
    if len(inside) == len(visits):
        point = _held(spans, day).point_key  # nothing after the deadline: the day's last
    elif inside:
        point = _last_point(net, inside)
    else:  # the last visit before the window, hence before yesterday's midnight
        point = _held(spans, day - timedelta(days=1)).point_key
    return Side(
        marks(ends.start_day(pid, day), start),
        marks(ends.end_day(pid, day), end),
        len(inside),
        point or UNKNOWN,
    )


def marks_at(
    citizen: dm.Citizen,
    outcomes: Sequence[dm.Outcome],
    facts: Sequence[dm.OfficialFact],
    payments: Sequence[PaymentReceiver | PaymentAccount],
    until: datetime,
    fact_day: date,
) -> Marks:
    """A citizen's marks from what was recorded before `until` and the facts dated by a day."""
    kept = [o for o in outcomes if as_utc(o.recorded_at) < until]
    known = [e for e in payments if as_utc(e.recorded_at) < until]
    return marks_of(fold_status(citizen, kept, [f for f in facts if f.as_of <= fact_day], known))


def _last_point(net: WindowNet, visits: Iterable[tuple[Any, int, Any]]) -> str | None:
    """The point of the latest visit (ties: the larger point id, as the figures do)."""
    return max((moment, net.point_key(point)) for moment, _, point in visits)[1]


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
        now = trend_vector(marks_at(citizen, outcomes, facts, events, moment, day))
        then = trend_vector(marks_at(citizen, outcomes, facts, events, end_of_day, day))
        for i, (a, b) in enumerate(zip(now, then, strict=True)):
            counts[i] += a - b
    return dict(zip(TREND_NAMES, counts, strict=True))


def new_in_window(uow: UnitOfWork, window: Window, figures: Figures) -> dict[str, int]:
    """What the commune reached inside a window (the daily report's, deadline to deadline)."""
    start = standing_at(uow, window.starts_at, figures)
    end = standing_at(uow, window.ends_at, figures)
    return {name: end[name] - start[name] for name in TREND_NAMES}

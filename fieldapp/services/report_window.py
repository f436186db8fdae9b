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
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
from fieldapp.store.beneficiary_queries import as_utc
from fieldapp.store.beneficiary_standing import changed_between
from fieldapp.store.payments import of_citizens as payment_events
from fieldapp.store.window_queries import (
    citizens_by_ids,
    event_moments,
    fact_days,
    facts_dated,
    span_on,
    spans_near,
    touched_between,
    visits_from,
)


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
    yesterday = day - timedelta(days=1)
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
        near = spans_near(session, ids, yesterday - timedelta(days=1), day)
        moments = event_moments(session, ids, start_of(yesterday), tomorrow)
        dated = fact_days(session, ids, yesterday, day)
        seen = visits_from(session, ids, window.starts_at, tomorrow)
        ends = _Ends(window, moments, dated)
        folded = _fold_where_needed(session, ends, day, list(near))
        explicit = q.targets(session)
        facts_today = facts_dated(session, day)
    has_data = facts_today
    net: Counter[tuple[str, _Side]] = Counter()  # citizens who count alike, counted at once
    for pid, (village, spans) in near.items():
        calendar = _calendar_side(spans, day)
        moved = _window_side(pid, spans, day, ends, folded, seen.get(pid, []))
        if moved.visits or moved.before != moved.after:
            has_data = True
        if moved != calendar:  # else counted alike both ways: nothing to correct
            net[(village or UNKNOWN, calendar)] -= 1
            net[(village or UNKNOWN, moved)] += 1
    for (village, side), count in net.items():
        if count:
            _apply(figures, village, side, count)
    _fix_targets(figures, explicit)
    figures.has_data = has_data
    return figures, window


def _local_midnight(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=LOCAL_TZ)


def _calendar_side(spans: Sequence[Span], day: date) -> _Side:
    """What the calendar figures counted for a citizen: the projection's day before and day."""
    before = _held(spans, day - timedelta(days=1))
    after = _held(spans, day)
    visits = after.visits if after.day_from == day else 0
    return _Side(before.status.marks, after.status.marks, visits, after.point_key or UNKNOWN)


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
        self,
        window: Window,
        moments: dict[str, list[datetime]],
        dated: set[tuple[str, date]],
    ) -> None:
        self.window = window
        self.on_day = {pid: [(_local_date(m), m) for m in found] for pid, found in moments.items()}
        self.dated = dated

    def day_of(self, pid: str, moment: datetime, day: date) -> date | None:
        """The projection's day whose end equals the citizen at `moment` (on local `day`)."""
        at = [m for d, m in self.on_day.get(pid, ()) if d == day]
        if not any(m >= moment for m in at):
            return day
        if not any(m < moment for m in at) and (pid, day) not in self.dated:
            return day - timedelta(days=1)
        return None

    def start_day(self, pid: str, day: date) -> date | None:
        """For the window's start (on the day before `day`)."""
        return self.day_of(pid, self.window.starts_at, day - timedelta(days=1))

    def end_day(self, pid: str, day: date) -> date | None:
        """For the window's end (on `day`)."""
        return self.day_of(pid, self.window.ends_at, day)


def _local_date(moment: datetime) -> date:
    return as_utc(moment).astimezone(LOCAL_TZ).date()


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
    pid: str,
    spans: Sequence[Span],
    day: date,
    ends: _Ends,
    folded: dict[tuple[str, datetime], Marks],
    visits: Sequence[tuple[datetime, str]],
) -> _Side:
    """What the citizen adds to the deadline window (visits: theirs from its start on)."""
    start, end = ends.window.starts_at, ends.window.ends_at

    def marks(known: date | None, moment: datetime) -> Marks:
        return folded[(pid, moment)] if known is None else _held(spans, known).status.marks

    inside = [v for v in visits if start <= v[0] < end]
    if not any(at >= end for at, _ in visits):
        point = _held(spans, day).point_key  # nothing after the deadline: the day's last
    elif inside:
        point = _last_point(inside)
    else:  # the last visit before the window, hence before yesterday's midnight
        point = _held(spans, day - timedelta(days=1)).point_key
    return _Side(
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


def _last_point(visits: Iterable[tuple[datetime, str]]) -> str:
    """The point of the latest visit (ties: the larger point id, as the figures do)."""
    return max(visits)[1]


def _apply(figures: Figures, village: str, side: _Side, sign: int) -> None:
    """Add (sign > 0) or take out (sign < 0) that many citizens' contribution to every table."""
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

"""The report projection as the services see it: kept current, rebuilt after a rules change.

Every citizen's status day by day lives in the table `citizen_status` (one row per span of
days; its columns and its SQL are documented in `store/status_projection.py`). It is written
in the transaction of every write that changes a citizen's events or details: the unit of
work refreshes the citizens its repository touched, bulk writers name theirs
(`refold_touched`) or write as they go (`projection_writer`: a list import). The domain
builds the rows (`domain/status_history.py`, over the fold).

After a change of `RULES_VERSION` (or on a store made before the projection) the table is
rebuilt whole, a range of citizens per transaction, with progress (`rebuild_projection`); the
figures call `ensure_projection` first, so they never read a table built by other rules.

For figures of your own (a report section, a province summary), either aggregate the table
in SQL in the store (see `status_projection.cumulative_cells`) or read `timelines(uow)`:
every citizen's marks day by day and visit days, as Python values.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from fieldapp.domain import model as dm
from fieldapp.domain.status import RULES_VERSION
from fieldapp.domain.status_history import (
    BEFORE_ANY,
    NOT_CLASSIFIED,
    PAYMENT_CLASSES,
    Marks,
    SpanBuilder,
    local_day,
    marks_of,
    payment_class,
)
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import report_queries as q
from fieldapp.store import status_projection as sp

__all__ = [
    "NOT_CLASSIFIED",
    "PAYMENT_CLASSES",
    "CitizenLines",
    "Marks",
    "ProjectionWriter",
    "Timeline",
    "TimelineBuilder",
    "VisitDays",
    "cache_is_current",
    "ensure_projection",
    "marks_of",
    "marks_on",
    "payment_class",
    "projection_is_current",
    "projection_writer",
    "rebuild_projection",
    "refold_touched",
    "rules_version",
    "timelines",
    "visit_days",
]

Timeline = tuple[tuple[str | None, Marks], ...]
"""A citizen's marks before any event (day None), then after each local day that changed them.

Days are ISO strings ("2026-06-05"): they compare like dates and need no parsing."""

VisitDays = tuple[tuple[str, int, str], ...]
"""Per local day with visits: how many, and the point of the day's last visit."""

REBUILD_CHUNK = 20000
"""Citizens per step of a whole rebuild: the progress shown, and the rows folded at a time."""


def rules_version() -> str:
    """The version of the rules that turn events into marks (`RULES_VERSION`, reviewed by hand).

    A declared constant, never a digest of source files: an installed (frozen) build has none.
    """
    return RULES_VERSION


def projection_is_current(uow: UnitOfWork) -> bool:
    """Whether the projection was rebuilt whole under the current rules (one setting read)."""
    with uow:
        return sp.is_current(uow.repo.session)


def rebuild_projection(uow: UnitOfWork, *, progress: Progress | None = None) -> int:
    """Fold every citizen again into the projection; how many citizens were folded.

    One transaction, in personal-ID order, `REBUILD_CHUNK` citizens per step (progress,
    cancel: nothing changes). The citizens known from lists alone are written set-based from
    one pass over the facts (`status_projection.rebuild_whole`), read before the first write:
    other writers wait only for the writing. Should one of them commit while the rebuild
    reads, the rebuild's first write is refused and it runs again, locking before it reads.
    """
    progress = progress or NullProgress()
    try:
        return _rebuild(uow, progress, writes_first=False)
    except Exception as error:
        if not sp.read_went_stale(error):
            raise
    return _rebuild(uow, progress, writes_first=True)


def _rebuild(uow: UnitOfWork, progress: Progress, *, writes_first: bool) -> int:
    with uow:
        session = uow.repo.session
        total = sp.count_citizens(session)
        progress.report(0, total)
        done, after = 0, None
        with sp.rebuild_whole(session, writes_first=writes_first):
            while True:
                check_cancelled(progress)
                last, count = sp.rebuild_range(session, after, REBUILD_CHUNK, prepared=True)
                done += count
                progress.report(min(done, total), total)
                if count < REBUILD_CHUNK:
                    break
                after = last
        sp.mark_current(session)
        uow.commit()
    return done


def ensure_projection(uow: UnitOfWork, *, progress: Progress | None = None) -> int:
    """Rebuild the projection if the rules changed since it was built; citizens folded."""
    if projection_is_current(uow):
        return 0
    return rebuild_projection(uow, progress=progress)


def cache_is_current(uow: UnitOfWork) -> bool:
    """Whether the projection holds every citizen under the current rules (inside a block)."""
    return sp.is_current(uow.repo.session)


def refold_touched(
    uow: UnitOfWork, personal_ids: Iterable[str], *, was_current: bool = True
) -> int:
    """Keep the projection current through a bulk write: fold these citizens again, now.

    Call inside the writer's open unit of work, after its writes and before its commit.
    `was_current` is kept for the callers of the first version; the citizens are folded
    either way (a pending rebuild will fold them again). Returns how many were folded.
    """
    del was_current
    return sp.refresh(uow.repo.session, personal_ids)


ProjectionWriter = sp.SpanWriter


def projection_writer(uow: UnitOfWork) -> ProjectionWriter:
    """A bulk writer's way to keep the projection as it goes, inside its unit of work.

    `add_new(...)` for each citizen it created (from the values it holds: no read-back),
    `refold(ids)` for the stored citizens it changed, `flush()` before its commit.
    """
    return sp.SpanWriter(uow.repo.session)


# Python views of the projection ---------------------------------------------------------------
def marks_on(timeline: Timeline, day: str) -> Marks:
    """The marks at the end of a local day."""
    current = timeline[0][1]
    for when, marks in timeline[1:]:
        if when is not None and when > day:
            break
        current = marks
    return current


def visit_days(visits: Sequence[tuple[datetime, str]]) -> VisitDays:
    """A citizen's visits summed up by local day."""
    days: dict[str, tuple[int, datetime, str]] = {}
    for at, point in visits:
        day = local_day(at).isoformat()
        count, last_at, last_point = days.get(day, (0, at, point))
        if (at, point) >= (last_at, last_point):
            last_at, last_point = at, point
        days[day] = (count + 1, last_at, last_point)
    return tuple((day, n, point) for day, (n, _, point) in sorted(days.items()))


class TimelineBuilder:
    """A citizen's marks timeline straight from the fold (no store): the spans' marks."""

    def __init__(self) -> None:
        self._spans = SpanBuilder()

    @property
    def folds(self) -> int:
        """How many times the fold ran."""
        return self._spans.folds

    def timeline(
        self,
        citizen: dm.Citizen,
        outcomes: Sequence[dm.Outcome],
        facts: Sequence[dm.OfficialFact],
    ) -> Timeline:
        """Marks before any event, then after each local day whose events changed them."""
        points: list[tuple[str | None, Marks]] = []
        for span in self._spans.spans(citizen, outcomes, facts):
            marks = span.status.marks
            if not points or marks != points[-1][1]:
                day = None if span.day_from == BEFORE_ANY else span.day_from.isoformat()
                points.append((day, marks))
        return tuple(points)


@dataclass
class CitizenLines:
    """Every citizen's timeline and visit days, as the figures read them."""

    summaries: list[q.CitizenSummary]
    marks: dict[str, Timeline]
    visits: dict[str, VisitDays]
    folded: int = 0  # citizens folded again this time (a rebuild after a rules change)


def timelines(uow: UnitOfWork, *, progress: Progress | None = None) -> CitizenLines:
    """Every citizen's timeline and visit days, read from the projection (rebuilt if need be).

    Holds every citizen in memory: fine for a commune; the figures themselves use SQL.
    """
    folded = ensure_projection(uow, progress=progress)
    lines = CitizenLines([], {}, {}, folded)
    shared_marks: dict[Timeline, Timeline] = {}
    shared_visits: dict[VisitDays, VisitDays] = {}
    with uow:
        for pid, village, group, smartphone, spans in sp.spans_by_citizen(uow.repo.session):
            points: list[tuple[str | None, Marks]] = []
            days: list[tuple[str, int, str]] = []
            for span in spans:
                marks = span.status.marks
                if not points or marks != points[-1][1]:
                    day = None if span.day_from == BEFORE_ANY else span.day_from.isoformat()
                    points.append((day, marks))
                if span.visits and span.point_key is not None:
                    days.append((span.day_from.isoformat(), span.visits, span.point_key))
            line = tuple(points)
            visit_line = tuple(days)
            lines.summaries.append(
                q.CitizenSummary(pid, village, group, smartphone, "", None, None, None)
            )
            lines.marks[pid] = shared_marks.setdefault(line, line)
            lines.visits[pid] = shared_visits.setdefault(visit_line, visit_line)
    return lines

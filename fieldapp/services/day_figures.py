"""Issue 18's figures of one day, per unit: the eligible, failure reasons, home visits.

The province summary (issue 20, `docs/summary-format.md`) reserves `eligible`, `home_visits`
and `reason.<code>` on each row; these functions give them for one day, keyed as the report
figures' rows are (village and point ids as text, group values, `UNKNOWN`), so a summary
builder can put them beside the figures it already has.

Which moments "a day" covers: by default the daily report's own window, from yesterday's
deadline to today's (issue 18 item 6: the figures the commune signs); `calendar_day=True`
gives the local day from midnight to midnight (the summary's other figures, today).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from fieldapp.domain.periods import day_period
from fieldapp.domain.report_windows import Window, daily_window, days_window, deadline_time
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.difficulties import compute_difficulties
from fieldapp.services.reports import UNKNOWN, Figures, Row, compute_figures
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.beneficiary_queries import home_visits_between


@dataclass(frozen=True, slots=True)
class UnitCounts:
    """One count for the commune and for each village, point and group that has any."""

    window: Window
    commune: int
    by_village: dict[str, int] = field(default_factory=dict)
    by_point: dict[str, int] = field(default_factory=dict)
    by_group: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ReasonCounts:
    """Failed attempts counted by reason (a `FailureReason` value), commune and villages."""

    window: Window
    commune: Counter[str]
    by_village: dict[str, Counter[str]]
    referred: int  # referrals in the window (not failures: counted apart)


@dataclass(frozen=True, slots=True)
class HomeVisitCounts:
    """Home visits in the window: how many visits, and how many people, per unit."""

    visits: UnitCounts
    people: UnitCounts


def day_window(uow: UnitOfWork, day: date, *, calendar_day: bool = False) -> Window:
    """The moments `day` covers: the daily report's deadline-to-deadline window, or the day."""
    if calendar_day:
        return days_window(day_period(day), LOCAL_TZ)
    from fieldapp.services.report_settings import report_settings

    deadline = deadline_time(report_settings(uow, "daily").deadline)
    return daily_window(day, deadline, LOCAL_TZ)


def eligible_counts(figures: Figures, window: Window) -> UnitCounts:
    """The eligible at the end of these figures' period (level 2, smartphone, bank account)."""

    def of(rows: list[Row]) -> dict[str, int]:
        return {r.key: r.cumulative.eligible for r in rows if r.cumulative.eligible}

    return UnitCounts(
        window,
        figures.total.cumulative.eligible,
        of(figures.by_village),
        of(figures.by_point),
        of(figures.by_group),
    )


def eligible_on(uow: UnitOfWork, day: date, *, calendar_day: bool = False) -> UnitCounts:
    """Citizens who meet the three conditions at the end of the day (seed 000 §5)."""
    window = day_window(uow, day, calendar_day=calendar_day)
    if calendar_day:
        figures = compute_figures(uow, day_period(day))
    else:
        from fieldapp.services.report_settings import report_settings
        from fieldapp.services.report_window import daily_window_figures

        deadline = deadline_time(report_settings(uow, "daily").deadline)
        figures, window = daily_window_figures(uow, day, deadline)
    return eligible_counts(figures, window)


def failure_reasons_on(uow: UnitOfWork, day: date, *, calendar_day: bool = False) -> ReasonCounts:
    """Failed attempts recorded in the day, by reason, for the commune and each village."""
    window = day_window(uow, day, calendar_day=calendar_day)
    found = compute_difficulties(uow, day_period(day), between=(window.starts_at, window.ends_at))
    commune: Counter[str] = Counter()
    for (_, reason), count in found.failed.items():
        commune[reason] += count
    by_village: dict[str, Counter[str]] = {}
    for (village, reason), count in found.failed_by_village.items():
        by_village.setdefault(village, Counter())[reason] += count
    return ReasonCounts(window, commune, by_village, found.referred_total)


def home_visits_on(uow: UnitOfWork, day: date, *, calendar_day: bool = False) -> HomeVisitCounts:
    """Home visits made in the day (seed 000 asks for them), by village and by point."""
    window = day_window(uow, day, calendar_day=calendar_day)
    with uow:
        rows = home_visits_between(uow.repo.session, window.starts_at, window.ends_at)
    visits = UnitCounts(window, len(rows))
    people_by: dict[str, dict[str, set[str]]] = {"village": {}, "point": {}, "group": {}}
    for row in rows:
        for kind, key in (("village", row.village), ("point", row.point), ("group", row.group)):
            if key is None:
                continue
            counts = getattr(visits, f"by_{kind}")
            counts[key] = counts.get(key, 0) + 1
            people_by[kind].setdefault(key, set()).add(row.personal_id)
    people = UnitCounts(
        window,
        len({row.personal_id for row in rows}),
        *(
            {k: len(v) for k, v in people_by[kind].items()}
            for kind in ("village", "point", "group")
        ),
    )
    return HomeVisitCounts(visits, people)


__all__ = [
    "UNKNOWN",
    "HomeVisitCounts",
    "ReasonCounts",
    "UnitCounts",
    "day_window",
    "eligible_counts",
    "eligible_on",
    "failure_reasons_on",
    "home_visits_on",
]

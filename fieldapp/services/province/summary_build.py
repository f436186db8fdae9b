"""A commune's figures for the province, built from the commune's own daily report.

One source: the figures the commune's daily report is drawn from (`report_window`, from the
previous day's report deadline to this day's, issue 18 item 6) give every row; the eligible,
failures by reason and home visits come from `services/day_figures.py`, the per-day functions
of the same report sections, over the same window. This module only renames counts into the
summary's figure names (`docs/summary-format.md`). Nothing about a citizen is read here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from fieldapp.domain.periods import day_period
from fieldapp.domain.report_windows import deadline_time
from fieldapp.domain.summary import (
    UNIT_COMMUNE,
    UNIT_GROUP,
    UNIT_POINT,
    UNIT_VILLAGE,
    UNKNOWN_UNIT,
    CommuneSummary,
    DaySummary,
    UnitRow,
)
from fieldapp.services.day_figures import failure_reasons_on, home_visits_on
from fieldapp.services.report_settings import report_settings
from fieldapp.services.report_window import daily_window_figures
from fieldapp.services.reports import UNKNOWN, Figures, Row, Tally
from fieldapp.services.unit_of_work import UnitOfWork

# Counts of a tally, by their summary names (cumulative: had at the end of the day).
TALLY_FIGURES = ("citizens", "level2", "activated", "link_waiting", "link_approved", "linked",
                 "bank_account", "eligible")  # fmt: skip
BANK_PREFIX = "opened.bank."
REASON_PREFIX = "reason."
HOME_VISITS = "home_visits"  # home visits made in the day
HOME_VISIT_PEOPLE = "home_visits.people"  # distinct people visited at home in the day
PAYMENT_PREFIX = "payment."
NEW_PREFIX = "new."


def tally_figures(cumulative: Tally, new: Tally) -> dict[str, int]:
    """One row's figures: what the unit had at the end of the day, and what it reached that day."""
    figures = {name: getattr(cumulative, name) for name in TALLY_FIGURES}
    figures["opened"] = cumulative.opened
    for bank, count in cumulative.opened_by_bank.items():
        figures[BANK_PREFIX + bank] = count
    for payment, count in cumulative.payment.items():
        figures[PAYMENT_PREFIX + payment] = count
    for name in TALLY_FIGURES[1:]:
        figures[NEW_PREFIX + name] = getattr(new, name)
    figures[NEW_PREFIX + "opened"] = new.opened
    figures["visited"] = new.visited
    return figures


def day_summary(figures: Figures) -> DaySummary:
    """The rows of one day's figures: the commune, each village, point and group."""
    day = figures.period.starts_on
    rows = [UnitRow(UNIT_COMMUNE, "", tally_figures(figures.total.cumulative, figures.total.new))]
    rows[0].figures["visits"] = figures.visits_in_period
    for kind, units in ((UNIT_VILLAGE, figures.by_village), (UNIT_POINT, figures.by_point),
                        (UNIT_GROUP, figures.by_group)):  # fmt: skip
        for row in units:
            rows.append(UnitRow(kind, _key(row), tally_figures(row.cumulative, row.new)))
    return DaySummary(day, rows)


def _key(row: Row) -> str:
    return UNKNOWN_UNIT if row.key == UNKNOWN else row.key


AGENCY_PREFIX = "agency.payment."


def add_agency_figures(uow: UnitOfWork, summary: DaySummary) -> None:
    """The group rows' payment classes as each agency's own report counts them.

    Issue 18's agency reports count beneficiaries as they stood at that agency's deadline
    (e.g. 14:00); the province gets those counts beside the end-of-day ones.
    """
    from fieldapp.services.agency_report import agency_figures
    from fieldapp.services.report_settings import report_settings
    from fieldapp.services.reports import AGENCIES

    rows = {r.key: r for r in summary.rows if r.kind == UNIT_GROUP}
    for agency in AGENCIES:
        settings = report_settings(uow, f"agency.{agency}")
        figures = agency_figures(uow, agency, day_period(summary.day), settings)
        for group, tally in figures.by_group.items():
            row = rows.get(group.value)
            if row is None:
                continue
            for payment, count in tally.payment.items():
                row.figures[AGENCY_PREFIX + payment] = count


def daily_report_figures(uow: UnitOfWork, day: date) -> Figures:
    """The figures of the commune's daily report of `day` (its deadline-to-deadline window)."""
    deadline = deadline_time(report_settings(uow, "daily").deadline)
    figures, _window = daily_window_figures(uow, day, deadline)
    return figures


def add_day_figures(uow: UnitOfWork, summary: DaySummary) -> None:
    """Failures by reason and home visits of the day, from issue 18's per-day functions.

    Over the daily report's window, as the figures beside them. Reasons are counted for the
    commune and each village (where the report counts them); home visits also per point and
    group. A unit with none gets no figure (a reader reads a missing figure as 0); a unit the
    report has no row for (never the case for a village or group of a visited citizen) is
    counted in the commune's row only.
    """
    rows = {(r.kind, r.key): r for r in summary.rows}
    commune = rows[(UNIT_COMMUNE, "")]
    reasons = failure_reasons_on(uow, summary.day)
    for reason, count in reasons.commune.items():
        commune.figures[REASON_PREFIX + reason] = count
    commune.figures["referred"] = reasons.referred
    for village, counted in reasons.by_village.items():
        row = rows.get((UNIT_VILLAGE, _unit_key(village)))
        for reason, count in counted.items() if row is not None else ():
            row.figures[REASON_PREFIX + reason] = count
    home = home_visits_on(uow, summary.day)
    commune.figures[HOME_VISITS] = home.visits.commune
    commune.figures[HOME_VISIT_PEOPLE] = home.people.commune
    for kind in (UNIT_VILLAGE, UNIT_POINT, UNIT_GROUP):
        people = getattr(home.people, f"by_{kind}")
        for key, visits in getattr(home.visits, f"by_{kind}").items():
            row = rows.get((kind, _unit_key(key)))
            if row is None:
                continue
            row.figures[HOME_VISITS] = visits
            row.figures[HOME_VISIT_PEOPLE] = people.get(key, 0)


def _unit_key(key: str) -> str:
    return UNKNOWN_UNIT if key == UNKNOWN else key


def commune_summary(uow: UnitOfWork, days: Iterable[date]) -> CommuneSummary:
    """The summary of these days (each day's figures as the commune's daily report has them)."""
    day_figures = [daily_report_figures(uow, day) for day in sorted(set(days))]
    with uow:
        commune = next(iter(uow.repo.communes()), None)
    if commune is None or not day_figures:
        from fieldapp.domain.errors import NotFoundError

        raise NotFoundError("sync.commune_not_set_up")
    villages: dict[str, str] = {}
    points: dict[str, str] = {}
    for figures in day_figures:
        villages |= {r.key: r.name for r in figures.by_village if r.key != UNKNOWN}
        points |= {r.key: r.name for r in figures.by_point if r.key != UNKNOWN}
    return CommuneSummary(
        commune_id=commune.id,
        commune_name=commune.name,
        province=commune.province,
        villages=villages,
        points=points,
        days=[_with_more(uow, day_summary(f)) for f in day_figures],
    )


def _with_more(uow: UnitOfWork, summary: DaySummary) -> DaySummary:
    add_agency_figures(uow, summary)
    add_day_figures(uow, summary)
    return summary

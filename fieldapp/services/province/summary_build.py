"""A commune's figures for the province, built from the commune's own report figures.

One source: `reports.compute_figures` for a one-day period gives every row of the commune's
daily report; this module only renames its counts into the summary's figure names
(`docs/summary-format.md`). Nothing about a citizen is read here.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from fieldapp.domain.periods import day_period
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
from fieldapp.services.reports import UNKNOWN, Figures, Row, Tally, compute_figures
from fieldapp.services.unit_of_work import UnitOfWork

# Counts of a tally, by their summary names (cumulative: had at the end of the day).
TALLY_FIGURES = ("citizens", "level2", "activated", "link_waiting", "link_approved", "linked",
                 "bank_account")  # fmt: skip
BANK_PREFIX = "opened.bank."
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


def commune_summary(uow: UnitOfWork, days: Iterable[date]) -> CommuneSummary:
    """The summary of these days (each day's figures as the commune's daily report has them)."""
    day_figures = [compute_figures(uow, day_period(day)) for day in sorted(set(days))]
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
        days=[_with_agencies(uow, day_summary(f)) for f in day_figures],
    )


def _with_agencies(uow: UnitOfWork, summary: DaySummary) -> DaySummary:
    add_agency_figures(uow, summary)
    return summary

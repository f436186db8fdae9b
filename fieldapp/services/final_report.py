"""The final report (báo cáo tổng kết, issue 18 item 5): each wave and the whole campaign.

Seed 001 asks for "kết quả từng đợt và toàn đợt" on 31/3, seed 000 for a summary before 15/6
with the home visits counted. An administrative summary has four parts: results, shortcomings
and causes, lessons, proposals; the figures fill the first, the officer's text (kept with the
final report's settings) fills all four. The tables: one row per wave with the whole campaign
as the total row, then villages, support points, home visits by village, banks, payments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import NamedTuple

from fieldapp.documents.report_model import Cell, CellKind, Column, ReportDocument, Section, Table
from fieldapp.domain.periods import Period, ReportKind, Wave
from fieldapp.domain.report_windows import days_window
from fieldapp.i18n import tr
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.progress import Progress
from fieldapp.services.report_document import banks_table, payment_table, units_table
from fieldapp.services.report_settings import NARRATIVE_PARTS, ReportSettings
from fieldapp.services.reports import Figures, all_waves, compute_figures
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.beneficiary_queries import home_visits

BLANK_LINES = "." * 150  # dotted lines to write on by hand when no text was typed


@dataclass
class WaveResult:
    """One wave's figures (its days up to the report's day) and its home visits."""

    name: str
    period: Period
    figures: Figures
    home_visits: int


@dataclass
class FinalFigures:
    """Every wave's results, the whole campaign's, and the home visits by village."""

    waves: list[WaveResult]
    campaign: WaveResult
    home_by_village: list[tuple[str, int, int]]  # village name ("" unknown), visits, people


def final_figures(
    uow: UnitOfWork, period: Period, campaign: Figures, *, progress: Progress | None = None
) -> FinalFigures:
    """Each wave that started by the report's day, clipped to it, and the campaign."""
    waves: list[Wave] = [w for w in all_waves(uow) if w.starts_on <= period.ends_on]
    periods = [
        Period(ReportKind.WAVE, w.starts_on, min(w.ends_on, period.ends_on), w) for w in waves
    ]
    windows = [days_window(p, LOCAL_TZ) for p in (*periods, period)]
    with uow:
        session = uow.repo.session
        home, by_village = home_visits(session, [(w.starts_at, w.ends_at) for w in windows])
        names = {str(v.id): v.name for v in uow.repo.villages()}

    def figures_of(p: Period) -> Figures:
        if (p.starts_on, p.ends_on) == (period.starts_on, period.ends_on):
            return campaign  # a wave that spans the campaign's days: the same figures
        return compute_figures(uow, p, progress=progress)

    results = [
        WaveResult(w.name, p, figures_of(p), count)
        for w, p, count in zip(waves, periods, home, strict=False)
    ]
    total = WaveResult("", period, campaign, home[-1])
    home_rows = [(names.get(key, ""), visits, people) for key, visits, people in by_village]
    order = list(names.values())
    home_rows.sort(key=lambda r: (r[0] not in order, order.index(r[0]) if r[0] in order else 0))
    return FinalFigures(results, total, home_rows)


class _WaveLine(NamedTuple):
    number: int | None
    name: str
    result: WaveResult


def wave_table(found: FinalFigures, lang: str = "vi") -> Table:
    """One row per wave, the whole campaign as the total row."""
    from fieldapp.i18n.formats import date_text

    def h(name: str) -> str:
        return tr(f"final_report.col.{name}", lang)

    def new(name: str) -> Callable[[_WaveLine], Cell]:
        return lambda x: getattr(x.result.figures.total.new, name)

    def dates(x: _WaveLine) -> str:
        p = x.result.period
        return f"{date_text(p.starts_on, lang)} - {date_text(p.ends_on, lang)}"

    columns = [
        Column(tr("reports.col.no", lang), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(h("wave"), lambda x: x.name, CellKind.TEXT, 1.6),
        Column(h("dates"), dates, CellKind.TEXT, 1.9),
        Column(h("visits"), lambda x: x.result.figures.visits_in_period),
        Column(h("home_visits"), lambda x: x.result.home_visits),
        Column(h("visited"), new("visited")),
        Column(h("activated"), new("activated")),
        Column(h("linked"), new("linked")),
        Column(h("approved"), new("link_approved")),
        Column(h("opened"), lambda x: x.result.figures.total.new.opened),
        Column(h("linked_end"), lambda x: x.result.figures.total.cumulative.linked),
        Column(
            h("key_end"),
            lambda x: x.result.figures.total.cumulative.key_indicator,
            CellKind.PERCENT,
            1.1,
        ),
    ]
    lines = [_WaveLine(i, r.name, r) for i, r in enumerate(found.waves, start=1)]
    total = _WaveLine(None, tr("final_report.campaign", lang), found.campaign)
    return Table.of(columns, lines, total)


class _HomeLine(NamedTuple):
    number: int | None
    name: str
    visits: int
    people: int


def home_table(found: FinalFigures, lang: str = "vi") -> Table:
    """Home visits in the campaign, by village."""
    columns = [
        Column(tr("reports.col.no", lang), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(tr("reports.col.village", lang), lambda x: x.name, CellKind.TEXT, 2.4),
        Column(tr("final_report.col.home_visits", lang), lambda x: x.visits),
        Column(tr("final_report.col.home_people", lang), lambda x: x.people),
    ]
    lines = [
        _HomeLine(i, name or tr("reports.unknown.village", lang), visits, people)
        for i, (name, visits, people) in enumerate(found.home_by_village, start=1)
    ]
    total = _HomeLine(
        None,
        tr("reports.total", lang),
        sum(x.visits for x in lines),
        sum(x.people for x in lines),
    )
    return Table.of(columns, lines, total)


def _officer_text(settings: ReportSettings, part: str) -> list[str]:
    """The officer's paragraphs (blank lines split them), or dotted lines to write on."""
    text = settings.narrative_text(part)
    if not text:
        return [BLANK_LINES, BLANK_LINES]
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def final_document(
    base: ReportDocument,
    figures: Figures,
    found: FinalFigures,
    settings: ReportSettings,
    lang: str = "vi",
) -> ReportDocument:
    """The final report: the base report's header and summary, then the four parts."""
    if not figures.has_data and not found.waves:
        return base  # "no data in the period" says it already
    summary = base.sections[0].paragraphs if base.sections else []
    results = [*summary, *(t for t in _officer_text(settings, "results") if t != BLANK_LINES)]

    def h(name: str) -> str:
        return tr(f"final_report.section.{name}", lang)

    sections = [
        Section(h("results"), results),
        Section(
            h("waves"), table=wave_table(found, lang), note=tr("final_report.waves_note", lang)
        ),
        Section(h("villages"), table=units_table(figures, "village", lang)),
        Section(
            h("points"),
            table=units_table(figures, "point", lang),
            note=tr("reports.point_note", lang),
        ),
        Section(h("home"), table=home_table(found, lang)),
        Section(h("banks"), table=banks_table(figures, lang)),
        Section(h("payment"), table=payment_table(figures, lang)),
    ]
    sections += [Section(h(part), _officer_text(settings, part)) for part in NARRATIVE_PARTS[1:]]
    return replace(base, sections=sections, landscape=True)


def build_final_report(
    uow: UnitOfWork,
    period: Period,
    figures: Figures,
    base: ReportDocument,
    settings: ReportSettings,
    *,
    lang: str = "vi",
    progress: Progress | None = None,
) -> ReportDocument:
    """Count each wave and describe the final report around the campaign's figures."""
    found = final_figures(uow, period, figures, progress=progress)
    return final_document(base, figures, found, settings, lang)

"""The report's sections on the eligible, the difficulties and the groups' deadlines.

Issue 18 items 2-4, added under every report's figures (PDF, xlsx) and shown on the dashboard
as tables. Built from the figures, the period's difficulties and the group deadlines; nothing
here counts. A section numbers itself after the document's last numbered heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any, NamedTuple

from fieldapp.documents.report_model import (
    Cell,
    CellKind,
    Column,
    ReportDocument,
    Section,
    Table,
)
from fieldapp.domain.deadlines import EVERYONE, DeadlineProgress
from fieldapp.domain.periods import Period
from fieldapp.domain.report_windows import Window, deadline_time, report_window
from fieldapp.i18n import tr
from fieldapp.i18n.formats import count_text, date_text, percent_text
from fieldapp.services.agency_report import groups_of
from fieldapp.services.campaign_targets import deadline_progress, group_deadlines
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.difficulties import Difficulties, compute_difficulties
from fieldapp.services.report_settings import report_settings
from fieldapp.services.reports import UNKNOWN, Figures, Row, percent
from fieldapp.services.unit_of_work import UnitOfWork

_ROMAN = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
_NUMBERED = re.compile(r"^([IVX]+)\. ")


def next_number(sections: Sequence[Section]) -> int:
    """The number (1 = I) after the last section headed "IV. ..." (1 when none is)."""
    last = 0
    for section in sections:
        found = _NUMBERED.match(section.heading)
        if found and found.group(1) in _ROMAN:
            last = _ROMAN.index(found.group(1)) + 1
    return last + 1


def _heading(number: int, key: str, lang: str) -> str:
    return f"{_ROMAN[number - 1]}. {tr(key, lang)}"


# Eligible ---------------------------------------------------------------------------------------
class _Unit(NamedTuple):
    number: int | None
    name: str
    row: Row


def eligibility_table(figures: Figures, lang: str = "vi") -> Table:
    """Per village: level 2, smartphone, bank account, eligible, linked, linked / eligible."""

    def h(name: str) -> str:
        return tr(f"eligible.col.{name}", lang)

    def count(name: str, get: Callable[[Any], int]) -> Column:
        return Column(h(name), lambda x: get(x.row.cumulative))

    columns = [
        Column(tr("reports.col.no", lang), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(tr("reports.col.village", lang), lambda x: x.name, CellKind.TEXT, 2.4),
        count("level2", lambda t: t.level2),
        count("smartphone", lambda t: t.smartphone),
        count("bank_account", lambda t: t.bank_account),
        count("eligible", lambda t: t.eligible),
        count("linked", lambda t: t.linked),
        Column(
            h("rate"),
            lambda x: percent(x.row.cumulative.linked, x.row.cumulative.eligible),
            CellKind.PERCENT,
            1.1,
        ),
    ]
    units = [
        _Unit(i, tr("reports.unknown.village", lang) if r.key == UNKNOWN else r.name, r)
        for i, r in enumerate(figures.by_village, start=1)
    ]
    return Table.of(columns, units, _Unit(None, tr("reports.total", lang), figures.total))


def eligibility_section(figures: Figures, number: int, lang: str = "vi") -> Section:
    """The eligible (seed 000 §5): level 2, a smartphone and a bank account, by village."""
    total = figures.total.cumulative
    text = tr(
        "eligible.summary",
        lang,
        eligible=count_text(total.eligible, lang),
        level2=count_text(total.level2, lang),
        smartphone=count_text(total.smartphone, lang),
        linked=count_text(total.linked, lang),
        rate=percent_text(percent(total.linked, total.eligible), lang),
        new=count_text(figures.total.new.eligible, lang),
    )
    table = eligibility_table(figures, lang) if figures.has_data else None
    return Section(
        _heading(number, "eligible.heading", lang),
        [text],
        table=table,
        note=tr("eligible.note", lang),
    )


# Difficulties -----------------------------------------------------------------------------------
class _Line(NamedTuple):
    number: int | None
    name: str
    key: str | None  # a reason or a village key; None on the total row


def difficulties_step_table(found: Difficulties, lang: str = "vi") -> Table:
    """One row per failure reason, then per referral destination; one column per step."""
    steps = found.steps()
    reasons = found.reasons()
    targets = found.targets()

    def step_column(step: str) -> Column:
        def cell(line: _Line) -> Cell:
            if line.key is None:  # every attempt at the step, failed or referred
                return sum(n for (s, _), n in (*found.failed.items(), *found.referred.items())
                           if s == step)  # fmt: skip
            kind, _, value = line.key.partition(":")
            counter = found.failed if kind == "reason" else found.referred
            return counter.get((step, value), 0)

        return Column(tr(f"step.{step}", lang), cell)

    def total(line: _Line) -> Cell:
        if line.key is None:
            return found.failed_total + found.referred_total
        kind, _, value = line.key.partition(":")
        counter = found.failed if kind == "reason" else found.referred
        return sum(n for (_, v), n in counter.items() if v == value)

    columns = [
        Column(tr("reports.col.no", lang), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(tr("difficulties.col.reason", lang), lambda x: x.name, CellKind.TEXT, 3.0),
        *(step_column(step) for step in steps),
        Column(tr("difficulties.col.total", lang), total),
    ]
    lines = [_Line(i, tr(f"reason.{r}", lang), f"reason:{r}") for i, r in enumerate(reasons, 1)]
    lines += [
        _Line(len(lines) + i, _referred(t, lang), f"referred:{t}")
        for i, t in enumerate(targets, start=1)
    ]
    return Table.of(columns, lines, _Line(None, tr("reports.total", lang), None))


def difficulties_village_table(found: Difficulties, lang: str = "vi") -> Table:
    """Per village: failed attempts by reason, and the referrals by where they went."""
    reasons = found.reasons()
    targets = found.targets()

    def reason_column(reason: str) -> Column:
        return Column(
            tr(f"reason.{reason}", lang),
            lambda x: _sum(found.failed_by_village, x.key, reason),
        )

    def target_column(target: str) -> Column:
        return Column(
            _referred(target, lang),
            lambda x: _sum(found.referred_by_village, x.key, target),
        )

    columns = [
        Column(tr("reports.col.no", lang), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(tr("reports.col.village", lang), lambda x: x.name, CellKind.TEXT, 2.2),
        *(reason_column(r) for r in reasons),
        Column(tr("difficulties.col.failed", lang), lambda x: _sum(found.failed_by_village, x.key)),
        *(target_column(t) for t in targets),
    ]
    villages = found.villages()
    lines = [
        _Line(
            i,
            tr("reports.unknown.village", lang) if key == UNKNOWN else found.village_names[key],
            key,
        )
        for i, key in enumerate(villages, start=1)
    ]
    return Table.of(columns, lines, _Line(None, tr("reports.total", lang), None))


def _referred(target: str, lang: str) -> str:
    return tr("difficulties.referred_to", lang, target=tr(f"referral.{target}", lang))


def _sum(counter: Any, village: str | None, value: str | None = None) -> int:
    return sum(
        n
        for (v, what), n in counter.items()
        if (village is None or v == village) and (value is None or what == value)
    )


def difficulties_sections(found: Difficulties, number: int, lang: str = "vi") -> list[Section]:
    """The seeds' "khó khăn, vướng mắc, phát sinh": counts, two tables, the paragraph."""
    heading = _heading(number, "difficulties.heading", lang)
    note = [found.note] if found.note else []
    if not found.has_data:
        return [Section(heading, [tr("difficulties.none", lang), *note])]
    summary = tr(
        "difficulties.summary",
        lang,
        failed=count_text(found.failed_total, lang),
        citizens=count_text(found.citizens, lang),
        referred=count_text(found.referred_total, lang),
    )
    by_step = Section(heading, [summary], table=difficulties_step_table(found, lang))
    by_village = Section(
        tr("difficulties.by_village", lang),
        table=difficulties_village_table(found, lang),
        note=tr("difficulties.village_note", lang),
    )
    sections = [by_step, by_village]
    if note:
        sections.append(Section(tr("difficulties.officer", lang), note))
    return sections


# Deadlines per group ----------------------------------------------------------------------------
def group_name(group: str, lang: str = "vi") -> str:
    """A group's name, or "everyone with a level-2 account"."""
    return tr("deadlines.everyone" if group == EVERYONE else f"group.{group}", lang)


def deadlines_table(rows: Sequence[DeadlineProgress], lang: str = "vi") -> Table:
    """Per group: deadline, days left, done / target, reached, on pace or behind, members."""

    def h(name: str) -> str:
        return tr(f"deadlines.col.{name}", lang)

    def state(p: DeadlineProgress) -> str:
        if p.target and p.done >= p.target:
            return tr("deadlines.state.met", lang)
        if not p.target:
            return tr("deadlines.state.nobody", lang)
        return tr("deadlines.state.behind" if p.behind else "deadlines.state.on_pace", lang)

    columns = [
        Column(tr("reports.col.no", lang), lambda x: x[0], CellKind.COUNT, 0.5),
        Column(h("group"), lambda x: group_name(x[1].deadline.group, lang), CellKind.TEXT, 2.6),
        Column(h("deadline"), lambda x: date_text(x[1].deadline.deadline, lang), CellKind.TEXT),
        Column(h("days_left"), lambda x: x[1].days_left),
        Column(h("done"), lambda x: x[1].done),
        Column(h("target"), lambda x: x[1].target),
        Column(h("reached"), lambda x: x[1].reached, CellKind.PERCENT, 1.1),
        Column(h("state"), lambda x: state(x[1]), CellKind.TEXT, 1.6),
        Column(h("members"), lambda x: x[1].members),
    ]
    return Table.of(columns, list(enumerate(rows, start=1)))


def deadlines_section(
    rows: Sequence[DeadlineProgress], number: int, today: date, lang: str = "vi"
) -> Section:
    """Targets and deadlines per beneficiary group, on the report's day."""
    behind = [group_name(p.deadline.group, lang) for p in rows if p.behind]
    text = tr("deadlines.summary", lang, day=date_text(today, lang))
    paragraphs = [text]
    if behind:
        paragraphs.append(tr("deadlines.behind", lang, groups=", ".join(behind)))
    return Section(
        _heading(number, "deadlines.heading", lang),
        paragraphs,
        table=deadlines_table(rows, lang),
        note=tr("deadlines.note", lang),
    )


# Every report -----------------------------------------------------------------------------------
def add_campaign_sections(
    uow: UnitOfWork,
    document: ReportDocument,
    figures: Figures,
    *,
    lang: str = "vi",
    between: tuple[datetime, datetime] | None = None,
) -> None:
    """Add the eligible, the groups' deadlines and the difficulties under a report's figures.

    `between`: the report's own window (the daily report's deadline to deadline), else the
    period's local days.
    """
    day = figures.period.ends_on
    number = next_number(document.sections)
    rows = deadline_progress(figures, group_deadlines(uow), day)
    found = compute_difficulties(uow, figures.period, between=between)
    added = [
        eligibility_section(figures, number, lang),
        deadlines_section(rows, number + 1, day, lang),
        *difficulties_sections(found, number + 2, lang),
    ]
    at = _narrative_start(document, lang)
    if at is None:
        document.sections += added
    else:  # the final report: more parts of "I. Results", before its narrative parts
        document.sections[at:at] = _as_subsections(added, _last_subsection(document, at))


_SUBSECTION = re.compile(r"^([0-9]+)\. ")


def _narrative_start(document: ReportDocument, lang: str) -> int | None:
    """Where the final report's narrative parts start (its "II. Shortcomings"), if any."""
    heading = tr("final_report.section.shortcomings", lang)
    return next((i for i, s in enumerate(document.sections) if s.heading == heading), None)


def _last_subsection(document: ReportDocument, before: int) -> int:
    numbers = [
        int(found.group(1))
        for section in document.sections[:before]
        if (found := _SUBSECTION.match(section.heading))
    ]
    return max(numbers, default=0)


def _as_subsections(sections: list[Section], last: int) -> list[Section]:
    """Roman-numbered parts become sub-parts: "V. CÔNG DÂN …" is "7. Công dân …" after 6."""
    renamed = []
    for section in sections:
        found = _NUMBERED.match(section.heading)
        if found:
            last += 1
            title = section.heading[found.end() :].capitalize()
            section = Section(f"{last}. {title}", section.paragraphs, section.table, section.note)
        renamed.append(section)
    return renamed


def add_agency_difficulties(
    uow: UnitOfWork, document: ReportDocument, period: Period, agency: str, *, lang: str = "vi"
) -> None:
    """An agency's report carries the difficulties of its own groups, over its own window.

    Seed 002 §11: the commune reports "kết quả và những khó khăn, vướng mắc, phát sinh" to
    each agency; the daily window runs deadline to deadline (`agency_report.agency_figures`).
    """
    window = _agency_window(uow, agency, period)
    found = compute_difficulties(
        uow, period, between=(window.starts_at, window.ends_at), groups=groups_of(agency)
    )
    document.sections += difficulties_sections(found, next_number(document.sections), lang)


def _agency_window(uow: UnitOfWork, agency: str, period: Period) -> Window:
    settings = report_settings(uow, f"agency.{agency}", "vi")
    return report_window(period, deadline_time(settings.deadline), LOCAL_TZ)

"""The printed reports of village teams and units, and a team leader's door-to-door list.

Each is a report description (`documents/report_model.py`) drawn by the report PDF and xlsx
renderers: the same national header, fonts and formula-safe cells as the commune's reports.
Team members' phones never appear; the units' summary names no citizen. One unit's report
and a team's door-to-door list name citizens: personal data, the police and admins only,
logged without any of it.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

from fieldapp.documents.report_model import CellKind, Column, ReportDocument, Section, Table
from fieldapp.domain import model as dm
from fieldapp.domain import teams as dt
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.i18n import tr
from fieldapp.i18n.formats import date_text, place_date_text
from fieldapp.services import door_list, users
from fieldapp.services.clock import local_today
from fieldapp.services.report_document import issuer_name, place_name
from fieldapp.services.report_output import FORMATS, save
from fieldapp.services.team_tallies import MemberTally, TeamTally, team_tallies
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.units import RosterLine, unit_roster, unit_tallies
from fieldapp.store import teams_queries as q

_log = logging.getLogger(__name__)


def _h(name: str, lang: str) -> str:
    return tr(f"teams.col.{name}", lang)


def _frame(
    uow: UnitOfWork, title: str, subject: str, period: str, sections: list[Section], lang: str,
    *, today: date, sheet: str, landscape: bool | None = None,
) -> ReportDocument:  # fmt: skip
    """The administrative frame every report shares, around these sections."""
    with uow:
        commune = next(iter(uow.repo.communes()), None)
    commune_name = commune.name if commune else "…"
    province = (commune.province if commune else "").upper() or "…"
    return ReportDocument(
        lang=lang,
        country=tr("reports.country", lang),
        motto=tr("reports.motto", lang),
        issuer_parent=tr("reports.issuer_parent", lang, province=province),
        issuer=tr("reports.issuer", lang, commune=issuer_name(commune_name)),
        number="",
        place_date=place_date_text(place_name(commune_name), today, lang),
        title=title,
        subject=subject,
        period_text=period,
        addressee="",
        sections=sections,
        signer=tr("reports.signer", lang),
        sign_note=tr("door_list.sign_note", lang),
        recipients=[],
        has_data=any(s.table is not None and s.table.rows for s in sections),
        sheet_name=sheet[:31],
        landscape=landscape,
    )


# --- teams ---
def _tally_columns(
    lang: str,
    name: str,
    get_name: Callable[[Any], str],
    get_tally: Callable[[Any], dt.HelperTally],
    target: Callable[[Any], tuple[int | None, float | None]],
) -> list[Column]:
    """No., name (and role), visits, activations, links, accounts, target and its share."""
    cols = [
        Column(tr("reports.col.no", lang), lambda x: x[0], CellKind.COUNT, 0.5),
        Column(_h(name, lang), lambda x: get_name(x[1]), CellKind.TEXT, 2.6),
    ]
    if name == "member":
        cols.append(Column(_h("role", lang), lambda x: x[1].role_text, CellKind.TEXT, 1.8))
    cols += [
        Column(_h("visits", lang), lambda x: get_tally(x[1]).visits),
        Column(_h("activations", lang), lambda x: get_tally(x[1]).activations),
        Column(_h("links", lang), lambda x: get_tally(x[1]).links),
        Column(_h("accounts", lang), lambda x: get_tally(x[1]).accounts),
    ]
    cols += [
        Column(_h("target", lang), lambda x: target(x[1])[0]),
        Column(_h("target_rate", lang), lambda x: target(x[1])[1], CellKind.PERCENT, 1.1),
    ]
    return cols


class _MemberRow:
    """A member's row: the tally with its role's words."""

    def __init__(self, line: MemberTally, lang: str) -> None:
        self.line = line
        self.role_text = tr(f"teams.role.{line.member.role.value}", lang) + (
            f" · {tr('teams.leader', lang)}" if line.member.leader else ""
        )


def build_teams_document(
    uow: UnitOfWork, tallies: list[TeamTally], *, period: str, lang: str = "vi",
    today: date | None = None,
) -> ReportDocument:  # fmt: skip
    """One table of teams (with their totals), then one table of members per team."""
    day = today or local_today()
    teams_table = Table.of(
        _tally_columns(
            lang, "team", lambda t: f"{t.team.name}", lambda t: t.total,
            lambda t: (t.target, _rate(t.total.links, t.target)),
        ),
        list(enumerate(tallies, start=1)),
    )  # fmt: skip
    sections = [Section(tr("teams.section.teams", lang), table=teams_table)]
    for team in tallies:
        rows = [_MemberRow(m, lang) for m in team.members]
        table = Table.of(
            _tally_columns(
                lang, "member", lambda r: r.line.member.full_name, lambda r: r.line.tally,
                lambda r: (r.line.member.target, r.line.target_percent),
            ),
            list(enumerate(rows, start=1)),
        )  # fmt: skip
        note = ""
        if len(team.members) < dt.MIN_TEAM_SIZE:
            note = tr("teams.too_small", lang, count=len(team.members), least=dt.MIN_TEAM_SIZE)
        sections.append(Section(f"{team.team.name} ({team.village})", table=table, note=note))
    return _frame(
        uow, tr("teams.report.title", lang), tr("teams.report.subject", lang), period, sections,
        lang, today=day, sheet=tr("teams.report.sheet", lang), landscape=True,
    )  # fmt: skip


def write_teams_report(
    uow: UnitOfWork, out: Path, *, fmt: str = "pdf", start: date | None = None,
    end: date | None = None, lang: str = "vi", today: date | None = None, actor: dm.User,
) -> list[TeamTally]:  # fmt: skip
    """The teams' report for a period (None: the whole campaign) as PDF or xlsx."""
    _check_format(fmt)
    tallies = team_tallies(uow, start=start, end=end, actor=actor)
    period = _period(start, end, lang)
    save(build_teams_document(uow, tallies, period=period, lang=lang, today=today), fmt, out)
    return tallies


def write_team_door_list(
    uow: UnitOfWork, village_name: str, out: Path, *, fmt: str = "pdf",
    show_phones: bool = False, lang: str = "vi", today: date | None = None, actor: dm.User,
) -> door_list.DoorList:  # fmt: skip
    """The team leader's door-to-door list: the village's list, in the team's name."""
    _check_format(fmt)
    found = door_list.door_list(
        uow, village_name, show_phones=show_phones, today=today, lang=lang, actor=actor
    )
    with uow:
        team = q.team_of_village(uow.repo.session, found.village.id)
        leader = next(
            (m for m in q.members(uow.repo.session, team.id) if m.leader), None
        ) if team else None  # fmt: skip
    document = door_list.build_door_list_document(found, lang)
    if team is not None:
        document = replace(
            document,
            subject=f"{team.name}: {document.subject}",
            signer=tr("teams.leader_signs", lang),
            sign_note=leader.full_name if leader else document.sign_note,
        )
    save(document, fmt, out)
    _log.info(
        "team door-to-door list exported: village %s, %d rows, %s, by user %s",
        found.village.id, len(found.rows), fmt, actor.id,
    )  # fmt: skip
    return found


# --- units ---
def _unit_columns(lang: str) -> list[Column]:
    def kind(t: dt.UnitTally) -> str:
        return tr(f"units.kind.{t.unit.kind.value}", lang)

    return [
        Column(tr("reports.col.no", lang), lambda x: x[0], CellKind.COUNT, 0.5),
        Column(_h("unit", lang), lambda x: x[1].unit.name, CellKind.TEXT, 2.8),
        Column(_h("kind", lang), lambda x: kind(x[1]), CellKind.TEXT, 1.2),
        Column(_h("members", lang), lambda x: x[1].members),
        Column(tr("reports.col.level2", lang), lambda x: x[1].level2),
        Column(_h("activated", lang), lambda x: x[1].activated),
        Column(_h("linked", lang), lambda x: x[1].linked),
        Column(_h("linked_rate", lang), lambda x: x[1].percent, CellKind.PERCENT, 1.1),
        Column(_h("unit_target", lang), lambda x: x[1].unit.target_percent, CellKind.COUNT, 0.9),
        Column(_h("deadline", lang), lambda x: date_text(x[1].unit.deadline, lang),
               CellKind.TEXT, 1.1),
        Column(_h("standing", lang), lambda x: _standing(x[1], lang), CellKind.TEXT, 1.3),
    ]  # fmt: skip


def _standing(tally: dt.UnitTally, lang: str) -> str:
    return tr("units.below" if tally.below_target else "units.reached", lang)


def build_units_document(
    uow: UnitOfWork, tallies: list[dt.UnitTally], *, lang: str = "vi", today: date | None = None
) -> ReportDocument:
    """The summary across units: below target first; no citizen named."""
    day = today or local_today()
    total = dt.UnitTally(
        dt.Unit(uuid.UUID(int=0), tr("reports.total", lang)),
        sum(t.members for t in tallies),
        sum(t.level2 for t in tallies),
        sum(t.activated for t in tallies),
        sum(t.linked for t in tallies),
    )
    columns = _unit_columns(lang)
    table = Table.of(columns, list(enumerate(tallies, start=1)))
    table.total = [None, total.unit.name, "", total.members, total.level2, total.activated,
                   total.linked, total.percent, None, "", ""]  # fmt: skip
    below = sum(t.below_target for t in tallies)
    note = tr("units.note", lang, below=below, count=len(tallies))
    section = Section(tr("units.section.summary", lang), table=table, note=note)
    return _frame(
        uow, tr("units.report.title", lang), tr("units.report.subject", lang),
        tr("units.report.as_of", lang, day=date_text(day, lang)), [section], lang, today=day,
        sheet=tr("units.report.sheet", lang), landscape=True,
    )  # fmt: skip


def build_unit_document(
    uow: UnitOfWork, tally: dt.UnitTally, lines: list[RosterLine], *, lang: str = "vi",
    today: date | None = None,
) -> ReportDocument:  # fmt: skip
    """One unit: its figures, then its members (those with something left first)."""
    day = today or local_today()
    summary = Table.of(_unit_columns(lang), [(1, tally)])

    def mark(flag: bool) -> str:
        return "✓" if flag else ""

    members = Table.of(
        [
            Column(tr("reports.col.no", lang), lambda x: x[0], CellKind.COUNT, 0.5),
            Column(_h("name", lang), lambda x: x[1].citizen.full_name, CellKind.TEXT, 2.6),
            Column(_h("birth_year", lang), lambda x: _year(x[1].citizen), CellKind.TEXT, 0.8),
            Column(_h("role", lang), lambda x: tr(f"units.role.{x[1].role.value}", lang),
                   CellKind.TEXT, 1.2),
            Column(tr("reports.col.level2", lang), lambda x: mark(x[1].level2), CellKind.TEXT),
            Column(_h("activated", lang), lambda x: mark(x[1].activated), CellKind.TEXT),
            Column(_h("linked", lang), lambda x: mark(x[1].linked), CellKind.TEXT),
        ],
        list(enumerate(lines, start=1)),
    )  # fmt: skip
    sections = [
        Section(tr("units.section.figures", lang), table=summary),
        Section(tr("units.section.members", lang), table=members),
    ]
    return _frame(
        uow, tr("units.report.title_one", lang), tally.unit.name,
        tr("units.report.as_of", lang, day=date_text(day, lang)), sections, lang, today=day,
        sheet=tr("units.report.sheet_one", lang), landscape=True,
    )  # fmt: skip


def write_units_report(
    uow: UnitOfWork, out: Path, *, fmt: str = "pdf", lang: str = "vi",
    today: date | None = None, actor: dm.User,
) -> list[dt.UnitTally]:  # fmt: skip
    """The summary across units as PDF or xlsx."""
    _check_format(fmt)
    tallies = unit_tallies(uow, actor=actor)
    save(build_units_document(uow, tallies, lang=lang, today=today), fmt, out)
    return tallies


def write_unit_report(
    uow: UnitOfWork, unit_name: str, out: Path, *, fmt: str = "pdf", lang: str = "vi",
    today: date | None = None, actor: dm.User,
) -> tuple[dt.UnitTally, list[RosterLine]]:  # fmt: skip
    """One unit's report with its members (personal data: police and admins only)."""
    _check_format(fmt)
    users.check(uow, actor, Action.EXPORT_PERSONAL_DATA)
    tally, lines = unit_roster(uow, unit_name, actor=actor)
    save(build_unit_document(uow, tally, lines, lang=lang, today=today), fmt, out)
    _log.info(
        "unit report exported: unit %s, %d members, %s, by user %s",
        tally.unit.id, len(lines), fmt, actor.id,
    )  # fmt: skip
    return tally, lines


def _year(citizen: dm.Citizen) -> str:
    return str(citizen.birth_date.year) if citizen.birth_date else ""


def _rate(part: int, whole: int | None) -> float | None:
    return None if not whole else round(100 * part / whole, 2)


def _period(start: date | None, end: date | None, lang: str) -> str:
    if start is None and end is None:
        return tr("teams.period.all", lang)
    return tr(
        "teams.period.range", lang,
        start=date_text(start, lang) if start else "…", end=date_text(end, lang) if end else "…",
    )  # fmt: skip


def _check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValidationError("reports.bad_format", value=fmt)

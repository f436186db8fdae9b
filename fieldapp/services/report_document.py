"""The report's description built from the figures (the model is `documents/report_model.py`).

The PDF and xlsx renderers (`fieldapp.documents.report_pdf`, `report_xlsx`) and the dashboard
draw the same description, so all say the same numbers in the same words. Cells keep their
type (int, percent, text); each renderer formats them its own way.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import NamedTuple

from fieldapp.documents.report_model import (
    Cell,
    CellKind,
    Column,
    ReportDocument,
    Section,
    Table,
)
from fieldapp.domain import model as dm
from fieldapp.domain.periods import Period, ReportKind
from fieldapp.i18n import tr
from fieldapp.i18n.formats import count_text, date_text, percent_text, place_date_text
from fieldapp.services.reports import (
    AGENCIES,
    AGENCY_OF_GROUP,
    NOT_CLASSIFIED,
    PAYMENT_CLASSES,
    UNKNOWN,
    Figures,
    Row,
    Tally,
    percent,
)

BY_CHOICES = ("village", "point", "group")


_PREFIXES = ("xã ", "phường ", "đặc khu ", "thị trấn ")


def place_name(commune_name: str) -> str:
    """The commune's name without 'Xã' / 'Phường' / 'Đặc khu': the place on the date line."""
    for prefix in _PREFIXES:
        if commune_name.casefold().startswith(prefix):
            return commune_name[len(prefix) :].strip()
    return commune_name


def issuer_name(commune_name: str) -> str:
    """'XÃ KIÊN BÌNH' from 'Xã Kiên Bình' (adds XÃ when the name has no level)."""
    if not any(commune_name.casefold().startswith(p) for p in _PREFIXES):
        commune_name = f"Xã {commune_name}"
    return commune_name.upper()


def period_text(period: Period, lang: str) -> str:
    """'Ngày 05/6/2026', 'Tuần từ ... đến ...', 'Đợt 1 (từ ... đến ...)'."""
    start, end = date_text(period.starts_on, lang), date_text(period.ends_on, lang)
    wave = period.wave.name if period.wave is not None else ""
    if period.wave is not None and period.ends_on < period.wave.ends_on:  # a wave so far
        whole_end = date_text(period.wave.ends_on, lang)
        return tr("reports.period.wave_so_far", lang, wave=wave, start=start, end=whole_end,
                  day=end)  # fmt: skip
    return tr(f"reports.period.{period.kind.value}", lang, day=end, start=start, end=end, wave=wave)


def _unit_name(row: Row, by: str, lang: str) -> str:
    if row.key == UNKNOWN:
        return tr(f"reports.unknown.{by}", lang)
    if by == "group":
        return tr(f"group.{row.key}", lang)
    return row.name


def build_document(
    figures: Figures,
    *,
    by: str = "village",
    lang: str = "vi",
    issued_on: date | None = None,
    agency: str | None = None,
    period_label: str | None = None,
) -> ReportDocument:
    """Describe the report of a period, split by village, point or beneficiary group.

    `period_label` replaces the period's words (the daily report's deadline-to-deadline
    window: "Từ 16:00 ngày 04/6/2026 đến 16:00 ngày 05/6/2026").
    """
    if by not in BY_CHOICES:
        from fieldapp.domain.errors import ValidationError

        raise ValidationError("reports.bad_by", value=by)
    period = figures.period
    when = issued_on or period.ends_on
    kind_title = "reports.title.final" if period.kind is ReportKind.FINAL else "reports.title"
    text_period = period_label or period_text(period, lang)
    agencies = [agency] if agency else list(AGENCIES)
    addressee = ""
    if by == "group" and agency:
        addressee = tr("reports.to_agency", lang, agency=tr(f"reports.agency.{agency}", lang))

    if not figures.has_data:
        total = figures.total.cumulative
        sections = [
            Section(
                heading="",
                paragraphs=[
                    tr("reports.no_data", lang, period=text_period),
                    tr(
                        "reports.no_data_cumulative",
                        lang,
                        linked=count_text(total.linked, lang),
                        level2=count_text(total.level2, lang),
                        rate=percent_text(total.key_indicator, lang),
                    ),
                ],
            )
        ]
    elif by == "group":
        sections = [_summary(figures, lang)]
        sections += [
            _agency_section(figures, code, number, lang)
            for number, code in enumerate(agencies, start=1)
        ]
    else:
        sections = [
            _summary(figures, lang),
            _units_section(figures, by, lang),
            _banks_section(figures, lang),
            _payment_section(figures, lang),
        ]

    recipients = [
        tr("reports.recipients", lang),
        tr("reports.recipient.province", lang),
        tr("reports.recipient.ubnd", lang),
    ]
    if by == "group":
        recipients += [
            tr("reports.recipient.agency", lang, agency=tr(f"reports.agency.{code}", lang))
            for code in agencies
        ]
    recipients.append(tr("reports.recipient.archive", lang))
    province = figures.province.upper() or "…"
    return ReportDocument(
        lang=lang,
        country=tr("reports.country", lang),
        motto=tr("reports.motto", lang),
        issuer_parent=tr("reports.issuer_parent", lang, province=province),
        issuer=tr("reports.issuer", lang, commune=issuer_name(figures.commune_name or "…")),
        number=tr("reports.number", lang),
        place_date=place_date_text(place_name(figures.commune_name or "…"), when, lang),
        title=tr(kind_title, lang),
        subject=tr("reports.subject", lang),
        period_text=text_period,
        addressee=addressee,
        sections=sections,
        signer=tr("reports.signer", lang),
        sign_note=tr("reports.sign_note", lang),
        recipients=recipients,
        has_data=figures.has_data,
        sheet_name=tr(f"reports.kind.{period.kind.value}", lang)[:31],
    )


def _summary(figures: Figures, lang: str) -> Section:
    total, new = figures.total.cumulative, figures.total.new
    paragraphs = [
        tr(
            "reports.summary_key",
            lang,
            linked=count_text(total.linked, lang),
            level2=count_text(total.level2, lang),
            rate=percent_text(total.key_indicator, lang),
            new_linked=count_text(new.linked, lang),
            approved=count_text(total.link_approved, lang),
            waiting=count_text(total.link_waiting, lang),
        ),
        tr(
            "reports.summary_activity",
            lang,
            visits=count_text(figures.visits_in_period, lang),
            visited=count_text(new.visited, lang),
            activated=count_text(new.activated, lang),
            opened=count_text(new.opened, lang),
        ),
    ]
    if figures.total.target:
        paragraphs.insert(
            1,
            tr(
                "reports.summary_target",
                lang,
                target=count_text(figures.total.target, lang),
                rate=percent_text(figures.total.target_reached, lang),
            ),
        )
    return Section(tr("reports.summary_heading", lang), paragraphs)


def units_table(figures: Figures, by: str, lang: str = "vi") -> Table:
    """The table of villages or points (also shown on the dashboard)."""
    section = _units_section(figures, by, lang)
    assert section.table is not None
    return section.table


def banks_table(figures: Figures, lang: str = "vi") -> Table:
    """Accounts opened at support points, by bank."""
    section = _banks_section(figures, lang)
    assert section.table is not None
    return section.table


def payment_table(figures: Figures, lang: str = "vi") -> Table:
    """Payment classification by beneficiary group, with each group's agency."""
    section = _payment_section(figures, lang)
    assert section.table is not None
    return section.table


class _Line(NamedTuple):
    """The source of one table row: its number (None on the total row), its name, its figures."""

    number: int | None
    name: str
    row: Row


def _units_section(figures: Figures, by: str, lang: str) -> Section:
    def h(name: str) -> str:
        return tr(f"reports.col.{name}", lang)

    def count(header: str, get: Callable[[_Line], Cell]) -> Column:
        return Column(h(header), get)

    def rate(header: str, get: Callable[[_Line], Cell]) -> Column:
        return Column(h(header), get, CellKind.PERCENT, 1.1)

    columns = [
        Column(h("no"), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(h(by), lambda x: x.name, CellKind.TEXT, 2.4),
        count("target", lambda x: x.row.target)
        if by == "village"
        else count("visited", lambda x: x.row.new.visited),
        count("level2", lambda x: x.row.cumulative.level2),
        count("activated_new", lambda x: x.row.new.activated),
        count("activated", lambda x: x.row.cumulative.activated),
        count("linked_new", lambda x: x.row.new.linked),
        count("waiting", lambda x: x.row.cumulative.link_waiting),
        count("approved", lambda x: x.row.cumulative.link_approved),
        count("linked", lambda x: x.row.cumulative.linked),
        rate("key", lambda x: x.row.cumulative.key_indicator),
    ]
    if by == "village":
        columns.append(rate("target_rate", lambda x: x.row.target_reached))
    columns += [
        count("opened_new", lambda x: x.row.new.opened),
        count("opened", lambda x: x.row.cumulative.opened),
    ]
    units = figures.rows(by)
    lines = [_Line(i, _unit_name(r, by, lang), r) for i, r in enumerate(units, start=1)]
    table = Table.of(columns, lines, _Line(None, tr("reports.total", lang), figures.total))
    note = tr("reports.point_note", lang) if by == "point" else ""
    return Section(tr(f"reports.section.{by}", lang), table=table, note=note)


class _BankLine(NamedTuple):
    number: int | None
    name: str
    new: int
    cumulative: int


def _banks_section(figures: Figures, lang: str) -> Section:
    new = figures.total.new.opened_by_bank
    cum = figures.total.cumulative.opened_by_bank
    names = list(dict.fromkeys([*figures.banks, *sorted(cum)]))
    columns = [
        Column(tr("reports.col.no", lang), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(tr("reports.col.bank", lang), lambda x: x.name, CellKind.TEXT, 3),
        Column(tr("reports.col.opened_new", lang), lambda x: x.new),
        Column(tr("reports.col.opened", lang), lambda x: x.cumulative),
    ]
    lines: list[_BankLine] = []
    for name in names:
        if name not in cum and name not in figures.banks:
            continue
        label = tr("reports.unknown_bank", lang) if name == "?" else name
        lines.append(_BankLine(len(lines) + 1, label, new.get(name, 0), cum.get(name, 0)))
    total = _BankLine(None, tr("reports.total", lang), sum(new.values()), sum(cum.values()))
    return Section(tr("reports.section.banks", lang), table=Table.of(columns, lines, total))


class _GroupLine(NamedTuple):
    """One beneficiary group's row (or the total: number None, agency blank)."""

    number: int | None
    name: str
    agency: str
    tally: Tally


def _paid_rate(tally: Tally) -> float | None:
    paid = tally.payment.get(dm.PaymentStatus.PAID_TO_ACCOUNT.value, 0)
    return percent(paid, sum(tally.payment.values()))


def _payment_columns(lang: str, *, with_agency: bool) -> list[Column]:
    def h(name: str) -> str:
        return tr(f"reports.col.{name}", lang)

    def payment(name: str) -> Callable[[_GroupLine], Cell]:
        return lambda x: x.tally.payment.get(name, 0)

    columns = [
        Column(h("no"), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(h("group"), lambda x: x.name, CellKind.TEXT, 2.6),
    ]
    if with_agency:
        columns.append(Column(h("agency"), lambda x: x.agency, CellKind.TEXT, 2.0))
    columns.append(Column(h("beneficiaries"), lambda x: sum(x.tally.payment.values())))
    columns += [Column(h(name), payment(name)) for name in PAYMENT_CLASSES]
    columns += [
        Column(h("paid_rate"), lambda x: _paid_rate(x.tally), CellKind.PERCENT, 1.1),
        Column(h("level2"), lambda x: x.tally.level2),
        Column(h("linked"), lambda x: x.tally.linked),
        Column(h("key"), lambda x: x.tally.key_indicator, CellKind.PERCENT, 1.1),
    ]
    return columns


def _group_table(
    figures: Figures, groups: set[dm.BeneficiaryGroup] | None, lang: str, *, with_agency: bool
) -> Table:
    """One row per beneficiary group (of `groups`, or all), and their total."""
    lines: list[_GroupLine] = []
    total = Tally()
    for row in figures.by_group:
        group = dm.BeneficiaryGroup(row.key)
        if groups is not None and group not in groups:
            continue
        agency = tr(f"reports.agency.{AGENCY_OF_GROUP[group]}", lang)
        lines.append(
            _GroupLine(len(lines) + 1, tr(f"group.{row.key}", lang), agency, row.cumulative)
        )
        total.merge(row.cumulative)
    columns = _payment_columns(lang, with_agency=with_agency)
    return Table.of(columns, lines, _GroupLine(None, tr("reports.total", lang), "", total))


def _payment_section(figures: Figures, lang: str) -> Section:
    table = _group_table(figures, None, lang, with_agency=True)
    return Section(tr("reports.section.payment", lang), table=table)


def _agency_section(figures: Figures, code: str, number: int, lang: str) -> Section:
    groups = {g for g, a in AGENCY_OF_GROUP.items() if a == code}
    table = _group_table(figures, groups, lang, with_agency=False)
    heading = tr(
        "reports.section.agency", lang, number=number, agency=tr(f"reports.agency.{code}", lang)
    )
    return Section(heading, table=table)


__all__ = ["BY_CHOICES", "NOT_CLASSIFIED", "ReportDocument", "build_document"]

"""The commune's daily report to one sector agency (seed 002 §11): its groups only.

`report daily --agency health` makes the People's Committee's report to the Department of
Health: the social-protection and social-pension beneficiaries, the three payment classes
(paid to account / has an account, not paid / no account) per group and per village, with
the agency's own issuing body, recipients and deadline (`report_settings`). The daily report
ends at the agency's deadline (14:00): what the desk recorded at 15:00 goes in tomorrow's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from fieldapp.documents.report_model import Cell, CellKind, Column, ReportDocument, Section, Table
from fieldapp.domain import model as dm
from fieldapp.domain.periods import Period, ReportKind
from fieldapp.domain.report_windows import Window, deadline_time, report_window
from fieldapp.i18n import tr
from fieldapp.i18n.formats import count_text, date_text, percent_text, place_date_text
from fieldapp.services.beneficiaries import UNKNOWN_VILLAGE
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.report_document import period_text, place_name
from fieldapp.services.report_settings import ReportSettings, report_settings
from fieldapp.services.report_timelines import NOT_CLASSIFIED, PAYMENT_CLASSES
from fieldapp.services.reports import AGENCY_OF_GROUP, percent
from fieldapp.services.standing import SAME, Standing, standing_counts
from fieldapp.services.unit_of_work import UnitOfWork

_PAID = dm.PaymentStatus.PAID_TO_ACCOUNT.value


@dataclass
class PaymentTally:
    """Beneficiaries of one row, by payment class, with the linked and level-2 counts.

    `new_*`: what changed inside the period (their standing at its end, not at its start):
    moved to paid to an account, an account recorded, a link submitted or approved.
    """

    payment: Counter[str] = field(default_factory=Counter)
    linked: int = 0
    level2: int = 0
    # of those paid to an account (issue 19): into their own, or into a proxy's or guardian's
    paid_own: int = 0
    paid_via_receiver: int = 0
    new_paid: int = 0
    new_account: int = 0
    new_linked: int = 0

    def add(self, one: Standing, before: Standing | None = SAME, count: int = 1) -> None:
        """Count `count` beneficiaries standing so at the period's end, `before` at its start.

        `before` None: not beneficiaries then; `SAME`: as at the end (nothing new). A negative
        count takes them out again.
        """
        self.payment[one.payment] += count
        self.linked += one.linked * count
        self.level2 += one.level2 * count
        if one.payment == _PAID:
            if one.through_receiver:
                self.paid_via_receiver += count
            else:
                self.paid_own += count
        if before is SAME:
            return
        if one.payment == _PAID and (before is None or before.payment != _PAID):
            self.new_paid += count
        if one.has_account and not (before is not None and before.has_account):
            self.new_account += count
        if one.linked and not (before is not None and before.linked):
            self.new_linked += count

    @property
    def new_total(self) -> int:
        """How many moved in the period on any of the three counts (for "nothing new")."""
        return self.new_paid + self.new_account + self.new_linked

    @property
    def total(self) -> int:
        """How many beneficiaries."""
        return sum(self.payment.values())

    @property
    def paid_rate(self) -> float | None:
        """Paid to an account, in percent of the beneficiaries."""
        return percent(self.payment.get(_PAID, 0), self.total)


@dataclass
class AgencyFigures:
    """One agency's beneficiaries at the end of a report's period."""

    agency: str
    groups: list[dm.BeneficiaryGroup]
    window: Window
    by_group: dict[dm.BeneficiaryGroup, PaymentTally]
    by_village: list[tuple[str, PaymentTally]]  # (village name or "", tally), store order
    total: PaymentTally


def groups_of(agency: str) -> list[dm.BeneficiaryGroup]:
    """The beneficiary groups reported to an agency, in the enum's order."""
    return [g for g in dm.BeneficiaryGroup if AGENCY_OF_GROUP[g] == agency]


def agency_figures(
    uow: UnitOfWork, agency: str, period: Period, settings: ReportSettings
) -> AgencyFigures:
    """Count the agency's beneficiaries as they stood at the end of the period.

    Read from the report projection (`standing.standing_counts`): the standing at the
    window's end, and at its start for what is new in the period.
    """
    window = report_window(period, deadline_time(settings.deadline), LOCAL_TZ)
    groups = groups_of(agency)
    counted = standing_counts(uow, window, groups)
    with uow:
        villages = [(str(v.id), v.name) for v in uow.repo.villages()]
    by_group = {g: PaymentTally() for g in groups}
    by_village_key: dict[str, PaymentTally] = {}
    total = PaymentTally()
    for one, before, count in counted:
        by_group[one.group].add(one, before, count)
        by_village_key.setdefault(one.village_key, PaymentTally()).add(one, before, count)
        total.add(one, before, count)
    by_village_key = {k: v for k, v in by_village_key.items() if v.total}  # all taken out
    by_village = [(name, by_village_key[key]) for key, name in villages if key in by_village_key]
    if UNKNOWN_VILLAGE in by_village_key:
        by_village.append(("", by_village_key[UNKNOWN_VILLAGE]))
    return AgencyFigures(agency, groups, window, by_group, by_village, total)


def window_text(figures: AgencyFigures, period: Period, lang: str) -> str:
    """'Từ 14:00 ngày 04/6/2026 đến 14:00 ngày 05/6/2026' for a day, else the period."""
    if period.kind is not ReportKind.DAILY:
        return period_text(period, lang)
    return moment_range_text(figures.window, lang)


def moment_range_text(window: Window, lang: str) -> str:
    """A deadline-to-deadline window in words."""
    start = window.starts_at.astimezone(LOCAL_TZ)
    end = window.ends_at.astimezone(LOCAL_TZ)
    return tr(
        "agency_report.window",
        lang,
        start_time=start.strftime("%H:%M"),
        start=date_text(start.date(), lang),
        end_time=end.strftime("%H:%M"),
        end=date_text(end.date(), lang),
    )


class _Line(NamedTuple):
    number: int | None
    name: str
    tally: PaymentTally


def _columns(unit: str, lang: str) -> list[Column]:
    def h(name: str) -> str:
        return tr(f"reports.col.{name}", lang)

    def klass(name: str) -> Callable[[_Line], Cell]:
        return lambda x: x.tally.payment.get(name, 0)

    return [
        Column(h("no"), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(h(unit), lambda x: x.name, CellKind.TEXT, 2.6),
        Column(h("beneficiaries"), lambda x: x.tally.total),
        *(Column(h(name), klass(name)) for name in PAYMENT_CLASSES),
        Column(tr("payments.col.paid_own", lang), lambda x: x.tally.paid_own),
        Column(tr("payments.col.paid_via_receiver", lang), lambda x: x.tally.paid_via_receiver),
        Column(h("paid_rate"), lambda x: x.tally.paid_rate, CellKind.PERCENT, 1.1),
        Column(h("level2"), lambda x: x.tally.level2),
        Column(tr("agency_report.col.linked", lang), lambda x: x.tally.linked),
    ]


def _new_columns(unit: str, lang: str) -> list[Column]:
    """What moved in the period: to paid to an account, an account, a link."""
    return [
        Column(tr("reports.col.no", lang), lambda x: x.number, CellKind.COUNT, 0.5),
        Column(tr(f"reports.col.{unit}", lang), lambda x: x.name, CellKind.TEXT, 2.6),
        Column(tr("reports.col.beneficiaries", lang), lambda x: x.tally.total),
        Column(tr("agency_period.col.new_paid", lang), lambda x: x.tally.new_paid, width=1.4),
        Column(tr("agency_period.col.new_account", lang), lambda x: x.tally.new_account),
        Column(tr("agency_period.col.new_linked", lang), lambda x: x.tally.new_linked),
    ]


def _table(
    unit: str,
    lines: Iterable[tuple[str, PaymentTally]],
    total: PaymentTally,
    lang: str,
    *,
    new: bool = False,
) -> Table:
    sources = [_Line(i, name, tally) for i, (name, tally) in enumerate(lines, start=1)]
    columns = _new_columns(unit, lang) if new else _columns(unit, lang)
    return Table.of(columns, sources, _Line(None, tr("reports.total", lang), total))


def _in_sentence(name: str) -> str:
    """A group's name inside a sentence: its first word lower case, acronyms kept (BHXH)."""
    first, _, rest = name.partition(" ")
    if first.isupper() and len(first) > 1:
        return name
    return f"{first[:1].lower()}{first[1:]}" + (f" {rest}" if rest else "")


def agency_document(
    figures: AgencyFigures,
    period: Period,
    settings: ReportSettings,
    commune: dm.Commune | None,
    *,
    issued_on: date,
    lang: str = "vi",
) -> ReportDocument:
    """The agency's report: a summary, then the classes per group and per village."""
    agency_name = tr(f"reports.agency.{figures.agency}", lang)
    group_names = ", ".join(_in_sentence(tr(f"group.{g.value}", lang)) for g in figures.groups)
    total = figures.total
    if total.total == 0:
        sections = [
            Section(
                "",
                [tr("agency_report.none", lang, agency=agency_name, groups=group_names)],
            )
        ]
    else:
        summary = tr(
            "agency_report.summary",
            lang,
            total=count_text(total.total, lang),
            paid=count_text(total.payment.get(_PAID, 0), lang),
            rate=percent_text(total.paid_rate, lang),
            not_paid=count_text(total.payment.get("has_account_not_paid", 0), lang),
            no_account=count_text(total.payment.get("no_account", 0), lang),
            unclassified=count_text(total.payment.get(NOT_CLASSIFIED, 0), lang),
            linked=count_text(total.linked, lang),
        )
        group_lines = [(tr(f"group.{g.value}", lang), figures.by_group[g]) for g in figures.groups]
        village_lines = [
            (name or tr("reports.unknown.village", lang), tally)
            for name, tally in figures.by_village
        ]
        in_period = tr(
            "agency_period.summary",
            lang,
            paid=count_text(total.new_paid, lang),
            account=count_text(total.new_account, lang),
            linked=count_text(total.new_linked, lang),
        )
        sections = [
            Section(tr("agency_report.section.summary", lang), [summary, in_period]),
            Section(
                tr("agency_report.section.groups", lang),
                table=_table("group", group_lines, total, lang),
            ),
            Section(
                tr("agency_report.section.villages", lang),
                table=_table("village", village_lines, total, lang),
                note=tr("agency_report.note", lang),
            ),
            Section(
                tr("agency_period.section.groups", lang),
                table=_table("group", group_lines, total, lang, new=True),
            ),
            Section(
                tr("agency_period.section.villages", lang),
                table=_table("village", village_lines, total, lang, new=True),
                note=tr("agency_period.note", lang),
            ),
        ]
    commune_name = commune.name if commune else "…"
    return ReportDocument(
        lang=lang,
        country=tr("reports.country", lang),
        motto=tr("reports.motto", lang),
        issuer_parent=settings.issuer_parent,
        issuer=settings.issuer,
        number=settings.number,
        place_date=place_date_text(place_name(commune_name), issued_on, lang),
        title=tr("reports.title", lang),
        subject=tr("agency_report.subject", lang, groups=group_names),
        period_text=window_text(figures, period, lang),
        addressee=tr("reports.to_agency", lang, agency=settings.addressee)
        if settings.addressee
        else "",
        sections=sections,
        signer=settings.signer_title,
        sign_note=tr("reports.sign_note", lang),
        recipients=[tr("reports.recipients", lang), *settings.recipients],
        has_data=total.total > 0,
        sheet_name=tr("agency_report.sheet", lang, agency=agency_name)[:31],
        signer_name=settings.signer_name,
    )


def build_agency_report(
    uow: UnitOfWork, agency: str, period: Period, *, issued_on: date, lang: str = "vi"
) -> ReportDocument:
    """Count and describe one agency's report (the caller checked the user may see reports)."""
    settings = report_settings(uow, f"agency.{agency}", lang)
    figures = agency_figures(uow, agency, period, settings)
    with uow:
        commune = next(iter(uow.repo.communes()), None)
    return agency_document(figures, period, settings, commune, issued_on=issued_on, lang=lang)

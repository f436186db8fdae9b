"""The province's daily report and its per-department extracts, as neutral documents.

Built from the same `ProvinceBoard` the dashboard shows; drawn by the commune reports'
renderers (`documents/report_pdf`, `report_xlsx`): national motto, issuing body (Công an tỉnh),
place and date, title, tables, signature block.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from fieldapp.documents.report_model import (
    Cell,
    CellKind,
    Column,
    ReportDocument,
    Section,
    Table,
)
from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.i18n import tr
from fieldapp.i18n.formats import count_text, date_text, percent_text, place_date_text
from fieldapp.services.clock import local_today
from fieldapp.services.province.figures import (
    BANDS,
    DEPARTMENTS,
    PAYMENT_COLUMNS,
    CommuneLine,
    GroupRates,
    ProvinceBoard,
    province_board,
)
from fieldapp.services.province.report_campaign import campaign_table
from fieldapp.services.report_output import save
from fieldapp.services.reports import percent
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import check as check_actor


def _h(name: str, lang: str) -> str:
    return tr(f"reports.col.{name}", lang)


def _count(counts_of: str, name: str, lang: str) -> Column:
    return Column(_h(counts_of, lang), lambda c: c.counts.get(name, 0))


def ranking_table(board: ProvinceBoard, lang: str = "vi") -> Table:
    """Every commune, ranked by linked / level 2, with its band and whether it reported."""
    columns = [
        Column(_h("no", lang), lambda c: c.rank, CellKind.COUNT, 0.5),
        Column(tr("province.col.commune", lang), lambda c: c.name, CellKind.TEXT, 2.4),
        _count("level2", "level2", lang),
        _count("activated", "activated", lang),
        _count("waiting", "link_waiting", lang),
        _count("approved", "link_approved", lang),
        _count("linked", "linked", lang),
        Column(_h("key", lang), lambda c: c.rate, CellKind.PERCENT, 1.1),
        Column(_h("linked_new", lang), lambda c: c.counts.get("new_linked", 0)),
        _count("opened", "opened", lang),
        Column(_h("paid_rate", lang), lambda c: c.paid_rate, CellKind.PERCENT, 1.1),
        Column(tr("province.col.band", lang), lambda c: _band_text(c, lang), CellKind.TEXT, 1.3),
        Column(
            tr("province.col.reported", lang),
            lambda c: _reported(c, board.day, lang),
            CellKind.TEXT,
            1.2,
        ),
    ]
    total = CommuneLine(None, tr("reports.total", lang), "", "", board.total, board.day, True)
    total.rank = None  # type: ignore[assignment]
    table = Table.of(columns, board.communes, total)
    if table.total is not None:
        table.total[-2] = table.total[-1] = None
    return table


def _band_text(line: CommuneLine, lang: str) -> str:
    return tr(f"province.band.{line.band}", lang)


def _reported(line: CommuneLine, day: date, lang: str) -> str:
    if line.last_day is None:
        return tr("province.never_reported", lang)
    if line.last_day == day:
        return tr("province.reported_yes", lang)
    return tr("province.reported_on", lang, day=date_text(line.last_day, lang))


def bands_table(board: ProvinceBoard, lang: str = "vi") -> Table:
    """How many communes in each band."""
    columns = [
        Column(
            tr("province.col.band", lang),
            lambda b: tr(f"province.band.{b[0]}", lang),
            CellKind.TEXT,
            2.5,
        ),
        Column(tr("province.col.communes", lang), lambda b: b[1]),
    ]
    return Table.of(columns, [(band, board.bands[band]) for band in BANDS])


def groups_table(
    board: ProvinceBoard, lang: str = "vi", groups: tuple[dm.BeneficiaryGroup, ...] | None = None
) -> Table:
    """Per beneficiary group: beneficiaries by payment class and the paid-to-account rate."""
    chosen = [g for g in board.groups if groups is None or g.group in groups]
    columns = [
        Column(
            tr("reports.col.group", lang),
            lambda g: tr(f"group.{g.group.value}", lang),
            CellKind.TEXT,
            2.6,
        ),
        Column(_h("beneficiaries", lang), lambda g: g.beneficiaries),
        *[Column(_h(n, lang), _payment_cell(n)) for n in PAYMENT_COLUMNS],
        Column(_h("paid_rate", lang), lambda g: g.paid_rate, CellKind.PERCENT, 1.1),
        Column(tr("province.col.zero_communes", lang), lambda g: g.zero_communes),
    ]
    return Table.of(columns, chosen)


def group_by_commune_table(
    board: ProvinceBoard, group: dm.BeneficiaryGroup, lang: str = "vi"
) -> Table:
    """One group's paid-to-account rate in every commune that reported beneficiaries of it."""
    rates = next(g for g in board.groups if g.group is group)
    lines = [c for c in board.communes if c.commune_id in rates.by_commune]
    lines.sort(key=lambda c: (_rate(rates.by_commune[c.commune_id]) or 0.0, c.name))

    def counts(c: CommuneLine) -> dict[str, int]:
        return rates.by_commune[c.commune_id]  # type: ignore[index]

    columns = [
        Column(tr("province.col.commune", lang), lambda c: c.name, CellKind.TEXT, 2.4),
        Column(_h("beneficiaries", lang), lambda c: _beneficiaries(counts(c))),
        *[Column(_h(n, lang), _commune_payment_cell(counts, n)) for n in PAYMENT_COLUMNS],
        Column(_h("paid_rate", lang), lambda c: _rate(counts(c)), CellKind.PERCENT, 1.1),
    ]
    return Table.of(columns, lines)


def _beneficiaries(counts: dict[str, int]) -> int:
    return sum(counts.get(n, 0) for n in PAYMENT_COLUMNS)


def _rate(counts: dict[str, int]) -> float | None:
    return percent(counts.get("paid_to_account", 0), _beneficiaries(counts))


def _payment_cell(name: str) -> Callable[[GroupRates], Cell]:
    return lambda g: g.counts.get(name, 0)


def _commune_payment_cell(
    counts: Callable[[CommuneLine], dict[str, int]], name: str
) -> Callable[[CommuneLine], Cell]:
    return lambda c: counts(c).get(name, 0)


def trend_table(board: ProvinceBoard, lang: str = "vi") -> Table:
    """The province's sums per day (from the communes that reported that day)."""
    columns = [
        Column(tr("province.col.day", lang), lambda t: date_text(t.day, lang), CellKind.TEXT, 1.2),
        Column(tr("province.col.communes", lang), lambda t: t.communes),
        Column(_h("level2", lang), lambda t: t.level2),
        Column(_h("linked", lang), lambda t: t.linked),
        Column(_h("key", lang), lambda t: t.rate, CellKind.PERCENT, 1.1),
    ]
    return Table.of(columns, board.trend)


def build_province_report(
    board: ProvinceBoard, *, lang: str = "vi", department: str | None = None
) -> ReportDocument:
    """The province's daily report, or one department's extract (its groups only)."""
    if department is not None and department not in DEPARTMENTS:
        raise ValidationError("province.bad_department", value=department)
    day_text = date_text(board.day, lang)
    summary = Section(
        tr("province.section.summary", lang),
        paragraphs=[
            tr(
                "province.summary_line",
                lang,
                linked=count_text(board.total.get("linked", 0), lang),
                level2=count_text(board.total.get("level2", 0), lang),
                rate=percent_text(board.rate, lang),
                communes=count_text(len(board.communes), lang),
                zero=board.bands["zero"],
                low=board.bands["low"],
                high=board.bands["high"],
            ),
            tr(
                "province.not_reported_line",
                lang,
                count=len(board.not_reported),
                total=len(board.communes),
                deadline=board.deadline,
                names=", ".join(c.name for c in board.not_reported[:40])
                + (" …" if len(board.not_reported) > 40 else ""),
            )
            if board.not_reported
            else tr("province.all_reported_line", lang, deadline=board.deadline),
        ],
    )
    if department is None:
        sections = [
            summary,
            Section(tr("province.section.bands", lang), table=bands_table(board, lang)),
            Section(tr("province.section.ranking", lang), table=ranking_table(board, lang)),
            Section(tr("province.section.groups", lang), table=groups_table(board, lang)),
            Section(tr("province.section.campaign", lang), table=campaign_table(board, lang)),
            Section(tr("province.section.trend", lang), table=trend_table(board, lang)),
        ]
        addressee = tr("province.addressee", lang)
    else:
        groups = DEPARTMENTS[department]
        sections = [
            Section(
                tr("province.section.groups_extract", lang), table=groups_table(board, lang, groups)
            )
        ]
        sections += [
            Section(
                tr("province.section.group_communes", lang, group=tr(f"group.{g.value}", lang)),
                table=group_by_commune_table(board, g, lang),
            )
            for g in groups
        ]
        addressee = tr("reports.to_agency", lang, agency=tr(f"reports.agency.{department}", lang))
    recipients = [tr("reports.recipients", lang), tr("province.recipient.head", lang)]
    if department is not None:
        recipients.append(
            tr("reports.recipient.agency", lang, agency=tr(f"reports.agency.{department}", lang))
        )
    recipients.append(tr("reports.recipient.archive", lang))
    province = board.province
    return ReportDocument(
        lang=lang,
        country=tr("reports.country", lang),
        motto=tr("reports.motto", lang),
        issuer_parent=tr("province.issuer_parent", lang, province=province.upper()),
        issuer=tr("province.issuer", lang),
        number=tr("province.number", lang),
        place_date=place_date_text(province, board.day, lang),
        title=tr("reports.title", lang),
        subject=tr("province.subject", lang),
        period_text=tr("reports.period.daily", lang, day=day_text),
        addressee=addressee,
        sections=sections,
        signer=tr("province.signer", lang),
        sign_note=tr("reports.sign_note", lang),
        recipients=recipients,
        has_data=any(c.last_day is not None for c in board.communes),
        sheet_name=tr("province.sheet", lang)[:31],
        landscape=True,
    )


def write_province_report(
    uow: UnitOfWork,
    target: Path,
    *,
    day: date | None = None,
    fmt: str = "pdf",
    lang: str = "vi",
    department: str | None = None,
    actor: dm.User,
) -> Path:
    """The province's daily report (or a department's extract) as a PDF or xlsx file."""
    check_actor(uow, actor, Action.VIEW_REPORTS)
    board = province_board(uow, day or local_today())
    save(build_province_report(board, lang=lang, department=department), fmt, target)
    return target


def dashboard_text(board: ProvinceBoard, lang: str = "vi") -> str:
    """The dashboard in a few lines, for the command line."""
    lines = [
        tr(
            "province.dashboard.line",
            lang,
            province=board.province,
            day=date_text(board.day, lang),
            linked=count_text(board.total.get("linked", 0), lang),
            level2=count_text(board.total.get("level2", 0), lang),
            rate=percent_text(board.rate, lang),
            reported=len(board.communes) - len(board.not_reported),
            communes=len(board.communes),
            deadline=board.deadline,
        ),
        "  ".join(f"{tr(f'province.band.{b}', lang)}: {board.bands[b]}" for b in BANDS),
    ]
    if board.past_deadline and board.not_reported:
        lines.append(
            tr(
                "province.dashboard.late",
                lang,
                deadline=board.deadline,
                count=len(board.not_reported),
            ),
        )
    for line in board.communes:
        lines.append(
            f"{line.rank:>4}. {line.name:<28} {percent_text(line.rate, lang):>8}  "
            f"{_reported(line, board.day, lang)}"
        )
    return "\n".join(lines)

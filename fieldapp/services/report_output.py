"""Make a report file, and the dashboard's data: the use cases the CLI and the desk call."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from io import BytesIO
from pathlib import Path

from fieldapp.domain import model as dm
from fieldapp.domain.deadlines import DeadlineProgress
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.periods import (
    Period,
    ReportKind,
    Wave,
    campaign_period,
    day_period,
    wave_on,
    wave_period,
)
from fieldapp.domain.permissions import Action
from fieldapp.domain.report_windows import Window, week_ending
from fieldapp.services import campaign, users
from fieldapp.services.campaign_targets import (
    apply_target_basis,
    deadline_progress,
    group_deadlines,
)
from fieldapp.services.clock import LOCAL_TZ, local_today, utc_now
from fieldapp.services.difficulties import Difficulties, compute_difficulties
from fieldapp.services.progress import NullProgress, Progress
from fieldapp.services.report_document import BY_CHOICES, ReportDocument, build_document
from fieldapp.services.report_sections import add_agency_difficulties, add_campaign_sections
from fieldapp.services.reports import UNKNOWN, Figures, PointActivity, compute_figures
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import report_queries as q

FORMATS = ("pdf", "xlsx")

TREND_DAYS = 14  # the dashboard's trend when today is in no wave


def resolve_period(
    uow: UnitOfWork, kind: str, day: date | None = None, wave_name: str | None = None
) -> Period:
    """The period a report covers: the day, its week, a wave (named or today's), or all."""
    try:
        report_kind = ReportKind(kind)
    except ValueError:
        raise ValidationError("reports.bad_kind", value=kind) from None
    day = day or local_today()
    if report_kind is ReportKind.DAILY:
        return day_period(day)
    if report_kind is ReportKind.WEEKLY:
        return week_ending(day)
    if report_kind is ReportKind.WAVE:
        if wave_name:
            return wave_so_far(campaign.wave_named(uow, wave_name), day)
        wave = wave_on(campaign.waves(uow), day)
        if wave is None:
            raise ValidationError("reports.no_wave", day=day.strftime("%d/%m/%Y"))
        return wave_so_far(wave, day)
    waves = campaign.waves(uow)
    with uow:
        first = q.first_event_day(uow.repo.session)
    starts = [d for d in (waves[0].starts_on if waves else None, first) if d is not None]
    return campaign_period(min(starts) if starts else day, day)


def wave_so_far(wave: Wave, day: date) -> Period:
    """A wave's report made on `day`: its local days up to that day, dated that day.

    A wave still running is reported up to the report's day, never up to a day still to come
    (as the weekly report is never dated a future Sunday); an ended wave, whole. Waves count
    whole local days (seed 001: "từ ngày … đến ngày …"), not deadline to deadline.
    """
    if wave.starts_on <= day < wave.ends_on:
        return Period(ReportKind.WAVE, wave.starts_on, day, wave)
    return wave_period(wave)


def build_report(
    uow: UnitOfWork,
    kind: str,
    *,
    day: date | None = None,
    wave_name: str | None = None,
    by: str = "village",
    lang: str = "vi",
    agency: str | None = None,
    progress: Progress | None = None,
    actor: dm.User,
) -> ReportDocument:
    """Compute the figures of the period and describe the report (the police, admins)."""
    users.check(uow, actor, Action.VIEW_REPORTS)
    if by not in BY_CHOICES:
        raise ValidationError("reports.bad_by", value=by)
    if day is None and kind == ReportKind.DAILY.value:  # the report in progress
        from fieldapp.domain.report_windows import deadline_time, report_day_at
        from fieldapp.services.report_settings import agency_code, report_settings

        which = "daily" if agency is None else f"agency.{agency_code(agency)}"
        deadline = deadline_time(report_settings(uow, which, lang).deadline)
        day = report_day_at(utc_now().astimezone(LOCAL_TZ), deadline)
    period = resolve_period(uow, kind, day, wave_name)
    issued = min(local_today(), period.ends_on)
    if agency is not None:  # the People's Committee's report to that agency (seed 002 §11)
        from fieldapp.services.agency_report import build_agency_report
        from fieldapp.services.report_settings import agency_code

        code = agency_code(agency)
        document = build_agency_report(uow, code, period, issued_on=issued, lang=lang)
        add_agency_difficulties(uow, document, period, code, lang=lang)  # its groups' own
        return document
    from fieldapp.services.report_settings import report_settings, with_settings

    found = report_settings(uow, period.kind.value, lang)
    progress = progress or NullProgress()
    label = None
    window = None
    if period.kind is ReportKind.DAILY:  # deadline to deadline, not the calendar day
        from fieldapp.domain.report_windows import deadline_time
        from fieldapp.services.agency_report import moment_range_text
        from fieldapp.services.report_window import daily_window_figures

        deadline = deadline_time(found.deadline)
        figures, window = daily_window_figures(uow, period.ends_on, deadline, progress=progress)
        label = moment_range_text(window, lang)
    else:
        figures = compute_figures(uow, period, progress=progress)
    apply_target_basis(uow, figures)  # a wave's target may be 100% of the eligible
    document = build_document(
        figures, by=by, lang=lang, agency=agency, issued_on=issued, period_label=label
    )
    if period.kind is ReportKind.FINAL and by != "group":  # waves side by side, narrative
        from fieldapp.services.final_report import build_final_report

        document = build_final_report(
            uow, period, figures, document, found, lang=lang, progress=progress
        )
    document = with_settings(document, found)
    between = None if window is None else (window.starts_at, window.ends_at)
    add_campaign_sections(uow, document, figures, lang=lang, between=between)  # issue 18
    return document


def render(document: ReportDocument, fmt: str, target: Path | BytesIO) -> None:
    """Draw the description as a PDF or an xlsx."""
    if fmt == "pdf":
        from fieldapp.documents.report_pdf import render_pdf

        render_pdf(document, target)
    elif fmt == "xlsx":
        from fieldapp.documents.report_xlsx import render_xlsx

        render_xlsx(document, target)
    else:
        raise ValidationError("reports.bad_format", value=fmt)


def write_report(
    uow: UnitOfWork,
    kind: str,
    out: Path,
    *,
    fmt: str = "pdf",
    day: date | None = None,
    wave_name: str | None = None,
    by: str = "village",
    lang: str = "vi",
    agency: str | None = None,
    progress: Progress | None = None,
    actor: dm.User,
) -> ReportDocument:
    """Make a report and write it atomically (temporary file, then rename)."""
    if fmt not in FORMATS:
        raise ValidationError("reports.bad_format", value=fmt)
    document = build_report(
        uow,
        kind,
        day=day,
        wave_name=wave_name,
        by=by,
        lang=lang,
        agency=agency,
        progress=progress,
        actor=actor,
    )
    save(document, fmt, out)
    return document


def save(document: ReportDocument, fmt: str, out: Path) -> None:
    """Render, then write atomically (temporary file, then rename): never half a file."""
    buffer = BytesIO()
    render(document, fmt, buffer)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(out.name + ".part")
    temporary.write_bytes(buffer.getvalue())
    temporary.replace(out)


@dataclass
class Dashboard:
    """What the police screen shows: figures up to today, the trend, the silent points."""

    today: date
    figures: Figures
    points: list[PointActivity]
    new_today: dict[str, int]
    # issue 18: the groups' deadlines on today, and today's difficulties (None: not computed)
    deadlines: list[DeadlineProgress] = field(default_factory=list)
    difficulties: Difficulties | None = None
    # the daily report `new_today` counts: deadline to deadline (issue 18 item 6)
    window: Window | None = None


def dashboard(
    uow: UnitOfWork,
    *,
    actor: dm.User,
    today: date | None = None,
    progress: Progress | None = None,
) -> Dashboard:
    """Figures from the start of today's wave (or the last two weeks) up to today."""
    users.check(uow, actor, Action.VIEW_REPORTS)
    today = today or local_today()
    wave = wave_on(campaign.waves(uow), today)
    if wave is not None:
        period = Period(ReportKind.WAVE, wave.starts_on, today, wave)
    else:
        period = Period(ReportKind.FINAL, today - timedelta(days=TREND_DAYS - 1), today)
    figures = compute_figures(uow, period, progress=progress or NullProgress())
    apply_target_basis(uow, figures)
    with uow:
        end_of_today = datetime.combine(today + timedelta(days=1), time(0), tzinfo=LOCAL_TZ)
        newest = q.newest_activity_per_point(uow.repo.session, end_of_today)
        known = {p.id: p.name for p in uow.repo.support_points()}
    # Every point the commune knows, not only those with visits: a point never heard from
    # is exactly the one the police must call.
    point_names = known | {uuid.UUID(r.key): r.name for r in figures.by_point if r.key != UNKNOWN}
    points = []
    for point_id, name in sorted(point_names.items(), key=lambda item: item[1]):
        seen = newest.get(point_id)
        local = None if seen is None else seen.astimezone(LOCAL_TZ)
        points.append(
            PointActivity(point_id, name, local, local is not None and local.date() == today)
        )
    # "today": what the daily report of the day has, from yesterday's deadline to today's;
    # on the real today after the deadline, the report in progress (tomorrow's) so far
    from fieldapp.domain.report_windows import daily_window, deadline_time, report_day_at
    from fieldapp.services.report_window import new_in_window

    deadline = deadline_time(figures.report_deadline)
    report_day = today
    if today == local_today():
        report_day = report_day_at(utc_now().astimezone(LOCAL_TZ), deadline)
    window = daily_window(report_day, deadline, LOCAL_TZ)
    new_today = new_in_window(uow, window, figures)
    deadlines = deadline_progress(figures, group_deadlines(uow), today)
    difficulties = compute_difficulties(uow, figures.period)  # the wave, as the figures
    return Dashboard(today, figures, points, new_today, deadlines, difficulties, window)


def since_text(board: Dashboard, lang: str = "vi") -> str:
    """Where the dashboard's "+N" start: 'từ 14:00 ngày 04/6/2026' (the daily report's)."""
    from fieldapp.i18n import tr
    from fieldapp.i18n.formats import date_text

    if board.window is None:
        return date_text(board.today, lang)
    start = board.window.starts_at.astimezone(LOCAL_TZ)
    return tr(
        "reports.dashboard.since",
        lang,
        time=start.strftime("%H:%M"),
        day=date_text(start.date(), lang),
    )


def dashboard_text(board: Dashboard, lang: str = "vi") -> str:
    """The dashboard as a few lines of text, for the CLI."""
    from fieldapp.i18n import tr
    from fieldapp.i18n.formats import count_text, date_text, day_month_time_text, percent_text

    total = board.figures.total.cumulative
    lines = [
        tr(
            "reports.dashboard.summary",
            lang,
            commune=board.figures.commune_name,
            today=date_text(board.today, lang),
            linked=count_text(total.linked, lang),
            level2=count_text(total.level2, lang),
            rate=percent_text(total.key_indicator, lang),
            activated=count_text(total.activated, lang),
            opened=count_text(total.opened, lang),
        ),
        tr("reports.dashboard.deadline", lang, deadline=board.figures.report_deadline),
    ]
    for row in board.figures.by_village:
        cum = row.cumulative
        lines.append(
            f"  {row.name}: {count_text(cum.linked, lang)}/{count_text(cum.level2, lang)} "
            f"({percent_text(cum.key_indicator, lang)}), {tr('reports.col.target', lang)} "
            f"{count_text(row.target, lang) if row.target is not None else '—'}"
        )
    silent = [p for p in board.points if not p.sent_today]
    lines.append(tr("reports.dashboard.silent", lang) + f": {len(silent)}")
    for point in silent:
        if point.newest is None:
            lines.append("  " + tr("reports.dashboard.never", lang, point=point.name))
        else:
            when = day_month_time_text(point.newest, lang)
            lines.append(
                "  " + tr("reports.dashboard.last_seen", lang, point=point.name, when=when)
            )
    return "\n".join(lines)

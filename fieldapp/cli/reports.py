"""Police desk commands: `report`, `dashboard` and `campaign` (waves, targets, deadline, banks)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import LazyChoice, lazy_modules
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.i18n.formats import date_text
from fieldapp.services.clock import local_today

if TYPE_CHECKING:
    from fieldapp.services import (
        beneficiary_file,
        campaign,
        report_document,
        report_output,
        report_settings,
        reports,
        settings,
    )
else:
    (beneficiary_file, campaign, report_document, report_output, report_settings, reports,
     settings) = lazy_modules("fieldapp.services", "beneficiary_file", "campaign",
                              "report_document", "report_output", "report_settings", "reports",
                              "settings")  # fmt: skip

pass_context = click.make_pass_decorator(CliContext)
_BY = LazyChoice(lambda: report_document.BY_CHOICES)
_AGENCY = LazyChoice(lambda: (*reports.AGENCIES, *report_settings.AGENCY_ALIASES))


def register(group: click.Group) -> None:
    """Add the police desk's commands to the `fieldapp` group."""
    group.add_command(report)
    group.add_command(report_settings_command)
    group.add_command(beneficiary_file_command)
    group.add_command(dashboard)
    group.add_command(campaign_group)
    from fieldapp.cli.campaign_targets import add_commands  # issue 18: deadlines, difficulties

    add_commands(campaign_group, group)


def parse_day(text: str) -> date:
    """2026-06-05 or 05/06/2026."""
    for pattern in ("%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.strptime(text.strip(), pattern).date()
        except ValueError:
            continue
    raise ValidationError("reports.bad_date", value=text)


def _day_option(value: str | None) -> date | None:
    return None if value is None else parse_day(value)


@click.command()
@click.argument("kind", type=click.Choice(["daily", "weekly", "wave", "final"]))
@click.option("--date", "day", default=None, help="Ngày báo cáo / Report date (2026-06-05).")
@click.option("--wave", "wave_name", default=None, help="Tên đợt / Wave name.")
@click.option(
    "--by",
    type=LazyChoice(lambda: report_document.BY_CHOICES),
    default="village",
    show_default=True,
)
@click.option(
    "--agency",
    type=_AGENCY,
    default=None,
    help="Báo cáo gửi một cơ quan / The report to one agency (health, home-affairs, "
    "social-insurance, education).",
)
@click.option("--format", "fmt", type=click.Choice(["pdf", "xlsx"]), default="pdf")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
@pass_context
def report(
    ctx: CliContext,
    kind: str,
    day: str | None,
    wave_name: str | None,
    by: str,
    agency: str | None,
    fmt: str,
    out: Path | None,
) -> None:
    """Lập báo cáo ngày/tuần/đợt/tổng kết / Make a daily, weekly, wave or final report."""
    when = _day_option(day)
    split = by if agency is None else agency.replace("_", "-")
    target = out or Path(f"bao-cao-{kind}-{split}-{(when or local_today()).isoformat()}.{fmt}")
    report_output.write_report(
        ctx.uow(),
        kind,
        target,
        fmt=fmt,
        day=when,
        wave_name=wave_name,
        by=by,
        lang=ctx.lang,
        agency=agency,
        actor=ctx.actor(Action.VIEW_REPORTS),
    )
    ctx.say("reports.written", path=str(target))


def _settings_kind(text: str) -> str:
    """'daily' … 'final', or an agency ('health', 'agency.health', 'social-insurance')."""
    if text in report_settings.POLICE_KINDS:
        return text
    return "agency." + report_settings.agency_code(text.removeprefix("agency."))


@click.command("report-settings")
@click.argument("kind")
@click.option("--issuer-parent", default=None, help="Cơ quan cấp trên / Parent body.")
@click.option("--issuer", default=None, help="Cơ quan ban hành / Issuing body.")
@click.option("--number", default=None, help="Số văn bản / Document number.")
@click.option("--addressee", default=None, help="Kính gửi / Addressed to.")
@click.option("--signer-title", default=None, help="Chức vụ người ký (\\n: xuống dòng).")
@click.option("--signer-name", default=None, help="Họ tên người ký / Signer's name.")
@click.option("--recipient", "recipients", multiple=True, help="Nơi nhận (mỗi dòng một lần).")
@click.option("--deadline", default=None, help="Hạn báo cáo / Deadline, HH:MM.")
@click.option(
    "--text",
    "texts",
    multiple=True,
    metavar="PART=FILE",
    help="Phần tường thuật (results, shortcomings, lessons, proposals) từ tệp UTF-8.",
)
@click.option("--reset", "resets", multiple=True, help="Trả mục về mặc định / Back to default.")
@pass_context
def report_settings_command(
    ctx: CliContext,
    kind: str,
    issuer_parent: str | None,
    issuer: str | None,
    number: str | None,
    addressee: str | None,
    signer_title: str | None,
    signer_name: str | None,
    recipients: tuple[str, ...],
    deadline: str | None,
    texts: tuple[str, ...],
    resets: tuple[str, ...],
) -> None:
    """Xem hoặc sửa thiết lập báo cáo / Show or change a report kind's settings."""
    chosen = _settings_kind(kind)
    changes: dict[str, object] = {
        name: value
        for name, value in (
            ("issuer_parent", issuer_parent),
            ("issuer", issuer),
            ("number", number),
            ("addressee", addressee),
            ("signer_title", None if signer_title is None else signer_title.replace("\\n", "\n")),
            ("signer_name", signer_name),
            ("deadline", deadline),
        )
        if value is not None
    }
    if recipients:
        changes["recipients"] = list(recipients)
    if texts:
        changes["narrative"] = {
            part.strip(): Path(file).read_text(encoding="utf-8-sig")
            for part, _, file in (t.partition("=") for t in texts)
        }
    for name in resets:
        changes[name] = None
    if changes:
        found = report_settings.save_report_settings(
            ctx.uow(), chosen, changes, actor=ctx.actor(Action.CAMPAIGN_SETTINGS)
        )
        ctx.say("report_settings.saved", kind=chosen)
    else:
        ctx.actor(Action.VIEW_REPORTS)
        found = report_settings.report_settings(ctx.uow(), chosen, ctx.lang)
    for name, value in report_settings.settings_as_dict(found).items():
        if isinstance(value, list):
            click.echo(f"{name}:")
            for line in value:
                click.echo(f"  {line}")
        elif isinstance(value, dict):
            for part, text in value.items():
                click.echo(f"{name}.{part}: {text}")
        else:
            click.echo(f"{name}: {value}")


@click.command("beneficiary-file")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True)
@click.option("--agency", type=_AGENCY, default=None, help="Chỉ nhóm của một cơ quan.")
@pass_context
def beneficiary_file_command(ctx: CliContext, out: Path, agency: str | None) -> None:
    """Danh sách đối tượng cho bộ phận chi trả (xlsx) / The social-affairs office's file."""
    made = beneficiary_file.write_beneficiary_file(
        ctx.uow(),
        out,
        agency=None if agency is None else report_settings.agency_code(agency),
        lang=ctx.lang,
        actor=ctx.actor(Action.EXPORT_PERSONAL_DATA),
    )
    ctx.say("beneficiary_file.written", count=len(made.rows), path=str(out))


@click.command()
@click.option("--date", "day", default=None, help="Ngày / Day (default: today).")
@pass_context
def dashboard(ctx: CliContext, day: str | None) -> None:
    """Tóm tắt bảng điều hành / The dashboard as text."""
    board = report_output.dashboard(
        ctx.uow(), today=_day_option(day), actor=ctx.actor(Action.VIEW_REPORTS)
    )
    click.echo(report_output.dashboard_text(board, ctx.lang))


@click.group("campaign")
def campaign_group() -> None:
    """Thiết lập chiến dịch: đợt, chỉ tiêu, hạn báo cáo, ngân hàng / Campaign settings."""


@campaign_group.group("wave")
def wave_group() -> None:
    """Các đợt / Waves."""


@wave_group.command("add")
@click.argument("name")
@click.argument("start")
@click.argument("end")
@pass_context
def wave_add(ctx: CliContext, name: str, start: str, end: str) -> None:
    """Thêm đợt TÊN BẮT_ĐẦU KẾT_THÚC / Add a wave NAME START END."""
    wave = campaign.add_wave(
        ctx.uow(),
        name,
        parse_day(start),
        parse_day(end),
        actor=ctx.actor(Action.CAMPAIGN_SETTINGS),
    )
    ctx.say(
        "reports.wave_added",
        name=wave.name,
        start=date_text(wave.starts_on, ctx.lang),
        end=date_text(wave.ends_on, ctx.lang),
    )


@wave_group.command("list")
@pass_context
def wave_list(ctx: CliContext) -> None:
    """Liệt kê các đợt / List the waves."""
    waves = campaign.waves(ctx.uow())
    if not waves:
        ctx.say("reports.no_waves")
    for wave in waves:
        ctx.say(
            "reports.wave_line",
            name=wave.name,
            start=date_text(wave.starts_on, ctx.lang),
            end=date_text(wave.ends_on, ctx.lang),
        )


@wave_group.command("remove")
@click.argument("name")
@pass_context
def wave_remove(ctx: CliContext, name: str) -> None:
    """Xóa đợt / Remove a wave."""
    wave = campaign.remove_wave(ctx.uow(), name, actor=ctx.actor(Action.CAMPAIGN_SETTINGS))
    ctx.say("reports.wave_removed", name=wave.name)


@campaign_group.group("target")
def target_group() -> None:
    """Chỉ tiêu theo thôn / Targets per village."""


@target_group.command("set")
@click.argument("village")
@click.argument("value", type=int)
@pass_context
def target_set(ctx: CliContext, village: str, value: int) -> None:
    """Đặt chỉ tiêu tích hợp của thôn / Set a village's target of linked accounts."""
    name = campaign.set_target(ctx.uow(), village, value, actor=ctx.actor(Action.CAMPAIGN_SETTINGS))
    ctx.say("reports.target_saved", village=name, value=value)


@campaign_group.command("deadline")
@click.argument("hour")
@pass_context
def deadline(ctx: CliContext, hour: str) -> None:
    """Hạn báo cáo hằng ngày, ví dụ 14:00 / Daily report deadline, e.g. 14:00."""
    ctx.say(
        "reports.deadline_saved",
        value=campaign.set_report_deadline(
            ctx.uow(), hour, actor=ctx.actor(Action.CAMPAIGN_SETTINGS)
        ),
    )


@campaign_group.command("banks")
@click.argument("names", nargs=-1)
@pass_context
def banks(ctx: CliContext, names: tuple[str, ...]) -> None:
    """Xem hoặc đặt các ngân hàng / Show or set the banks in use."""
    chosen = (
        settings.set_banks(ctx.uow(), list(names), actor=ctx.actor(Action.POINT_SETTINGS))
        if names
        else settings.banks(ctx.uow())
    )
    click.echo(", ".join(chosen))

"""Province commands: the commune's summary for the province, and the province's own desk."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import lazy_module, lazy_modules
from fieldapp.cli.sync import print_import_report
from fieldapp.domain.permissions import Action

if TYPE_CHECKING:
    from fieldapp.services import sync
    from fieldapp.services.province import (
        commune_keys,
        communes,
        figures,
        importing,
        report,
        summary_export,
    )
    from fieldapp.sync.keys import Keyring
else:
    sync = lazy_module("fieldapp.services.sync")
    (commune_keys, communes, figures, importing, report, summary_export) = lazy_modules(
        "fieldapp.services.province", "commune_keys", "communes", "figures", "importing",
        "report", "summary_export")  # fmt: skip

pass_context = click.make_pass_decorator(CliContext)


def register(group: click.Group) -> None:
    """Add `export-summary`, `keys import-province-card` and `province ...`."""
    group.add_command(export_summary)
    group.add_command(province)
    keys = group.commands.get("keys")
    if isinstance(keys, click.Group):
        keys.add_command(import_province_card)


def _keyring(ctx: CliContext) -> Keyring:
    ctx.engine  # noqa: B018 - the private keys live in the (unlocked) store
    return sync.keyring_for(ctx.db_url)


def _day(value: str | None):  # noqa: ANN202 - a date, parsed like the reports' --date
    from fieldapp.cli.reports import parse_day

    return None if value is None else parse_day(value)


@click.command("export-summary")
@click.option("--to", "folder", type=click.Path(path_type=Path), default=Path("."))
@click.option(
    "--date", "days", multiple=True, help="Ngày (lặp lại; mặc định hôm nay) / Day (repeat)."
)
@pass_context
def export_summary(ctx: CliContext, folder: Path, days: tuple[str, ...]) -> None:
    """Công an xã: gói tổng hợp số liệu gửi tỉnh / Police: the summary for the province."""
    result = summary_export.export_summary(
        ctx.uow(),
        _keyring(ctx),
        folder,
        days=[_day(d) for d in days] or None,
        actor=ctx.actor(Action.EXPORT_SUMMARY),
    )
    ctx.say("summary.exported", file=str(result.path), sequence=result.sequence)


@click.command("import-province-card")
@click.argument("card", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--fingerprint", default=None, help="Mã khóa đọc từ tỉnh / Fingerprint to compare.")
@pass_context
def import_province_card(ctx: CliContext, card: Path, fingerprint: str | None) -> None:
    """Công an xã: nhận thẻ khóa của Công an tỉnh / Police: trust the province's key card."""
    public = summary_export.import_province_card(
        ctx.uow(), _keyring(ctx), card, fingerprint=fingerprint,
        actor=ctx.actor(Action.MANAGE_KEYS),
    )  # fmt: skip
    ctx.say("summary.province_card_imported", name=public.name, fingerprint=public.fingerprint)


@click.group()
def province() -> None:
    """Công an tỉnh: các xã, đăng ký, nhập tổng hợp, báo cáo / The province desk."""


@province.command("import-communes")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@pass_context
def import_communes(ctx: CliContext, path: Path) -> None:
    """Nhập danh sách đơn vị hành chính / Import the list of administrative units."""
    done = communes.import_communes(ctx.uow(), path, actor=ctx.actor(Action.PROVINCE_SETTINGS))
    ctx.say("province.communes_imported", file=done.file, added=done.added, known=done.known)


@province.command("communes")
@pass_context
def list_communes(ctx: CliContext) -> None:
    """Các xã, khóa (đã đăng ký / thu hồi) và gói đang giữ / Communes, keys, held summaries."""
    found = commune_keys.commune_keys(ctx.uow(), actor=ctx.actor(Action.PROVINCE_SETTINGS))
    for info in found.communes:
        status = ctx.text(f"province.keys.status.{info.status}")
        ctx.say("province.commune_line", code=info.code, name=info.name, status=status,
                fingerprint=info.fingerprint or "-")  # fmt: skip
    for held in found.held:
        ctx.say("province.held_line", file=held.file_name, sender=held.sender,
                fingerprint=held.fingerprint)  # fmt: skip


@province.command("revoke")
@click.argument("commune")
@pass_context
def revoke(ctx: CliContext, commune: str) -> None:
    """Thu hồi khóa của một xã (mã xã, tên hoặc mã khóa) / Revoke a commune's key."""
    info = commune_keys.revoke_commune(
        ctx.uow(), commune, actor=ctx.actor(Action.PROVINCE_SETTINGS)
    )
    ctx.say("province.keys.revoked", name=info.name, fingerprint=info.fingerprint)


@province.command("deadline")
@click.argument("hour", required=False)
@pass_context
def deadline(ctx: CliContext, hour: str | None) -> None:
    """Hạn tổng hợp hằng ngày, ví dụ 17:00 / The daily deadline (shown without HOUR)."""
    from fieldapp.services.province import setup

    if hour is None:
        ctx.actor(Action.VIEW_REPORTS)
        click.echo(setup.report_deadline(ctx.uow()))
        return
    saved = setup.set_report_deadline(ctx.uow(), hour, actor=ctx.actor(Action.PROVINCE_SETTINGS))
    ctx.say("province.keys.deadline_saved", value=saved)


@province.command("enrol")
@click.argument("card", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--commune", default=None, help="Mã hoặc tên xã trong danh sách / Code or name.")
@click.option("--fingerprint", default=None, help="Mã khóa đọc từ xã / Fingerprint to compare.")
@pass_context
def enrol(ctx: CliContext, card: Path, commune: str | None, fingerprint: str | None) -> None:
    """Đăng ký khóa của một xã / Enrol a commune police's key card."""
    actor = ctx.actor(Action.PROVINCE_SETTINGS)
    info, public = communes.enrol_commune(
        ctx.uow(), card, commune=commune, fingerprint=fingerprint, actor=actor
    )
    ctx.say("province.enrolled", name=info.name, fingerprint=public.fingerprint)
    held = importing.accept_held(ctx.uow(), _keyring(ctx), public.key_id.hex(), actor=actor)
    print_import_report(ctx, held, per_sender=False)


@province.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@pass_context
def import_summaries(ctx: CliContext, paths: tuple[Path, ...]) -> None:
    """Nhập các gói tổng hợp của xã / Import communes' summary bundles."""
    done = importing.import_summaries(
        ctx.uow(), _keyring(ctx), paths, actor=ctx.actor(Action.IMPORT_SUMMARIES)
    )
    print_import_report(ctx, done, per_sender=False, exit_if_refused=True)


@province.command("dashboard")
@click.option("--date", "day", default=None, help="Ngày / Day (default: today).")
@pass_context
def dashboard(ctx: CliContext, day: str | None) -> None:
    """Bảng điều hành của tỉnh / The province dashboard as text."""
    from fieldapp.services.clock import local_today

    ctx.actor(Action.VIEW_REPORTS)
    board = figures.province_board(ctx.uow(), _day(day) or local_today())
    click.echo(report.dashboard_text(board, ctx.lang))


@province.command("report")
@click.option("--date", "day", default=None, help="Ngày báo cáo / Report date.")
@click.option(
    "--department",
    type=click.Choice(["social_security", "home_affairs", "health", "education"]),
    default=None,
    help="Trích xuất cho một sở, ngành / One department's extract.",
)
@click.option("--format", "fmt", type=click.Choice(["pdf", "xlsx"]), default="pdf")
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None)
@pass_context
def province_report(
    ctx: CliContext, day: str | None, department: str | None, fmt: str, out: Path | None
) -> None:
    """Báo cáo ngày của tỉnh / The province's daily report."""
    from fieldapp.services.clock import local_today

    when = _day(day) or local_today()
    target = out or Path(f"bao-cao-tinh-{department or 'ngay'}-{when.isoformat()}.{fmt}")
    report.write_province_report(
        ctx.uow(), target, day=when, fmt=fmt, lang=ctx.lang, department=department,
        actor=ctx.actor(Action.VIEW_REPORTS),
    )  # fmt: skip
    ctx.say("reports.written", path=str(target))

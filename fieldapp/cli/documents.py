"""`fieldapp print ...`: guide sheet, leaflet, a citizen's slip, a village's slips and door list."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import lazy_module
from fieldapp.domain.permissions import Action

if TYPE_CHECKING:
    from fieldapp.documents import content, pdf
    from fieldapp.services import documents, door_list
else:
    content = lazy_module("fieldapp.documents.content")
    pdf = lazy_module("fieldapp.documents.pdf")
    documents = lazy_module("fieldapp.services.documents")
    door_list = lazy_module("fieldapp.services.door_list")

pass_context = click.make_pass_decorator(CliContext)

_OUT = click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Tệp PDF cần lưu / PDF file to write.",
)
_GUIDE = click.option(
    "--guide",
    "guide_file",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Tệp nội dung hướng dẫn (TOML) thay cho tệp mặc định / Guide text file (TOML).",
)
_ROLL = click.option("--roll", is_flag=True, help="Giấy cuộn 80 mm / 80 mm receipt roll.")


def register(group: click.Group) -> None:
    """Add the `print` group to the `fieldapp` group."""
    group.add_command(print_group)


@click.group("print")
def print_group() -> None:
    """In phiếu hướng dẫn, tờ rơi, phiếu hẹn / Print guide sheets, leaflets and slips."""


def _save(ctx: CliContext, rendered: documents.RenderedDocument, out: Path) -> None:
    pdf.write_pdf(rendered.pdf, out)
    ctx.say("documents.written", pages=rendered.pages, path=str(out))


@print_group.command("guide")
@_OUT
@_GUIDE
@pass_context
def guide(ctx: CliContext, out: Path, guide_file: Path | None) -> None:
    """Phiếu hướng dẫn A4 / The A4 guide sheet."""
    document = documents.build_guide(ctx.uow(), guide_file=guide_file)
    _save(ctx, documents.render(document), out)


@print_group.command("leaflet")
@_OUT
@_GUIDE
@pass_context
def leaflet(ctx: CliContext, out: Path, guide_file: Path | None) -> None:
    """Tờ rơi: 2 tờ A5 trên một trang A4 ngang / Leaflet: two A5 on an A4 landscape page."""
    document = documents.build_leaflet(ctx.uow(), guide_file=guide_file)
    _save(ctx, documents.render(document), out)


@print_group.command("slip")
@click.option("--id", "personal_id", required=True, help="Số định danh cá nhân / Personal ID.")
@_ROLL
@_OUT
@_GUIDE
@pass_context
def slip(ctx: CliContext, personal_id: str, roll: bool, out: Path, guide_file: Path | None) -> None:
    """Phiếu hẹn của một công dân / One citizen's slip."""
    ctx.actor(Action.PRINT_SLIPS)  # a slip names a citizen
    document = documents.build_slip(ctx.uow(), personal_id, roll=roll, guide_file=guide_file)
    _save(ctx, documents.render(document, slips=1), out)


@print_group.command("slips")
@click.option("--village", required=True, help="Tên thôn / Village name.")
@_ROLL
@_OUT
@_GUIDE
@pass_context
def slips(ctx: CliContext, village: str, roll: bool, out: Path, guide_file: Path | None) -> None:
    """Phiếu hẹn cho mọi người trong thôn còn thiếu bước / Slips for a village's home visits."""
    ctx.actor(Action.PRINT_SLIPS)
    rendered = documents.village_slips(ctx.uow(), village, roll=roll, guide_file=guide_file)
    _save(ctx, rendered, out)


@print_group.command("door-list")
@click.option("--village", required=True, help="Tên thôn / Village name.")
@click.option("--show-phones", is_flag=True, help="In đủ số điện thoại / Print full phone numbers.")
@click.option("--format", "fmt", type=click.Choice(["pdf", "xlsx"]), default="pdf")
@click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def door_list_command(
    ctx: CliContext, village: str, show_phones: bool, fmt: str, out: Path
) -> None:
    """Danh sách đến từng hộ của một thôn / A village's door-to-door list (police, admin)."""
    found = door_list.write_door_list(
        ctx.uow(),
        village,
        out,
        fmt=fmt,
        show_phones=show_phones,
        lang=ctx.lang,
        actor=ctx.actor(Action.EXPORT_PERSONAL_DATA),
    )
    ctx.say("door_list.written", people=len(found.rows), village=found.village.name, path=str(out))


@print_group.command("point-info")
@click.option("--days", default="2-8", show_default=True, help="Ngày mở cửa / Opening days.")
@click.option("--hours", default="", help="Giờ mở cửa / Opening hours, e.g. 7:30-11:00.")
@click.option("--contact", default="", help="Liên hệ / Contact (name, phone).")
@pass_context
def point_info(ctx: CliContext, days: str, hours: str, contact: str) -> None:
    """Ngày, giờ mở cửa và liên hệ in trên phiếu / Opening days, hours, contact to print."""
    info = documents.set_point_info(
        ctx.uow(),
        opening_days=content.parse_opening_days(days),
        hours=hours,
        contact=contact,
        actor=ctx.actor(Action.POINT_SETTINGS),
    )
    ctx.say("documents.point_saved", point=info.name, schedule=info.schedule_text)


@print_group.command("guide-file")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@pass_context
def guide_file(ctx: CliContext, path: Path) -> None:
    """Dùng tệp nội dung hướng dẫn của xã từ nay / Use the commune's guide text file from now on."""
    texts = documents.set_guide_file(ctx.uow(), path, actor=ctx.actor(Action.POINT_SETTINGS))
    ctx.say("documents.guide_file_set", path=texts.source, codes=len(texts.qr))

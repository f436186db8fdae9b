"""Sync commands: keys, enrolment, exporting a bundle to a stick, importing bundles."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import lazy_module
from fieldapp.domain.permissions import Action
from fieldapp.sync.drives import removable_drives
from fieldapp.sync.errors import SyncError

if TYPE_CHECKING:
    from fieldapp.services import sync
    from fieldapp.sync import card_page
    from fieldapp.sync.keys import Keyring
else:
    sync = lazy_module("fieldapp.services.sync")
    card_page = lazy_module("fieldapp.sync.card_page")

pass_context = click.make_pass_decorator(CliContext)


def register(group: click.Group) -> None:
    """Add `keys ...`, `export-bundle`, `import-bundles` and `export-lists`."""
    group.add_command(keys)
    group.add_command(export_bundle)
    group.add_command(import_bundles)
    group.add_command(export_lists)


def _keyring(ctx: CliContext) -> Keyring:
    # The private keys live inside the encrypted store: unlock it first (a fresh process, as
    # `keys export-card` run on its own, has no key in memory yet).
    ctx.engine  # noqa: B018
    return sync.keyring_for(ctx.db_url)


@click.group()
def keys() -> None:
    """Khóa đồng bộ / Sync keys: tạo, thẻ khóa, đăng ký điểm."""


@keys.command("init-commune")
@click.option("--name", default=None, help="Tên hiển thị / Display name (Công an xã ...).")
@pass_context
def init_commune(ctx: CliContext, name: str | None) -> None:
    """Công an xã: tạo cặp khóa của xã (một lần) / Police: create the commune keys (once)."""
    public = sync.create_commune_keys(
        ctx.uow(), _keyring(ctx), name=name, actor=ctx.actor(Action.MANAGE_KEYS)
    )
    ctx.say("sync.keys_created", name=public.name, fingerprint=public.fingerprint)


@keys.command("init-point")
@pass_context
def init_point(ctx: CliContext) -> None:
    """Điểm hỗ trợ: tạo khóa của điểm / Support point: create this point's keys."""
    public = sync.ensure_point_keys(ctx.uow(), _keyring(ctx))
    ctx.say("sync.keys_created", name=public.name, fingerprint=public.fingerprint)


@keys.command("export-card")
@click.option("--to", "folder", type=click.Path(path_type=Path), default=Path("."))
@click.option("--pdf", is_flag=True, help="Cả trang in (mã khóa + QR) / Also a printable page.")
@pass_context
def export_card(ctx: CliContext, folder: Path, pdf: bool) -> None:
    """Ghi thẻ khóa (khóa công khai + mã khóa) / Write this computer's key card."""
    path = sync.export_key_card(_keyring(ctx), folder)
    public = _keyring(ctx).load().public
    ctx.say("sync.card_written", file=str(path))
    if pdf:
        page = card_page.write_card_page(public, path.with_suffix(".pdf"), lang=ctx.lang)
        ctx.say("sync.card_page_written", file=str(page))
    ctx.say("sync.own_fingerprint", fingerprint=public.fingerprint)


@keys.command("import-card")
@click.argument("card", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--fingerprint", default=None, help="Mã khóa đọc từ Công an xã / As read out.")
@pass_context
def import_card(ctx: CliContext, card: Path, fingerprint: str | None) -> None:
    """Điểm hỗ trợ: nhận thẻ khóa của Công an xã / Point: import the police's key card."""
    public = sync.import_commune_card(
        ctx.uow(),
        _keyring(ctx),
        card,
        fingerprint=fingerprint,
        actor=ctx.actor(Action.POINT_SETTINGS),
    )
    ctx.say("sync.card_imported", name=public.name, fingerprint=public.fingerprint)


@keys.command("enrol")
@click.argument("card", required=False, type=click.Path(path_type=Path, dir_okay=False))
@click.option("--fingerprint", default=None, help="Mã khóa trên màn hình của điểm.")
@click.option(
    "--village", "villages", multiple=True, help="Thôn nhận danh sách (lặp lại) / Village(s)."
)
@pass_context
def enrol(
    ctx: CliContext, card: Path | None, fingerprint: str | None, villages: tuple[str, ...]
) -> None:
    """Công an xã: đăng ký một điểm (thẻ khóa hoặc mã khóa) / Police: enrol a point."""
    public, report = sync.enrol_point(
        ctx.uow(),
        _keyring(ctx),
        card_path=card,
        fingerprint=fingerprint,
        actor=ctx.actor(Action.MANAGE_KEYS),
        villages=villages,
    )
    ctx.say("sync.enrolled", name=public.name, fingerprint=public.fingerprint)
    if not villages:
        ctx.say("sync.enrolled_no_village", fingerprint=public.fingerprint)
    if report.files:
        print_import_report(ctx, report)


@keys.command("villages")
@click.argument("fingerprint")
@click.option("--village", "villages", multiple=True, required=True, help="Thôn (lặp lại).")
@pass_context
def villages(ctx: CliContext, fingerprint: str, villages: tuple[str, ...]) -> None:
    """Công an xã: chọn thôn nhận danh sách của một điểm / Police: a point's village(s)."""
    info = sync.set_point_villages(
        ctx.uow(), fingerprint, villages, actor=ctx.actor(Action.MANAGE_KEYS)
    )
    ctx.say("sync.villages_set", name=info.name, villages=", ".join(villages))


@keys.command("revoke")
@click.argument("fingerprint")
@pass_context
def revoke(ctx: CliContext, fingerprint: str) -> None:
    """Công an xã: thu hồi khóa của một điểm / Police: revoke a point's key."""
    info = sync.revoke_point(ctx.uow(), fingerprint, actor=ctx.actor(Action.MANAGE_KEYS))
    ctx.say("sync.revoked", name=info.name, fingerprint=info.fingerprint)


@keys.command("show")
@pass_context
def show(ctx: CliContext) -> None:
    """Mã khóa của máy này, các khóa tin cậy, gói đang giữ / Keys, peers, held bundles."""
    overview = sync.keys_overview(ctx.uow(), _keyring(ctx))
    if overview.own is None:
        raise SyncError("sync.no_keys")
    ctx.say("sync.own_fingerprint", fingerprint=overview.own.fingerprint)
    click.echo(f"  {overview.own.name}")
    for peer in overview.peers:
        ctx.say(
            "sync.peer_line",
            fingerprint=peer.fingerprint,
            name=peer.name,
            status=ctx.text(f"sync.status_{peer.status}"),
        )
    for held in overview.held:
        ctx.say(
            "sync.held_line",
            fingerprint=held.fingerprint,
            sender=held.sender,
            sequence=held.sequence,
            file=held.file_name,
        )


@click.command("export-bundle")
@click.option("--all", "everything", is_flag=True, help="Xuất tất cả / Everything, not just new.")
@click.option("--to", "folder", type=click.Path(path_type=Path), default=None)
@pass_context
def export_bundle(ctx: CliContext, everything: bool, folder: Path | None) -> None:
    """Điểm hỗ trợ: xuất gói đồng bộ ra USB / Point: export a sync bundle to a stick."""
    if folder is None:
        drives = removable_drives()
        if len(drives) != 1:
            raise SyncError("sync.choose_folder", count=len(drives))
        folder = drives[0]
    keyring = _keyring(ctx)
    sync.ensure_point_keys(ctx.uow(), keyring)
    result = sync.export_bundle(
        ctx.uow(), keyring, folder, everything=everything, actor=ctx.actor(Action.EXPORT_BUNDLE)
    )
    if not result.written:
        ctx.say("sync.nothing_to_export")
        return
    assert result.path is not None
    ctx.say(
        "sync.safe_to_remove",
        sequence=result.sequence,
        events=result.events,
        file=", ".join(str(p) for p in result.paths),
    )


@click.command("import-bundles")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path, exists=True))
@pass_context
def import_bundles(ctx: CliContext, paths: tuple[Path, ...]) -> None:
    """Nhập các gói (tệp hoặc cả thư mục/USB) / Import bundles (files or whole folders)."""
    report = sync.import_bundles(
        ctx.uow(), _keyring(ctx), paths, actor=ctx.actor(Action.IMPORT_BUNDLES)
    )
    print_import_report(ctx, report, exit_if_refused=True)


@click.command("export-lists")
@click.option(
    "--point", "points", multiple=True, help="Mã khóa của điểm (lặp lại); mặc định: tất cả."
)
@click.option("--to", "folder", type=click.Path(path_type=Path), default=Path("."))
@pass_context
def export_lists(ctx: CliContext, points: tuple[str, ...], folder: Path) -> None:
    """Công an xã: gửi danh sách về các điểm / Police: lists back to the points."""
    results = sync.export_lists(
        ctx.uow(),
        _keyring(ctx),
        folder,
        points=points or None,
        actor=ctx.actor(Action.EXPORT_LISTS),
    )
    for result in results:
        ctx.say("sync.lists_written", point=result.recipient_name, file=str(result.path))


def print_import_report(
    ctx: CliContext,
    report: sync.ImportReport,
    *,
    per_sender: bool = True,
    exit_if_refused: bool = False,
) -> None:
    """One line per file (refusals on stderr), per sender if asked, then the gaps.

    With `exit_if_refused`, a refused file makes the command's exit code the sync error's,
    so a script sees it; the other files are imported all the same.
    """
    for file in report.files:
        line = ctx.text(file.message_id, **file.params)
        click.echo(line, err=file.status in (sync.REFUSED, sync.QUARANTINED))
    for sender in report.senders if per_sender else ():
        ctx.say(
            "sync.summary",
            point=sender.name,
            new=sender.new_events,
            known=sender.known_events,
            newest=sender.newest_sequence,
        )
    for line in sync.gap_lines(report, ctx.lang):
        click.echo(line)
    if exit_if_refused and report.refused:
        click.get_current_context().exit(SyncError.exit_code)

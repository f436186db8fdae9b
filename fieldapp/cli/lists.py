"""`fieldapp import-list`: import a police, beneficiary or "who to help" list from the CLI."""

from __future__ import annotations

import time
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import LazyChoice, lazy_module
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import Action

if TYPE_CHECKING:
    from fieldapp.ingest import columns
    from fieldapp.services import lists, lists_several
    from fieldapp.services import villages as village_service
else:  # the list readers (legacy encodings, spreadsheets) load only for an import
    columns = lazy_module("fieldapp.ingest.columns")
    lists = lazy_module("fieldapp.services.lists")
    lists_several = lazy_module("fieldapp.services.lists_several")
    village_service = lazy_module("fieldapp.services.villages")

pass_context = click.make_pass_decorator(CliContext)


class CliProgress:
    """Rows done, rows/s and time left on stderr every 2 s, once the work lasts that long."""

    cancelled = False  # Ctrl+C interrupts the CLI; the transaction rolls back

    def __init__(self, ctx: CliContext, every: float = 2.0) -> None:
        self.ctx = ctx
        self.every = every
        self.started = time.monotonic()
        self.next_at = self.started + every

    def report(self, done: int, total: int) -> None:
        """Print a line when the last one is `every` seconds old."""
        now = time.monotonic()
        if now < self.next_at:
            return
        self.next_at = now + self.every
        rate = done / max(1e-6, now - self.started)
        left = (total - done) / rate if total > 0 and rate > 0 else None
        click.echo(lists.progress_line(done, total, rate, left, self.ctx.lang), err=True)


def register(group: click.Group) -> None:
    """Add the list, village and point commands to the `fieldapp` group."""
    group.add_command(import_list)
    group.add_command(villages_group)
    group.add_command(points_group)


@click.group("villages")
def villages_group() -> None:
    """Thôn của xã: xem, thêm, đổi tên / The commune's villages: list, add, rename."""


@villages_group.command("list")
@pass_context
def villages_list(ctx: CliContext) -> None:
    """Các thôn / The villages."""
    with ctx.uow() as uow:
        for village in uow.repo.villages():
            click.echo(village.name)


@villages_group.command("add")
@click.argument("names", nargs=-1, required=True)
@pass_context
def villages_add(ctx: CliContext, names: tuple[str, ...]) -> None:
    """Thêm thôn / Add villages."""
    actor = ctx.actor(Action.CAMPAIGN_SETTINGS)
    for name in names:
        village = village_service.add_village(ctx.uow(), name, actor=actor)
        ctx.say("villages.added", name=village.name)


@villages_group.command("rename")
@click.argument("old")
@click.argument("new")
@pass_context
def villages_rename(ctx: CliContext, old: str, new: str) -> None:
    """Đổi tên thôn / Rename a village."""
    actor = ctx.actor(Action.CAMPAIGN_SETTINGS)
    village = village_service.rename_village(ctx.uow(), old, new, actor=actor)
    ctx.say("villages.renamed", old=old, name=village.name)


@click.group("points")
def points_group() -> None:
    """Điểm hỗ trợ: xem, thêm, đổi tên / Support points: list, add, rename."""


@points_group.command("list")
@pass_context
def points_list(ctx: CliContext) -> None:
    """Các điểm hỗ trợ / The support points."""
    with ctx.uow() as uow:
        for point in uow.repo.support_points():
            click.echo(point.name)


@points_group.command("add")
@click.argument("name")
@click.option("--village", default=None, help="Thôn của điểm / The point's village.")
@pass_context
def points_add(ctx: CliContext, name: str, village: str | None) -> None:
    """Thêm điểm hỗ trợ / Add a support point."""
    actor = ctx.actor(Action.CAMPAIGN_SETTINGS)
    point = village_service.add_point(ctx.uow(), name, village, actor=actor)
    ctx.say("points.added", name=point.name)


@points_group.command("rename")
@click.argument("old")
@click.argument("new")
@pass_context
def points_rename(ctx: CliContext, old: str, new: str) -> None:
    """Đổi tên điểm hỗ trợ / Rename a support point."""
    actor = ctx.actor(Action.CAMPAIGN_SETTINGS)
    point = village_service.rename_point(ctx.uow(), old, new, actor=actor)
    ctx.say("points.renamed", old=old, name=point.name)


def parse_day(text: str | None) -> date | None:
    """A day typed as dd/mm/yyyy (or yyyy-mm-dd); None for nothing typed."""
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise click.BadParameter("dd/mm/yyyy")


@click.command("import-list")
# a folder is not refused here: the reader says so in Vietnamese and English
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--kind",
    type=LazyChoice(lambda: [k.value for k in columns.ListKind]),
    required=True,
    help="police (mức 2) | beneficiary (đối tượng ASXH) | help (cần hỗ trợ) | team (tổ thôn, "
    "--village) | roster (đơn vị, --unit).",
)
@click.option(
    "--valid-only",
    is_flag=True,
    help="Nhập các dòng hợp lệ, bỏ dòng lỗi / Import the valid rows, skip rows with errors.",
)
@click.option(
    "--rejected-out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Lưu dòng bị từ chối (.xlsx) / Save rejected rows to this xlsx.",
)
@click.option("--as-of", default=None, help="Ngày của danh sách (dd/mm/yyyy) / Date of the list.")
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra / Check only, import nothing.")
@click.option(
    "--map",
    "map_options",
    multiple=True,
    metavar='"Tiêu đề=thông tin"',
    help='Cột → thông tin (lặp lại) / Column → field, repeatable: "Diện hưởng=beneficiary_group".',
)
@click.option(
    "--duplicates",
    type=click.Choice(["later", "fuller"]),  # DuplicateRule's values (loaded lazily)
    default="fuller",
    show_default=True,
    help="Hai dòng cùng số định danh: giữ dòng sau (later) hay dòng nhiều thông tin hơn "
    "(fuller) / Same ID twice: keep the later row or the row with more data.",
)
@click.option(
    "--add-villages",
    is_flag=True,
    help="Thêm các thôn mới có trong danh sách / Add the list's villages the commune lacks.",
)
@click.option("--unit", default=None, help="--kind roster: tên đơn vị / the unit's name.")
@click.option("--village", default=None, help="--kind team: thôn của tổ / the team's village.")
@click.option("--replace", is_flag=True, help="--kind roster: thay danh sách cũ / replace it.")
@pass_context
def import_list(
    ctx: CliContext,
    files: tuple[Path, ...],
    kind: str,
    valid_only: bool,
    rejected_out: Path | None,
    as_of: str | None,
    dry_run: bool,
    map_options: tuple[str, ...],
    duplicates: str,
    add_villages: bool,
    unit: str | None,
    village: str | None,
    replace: bool,
) -> None:
    """Nhập danh sách từ một hay nhiều tệp xlsx, xls, ods, csv / Import a list from files.

    Several files are one list: one import, all files or nothing.
    """
    file = files[0]
    team, roster = columns.ListKind.TEAM, columns.ListKind.ROSTER
    if kind in (team, roster):  # into a team or a unit: cli/teams.py
        from fieldapp.cli.teams import import_members

        if len(files) > 1:
            raise ValidationError("lists.several.one_file_only")
        actor = ctx.actor(Action.MANAGE_TEAMS if kind == team else Action.MANAGE_UNITS)
        preview = lists.preview_list(ctx.uow(), file, kind, map_options=map_options)
        import_members(
            ctx, preview, village=village, unit=unit, replace=replace, dry_run=dry_run,
            actor=actor,
        )  # fmt: skip
        return
    actor = ctx.actor(Action.IMPORT_LIST)  # its errors quote the rows: personal data
    day = parse_day(as_of)
    several = lists_several.preview_lists(
        ctx.uow(),
        files,
        kind,
        map_options=map_options,
        add_villages=add_villages,
        progress=CliProgress(ctx),
        duplicates=duplicates,
    )
    for line in several.unmapped_lines(ctx.lang):
        click.echo(line, err=True)
    if any(p.unmapped for p in several.files):
        fields = ", ".join(c.value for c in lists.kind_columns(several.kind))
        click.echo(ctx.text("lists.unmapped_hint", fields=fields), err=True)
    _report_villages(ctx, several.villages, add_villages)
    vi_lines, en_lines = several.error_lines("vi"), several.error_lines("en")
    for vi, en in zip(vi_lines, en_lines, strict=True):
        click.echo(en if ctx.lang == "en" else (vi if vi == en else f"{vi} ({en})"), err=True)
    for line in several.notice_lines(ctx.lang):
        click.echo(ctx.text("lists.notice", text=line), err=True)
    for line in several.summary_lines(ctx.lang):
        click.echo(line)
    missing = several.missing_error()
    if missing is not None:
        raise missing
    if rejected_out is not None and several.error_count:
        errors = [p.errors for p in several.files]
        for path, count in lists_several.save_rejected(
            several, errors, rejected_out, lang=ctx.lang
        ):
            ctx.say("lists.rejected_saved", count=count, path=str(path))
    if dry_run:
        return
    if several.will_import == 0:
        raise ValidationError("lists.nothing_imported")
    result = lists_several.import_lists(
        ctx.uow(),
        several,
        valid_only=valid_only,
        as_of=day,
        actor=actor,
        progress=CliProgress(ctx),
    )
    for line in result.result_lines(ctx.lang):
        click.echo(line)


def _report_villages(ctx: CliContext, plan: village_service.VillagePlan, adding: bool) -> None:
    if not plan.unknown:
        return
    for name, count in sorted(plan.unknown.items(), key=lambda item: -item[1]):
        if name in plan.near:
            line = ctx.text(
                "lists.unknown_village_near", name=name, count=count, similar=plan.near[name]
            )
        else:
            line = ctx.text("lists.unknown_village", name=name, count=count)
        click.echo(line, err=True)
    if not adding:
        click.echo(ctx.text("lists.unknown_villages_hint"), err=True)

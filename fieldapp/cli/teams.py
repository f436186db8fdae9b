"""`fieldapp teams …` and `fieldapp units …`: village teams, units and rosters, their reports."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import lazy_module
from fieldapp.cli.lists import parse_day
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.i18n.formats import date_text, percent_text

if TYPE_CHECKING:
    from fieldapp.services import lists, team_reports, teams, units
else:
    lists = lazy_module("fieldapp.services.lists")
    team_reports = lazy_module("fieldapp.services.team_reports")
    teams = lazy_module("fieldapp.services.teams")
    units = lazy_module("fieldapp.services.units")

pass_context = click.make_pass_decorator(CliContext)

_FORMAT = click.option("--format", "fmt", type=click.Choice(["pdf", "xlsx"]), default="pdf")
_OUT = click.option("--out", required=True, type=click.Path(dir_okay=False, path_type=Path))
_MAP = click.option(
    "--map", "map_options", multiple=True, metavar='"Tiêu đề=thông tin"',
    help='Cột → thông tin / Column → field: "Chức vụ=member_role".',
)  # fmt: skip


def register(group: click.Group) -> None:
    """Add the `teams` and `units` groups to the `fieldapp` group."""
    group.add_command(teams_group)
    group.add_command(units_group)


# --- teams ---
@click.group("teams")
def teams_group() -> None:
    """Tổ Đề án 06 thôn: thành viên, chỉ tiêu, báo cáo / Village teams, members, reports."""


@teams_group.command("list")
@pass_context
def teams_list(ctx: CliContext) -> None:
    """Các tổ và số thành viên / The teams and their sizes."""
    found = teams.teams(ctx.uow())
    if not found:
        ctx.say("teams.no_teams")
    for line in found:
        ctx.say(
            "teams.line", team=line.team.name, village=line.village, members=line.members,
            leader=line.leader or "—",
        )  # fmt: skip


@teams_group.command("set")
@click.argument("village")
@click.option("--name", default=None, help="Tên tổ / The team's name.")
@pass_context
def teams_set(ctx: CliContext, village: str, name: str | None) -> None:
    """Lập (hoặc đổi tên) tổ của một thôn / Make (or rename) a village's team."""
    team = teams.set_team(ctx.uow(), village, name, actor=ctx.actor(Action.MANAGE_TEAMS))
    ctx.say("teams.set", team=team.name, village=village)


@teams_group.command("add-member")
@click.argument("village")
@click.argument("name")
@click.option("--role", default="other", help="party_secretary, village_head, security_team, …")
@click.option("--phone", default=None)
@click.option("--id", "personal_id", default=None, help="Số định danh / Personal ID.")
@click.option("--user", "user_name", default=None, help="Người dùng trên máy / Desk user.")
@click.option("--target", type=int, default=None, help="Chỉ tiêu tích hợp / Link target.")
@click.option("--leader", is_flag=True, help="Tổ trưởng / Team leader.")
@pass_context
def teams_add_member(
    ctx: CliContext, village: str, name: str, role: str, phone: str | None,
    personal_id: str | None, user_name: str | None, target: int | None, leader: bool,
) -> None:  # fmt: skip
    """Thêm thành viên vào tổ / Add a member to a village's team."""
    member = teams.add_member(
        ctx.uow(), village, name, role=role, phone=phone, personal_id=personal_id,
        user_name=user_name, target=target, leader=leader, actor=ctx.actor(Action.MANAGE_TEAMS),
    )  # fmt: skip
    team, _ = teams.members(ctx.uow(), village)
    ctx.say("teams.member_added", name=member.full_name, team=team.name)


@teams_group.command("change")
@click.argument("village")
@click.argument("name")
@click.option("--target", default=None, help="Chỉ tiêu (số, hoặc «none») / Target or 'none'.")
@click.option("--leader", is_flag=True, help="Làm tổ trưởng / Make team leader.")
@click.option("--user", "user_name", default=None, help="Người dùng trên máy / Desk user.")
@click.option("--remove", is_flag=True, help="Rút khỏi tổ / Take off the team.")
@pass_context
def teams_change(
    ctx: CliContext, village: str, name: str, target: str | None, leader: bool,
    user_name: str | None, remove: bool,
) -> None:  # fmt: skip
    """Đổi chỉ tiêu, tổ trưởng, người dùng của một thành viên / Change a team member."""
    actor = ctx.actor(Action.MANAGE_TEAMS)
    member = _member_named(ctx, village, name)
    changed = teams.change_member(
        ctx.uow(), member.id,
        target="keep" if target is None else (None if target.lower() == "none" else target),
        leader=True if leader else None, user_name=user_name, active=not remove, actor=actor,
    )  # fmt: skip
    ctx.say("teams.member_changed", name=changed.full_name)


def _member_named(ctx: CliContext, village: str, name: str) -> teams.dt.TeamMember:
    from fieldapp.domain.text import fold

    _, lines = teams.members(ctx.uow(), village)
    found = [ln.member for ln in lines if fold(ln.member.full_name) == fold(name)]
    if len(found) != 1:
        raise NotFoundError("teams.member_unknown")
    return found[0]


@teams_group.command("members")
@click.argument("village")
@pass_context
def teams_members(ctx: CliContext, village: str) -> None:
    """Thành viên của tổ (số điện thoại che bớt) / A team's members (phones masked)."""
    ctx.actor(Action.MANAGE_TEAMS)
    _, lines = teams.members(ctx.uow(), village)
    for line in lines:
        role = ctx.text(f"teams.role.{line.member.role.value}")
        if line.member.leader:
            role += f" · {ctx.text('teams.leader')}"
        user = f"({line.user_name})" if line.user_name else ""
        ctx.say(
            "teams.member_line", name=line.member.full_name, role=role, phone=line.phone or "—",
            user=user,
        )  # fmt: skip


@teams_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--village", required=True, help="Thôn của tổ / The team's village.")
@_MAP
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra / Check only.")
@pass_context
def teams_import(
    ctx: CliContext, file: Path, village: str, map_options: tuple[str, ...], dry_run: bool
) -> None:
    """Nhập danh sách thành viên tổ / Import a team's member list."""
    actor = ctx.actor(Action.MANAGE_TEAMS)
    preview = lists.preview_list(ctx.uow(), file, "team", map_options=map_options)
    import_members(ctx, preview, village=village, unit=None, replace=False, dry_run=dry_run,
                   actor=actor)  # fmt: skip


@teams_group.command("report")
@_OUT
@_FORMAT
@click.option("--from", "start", default=None, help="Từ ngày / From (dd/mm/yyyy).")
@click.option("--to", "end", default=None, help="Đến ngày / To (dd/mm/yyyy).")
@pass_context
def teams_report(ctx: CliContext, out: Path, fmt: str, start: str | None, end: str | None) -> None:
    """Báo cáo theo tổ và thành viên / Report by team and member."""
    tallies = team_reports.write_teams_report(
        ctx.uow(), out, fmt=fmt, start=parse_day(start), end=parse_day(end), lang=ctx.lang,
        actor=ctx.actor(Action.VIEW_REPORTS),
    )  # fmt: skip
    ctx.say("teams.report_written", teams=len(tallies), path=str(out))


@teams_group.command("door-list")
@click.argument("village")
@_OUT
@_FORMAT
@click.option("--show-phones", is_flag=True, help="In đủ số điện thoại / Full phone numbers.")
@pass_context
def teams_door_list(ctx: CliContext, village: str, out: Path, fmt: str, show_phones: bool) -> None:
    """Danh sách đến từng hộ của tổ / The team leader's door-to-door list."""
    found = team_reports.write_team_door_list(
        ctx.uow(), village, out, fmt=fmt, show_phones=show_phones, lang=ctx.lang,
        actor=ctx.actor(Action.EXPORT_PERSONAL_DATA),
    )  # fmt: skip
    ctx.say("door_list.written", people=len(found.rows), village=found.village.name, path=str(out))


# --- units ---
@click.group("units")
def units_group() -> None:
    """Trường học, cơ quan, tổ chức và danh sách thành viên / Units and their rosters."""


@units_group.command("add")
@click.argument("name")
@click.option("--kind", type=click.Choice(["school", "organisation", "office"]),
              default="organisation", show_default=True)  # fmt: skip
@click.option("--deadline", default=None, help="Hạn / Deadline (dd/mm/yyyy; 15/06/2026).")
@click.option("--target", type=int, default=100, show_default=True, help="Chỉ tiêu / Target (%).")
@pass_context
def units_add(ctx: CliContext, name: str, kind: str, deadline: str | None, target: int) -> None:
    """Thêm đơn vị / Add a unit."""
    unit = units.add_unit(
        ctx.uow(), name, kind=kind, deadline=parse_day(deadline), target_percent=target,
        actor=ctx.actor(Action.MANAGE_UNITS),
    )  # fmt: skip
    ctx.say("units.added", name=unit.name)


@units_group.command("change")
@click.argument("name")
@click.option("--kind", type=click.Choice(["school", "organisation", "office"]), default=None)
@click.option("--deadline", default=None, help="Hạn / Deadline (dd/mm/yyyy).")
@click.option("--target", type=int, default=None, help="Chỉ tiêu / Target (%).")
@pass_context
def units_change(
    ctx: CliContext, name: str, kind: str | None, deadline: str | None, target: int | None
) -> None:
    """Đổi loại, hạn, chỉ tiêu của đơn vị / Change a unit."""
    unit = units.change_unit(
        ctx.uow(), name, kind=kind, deadline=parse_day(deadline), target_percent=target,
        actor=ctx.actor(Action.MANAGE_UNITS),
    )  # fmt: skip
    ctx.say("units.changed", name=unit.name)


@units_group.command("list")
@pass_context
def units_list(ctx: CliContext) -> None:
    """Các đơn vị và số liệu (chưa đạt xếp trước) / Units and figures (below target first)."""
    tallies = units.unit_tallies(ctx.uow(), actor=ctx.actor(Action.VIEW_REPORTS))
    if not tallies:
        ctx.say("units.no_units")
    for t in tallies:
        ctx.say(
            "units.line", unit=t.unit.name, members=t.members, level2=t.level2,
            activated=t.activated, linked=t.linked, percent=percent_text(t.percent, ctx.lang),
            deadline=date_text(t.unit.deadline, ctx.lang),
            standing=ctx.text("units.below" if t.below_target else "units.reached"),
        )  # fmt: skip


@units_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--unit", required=True, help="Tên đơn vị / The unit's name.")
@click.option("--replace", is_flag=True, help="Danh sách mới thay danh sách cũ / Replace.")
@_MAP
@click.option("--dry-run", is_flag=True, help="Chỉ kiểm tra / Check only.")
@pass_context
def units_import(
    ctx: CliContext, file: Path, unit: str, replace: bool, map_options: tuple[str, ...],
    dry_run: bool,
) -> None:  # fmt: skip
    """Nhập danh sách thành viên của đơn vị / Import a unit's roster."""
    actor = ctx.actor(Action.MANAGE_UNITS)
    preview = lists.preview_list(ctx.uow(), file, "roster", map_options=map_options)
    import_members(ctx, preview, village=None, unit=unit, replace=replace, dry_run=dry_run,
                   actor=actor)  # fmt: skip


@units_group.command("report")
@_OUT
@_FORMAT
@click.option("--unit", default=None, help="Một đơn vị, kèm danh sách / One unit, with members.")
@pass_context
def units_report(ctx: CliContext, out: Path, fmt: str, unit: str | None) -> None:
    """Báo cáo các đơn vị, hoặc một đơn vị / The units' summary, or one unit's report."""
    if unit is None:
        tallies = team_reports.write_units_report(
            ctx.uow(), out, fmt=fmt, lang=ctx.lang, actor=ctx.actor(Action.VIEW_REPORTS)
        )
        ctx.say("units.report_written", units=len(tallies), path=str(out))
        return
    tally, lines = team_reports.write_unit_report(
        ctx.uow(), unit, out, fmt=fmt, lang=ctx.lang,
        actor=ctx.actor(Action.EXPORT_PERSONAL_DATA),
    )  # fmt: skip
    ctx.say("units.unit_written", unit=tally.unit.name, members=len(lines), path=str(out))


def import_members(
    ctx: CliContext, preview: lists.ListPreview, *, village: str | None, unit: str | None,
    replace: bool, dry_run: bool, actor: teams.dm.User,
) -> None:  # fmt: skip
    """A team list or a roster, previewed by the list importer, into its team or unit."""
    for error in preview.error_list:
        click.echo(error.text(ctx.lang), err=True)
    if preview.missing:
        raise lists.missing_column_error(preview.missing[0])
    if dry_run:
        return
    if preview.kind.value == "team":
        if not village:
            raise ValidationError("lists.kind_needs_owner", kind="team")
        done = teams.import_team(ctx.uow(), preview, village, actor=actor)
        ctx.say("teams.imported", team=done.team.name, added=done.added, updated=done.updated,
                rejected=done.rejected)  # fmt: skip
        return
    if not unit:
        raise ValidationError("lists.kind_needs_owner", kind="roster")
    result = units.import_roster(ctx.uow(), preview, unit, replace=replace, actor=actor)
    ctx.say(
        "units.imported", unit=result.unit.name, added=result.added, kept=result.kept,
        removed=result.removed, citizens=result.citizens_added, rejected=result.rejected,
    )  # fmt: skip

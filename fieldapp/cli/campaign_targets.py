"""Issue 18 commands: group deadlines, a wave's target basis, a day's difficulties.

`fieldapp campaign group-deadline [GROUP DEADLINE [--percent N] [--from DAY]]`,
`fieldapp campaign target-basis WAVE level2|eligible` and
`fieldapp difficulties [DAY] [--note TEXT]` (the counts of the day, and the officer's
paragraph printed in that day's report).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import lazy_module
from fieldapp.domain.permissions import Action
from fieldapp.i18n.formats import count_text, date_text
from fieldapp.services.clock import local_today

if TYPE_CHECKING:
    from fieldapp.services import campaign_targets, difficulties
else:
    campaign_targets = lazy_module("fieldapp.services.campaign_targets")
    difficulties = lazy_module("fieldapp.services.difficulties")

pass_context = click.make_pass_decorator(CliContext)


def add_commands(campaign_group: click.Group, group: click.Group) -> None:
    """Add the campaign's two settings and the `difficulties` command."""
    campaign_group.add_command(group_deadline)
    campaign_group.add_command(target_basis)
    group.add_command(difficulties_command)


@click.command("group-deadline")
@click.argument("group", required=False)
@click.argument("deadline", required=False)
@click.option("--percent", type=int, default=100, show_default=True)
@click.option("--from", "starts_on", default=None, help="Ngày bắt đầu tính tiến độ / start")
@pass_context
def group_deadline(
    ctx: CliContext, group: str | None, deadline: str | None, percent: int, starts_on: str | None
) -> None:
    """Chỉ tiêu, thời hạn theo nhóm đối tượng / Targets and deadlines per group."""
    from fieldapp.cli.reports import parse_day

    if group is not None and deadline is not None:
        campaign_targets.set_group_deadline(
            ctx.uow(),
            group,
            parse_day(deadline),
            percent=percent,
            starts_on=parse_day(starts_on) if starts_on else None,
            actor=ctx.actor(Action.CAMPAIGN_SETTINGS),
        )
    for item in campaign_targets.group_deadlines(ctx.uow()):
        name = "deadlines.everyone" if item.group == "level2" else f"group.{item.group}"
        ctx.say(
            "deadlines.line",
            name=ctx.text(name),
            key=item.group,
            deadline=date_text(item.deadline, ctx.lang),
            percent=item.percent,
            start=date_text(item.starts_on, ctx.lang),
        )


@click.command("target-basis")
@click.argument("wave")
@click.argument("basis", type=click.Choice(["level2", "eligible"]))
@pass_context
def target_basis(ctx: CliContext, wave: str, basis: str) -> None:
    """Chỉ tiêu của đợt: 100% mức 2 hoặc 100% đủ điều kiện / A wave's target basis."""
    campaign_targets.set_target_basis(
        ctx.uow(), wave, basis, actor=ctx.actor(Action.CAMPAIGN_SETTINGS)
    )
    ctx.say(f"targets.basis_saved.{basis}", wave=wave)


@click.command("difficulties")
@click.argument("day", required=False)
@click.option("--note", default=None, help="Đoạn văn in trong báo cáo ngày đó / paragraph")
@pass_context
def difficulties_command(ctx: CliContext, day: str | None, note: str | None) -> None:
    """Khó khăn, vướng mắc trong ngày / A day's difficulties (and its paragraph)."""
    from fieldapp.cli.reports import parse_day
    from fieldapp.domain.periods import day_period
    from fieldapp.services.day_figures import day_window

    chosen = parse_day(day) if day else local_today()
    actor = ctx.actor(Action.VIEW_REPORTS)
    if note is not None:
        difficulties.set_difficulties_note(ctx.uow(), chosen, note, actor=actor)
    # the day's daily report: from yesterday's deadline to today's (issue 18 item 6)
    window = day_window(ctx.uow(), chosen)
    found = difficulties.compute_difficulties(
        ctx.uow(), day_period(chosen), between=(window.starts_at, window.ends_at)
    )
    lang = ctx.lang
    if not found.has_data:
        ctx.say("difficulties.none")
    else:
        ctx.say(
            "difficulties.summary",
            failed=count_text(found.failed_total, lang),
            citizens=count_text(found.citizens, lang),
            referred=count_text(found.referred_total, lang),
        )
        for (step, reason), n in sorted(found.failed.items()):
            click.echo(f"  {ctx.text(f'step.{step}')} — {ctx.text(f'reason.{reason}')}: {n}")
        for (step, target), n in sorted(found.referred.items()):
            click.echo(f"  {ctx.text(f'step.{step}')} → {ctx.text(f'referral.{target}')}: {n}")
    if found.note:
        click.echo(found.note)

"""`restore`: put a backup in place of the store (the current one is kept aside)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import lazy_module
from fieldapp.cli.unlock import ENV_RECOVERY, unlock_interactively

if TYPE_CHECKING:
    from fieldapp.services import protection
else:
    protection = lazy_module("fieldapp.services.protection")

pass_context = click.make_pass_decorator(CliContext)


def register(group: click.Group) -> None:
    """Add the restore command to the `fieldapp` group."""
    group.add_command(restore)


@click.command()
@click.argument("backup", type=click.Path(dir_okay=False))
@click.option(
    "--recovery-code",
    envvar=ENV_RECOVERY,
    default=None,
    help="Mã khôi phục (máy mới) / The recovery code (needed on a new laptop).",
)
@pass_context
def restore(ctx: CliContext, backup: str, recovery_code: str | None) -> None:
    """Khôi phục từ bản sao lưu / Restore the store from a backup."""
    protection.check_backup(Path(backup))  # a file that is not a backup: refused first
    wants_pin = os.environ.get("FIELDAPP_PIN") is not None or ctx.user_name
    locked = protection.state(ctx.db_url) is protection.StoreState.LOCKED
    if not recovery_code and wants_pin and locked:
        unlock_interactively(ctx.db_url, ctx.user_name, ctx.text)
    ctx.close()
    result = protection.restore(ctx.db_url, Path(backup), recovery_code=recovery_code)
    if result.kept_aside is None:
        ctx.say("restore.done_fresh", file=Path(backup).name)
    else:
        ctx.say("restore.done", file=Path(backup).name, aside=str(result.kept_aside))

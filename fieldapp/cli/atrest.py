"""`restore`: put a backup in place of the store (the current one is kept aside)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.lazy import lazy_module
from fieldapp.cli.unlock import ENV_RECOVERY
from fieldapp.domain.permissions import Action

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
    if not recovery_code and protection.state(ctx.db_url) is not protection.StoreState.NEW:
        # Replacing a store in use, its key unlocked by a PIN: the police or an admin only
        # (whoever holds the recovery code is the police already).
        ctx.actor(Action.EXPORT_PERSONAL_DATA)
    ctx.close()
    result = protection.restore(ctx.db_url, Path(backup), recovery_code=recovery_code)
    if result.kept_aside is None:
        ctx.say("restore.done_fresh", file=Path(backup).name)
    else:
        ctx.say("restore.done", file=Path(backup).name, aside=str(result.kept_aside))

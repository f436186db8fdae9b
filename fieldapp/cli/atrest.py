"""`restore`: put a backup in place of the store (the current one is kept aside)."""

from __future__ import annotations

import os
from pathlib import Path

import click

from fieldapp.cli.context import CliContext
from fieldapp.cli.unlock import ENV_RECOVERY, unlock_interactively
from fieldapp.domain.errors import FieldAppError
from fieldapp.store import atrest
from fieldapp.store.atrest import StoreState
from fieldapp.store.backup import read_header, restore_backup
from fieldapp.store.engine import sqlite_path

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
    store = sqlite_path(ctx.db_url)
    if store is None:
        raise FieldAppError("backup.not_sqlite")
    read_header(Path(backup))  # a file that is not a backup is refused before anything else
    wants_pin = os.environ.get("FIELDAPP_PIN") is not None or ctx.user_name
    if not recovery_code and wants_pin and atrest.store_state(store) is StoreState.LOCKED:
        unlock_interactively(store, ctx.user_name, ctx.text)
    ctx.close()
    result = restore_backup(Path(backup), store, recovery_code=recovery_code)
    if result.kept_aside is None:
        ctx.say("restore.done_fresh", file=Path(backup).name)
    else:
        ctx.say("restore.done", file=Path(backup).name, aside=str(result.kept_aside))

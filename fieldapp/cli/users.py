"""`users`: add, rename, deactivate, set-pin, unlock, list; the police and admins only.

A new or changed PIN is asked twice without echo (or read from $FIELDAPP_NEW_PIN for
scripts), never taken on the command line where other users of the computer could see it.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

import click

from fieldapp.cli.context import ENV_PIN, CliContext
from fieldapp.cli.lazy import lazy_module
from fieldapp.domain import model as dm
from fieldapp.domain.permissions import Action

if TYPE_CHECKING:
    from fieldapp.services import setup
    from fieldapp.services import users as accounts
else:
    setup = lazy_module("fieldapp.services.setup")
    accounts = lazy_module("fieldapp.services.users")

pass_context = click.make_pass_decorator(CliContext)
ENV_NEW_PIN = "FIELDAPP_NEW_PIN"


def register(group: click.Group) -> None:
    """Add the `users` group to `fieldapp`."""
    group.add_command(users_group)


@click.group("users")
def users_group() -> None:
    """Người dùng: thêm, đổi tên, ngừng, đặt mã PIN, mở khóa / Users (police and admins)."""


def _new_pin(ctx: CliContext, name: str) -> str:
    pin = os.environ.get(ENV_NEW_PIN)
    if pin is not None:
        return pin
    return str(
        click.prompt(
            ctx.text("cli.new_pin_prompt", name=name), hide_input=True, confirmation_prompt=True
        )
    )


def _actor_or_bootstrap(ctx: CliContext) -> dm.User | None:
    """Nobody signs in on a store nobody manages yet: its first admin is being made."""
    with ctx.uow() as uow:
        if accounts.may_bootstrap(uow.repo):
            return None
    return ctx.actor(Action.MANAGE_USERS)


@users_group.command("add")
@click.argument("name")
@click.option(
    "--role", type=click.Choice([r.value for r in dm.Role]), required=True, help="Vai trò / Role."
)
@pass_context
def add(ctx: CliContext, name: str, role: str) -> None:
    """Thêm người dùng / Add a user (the first user of a store: an admin)."""
    actor = _actor_or_bootstrap(ctx)
    chosen = dm.Role(role)
    point_id = None
    if chosen not in (dm.Role.COMMUNE_POLICE, dm.Role.ADMIN, dm.Role.PROVINCE_POLICE):
        point_id = setup.this_point(ctx.uow()).id
    user = accounts.create_user(
        ctx.uow(), actor, name=name, role=chosen, pin=_new_pin(ctx, name), point_id=point_id
    )
    ctx.say("users.added", name=user.name, role=user.role.value)


@users_group.command("rename")
@click.argument("name")
@click.argument("new_name")
@pass_context
def rename(ctx: CliContext, name: str, new_name: str) -> None:
    """Đổi tên người dùng / Rename a user."""
    actor = ctx.actor(Action.MANAGE_USERS)
    target = setup.find_user(ctx.uow(), name)
    user = accounts.rename_user(ctx.uow(), actor, target.id, new_name)
    ctx.say("users.renamed", name=user.name)


@users_group.command("deactivate")
@click.argument("name")
@pass_context
def deactivate(ctx: CliContext, name: str) -> None:
    """Ngừng tài khoản (lượt hỗ trợ cũ vẫn giữ) / Deactivate a user; their records stay."""
    actor = ctx.actor(Action.MANAGE_USERS)
    target = setup.find_user(ctx.uow(), name)
    accounts.deactivate_user(ctx.uow(), actor, target.id)
    ctx.say("users.deactivated", name=target.name)


@users_group.command("set-pin")
@click.argument("name")
@pass_context
def set_pin(ctx: CliContext, name: str) -> None:
    """Đặt mã PIN mới (của mình: cần mã cũ) / A new PIN (your own: with the old one)."""
    target = setup.find_user(ctx.uow(), name)
    own = ctx.user_name is not None and setup.find_user(ctx.uow(), ctx.user_name).id == target.id
    if own:  # the current PIN is checked like a sign-in: wrong tries count
        old = os.environ.get(ENV_PIN)
        if old is None:
            old = click.prompt(ctx.text("cli.old_pin_prompt", name=name), hide_input=True)
        new = _new_pin(ctx, target.name)
        accounts.set_pin(ctx.uow(), target, target.id, new, old_pin=str(old))
    else:
        actor = _actor_or_bootstrap(ctx)
        accounts.set_pin(ctx.uow(), actor, target.id, _new_pin(ctx, target.name))
    ctx.say("users.pin_set", name=target.name)


@users_group.command("unlock")
@click.argument("name")
@pass_context
def unlock(ctx: CliContext, name: str) -> None:
    """Mở khóa sau nhiều lần sai mã PIN / Unlock after too many wrong PINs."""
    actor = ctx.actor(Action.MANAGE_USERS)
    target = setup.find_user(ctx.uow(), name)
    accounts.unlock_user(ctx.uow(), actor, target.id)
    ctx.say("users.unlocked", name=target.name)


@users_group.command("list")
@pass_context
def list_users(ctx: CliContext) -> None:
    """Danh sách người dùng / The users."""
    actor = ctx.actor(Action.MANAGE_USERS)
    for line in accounts.list_users(ctx.uow(), actor):
        flags = []
        if not line.user.active:
            flags.append(ctx.text("users.flag.inactive"))
        if line.locked:
            flags.append(ctx.text("users.flag.locked"))
        if not line.has_pin:
            flags.append(ctx.text("users.flag.no_pin"))
        role = ctx.text("role." + line.user.role.value)
        click.echo(f"{line.user.name} — {role}" + (f" ({', '.join(flags)})" if flags else ""))

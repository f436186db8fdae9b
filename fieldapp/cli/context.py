"""What every command gets: the store, the language, a way to speak, the signed-in user.

The user is `--user NAME`; the PIN is asked, or read from $FIELDAPP_PIN for scripts.
The command-line face's composition root: the one module of `cli/` that touches the store
(tests/test_layering.py names it); commands get units of work from here.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.permissions import Action, require
from fieldapp.i18n import tr

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) loads when a command first needs it
    from sqlalchemy import Engine

    from fieldapp.cli.unlock import UnlockedBy
    from fieldapp.store.uow import SqlUnitOfWork

ENV_USER = "FIELDAPP_USER"
ENV_PIN = "FIELDAPP_PIN"  # for scripts: the PIN of --user, instead of asking


@dataclass
class CliContext:
    """Carried in click's `ctx.obj`."""

    db_url: str
    lang: str = "vi"
    user_name: str | None = None
    may_create_store: bool = False  # only `init` and `demo` make a new store
    _engine: Engine | None = field(default=None, repr=False)
    _user: dm.User | None = field(default=None, repr=False)
    _unlocked_by: UnlockedBy | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """The store, opened and migrated the first time a command needs it."""
        if self._engine is None:
            from fieldapp.cli.unlock import prepare_store
            from fieldapp.store.engine import sqlite_path
            from fieldapp.store.migrate import open_store

            path = sqlite_path(self.db_url)
            if path is not None and not path.exists() and not self.may_create_store:
                raise NotFoundError("store.missing", path=str(path))
            self._unlocked_by = prepare_store(self.db_url, click.echo, self.text, self.user_name)
            from fieldapp.services.store_keys import connect_to_accounts

            connect_to_accounts()  # issue 15: account changes keep the store-key slots in step
            self._engine = open_store(self.db_url)
        return self._engine

    def uow(self) -> SqlUnitOfWork:
        """A fresh unit of work over the store."""
        from fieldapp.store.uow import SqlUnitOfWork

        return SqlUnitOfWork(self.engine)

    def backup_to(self, folder: Path) -> Path:
        """Copy the store (opened and migrated first, so the copy is current) into `folder`."""
        from fieldapp.store.backup import backup_sqlite

        self.engine  # noqa: B018 - open (and migrate) the store first
        return backup_sqlite(self.db_url, folder)

    def text(self, message_id: str, **params: Any) -> str:
        """A message in the chosen language."""
        return tr(message_id, self.lang, **params)

    def say(self, message_id: str, **params: Any) -> None:
        """Print a message in the chosen language."""
        click.echo(self.text(message_id, **params))

    def actor(self, action: Action, *, user_name: str | None = None) -> dm.User:
        """The signed-in user, if their role may take the action (signs in on first use).

        The user is `--user` (or $FIELDAPP_USER), or the only user of this point; the PIN is
        $FIELDAPP_PIN or asked without echo. Every service checks again on its side.
        """
        if self._user is None:
            self._user = self._sign_in(user_name or self.user_name)
        require(self._user.role, action)
        return self._user

    def _sign_in(self, name: str | None) -> dm.User:
        from fieldapp.services import setup, users

        if name:
            user = setup.find_user(self.uow(), name)
        else:
            people = setup.users_of_point(self.uow(), setup.this_point(self.uow()).id)
            if len(people) != 1:
                raise ValidationError("cli.user_needed")
            user = people[0]
        unlocked = self._unlocked_by
        pin = os.environ.get(ENV_PIN)
        if pin is None and unlocked is not None and unlocked.user_id == user.id:
            pin = unlocked.pin  # typed once to unlock the store: not asked again
        if pin is None:
            pin = click.prompt(self.text("cli.pin_prompt", name=user.name), hide_input=True)
        # The same PIN just opened this user's key slot (an authenticated unwrap with a key
        # derived from it): a second slow hash of it would prove nothing more.
        proven = (
            unlocked is not None
            and unlocked.user_id == user.id
            and hmac.compare_digest(unlocked.pin, pin)
        )
        signed_in = users.sign_in(self.uow(), user.id, pin, pin_proven=proven)
        if users.pin_change_needed(self.uow(), user.id):
            click.echo(self.text("signin.change_pin"), err=True)
        return signed_in

    def close(self) -> None:
        """Release the store's connections."""
        if self._engine is not None:
            self._engine.dispose()

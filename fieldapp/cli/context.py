"""What every command gets: the store (opened on first use), the language, a way to speak.

The command-line face's composition root: the one module of `cli/` that touches the store
(tests/test_layering.py names it); commands get units of work from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from fieldapp.i18n import tr

if TYPE_CHECKING:  # the store (SQLAlchemy, Alembic) loads when a command first needs it
    from sqlalchemy import Engine

    from fieldapp.store.uow import SqlUnitOfWork


@dataclass
class CliContext:
    """Carried in click's `ctx.obj`."""

    db_url: str
    lang: str = "vi"
    _engine: Engine | None = field(default=None, repr=False)

    @property
    def engine(self) -> Engine:
        """The store, opened and migrated the first time a command needs it."""
        if self._engine is None:
            from fieldapp.store.migrate import open_store

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

    def close(self) -> None:
        """Release the store's connections."""
        if self._engine is not None:
            self._engine.dispose()

"""Schema versions: upgrade to head on open, copy the file aside first, refuse newer stores."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, Engine, inspect, text

from fieldapp.domain.errors import FieldAppError
from fieldapp.store.engine import make_engine, sqlite_path
from fieldapp.store.name_search import is_search_index

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
_REVISION = re.compile(r'^(down_revision|revision) = (?:"([^"]*)"|None)$', re.MULTILINE)


class StoreTooNewError(FieldAppError):
    """The database was written by a newer FieldApp: opening it could damage it."""

    exit_code = 6

    def __init__(self) -> None:
        super().__init__("store.too_new")


def alembic_config() -> Config:
    """An Alembic config pointing at the package's migrations, no ini file needed."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    return config


def declared_name(name: str | None, type_: str, _parents: dict) -> bool:
    """Autogenerate's filter: the name search's own index objects are not models (see 0007)."""
    return name is None or not is_search_index(name, type_)


def head_revision() -> str:
    """The newest schema revision this version of the code knows."""
    return _known_revisions()[0]


@cache
def _known_revisions() -> tuple[str, frozenset[str]]:
    """The head and every revision, read from the scripts' `revision =` lines once per process.

    Alembic itself is loaded only when a store must be upgraded: opening a store already at
    head (every start of the CLI and the app) does not pay for it. A test holds this to
    Alembic's own reading of the scripts.
    """
    revisions, parents = set(), set()
    for script in sorted((MIGRATIONS / "versions").glob("*.py")):
        for kind, value in _REVISION.findall(script.read_text(encoding="utf-8")):
            if kind == "revision":
                revisions.add(value)
            elif value:
                parents.add(value)
    heads = revisions - parents
    assert len(heads) == 1, f"migration heads: {sorted(heads)}"
    return heads.pop(), frozenset(revisions)


def current_revision(engine: Engine) -> str | None:
    """The revision stamped in the database, None for an empty one."""
    with engine.connect() as connection:
        if not inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def upgrade(engine: Engine, *, backup: bool = True) -> Path | None:
    """Bring the schema to head; return the backup copy's path if one was made."""
    head, known = _known_revisions()
    current = current_revision(engine)
    if current is not None and current not in known:
        raise StoreTooNewError()
    if current == head:
        return None
    copy = _backup_copy(engine) if backup and current is not None else None
    migrate(engine, "head")
    compact_if_sparse(engine)
    return copy


SPARSE_SHARE = 0.10
"""Free pages above this share of the file are given back after a migration."""


def compact_if_sparse(engine: Engine) -> bool:
    """SQLite: `VACUUM` when a migration left a tenth of the file or more as free pages.

    A migration that copies a table (0019 copies `citizen`) frees the old table's pages, but
    SQLite keeps them in the file: at 2.7 M citizens the store stayed at 1.94 GiB instead of
    1.40 GB until a `VACUUM` (44 s there, once). Then the write-ahead log, which now holds
    every page, is checkpointed and truncated. Returns True if it compacted.
    """
    if engine.dialect.name != "sqlite" or sqlite_path(str(engine.url)) is None:
        return False
    with engine.connect() as connection:
        free = connection.exec_driver_sql("PRAGMA freelist_count").scalar() or 0
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar() or 0
    if not free or free < SPARSE_SHARE * pages:
        return False
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.exec_driver_sql("VACUUM")
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return True


def migrate(engine: Engine, revision: str, *, down: bool = False) -> None:
    """Alembic up (or down) to `revision` in one transaction, foreign keys checked after."""
    from alembic import command

    config = alembic_config()
    with (
        engine.connect() as connection,
        _foreign_keys_checked_after(connection),
        connection.begin(),
    ):
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)
        _check_foreign_keys(connection)


@contextmanager
def _foreign_keys_checked_after(connection: Connection) -> Iterator[None]:
    """SQLite: foreign keys off while migrating, checked whole before the commit.

    A migration that copies a table others refer to (`citizen`) drops the old one: with
    foreign keys on, that drop deletes every row first and fails on their visits and facts.
    SQLite's own recipe for changing a table: keys off (only outside a transaction), copy,
    drop, rename, `PRAGMA foreign_key_check`, keys on again.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
    connection.commit()
    try:
        yield
    finally:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")
        connection.commit()


def _check_foreign_keys(connection: Connection) -> None:
    if connection.dialect.name == "sqlite":
        broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise RuntimeError(f"a migration broke {len(broken)} foreign keys")


def _backup_copy(engine: Engine) -> Path | None:
    path = sqlite_path(str(engine.url))
    if path is None or not path.exists():
        return None
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.stem}.before-migration-{stamp}{path.suffix}")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(FULL)")
    shutil.copy2(path, target)
    return target


def open_store(url: str) -> Engine:
    """The one way the app opens its store: engine, then schema at head."""
    engine = make_engine(url)
    upgrade(engine)
    return engine

"""One place that turns a URL into an engine; SQLite gets WAL, foreign keys, a busy timeout."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_data_path

if TYPE_CHECKING:  # SQLAlchemy loads when a store is opened, not for `fieldapp --help`
    from sqlalchemy import Engine

from fieldapp.domain.errors import FieldAppError
from fieldapp.store import keychain

ENV_DATABASE = "FIELDAPP_DB"
APP_NAME = "FieldApp"


def data_folder() -> Path:
    """The user's data folder (~/.local/share/FieldApp on Linux, AppData on Windows)."""
    return user_data_path(APP_NAME, appauthor=False)


def default_database_path() -> Path:
    """The embedded store's file in the data folder."""
    return data_folder() / "fieldapp.sqlite3"


def resolve_database_url(explicit: str | None = None) -> str:
    """`--db` beats $FIELDAPP_DB beats the data folder; a bare path means SQLite."""
    chosen = explicit or os.environ.get(ENV_DATABASE) or str(default_database_path())
    if "://" in chosen:
        return chosen
    return f"sqlite:///{Path(chosen).expanduser().resolve()}"


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and memory."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or not parsed.database:
        return None
    if parsed.database == ":memory:":
        return None
    return Path(parsed.database)


class StoreLockedError(FieldAppError):
    """The store is encrypted and nobody has unlocked it in this process."""

    exit_code = 9

    def __init__(self) -> None:
        super().__init__("store.locked")


def make_engine(url: str, *, key: bytes | None = None) -> Engine:
    """Create the engine; for SQLite make the folder and set the pragmas on each connection.

    A SQLite store with a key (given, or unlocked earlier in this process) is opened through
    SQLCipher; the key is set first on every connection, then the usual pragmas.
    """
    path = sqlite_path(url)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        key = key or keychain.key_for(path)
        if key is None and _is_new(path):
            key = keychain.key_for_new_store(path)
        if key is None and not _is_new(path) and not _is_plain(path):
            raise StoreLockedError()
    from sqlalchemy import event
    from sqlmodel import create_engine

    if key is None:
        engine = create_engine(url, hide_parameters=True)  # errors never print personal data
    else:
        from fieldapp.store import cipher  # SQLCipher loads when an encrypted store is opened

        engine = create_engine(url, module=cipher.sqlcipher, hide_parameters=True)
        store_key = bytes(key)
        event.listen(
            engine, "connect", lambda conn, _rec: cipher.apply_key(conn, store_key), insert=True
        )
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        if key is not None:
            event.listen(engine, "connect", _cipher_pragmas)
    return engine


def _cipher_pragmas(dbapi_connection: object, _record: object) -> None:
    # Every page read from disk is decrypted and checked: a larger cache reads fewer of them
    # twice, and temporary tables and sorts stay in memory instead of encrypted temp files.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA cache_size=-32000")
    cursor.execute("PRAGMA temp_store=MEMORY")
    cursor.close()


def _is_new(path: Path) -> bool:
    return not path.exists() or path.stat().st_size == 0


def _is_plain(path: Path) -> bool:
    from fieldapp.store.cipher import is_plain_sqlite

    return is_plain_sqlite(path)


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    # Field laptops lose power: FULL keeps every committed visit; WAL lets readers work on.
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.close()


if TYPE_CHECKING:
    StoreEngine = Engine
    """The type a service names an opened store by: services import no SQLAlchemy themselves."""

"""SQLCipher at the DB-API level: keyed connections, telling plain from encrypted files.

SQLCipher (through `sqlcipher3-wheels`) encrypts every page of the file and of its WAL with
AES-256 and checks each page's HMAC. The store key is a raw 32-byte key (`x'…'`), so opening
a connection costs no PBKDF2 round: the slow, memory-hard step is the PIN's, done once.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import sqlcipher3.dbapi2 as sqlcipher

SQLITE_HEADER = b"SQLite format 3\x00"
Error = sqlcipher.Error
DatabaseError = sqlcipher.DatabaseError


def key_pragma(key: bytes) -> str:
    """`PRAGMA key` with a raw key: hex only, nothing user-typed reaches the SQL."""
    return f"PRAGMA key = \"x'{key.hex()}'\""


def apply_key(dbapi_connection: Any, key: bytes) -> None:
    """Key a fresh connection; must run before anything reads the file."""
    cursor = dbapi_connection.cursor()
    cursor.execute(key_pragma(key))
    cursor.close()


def connect(path: Path, key: bytes | None, **kwargs: Any) -> Any:
    """A raw DB-API connection to a store file, keyed when `key` is given."""
    connection = sqlcipher.connect(str(path), **kwargs)
    if key is not None:
        apply_key(connection, key)
    return connection


def is_plain_sqlite(path: Path) -> bool:
    """True if the file starts with SQLite's plain header (an unencrypted store)."""
    try:
        with open(path, "rb") as handle:
            return handle.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError:
        return False


def opens_with(path: Path, key: bytes | None) -> bool:
    """True if the file opens with `key` (None: as plain SQLite) and every page checks out."""
    try:
        connection = connect(path, key)
        try:
            connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
            if key is not None:
                problems = connection.execute("PRAGMA cipher_integrity_check").fetchall()
                if problems:
                    return False
        finally:
            connection.close()
    except Error:
        return False
    return True


def table_row_counts(connection: Any) -> dict[str, int]:
    """Rows per table: what a migration or a backup must keep."""
    names = [
        row[0]
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'"  # FTS: its shadow tables are counted
        )
    ]
    return {
        name: connection.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0]
        for name in sorted(names)
    }


def export_encrypted(plain: Path, target: Path, key: bytes) -> dict[str, int]:
    """Copy a plain store into a new encrypted file with `sqlcipher_export`; return row counts.

    The target must not exist. The counts of both files are compared before returning.
    """
    connection = connect(plain, None, isolation_level=None)
    try:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        before = table_row_counts(connection)
        connection.execute(f"ATTACH DATABASE ? AS encrypted KEY \"x'{key.hex()}'\"", (str(target),))
        connection.execute("SELECT sqlcipher_export('encrypted')")
        version = connection.execute("PRAGMA user_version").fetchone()[0]
        connection.execute(f"PRAGMA encrypted.user_version = {int(version)}")
        connection.execute("DETACH DATABASE encrypted")
    finally:
        connection.close()
    check = connect(target, key)
    try:
        after = table_row_counts(check)
    finally:
        check.close()
    if after != before:
        raise DatabaseError("row counts differ after encryption")
    return after


def connect_store(path: Path, **kwargs: Any) -> Any:
    """A raw connection to a store, keyed with its key if it was unlocked in this process."""
    from fieldapp.store import keychain

    return connect(path, keychain.key_for(path), **kwargs)

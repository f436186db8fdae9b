"""Protection at rest for the faces: open, unlock, back up and restore the store by its URL.

The faces may not reach into the store; these calls are the whole of what they need.
"""

from __future__ import annotations

import uuid
from pathlib import Path

from fieldapp.domain.errors import FieldAppError
from fieldapp.store import atrest, server_slots
from fieldapp.store.atrest import StoreState
from fieldapp.store.backup import BackupHeader, RestoreResult, backup_sqlite, read_header
from fieldapp.store.backup import restore_backup as _restore
from fieldapp.store.engine import StoreLockedError, sqlite_path

__all__ = [
    "BackupHeader",
    "RestoreResult",
    "StoreLockedError",
    "StoreState",
    "back_up",
    "check_backup",
    "create_key",
    "encrypt_plain",
    "restore",
    "state",
    "unlock_with_pin",
    "unlock_with_recovery",
]


def state(url: str) -> StoreState:
    """New, plain (an older version's), locked or unlocked.

    A server database whose slots are in it is locked at any seat (a PIN opens it).
    """
    if sqlite_path(url) is None:
        return server_slots.state(url)
    return atrest.state_of_url(url)[1]


def create_key(url: str) -> str:
    """A new installation's store key; the recovery code to show once.

    A server database another seat set up is refused, naming the key file to copy here.
    """
    anchor = atrest.key_anchor(url)
    if atrest.server_already_set_up(url):
        raise FieldAppError(
            "keys.server_key_missing",
            file=atrest.slots_path_for(anchor).name,
            folder=str(anchor.parent),
        )
    return atrest.create_store_key(anchor)


def encrypt_plain(url: str) -> str:
    """Encrypt an older version's plain store in place; the recovery code to show once."""
    return atrest.encrypt_plain_store(atrest.key_anchor(url))


def unlock_with_pin(url: str, user_name: str, pin: str) -> uuid.UUID:
    """Unlock with a user's PIN; the user's id."""
    if sqlite_path(url) is None:
        return server_slots.unlock_with_pin(url, user_name, pin)
    return atrest.unlock_with_pin(atrest.key_anchor(url), user_name, pin)


def unlock_with_recovery(url: str, code: str) -> None:
    """Unlock with the recovery code."""
    if sqlite_path(url) is None:
        server_slots.unlock_with_recovery(url, code)
        return
    atrest.unlock_with_recovery(atrest.key_anchor(url), code)


def back_up(url: str, folder: Path) -> Path:
    """An encrypted, verified backup in `folder`."""
    return backup_sqlite(url, folder)


def check_backup(path: Path) -> BackupHeader:
    """Refuse a file that is not a backup before anything else."""
    return read_header(path)


def restore(url: str, backup: Path, *, recovery_code: str | None) -> RestoreResult:
    """Put a backup in place of the store (kept aside); the engine must be closed first."""
    store = sqlite_path(url)
    if store is None:
        raise FieldAppError("backup.not_sqlite")
    return _restore(backup, store, recovery_code=recovery_code)

"""Opening a store encrypted at rest: new stores, unlocking, and the step from a plain store.

The faces call these before they make an engine: a new store gets a random key and its
recovery code; an encrypted one is unlocked by a user's PIN or the recovery code; a plain one
(written by FieldApp before 0.2) is encrypted in place, in one step that cannot lose data.
"""

from __future__ import annotations

import enum
import hashlib
import os
import uuid
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy.engine import make_url

from fieldapp.domain.errors import FieldAppError
from fieldapp.store import cipher, keychain
from fieldapp.store.engine import data_folder, sqlite_path
from fieldapp.store.keyslots import KeySlots, UnlockError, new_store_key, slots_path_for


class StoreState(enum.Enum):
    """What is at a store's path before it is opened."""

    NEW = "new"  # no file yet
    PLAIN = "plain"  # plain SQLite by an earlier version: to be encrypted
    LOCKED = "locked"  # encrypted, key not unlocked in this process
    UNLOCKED = "unlocked"  # encrypted and unlocked (or a server database)


def key_anchor(url: str) -> Path:
    """The path the store key of `url` is kept under.

    The SQLite file itself, or, for a database server, a name in the data folder (its slots
    file sits beside it).
    """
    path = sqlite_path(url)
    if path is not None:
        return path
    server = make_url(url).set(password=None).render_as_string(hide_password=False)
    digest = hashlib.sha256(server.encode("utf-8")).hexdigest()[:16]
    return data_folder() / f"server-{digest}"


def store_state(path: Path | None) -> StoreState:
    """Which of the four a store path is in (None, a database server: always unlocked)."""
    if path is None:
        return StoreState.UNLOCKED
    if not path.exists() or path.stat().st_size == 0:
        return StoreState.NEW
    if cipher.is_plain_sqlite(path):
        return StoreState.PLAIN
    return StoreState.UNLOCKED if keychain.key_for(path) else StoreState.LOCKED


def state_of_url(url: str) -> tuple[Path, StoreState]:
    """The key anchor of a store URL and its state; a server's state is its slots file's."""
    anchor = key_anchor(url)
    if sqlite_path(url) is not None:
        return anchor, store_state(anchor)
    if keychain.key_for(anchor) is not None:
        return anchor, StoreState.UNLOCKED
    return anchor, StoreState.LOCKED if slots_path_for(anchor).exists() else StoreState.NEW


def server_already_set_up(url: str) -> bool:
    """True for a database server whose schema some seat already made (its own key exists).

    A seat without that seat's key file must not make a second store key: the bundle keys
    in the database are wrapped by the first one, and every PIN would be refused.
    """
    if sqlite_path(url) is not None:
        return False
    from fieldapp.store.engine import make_engine
    from fieldapp.store.migrate import current_revision

    engine = make_engine(url)
    try:
        return current_revision(engine) is not None
    finally:
        engine.dispose()


def create_store_key(path: Path) -> str:
    """A new installation: a random key, its slots file, and the recovery code to show once."""
    key = new_store_key()
    slots, code = KeySlots.create(slots_path_for(path), key)
    slots.save()
    keychain.remember(path, key)
    return code


def unlock_with_pin(path: Path, user_name: str, pin: str) -> uuid.UUID:
    """Unlock the store with a user's PIN; the user's id. Wrong PINs count (in the slots)."""
    slots = KeySlots.load(slots_path_for(path))
    user_id = slots.find_user(user_name)
    if user_id is None:
        # Same answer as a wrong PIN: a name without a slot is not confirmed to anyone.
        raise UnlockError("signin.wrong_pin")
    key = slots.unlock_user(user_id, pin)
    _check_and_remember(path, key)
    return uuid.UUID(user_id)


def unlock_with_recovery(path: Path, code: str) -> None:
    """Unlock the store with the recovery code kept by the commune police."""
    key = KeySlots.load(slots_path_for(path)).unlock_recovery(code)
    _check_and_remember(path, key)


def _check_and_remember(path: Path, key: bytes) -> None:
    if not cipher.opens_with(path, key):
        raise FieldAppError("keys.store_not_this_key")
    keychain.remember(path, key)


def lock(path: Path) -> None:
    """Forget the key: the next open needs a PIN again."""
    keychain.forget(path)


def encrypt_plain_store(path: Path) -> str:
    """Encrypt a plain store in place; return the new recovery code (to show once).

    Copy, encrypt (`sqlcipher_export`), compare row counts, swap; the plain file is then
    overwritten and deleted. A failure before the swap leaves the plain store as it was.
    """
    if not cipher.is_plain_sqlite(path):
        raise FieldAppError("keys.not_plain")
    key = new_store_key()
    temp = path.with_name(path.name + ".encrypting")
    _remove_quietly(temp)
    try:
        cipher.export_encrypted(path, temp, key)
        if not cipher.opens_with(temp, key):
            raise cipher.DatabaseError("encrypted copy does not check out")
    except (cipher.Error, OSError) as error:
        _remove_quietly(temp)
        raise FieldAppError("keys.encrypt_failed") from error
    slots_file = slots_path_for(path)
    if slots_file.exists():  # from an attempt that stopped before the swap
        slots_file.replace(slots_file.with_name(slots_file.name + f".old-{_stamp()}"))
    slots, code = KeySlots.create(slots_file, key)
    for user_id, name, pin_hash in _active_users(temp, key):
        slots.set_user_from_pin_hash(user_id, name, pin_hash, key)
    slots.save()
    plain = path.with_name(path.name + f".plain-{_stamp()}")
    os.replace(path, plain)
    for suffix in ("-wal", "-shm"):
        _remove_quietly(Path(str(path) + suffix))
    os.replace(temp, path)
    keychain.remember(path, key)
    shred(plain)
    return code


def _active_users(store: Path, key: bytes) -> list[tuple[uuid.UUID, str, str]]:
    connection = cipher.connect(store, key)
    try:
        rows = connection.execute("SELECT id, name, pin_hash FROM app_user WHERE active").fetchall()
    finally:
        connection.close()
    return [(uuid.UUID(str(r[0])), str(r[1]), str(r[2] or "")) for r in rows]


def shred(path: Path) -> None:
    """Overwrite a file with zeros, flush it, then delete it.

    On an SSD or a copy-on-write file system the old blocks may survive in the drive: this is
    the most a program can do; full-disk encryption (BitLocker) covers the rest.
    """
    try:
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            chunk = b"\x00" * (1 << 20)
            left = size
            while left > 0:
                handle.write(chunk[: min(left, len(chunk))])
                left -= len(chunk)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError:
        pass
    _remove_quietly(path)


def _remove_quietly(path: Path) -> None:
    path.unlink(missing_ok=True)


def _stamp() -> str:
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")

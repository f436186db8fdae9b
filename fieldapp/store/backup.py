r"""Backups encrypted with the store key, and restoring one onto a new or replaced laptop.

A backup file is `FIELDAPP-BACKUP\\n`, a 4-byte header length, a JSON header (installation,
time, size and SHA-256 of the database, the key slots, a MAC by the store key), then a copy of
the SQLCipher database taken with SQLite's online backup (so it is encrypted by the same key,
and visits recorded meanwhile neither block nor tear it). The slots travel in the header, so
the recovery code, or any user's PIN of that time, opens it on a fresh data folder; the
point's signing key is inside the database, so the point keeps its identity.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import shutil
import struct
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldapp.domain.errors import FieldAppError, ValidationError
from fieldapp.store import cipher, keychain
from fieldapp.store.engine import sqlite_path
from fieldapp.store.keyslots import KeySlots, slots_path_for

MAGIC = b"FIELDAPP-BACKUP\n"
FORMAT_VERSION = 1
SUFFIX = ".fieldbackup"
_MAX_HEADER = 1 << 20
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class BackupHeader:
    """What a backup says about itself, read before anything is unlocked."""

    installation: str
    created: str
    db_size: int
    db_sha256: str
    slots: dict[str, Any]
    mac: str
    offset: int  # where the database starts in the file

    def signed_part(self) -> bytes:
        """The bytes the MAC covers: every field but the MAC, canonically."""
        return _canonical(
            {
                "installation": self.installation,
                "created": self.created,
                "db_size": self.db_size,
                "db_sha256": self.db_sha256,
                "slots": self.slots,
            }
        )


def backup_sqlite(url: str, folder: Path, *, now: datetime | None = None) -> Path:
    """Write an encrypted, verified backup of the store into `folder`; return its path."""
    source = sqlite_path(url)
    if source is None:
        raise FieldAppError("backup.not_sqlite")
    if not source.exists():
        raise FieldAppError("backup.no_store", location=str(source))
    key = keychain.key_for(source)
    if key is None:
        raise FieldAppError("store.locked")
    slots = KeySlots.load(slots_path_for(source))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FieldAppError("backup.cannot_write", location=str(folder)) from error
    when = now or datetime.now(UTC)
    work = f".fieldapp-backup-{os.getpid()}-{datetime.now(UTC):%H%M%S%f}"
    partial_db, partial = folder / f"{work}.db.tmp", folder / f"{work}.tmp"
    try:
        counts = _copy_database(source, partial_db, key)
        _write_backup(partial, partial_db, slots, key, when)
        target = _unique_name(folder, when)
        os.replace(partial, target)
        _fsync_folder(folder)
    except (OSError, cipher.Error) as error:
        partial.unlink(missing_ok=True)
        raise FieldAppError("backup.cannot_write", location=str(folder)) from error
    finally:
        partial_db.unlink(missing_ok=True)
    if verify_backup(target, key) != counts:
        raise FieldAppError("backup.verify_failed", path=str(target))
    return target


def _copy_database(source: Path, target: Path, key: bytes) -> dict[str, int]:
    src = cipher.connect(source, key)
    dst = cipher.connect(target, key)
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=DELETE")
        return cipher.table_row_counts(dst)
    finally:
        dst.close()
        src.close()


def _write_backup(
    target: Path, database: Path, slots: KeySlots, key: bytes, when: datetime
) -> None:
    digest = hashlib.sha256()
    with open(database, "rb") as handle:
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    header = BackupHeader(
        installation=slots.installation,
        created=when.isoformat(),
        db_size=database.stat().st_size,
        db_sha256=digest.hexdigest(),
        slots=slots.to_json(),
        mac="",
        offset=0,
    )
    fields = json.loads(header.signed_part())
    fields["mac"] = _mac(key, header.signed_part())
    fields["fieldapp_backup"] = FORMAT_VERSION
    encoded = json.dumps(fields).encode("ascii")
    with open(target, "wb") as out, open(database, "rb") as handle:
        out.write(MAGIC + struct.pack(">I", len(encoded)) + encoded)
        shutil.copyfileobj(handle, out, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def _unique_name(folder: Path, when: datetime) -> Path:
    """`fieldapp-backup-YYYYmmdd-HHMMSS.fieldbackup`, then `-2`, `-3`, ... never overwriting."""
    stem = f"fieldapp-backup-{when:%Y%m%d-%H%M%S}"
    candidate = folder / f"{stem}{SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{SUFFIX}"
        number += 1
    return candidate


# Reading a backup -----------------------------------------------------------------------------
def read_header(path: Path) -> BackupHeader:
    """The header of a backup file; a file that is not one, or is cut short, is refused."""
    try:
        with open(path, "rb") as handle:
            if handle.read(len(MAGIC)) != MAGIC:
                raise ValidationError("backup.not_a_backup", file=path.name)
            (length,) = struct.unpack(">I", _read_exactly(handle, 4, path))
            if length > _MAX_HEADER:
                raise ValidationError("backup.damaged", file=path.name)
            data = json.loads(_read_exactly(handle, length, path).decode("ascii"))
            header = BackupHeader(
                installation=str(data["installation"]),
                created=str(data["created"]),
                db_size=int(data["db_size"]),
                db_sha256=str(data["db_sha256"]),
                slots=dict(data["slots"]),
                mac=str(data["mac"]),
                offset=len(MAGIC) + 4 + length,
            )
            if data.get("fieldapp_backup", 0) > FORMAT_VERSION:
                raise ValidationError("backup.too_new", file=path.name)
    except FileNotFoundError:
        raise ValidationError("backup.unreadable", file=str(path)) from None
    except IsADirectoryError:
        raise ValidationError("backup.not_a_backup", file=path.name) from None
    except OSError:
        raise ValidationError("backup.unreadable", file=str(path)) from None
    except (ValueError, KeyError, TypeError, struct.error, UnicodeDecodeError):
        raise ValidationError("backup.damaged", file=path.name) from None
    return header


def _read_exactly(handle: BinaryIO, size: int, path: Path) -> bytes:
    data = handle.read(size)
    if len(data) != size:
        raise ValidationError("backup.truncated", file=path.name)
    return data


def check_backup_file(path: Path) -> BackupHeader:
    """Header readable, database complete and unchanged (size and SHA-256)."""
    header = read_header(path)
    size = path.stat().st_size - header.offset
    if size != header.db_size:
        raise ValidationError("backup.truncated", file=path.name)
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        handle.seek(header.offset)
        for chunk in iter(lambda: handle.read(_CHUNK), b""):
            digest.update(chunk)
    if digest.hexdigest() != header.db_sha256:
        raise ValidationError("backup.damaged", file=path.name)
    return header


def backup_key(
    path: Path, header: BackupHeader, *, current: bytes | None, recovery_code: str | None
) -> bytes:
    """The key that opens a backup.

    This store's key if the backup is the same installation's, else the one the recovery code
    unwraps from the backup's own slots.
    """
    if current is not None and _mac_ok(current, header):
        return current
    if not recovery_code:
        raise ValidationError("backup.needs_recovery_code", file=path.name)
    key = KeySlots.from_json(path, header.slots).unlock_recovery(recovery_code)
    if not _mac_ok(key, header):
        raise ValidationError("backup.damaged", file=path.name)
    return key


def verify_backup(path: Path, key: bytes) -> dict[str, int]:
    """Check a written backup end to end; the row counts of its tables."""
    header = check_backup_file(path)
    if not _mac_ok(key, header):
        raise FieldAppError("backup.verify_failed", path=str(path))
    extracted = path.with_name(f".{path.name}.verify")
    try:
        _extract(path, header, extracted)
        return _checked_counts(extracted, key, path)
    finally:
        extracted.unlink(missing_ok=True)


def _extract(path: Path, header: BackupHeader, target: Path) -> None:
    with open(path, "rb") as handle, open(target, "wb") as out:
        handle.seek(header.offset)
        shutil.copyfileobj(handle, out, _CHUNK)
        out.flush()
        os.fsync(out.fileno())


def _checked_counts(database: Path, key: bytes, shown_as: Path) -> dict[str, int]:
    try:
        connection = cipher.connect(database, key)
        try:
            if connection.execute("PRAGMA cipher_integrity_check").fetchall():
                raise ValidationError("backup.damaged", file=shown_as.name)
            if connection.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise ValidationError("backup.damaged", file=shown_as.name)
            return cipher.table_row_counts(connection)
        finally:
            connection.close()
    except cipher.Error:
        raise ValidationError("backup.damaged", file=shown_as.name) from None


# Restoring ------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RestoreResult:
    """Where the restored store is and where the one it replaced was kept."""

    store: Path
    kept_aside: Path | None
    rows: dict[str, int]


def restore_backup(
    backup: Path, store: Path, *, recovery_code: str | None = None, now: datetime | None = None
) -> RestoreResult:
    """Put a backup in place of the store at `store`; the current one is kept aside.

    Everything is checked first (a backup, complete, the right key, every page); only then is
    the current store moved aside, with its `-wal` and `-shm` (a stale WAL left by a crash
    would otherwise be replayed onto the restored file and corrupt it), and the copy swapped in.
    """
    header = check_backup_file(backup)
    key = backup_key(backup, header, current=keychain.key_for(store), recovery_code=recovery_code)
    store.parent.mkdir(parents=True, exist_ok=True)
    incoming = store.with_name(store.name + ".restoring")
    try:
        _extract(backup, header, incoming)
        rows = _checked_counts(incoming, key, backup)
    except BaseException:
        incoming.unlink(missing_ok=True)
        raise
    aside = _move_aside(store, now or datetime.now(UTC))
    os.replace(incoming, store)
    slots = KeySlots.from_json(slots_path_for(store), header.slots)
    slots.save()
    keychain.remember(store, key)
    return RestoreResult(store, aside, rows)


def _move_aside(store: Path, when: datetime) -> Path | None:
    """Rename the store and its companions to `…before-restore-<time>…`."""
    tag = f".before-restore-{when:%Y%m%dT%H%M%S%f}"
    kept = None
    for suffix in ("", "-wal", "-shm", ".keys"):
        current = Path(str(store) + suffix)
        if current.exists():
            target = Path(str(store) + tag + suffix)
            os.replace(current, target)
            if suffix == "":
                kept = target
    return kept


def _mac_ok(key: bytes, header: BackupHeader) -> bool:
    return hmac.compare_digest(_mac(key, header.signed_part()), header.mac)


def _mac(key: bytes, data: bytes) -> str:
    mac_key = HKDF(hashes.SHA256(), 32, None, b"FieldApp backup mac v1").derive(key)
    return hmac.new(mac_key, data, hashlib.sha256).hexdigest()


def _canonical(data: dict[str, Any]) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":")).encode("ascii")


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)

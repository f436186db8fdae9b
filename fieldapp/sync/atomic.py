"""Writing a bundle to a stick so that a pulled stick never leaves a half file under the name.

Temp file in the same folder, write, flush, fsync, rename, fsync the folder; then read the
file back (asking the OS to drop its cached pages first where it can) and compare.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import time
from pathlib import Path

from fieldapp.sync.errors import ExportWriteError

CHUNK = 1 << 20
_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC), errno.EFBIG}
_READ_ONLY = {errno.EROFS, errno.EACCES, errno.EPERM}


def _write_chunk(fd: int, data: memoryview) -> int:
    """One `os.write`; a seam where tests make the stick full."""
    return os.write(fd, data)


def write_atomically(target: Path, data: bytes) -> None:
    """Write `data` to `target` all at once or not at all; raise a clear error on failure."""
    folder = target.parent
    temp = folder / f".{target.name}.{secrets.token_hex(4)}.part"
    fd: int | None = None
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0))
        view = memoryview(data)
        while view:
            written = _write_chunk(fd, view[:CHUNK])
            view = view[written:]
        os.fsync(fd)
        os.close(fd)
        fd = None
        _replace(temp, target)
        _fsync_folder(folder)
    except OSError as err:
        if fd is not None:
            os.close(fd)
        _remove_quietly(temp)
        raise _write_error(err, folder) from err


WINDOWS = os.name == "nt"
RENAME_TRIES, RENAME_PAUSE = 20, 0.1  # up to two seconds


def _replace(temp: Path, target: Path) -> None:
    """`os.replace`, retried briefly when Windows says the file is in use.

    On Windows a virus scanner or the search indexer opens a fresh file for a moment, and a
    rename then fails with "access denied" (PermissionError); a moment later it works.
    POSIX renames never fail that way, so elsewhere the first error is final.
    """
    for attempt in range(RENAME_TRIES):
        try:
            os.replace(temp, target)
            return
        except PermissionError:
            if not WINDOWS or attempt == RENAME_TRIES - 1:
                raise
            time.sleep(RENAME_PAUSE)


def read_back(target: Path, expected: bytes) -> bool:
    """True if the file on the drive now holds exactly `expected`."""
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_BINARY", 0))
    except OSError:
        return False
    try:
        if hasattr(os, "posix_fadvise"):
            # Drop cached pages so the read goes to the stick, not to memory.
            os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        digest = hashlib.sha256()
        while chunk := os.read(fd, CHUNK):
            digest.update(chunk)
    except OSError:
        return False
    finally:
        os.close(fd)
    return digest.digest() == hashlib.sha256(expected).digest()


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows cannot open a folder for fsync; the rename is durable there.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    except OSError as err:
        if err.errno not in (errno.EINVAL, errno.ENOTSUP):  # some FAT drivers refuse
            raise
    finally:
        os.close(fd)


def _remove_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _write_error(err: OSError, folder: Path) -> ExportWriteError:
    if err.errno in _FULL:
        return ExportWriteError("sync.disk_full", folder=str(folder))
    if err.errno in _READ_ONLY:
        return ExportWriteError("sync.read_only", folder=str(folder))
    return ExportWriteError("sync.write_failed", folder=str(folder), detail=err.strerror or "")

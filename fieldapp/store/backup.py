"""Copies of the store that are safe to take while the app runs (SQLite's online backup)."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from fieldapp.domain.errors import FieldAppError
from fieldapp.store.engine import sqlite_path


def backup_sqlite(url: str, folder: Path, *, now: datetime | None = None) -> Path:
    """Write a consistent copy of the SQLite store into `folder`; return its path.

    Uses SQLite's backup API, so visits being recorded meanwhile neither block nor tear it.
    """
    source = sqlite_path(url)
    if source is None:
        raise FieldAppError("backup.not_sqlite")
    if not source.exists():
        raise FieldAppError("backup.no_store", location=str(source))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise FieldAppError("backup.cannot_write", location=str(folder)) from error
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%d-%H%M%S")
    target = folder / f"fieldapp-backup-{stamp}.sqlite3"
    partial = target.with_suffix(".partial")
    try:
        with sqlite3.connect(source) as src, sqlite3.connect(partial) as dst:
            src.backup(dst)
        partial.replace(target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        raise FieldAppError("backup.cannot_write", location=str(folder)) from error
    return target

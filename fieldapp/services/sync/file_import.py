"""One loop for every import of bundle files: each file stands or falls on its own.

The points' bundles at the commune (`importing.py`) and the communes' summaries at the
province (`province/importing.py`) differ in what a file means; how the files are walked, how
a failure stays that file's line alone, how cancelling stops, and the closing per-sender
summary are the same, and live here.

Two ways to keep files apart: a transaction per file (`batch=False`), or one transaction for
the whole import with a savepoint per file (`batch=True`): one commit (one fsync on SQLite)
instead of one per file; a refused or failing file is still rolled back alone.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from fieldapp.domain.errors import FieldAppError
from fieldapp.services.bulk import bulk_work
from fieldapp.services.progress import CancelledError, Progress, check_cancelled
from fieldapp.services.sync.reporting import REFUSED, FileResult, ImportReport, summaries
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import sync_peers as peers_q
from fieldapp.store.savepoints import savepoint
from fieldapp.sync.bundle import MAX_BUNDLE_BYTES
from fieldapp.sync.errors import BundleRefusedError

_log = logging.getLogger(__name__)

Source = tuple[str, Path | bytes]
"""A file to import: its name for the messages, and its path or (held aside) its bytes."""
OpenAndStore = Callable[[UnitOfWork, str, bytes], FileResult]
"""Check one file and store it in the open unit of work; raise to refuse it."""


def import_each(
    uow: UnitOfWork,
    sources: list[Source],
    open_and_store: OpenAndStore,
    *,
    progress: Progress,
    what: str = "bundle",
    batch: bool = False,
) -> ImportReport:
    """Import the files one by one; then say, per sender, what came and what is missing.

    Cancelling stops before the next file (and rolls back the one under way); the files
    already imported stay imported, as the report says.
    """
    report = ImportReport()
    total = len(sources) + 1
    with bulk_work():
        if batch:
            _in_one_transaction(uow, sources, open_and_store, progress, what, report)
        else:
            for index, (name, source) in enumerate(sources):
                check_cancelled(progress)
                progress.report(index, total)
                report.files.append(_own_transaction(uow, name, source, open_and_store, what))
        check_cancelled(progress)
        with uow:
            session = uow.repo.session
            report.senders = summaries(session, peers_q.peers_by_key(session), report.files)
    progress.report(total, total)
    return report


def _own_transaction(
    uow: UnitOfWork, name: str, source: Path | bytes, open_and_store: OpenAndStore, what: str
) -> FileResult:
    """Open, check and store one file in one transaction; any failure is this file's alone."""
    try:
        data = read_source(source, name)
        with uow:
            result = open_and_store(uow, name, data)
            uow.commit()
        return result
    except CancelledError:
        raise
    except Exception as err:
        return _refused(name, err, what)


def _in_one_transaction(
    uow: UnitOfWork,
    sources: list[Source],
    open_and_store: OpenAndStore,
    progress: Progress,
    what: str,
    report: ImportReport,
) -> None:
    """Every file in a savepoint of one transaction, committed once at the end.

    Cancelling commits the files done before it (as the per-file way leaves them) and stops.
    """
    total = len(sources) + 1
    with uow:
        try:
            for index, (name, source) in enumerate(sources):
                check_cancelled(progress)
                progress.report(index, total)
                try:
                    data = read_source(source, name)
                    with savepoint(uow.repo.session):
                        result = open_and_store(uow, name, data)
                except CancelledError:
                    raise
                except Exception as err:
                    result = _refused(name, err, what)
                report.files.append(result)
        finally:
            uow.commit()


def _refused(name: str, err: Exception, what: str) -> FileResult:
    if isinstance(err, FieldAppError):  # a refusal, or a rule of the store (not set up)
        return FileResult(name, REFUSED, err.message_id, err.params)
    # a bug or the database failing: say so on this file's line only, without the data
    _log.error("%s %s not imported: %s", what, name, type(err).__name__)
    return FileResult(
        name, REFUSED, "sync.import_failed", {"file": name, "error": type(err).__name__}
    )


def read_source(source: Path | bytes, name: str) -> bytes:
    """A file's bytes, refused unread if larger than any bundle may be."""
    if isinstance(source, bytes):
        return source
    try:
        if source.stat().st_size > MAX_BUNDLE_BYTES:
            raise BundleRefusedError(
                "sync.too_large", file=name, limit=MAX_BUNDLE_BYTES // (1 << 20)
            )
        return source.read_bytes()
    except OSError:
        raise BundleRefusedError("sync.unreadable", file=name) from None

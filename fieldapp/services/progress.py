"""Progress and cancel for long work (imports, bundles, PDFs), with no Qt in sight."""

from __future__ import annotations

from typing import Protocol

from fieldapp.domain.errors import FieldAppError


class Progress(Protocol):
    """What a long service call reports to, and asks whether to stop."""

    def report(self, done: int, total: int) -> None:
        """`done` of `total` units finished."""

    @property
    def cancelled(self) -> bool:
        """True once the user asked to stop."""


class NullProgress:
    """Progress that nobody watches: for the CLI, tests and benchmarks."""

    cancelled = False

    def report(self, done: int, total: int) -> None:
        """Ignore the report."""


class CancelledError(FieldAppError):
    """The user stopped the work; nothing of it was stored."""

    def __init__(self) -> None:
        super().__init__("task.cancelled")


def check_cancelled(progress: Progress) -> None:
    """Raise `CancelledError` when the user asked to stop (the transaction then rolls back)."""
    if progress.cancelled:
        raise CancelledError()

"""Progress and cancel for long work (imports, bundles, PDFs), with no Qt in sight."""

from __future__ import annotations

import time
from collections.abc import Callable
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


class RateMeter:
    """Rows per second and time left, from `done` of `total` and the time since start.

    The rate is measured over the whole run so far (a list's rows cost about the same each);
    the time left is None until a first chunk is done.
    """

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.started = clock()

    def measure(self, done: int, total: int) -> tuple[float, float | None]:
        """(rows per second, seconds left or None)."""
        elapsed = max(1e-6, self.clock() - self.started)
        rate = done / elapsed
        if done <= 0 or total <= 0 or rate <= 0:
            return rate, None
        return rate, max(0.0, (total - done) / rate)

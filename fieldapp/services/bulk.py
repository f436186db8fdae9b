"""Bulk work (list imports, bundles, report figures) without the cyclic GC's rescans."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def bulk_work() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while many small, acyclic objects are made.

    A bulk step makes hundreds of thousands of rows, tuples and dicts, none in a cycle; each
    counts toward the collector's thresholds, and its full scans cost as much as the work
    itself. Reference counting still frees everything as usual. The pause is process-wide for
    the seconds the step takes (work runs one task at a time); the collector resumes after,
    also on error, if it was on before.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()

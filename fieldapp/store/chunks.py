"""The one way the store splits many keys into `IN (...)` lists (or many rows into batches)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

IN_LIST_SIZE = 5000
"""Keys per `IN (...)`: under SQLite's 32,766 bound parameters (3.32 and later, as bundled with
every Python FieldApp runs on) and PostgreSQL's 65,535, with room for a statement's others."""

T = TypeVar("T")


def chunked(items: Iterable[T], size: int = IN_LIST_SIZE) -> Iterator[list[T]]:
    """`items` in lists of at most `size`, in order; nothing for no items."""
    if isinstance(items, list):  # slices of a list are new lists already
        for start in range(0, len(items), size):
            yield items[start : start + size]
        return
    iterator = iter(items)
    while part := list(islice(iterator, size)):
        yield part

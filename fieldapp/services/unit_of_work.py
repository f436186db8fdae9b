"""The unit-of-work port the services depend on."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol, Self

if TYPE_CHECKING:
    from fieldapp.store.repository import SqlRepository


class UnitOfWork(Protocol):
    """`with uow: ...; uow.commit()`; leaving without commit rolls back."""

    repo: SqlRepository

    def __enter__(self) -> Self: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None:
        """Make the block's work permanent."""

"""The unit of work: one session, one transaction, per user action or import."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from fieldapp.store.repository import SqlRepository


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()`: leaving the block without a commit rolls back."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = sessionmaker(engine, class_=Session, expire_on_commit=False)
        self.session: Session | None = None

    def __enter__(self) -> SqlUnitOfWork:
        self.session = self._factory()
        self.repo = SqlRepository(self.session)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self.session is not None
        self.session.rollback()
        self.session.close()
        self.session = None

    def commit(self) -> None:
        """Make everything done in this block permanent, at once."""
        assert self.session is not None
        self.session.commit()

    def rollback(self) -> None:
        """Forget everything done in this block."""
        assert self.session is not None
        self.session.rollback()

"""The unit of work: one session, one transaction, per user action or import."""

from __future__ import annotations

from types import TracebackType
from weakref import WeakKeyDictionary

from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker
from sqlmodel import Session

from fieldapp.store.repository import SqlRepository

_FACTORIES: WeakKeyDictionary[Engine, sessionmaker[Session]] = WeakKeyDictionary()


def _session_factory(engine: Engine) -> sessionmaker[Session]:
    """One session factory per engine, made once.

    A sessionmaker builds a Session subclass, which costs more than all of a scan's queries.
    """
    factory = _FACTORIES.get(engine)
    if factory is None:
        factory = sessionmaker(engine, class_=Session, expire_on_commit=False)
        _FACTORIES[engine] = factory
    return factory


class SqlUnitOfWork:
    """`with uow: ...; uow.commit()`: leaving the block without a commit rolls back."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._factory = _session_factory(engine)
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
        self.repo.touched.clear()
        self.session = None

    def commit(self) -> None:
        """Make everything done in this block permanent, at once.

        The report projection follows in the same transaction: the citizens the block's
        writes touched are folded again first (`store/status_projection.py`).
        """
        assert self.session is not None
        if self.repo.touched:
            # imported here: a read-only command (`fieldapp status`) never loads it
            from fieldapp.store import status_projection

            status_projection.refresh(self.session, self.repo.touched)
            self.repo.touched.clear()
        self.session.commit()

    def rollback(self) -> None:
        """Forget everything done in this block."""
        assert self.session is not None
        self.session.rollback()
        self.repo.touched.clear()

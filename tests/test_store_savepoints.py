"""A batch's savepoints stay inside one transaction, on SQLite as on PostgreSQL.

Python's sqlite3 driver starts a transaction only at the first write, so a SAVEPOINT before
any write would itself start one and its RELEASE would commit: the batch would be committed
item by item, and neither one fsync nor "roll the whole batch back" would hold.
"""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlmodel import Session

from fieldapp.store import tables as t
from fieldapp.store.savepoints import savepoint

pytestmark = pytest.mark.postgres


def _keys(engine) -> set[str]:
    with Session(engine) as session:
        stmt = select(t.Setting.key).where(t.Setting.key.like("x.%"))
        return set(session.execute(stmt).scalars())


def test_a_released_savepoint_is_not_a_commit(engine):
    with Session(engine) as session:
        with savepoint(session):
            session.add(t.Setting(key="x.one", value="1"))
        assert "x.one" in set(session.execute(select(t.Setting.key)).scalars())
        session.rollback()  # the batch is abandoned: nothing of it stays
    assert _keys(engine) == set()


def test_a_failed_item_is_undone_alone_and_the_batch_commits_the_others(engine):
    with Session(engine) as session:
        with savepoint(session):
            session.add(t.Setting(key="x.one", value="1"))
        with pytest.raises(RuntimeError), savepoint(session):
            session.add(t.Setting(key="x.two", value="2"))
            session.flush()
            raise RuntimeError("this item fails after writing")
        with savepoint(session):
            session.add(t.Setting(key="x.three", value="3"))
        session.commit()
    assert _keys(engine) == {"x.one", "x.three"}

"""One transaction for a batch of items, each item in its own savepoint.

A batch commits once (one fsync on SQLite, one round of commit on a server) instead of once
per item, and an item that fails is rolled back alone to its savepoint, so the others stand.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlmodel import Session


@contextmanager
def savepoint(session: Session) -> Iterator[None]:
    """Run the block in a savepoint of the session's transaction; an exception undoes it alone.

    Python's sqlite3 driver opens a transaction only before its first write, so a SAVEPOINT
    issued before any write would itself open the transaction and its RELEASE would commit
    it: the batch would commit item by item. An explicit BEGIN first keeps one transaction.
    """
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            connection.exec_driver_sql("BEGIN")
    with session.begin_nested():
        yield

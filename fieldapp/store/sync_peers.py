"""Store queries of the sync area's bookkeeping: enrolled keys, imports seen, bundles held aside.

The sync services call these by name and never write SQL themselves; the roles and statuses
are the sync area's words (`fieldapp.sync.keys`, `services/sync/common.py`), passed in.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session

from fieldapp.store import tables as t

StoreSession = Session
"""The handle a service passes to the store's named queries (it runs no SQL on it itself)."""


def first_peer(session: Session, *, role: str, status: str) -> t.SyncPeer | None:
    """One enrolled key with this role and status (at a point: the commune police's)."""
    stmt = select(t.SyncPeer).where(t.SyncPeer.role == role, t.SyncPeer.status == status)
    return session.execute(stmt).scalars().first()


def peers(
    session: Session, *, role: str | None = None, status: str | None = None
) -> list[t.SyncPeer]:
    """The keys this store knows, by name; only those of a role and status if given."""
    stmt = select(t.SyncPeer)
    if role is not None:
        stmt = stmt.where(t.SyncPeer.role == role)
    if status is not None:
        stmt = stmt.where(t.SyncPeer.status == status)
    return list(session.execute(stmt.order_by(t.SyncPeer.name)).scalars())


def peers_by_key(session: Session) -> dict[str, t.SyncPeer]:
    """Every known key by its id (hex), for an import's checks."""
    return {r.fingerprint: r for r in session.execute(select(t.SyncPeer)).scalars()}


def peer(session: Session, key_id: str) -> t.SyncPeer | None:
    """The key with this id (hex), if known."""
    return session.get(t.SyncPeer, key_id)


def save(session: Session, row: object) -> None:
    """Add or update a row of the sync bookkeeping in the unit of work."""
    session.add(row)


def sequences_from(session: Session, sender: str) -> set[int]:
    """The sequence numbers of the bundles imported from this sender."""
    stmt = select(t.SyncImport.sequence).where(t.SyncImport.sender == sender)
    return set(session.execute(stmt).scalars())


class HeldRow(NamedTuple):
    """A bundle held aside (from a key not enrolled), as the keys screen lists it."""

    sender: str
    sender_label: str
    sequence: int
    file_name: str
    received_at: datetime


def held_bundles(session: Session) -> list[HeldRow]:
    """The bundles held aside, oldest first."""
    q = t.SyncQuarantine
    stmt = select(q.sender, q.sender_label, q.sequence, q.file_name, q.received_at)
    return [HeldRow(*r) for r in session.execute(stmt.order_by(q.received_at))]


def held_bundle_data(session: Session, sender: str) -> bytes | None:
    """The bytes of one bundle held aside from this sender (its header carries their card)."""
    stmt = select(t.SyncQuarantine.data).where(t.SyncQuarantine.sender == sender).limit(1)
    data = session.execute(stmt).scalar()
    return None if data is None else bytes(data)


def held_from(session: Session, sender: str) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the bundles held aside from this sender, in their order."""
    q = t.SyncQuarantine
    stmt = select(q.file_name, q.data).where(q.sender == sender).order_by(q.sequence)
    return [(name, bytes(data)) for name, data in session.execute(stmt)]


def is_held(session: Session, digest: str) -> bool:
    """True if this bundle is already held aside."""
    return session.get(t.SyncQuarantine, digest) is not None


def release_held(session: Session, digests: list[str]) -> None:
    """Forget these bundles held aside (they have been imported), then write the block's rows."""
    table = t.SyncQuarantine.__table__  # type: ignore[attr-defined]
    session.execute(table.delete().where(table.c.digest.in_(digests)))
    session.flush()


def was_imported(session: Session, digest: str) -> bool:
    """True if this very bundle was imported before (a replay)."""
    return session.get(t.SyncImport, digest) is not None

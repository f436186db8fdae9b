"""The store key's slots kept in a server database, so any seat unlocks with a PIN alone.

On PostgreSQL an office's officers sit at several seats. The slots (`keyslots.KeySlots`: the
store key wrapped under each user's PIN by scrypt + AES-GCM, and under the recovery code) used
to live in a file on the seat that ran `init`, to be copied by hand to every other. Here the
same JSON is one row of `store_key_slots`, read under a row lock and written in the caller's
transaction, so a new user, a new PIN or a removal is one commit with the account, and two
seats' changes never overwrite each other. A seat's old file is moved in once (and shredded
when that commit is made); from then on the row is the truth. No new cryptography: the slots
are the file's, byte for byte.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, insert, inspect, select, update
from sqlalchemy.orm import Session

from fieldapp.store import keychain, tables
from fieldapp.store.atrest import StoreState, key_anchor, shred
from fieldapp.store.engine import make_engine
from fieldapp.store.keyslots import KeySlots, SlotsDamagedError, UnlockError, slots_path_for

_TABLE = tables.StoreKeySlots.__table__
_ROW = 1


def slots_for_change(session: Session, anchor: Path) -> KeySlots | None:
    """The server's slots, row locked, saved in the session's transaction (None: none yet).

    A seat's key file is moved into the row the first time (and shredded once the session
    commits); a file left on a seat after that is stale and shredded unread. On a schema
    older than the table the file is used as before.
    """
    file = slots_path_for(anchor)
    if not _has_table(session):
        return KeySlots.load(file) if file.exists() else None
    query = select(_TABLE.c.body).where(_TABLE.c.id == _ROW).with_for_update()
    body = session.execute(query).scalar()
    if body is not None:
        if file.exists():
            shred(file)
        try:
            slots = KeySlots.from_json(file, json.loads(body))
        except ValueError:
            raise SlotsDamagedError("keys.slots_damaged", file=_TABLE.name) from None
        return _saved_in(session, slots)
    if not file.exists():
        return None
    slots = KeySlots.load(file)
    session.execute(insert(_TABLE).values(id=_ROW, body=_dump(slots.to_json())))
    event.listen(session, "after_commit", lambda _session: shred(file), once=True)
    return _saved_in(session, slots)


def state(url: str) -> StoreState:
    """Unlocked in this process, locked (slots in the database or a file here), or new."""
    anchor = key_anchor(url)
    if keychain.key_for(anchor) is not None:
        return StoreState.UNLOCKED
    if slots_path_for(anchor).exists():
        return StoreState.LOCKED
    with _session(url) as session:
        counted = select(func.count()).select_from(_TABLE)
        if _has_table(session) and session.execute(counted).scalar():
            return StoreState.LOCKED
    return StoreState.NEW


def unlock_with_pin(url: str, user_name: str, pin: str) -> uuid.UUID:
    """Unlock with a user's PIN, at any seat; a wrong PIN counts on every seat."""
    anchor = key_anchor(url)
    with _session(url) as session:
        slots = _slots_or_refuse(session, anchor)
        user_id = slots.find_user(user_name)
        if user_id is None:
            # Same answer as a wrong PIN: a name without a slot is not confirmed to anyone.
            raise UnlockError("signin.wrong_pin")
        try:
            key = slots.unlock_user(user_id, pin)
        finally:
            session.commit()  # the failure count (or the file moved in) is kept either way
    keychain.remember(anchor, key)
    return uuid.UUID(user_id)


def unlock_with_recovery(url: str, code: str) -> None:
    """Unlock with the recovery code, at any seat (a fresh one too)."""
    anchor = key_anchor(url)
    with _session(url) as session:
        key = _slots_or_refuse(session, anchor).unlock_recovery(code)
        session.commit()
    keychain.remember(anchor, key)


@contextmanager
def _session(url: str) -> Iterator[Session]:
    engine = make_engine(url)
    try:
        with Session(engine) as session:
            yield session
    finally:
        engine.dispose()


def _slots_or_refuse(session: Session, anchor: Path) -> KeySlots:
    slots = slots_for_change(session, anchor)
    if slots is None:
        raise SlotsDamagedError("keys.slots_missing", file=str(slots_path_for(anchor)))
    return slots


def _saved_in(session: Session, slots: KeySlots) -> KeySlots:
    def write(data: dict[str, Any]) -> None:
        statement = update(_TABLE).where(_TABLE.c.id == _ROW).values(body=_dump(data))
        session.execute(statement)

    slots.sink = write
    return slots


def _has_table(session: Session) -> bool:
    return inspect(session.connection()).has_table(_TABLE.name)


def _dump(data: dict[str, Any]) -> str:
    return json.dumps(data, sort_keys=True)

"""Keeping the store key's slots in step with the users: add, new PIN, rename, remove, unlock.

The users service calls these through its hooks (`connect_to_accounts`, done by each face
where it opens the store), inside the transaction that changes the account. They do nothing
on a store that is not encrypted by FieldApp's key (a plain store, a fake unit of work).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from fieldapp.domain import model as dm
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import keychain, server_slots
from fieldapp.store.atrest import key_anchor
from fieldapp.store.engine import sqlite_path
from fieldapp.store.keyslots import KeySlots, UnlockError, slots_path_for

Found = tuple[KeySlots, bytes] | None


@contextmanager
def _slots_and_key(uow: UnitOfWork) -> Iterator[Found]:
    """The slots to change and the store key, or None (not encrypted by FieldApp's key).

    On a laptop, the file beside the store (each save writes it). On a database server, the
    row in the database, saved in the caller's open unit of work (so with the account change
    it follows), or else in one of its own, committed here.
    """
    engine = getattr(uow, "engine", None)
    if engine is None:
        yield None
        return
    url = engine.url.render_as_string(hide_password=False)
    anchor = key_anchor(url)
    key = keychain.key_for(anchor)
    if key is None:
        yield None
    elif sqlite_path(url) is not None:
        path = slots_path_for(anchor)
        yield (KeySlots.load(path), key) if path.exists() else None
    elif getattr(uow, "session", None) is not None:  # the caller's transaction
        yield _on_server(uow, anchor, key)
    else:
        with uow:
            try:
                yield _on_server(uow, anchor, key)
            except UnlockError:
                uow.commit()  # a wrong PIN counts on every seat
                raise
            uow.commit()


def _on_server(uow: UnitOfWork, anchor: Path, key: bytes) -> Found:
    slots = server_slots.slots_for_change(uow.repo.session, anchor)
    return None if slots is None else (slots, key)


def users_pins_set(uow: UnitOfWork, users: Iterable[tuple[dm.User, str]]) -> None:
    """New users, or new PINs: each gets a slot wrapping the store key under their PIN."""
    with _slots_and_key(uow) as found:
        if found is None:
            return
        slots, key = found
        for user, pin in users:
            if pin:
                slots.set_user(user.id, user.name, pin, key)
        slots.save()


def user_renamed(uow: UnitOfWork, user_id: uuid.UUID, name: str) -> None:
    """A renamed user signs in with the new name."""
    with _slots_and_key(uow) as found:
        if found is not None:
            found[0].rename_user(user_id, name)
            found[0].save()


def user_removed(uow: UnitOfWork, user_id: uuid.UUID) -> None:
    """A deactivated user's PIN no longer opens the store."""
    with _slots_and_key(uow) as found:
        if found is not None:
            found[0].remove_user(user_id)
            found[0].save()


def user_unlocked(uow: UnitOfWork, user_id: uuid.UUID) -> None:
    """An admin unlocked a user: their wrong-PIN count starts again."""
    with _slots_and_key(uow) as found:
        if found is not None:
            found[0].reset_failures(user_id)
            found[0].save()


IDLE_LOCK_MINUTES = "idle_lock_minutes"
DEFAULT_IDLE_LOCK_MINUTES = 5.0


def idle_lock_minutes(uow: UnitOfWork) -> float:
    """After how many idle minutes the desk locks (the `idle_lock_minutes` setting; 0: never)."""
    with uow:
        value = uow.repo.get_setting(IDLE_LOCK_MINUTES)
    try:
        return DEFAULT_IDLE_LOCK_MINUTES if value is None else max(0.0, float(value))
    except ValueError:
        return DEFAULT_IDLE_LOCK_MINUTES


def set_idle_lock_minutes(uow: UnitOfWork, minutes: float) -> None:
    """Change the idle time before the desk locks."""
    with uow:
        uow.repo.set_setting(IDLE_LOCK_MINUTES, str(max(0.0, float(minutes))))
        uow.commit()


def check_unlock_pin(uow: UnitOfWork, user: dm.User, pin: str) -> None:
    """The PIN that opens a locked desk: the user's slot must give this store's key.

    A wrong PIN counts in the slot like one at start-up. On a store without slots (a plain
    test store) the PIN hash decides.
    """
    with _slots_and_key(uow) as found:
        if found is not None:
            slots, key = found
            if slots.unlock_user(str(user.id), pin) != key:
                raise UnlockError("signin.wrong_pin")
            return
    from fieldapp.services.setup import sign_in

    sign_in(uow, user.id, pin)


class SlotHooks:
    """The users service's hooks for the store-key slots."""

    def user_added(self, uow: UnitOfWork, user: dm.User, pin: str) -> None:
        """A new user's PIN gets a slot."""
        users_pins_set(uow, [(user, pin)])

    def pin_changed(self, uow: UnitOfWork, user: dm.User, pin: str) -> None:
        """A new PIN rewraps the user's slot."""
        users_pins_set(uow, [(user, pin)])

    def user_deactivated(self, uow: UnitOfWork, user: dm.User) -> None:
        """A deactivated user's slot goes."""
        user_removed(uow, user.id)

    def user_renamed(self, uow: UnitOfWork, user: dm.User) -> None:
        """The slot answers to the new name."""
        user_renamed(uow, user.id, user.name)

    def user_unlocked(self, uow: UnitOfWork, user: dm.User) -> None:
        """Wrong PINs typed at the slot are forgiven with the account's."""
        user_unlocked(uow, user.id)


SLOT_HOOKS = SlotHooks()


def connect_to_accounts() -> None:
    """Have every account change update the slots (idempotent)."""
    from fieldapp.services import users

    users.register_hooks(SLOT_HOOKS)


def prune_slots(uow: UnitOfWork) -> None:
    """Drop the slots of users the store no longer has as active.

    After a demo store is emptied, the printed demo PINs must not open the real store.
    """
    with uow:
        active = {str(u.id) for u in uow.repo.users() if u.active}
    with _slots_and_key(uow) as found:
        if found is None:
            return
        slots, _key = found
        for user_id in slots.user_ids():
            if user_id not in active:
                slots.remove_user(uuid.UUID(user_id))
        slots.save()

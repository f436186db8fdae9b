"""Opening the store when the desk starts: new key, encrypting an old plain store, or unlocking."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget
from sqlalchemy import Engine

from fieldapp.store import atrest
from fieldapp.store.atrest import StoreState
from fieldapp.store.migrate import open_store
from fieldapp.ui.backup_restore import RecoveryCodeDialog
from fieldapp.ui.store_lock import UnlockDialog


@dataclass(frozen=True, slots=True)
class Unlocked:
    """Who unlocked the store with their PIN (they need not sign in again)."""

    user_id: uuid.UUID
    pin: str


def open_desk_store(
    url: str, lang: str, parent: QWidget | None = None
) -> tuple[Engine, Unlocked | None] | None:
    """The engine, and who unlocked it; None if the person cancelled."""
    anchor, state = atrest.state_of_url(url)
    code = None
    unlocked: Unlocked | None = None
    if state is StoreState.NEW:
        code = atrest.create_store_key(anchor)
    elif state is StoreState.PLAIN:
        code = atrest.encrypt_plain_store(anchor)
    elif state is StoreState.LOCKED:

        def by_pin(name: str, pin: str) -> Unlocked:
            return Unlocked(atrest.unlock_with_pin(anchor, name, pin), pin)

        dialog = UnlockDialog(
            lang,
            unlock_pin=by_pin,
            unlock_recovery=lambda text: atrest.unlock_with_recovery(anchor, text),
            parent=parent,
        )
        if not dialog.exec():
            return None
        if isinstance(dialog.result_value, Unlocked):
            unlocked = dialog.result_value
    if code is not None:
        RecoveryCodeDialog(lang, code, parent).exec()
    return open_store(url), unlocked

"""Before the desk opens the store: a new key, encrypting an old plain store, or unlocking it."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from PySide6.QtWidgets import QWidget

from fieldapp.services import protection
from fieldapp.services.protection import StoreState
from fieldapp.ui.backup_restore import RecoveryCodeDialog
from fieldapp.ui.store_lock import UnlockDialog


@dataclass(frozen=True, slots=True)
class Unlocked:
    """Who unlocked the store with their PIN (they need not sign in again)."""

    user_id: uuid.UUID
    pin: str


def prepare_desk_store(url: str, lang: str, parent: QWidget | None = None) -> Unlocked | bool:
    """Leave the store ready to open.

    Returns who unlocked it, True if nobody had to, False if the person cancelled. A new or
    just-encrypted store's recovery code is shown once.
    """
    state = protection.state(url)
    code = None
    unlocked: Unlocked | bool = True
    if state is StoreState.NEW:
        code = protection.create_key(url)
    elif state is StoreState.PLAIN:
        code = protection.encrypt_plain(url)
    elif state is StoreState.LOCKED:

        def by_pin(name: str, pin: str) -> Unlocked:
            return Unlocked(protection.unlock_with_pin(url, name, pin), pin)

        dialog = UnlockDialog(
            lang,
            unlock_pin=by_pin,
            unlock_recovery=lambda text: protection.unlock_with_recovery(url, text),
            parent=parent,
        )
        if not dialog.exec():
            return False
        if isinstance(dialog.result_value, Unlocked):
            unlocked = dialog.result_value
    if code is not None:
        RecoveryCodeDialog(lang, code, parent).exec()
    return unlocked

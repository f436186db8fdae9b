"""Before a command opens the store: make its key, encrypt an old plain store, or unlock it.

A locked store is unlocked by `FIELDAPP_USER` + `FIELDAPP_PIN` (for scripts), by the user and
PIN typed at the prompt, or by `FIELDAPP_RECOVERY_CODE`. A new key's recovery code is printed
once, as text and as a QR code, to be printed and kept by the commune police.
"""

from __future__ import annotations

import io
import os
import sys
import uuid
from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

import click

from fieldapp.cli.lazy import lazy_module

if TYPE_CHECKING:
    from fieldapp.services import protection
else:
    protection = lazy_module("fieldapp.services.protection")

ENV_USER = "FIELDAPP_USER"
ENV_PIN = "FIELDAPP_PIN"
ENV_RECOVERY = "FIELDAPP_RECOVERY_CODE"


class UnlockedBy(NamedTuple):
    """Who opened the store with their PIN: the sign-in that follows need not ask again."""

    name: str
    pin: str
    user_id: uuid.UUID


def prepare_store(
    url: str, say: Callable[[str], None], text: Callable[[str], str], user: str | None = None
) -> UnlockedBy | None:
    """Leave the store at `url` ready to open in this process (key made, encrypted, unlocked).

    Returns who unlocked it, if a user's PIN did (the sign-in need not ask again).
    """
    state = protection.state(url)
    if state is protection.StoreState.NEW:
        show_recovery_code(protection.create_key(url), say, text("keys.recovery_code_title"))
    elif state is protection.StoreState.PLAIN:
        show_recovery_code(protection.encrypt_plain(url), say, text("keys.encrypted_now"))
    elif state is protection.StoreState.LOCKED:
        return unlock_interactively(url, user, text)
    return None


def unlock_interactively(
    url: str, user: str | None, text: Callable[[str], str]
) -> UnlockedBy | None:
    """Unlock with the recovery code or a user's PIN, from the environment or the prompt."""
    code = os.environ.get(ENV_RECOVERY)
    if code:
        protection.unlock_with_recovery(url, code)
        return None
    name = user or os.environ.get(ENV_USER)
    pin = os.environ.get(ENV_PIN)
    if (not name or pin is None) and not sys.stdin.isatty():
        raise protection.StoreLockedError()
    if not name:
        name = click.prompt(text("keys.prompt_user"))
    if pin is None:
        pin = click.prompt(text("keys.prompt_pin"), hide_input=True)
    return UnlockedBy(name, pin, protection.unlock_with_pin(url, name, pin))


def show_recovery_code(code: str, say: Callable[[str], None], title: str) -> None:
    """The recovery code as text and as a QR code on the terminal."""
    import qrcode

    qr = qrcode.QRCode(border=1)
    qr.add_data(code)
    drawing = io.StringIO()
    qr.print_ascii(out=drawing, invert=True)
    say(title)
    say(f"    {code}")
    say(drawing.getvalue())

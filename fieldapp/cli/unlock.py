"""Before a command opens the store: make its key, encrypt an old plain store, or unlock it.

A locked store is unlocked by `FIELDAPP_USER` + `FIELDAPP_PIN` (for scripts), by the user and
PIN typed at the prompt, or by `FIELDAPP_RECOVERY_CODE`. A new key's recovery code is printed
once, as text and as a QR code, to be printed and kept by the commune police.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from pathlib import Path

import click

from fieldapp.store import atrest
from fieldapp.store.atrest import StoreState
from fieldapp.store.engine import StoreLockedError

ENV_USER = "FIELDAPP_USER"
ENV_PIN = "FIELDAPP_PIN"
ENV_RECOVERY = "FIELDAPP_RECOVERY_CODE"


def prepare_store(
    url: str, say: Callable[[str], None], text: Callable[[str], str], user: str | None = None
) -> None:
    """Leave the store at `url` ready to open in this process (key made, encrypted, unlocked)."""
    anchor, state = atrest.state_of_url(url)
    if state is StoreState.NEW:
        show_recovery_code(atrest.create_store_key(anchor), say, text("keys.recovery_code_title"))
    elif state is StoreState.PLAIN:
        show_recovery_code(atrest.encrypt_plain_store(anchor), say, text("keys.encrypted_now"))
    elif state is StoreState.LOCKED:
        unlock_interactively(anchor, user, text)


def unlock_interactively(anchor: Path, user: str | None, text: Callable[[str], str]) -> None:
    """Unlock with the recovery code or a user's PIN, from the environment or the prompt."""
    code = os.environ.get(ENV_RECOVERY)
    if code:
        atrest.unlock_with_recovery(anchor, code)
        return
    name = user or os.environ.get(ENV_USER)
    pin = os.environ.get(ENV_PIN)
    if (not name or pin is None) and not sys.stdin.isatty():
        raise StoreLockedError()
    if not name:
        name = click.prompt(text("keys.prompt_user"))
    if pin is None:
        pin = click.prompt(text("keys.prompt_pin"), hide_input=True)
    atrest.unlock_with_pin(anchor, name, pin)


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

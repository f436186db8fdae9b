"""PIN hashing for sign-in, with the `cryptography` package's scrypt."""

from __future__ import annotations

import hmac
import os

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

_N, _R, _P = 2**14, 8, 1


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of a PIN, as text."""
    salt = os.urandom(16)
    digest = Scrypt(salt=salt, length=32, n=_N, r=_R, p=_P).derive(pin.encode())
    return f"scrypt${salt.hex()}${digest.hex()}"


def verify_pin(pin: str, stored: str) -> bool:
    """True if the PIN matches the stored hash. An empty stored hash means no PIN is set."""
    if not stored:
        return pin == ""
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
    except ValueError:
        return False
    if scheme != "scrypt":
        return False
    digest = Scrypt(salt=bytes.fromhex(salt_hex), length=32, n=_N, r=_R, p=_P).derive(pin.encode())
    return hmac.compare_digest(digest, bytes.fromhex(digest_hex))

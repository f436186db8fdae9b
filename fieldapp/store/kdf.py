"""The app's one KDF: scrypt (from `cryptography`), its cost recorded with every hash.

A stored hash reads `scrypt$ln=16,r=8,p=1$salt$digest`, so raising the cost later never
locks anyone out: old hashes still verify and are re-hashed on the next good sign-in
(`needs_rehash`). `derive_key` is the same KDF for other uses, e.g. wrapping the store key
under a user's PIN. The PIN policy lives in `fieldapp.services.pins`.
"""

from __future__ import annotations

import hmac
import os
from dataclasses import dataclass

from cryptography.hazmat.primitives.kdf.scrypt import Scrypt


@dataclass(frozen=True, slots=True)
class KdfParams:
    """scrypt's cost: n = 2**log_n, block size r, parallelism p (memory: 128·n·r bytes)."""

    log_n: int = 16
    r: int = 8
    p: int = 1

    def text(self) -> str:
        """How the parameters are written into a stored hash."""
        return f"ln={self.log_n},r={self.r},p={self.p}"

    @classmethod
    def parse(cls, text: str) -> KdfParams:
        """The parameters written by `text`; ValueError on anything else."""
        fields = dict(part.split("=", 1) for part in text.split(","))
        params = cls(int(fields["ln"]), int(fields["r"]), int(fields["p"]))
        if not (1 <= params.log_n <= 22 and 1 <= params.r <= 32 and 1 <= params.p <= 16):
            raise ValueError("scrypt parameters out of range")
        return params


# 2**16 × 8 × 128 B = 64 MiB and about 0.2 s on the reference laptop (see the issue-13 note).
PRODUCTION_PARAMS = KdfParams(16, 8, 1)
# The legacy format `scrypt$salt$digest` (before issue 13) used these fixed parameters.
LEGACY_PARAMS = KdfParams(14, 8, 1)
_SALT_BYTES = 16
_KEY_BYTES = 32


class _Cost:
    """The parameters new hashes get. Only tests lower them (tests/conftest.py)."""

    params: KdfParams = PRODUCTION_PARAMS


def current_params() -> KdfParams:
    """The parameters a new hash is made with."""
    return _Cost.params


def use_params(params: KdfParams) -> KdfParams:
    """Make new hashes with other parameters; returns the previous ones (for tests)."""
    previous, _Cost.params = _Cost.params, params
    return previous


def derive_key(secret: str, salt: bytes, params: KdfParams | None = None) -> bytes:
    """32 bytes derived from a PIN or passphrase: the one KDF of the app."""
    chosen = params or current_params()
    kdf = Scrypt(salt=salt, length=_KEY_BYTES, n=2**chosen.log_n, r=chosen.r, p=chosen.p)
    return kdf.derive(secret.encode("utf-8"))


def new_salt() -> bytes:
    """A fresh random salt."""
    return os.urandom(_SALT_BYTES)


def hash_pin(pin: str) -> str:
    """A salted scrypt hash of a PIN with its parameters, as text."""
    params = current_params()
    salt = new_salt()
    return f"scrypt${params.text()}${salt.hex()}${derive_key(pin, salt, params).hex()}"


def hash_params(stored: str) -> KdfParams | None:
    """The parameters a stored hash was made with (None: no PIN, or not readable)."""
    parts = stored.split("$")
    try:
        if len(parts) == 4 and parts[0] == "scrypt":
            return KdfParams.parse(parts[1])
        if len(parts) == 3 and parts[0] == "scrypt":
            return LEGACY_PARAMS
    except (ValueError, KeyError):
        return None
    return None


def verify_pin(pin: str, stored: str) -> bool:
    """True if the PIN matches the stored hash. No stored hash matches nothing."""
    params = hash_params(stored)
    if params is None or not pin:
        return False
    salt_hex, digest_hex = stored.split("$")[-2:]
    try:
        salt, digest = bytes.fromhex(salt_hex), bytes.fromhex(digest_hex)
    except ValueError:
        return False
    return hmac.compare_digest(derive_key(pin, salt, params), digest)


def needs_rehash(stored: str) -> bool:
    """True if a hash is older or cheaper than what new hashes get."""
    params = hash_params(stored)
    return params is None or len(stored.split("$")) != 4 or params != current_params()

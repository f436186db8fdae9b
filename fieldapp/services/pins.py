"""PINs and passphrases: the policy; hashing is `fieldapp.store.kdf` (scrypt, cost recorded).

Everyone has a PIN of 6+ ASCII digits; the police and admins a passphrase of 8+ characters.
"""

from __future__ import annotations

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.model import Role
from fieldapp.store.kdf import (
    LEGACY_PARAMS,
    PRODUCTION_PARAMS,
    KdfParams,
    current_params,
    derive_key,
    hash_params,
    hash_pin,
    needs_rehash,
    new_salt,
    use_params,
    verify_pin,
)

__all__ = [
    "LEGACY_PARAMS",
    "PRODUCTION_PARAMS",
    "KdfParams",
    "check_pin_policy",
    "current_params",
    "derive_key",
    "hash_params",
    "hash_pin",
    "meets_policy",
    "needs_rehash",
    "new_salt",
    "use_params",
    "verify_pin",
]

MIN_PIN_DIGITS = 6
MIN_PASSPHRASE = 8
MAX_SECRET = 128
PASSPHRASE_ROLES = frozenset({Role.COMMUNE_POLICE, Role.ADMIN, Role.PROVINCE_POLICE})


def check_pin_policy(pin: str, role: Role) -> None:
    """Refuse a PIN the role may not have: 6+ ASCII digits; police and admins 8+ characters."""
    if len(pin) > MAX_SECRET:
        raise ValidationError("pin.too_long", count=MAX_SECRET)
    if role in PASSPHRASE_ROLES:
        if len(pin) < MIN_PASSPHRASE or not pin.strip():
            raise ValidationError("pin.passphrase_short", count=MIN_PASSPHRASE)
        return
    if not (len(pin) >= MIN_PIN_DIGITS and all("0" <= ch <= "9" for ch in pin)):
        raise ValidationError("pin.too_short", count=MIN_PIN_DIGITS)


def meets_policy(pin: str, role: Role) -> bool:
    """True if the PIN would be accepted today (old short PINs are asked to change)."""
    try:
        check_pin_policy(pin, role)
    except ValidationError:
        return False
    return True

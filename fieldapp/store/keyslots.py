"""The store key's slots: the one random key of an installation, kept only wrapped.

A small JSON file beside the store (`fieldapp.sqlite3.keys`) holds the key wrapped with
AES-256-GCM once per user, by a key derived from that user's PIN (the app's one KDF,
`store.kdf`: scrypt, its cost and salt recorded in the slot), and once by the recovery code
printed at setup. It can be read before the store is open and holds no personal data: users
are named by their id and by a salted hash of their sign-in name, never by the name itself.
Wrong PINs are counted here, because a wrong PIN cannot open the store to count them there.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import os
import secrets
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from fieldapp.domain.errors import FieldAppError, ValidationError
from fieldapp.domain.text import normalise_name
from fieldapp.store import kdf
from fieldapp.store.keychain import STORE_KEY_BYTES

FORMAT_VERSION = 1
SUFFIX = ".keys"
MAX_TRIES = 10
RECOVERY_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
_AAD = b"FieldApp store key v1\x00"


class SlotsDamagedError(FieldAppError):
    """The key-slot file cannot be read: edited, truncated or not ours."""

    exit_code = 9


class UnlockError(ValidationError):
    """A PIN or recovery code that unlocks nothing."""


def slots_path_for(store: Path) -> Path:
    """Where the slots of the store at `store` live: beside it."""
    return store.with_name(store.name + SUFFIX)


def new_store_key() -> bytes:
    """A fresh random store key."""
    return secrets.token_bytes(STORE_KEY_BYTES)


# Recovery codes -------------------------------------------------------------------------------
def new_recovery_code() -> str:
    """128 random bits and a 10-bit check, as 28 base32 letters in groups of four."""
    raw = secrets.token_bytes(16)
    return _format_code(raw)


def _format_code(raw: bytes) -> str:
    number = int.from_bytes(raw, "big") << 2  # 130 bits = 26 letters
    letters = [RECOVERY_ALPHABET[(number >> (5 * i)) & 31] for i in reversed(range(26))]
    check = int.from_bytes(hashlib.sha256(raw).digest()[:2], "big") >> 6
    letters += [RECOVERY_ALPHABET[check >> 5], RECOVERY_ALPHABET[check & 31]]
    text = "".join(letters)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_recovery_code(text: str) -> bytes:
    """The 16 bytes behind a typed code; a typo (bad letter, wrong length, check) is refused."""
    cleaned = text.upper().translate(str.maketrans("OIL", "011"))
    cleaned = "".join(ch for ch in cleaned if ch not in " -\t\r\n")
    if len(cleaned) != 28 or any(ch not in RECOVERY_ALPHABET for ch in cleaned):
        raise UnlockError("keys.recovery_code_malformed")
    number = 0
    for ch in cleaned[:26]:
        number = (number << 5) | RECOVERY_ALPHABET.index(ch)
    raw = (number >> 2).to_bytes(16, "big")
    if _format_code(raw).replace("-", "") != cleaned:
        raise UnlockError("keys.recovery_code_malformed")
    return raw


# Key derivation and wrapping ------------------------------------------------------------------
def derive_pin_key(pin: str, spec: dict[str, Any]) -> bytes:
    """The wrapping key of a PIN slot: the app's one KDF (scrypt), the slot's salt and cost."""
    if spec.get("name") != "scrypt":
        raise SlotsDamagedError("keys.slots_damaged")
    try:
        params = kdf.KdfParams.parse(str(spec["params"]))
    except (KeyError, ValueError):
        raise SlotsDamagedError("keys.slots_damaged") from None
    return _pin_wrapping_key(kdf.derive_key(pin, _b64(spec["salt"]), params))


def _new_pin_spec() -> dict[str, Any]:
    """Salt and cost for a new PIN slot: the cost new PIN hashes get."""
    return {"name": "scrypt", "params": kdf.current_params().text(), "salt": _text(kdf.new_salt())}


def _pin_wrapping_key(stretched: bytes) -> bytes:
    return HKDF(hashes.SHA256(), 32, None, b"FieldApp PIN slot v1").derive(stretched)


def _recovery_key(raw: bytes, salt: bytes) -> bytes:
    # 128 random bits need no slow KDF: HKDF only separates this use from any other.
    return HKDF(hashes.SHA256(), 32, salt, b"FieldApp recovery slot v1").derive(raw)


def _wrap(wrapping_key: bytes, store_key: bytes, aad: bytes) -> tuple[str, str]:
    nonce = os.urandom(12)
    return _text(nonce), _text(AESGCM(wrapping_key).encrypt(nonce, store_key, aad))


def _unwrap(wrapping_key: bytes, slot: dict[str, Any], aad: bytes) -> bytes | None:
    try:
        key = AESGCM(wrapping_key).decrypt(_b64(slot["nonce"]), _b64(slot["wrapped"]), aad)
    except InvalidTag:
        return None
    return key if len(key) == STORE_KEY_BYTES else None


def _text(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _b64(text: Any) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except (binascii.Error, ValueError):
        raise SlotsDamagedError("keys.slots_damaged") from None


# The file -------------------------------------------------------------------------------------
@dataclass
class KeySlots:
    """The slots of one installation, as read from (and written back to) its file."""

    path: Path
    installation: str
    tag_salt: bytes
    slots: list[dict[str, Any]] = field(default_factory=list)
    # Where `save` writes instead of the file: a server database's row (`store/server_slots`).
    sink: Callable[[dict[str, Any]], None] | None = field(default=None, repr=False)

    # Reading and writing ----------------------------------------------------------------------
    @classmethod
    def create(cls, path: Path, store_key: bytes) -> tuple[KeySlots, str]:
        """New slots for a new store key: only the recovery slot; returns the code to show."""
        if path.exists():
            raise SlotsDamagedError("keys.slots_exist", file=str(path))
        slots = cls(path, str(uuid.uuid4()), secrets.token_bytes(16))
        code = slots.set_recovery(store_key)
        return slots, code

    @classmethod
    def load(cls, path: Path) -> KeySlots:
        """Read the slots file; a clear error if it is missing, edited or truncated."""
        try:
            data = json.loads(path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            raise SlotsDamagedError("keys.slots_missing", file=str(path)) from None
        except (OSError, ValueError):
            raise SlotsDamagedError("keys.slots_damaged", file=str(path)) from None
        return cls.from_json(path, data)

    @classmethod
    def from_json(cls, path: Path, data: Any) -> KeySlots:
        """Slots from their JSON form (a file, or a backup's header)."""
        try:
            if not isinstance(data, dict) or data.get("fieldapp_store_keys") != FORMAT_VERSION:
                raise ValueError
            slots = [dict(s) for s in data["slots"]]
            for slot in slots:
                if slot["kind"] not in ("user", "recovery"):
                    raise ValueError
                _b64(slot["nonce"]), _b64(slot["wrapped"])
            return cls(path, str(uuid.UUID(data["installation"])), _b64(data["tag_salt"]), slots)
        except (KeyError, TypeError, ValueError, SlotsDamagedError):
            raise SlotsDamagedError("keys.slots_damaged", file=str(path)) from None

    def to_json(self) -> dict[str, Any]:
        """The JSON form written to the file and into backups."""
        return {
            "fieldapp_store_keys": FORMAT_VERSION,
            "installation": self.installation,
            "tag_salt": _text(self.tag_salt),
            "slots": self.slots,
        }

    def save(self) -> None:
        """Write the file atomically (temp file, fsync, rename), readable by its owner only.

        Slots read from a server database are written back there instead (their `sink`).
        """
        if self.sink is not None:
            self.sink(self.to_json())
            return
        data = (json.dumps(self.to_json(), indent=1) + "\n").encode("ascii")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_name(f".{self.path.name}.tmp")
        flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)
        fd = os.open(temp, flags, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(temp, self.path)

    # Users ------------------------------------------------------------------------------------
    def name_tag(self, name: str) -> str:
        """A salted hash of a sign-in name: finds a user's slot without storing the name."""
        wanted = normalise_name(name).casefold().encode("utf-8")
        return hmac.new(self.tag_salt, wanted, hashlib.sha256).hexdigest()[:32]

    def user_ids(self) -> list[str]:
        """The users who have a slot."""
        return [s["user_id"] for s in self.slots if s["kind"] == "user"]

    def set_user(
        self,
        user_id: uuid.UUID,
        name: str,
        pin: str,
        store_key: bytes,
    ) -> None:
        """Add or rewrap a user's slot (new user, new PIN); the caller saves."""
        params = _new_pin_spec()
        nonce, wrapped = _wrap(derive_pin_key(pin, params), store_key, self._aad(str(user_id)))
        self.remove_user(user_id)
        self.slots.append(
            {
                "kind": "user",
                "user_id": str(user_id),
                "name_tag": self.name_tag(name),
                "kdf": params,
                "nonce": nonce,
                "wrapped": wrapped,
                "failures": 0,
                "not_before": 0,
            }
        )

    def set_user_from_pin_hash(
        self, user_id: uuid.UUID, name: str, pin_hash: str, store_key: bytes
    ) -> bool:
        """A slot for a user of a plain store, from the scrypt PIN hash kept there.

        Used once, when a plain store is encrypted: nobody's PIN is at hand, but each hash is
        the PIN stretched with that user's salt, so the slot opens with the same PIN. It is
        rewrapped with a fresh salt at that user's first unlock. False if there is no hash.
        """
        cost = kdf.hash_params(pin_hash)
        try:
            salt, digest = (bytes.fromhex(part) for part in pin_hash.split("$")[-2:])
        except ValueError:
            return False
        if cost is None or len(digest) != 32:
            return False
        params = {"name": "scrypt", "params": cost.text(), "salt": _text(salt)}
        wrapping = _pin_wrapping_key(digest)
        nonce, wrapped = _wrap(wrapping, store_key, self._aad(str(user_id)))
        self.remove_user(user_id)
        self.slots.append(
            {
                "kind": "user",
                "user_id": str(user_id),
                "name_tag": self.name_tag(name),
                "kdf": params,
                "nonce": nonce,
                "wrapped": wrapped,
                "failures": 0,
                "not_before": 0,
                "rewrap": True,
            }
        )
        return True

    def rename_user(self, user_id: uuid.UUID, name: str) -> None:
        """A renamed user signs in with the new name."""
        for slot in self._user_slots(str(user_id)):
            slot["name_tag"] = self.name_tag(name)

    def remove_user(self, user_id: uuid.UUID) -> None:
        """A deactivated user's slot goes: their PIN opens nothing any more."""
        self.slots = [s for s in self.slots if s.get("user_id") != str(user_id)]

    def reset_failures(self, user_id: uuid.UUID) -> None:
        """After an admin unlocks a user."""
        for slot in self._user_slots(str(user_id)):
            slot["failures"], slot["not_before"] = 0, 0

    def find_user(self, name: str) -> str | None:
        """The user id whose slot answers to this sign-in name."""
        tag = self.name_tag(name)
        for slot in self.slots:
            if slot["kind"] == "user" and hmac.compare_digest(slot.get("name_tag", ""), tag):
                return str(slot["user_id"])
        return None

    def unlock_user(self, user_id: str, pin: str, *, now: float | None = None) -> bytes:
        """The store key from a user's PIN; a wrong PIN counts towards the lockout (saved)."""
        now = time.time() if now is None else now
        slots = self._user_slots(user_id)
        if not slots:
            raise UnlockError("keys.no_slot")
        slot = slots[0]
        failures = int(slot.get("failures", 0))
        if failures >= MAX_TRIES:
            raise UnlockError("keys.locked_out")
        wait = float(slot.get("not_before", 0)) - now
        if wait > 0:
            raise UnlockError("keys.wait", seconds=int(wait) + 1)
        key = _unwrap(derive_pin_key(pin, slot["kdf"]), slot, self._aad(user_id))
        if key is None:
            slot["failures"] = failures + 1
            slot["not_before"] = now + backoff_seconds(failures + 1)
            self.save()
            if failures + 1 >= MAX_TRIES:
                raise UnlockError("keys.locked_out")
            raise UnlockError("signin.wrong_pin")
        if slot.get("rewrap"):
            self._rewrap(slot, pin, key)
            self.save()
        elif failures:
            slot["failures"], slot["not_before"] = 0, 0
            self.save()
        return key

    def _rewrap(self, slot: dict[str, Any], pin: str, store_key: bytes) -> None:
        params = _new_pin_spec()
        aad = self._aad(str(slot["user_id"]))
        slot["nonce"], slot["wrapped"] = _wrap(derive_pin_key(pin, params), store_key, aad)
        slot["kdf"], slot["failures"], slot["not_before"] = params, 0, 0
        slot.pop("rewrap", None)

    # Recovery ---------------------------------------------------------------------------------
    def set_recovery(self, store_key: bytes) -> str:
        """A new recovery code (the old one stops working); the caller saves and shows it."""
        code = new_recovery_code()
        salt = secrets.token_bytes(16)
        wrapping = _recovery_key(parse_recovery_code(code), salt)
        nonce, wrapped = _wrap(wrapping, store_key, self._aad("recovery"))
        self.slots = [s for s in self.slots if s["kind"] != "recovery"]
        self.slots.append(
            {
                "kind": "recovery",
                "kdf": {"name": "hkdf-sha256", "salt": _text(salt)},
                "nonce": nonce,
                "wrapped": wrapped,
            }
        )
        return code

    def unlock_recovery(self, code: str) -> bytes:
        """The store key from the recovery code; a code of another installation says so."""
        raw = parse_recovery_code(code)
        for slot in self.slots:
            if slot["kind"] == "recovery":
                wrapping = _recovery_key(raw, _b64(slot["kdf"]["salt"]))
                key = _unwrap(wrapping, slot, self._aad("recovery"))
                if key is not None:
                    return key
        raise UnlockError("keys.recovery_code_wrong")

    # Helpers ----------------------------------------------------------------------------------
    def _user_slots(self, user_id: str) -> list[dict[str, Any]]:
        return [s for s in self.slots if s["kind"] == "user" and s.get("user_id") == user_id]

    def _aad(self, slot_id: str) -> bytes:
        return _AAD + self.installation.encode("ascii") + b"\x00" + slot_id.encode("ascii")


def backoff_seconds(failures: int) -> float:
    """Growing delay after wrong PINs: none for the first three, then 2, 4, 8 ... up to 60 s."""
    if failures < 3:
        return 0.0
    return float(min(60, 2 ** (failures - 2)))

"""Keys of the commune police and of each support point, and the key cards they swap.

Every installation holds one identity: an Ed25519 key that signs what it sends and an X25519
key that others encrypt to. The police hold the commune's identity; each point holds its own.
The key id (fingerprint) is the first 16 bytes of SHA-256 over both public keys, shown as
grouped hex so two people can compare it aloud. Private keys live in a vault (in the app: the
store, wrapped by the store key; see `fieldapp.store.vault`), never in plain files; the public
card is also written to the keys folder. PEM files left by earlier versions are moved into the
vault and shredded on first load.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from fieldapp.sync.errors import SyncError

ROLE_COMMUNE = "commune"
ROLE_POINT = "point"
ROLE_PROVINCE = "province"  # the province police: communes send their summaries to it
KEY_ID_BYTES = 16
CARD_VERSION = 1
CARD_SUFFIX = ".fieldkey"
_KEY_ID_LABEL = b"FieldApp key id v2\x00"
_ROLE_BYTE = {ROLE_COMMUNE: 1, ROLE_POINT: 2, ROLE_PROVINCE: 3}
_NO_ID = bytes(16)
_IDENTITY_FILE = "identity.json"
_SIGNING_FILE = "signing.pem"
_BOX_FILE = "box.pem"


def key_id_of(
    signing_key: bytes,
    box_key: bytes,
    *,
    role: str,
    commune_id: uuid.UUID | None = None,
    point_id: uuid.UUID | None = None,
) -> bytes:
    """The 16-byte key id: both public keys and who they speak for.

    What a key may do is part of what people compare: the role, the commune (the police's
    key) and the point id (a point's key). A card edited to another role, commune or point
    (or to no point at all) has another fingerprint, so it no longer matches the one on the
    sender's screen, and its bundles no longer match it either. A point's village is not on
    the card: the police choose it at enrolment.
    """
    commune = commune_id.bytes if role == ROLE_COMMUNE and commune_id is not None else _NO_ID
    point = point_id.bytes if role == ROLE_POINT and point_id is not None else _NO_ID
    claims = bytes([_ROLE_BYTE.get(role, 0)]) + signing_key + box_key + commune + point
    return hashlib.sha256(_KEY_ID_LABEL + claims).digest()[:KEY_ID_BYTES]


def format_fingerprint(key_id: bytes) -> str:
    """`A1B2 C3D4 ...`: upper-case hex in groups of four, easy to read aloud."""
    text = key_id.hex().upper()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def parse_fingerprint(text: str) -> bytes:
    """A key id from what a person typed: spaces, dashes and case do not matter."""
    cleaned = "".join(ch for ch in text if ch not in " -:\t").lower()
    try:
        raw = bytes.fromhex(cleaned)
    except ValueError:
        raise SyncError("sync.bad_fingerprint", text=text) from None
    if len(raw) != KEY_ID_BYTES:
        raise SyncError("sync.bad_fingerprint", text=text)
    return raw


@dataclass(frozen=True, slots=True)
class PublicKeys:
    """What a key card holds: who it is and its two public keys."""

    role: str
    name: str
    commune_id: uuid.UUID | None
    point_id: uuid.UUID | None
    signing_key: bytes
    box_key: bytes

    @property
    def key_id(self) -> bytes:
        """The 16-byte id written in bundle headers (covers role, commune and point id)."""
        return key_id_of(
            self.signing_key,
            self.box_key,
            role=self.role,
            commune_id=self.commune_id,
            point_id=self.point_id,
        )

    @property
    def fingerprint(self) -> str:
        """The key id as people compare it."""
        return format_fingerprint(self.key_id)

    def verifier(self) -> Ed25519PublicKey:
        """The key that checks this party's signatures."""
        return Ed25519PublicKey.from_public_bytes(self.signing_key)

    def box(self) -> X25519PublicKey:
        """The key others encrypt to."""
        return X25519PublicKey.from_public_bytes(self.box_key)


@dataclass(frozen=True, slots=True)
class Identity:
    """The own keys of this installation, private halves included."""

    public: PublicKeys
    signing_private: Ed25519PrivateKey
    box_private: X25519PrivateKey

    def sign(self, data: bytes) -> bytes:
        """An Ed25519 signature over `data`."""
        return self.signing_private.sign(data)


def _raw_public(key: Ed25519PublicKey | X25519PublicKey) -> bytes:
    return key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def new_identity(
    role: str, name: str, *, commune_id: uuid.UUID | None, point_id: uuid.UUID | None
) -> Identity:
    """Fresh keys for the commune police or a support point."""
    signing = Ed25519PrivateKey.generate()
    box = X25519PrivateKey.generate()
    public = PublicKeys(
        role=role,
        name=name,
        commune_id=commune_id,
        point_id=point_id,
        signing_key=_raw_public(signing.public_key()),
        box_key=_raw_public(box.public_key()),
    )
    return Identity(public, signing, box)


# Key cards ------------------------------------------------------------------------------------
def card_bytes(public: PublicKeys) -> bytes:
    """A key card file: UTF-8 JSON with the public keys and the fingerprint to compare."""
    card = {
        "fieldapp_key_card": CARD_VERSION,
        "role": public.role,
        "name": public.name,
        "commune_id": None if public.commune_id is None else str(public.commune_id),
        "point_id": None if public.point_id is None else str(public.point_id),
        "signing_key": base64.b64encode(public.signing_key).decode("ascii"),
        "box_key": base64.b64encode(public.box_key).decode("ascii"),
        "fingerprint": public.fingerprint,
    }
    return (json.dumps(card, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def legacy_key_id(signing_key: bytes, box_key: bytes) -> bytes:
    """The key id of FieldApp 0.1 (both keys only): read once, to upgrade an own identity."""
    return hashlib.sha256(b"FieldApp key id v1\x00" + signing_key + box_key).digest()[:KEY_ID_BYTES]


def parse_card(data: bytes, *, legacy: bool = False) -> PublicKeys:
    """Read a key card; a card whose fingerprint does not match its keys is refused.

    `legacy`: also accept the 0.1 fingerprint (keys only), for this installation's own
    identity file, which `Keyring.load` then rewrites. Never for a card from someone else.
    """
    try:
        card = json.loads(data.decode("utf-8"))
        if not isinstance(card, dict) or "fieldapp_key_card" not in card:
            raise SyncError("sync.not_a_card")
        if card["fieldapp_key_card"] > CARD_VERSION:
            raise SyncError("sync.card_too_new", version=card["fieldapp_key_card"])
        public = PublicKeys(
            role=str(card["role"]),
            name=str(card["name"]),
            commune_id=None if card["commune_id"] is None else uuid.UUID(card["commune_id"]),
            point_id=None if card["point_id"] is None else uuid.UUID(card["point_id"]),
            signing_key=base64.b64decode(card["signing_key"], validate=True),
            box_key=base64.b64decode(card["box_key"], validate=True),
        )
    except SyncError:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError, binascii.Error):
        raise SyncError("sync.not_a_card") from None
    if public.role not in (ROLE_COMMUNE, ROLE_POINT, ROLE_PROVINCE):
        raise SyncError("sync.not_a_card")
    # Only the id that matters for the role is covered by the fingerprint: the other must be
    # empty, so nothing on a card goes unchecked.
    if (
        (public.role == ROLE_POINT and public.commune_id is not None)
        or (public.role == ROLE_COMMUNE and public.point_id is not None)
        or (public.role == ROLE_PROVINCE and (public.commune_id or public.point_id))
    ):
        raise SyncError("sync.card_damaged")
    if len(public.signing_key) != 32 or len(public.box_key) != 32:
        raise SyncError("sync.card_damaged")
    written = parse_fingerprint(str(card.get("fingerprint", "")))
    if written != public.key_id and not (
        legacy and written == legacy_key_id(public.signing_key, public.box_key)
    ):
        raise SyncError("sync.card_damaged")
    return public


# The keyring ----------------------------------------------------------------------------------
class SecretVault(Protocol):
    """Where private keys are kept: `fieldapp.store.vault.StoreVault` in the app."""

    def get(self, name: str) -> bytes | None:
        """The secret called `name`, or None."""

    def put(self, name: str, data: bytes) -> None:
        """Keep a secret under `name`."""


class MemoryVault:
    """Secrets that live as long as this object: for tests and throw-away tools."""

    def __init__(self) -> None:
        self._items: dict[str, bytes] = {}

    def get(self, name: str) -> bytes | None:
        """The secret called `name`, or None."""
        return self._items.get(name)

    def put(self, name: str, data: bytes) -> None:
        """Keep a secret under `name`."""
        self._items[name] = bytes(data)


_VAULT_SIGNING = "sync.signing_key"
_VAULT_BOX = "sync.box_key"
_VAULT_CARD = "sync.identity_card"


class Keyring:
    """The identity of this installation: private keys in a vault, the public card in a folder."""

    def __init__(self, folder: Path, vault: SecretVault | None = None) -> None:
        self.folder = Path(folder)
        self.vault: SecretVault = vault if vault is not None else MemoryVault()

    def exists(self) -> bool:
        """True once keys were created here (or PEM files of an earlier version wait)."""
        return self.vault.get(_VAULT_CARD) is not None or self._legacy_files_exist()

    def create(
        self,
        role: str,
        name: str,
        *,
        commune_id: uuid.UUID | None,
        point_id: uuid.UUID | None,
    ) -> Identity:
        """Make and save a new identity; existing keys are never overwritten."""
        if self.exists():
            raise SyncError("sync.keys_exist", folder=str(self.folder))
        identity = new_identity(role, name, commune_id=commune_id, point_id=point_id)
        self._keep(identity)
        return identity

    def load(self) -> Identity:
        """The identity kept here; a clear error if there is none or it is damaged."""
        card = self.vault.get(_VAULT_CARD)
        if card is None:
            if self._legacy_files_exist():
                return self._move_legacy_files()
            raise SyncError("sync.no_keys")
        signing_raw, box_raw = self.vault.get(_VAULT_SIGNING), self.vault.get(_VAULT_BOX)
        if signing_raw is None or box_raw is None:
            raise SyncError("sync.keys_damaged", folder=str(self.folder))
        try:
            public = parse_card(card, legacy=True)
            signing = Ed25519PrivateKey.from_private_bytes(signing_raw)
            box = X25519PrivateKey.from_private_bytes(box_raw)
        except (ValueError, SyncError):
            raise SyncError("sync.keys_damaged", folder=str(self.folder)) from None
        identity = _checked(Identity(public, signing, box), self.folder)
        if card != card_bytes(public):  # kept with the 0.1 fingerprint: today's from now on
            self._keep(identity)
        return identity

    def key_files(self) -> list[Path]:
        """Where earlier versions kept private keys in plain PEM files (now never written)."""
        return [self.folder / _SIGNING_FILE, self.folder / _BOX_FILE]

    def _keep(self, identity: Identity) -> None:
        raw = serialization.Encoding.Raw
        private_raw = serialization.PrivateFormat.Raw
        none = serialization.NoEncryption()
        self.vault.put(
            _VAULT_SIGNING, identity.signing_private.private_bytes(raw, private_raw, none)
        )
        self.vault.put(_VAULT_BOX, identity.box_private.private_bytes(raw, private_raw, none))
        card = card_bytes(identity.public)
        self.vault.put(_VAULT_CARD, card)  # written last: its presence means complete
        self.folder.mkdir(parents=True, exist_ok=True)
        _restrict(self.folder, 0o700)
        _write_private(self.folder / _IDENTITY_FILE, card)  # public: for people to look at

    def _legacy_files_exist(self) -> bool:
        return all(p.exists() for p in (*self.key_files(), self.folder / _IDENTITY_FILE))

    def _move_legacy_files(self) -> Identity:
        """PEM files of FieldApp before 0.2: into the vault, then overwritten and deleted."""
        try:
            written = (self.folder / _IDENTITY_FILE).read_bytes()
            public = parse_card(written, legacy=True)
            signing = serialization.load_pem_private_key(
                (self.folder / _SIGNING_FILE).read_bytes(), password=None
            )
            box = serialization.load_pem_private_key(
                (self.folder / _BOX_FILE).read_bytes(), password=None
            )
        except (OSError, ValueError, SyncError):
            raise SyncError("sync.keys_damaged", folder=str(self.folder)) from None
        if not isinstance(signing, Ed25519PrivateKey) or not isinstance(box, X25519PrivateKey):
            raise SyncError("sync.keys_damaged", folder=str(self.folder))
        identity = _checked(Identity(public, signing, box), self.folder)
        self._keep(identity)
        for path in self.key_files():
            _shred(path)
        return identity


def _checked(identity: Identity, folder: Path) -> Identity:
    """The private halves must match the public card."""
    if (
        _raw_public(identity.signing_private.public_key()) != identity.public.signing_key
        or _raw_public(identity.box_private.public_key()) != identity.public.box_key
    ):
        raise SyncError("sync.keys_damaged", folder=str(folder))
    return identity


def _shred(path: Path) -> None:
    """Overwrite a file with zeros before deleting it (what a program can do on an SSD)."""
    try:
        size = path.stat().st_size
        with open(path, "r+b") as handle:
            handle.write(b"\x00" * size)
            handle.flush()
            os.fsync(handle.fileno())
        path.unlink()
    except OSError:
        pass


def _restrict(path: Path, mode: int) -> None:
    if os.name == "posix":
        os.chmod(path, mode)


def _write_private(path: Path, data: bytes) -> None:
    """Write a file only its owner can read, via a temp file and a rename."""
    temp = path.with_name(f".{path.name}.tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    _restrict(temp, 0o600)
    os.replace(temp, path)

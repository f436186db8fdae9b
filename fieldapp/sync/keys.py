"""Keys of the commune police and of each support point, and the key cards they swap.

Every installation holds one identity: an Ed25519 key that signs what it sends and an X25519
key that others encrypt to. The police hold the commune's identity; each point holds its own.
The key id (fingerprint) is the first 16 bytes of SHA-256 over both public keys, shown as
grouped hex so two people can compare it aloud. Private keys live in the data folder, in files
only the owner may read (0600 on POSIX).
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

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey

from fieldapp.sync.errors import SyncError

ROLE_COMMUNE = "commune"
ROLE_POINT = "point"
KEY_ID_BYTES = 16
CARD_VERSION = 1
CARD_SUFFIX = ".fieldkey"
_KEY_ID_LABEL = b"FieldApp key id v2\x00"
_ROLE_BYTE = {ROLE_COMMUNE: 1, ROLE_POINT: 2}
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


def parse_card(data: bytes) -> PublicKeys:
    """Read a key card; a card whose fingerprint does not match its keys is refused."""
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
    if public.role not in (ROLE_COMMUNE, ROLE_POINT):
        raise SyncError("sync.not_a_card")
    # Only the id that matters for the role is covered by the fingerprint: the other must be
    # empty, so nothing on a card goes unchecked.
    if (public.role == ROLE_POINT and public.commune_id is not None) or (
        public.role == ROLE_COMMUNE and public.point_id is not None
    ):
        raise SyncError("sync.card_damaged")
    if len(public.signing_key) != 32 or len(public.box_key) != 32:
        raise SyncError("sync.card_damaged")
    if parse_fingerprint(str(card.get("fingerprint", ""))) != public.key_id:
        raise SyncError("sync.card_damaged")
    return public


# The keyring folder ----------------------------------------------------------------------------
class Keyring:
    """The folder that holds this installation's identity (private keys at 0600)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def exists(self) -> bool:
        """True once keys were created here."""
        return (self.folder / _IDENTITY_FILE).exists()

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
        self.folder.mkdir(parents=True, exist_ok=True)
        _restrict(self.folder, 0o700)
        none = serialization.NoEncryption()
        pem = serialization.Encoding.PEM
        pkcs8 = serialization.PrivateFormat.PKCS8
        _write_private(
            self.folder / _SIGNING_FILE,
            identity.signing_private.private_bytes(pem, pkcs8, none),
        )
        _write_private(
            self.folder / _BOX_FILE, identity.box_private.private_bytes(pem, pkcs8, none)
        )
        # Written last: its presence means the identity is complete.
        _write_private(self.folder / _IDENTITY_FILE, card_bytes(identity.public))
        return identity

    def load(self) -> Identity:
        """The identity kept here; a clear error if there is none or it is damaged."""
        if not self.exists():
            raise SyncError("sync.no_keys")
        try:
            public = parse_card((self.folder / _IDENTITY_FILE).read_bytes())
            signing = serialization.load_pem_private_key(
                (self.folder / _SIGNING_FILE).read_bytes(), password=None
            )
            box = serialization.load_pem_private_key(
                (self.folder / _BOX_FILE).read_bytes(), password=None
            )
        except (OSError, ValueError):
            raise SyncError("sync.keys_damaged", folder=str(self.folder)) from None
        if not isinstance(signing, Ed25519PrivateKey) or not isinstance(box, X25519PrivateKey):
            raise SyncError("sync.keys_damaged", folder=str(self.folder))
        if (
            _raw_public(signing.public_key()) != public.signing_key
            or _raw_public(box.public_key()) != public.box_key
        ):
            raise SyncError("sync.keys_damaged", folder=str(self.folder))
        return Identity(public, signing, box)

    def key_files(self) -> list[Path]:
        """The files that hold private keys (for permission checks)."""
        return [self.folder / _SIGNING_FILE, self.folder / _BOX_FILE]


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

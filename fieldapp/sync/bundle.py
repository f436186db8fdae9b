"""The sync bundle file: a small header, an HPKE-encrypted body, an Ed25519 signature.

The layout is documented byte by byte in `docs/sync-format.md`. Reading follows one rule:
nothing is decrypted (nor trusted) before the signature over header and body is verified.
"""

from __future__ import annotations

import hashlib
import json
import struct
import uuid
import zlib
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.hpke import AEAD, KDF, KEM, Suite

from fieldapp.sync.errors import BundleRefusedError
from fieldapp.sync.keys import ROLE_COMMUNE, ROLE_POINT, Identity, PublicKeys, key_id_of

MAGIC = b"\x89FASYNC\n"
FORMAT_VERSION = 1
KIND_EVENTS = 1  # a support point's events, to the commune police
KIND_LISTS = 2  # official lists and confirmations, from the police to a point
KIND_SUMMARY = 3  # a commune's figures (no personal data), from its police to the province
KINDS = (KIND_EVENTS, KIND_LISTS, KIND_SUMMARY)
SIGNATURE_BYTES = 64
SECTIONS = ("villages", "points", "users", "citizens", "visits", "outcomes", "facts")
BUNDLE_SUFFIX = ".fieldsync"
COMPRESSION_LEVEL = 6
# Sequences are stored as signed 64-bit integers: 1 .. 2^63 - 1 (a counter never gets near).
MAX_SEQUENCE = (1 << 63) - 1
# Limits that keep one hostile file from taking the police's laptop down. A day's bundle of
# a busy point is well under 1 MB; a whole commune re-sent ("export everything") a few MB.
MAX_BUNDLE_BYTES = 256 * 1024 * 1024  # the file as read from the stick
MAX_BODY_BYTES = 512 * 1024 * 1024  # the JSON after decompression, whatever the ratio...
MAX_EXPANSION = 64  # ...and at most this many times the compressed body (JSON+zlib: ~4-8)

# magic, version, header length, kind, flags, reserved, sender id, recipient id, commune id,
# sender point id, sequence, created-at (µs since 1970 UTC), 7 counts, body length,
# sender's signing key, sender's box key, label length. The label (UTF-8) follows.
_FIXED = struct.Struct(">8sHHBBH16s16s16s16sQq7IQ32s32sH")
FIXED_HEADER_BYTES = _FIXED.size
_SUITE = Suite(KEM.X25519, KDF.HKDF_SHA256, AEAD.AES_256_GCM)
_ZERO_ID = uuid.UUID(int=0)
_ENC_BYTES = 32  # RFC 9180: Nenc of DHKEM(X25519, HKDF-SHA256)
_TAG_BYTES = 16  # AES-256-GCM tag


@dataclass(frozen=True, slots=True)
class Header:
    """What a bundle says about itself, readable without any private key."""

    kind: int
    sender_key_id: bytes
    recipient_key_id: bytes
    commune_id: uuid.UUID
    sender_point_id: uuid.UUID | None
    sequence: int
    created_at: datetime
    counts: dict[str, int]
    sender_signing_key: bytes
    sender_box_key: bytes
    sender_label: str
    version: int = FORMAT_VERSION

    @property
    def sender(self) -> PublicKeys:
        """The sender's public keys, as carried in the header (trust them only if enrolled)."""
        point = self.kind == KIND_EVENTS
        return PublicKeys(
            role=ROLE_POINT if point else ROLE_COMMUNE,
            name=self.sender_label,
            commune_id=None if point else self.commune_id,
            point_id=self.sender_point_id if point else None,
            signing_key=self.sender_signing_key,
            box_key=self.sender_box_key,
        )


@dataclass(frozen=True, slots=True)
class VerifiedBundle:
    """A bundle whose structure and signature are checked; the body is still encrypted."""

    header: Header
    header_bytes: bytes
    ciphertext: bytes
    signature: bytes
    digest: str  # SHA-256 of the whole file, hex: the same file imported twice is a replay


def encode_bundle(
    payload: dict[str, list[Any]],
    *,
    kind: int,
    sender: Identity,
    recipient: PublicKeys,
    commune_id: uuid.UUID,
    sequence: int,
    created_at: datetime,
) -> bytes:
    """Serialise, compress, encrypt to the recipient, sign: the bytes of one bundle file."""
    label = sender.public.name.encode("utf-8")[:1000]
    counts = [len(payload.get(section, ())) for section in SECTIONS]
    body = zlib.compress(
        json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
        COMPRESSION_LEVEL,
    )
    ciphertext_len = _ENC_BYTES + len(body) + _TAG_BYTES
    header = (
        _FIXED.pack(
            MAGIC,
            FORMAT_VERSION,
            FIXED_HEADER_BYTES + len(label),
            kind,
            0,
            0,
            sender.public.key_id,
            recipient.key_id,
            commune_id.bytes,
            (sender.public.point_id or _ZERO_ID).bytes,
            sequence,
            _micros(created_at),
            *counts,
            ciphertext_len,
            sender.public.signing_key,
            sender.public.box_key,
            len(label),
        )
        + label
    )
    ciphertext = _SUITE.encrypt(body, recipient.box(), info=header)
    if len(ciphertext) != ciphertext_len:  # pragma: no cover - a library change, not input
        raise RuntimeError("unexpected HPKE ciphertext length")
    signed = header + ciphertext
    return signed + sender.sign(signed)


def verify_bundle(data: bytes, *, file: str = "") -> VerifiedBundle:
    """Check the structure and the signature; refuse anything torn, edited or foreign-made.

    The signature is checked with the key carried in the header, whose id must match the
    sender key id: this proves the file is intact. Whether that key is *trusted* (enrolled,
    revoked) is the caller's decision, before it decrypts.
    """
    if len(data) < len(MAGIC):
        if data and MAGIC.startswith(data):
            raise BundleRefusedError("sync.truncated", file=file)
        raise BundleRefusedError("sync.not_bundle", file=file)
    if data[: len(MAGIC)] != MAGIC:
        raise BundleRefusedError("sync.not_bundle", file=file)
    if len(data) < len(MAGIC) + 4:
        raise BundleRefusedError("sync.truncated", file=file)
    version, header_len = struct.unpack_from(">HH", data, len(MAGIC))
    if version > FORMAT_VERSION:
        raise BundleRefusedError("sync.newer_version", file=file, version=version)
    if version < 1:
        raise BundleRefusedError("sync.damaged", file=file)
    if header_len < FIXED_HEADER_BYTES:
        raise BundleRefusedError("sync.damaged", file=file)
    if len(data) < header_len:
        raise BundleRefusedError("sync.truncated", file=file)
    fields = _FIXED.unpack_from(data, 0)
    (_, _, _, kind, _flags, _reserved, sender_id, recipient_id, commune, point, sequence,
     created, *rest) = fields  # fmt: skip
    counts = rest[:7]
    body_len, signing_key, box_key, label_len = rest[7:]
    if FIXED_HEADER_BYTES + label_len != header_len:
        raise BundleRefusedError("sync.damaged", file=file)
    expected = header_len + body_len + SIGNATURE_BYTES
    if len(data) < expected:
        raise BundleRefusedError("sync.truncated", file=file)
    if len(data) > expected:
        raise BundleRefusedError("sync.damaged", file=file)
    if kind not in KINDS:
        raise BundleRefusedError("sync.damaged", file=file)
    point_id = None if point == _ZERO_ID.bytes else uuid.UUID(bytes=point)
    if kind == KIND_EVENTS:  # a point's key id covers its point id
        claimed = key_id_of(signing_key, box_key, role=ROLE_POINT, point_id=point_id)
    else:  # the police's covers their commune (lists to a point, summaries to the province)
        claimed = key_id_of(
            signing_key, box_key, role=ROLE_COMMUNE, commune_id=uuid.UUID(bytes=commune)
        )
    if claimed != sender_id:
        raise BundleRefusedError("sync.damaged", file=file)
    signed, signature = data[: header_len + body_len], data[header_len + body_len :]
    try:
        Ed25519PublicKey.from_public_bytes(signing_key).verify(signature, signed)
    except (InvalidSignature, ValueError):
        raise BundleRefusedError("sync.damaged", file=file) from None
    # From here on the bytes are exactly what the holder of `signing_key` wrote.
    try:
        label = data[FIXED_HEADER_BYTES:header_len].decode("utf-8")
        created_at = datetime.fromtimestamp(created / 1_000_000, tz=UTC)
    except (UnicodeDecodeError, ValueError, OverflowError, OSError):
        raise BundleRefusedError("sync.damaged", file=file) from None
    if not 1 <= sequence <= MAX_SEQUENCE:
        raise BundleRefusedError("sync.bad_sequence", file=file, sequence=sequence)
    header = Header(
        kind=kind,
        sender_key_id=sender_id,
        recipient_key_id=recipient_id,
        commune_id=uuid.UUID(bytes=commune),
        sender_point_id=point_id,
        sequence=sequence,
        created_at=created_at,
        counts=dict(zip(SECTIONS, counts, strict=True)),
        sender_signing_key=signing_key,
        sender_box_key=box_key,
        sender_label=label,
        version=version,
    )
    return VerifiedBundle(
        header=header,
        header_bytes=data[:header_len],
        ciphertext=data[header_len : header_len + body_len],
        signature=signature,
        digest=hashlib.sha256(data).hexdigest(),
    )


def decrypt_bundle(bundle: VerifiedBundle, recipient: Identity, *, file: str = "") -> dict:
    """Open the body of a verified bundle addressed to `recipient`: the payload sections.

    Decompression is bounded (`MAX_EXPANSION` times the body, at most `MAX_BODY_BYTES`): a
    small file cannot fill the memory.
    """
    try:
        body = _SUITE.decrypt(bundle.ciphertext, recipient.box_private, info=bundle.header_bytes)
        # Deep nesting ([[[[...) makes the parser raise RecursionError: refused as damaged.
        payload = json.loads(inflate(body, file=file).decode("utf-8"))
    except (InvalidTag, zlib.error, UnicodeDecodeError, ValueError, RecursionError):
        raise BundleRefusedError("sync.damaged", file=file) from None
    if not isinstance(payload, dict):
        raise BundleRefusedError("sync.damaged", file=file)
    for section, count in bundle.header.counts.items():
        rows = payload.get(section, [])
        if not isinstance(rows, list) or len(rows) != count:
            raise BundleRefusedError("sync.damaged", file=file)
    return payload


def inflate(body: bytes, *, file: str = "") -> bytes:
    """zlib-decompress at most the allowed size; a bomb is refused before it is expanded."""
    limit = min(MAX_BODY_BYTES, max(1 << 20, MAX_EXPANSION * len(body)))
    inflater = zlib.decompressobj()
    text = inflater.decompress(body, limit)
    if inflater.unconsumed_tail:
        raise BundleRefusedError("sync.too_large", file=file, limit=limit // (1 << 20))
    if not inflater.eof:
        raise zlib.error("incomplete body")
    return text


def _micros(moment: datetime) -> int:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    delta = moment - datetime(1970, 1, 1, tzinfo=UTC)
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds

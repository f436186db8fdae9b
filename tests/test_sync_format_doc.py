"""Read a bundle the way docs/sync-format.md describes it, without `fieldapp.sync`'s reader:
struct offsets, Ed25519, and RFC 9180 HPKE done by hand from HKDF and AES-GCM primitives.
If this passes, another program following the document can read our files."""

import hashlib
import hmac
import json
import struct
import uuid
import zlib
from datetime import UTC, datetime

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDFExpand
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from fieldapp.sync.bundle import KIND_EVENTS, encode_bundle
from fieldapp.sync.keys import new_identity


def _extract(salt: bytes, ikm: bytes) -> bytes:
    return hmac.new(salt or b"\0" * 32, ikm, hashlib.sha256).digest()


def _expand(prk: bytes, info: bytes, length: int) -> bytes:
    return HKDFExpand(hashes.SHA256(), length, info).derive(prk)


def _labeled_extract(suite: bytes, salt: bytes, label: bytes, ikm: bytes) -> bytes:
    return _extract(salt, b"HPKE-v1" + suite + label + ikm)


def _labeled_expand(suite: bytes, prk: bytes, label: bytes, info: bytes, length: int) -> bytes:
    return _expand(prk, struct.pack(">H", length) + b"HPKE-v1" + suite + label + info, length)


def hpke_open(ciphertext: bytes, sk_r, info: bytes) -> bytes:
    """RFC 9180 base mode, DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-256-GCM, empty aad."""
    enc, sealed = ciphertext[:32], ciphertext[32:]
    kem_suite = b"KEM" + struct.pack(">H", 0x0020)
    dh = sk_r.exchange(X25519PublicKey.from_public_bytes(enc))
    pk_rm = sk_r.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    eae_prk = _labeled_extract(kem_suite, b"", b"eae_prk", dh)
    shared = _labeled_expand(kem_suite, eae_prk, b"shared_secret", enc + pk_rm, 32)
    suite = b"HPKE" + struct.pack(">HHH", 0x0020, 0x0001, 0x0002)
    psk_id_hash = _labeled_extract(suite, b"", b"psk_id_hash", b"")
    info_hash = _labeled_extract(suite, b"", b"info_hash", info)
    context = b"\x00" + psk_id_hash + info_hash
    secret = _labeled_extract(suite, shared, b"secret", b"")
    key = _labeled_expand(suite, secret, b"key", context, 32)
    nonce = _labeled_expand(suite, secret, b"base_nonce", context, 12)
    return AESGCM(key).decrypt(nonce, sealed, b"")


def test_a_bundle_read_by_the_document_alone():
    commune = uuid.uuid4()
    police = new_identity("commune", "Công an xã", commune_id=commune, point_id=None)
    point = new_identity("point", "Nhà văn hóa Thôn 3", commune_id=None, point_id=uuid.uuid4())
    payload = {"villages": [[str(uuid.uuid4()), "Thôn 3"]], "visits": []}
    data = encode_bundle(
        payload,
        kind=KIND_EVENTS,
        sender=point,
        recipient=police.public,
        commune_id=commune,
        sequence=6,
        created_at=datetime(2026, 5, 20, 7, 0, tzinfo=UTC),
    )
    assert data[:8] == b"\x89FASYNC\n"
    version, header_len, kind = struct.unpack_from(">HHB", data, 8)
    assert (version, kind) == (1, 1)
    sender_id, recipient_id, commune_b, point_b = struct.unpack_from(">16s16s16s16s", data, 16)
    sequence, created = struct.unpack_from(">Qq", data, 80)
    counts = struct.unpack_from(">7I", data, 96)
    (body_len,) = struct.unpack_from(">Q", data, 124)
    signing, box = data[132:164], data[164:196]
    (label_len,) = struct.unpack_from(">H", data, 196)
    assert header_len == 198 + label_len
    assert data[198:header_len].decode() == "Nhà văn hóa Thôn 3"
    assert len(data) == header_len + body_len + 64
    # A point's key id: role byte 2, both keys, 16 zero bytes (no commune), its point id.
    claims = b"\x02" + signing + box + bytes(16) + point_b
    key_id = hashlib.sha256(b"FieldApp key id v2\x00" + claims).digest()[:16]
    assert key_id == sender_id == point.public.key_id
    police_claims = b"\x01" + police.public.signing_key + police.public.box_key
    police_claims += commune.bytes + bytes(16)
    assert recipient_id == hashlib.sha256(b"FieldApp key id v2\x00" + police_claims).digest()[:16]
    assert uuid.UUID(bytes=commune_b) == commune
    assert uuid.UUID(bytes=point_b) == point.public.point_id
    assert sequence == 6
    assert datetime.fromtimestamp(created / 1e6, UTC) == datetime(2026, 5, 20, 7, 0, tzinfo=UTC)
    assert counts == (1, 0, 0, 0, 0, 0, 0)
    Ed25519PublicKey.from_public_bytes(signing).verify(
        data[header_len + body_len :], data[: header_len + body_len]
    )
    ciphertext = data[header_len : header_len + body_len]
    body = hpke_open(ciphertext, police.box_private, info=data[:header_len])
    assert json.loads(zlib.decompress(body)) == payload

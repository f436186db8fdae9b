"""The file format on its own: every torn, edited or foreign file is refused."""

import struct
import uuid
from datetime import UTC, datetime

import pytest

from fieldapp.i18n import tr
from fieldapp.sync.bundle import (
    FIXED_HEADER_BYTES,
    KIND_EVENTS,
    MAGIC,
    decrypt_bundle,
    encode_bundle,
    verify_bundle,
)
from fieldapp.sync.errors import BundleRefusedError
from fieldapp.sync.keys import card_bytes, new_identity

COMMUNE = uuid.UUID(int=7)
POINT = uuid.UUID(int=8)


@pytest.fixture(scope="module")
def parties():
    police = new_identity("commune", "Công an xã", commune_id=COMMUNE, point_id=None)
    point = new_identity("point", "Nhà văn hóa Thôn 3", commune_id=None, point_id=POINT)
    return police, point


def _bundle(parties, payload=None, sequence=3):
    police, point = parties
    return encode_bundle(
        payload or {"visits": [], "villages": [["x", "Thôn 3"]]},
        kind=KIND_EVENTS,
        sender=point,
        recipient=police.public,
        commune_id=COMMUNE,
        sequence=sequence,
        created_at=datetime(2026, 5, 20, 8, 30, tzinfo=UTC),
    )


def test_round_trip(parties):
    police, point = parties
    data = _bundle(parties)
    bundle = verify_bundle(data)
    header = bundle.header
    assert data.startswith(MAGIC)
    assert header.sequence == 3
    assert header.sender_key_id == point.public.key_id
    assert header.recipient_key_id == police.public.key_id
    assert header.commune_id == COMMUNE
    assert header.sender_point_id == POINT
    assert header.sender_label == "Nhà văn hóa Thôn 3"
    assert header.counts["villages"] == 1
    assert header.created_at == datetime(2026, 5, 20, 8, 30, tzinfo=UTC)
    assert decrypt_bundle(bundle, police)["villages"] == [["x", "Thôn 3"]]


def test_only_the_police_can_decrypt(parties):
    _, point = parties
    other = new_identity("commune", "Công an xã khác", commune_id=None, point_id=None)
    bundle = verify_bundle(_bundle(parties))
    with pytest.raises(BundleRefusedError):
        decrypt_bundle(bundle, point)
    with pytest.raises(BundleRefusedError):
        decrypt_bundle(bundle, other)


def _refusal(data: bytes, police) -> str:
    with pytest.raises(BundleRefusedError) as err:
        decrypt_bundle(verify_bundle(data, file="f"), police)
    return err.value.message_id


def test_every_truncation_is_refused(parties):
    police, _ = parties
    data = _bundle(parties)
    for length in range(len(data)):
        message = _refusal(data[:length], police)
        assert message in ("sync.truncated", "sync.not_bundle"), length
        if length >= len(MAGIC):
            assert message == "sync.truncated", length
    assert "bị thiếu phần cuối" in tr("sync.truncated", file="a.fieldsync")


def test_one_flipped_byte_anywhere_is_refused(parties):
    police, _ = parties
    data = _bundle(parties)
    messages = set()
    for position in range(len(data)):
        for mask in (0x01, 0x80):
            edited = bytearray(data)
            edited[position] ^= mask
            messages.add(_refusal(bytes(edited), police))
    # Mostly "damaged"; a flip in the magic says "not a bundle", in the version "newer",
    # in a length field "truncated". Never accepted.
    assert "sync.damaged" in messages
    assert messages <= {"sync.damaged", "sync.not_bundle", "sync.newer_version", "sync.truncated"}


def test_trailing_bytes_are_refused(parties):
    police, _ = parties
    assert _refusal(_bundle(parties) + b"\0", police) == "sync.damaged"


def test_newer_format_version_is_refused_with_its_number(parties):
    police, _ = parties
    data = bytearray(_bundle(parties))
    struct.pack_into(">H", data, len(MAGIC), 2)
    assert _refusal(bytes(data), police) == "sync.newer_version"
    with pytest.raises(BundleRefusedError) as err:
        verify_bundle(bytes(data), file="goi.fieldsync")
    text = tr(err.value.message_id, **err.value.params)
    assert "phiên bản FieldApp mới hơn" in text and "2" in text


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"hello, this is a text file\n",
        b"PK\x03\x04" + b"\0" * 200,  # a zip / xlsx
        bytes(range(256)) * 4,
    ],
)
def test_not_a_bundle(parties, data):
    police, _ = parties
    assert _refusal(data, police) == "sync.not_bundle"


def test_a_key_card_is_not_a_bundle(parties):
    police, point = parties
    assert _refusal(card_bytes(point.public), police) == "sync.not_bundle"


def test_resigned_by_another_key_is_caught(parties):
    """Swapping the embedded keys without the matching key id fails the key-id check."""
    police, _ = parties
    data = bytearray(_bundle(parties))
    other = new_identity("point", "x", commune_id=None, point_id=None)
    at = FIXED_HEADER_BYTES - 2 - 64
    data[at : at + 32] = other.public.signing_key
    assert _refusal(bytes(data), police) == "sync.damaged"

import os
import stat

import pytest

from fieldapp.i18n import tr
from fieldapp.sync.errors import SyncError
from fieldapp.sync.keys import (
    Keyring,
    card_bytes,
    format_fingerprint,
    parse_card,
    parse_fingerprint,
)


def test_fingerprint_is_grouped_hex_and_parses_back():
    raw = bytes(range(16))
    text = format_fingerprint(raw)
    assert text == "0001 0203 0405 0607 0809 0A0B 0C0D 0E0F"
    assert parse_fingerprint(text) == raw
    assert parse_fingerprint(text.lower().replace(" ", "-")) == raw
    with pytest.raises(SyncError) as err:
        parse_fingerprint("ABCD")
    assert "mã khóa" in tr(err.value.message_id, **err.value.params)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_no_private_key_is_written_to_a_file(tmp_path):
    keyring = Keyring(tmp_path / "keys")
    keyring.create("commune", "Công an xã Thử", commune_id=None, point_id=None)
    assert stat.S_IMODE(os.stat(keyring.folder).st_mode) == 0o700
    assert [p.name for p in keyring.folder.iterdir()] == ["identity.json"]  # the public card
    assert stat.S_IMODE(os.stat(keyring.folder / "identity.json").st_mode) == 0o600
    assert b"PRIVATE" not in (keyring.folder / "identity.json").read_bytes()


def test_keys_load_back_and_are_never_overwritten(tmp_path):
    keyring = Keyring(tmp_path / "keys")
    made = keyring.create("point", "Nhà văn hóa Thôn 3", commune_id=None, point_id=None)
    loaded = keyring.load()
    assert loaded.public == made.public
    assert loaded.signing_private.public_key().public_bytes_raw() == made.public.signing_key
    with pytest.raises(SyncError) as err:
        keyring.create("point", "again", commune_id=None, point_id=None)
    assert err.value.message_id == "sync.keys_exist"
    assert keyring.load().public == made.public


def test_missing_or_damaged_keys_say_so(tmp_path):
    keyring = Keyring(tmp_path / "keys")
    with pytest.raises(SyncError) as err:
        keyring.load()
    assert err.value.message_id == "sync.no_keys"
    keyring.create("point", "P", commune_id=None, point_id=None)
    keyring.vault.put("sync.box_key", b"garbage")
    with pytest.raises(SyncError) as err:
        keyring.load()
    assert err.value.message_id == "sync.keys_damaged"


def test_key_card_round_trip_and_tampering(tmp_path):
    public = Keyring(tmp_path / "k").create("commune", "Công an xã", commune_id=None, point_id=None)
    card = card_bytes(public.public)
    assert "Công an xã".encode() in card  # UTF-8, readable
    assert parse_card(card) == public.public
    at = card.index(b'"box_key": "') + 12
    tampered = card[:at] + (b"B" if card[at : at + 1] == b"A" else b"A") + card[at + 1 :]
    with pytest.raises(SyncError) as err:
        parse_card(tampered)
    assert err.value.message_id in ("sync.card_damaged", "sync.not_a_card")
    with pytest.raises(SyncError) as err:
        parse_card(b"not json at all")
    assert err.value.message_id == "sync.not_a_card"
    assert "thẻ khóa" in tr("sync.not_a_card")

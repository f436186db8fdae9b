"""Issue 13, item 8: values refused the same way everywhere (domain, scans, lists, bundles)."""

from __future__ import annotations

import pytest
from hostile import column, import_with_good, payload_of, seal, stored_point_ids, text_of
from sync_world import make_world

from fieldapp.domain.chip_qr import parse_chip_qr
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.personal_id import PersonalId, restore_leading_zeros
from fieldapp.domain.phone import PhoneNumber
from fieldapp.domain.safe_text import NAME_MAX_LENGTH, check_name
from fieldapp.domain.scan import read_scan
from fieldapp.i18n import error_text, tr
from fieldapp.ingest.values import CellError, parse_name, parse_personal_id

GOOD_ID = "038090012345"
FULL_WIDTH = GOOD_ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
ARABIC_INDIC = GOOD_ID.translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
QR = "{pid}|123456789|{name}|01011990|Nam|Thôn Tây Sơn|01012022"
HIDDEN = ["Lê\x00Văn", "Lê\u202eVăn", "Lê\u2066Văn", "Lê\x1bVăn", "Lê\u200fVăn", "Lê\ud800Văn"]


@pytest.mark.parametrize("raw", [FULL_WIDTH, ARABIC_INDIC, GOOD_ID[:6] + "７" + GOOD_ID[7:]])
def test_non_ascii_digits_are_refused_in_every_way_in(raw):
    with pytest.raises(ValidationError) as err:
        PersonalId.parse(raw)
    assert err.value.message_id == "id.not_ascii_digits"
    assert "0-9" in error_text(err.value) and "0-9" in error_text(err.value, "en")
    with pytest.raises(ValidationError):
        read_scan(raw)
    with pytest.raises(ValidationError):
        parse_chip_qr(QR.format(pid=raw, name="Lê Văn Nam"))
    with pytest.raises(CellError):
        parse_personal_id(raw)
    assert restore_leading_zeros(raw[1:]) == (raw[1:], False)
    assert PersonalId.parse(GOOD_ID).value == GOOD_ID


def test_non_ascii_digits_in_phones_are_refused():
    with pytest.raises(ValidationError):
        PhoneNumber.parse("０９１２３４５６７８")
    assert PhoneNumber.parse("0912345678").value == "0912345678"


@pytest.mark.parametrize("name", HIDDEN)
def test_names_with_hidden_characters_are_refused(name):
    with pytest.raises(ValidationError) as err:
        check_name(name)
    assert err.value.message_id == "value.hidden_character"
    assert "Họ và tên" in error_text(err.value)
    with pytest.raises(ValidationError):
        parse_chip_qr(QR.format(pid=GOOD_ID, name=name))
    with pytest.raises(CellError) as cell:
        parse_name(name)
    assert "ký tự ẩn" in tr(cell.value.message_id, **cell.value.params)


def test_names_have_a_length_limit():
    check_name("Nguyễn " * 10)
    with pytest.raises(ValidationError) as err:
        check_name("A" * (NAME_MAX_LENGTH + 1))
    assert err.value.message_id == "value.too_long"
    assert str(NAME_MAX_LENGTH) in error_text(err.value, "en")


@pytest.fixture
def world(tmp_path):
    return make_world(tmp_path, points=2)


@pytest.mark.parametrize("pid", [FULL_WIDTH, ARABIC_INDIC])
def test_bundle_with_non_ascii_digit_id_is_refused(world, pid):
    payload = payload_of(world, 0)
    payload["citizens"][0][column("citizens", "personal_id")] = pid
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.message_id == "sync.bad_value"
    assert result.params["rule"] == "not_ascii_digits"
    assert "0-9" in text_of(result) and "0-9" in text_of(result, "en")
    assert stored_point_ids(world) == {world.data.points[1].id}


@pytest.mark.parametrize(
    ("section", "name", "value", "rule"),
    [
        ("citizens", "full_name", "Lê\u202eVăn", "hidden_character"),
        ("citizens", "full_name", "Lê\x00Văn", "hidden_character"),
        ("citizens", "full_name", "A" * 500, "too_long"),
        ("users", "name", "Tình\u2066nguyện", "hidden_character"),
        ("villages", "name", "Thôn\x07 3", "hidden_character"),
        ("citizens", "phone", "０９１２３４５６７８", "not_ascii_digits"),
    ],
)
def test_bundle_with_bad_text_is_refused(world, section, name, value, rule):
    payload = payload_of(world, 0)
    payload[section][0][column(section, name)] = value
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.message_id == "sync.bad_value", text_of(result)
    assert result.params["rule"] == rule and result.params["column"] == name
    assert stored_point_ids(world) == {world.data.points[1].id}

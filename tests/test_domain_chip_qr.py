from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.chip_qr import ChipQrPayload, format_chip_qr, parse_chip_qr
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.personal_id import PersonalId, Sex
from fieldapp.domain.scan import read_scan

GOOD = "038090012345|123456789|Nguyễn Văn Thắng|01011990|Nam|Thôn Đông Hòa, Xã Kiên Bình|15032021"


def test_a_card_qr_is_read_field_by_field():
    payload = parse_chip_qr(GOOD)
    assert payload.personal_id.value == "038090012345"
    assert payload.old_id == "123456789"
    assert payload.full_name == "Nguyễn Văn Thắng"
    assert payload.birth_date == date(1990, 1, 1)
    assert payload.sex is Sex.MALE
    assert payload.address.startswith("Thôn Đông Hòa")
    assert payload.issue_date == date(2021, 3, 15)
    assert not payload.name_looks_garbled


def test_missing_old_id_and_extra_trailing_fields_are_tolerated():
    text = "038190012345||Lê Thị Hương|02021990|Nữ|Thôn Tây Sơn|01012022|extra|more"
    payload = parse_chip_qr(text)
    assert payload.old_id is None
    assert payload.sex is Sex.FEMALE


def test_a_scanner_that_drops_diacritics_still_gives_the_id():
    payload = parse_chip_qr("038190012345||Le Thi Huong|02021990|Nu|Thon Tay Son|01012022")
    assert payload.personal_id.value == "038190012345"
    assert payload.name_looks_garbled


@pytest.mark.parametrize(
    ("text", "message_id", "field"),
    [
        ("038090012345|123456789|Nguyễn Văn Thắng|01011990", "qr.too_few_fields", None),
        (GOOD.replace("01011990", "31021990"), "date.impossible", "birth_date"),
        (GOOD.replace("01011990", "1/1/1990"), "date.bad_format", "birth_date"),
        (GOOD.replace("|Nam|", "|Khác|"), "qr.bad_sex", "sex"),
        (GOOD.replace("038090012345", "038091012345"), "id.year_mismatch", "personal_id"),
        (GOOD.replace("|Nam|", "|Nữ|"), "id.sex_mismatch", "personal_id"),
        (GOOD.replace("123456789", "12345"), "qr.bad_old_id", "old_id"),
        (GOOD.replace("15032021", "15031980"), "qr.issued_before_birth", "issue_date"),
    ],
)
def test_malformed_scans_name_the_field(text, message_id, field):
    with pytest.raises(ValidationError) as caught:
        parse_chip_qr(text)
    assert caught.value.message_id == message_id
    assert caught.value.params.get("field") == field


def test_two_scans_glued_together_are_refused():
    with pytest.raises(ValidationError, match="scan.glued"):
        read_scan(GOOD + GOOD)
    with pytest.raises(ValidationError, match="scan.glued"):
        read_scan(GOOD + "\n" + GOOD)


def test_a_typed_id_is_read_as_an_id():
    assert read_scan(" 0380 9001 2345 ") == PersonalId("038090012345")
    with pytest.raises(ValidationError, match="scan.not_id"):
        read_scan("hello")


names = st.text(
    alphabet="AĂÂBCDĐEÊGHIKLMNOÔƠPQRSTUƯVXYàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệ ", min_size=2, max_size=30
).filter(lambda s: s.strip())


@given(name=names, day=st.dates(min_value=date(1930, 1, 1), max_value=date(1999, 12, 31)))
def test_format_then_parse_gives_back_the_same_card(name, day):
    pid = PersonalId.parse(f"0380{day.year % 100:02d}000001", birth_date=day, sex=Sex.MALE)
    payload = ChipQrPayload(
        pid, None, " ".join(name.split()), day, Sex.MALE, "Thôn 1", date(2022, 1, 1)
    )
    assert parse_chip_qr(format_chip_qr(payload)) == payload

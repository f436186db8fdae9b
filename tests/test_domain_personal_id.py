from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.personal_id import (
    PROVINCE_CODES,
    PersonalId,
    Sex,
    restore_leading_zeros,
    sex_digit,
)

births = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))


def make_id(province: str, birth: date, sex: Sex, tail: int) -> str:
    return f"{province}{sex_digit(sex, birth.year)}{birth.year % 100:02d}{tail:06d}"


@given(
    province=st.sampled_from(sorted(PROVINCE_CODES)),
    birth=births,
    sex=st.sampled_from(list(Sex)),
    tail=st.integers(0, 999_999),
)
def test_a_well_formed_id_parses_and_tells_province_sex_and_year(province, birth, sex, tail):
    pid = PersonalId.parse(make_id(province, birth, sex, tail), birth_date=birth, sex=sex)
    assert pid.province_code == province
    assert pid.sex is sex
    assert pid.birth_year == birth.year
    assert pid.masked.endswith(pid.value[-4:]) and pid.value[:8] not in pid.masked


@given(birth=births, sex=st.sampled_from(list(Sex)))
def test_the_birth_year_must_match_digits_four_to_six(birth, sex):
    birth = birth.replace(day=min(birth.day, 28))
    text = make_id("038", birth, sex, 1)
    other = birth.replace(year=birth.year + 1 if birth.year < 2099 else birth.year - 1)
    with pytest.raises(ValidationError) as caught:
        PersonalId.parse(text, birth_date=other)
    assert caught.value.message_id in {"id.year_mismatch", "id.century_mismatch"}


def test_sex_must_match_the_fourth_digit():
    with pytest.raises(ValidationError, match="id.sex_mismatch"):
        PersonalId.parse("038190012345", sex=Sex.MALE)  # digit 4 = 1: a woman born 19xx


@pytest.mark.parametrize(
    ("raw", "message_id"),
    [
        ("03809001234", "id.wrong_length"),
        ("0380900123456", "id.wrong_length"),
        ("03809001234a", "id.not_digits"),
        ("003090012345", "id.bad_province"),  # 003 is a gap
        ("097090012345", "id.bad_province"),
    ],
)
def test_malformed_ids_are_refused_naming_the_problem(raw, message_id):
    with pytest.raises(ValidationError) as caught:
        PersonalId.parse(raw)
    assert caught.value.message_id == message_id
    assert caught.value.params["field"] == "personal_id"


def test_known_provinces():
    assert PersonalId.parse("038090012345").province_name == "Thanh Hóa"
    assert PersonalId.parse("089090012345").province_name == "An Giang"


@pytest.mark.parametrize(
    ("raw", "expected", "restored"),
    [
        ("38090012345", "038090012345", True),
        ("1090012345", "001090012345", True),
        ("38090012345.0", "038090012345", True),
        ("038090012345", "038090012345", False),
        ("12345", "12345", False),
    ],
)
def test_spreadsheet_ids_get_their_leading_zeros_back(raw, expected, restored):
    assert restore_leading_zeros(raw) == (expected, restored)

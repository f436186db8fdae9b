import pytest
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.phone import PhoneNumber

national = st.builds(
    lambda prefix, rest: f"0{prefix}{rest:08d}",
    st.sampled_from("35789"),
    st.integers(0, 99_999_999),
)


@given(national)
def test_every_written_form_of_a_mobile_number_normalises_to_ten_digits(number):
    forms = [
        number,
        "+84" + number[1:],
        "84" + number[1:],
        number[1:],
        f"{number[:4]} {number[4:7]} {number[7:]}",
        f"{number[:4]}.{number[4:7]}.{number[7:]}",
    ]
    assert {PhoneNumber.parse(f).value for f in forms} == {number}


@pytest.mark.parametrize("raw", ["0123456789", "02438123456", "09123", "abc0912345678", ""])
def test_non_mobile_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        PhoneNumber.parse(raw)


def test_excel_float_form_is_accepted():
    assert PhoneNumber.parse("912345678.0").value == "0912345678"

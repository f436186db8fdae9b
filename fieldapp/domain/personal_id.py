"""The 12-digit personal identification number (số định danh cá nhân)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.safe_text import is_ascii_digits

# Province codes of birth registration (Circular 07/2016/TT-BCA, amended 2021).
PROVINCE_CODES: dict[str, str] = {
    "001": "Hà Nội", "002": "Hà Giang", "004": "Cao Bằng", "006": "Bắc Kạn",
    "008": "Tuyên Quang", "010": "Lào Cai", "011": "Điện Biên", "012": "Lai Châu",
    "014": "Sơn La", "015": "Yên Bái", "017": "Hòa Bình", "019": "Thái Nguyên",
    "020": "Lạng Sơn", "022": "Quảng Ninh", "024": "Bắc Giang", "025": "Phú Thọ",
    "026": "Vĩnh Phúc", "027": "Bắc Ninh", "030": "Hải Dương", "031": "Hải Phòng",
    "033": "Hưng Yên", "034": "Thái Bình", "035": "Hà Nam", "036": "Nam Định",
    "037": "Ninh Bình", "038": "Thanh Hóa", "040": "Nghệ An", "042": "Hà Tĩnh",
    "044": "Quảng Bình", "045": "Quảng Trị", "046": "Thừa Thiên Huế", "048": "Đà Nẵng",
    "049": "Quảng Nam", "051": "Quảng Ngãi", "052": "Bình Định", "054": "Phú Yên",
    "056": "Khánh Hòa", "058": "Ninh Thuận", "060": "Bình Thuận", "062": "Kon Tum",
    "064": "Gia Lai", "066": "Đắk Lắk", "067": "Đắk Nông", "068": "Lâm Đồng",
    "070": "Bình Phước", "072": "Tây Ninh", "074": "Bình Dương", "075": "Đồng Nai",
    "077": "Bà Rịa - Vũng Tàu", "079": "Hồ Chí Minh", "080": "Long An",
    "082": "Tiền Giang", "083": "Bến Tre", "084": "Trà Vinh", "086": "Vĩnh Long",
    "087": "Đồng Tháp", "089": "An Giang", "091": "Kiên Giang", "092": "Cần Thơ",
    "093": "Hậu Giang", "094": "Sóc Trăng", "095": "Bạc Liêu", "096": "Cà Mau",
}  # fmt: skip

_TWELVE_DIGITS = re.compile(r"[0-9]{12}")  # ASCII only: `\d` also takes full-width digits


class Sex(StrEnum):
    """Sex as printed on the card (Nam / Nữ)."""

    MALE = "male"
    FEMALE = "female"


@dataclass(frozen=True, slots=True)
class PersonalId:
    """A checked personal ID. Construct with `PersonalId.parse`."""

    value: str

    @classmethod
    def parse(
        cls,
        raw: str,
        *,
        birth_date: date | None = None,
        sex: Sex | None = None,
        field: str = "personal_id",
    ) -> PersonalId:
        """Check the digits, the province code, and where known the sex, century and year."""
        text = str(raw).strip().replace(" ", "").replace(".", "")
        if not text.isdigit():
            raise ValidationError("id.not_digits", field=field)
        if not is_ascii_digits(text):
            raise ValidationError("id.not_ascii_digits", field=field)
        if not _TWELVE_DIGITS.fullmatch(text):
            raise ValidationError("id.wrong_length", field=field, count=len(text))
        if text[:3] not in PROVINCE_CODES:
            raise ValidationError("id.bad_province", field=field, code=text[:3])
        pid = cls(text)
        if birth_date is not None:
            if pid.century_start != birth_date.year // 100 * 100:
                raise ValidationError("id.century_mismatch", field=field, year=birth_date.year)
            if pid.year_digits != birth_date.year % 100:
                raise ValidationError("id.year_mismatch", field=field, year=birth_date.year)
        if sex is not None and pid.sex != sex:
            raise ValidationError("id.sex_mismatch", field=field)
        return pid

    @property
    def province_code(self) -> str:
        """Digits 1-3: the province where the birth was registered."""
        return self.value[:3]

    @property
    def province_name(self) -> str:
        """The province's name, in Vietnamese."""
        return PROVINCE_CODES[self.province_code]

    @property
    def sex(self) -> Sex:
        """Digit 4 is even for men, odd for women."""
        return Sex.MALE if int(self.value[3]) % 2 == 0 else Sex.FEMALE

    @property
    def century_start(self) -> int:
        """Digit 4 // 2 counts centuries from 1900."""
        return 1900 + 100 * (int(self.value[3]) // 2)

    @property
    def year_digits(self) -> int:
        """Digits 5-6: the last two digits of the birth year."""
        return int(self.value[4:6])

    @property
    def birth_year(self) -> int:
        """The birth year that digits 4-6 encode."""
        return self.century_start + self.year_digits

    @property
    def masked(self) -> str:
        """Only the last four digits, for screens and slips."""
        return "••••••••" + self.value[-4:]

    def __str__(self) -> str:
        return self.value


def restore_leading_zeros(raw: str) -> tuple[str, bool]:
    """Pad an ID that a spreadsheet turned into a number back to 12 digits.

    Returns the text and whether zeros were restored. Only 9-11 digit numbers are padded:
    anything shorter is not an ID that lost its zeros, it is a wrong value.
    """
    text = str(raw).strip()
    if text.endswith(".0") and is_ascii_digits(text[:-2]):
        text = text[:-2]
    if is_ascii_digits(text) and 9 <= len(text) < 12:
        return text.zfill(12), True
    return text, False


def sex_digit(sex: Sex, year: int) -> str:
    """The 4th digit for a sex and birth year: used by generators and checks."""
    return str(2 * ((year - 1900) // 100) + (0 if sex is Sex.MALE else 1))

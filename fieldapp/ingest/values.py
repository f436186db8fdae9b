"""Cell values as lists write them → the values the app stores.

Each parser returns the value or raises `CellError` with a message id of the lists
catalogue (no field prefix: the row error names the column).
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any

from fieldapp.domain.model import BeneficiaryGroup, PaymentStatus
from fieldapp.domain.personal_id import PROVINCE_CODES, Sex
from fieldapp.domain.safe_text import (
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    is_ascii_digits,
    name_problem,
    text_problem,
)
from fieldapp.domain.text import fold, normalise_name
from fieldapp.domain.yes_words import YES_WORDS
from fieldapp.ingest.files import Cell

_EXCEL_EPOCH = date(1899, 12, 30)
# re.ASCII: `\d` is 0-9 only (full-width and Arabic-Indic digits are not digits here).
_DATE_TEXT = re.compile(r"(\d{1,2})\s*[/\-.\s]\s*(\d{1,2})\s*[/\-.\s]\s*(\d{2}|\d{4})", re.ASCII)
_ISO_TEXT = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T][\d:.]+)?", re.ASCII)
_MONTH_YEAR = re.compile(r"(\d{1,2})\s*[/\-.]\s*(\d{4})", re.ASCII)
_MOBILE = re.compile(r"0[35789]\d{8}", re.ASCII)
_PHONE_JUNK = re.compile(r"[\s.\-()]")
_SCIENTIFIC = re.compile(r"\d+([.,]\d+)?[eE]\+?\d+", re.ASCII)


class CellError(Exception):
    """A cell's value breaks a rule; message id and params for the row error."""

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id)
        value = params.get("value")
        if isinstance(value, str) and len(value) > _SHORT_VALUE:
            params["value"] = short_value(value)
        self.message_id = message_id
        self.params = params


def is_blank(cell: Cell) -> bool:
    """Empty or white space only."""
    if cell is None or cell == "":
        return True
    return cell.__class__ is str and not cell.strip()  # type: ignore[union-attr]


def cell_text(cell: Cell) -> str:
    """A cell as the user would read it: 38190012345.0 shows as 38190012345."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.strftime("%d/%m/%Y") if cell.time() == datetime.min.time() else str(cell)
    if isinstance(cell, date):
        return cell.strftime("%d/%m/%Y")
    return str(cell).strip()


def parse_personal_id(cell: Cell) -> tuple[str, bool]:
    """12 digits, restored from a number that lost its leading zeros; (text, restored)."""
    text, how = restore_personal_id(cell, None)
    return text, how is not None


def restore_personal_id(cell: Cell, birth_year: int | None) -> tuple[str, str | None]:
    """12 digits and how leading zeros were restored: None, "number", "text_11", "text_10".

    A number cell (Excel dropped the zeros) is padded when that gives a real province code.
    A text cell of 10 or 11 digits lost its zeros somewhere on the way; it is padded only
    when the row's birth year confirms the result (the 4th digit's century, digits 5-6),
    and refused as ambiguous when the row has no birth date to check against.
    """
    if isinstance(cell, str) and len(cell) == 12 and cell.isascii() and cell.isdigit():
        # the usual cell of a province's CSV: what the rest would check, checked here
        if cell[:3] in PROVINCE_CODES:
            return cell, None
        raise CellError("lists.p.id_province", code=cell[:3])
    numeric = False
    if cell.__class__ is str and cell.isascii() and cell.isdigit():  # type: ignore[union-attr]
        text = cell  # a text cell: nothing to clean
    elif isinstance(cell, float) and cell.is_integer():
        text, numeric = str(int(cell)), True
    elif isinstance(cell, int) and not isinstance(cell, bool):
        text, numeric = str(cell), True
    else:
        raw = str(cell).strip()
        if _SCIENTIFIC.fullmatch(raw):
            # Excel showed the number as 3,81901E+10 and the CSV kept only that: digits lost.
            raise CellError("lists.p.id_scientific", value=raw)
        # Spaces of any kind (a web page's &nbsp;), group dots and dashes, a leading
        # apostrophe (Excel's "this is text") and zero-width characters copied from the web.
        text = "".join(raw.split()).translate(_ID_JUNK)
        if raw.endswith(".0") and raw[:-2].isascii() and raw[:-2].isdigit():
            text, numeric = raw[:-2], True  # a number written by a script: "38069228786.0"
    if not _ASCII_DIGITS.fullmatch(text):  # not `isdigit`: it takes full-width digits
        raise CellError("lists.p.id_not_digits", value=cell_text(cell))
    if numeric and len(text) >= 10 and text.endswith("00000"):
        # 3.81901E+10 saved again as a workbook: only 6 significant digits are left. A real
        # ID ends in 00000 once in 100,000; written as text it is taken as it is.
        raise CellError("lists.p.id_rounded", value=text)
    how: str | None = None
    if len(text) in (10, 11):
        candidate = text.zfill(12)
        if candidate[:3] not in PROVINCE_CODES:
            raise CellError("lists.p.id_length", count=len(text))
        if numeric:
            how = "number"
        elif birth_year is None:
            raise CellError("lists.p.id_ambiguous", count=len(text))
        elif check_id_against(candidate, birth_year, None) is not None:
            raise CellError("lists.p.id_restore_mismatch", count=len(text), year=birth_year)
        else:
            how = f"text_{len(text)}"
        text = candidate
    if len(text) != 12:
        raise CellError("lists.p.id_length", count=len(text))
    if text[:3] not in PROVINCE_CODES:
        raise CellError("lists.p.id_province", code=text[:3])
    return text, how


_ASCII_DIGITS = re.compile(r"[0-9]+")
_ID_JUNK = str.maketrans("", "", ".-'\u2019\u200b\u200c\u200d\u2060\ufeff")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")  # zero-width, soft hyphen
_SHORT_VALUE = 60


def short_value(text: str) -> str:
    """A cell's text cut for a message: a 10 MB cell must not become a 10 MB line."""
    return text if len(text) <= _SHORT_VALUE else text[: _SHORT_VALUE - 1] + "…"


def without_invisible(text: str) -> str:
    """Zero-width spaces and joiners, byte-order marks and soft hyphens dropped.

    Copied from web pages and chat apps, they make two equal names differ.
    """
    return _INVISIBLE.sub("", text) if _INVISIBLE.search(text) else text


def parse_eid_level(cell: Cell) -> int:
    """An account level as the DC01 lists write it: "Mức 2", "Mức độ 1", "2"."""
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        if cell in (1, 2):
            return int(cell)
        raise CellError("lists.p.eid_level", value=cell_text(cell))
    folded = fold(str(cell))
    found = _LEVEL.search(folded)
    if found is None:
        raise CellError("lists.p.eid_level", value=cell_text(cell))
    return int(found.group(1))


_LEVEL = re.compile(r"(?:^|\b(?:muc|muc do|level|cap|cap do)\s*)([12])\b")


def check_id_against(
    personal_id: str, birth_year: int | None, sex: Sex | None
) -> tuple[str, dict[str, Any]] | None:
    """The ID's 4th-6th digits must agree with the birth year and sex where known."""
    digit = int(personal_id[3])
    if birth_year is not None:
        if 1900 + 100 * (digit // 2) != birth_year // 100 * 100:
            return "lists.p.id_century", {"year": birth_year}
        if int(personal_id[4:6]) != birth_year % 100:
            return "lists.p.id_year", {"year": birth_year}
    if sex is not None and (Sex.MALE if digit % 2 == 0 else Sex.FEMALE) is not sex:
        return "lists.p.id_sex", {}
    return None


def parse_name(cell: Cell) -> str:
    """NFC, spaces collapsed; hidden characters and over-long names refused."""
    name = normalise_name(without_invisible(str(cell)))
    problem = name_problem(name)
    if problem is not None:
        raise CellError(f"lists.p.{problem.removeprefix('value.')}", limit=NAME_MAX_LENGTH)
    return name


def parse_text(cell: Cell) -> str:
    """An address or a note: one line, spaces collapsed, up to a free text's length.

    A list's "Ghi chú" or "Địa chỉ thường trú" runs past a name's 120 characters; what a
    name may not hold (controls, bidi overrides) is refused here too, by row.
    """
    text = normalise_name(without_invisible(str(cell)))
    problem = text_problem(text)
    if problem is not None:
        raise CellError(f"lists.p.{problem.removeprefix('value.')}", limit=TEXT_MAX_LENGTH)
    return text


def parse_phone(cell: Cell) -> str:
    """National 10-digit mobile form; a lost leading zero is restored."""
    if (
        isinstance(cell, str)
        and len(cell) == 10
        and cell.isascii()
        and cell.isdigit()
        and cell[0] == "0"
        and cell[1] in "35789"
    ):
        return cell  # already the national form (most cells of a CSV)
    if isinstance(cell, float) and cell.is_integer():
        text = str(int(cell))
    else:
        text = _PHONE_JUNK.sub("", str(cell))
    if text.startswith("+84"):
        text = "0" + text[3:]
    elif text.startswith("84") and len(text) == 11:
        text = "0" + text[2:]
    elif len(text) == 9 and text[0] in "35789":
        text = "0" + text
    if not _MOBILE.fullmatch(text):
        raise CellError("lists.p.phone", value=cell_text(cell))
    return text


def parse_birth(cell: Cell, today: date) -> tuple[date | None, int]:
    """A birth date in any form the lists use, or a birth year alone: (date or None, year).

    Date cells, Excel serial numbers, dd/mm/yyyy, d/m/yy, dd-mm-yyyy, dd.mm.yyyy,
    yyyy-mm-dd, ddmmyyyy and a bare year are accepted; a day or month written 00
    ("00/00/1956") or left out ("05/1956") gives the year alone.
    """
    if isinstance(cell, datetime):
        return _not_future(cell.date(), today), cell.year
    if isinstance(cell, date):
        return _not_future(cell, today), cell.year
    if isinstance(cell, int | float) and not isinstance(cell, bool):
        number = float(cell)
        if number.is_integer() and 1900 <= number <= today.year:
            return None, int(number)
        if 1 <= number < 80000:
            day = _EXCEL_EPOCH + timedelta(days=int(number))
            return _not_future(day, today), day.year
        raise CellError("lists.p.date", value=cell_text(cell))
    text = without_invisible(str(cell)).strip()
    if is_ascii_digits(text):
        if len(text) == 4:
            year = int(text)
            if 1900 <= year <= today.year:
                return None, year
            raise CellError("lists.p.year", value=text)
        if len(text) == 8:
            return _make(int(text[4:]), int(text[2:4]), int(text[:2]), text, today)
        if 1 <= len(text) <= 5:  # a serial number that arrived as text (CSV)
            day = _EXCEL_EPOCH + timedelta(days=int(text))
            return _not_future(day, today), day.year
        raise CellError("lists.p.date", value=text)
    match = _DATE_TEXT.fullmatch(text)
    if match:
        d, m, y = (int(g) for g in match.groups())
        if len(match.group(3)) == 2:
            y += 2000 if y <= today.year % 100 else 1900
        return _make(y, m, d, text, today)
    match = _ISO_TEXT.fullmatch(text)
    if match:
        y, m, d = (int(g) for g in match.groups())
        return _make(y, m, d, text, today)
    match = _MONTH_YEAR.fullmatch(text)
    if match:  # "05/1956": a month and a year, no day
        return _make(int(match.group(2)), int(match.group(1)), 0, text, today)
    raise CellError("lists.p.date", value=text)


def _make(year: int, month: int, day: int, text: str, today: date) -> tuple[date | None, int]:
    if (day == 0 or month == 0) and month <= 12 and 1900 <= year <= today.year:
        return None, year  # "00/00/1956": the civil record knows the year only
    try:
        value = date(year, month, day)
    except ValueError:
        raise CellError("lists.p.date_impossible", value=text) from None
    return _not_future(value, today), year


def _not_future(value: date, today: date) -> date:
    if value > today or value.year < 1900:
        raise CellError("lists.p.date_future", value=value.strftime("%d/%m/%Y"))
    return value


_MALE = {"nam", "male", "m", "trai"}
_FEMALE = {"nu", "female", "f", "gai"}


def parse_sex(cell: Cell) -> Sex:
    """Nam / Nữ in any case or without diacritics."""
    folded = fold(str(cell))
    if folded in _MALE:
        return Sex.MALE
    if folded in _FEMALE:
        return Sex.FEMALE
    raise CellError("lists.p.sex", value=cell_text(cell))


_NO = {"0", "khong", "chua", "no", "n", "false", "-"}


def parse_yes_no(cell: Cell) -> bool:
    """A tick column: x / có / đã (kích hoạt) → yes; blank / chưa / không → no."""
    if cell is None or isinstance(cell, bool):
        return bool(cell)
    if isinstance(cell, int | float):
        if cell in (0, 1):
            return bool(cell)
        raise CellError("lists.p.yes_no", value=cell_text(cell))
    folded = fold(cell)
    if not folded or folded in _NO:
        return False
    if folded in YES_WORDS:
        return True
    first = folded.split()[0]
    if first in ("chua", "khong"):
        return False
    if first in ("da", "co"):
        return True
    raise CellError("lists.p.yes_no", value=cell_text(cell))


_GROUPS: tuple[tuple[str, BeneficiaryGroup], ...] = (
    ("huu tri xa hoi", BeneficiaryGroup.SOCIAL_PENSION),
    ("social pension", BeneficiaryGroup.SOCIAL_PENSION),
    ("social_pension", BeneficiaryGroup.SOCIAL_PENSION),
    ("nguoi co cong", BeneficiaryGroup.MERIT),
    ("co cong", BeneficiaryGroup.MERIT),
    ("ncc", BeneficiaryGroup.MERIT),
    ("merit", BeneficiaryGroup.MERIT),
    ("bao tro xa hoi", BeneficiaryGroup.SOCIAL_PROTECTION),
    ("btxh", BeneficiaryGroup.SOCIAL_PROTECTION),
    ("social protection", BeneficiaryGroup.SOCIAL_PROTECTION),
    ("social_protection", BeneficiaryGroup.SOCIAL_PROTECTION),
    ("benh hiem ngheo", BeneficiaryGroup.SERIOUS_ILLNESS),
    ("benh nghe nghiep", BeneficiaryGroup.SERIOUS_ILLNESS),
    ("serious_illness", BeneficiaryGroup.SERIOUS_ILLNESS),
    ("luong huu", BeneficiaryGroup.INSURANCE_PENSION),
    ("tro cap bhxh", BeneficiaryGroup.INSURANCE_PENSION),
    ("bhxh", BeneficiaryGroup.INSURANCE_PENSION),
    ("huu tri", BeneficiaryGroup.INSURANCE_PENSION),
    ("insurance_pension", BeneficiaryGroup.INSURANCE_PENSION),
    ("giao duc", BeneficiaryGroup.EDUCATION),
    ("hoc sinh", BeneficiaryGroup.EDUCATION),
    ("sinh vien", BeneficiaryGroup.EDUCATION),
    ("education", BeneficiaryGroup.EDUCATION),
)


def parse_group(cell: Cell) -> BeneficiaryGroup:
    """A beneficiary group by its Vietnamese name, abbreviation or code."""
    padded = f" {fold(str(cell))} "
    for phrase, group in _GROUPS:
        if f" {phrase} " in padded:
            return group
    raise CellError("lists.p.group", value=cell_text(cell))


_PAYMENTS: tuple[tuple[str, PaymentStatus], ...] = (
    ("paid_to_account", PaymentStatus.PAID_TO_ACCOUNT),
    ("has_account_not_paid", PaymentStatus.HAS_ACCOUNT_NOT_PAID),
    ("no_account", PaymentStatus.NO_ACCOUNT),
    ("chua co tai khoan", PaymentStatus.NO_ACCOUNT),
    ("chua co tk", PaymentStatus.NO_ACCOUNT),
    ("khong co tai khoan", PaymentStatus.NO_ACCOUNT),
    ("tien mat", PaymentStatus.NO_ACCOUNT),
    ("chua nhan", PaymentStatus.HAS_ACCOUNT_NOT_PAID),
    ("nhung chua", PaymentStatus.HAS_ACCOUNT_NOT_PAID),
    ("co tai khoan", PaymentStatus.HAS_ACCOUNT_NOT_PAID),
    ("da co tai khoan", PaymentStatus.HAS_ACCOUNT_NOT_PAID),
    ("da nhan", PaymentStatus.PAID_TO_ACCOUNT),
    ("qua tai khoan", PaymentStatus.PAID_TO_ACCOUNT),
    ("chuyen khoan", PaymentStatus.PAID_TO_ACCOUNT),
)


def parse_payment(cell: Cell) -> PaymentStatus:
    """The three-way payment classification, by the words the reviews use."""
    folded = fold(str(cell))
    padded = f" {folded.replace('_', ' ')} "
    for phrase, status in _PAYMENTS:
        if phrase == folded or f" {phrase.replace('_', ' ')} " in padded:
            return status
    raise CellError("lists.p.payment", value=cell_text(cell))


_VILLAGE_PREFIX = re.compile(r"^(thon|xom|ban|lang|to dan pho|khu pho|to|khu|ap)\s+")


def village_key(name: str) -> str:
    """A village name folded, its "Thôn/Xóm/Bản" prefix dropped: "thôn 3" ~ "Thon 3" ~ "3"."""
    folded = fold(name)
    return _VILLAGE_PREFIX.sub("", folded)

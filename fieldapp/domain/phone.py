"""Vietnamese mobile phone numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.safe_text import is_ascii_digits

_MOBILE = re.compile(r"0[35789][0-9]{8}")


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    """A mobile number in its national 10-digit form (0xxxxxxxxx)."""

    value: str

    @classmethod
    def parse(cls, raw: str, *, field: str = "phone") -> PhoneNumber:
        """Accept +84 / 84 prefixes, a lost leading 0, spaces, dots and dashes."""
        text = str(raw).strip()
        if re.fullmatch(r"[0-9]+\.0", text):  # a spreadsheet number cell
            text = text[:-2]
        text = re.sub(r"[\s.\-()]", "", text)
        if text.startswith("+84"):
            text = "0" + text[3:]
        elif text.startswith("84") and len(text) == 11:
            text = "0" + text[2:]
        elif len(text) == 9 and text[:1] in "35789":
            text = "0" + text
        if not is_ascii_digits(text):
            raise ValidationError("phone.not_digits", field=field)
        if not _MOBILE.fullmatch(text):
            raise ValidationError("phone.invalid", field=field)
        return cls(text)

    @property
    def masked(self) -> str:
        """The last three digits only."""
        return "•••••••" + self.value[-3:]

    def __str__(self) -> str:
        return self.value


def mask_phone(phone: str, keep: int = 4) -> str:
    """Only the last `keep` digits show (a door-to-door list left on a table gives less away)."""
    digits = "".join(ch for ch in phone if "0" <= ch <= "9")
    if not digits:
        return ""
    return "•" * max(len(digits) - keep, 0) + digits[-keep:]

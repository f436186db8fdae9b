"""Dates as the field writes them."""

from __future__ import annotations

from datetime import date
from zoneinfo import ZoneInfo

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.safe_text import is_ascii_digits

COMMUNE_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
"""The commune's clock: a day of the campaign is a local day here (timestamps stay UTC)."""


def parse_ddmmyyyy(text: str, *, field: str) -> date:
    """Parse the card's compact ddmmyyyy form, naming the field when it is impossible."""
    raw = text.strip()
    if len(raw) != 8 or not is_ascii_digits(raw):
        raise ValidationError("date.bad_format", field=field, value=raw)
    try:
        return date(int(raw[4:]), int(raw[2:4]), int(raw[:2]))
    except ValueError:
        raise ValidationError("date.impossible", field=field, value=raw) from None


def age_on(birth_date: date, day: date) -> int:
    """Whole years of age on a day."""
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))

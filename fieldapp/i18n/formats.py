"""Numbers, percentages and dates as each language writes them: the one place that knows.

Vietnamese groups thousands with a dot and writes decimals with a comma (2.087; 13,66%);
English the other way round (2,087; 13.66%). Dates stay day first in both languages, as on
Vietnamese papers (05/6/2026). Used by the report PDF and xlsx, the dashboard, its charts and
the command line, so every face says the same figure the same way.
"""

from __future__ import annotations

from datetime import date, datetime

from fieldapp.i18n import tr

NO_VALUE = "—"  # a percentage of nothing (no level-2 account yet, no target set)

# (thousands separator, decimal mark) per language
_MARKS = {"vi": (".", ","), "en": (",", ".")}


def _marks(lang: str) -> tuple[str, str]:
    return _MARKS.get(lang, _MARKS["vi"])


def _swap(text: str, lang: str) -> str:
    """Python writes 1,234.5; put each language's marks in their places."""
    thousands, decimal = _marks(lang)
    if (thousands, decimal) == (",", "."):
        return text
    return text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)


def count_text(value: int, lang: str = "vi") -> str:
    """2.087 (vi), 2,087 (en)."""
    return _swap(f"{value:,}", lang)


def decimal_text(value: float, lang: str = "vi", digits: int = 2) -> str:
    """22,31 (vi), 22.31 (en): a number with its decimals, no sign after it."""
    return _swap(f"{value:.{digits}f}", lang)


def percent_text(value: float | None, lang: str = "vi", digits: int = 2) -> str:
    """13,66% (vi), 13.66% (en); a dash when there was nothing to divide by."""
    return NO_VALUE if value is None else decimal_text(value, lang, digits) + "%"


def date_text(day: date, lang: str = "vi") -> str:
    """05/6/2026: day first; the month unpadded after February, as the seeds write it."""
    del lang  # the same in both languages: the papers are Vietnamese
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def day_month_time_text(moment: datetime, lang: str = "vi") -> str:
    """03/06 10:00: when a point was last heard from (local time, as given)."""
    del lang
    return moment.strftime("%d/%m %H:%M")


def place_date_text(place: str, day: date, lang: str = "vi") -> str:
    """'Kiên Bình, ngày 05 tháng 6 năm 2026' (months 1 and 2 written 01, 02)."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return tr(
        "reports.place_date",
        lang,
        place=place,
        day=f"{day.day:02d}",
        day_plain=str(day.day),
        month=month,
        month_name=day.strftime("%B"),
        year=day.year,
    )

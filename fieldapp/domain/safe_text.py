r"""Values every way in must refuse: non-ASCII digits in IDs, hidden characters in names.

Python's `str.isdigit()` and regex `\d` accept full-width (`０`) and Arabic-Indic (`٠`)
digits; a personal ID is ASCII `0-9` only. A name or a label is shown on screens, printed in
reports for the province and written into spreadsheets: NUL and control characters break
files, bidi overrides (U+202E...) make "ABC" print as "CBA", a lone surrogate cannot be
stored as UTF-8. One place says what is refused, so the desk, the lists and the bundles
agree.
"""

from __future__ import annotations

import re

from fieldapp.domain.errors import ValidationError

NAME_MAX_LENGTH = 120  # Vietnamese full names rarely pass 40 characters; village names fewer
TEXT_MAX_LENGTH = 1000  # an address, a note typed by a volunteer, a source file name

# C0 and C1 controls (tab, CR and LF included: a name or label is one line), the bidi
# embedding/override/isolate controls and marks, and surrogates (only lone ones survive JSON).
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
BAD_IN_NAME = re.compile(f"[\x00-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff\ufeff]")
# Free text (an address, a reason) may hold a tab or a line break; nothing else hidden.
BAD_IN_TEXT = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f{_BIDI}\ud800-\udfff\ufeff]")


def is_ascii_digits(text: str) -> bool:
    """True for a non-empty run of `0-9` only (never full-width or Arabic-Indic digits)."""
    return text.isascii() and text.isdigit()


def name_problem(text: str, *, max_length: int = NAME_MAX_LENGTH) -> str | None:
    """Why a name or label is refused (a message id), or None if it is fine."""
    if BAD_IN_NAME.search(text):
        return "value.hidden_character"
    if len(text) > max_length:
        return "value.too_long"
    return None


def text_problem(text: str, *, max_length: int = TEXT_MAX_LENGTH) -> str | None:
    """Why a free text is refused (a message id), or None if it is fine."""
    if BAD_IN_TEXT.search(text):
        return "value.hidden_character"
    if len(text) > max_length:
        return "value.too_long"
    return None


def check_name(text: str, *, field: str = "full_name", max_length: int = NAME_MAX_LENGTH) -> str:
    """The name as given, or a ValidationError naming the field and what is wrong."""
    problem = name_problem(text, max_length=max_length)
    if problem is not None:
        raise ValidationError(problem, field=field, limit=max_length)
    return text


def check_text(text: str, *, field: str, max_length: int = TEXT_MAX_LENGTH) -> str:
    """Free text as given, or a ValidationError naming the field and what is wrong."""
    problem = text_problem(text, max_length=max_length)
    if problem is not None:
        raise ValidationError(problem, field=field, limit=max_length)
    return text

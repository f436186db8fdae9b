"""Vietnamese text folding for search and for matching column headers and villages."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_D_MAP = str.maketrans({"đ": "d", "Đ": "D"})


def normalise_name(text: str) -> str:
    """NFC-normalise and collapse white space: the form a name is stored in."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def fold(text: str) -> str:
    """Fold for search: diacritics off, đ→d, case folded, spaces collapsed.

    "Nguyễn Thị Hương" and "nguyen thi huong" fold to the same string.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_D_MAP))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare.casefold()).strip()


def fold_words(text: str) -> list[str]:
    """Folded words of a text, punctuation dropped, for token search."""
    return [w for w in re.split(r"[^0-9a-z]+", fold(text)) if w]

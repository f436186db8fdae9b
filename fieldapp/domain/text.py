"""Vietnamese text folding for search and for matching column headers and villages."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

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


@lru_cache(maxsize=1 << 15)
def _name_words(word: str) -> tuple[str, ...]:
    return tuple(fold_words(word))


def fold_name(name: str) -> str:
    """A person's name as search and sorting see it: folded words joined by one space.

    The one name-folding function: the stored `citizen.name_folded`, the search index over it
    and every query go through it, so "Nguyễn Thị  Hương-Giang" and "nguyen thi huong giang"
    meet. Folded a white-space word at a time with the words cached: an import of a province
    folds millions of names made of a few thousand words. Equal to `" ".join(fold_words(name))`
    (a test holds it to that).
    """
    return " ".join([w for part in name.split() for w in _name_words(part)])

"""The one set of words that mean "yes": a tick in a list's cell, an official fact's value.

Compared folded (`fieldapp.domain.text.fold`: no diacritics, case folded), so "Có", "có",
"CO" and "Đã" all count. Stored facts say "true" or "false"; older lists and hand-made files
say the rest.
"""

from __future__ import annotations

from functools import lru_cache

from fieldapp.domain.text import fold

YES_WORDS = frozenset(
    {"x", "v", "1", "co", "da", "roi", "yes", "y", "true", "ok", "dat", "xong", "hoan thanh"}
)


@lru_cache(maxsize=1024)
def means_yes(text: str) -> bool:
    """True if the text, folded, is one of the yes words (a few distinct values: cached)."""
    return fold(text) in YES_WORDS

"""One message catalogue for every face: English ids, Vietnamese text first, English second.

Each area of the app keeps its messages in its own module under `fieldapp/i18n/catalogue/`
(a dict `MESSAGES` of id → (Vietnamese, English)); they are merged on first use.
"""

from __future__ import annotations

import importlib
import pkgutil
import string
from functools import cache
from typing import Any, Literal

from fieldapp.domain.errors import FieldAppError

Language = Literal["vi", "en"]
LANGUAGES: tuple[Language, ...] = ("vi", "en")
DEFAULT_LANGUAGE: Language = "vi"


@cache
def all_messages() -> dict[str, tuple[str, str]]:
    """All messages, merged from the catalogue modules; a duplicate id is a bug."""
    package = importlib.import_module("fieldapp.i18n.catalogue")

    merged: dict[str, tuple[str, str]] = {}
    for info in sorted(pkgutil.iter_modules(package.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{package.__name__}.{info.name}")
        for key, texts in module.MESSAGES.items():
            if key in merged:
                raise RuntimeError(f"message id {key!r} defined twice")
            merged[key] = texts
    return merged


def tr(message_id: str, lang: str = DEFAULT_LANGUAGE, **params: Any) -> str:
    """The text of a message in a language; an unknown id shows itself rather than crash."""
    texts = all_messages().get(message_id)
    if texts is None:
        return message_id
    template = texts[1] if lang == "en" else texts[0]
    localised = {k: _localise(k, v, lang) for k, v in params.items()}
    try:
        return _FORMATTER.format(template, **localised)
    except (KeyError, IndexError, ValueError):  # ValueError: a plural asked of a non-count
        return template


_LOCALISED_PARAMS = (
    "field", "step", "result", "reason", "need", "group", "role", "column", "rule", "section",
    "action",
)  # fmt: skip
_PARAM_KINDS = {"target_role": "role"}  # a second param of the same kind
# Params that hold a count of things: written the language's way (2.087 / 2,087), and a
# template may ask for the noun's plural: "{count:visit|visits}" → "1 visit", "2 visits".
_COUNT_PARAMS = frozenset(
    {
        "count", "total", "new", "known", "files", "pages", "slips", "rows", "people",
        "visits", "visited", "citizens", "villages", "users", "events", "imported",
        "restored", "unchanged", "rejected", "errors", "done", "submitted", "failed",
        "referred", "left", "limit", "activated", "opened", "added",
    }
)  # fmt: skip


class Count(int):
    """A count in a message: the language's digit grouping; `{n:one|many}` adds the noun."""

    lang: str = DEFAULT_LANGUAGE

    def __new__(cls, value: int, lang: str) -> Count:  # noqa: D102
        made = super().__new__(cls, value)
        made.lang = lang
        return made

    def __str__(self) -> str:
        from fieldapp.i18n.formats import count_text

        return count_text(int(self), self.lang)

    def __format__(self, spec: str) -> str:
        """'' → the number as the language writes it; any other spec as for an int."""
        return str(self) if not spec else format(int(self), spec)


class _PluralFormatter(string.Formatter):
    """str.format, plus `{n:one|many}`: the number, then the noun that agrees with it.

    The number may come as an int or already written out ("1", "2,087"): 1 is singular.
    """

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|", 1)
            text = str(value)
            return f"{text} {one if text.strip() == '1' else many}"
        return super().format_field(value, format_spec)


_FORMATTER = _PluralFormatter()


def _localise(key: str, value: Any, lang: str) -> Any:
    """A param named like a kind (field=..., step=...) is shown by its catalogue name."""
    if key in _COUNT_PARAMS and isinstance(value, int) and not isinstance(value, bool):
        return Count(value, lang)
    key = _PARAM_KINDS.get(key, key)
    if key in _LOCALISED_PARAMS and isinstance(value, str):
        message_id = f"{key}.{value}"
        if message_id in all_messages():
            return tr(message_id, lang)
    return value


def error_text(error: FieldAppError, lang: str = DEFAULT_LANGUAGE) -> str:
    """What to show for an error raised anywhere below the faces."""
    return tr(error.message_id, lang, **error.params)


def both(message_id: str, **params: Any) -> str:
    """Vietnamese, then English in brackets: for the CLI's error lines."""
    vi = tr(message_id, "vi", **params)
    en = tr(message_id, "en", **params)
    return vi if vi == en else f"{vi} ({en})"

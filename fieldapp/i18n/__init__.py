"""One message catalogue for every face: English ids, Vietnamese text first, English second.

Each area of the app keeps its messages in its own module under `fieldapp/i18n/catalogue/`
(a dict `MESSAGES` of id → (Vietnamese, English)); they are merged on first use.
"""

from __future__ import annotations

import importlib
import pkgutil
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
        return template.format(**localised)
    except (KeyError, IndexError):
        return template


_LOCALISED_PARAMS = (
    "field", "step", "result", "reason", "need", "group", "role", "column", "rule", "section",
    "action",
)  # fmt: skip
_PARAM_KINDS = {"target_role": "role"}  # a second param of the same kind


def _localise(key: str, value: Any, lang: str) -> Any:
    """A param named like a kind (field=..., step=...) is shown by its catalogue name."""
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

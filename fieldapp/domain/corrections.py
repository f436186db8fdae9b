"""Corrections of a citizen's details: events, never updates.

A volunteer who sees a wrong name, birth date, sex or village on the card records a
`CitizenCorrection`: who, when, where, the old value and the new one (whether the citizen has
a smartphone is recorded the same way, with one key). The citizen's current
details are the stored ones with the latest correction of each field applied, so the old
value always stays in the history and corrections travel in bundles like visits do.

An official list's name, birth date and sex outrank any point's correction (the police
correct their lists); a citizen's village may be corrected whatever the source.

One more detail travels the same way without being a column of the citizen: the mark
"needs a home visit" (yes: cannot travel to the point; no: can, even if old), set by a
volunteer who knows the person. It is read by the home-visit list, never applied to the row.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum

from fieldapp.domain import model as dm
from fieldapp.domain.personal_id import Sex
from fieldapp.domain.text import fold

REPLACEMENT_CHARS = ("?", "\ufffd")


class CorrectedField(StrEnum):
    """The details of a citizen a point may correct."""

    FULL_NAME = "full_name"
    BIRTH_DATE = "birth_date"
    SEX = "sex"
    VILLAGE = "village_id"
    NEEDS_HOME_VISIT = "needs_home_visit"  # a mark, "yes" / "no": not a column of the citizen
    HAS_SMARTPHONE = "has_smartphone"  # one key at the desk (issue 18 item 3): "true"/"false"


CITIZEN_FIELDS = (
    CorrectedField.FULL_NAME,
    CorrectedField.BIRTH_DATE,
    CorrectedField.SEX,
    CorrectedField.VILLAGE,
    CorrectedField.HAS_SMARTPHONE,
)
MARK_VALUES = ("yes", "no")

OFFICIAL_FIELDS = frozenset(
    {CorrectedField.FULL_NAME, CorrectedField.BIRTH_DATE, CorrectedField.SEX}
)


@dataclass(frozen=True, slots=True)
class CitizenCorrection:
    """Immutable event: one detail of a citizen corrected at a point. Values are text."""

    id: uuid.UUID
    personal_id: str
    field: CorrectedField
    old_value: str
    new_value: str
    recorded_at: datetime
    user_id: uuid.UUID
    support_point_id: uuid.UUID | None


def name_is_garbled(name: str) -> bool:
    """True when a scanner replaced letters it could not type ('?' or U+FFFD)."""
    return any(ch in name for ch in REPLACEMENT_CHARS)


def clean_scan_improves(stored: str, scanned: str) -> bool:
    """A clean scanned name replaces a stored one that a scanner garbled.

    Garbled: letters replaced by '?'/U+FFFD, or the diacritics dropped (the same letters
    once folded, but fewer marks). A different person's name never replaces anything.
    """
    if not scanned or name_is_garbled(scanned) or scanned == stored:
        return False
    if name_is_garbled(stored):
        old, new = fold(stored), fold(scanned)
        return len(old) == len(new) and all(
            a == b or a in REPLACEMENT_CHARS for a, b in zip(old, new, strict=True)
        )
    return fold(stored) == fold(scanned) and _marks(scanned) > _marks(stored)


def _marks(text: str) -> int:
    return sum(1 for ch in text if not ch.isascii())


def value_text(value: object) -> str:
    """A detail as the text a correction stores: dates ISO, enums and ids by value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (Sex, StrEnum)):
        return str(value.value)
    return str(value)


def current_value(citizen: dm.Citizen, field: CorrectedField) -> str:
    """The citizen's detail as correction text."""
    return value_text(getattr(citizen, field.value))


def latest_by_field(
    corrections: Iterable[CitizenCorrection],
) -> dict[CorrectedField, CitizenCorrection]:
    """The correction that counts for each field: the latest, ties broken by id (any order)."""
    latest: dict[CorrectedField, CitizenCorrection] = {}
    for c in corrections:
        old = latest.get(c.field)
        if old is None or (c.recorded_at, str(c.id)) > (old.recorded_at, str(old.id)):
            latest[c.field] = c
    return latest


def corrected(
    citizen: dm.Citizen, corrections: Iterable[CitizenCorrection], *, official: bool
) -> dm.Citizen:
    """The citizen with the latest correction of each field applied.

    `official`: the details come from an official list, whose name, birth date and sex win.
    """
    changes: dict[str, object] = {}
    for field, c in latest_by_field(corrections).items():
        if field not in CITIZEN_FIELDS or (official and field in OFFICIAL_FIELDS):
            continue
        changes[field.value] = parse_value(field, c.new_value)
    return replace(citizen, **changes) if changes else citizen  # type: ignore[arg-type]


def parse_value(field: CorrectedField, text: str) -> object:
    """A correction's text back as the citizen's value."""
    if not text:
        return "" if field is CorrectedField.FULL_NAME else None
    if field is CorrectedField.BIRTH_DATE:
        return date.fromisoformat(text)
    if field is CorrectedField.SEX:
        return Sex(text)
    if field is CorrectedField.VILLAGE:
        return uuid.UUID(text)
    if field is CorrectedField.HAS_SMARTPHONE:
        if text not in _SMARTPHONE_VALUES:
            raise ValueError(text)
        return _SMARTPHONE_VALUES[text]
    return text


_SMARTPHONE_VALUES = {"true": True, "false": False}


def home_visit_mark(corrections: Iterable[CitizenCorrection]) -> bool | None:
    """The latest "needs a home visit" mark: True, False, or None when nobody marked."""
    latest = latest_by_field(
        c for c in corrections if c.field is CorrectedField.NEEDS_HOME_VISIT
    ).get(CorrectedField.NEEDS_HOME_VISIT)
    return None if latest is None else latest.new_value == "yes"

"""Telling what a scanner (or a person) typed: a card's QR, a bare ID, or something broken."""

from __future__ import annotations

import re

from fieldapp.domain.chip_qr import ChipQrPayload, looks_like_chip_qr, parse_chip_qr
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.personal_id import PersonalId

_GLUED = re.compile(r"\|\d{8}\d{12}\|")


def read_scan(text: str) -> ChipQrPayload | PersonalId:
    """A card's QR payload, or a typed 12-digit ID; otherwise a ValidationError that says why."""
    raw = text.strip()
    if not raw:
        raise ValidationError("scan.empty")
    lines = [line for line in raw.splitlines() if line.strip()]
    if len(lines) > 1 or _GLUED.search(raw) or raw.count("|") >= 12:
        raise ValidationError("scan.glued")
    if looks_like_chip_qr(raw):
        return parse_chip_qr(raw)
    compact = raw.replace(" ", "").replace(".", "")
    if compact.isdigit():
        return PersonalId.parse(compact)
    raise ValidationError("scan.not_id")

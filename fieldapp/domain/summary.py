"""A commune's summary for the province: counts per day and unit, never a citizen.

The model both sides share (`fieldapp/sync/summary.py` reads and writes it as the body of a
summary bundle; `docs/summary-format.md` documents it).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date

UNIT_COMMUNE, UNIT_VILLAGE, UNIT_POINT, UNIT_GROUP = "commune", "village", "point", "group"
UNIT_KINDS = (UNIT_COMMUNE, UNIT_VILLAGE, UNIT_POINT, UNIT_GROUP)
UNKNOWN_UNIT = "unknown"  # citizens with no village, or never visited at a point
SUMMARY_VERSION = 1

Figures = dict[str, int]


@dataclass
class UnitRow:
    """One row of one day: a unit (the commune, a village, a point, a group) and its counts."""

    kind: str
    key: str
    figures: Figures


@dataclass
class DaySummary:
    """The rows of one day."""

    day: date
    rows: list[UnitRow] = field(default_factory=list)

    def commune_row(self) -> UnitRow:
        """The whole commune's row (every summary day has exactly one)."""
        return next(r for r in self.rows if r.kind == UNIT_COMMUNE)


@dataclass
class CommuneSummary:
    """A decoded, checked summary: who, the units it declares, the days it reports."""

    commune_id: uuid.UUID
    commune_name: str
    province: str
    villages: dict[str, str]  # id → name
    points: dict[str, str]
    days: list[DaySummary]
    version: int = SUMMARY_VERSION

    def unit_name(self, kind: str, key: str) -> str:
        """The name a row's unit is shown by (a group by its code; the UI translates it)."""
        if kind == UNIT_VILLAGE:
            return self.villages.get(key, UNKNOWN_UNIT)
        if kind == UNIT_POINT:
            return self.points.get(key, UNKNOWN_UNIT)
        if kind == UNIT_COMMUNE:
            return self.commune_name
        return key

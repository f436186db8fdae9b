"""The body of a summary bundle (kind 3): a commune's figures per day, for the province.

Counts only, never a citizen: per day, one row for the whole commune and one per village,
support point and beneficiary group, each a flat map of figure names to counts. Documented in
`docs/summary-format.md` (schema version 1). A reader keeps figure names it does not know
(a later FieldApp may add some) and refuses anything impossible: a negative count, more links
than level-2 accounts, a village or point the summary did not declare, a day after today.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from datetime import date
from functools import lru_cache
from typing import Any

from fieldapp.domain.model import BeneficiaryGroup
from fieldapp.domain.safe_text import name_problem
from fieldapp.domain.summary import (
    SUMMARY_VERSION,
    UNIT_COMMUNE,
    UNIT_KINDS,
    UNIT_POINT,
    UNIT_VILLAGE,
    UNKNOWN_UNIT,
    CommuneSummary,
    DaySummary,
    Figures,
    UnitRow,
)
from fieldapp.sync.errors import BundleRefusedError

SUMMARY_SCHEMA = "fieldapp-summary"
MAX_COUNT = 100_000_000  # more people than the country has: a damaged or hostile number
MAX_DAYS = 400
MAX_NAME = 120
MAX_FIGURE_NAME = 80

# Pairs (part, whole) that no real commune can break: part ≤ whole. Checked on every row.
_PART_OF = (
    ("linked", "level2"),
    ("link_approved", "linked"),
    ("link_waiting", "linked"),
    ("activated", "level2"),
    ("level2", "citizens"),
    ("bank_account", "citizens"),
    ("visited", "citizens"),
    ("home_visits.people", "home_visits"),
)


def encode_summary(summary: CommuneSummary) -> dict[str, Any]:
    """The JSON body (the bundle's counts of `villages` and `points` are these sections')."""
    return {
        "schema": SUMMARY_SCHEMA,
        "version": summary.version,
        "province": summary.province,
        "commune": {"id": str(summary.commune_id), "name": summary.commune_name},
        "villages": [[k, v] for k, v in summary.villages.items()],
        "points": [[k, v] for k, v in summary.points.items()],
        "days": [
            {
                "day": d.day.isoformat(),
                "rows": [[r.kind, r.key, dict(sorted(r.figures.items()))] for r in d.rows],
            }
            for d in summary.days
        ],
    }


def decode_summary(
    body: Mapping[str, Any], *, commune_id: uuid.UUID, today: date, file: str = ""
) -> CommuneSummary:
    """Read and check a summary body; any impossible value refuses the whole file.

    `commune_id` is the one in the signed header; `today` the reader's local date (a day
    after it is from the future: refused, nothing changes).
    """
    if body.get("schema") != SUMMARY_SCHEMA:
        raise BundleRefusedError("sync.damaged", file=file)
    version = body.get("version")
    if not isinstance(version, int) or version < 1:
        raise BundleRefusedError("sync.damaged", file=file)
    if version > SUMMARY_VERSION:
        raise BundleRefusedError("summary.newer_version", file=file, version=version)
    commune = body.get("commune")
    if not isinstance(commune, dict) or commune.get("id") != str(commune_id):
        raise BundleRefusedError("sync.damaged", file=file)
    name = _name(commune.get("name"), file)
    summary = CommuneSummary(
        commune_id=commune_id,
        commune_name=name,
        province=_name(body.get("province", ""), file, empty_ok=True),
        villages=_units(body.get("villages"), file),
        points=_units(body.get("points"), file),
        days=[],
    )
    days = body.get("days")
    if not isinstance(days, list) or not days or len(days) > MAX_DAYS:
        raise BundleRefusedError("sync.damaged", file=file)
    seen: set[date] = set()
    for item in days:
        summary.days.append(_day(item, summary, today, seen, file))
    return summary


def _day(item: Any, summary: CommuneSummary, today: date, seen: set[date], file: str) -> DaySummary:
    if not isinstance(item, dict) or not isinstance(item.get("rows"), list):
        raise BundleRefusedError("sync.damaged", file=file)
    try:
        day = date.fromisoformat(str(item.get("day")))
    except ValueError:
        raise BundleRefusedError("sync.damaged", file=file) from None
    if day in seen:
        raise BundleRefusedError("sync.damaged", file=file)
    seen.add(day)
    where = {"file": file, "commune": summary.commune_name, "day": day.isoformat()}
    if day > today:
        raise BundleRefusedError("summary.future_day", **where)
    result = DaySummary(day)
    keys: set[tuple[str, str]] = set()
    for raw in item["rows"]:
        if not isinstance(raw, list) or len(raw) != 3:
            raise BundleRefusedError("sync.damaged", file=file)
        kind, key, figures = raw
        if kind not in UNIT_KINDS or not isinstance(key, str) or (kind, key) in keys:
            raise BundleRefusedError("sync.damaged", file=file)
        keys.add((kind, key))
        _check_unit(kind, key, summary, where)
        result.rows.append(UnitRow(kind, key, _figures(figures, where)))
    if (UNIT_COMMUNE, "") not in keys:
        raise BundleRefusedError("sync.damaged", file=file)
    return result


def _check_unit(kind: str, key: str, summary: CommuneSummary, where: dict[str, str]) -> None:
    """A village or point must be one the summary declares; a group one the app knows."""
    if kind == UNIT_COMMUNE:
        if key != "":
            raise BundleRefusedError("sync.damaged", file=where["file"])
        return
    known: Iterable[str]
    if kind == UNIT_VILLAGE:
        known = summary.villages
    elif kind == UNIT_POINT:
        known = summary.points
    else:
        known = {g.value for g in BeneficiaryGroup}
    if key != UNKNOWN_UNIT and key not in known:
        raise BundleRefusedError(f"summary.undeclared_{kind}", unit=key, **where)


def _figures(raw: Any, where: dict[str, str]) -> Figures:
    if not isinstance(raw, dict):
        raise BundleRefusedError("sync.damaged", file=where["file"])
    figures: Figures = {}
    for name, value in raw.items():
        if not isinstance(name, str) or not _good_figure_name(name):
            raise BundleRefusedError("sync.damaged", file=where["file"])
        if isinstance(value, bool) or not isinstance(value, int):
            raise BundleRefusedError("summary.not_a_count", figure=name, **where)
        if value < 0:
            raise BundleRefusedError("summary.negative", figure=name, value=value, **where)
        if value > MAX_COUNT:
            raise BundleRefusedError("summary.too_large", figure=name, value=value, **where)
        figures[name] = value
    for part, whole in _PART_OF:
        if part in figures and whole in figures and figures[part] > figures[whole]:
            raise BundleRefusedError(
                "summary.impossible",
                figure=part,
                value=figures[part],
                whole=whole,
                whole_value=figures[whole],
                **where,
            )
    for name, value in figures.items():  # reached today ≤ had at the end of the day
        if name.startswith("new.") and figures.get(name[4:], value) < value:
            raise BundleRefusedError(
                "summary.impossible",
                figure=name,
                value=value,
                whole=name[4:],
                whole_value=figures[name[4:]],
                **where,
            )
    return figures


@lru_cache(maxsize=4096)
def _good_figure_name(name: str) -> bool:
    """Figure names repeat on every row: each distinct one is checked once."""
    return bool(name) and name_problem(name, max_length=MAX_FIGURE_NAME) is None


def _units(raw: Any, file: str) -> dict[str, str]:
    if not isinstance(raw, list):
        raise BundleRefusedError("sync.damaged", file=file)
    units: dict[str, str] = {}
    for item in raw:
        if not isinstance(item, list) or len(item) != 2:
            raise BundleRefusedError("sync.damaged", file=file)
        key, name = item
        try:
            key = str(uuid.UUID(str(key)))
        except ValueError:
            raise BundleRefusedError("sync.damaged", file=file) from None
        units[key] = _name(name, file)
    return units


def _name(value: Any, file: str, *, empty_ok: bool = False) -> str:
    if not isinstance(value, str) or (not value and not empty_ok):
        raise BundleRefusedError("sync.damaged", file=file)
    if value and name_problem(value, max_length=MAX_NAME) is not None:
        raise BundleRefusedError("sync.damaged", file=file)
    return value

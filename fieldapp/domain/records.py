"""The records two stores exchange, field by field, and which version of a citizen wins.

A bundle carries each kind of record (a section) as arrays in a fixed field order; the store
reads and writes its rows in that same order. When two stores hold different versions of one
citizen, `citizen_wins` settles which is kept, the same way in any order of arrival (a total
order), which is what makes an import a set union.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

COLUMNS: dict[str, tuple[str, ...]] = {
    "villages": ("id", "name"),
    "points": ("id", "name", "village_id"),
    "users": ("id", "name", "role", "support_point_id"),
    "citizens": (
        "personal_id",
        "full_name",
        "birth_date",
        "sex",
        "address",
        "village_id",
        "phone",
        "old_id",
        "beneficiary_group",
        "has_smartphone",
        "name_source",
        "created_at",
        "updated_at",
    ),
    "visits": ("id", "personal_id", "occurred_at", "support_point_id", "user_id", "place"),
    "outcomes": (
        "id",
        "visit_id",
        "personal_id",
        "step",
        "result",
        "recorded_at",
        "user_id",
        "reason",
        "reason_text",
        "bank",
        "referred_to",
        "corrects",
    ),
    "facts": (
        "id",
        "personal_id",
        "field",
        "value",
        "source_kind",
        "source_file",
        "as_of",
        "imported_at",
    ),
    # Optional (absent in older bundles) and not counted in a bundle's header.
    "corrections": (
        "id",
        "personal_id",
        "field",
        "old_value",
        "new_value",
        "recorded_at",
        "user_id",
        "support_point_id",
    ),
    # Optional too (issue 19): who receives a beneficiary's payment, and into which account.
    "receivers": (
        "id",
        "personal_id",
        "holder",
        "receiver_name",
        "relation",
        "receiver_id",
        "recorded_at",
        "user_id",
        "support_point_id",
    ),
    "accounts": (
        "id",
        "personal_id",
        "holder",
        "bank",
        "account_number",
        "recorded_at",
        "user_id",
        "support_point_id",
    ),
    # Issue 19, optional and not counted in the header either. Which team member brought a
    # visit's citizen in (an event of the visit's point):
    "visit_helpers": (
        "id",
        "visit_id",
        "personal_id",
        "member_id",
        "recorded_at",
        "user_id",
        "support_point_id",
    ),
    # The police's village teams (lists back to a point; never from a point). No phones.
    "teams": ("id", "village_id", "name", "updated_at"),
    "team_members": (
        "id",
        "team_id",
        "full_name",
        "role",
        "personal_id",
        "user_id",
        "target",
        "leader",
        "active",
        "updated_at",
    ),
    # Units and their rosters: known to the payload so that a point's bundle carrying them is
    # refused, not silently ignored (rosters come from the police or the unit's list).
    "units": ("id", "name", "kind", "deadline", "target_percent", "updated_at"),
    "unit_members": ("unit_id", "personal_id", "role", "added_at"),
}
EVENT_SECTIONS = (
    "visits", "outcomes", "facts", "corrections", "receivers", "accounts", "visit_helpers",
)  # fmt: skip
# What only the police may write: a point's bundle holding a row of these is refused.
POLICE_SECTIONS = ("teams", "team_members", "units", "unit_members")


def _encode_moment(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    elif value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.isoformat()


EXCHANGE_ENCODERS: dict[type, Callable[[Any], object]] = {  # the rest stay as they are
    uuid.UUID: str,
    datetime: _encode_moment,
    date: date.isoformat,
}


def encode_value(value: object) -> object:
    """A stored value as JSON: UUIDs as text, datetimes (UTC) and dates in ISO 8601."""
    encoder = EXCHANGE_ENCODERS.get(type(value))
    return value if encoder is None else encoder(value)


def citizen_rank(row: dict[str, Any]) -> tuple[int, datetime]:
    """How strong a version of a citizen is: official-list names beat scans, then newer."""
    source = row["name_source"]
    return (2 if source == "official_list" else (1 if source == "manual" else 0)), row["updated_at"]


def citizen_wins(new: dict[str, Any], old: dict[str, Any]) -> bool:
    """True if `new` should replace `old`: the same answer in any order (a total order).

    Stronger rank wins; on a tie the larger canonical record wins, so two points' versions
    of one citizen settle the same way whichever bundle comes first.
    """
    a, b = citizen_rank(new), citizen_rank(old)
    if a != b:
        return a > b
    if all(new[c] == old[c] for c in COLUMNS["citizens"]):
        return False  # the same record: nothing to do (the common case on re-import)
    return _canonical(new) > _canonical(old)


def _canonical(row: dict[str, Any]) -> str:
    return repr([encode_value(row[c]) for c in COLUMNS["citizens"]])

"""The body of a bundle: rows as JSON arrays, and their validation on the way in.

Each section is a list of arrays with a fixed column order (`COLUMNS`, declared with the
records in `domain/records.py`; `docs/sync-format.md`). `decode_payload` checks every value
and returns rows ready for the store, typed (UUIDs, aware datetimes, dates); anything
malformed refuses the whole bundle.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any, NamedTuple

from fieldapp.domain import model as dm
from fieldapp.domain.corrections import CorrectedField
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.personal_id import PersonalId, Sex
from fieldapp.domain.records import COLUMNS, EVENT_SECTIONS, EXCHANGE_ENCODERS
from fieldapp.sync.errors import BundleRefusedError

NAME_SOURCES = ("scan", "manual", "official_list")


@dataclass
class DecodedPayload:
    """Typed rows of one bundle, by section, keyed like the store's columns."""

    sections: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def rows(self, section: str) -> list[dict[str, Any]]:
        """The rows of one section (empty if absent)."""
        return self.sections.get(section, [])

    @property
    def event_count(self) -> int:
        """Visits, outcomes and facts together."""
        return sum(len(self.rows(s)) for s in EVENT_SECTIONS)


# Encoding (export) -----------------------------------------------------------------------------
def encode_rows(rows: Sequence[Sequence[object]]) -> list[list[object]]:
    """Store rows (in `COLUMNS` order) as JSON arrays."""
    get = EXCHANGE_ENCODERS.get
    return [[v if (f := get(type(v))) is None else f(v) for v in row] for row in rows]


# Decoding (import) -----------------------------------------------------------------------------
class _BadValueError(Exception):
    pass


def _uuid(value: object) -> uuid.UUID:
    if not isinstance(value, str):
        raise _BadValueError
    return _parse_uuid(value)


def _event_id(value: object) -> uuid.UUID:
    """An event's own id: unique in the bundle, so not worth caching."""
    if not isinstance(value, str):
        raise _BadValueError
    return uuid.UUID(value)


@lru_cache(maxsize=1 << 16)
def _parse_uuid(text: str) -> uuid.UUID:
    """Points, users, visits and citizens' villages repeat many times in one bundle."""
    return uuid.UUID(text)


def _uuid_or_none(value: object) -> uuid.UUID | None:
    return None if value is None else _uuid(value)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _BadValueError
    return value


def _text_or_none(value: object) -> str | None:
    return None if value is None else _text(value)


def _moment(value: object) -> datetime:
    moment = _from_iso(value)  # type: ignore[arg-type]  # TypeError on a non-string: refused
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


_from_iso = datetime.fromisoformat


def _day_or_none(value: object) -> date | None:
    return None if value is None else date.fromisoformat(_text(value))


def _one_of(choices: frozenset[str]) -> Callable[[object], str]:
    def check(value: object) -> str:
        if value not in choices:
            raise _BadValueError
        return value  # type: ignore[return-value]

    return check


def _one_of_or_none(choices: frozenset[str]) -> Callable[[object], str | None]:
    check = _one_of(choices)
    return lambda value: None if value is None else check(value)


def _personal_id(value: object) -> str:
    try:
        return PersonalId.parse(_text(value)).value
    except ValidationError:
        raise _BadValueError from None


def _bool_or_none(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise _BadValueError


def _values(kind: type) -> frozenset[str]:
    return frozenset(m.value for m in kind)


def decode_payload(payload: dict[str, Any], *, file: str = "") -> DecodedPayload:
    """Check every row of every section; refuse the bundle at the first bad value.

    Also checks that the bundle is self-contained: every citizen, visit, point and user an
    event refers to travels with it, so the store never holds a dangling reference.

    Each section is checked a column at a time (`_COLUMN_CHECKS`: the same rules as the
    per-value `_CHECKS`, applied with set and `map` operations); a section that fails there
    is checked again row by row, which finds the first bad row for the message.
    """
    decoded = DecodedPayload()
    for section in _CHECKS:
        raw_rows = payload.get(section, [])
        values = _by_columns(section, raw_rows)
        if values is None:
            rows = _by_rows(section, raw_rows, file)
        else:
            names = COLUMNS[section]
            rows = [dict(zip(names, row)) for row in zip(*values)]  # noqa: B905
        decoded.sections[section] = rows
    _check_references(decoded, file)
    return decoded


def _by_rows(section: str, raw_rows: Any, file: str) -> list[dict[str, Any]]:
    """The reference check, one value at a time: refuses at the first bad row."""
    checks = _CHECKS[section]
    names = COLUMNS[section]
    rows: list[dict[str, Any]] = []
    for index, raw in enumerate(raw_rows):
        if not isinstance(raw, list) or len(raw) != len(checks):
            raise BundleRefusedError("sync.bad_event", file=file, section=section, row=index + 1)
        try:
            rows.append(dict(zip(names, [c(v) for c, v in zip(checks, raw)])))  # noqa: B905
        except (_BadValueError, ValueError, TypeError):
            raise BundleRefusedError(
                "sync.bad_event", file=file, section=section, row=index + 1
            ) from None
    return rows


def _by_columns(section: str, raw_rows: Any) -> list[list[Any]] | None:
    """The section's typed values column by column, or None if anything is off."""
    width = len(_CHECKS[section])
    if type(raw_rows) is not list:
        return None
    if not raw_rows:
        return [[] for _ in range(width)]
    if set(map(type, raw_rows)) != {list} or set(map(len, raw_rows)) != {width}:
        return None
    try:
        return [
            check(list(column))
            for check, column in zip(_COLUMN_CHECKS[section], zip(*raw_rows))  # noqa: B905
        ]
    except (_BadValueError, ValueError, TypeError, AttributeError):
        return None


# Column checks: each takes a whole column and returns its typed values, or raises.
_NONE = type(None)


def _types(column: list[Any], allowed: set[type]) -> list[Any]:
    if not set(map(type, column)) <= allowed:
        raise _BadValueError
    return column


def _col_text(column: list[Any]) -> list[Any]:
    return _types(column, {str})


def _col_text_or_none(column: list[Any]) -> list[Any]:
    return _types(column, {str, _NONE})


def _col_bool_or_none(column: list[Any]) -> list[Any]:
    return _types(column, {bool, _NONE})


def _col_uuid(column: list[Any]) -> list[Any]:
    return list(map(_parse_uuid, _types(column, {str})))


def _col_uuid_or_none(column: list[Any]) -> list[Any]:
    _types(column, {str, _NONE})
    return [None if v is None else _parse_uuid(v) for v in column]


def _col_event_id(column: list[Any]) -> list[Any]:
    return list(map(uuid.UUID, _types(column, {str})))


def _col_moment(column: list[Any]) -> list[Any]:
    moments = list(map(_from_iso, _types(column, {str})))
    return [m.replace(tzinfo=UTC) if m.tzinfo is None else m for m in moments]


def _col_day(column: list[Any]) -> list[Any]:
    return list(map(date.fromisoformat, _types(column, {str})))


def _col_day_or_none(column: list[Any]) -> list[Any]:
    _types(column, {str, _NONE})
    return [None if v is None else date.fromisoformat(v) for v in column]


def _col_personal_id(column: list[Any]) -> list[Any]:
    return list(map(_personal_id, column))


def _col_one_of(choices: frozenset[str]) -> Callable[[list[Any]], list[Any]]:
    def check(column: list[Any]) -> list[Any]:
        if not set(_types(column, {str})) <= choices:
            raise _BadValueError
        return column

    return check


def _col_one_of_or_none(choices: frozenset[str]) -> Callable[[list[Any]], list[Any]]:
    allowed = choices | {None}

    def check(column: list[Any]) -> list[Any]:
        if not set(_types(column, {str, _NONE})) <= allowed:
            raise _BadValueError
        return column

    return check


def _day(value: object) -> date:
    return date.fromisoformat(_text(value))


class _Rule(NamedTuple):
    """One column's rule, twice: per value (to name the bad row) and per column (for speed)."""

    value: Callable[[object], object]
    column: Callable[[list[Any]], list[Any]]


def _one_of_rule(choices: frozenset[str]) -> _Rule:
    return _Rule(_one_of(choices), _col_one_of(choices))


def _one_of_or_none_rule(choices: frozenset[str]) -> _Rule:
    return _Rule(_one_of_or_none(choices), _col_one_of_or_none(choices))


TEXT, TEXT_OR_NONE = _Rule(_text, _col_text), _Rule(_text_or_none, _col_text_or_none)
REF, REF_OR_NONE = _Rule(_uuid, _col_uuid), _Rule(_uuid_or_none, _col_uuid_or_none)
EVENT_ID, MOMENT = _Rule(_event_id, _col_event_id), _Rule(_moment, _col_moment)
DAY, DAY_OR_NONE = _Rule(_day, _col_day), _Rule(_day_or_none, _col_day_or_none)
PERSONAL_ID, BOOL_OR_NONE = (
    _Rule(_personal_id, _col_personal_id),
    _Rule(_bool_or_none, _col_bool_or_none),
)

# The columns of each section, in the order `docs/sync-format.md` gives them.
_SCHEMA: dict[str, tuple[_Rule, ...]] = {
    "villages": (REF, TEXT),
    "points": (REF, TEXT, REF_OR_NONE),
    "users": (REF, TEXT, _one_of_rule(_values(dm.Role)), REF_OR_NONE),
    "citizens": (
        PERSONAL_ID,
        TEXT,
        DAY_OR_NONE,
        _one_of_or_none_rule(_values(Sex)),
        TEXT,
        REF_OR_NONE,
        TEXT_OR_NONE,
        TEXT_OR_NONE,
        _one_of_or_none_rule(_values(dm.BeneficiaryGroup)),
        BOOL_OR_NONE,
        _one_of_rule(frozenset(NAME_SOURCES)),
        MOMENT,
        MOMENT,
    ),
    # Events name citizens by ID: checked against the bundle's citizens, whose IDs are parsed.
    "visits": (EVENT_ID, TEXT, MOMENT, REF, REF, _one_of_rule(_values(dm.VisitPlace))),
    "outcomes": (
        EVENT_ID,
        REF,
        TEXT,
        _one_of_rule(_values(dm.Step)),
        _one_of_rule(_values(dm.Result)),
        MOMENT,
        REF,
        _one_of_or_none_rule(_values(dm.FailureReason)),
        TEXT,
        TEXT_OR_NONE,
        _one_of_or_none_rule(_values(dm.ReferralTarget)),
        REF_OR_NONE,
    ),
    "facts": (EVENT_ID, TEXT, _one_of_rule(_values(dm.FactField)), TEXT, TEXT, TEXT, DAY, MOMENT),
    "corrections": (
        EVENT_ID,
        TEXT,
        _one_of_rule(_values(CorrectedField)),
        TEXT,
        TEXT,
        MOMENT,
        REF,
        REF_OR_NONE,
    ),
}
_CHECKS = {section: tuple(r.value for r in rules) for section, rules in _SCHEMA.items()}
_COLUMN_CHECKS = {section: tuple(r.column for r in rules) for section, rules in _SCHEMA.items()}


def _check_references(decoded: DecodedPayload, file: str) -> None:
    citizens = {r["personal_id"] for r in decoded.rows("citizens")}
    visits = {r["id"] for r in decoded.rows("visits")}
    users = {r["id"] for r in decoded.rows("users")}
    points = {r["id"] for r in decoded.rows("points")}

    def bad(section: str, index: int) -> BundleRefusedError:
        return BundleRefusedError("sync.bad_event", file=file, section=section, row=index + 1)

    for i, row in enumerate(decoded.rows("visits")):
        if (
            row["personal_id"] not in citizens
            or row["user_id"] not in users
            or row["support_point_id"] not in points
        ):
            raise bad("visits", i)
    for i, row in enumerate(decoded.rows("outcomes")):
        if row["visit_id"] not in visits or row["personal_id"] not in citizens:
            raise bad("outcomes", i)
    for i, row in enumerate(decoded.rows("facts")):
        if row["personal_id"] not in citizens:
            raise bad("facts", i)
    for i, row in enumerate(decoded.rows("corrections")):
        if row["personal_id"] not in citizens or row["user_id"] not in users:
            raise bad("corrections", i)

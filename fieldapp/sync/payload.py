"""The body of a bundle: rows as JSON arrays, and their validation on the way in.

Each section is a list of arrays with a fixed column order (`COLUMNS`, declared with the
records in `domain/records.py`; `docs/sync-format.md`). `decode_payload` checks every value
and returns rows ready for the store: ids as their 32 lowercase hex digits (`uuid.UUID.hex`,
how SQLite's store keeps them: a `str` hashes once and needs no conversion to be written),
aware datetimes, dates; anything malformed refuses the whole bundle.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from operator import itemgetter
from typing import Any, NamedTuple

from fieldapp.domain import model as dm
from fieldapp.domain.corrections import CorrectedField
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.payments import ACCOUNT_MAX_DIGITS, PaymentHolder
from fieldapp.domain.personal_id import PROVINCE_CODES, PersonalId, Sex
from fieldapp.domain.records import COLUMNS, EVENT_SECTIONS, EXCHANGE_ENCODERS
from fieldapp.domain.safe_text import (
    BAD_IN_NAME,
    BAD_IN_TEXT,
    NAME_MAX_LENGTH,
    TEXT_MAX_LENGTH,
    is_ascii_digits,
)
from fieldapp.domain.teams import RosterRole, TeamRole, UnitKind
from fieldapp.sync.errors import BundleRefusedError

NAME_SOURCES = ("scan", "manual", "official_list")
# A clock a little fast is fine; a time further ahead is refused (it would win every merge).
CLOCK_SKEW = timedelta(hours=12)
# The timestamp columns of each section, checked against "now + CLOCK_SKEW" on import.
MOMENT_COLUMNS: dict[str, tuple[str, ...]] = {
    "citizens": ("created_at", "updated_at"),
    "visits": ("occurred_at",),
    "outcomes": ("recorded_at",),
    "facts": ("imported_at",),
    "corrections": ("recorded_at",),
    "receivers": ("recorded_at",),
    "accounts": ("recorded_at",),
    "visit_helpers": ("recorded_at",),
    "teams": ("updated_at",),
    "team_members": ("updated_at",),
    "units": ("updated_at",),
    "unit_members": ("added_at",),
}


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
    """Store rows (in `COLUMNS` order) as JSON arrays.

    A column at a time: rows read raw from SQLite hold only text, numbers and None, so most
    columns (often all) need no value encoded, and are found so by the set of their types.
    """
    if not rows:
        return []
    columns: list[Sequence[object]] = list(zip(*rows, strict=True))
    get = EXCHANGE_ENCODERS.get
    encoded = False
    for index, column in enumerate(columns):
        if any(get(kind) is not None for kind in set(map(type, column))):
            columns[index] = [v if (f := get(type(v))) is None else f(v) for v in column]
            encoded = True
    if not encoded:
        return list(map(list, rows))
    return list(map(list, zip(*columns, strict=True)))


# Decoding (import) -----------------------------------------------------------------------------
class _BadValueError(Exception):
    """A value that breaks its column's rule; `rule` names the rule for the message."""

    def __init__(self, rule: str = "bad_value") -> None:
        super().__init__(rule)
        self.rule = rule


def refused_row(
    file: str, section: str, index: int, rule: str, **params: Any
) -> BundleRefusedError:
    """The refusal of a whole bundle for one row: names the section, the row and the rule."""
    return BundleRefusedError(
        "sync.refused_row", file=file, section=section, row=index + 1, rule=rule, **params
    )


def _uuid(value: object) -> str:
    if not isinstance(value, str):
        raise _BadValueError
    return _hex_id(value)


@lru_cache(maxsize=1 << 16)
def _hex_id(text: str) -> str:
    """Any text `uuid.UUID` reads, as its 32 hex digits (ids repeat many times in a bundle)."""
    return uuid.UUID(text).hex


def _uuid_or_none(value: object) -> str | None:
    return None if value is None else _uuid(value)


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise _BadValueError
    if BAD_IN_TEXT.search(value):
        raise _BadValueError("hidden_character")
    if len(value) > TEXT_MAX_LENGTH:
        raise _BadValueError("too_long")
    return value


def _text_or_none(value: object) -> str | None:
    return None if value is None else _text(value)


def _name(value: object) -> str:
    if not isinstance(value, str):
        raise _BadValueError
    if BAD_IN_NAME.search(value):
        raise _BadValueError("hidden_character")
    if len(value) > NAME_MAX_LENGTH:
        raise _BadValueError("too_long")
    return value


def _name_or_none(value: object) -> str | None:
    return None if value is None else _name(value)


def _digits_or_none(value: object) -> str | None:
    """A phone number: ASCII digits only (no spaces, no full-width digits), or null."""
    if value is None:
        return None
    if not isinstance(value, str) or len(value) > 15 or not is_ascii_digits(value):
        raise _BadValueError("not_ascii_digits")
    return value


def _utc(moment: datetime) -> datetime:
    """Aware and in UTC; OverflowError for 9999-12-31 with a negative offset (refused)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment if moment.tzinfo is UTC else moment.astimezone(UTC)


def _moment(value: object) -> datetime:
    if not isinstance(value, str):
        raise _BadValueError
    return _utc(_from_iso(value))


_from_iso = datetime.fromisoformat


def _day_or_none(value: object) -> date | None:
    return None if value is None else _day(value)


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
    if not isinstance(value, str) or len(value) != 12:
        raise _BadValueError
    if not is_ascii_digits(value):
        raise _BadValueError("not_ascii_digits")
    try:
        return PersonalId.parse(value).value
    except ValidationError:
        raise _BadValueError from None


def _personal_id_or_none(value: object) -> str | None:
    return None if value is None else _personal_id(value)


def _account_number(value: object) -> str:
    """ASCII digits, as `domain/payments.py` stores them (the bank's rule is the desk's)."""
    if not isinstance(value, str) or not 1 <= len(value) <= ACCOUNT_MAX_DIGITS:
        raise _BadValueError
    if not is_ascii_digits(value):
        raise _BadValueError("not_ascii_digits")
    return value


def _bool_or_none(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise _BadValueError


def _values(kind: type) -> frozenset[str]:
    return frozenset(m.value for m in kind)


_VALUE_ERRORS = (_BadValueError, ValueError, TypeError, OverflowError, AttributeError)


def decode_payload(
    payload: dict[str, Any], *, file: str = "", now: datetime | None = None
) -> DecodedPayload:
    """Check every row of every section; refuse the bundle at the first bad value.

    Also checks that the bundle is self-contained: every citizen, visit, point and user an
    event refers to travels with it, so the store never holds a dangling reference. With
    `now`, a timestamp later than now plus `CLOCK_SKEW` refuses the bundle: a time in the
    future would win every merge.

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
    if now is not None:
        _check_not_future(decoded, now + CLOCK_SKEW, file)
    _check_references(decoded, file)
    return decoded


def _by_rows(section: str, raw_rows: Any, file: str) -> list[dict[str, Any]]:
    """The reference check, one value at a time: refuses at the first bad row."""
    checks = _CHECKS[section]
    names = COLUMNS[section]
    rows: list[dict[str, Any]] = []
    if not isinstance(raw_rows, list):
        raise refused_row(file, section, 0, "bad_value")
    for index, raw in enumerate(raw_rows):
        if not isinstance(raw, list) or len(raw) != len(checks):
            raise refused_row(file, section, index, "bad_value")
        values = []
        for name, check, value in zip(names, checks, raw):  # noqa: B905
            try:
                values.append(check(value))
            except _VALUE_ERRORS as err:
                rule = err.rule if isinstance(err, _BadValueError) else "bad_value"
                raise BundleRefusedError(
                    "sync.bad_value", file=file, section=section, row=index + 1,
                    column=name, rule=rule,
                ) from None  # fmt: skip
        rows.append(dict(zip(names, values)))  # noqa: B905
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
    except _VALUE_ERRORS:
        return None


def _check_not_future(decoded: DecodedPayload, limit: datetime, file: str) -> None:
    for section, columns in MOMENT_COLUMNS.items():
        rows = decoded.rows(section)
        for column in columns:
            if rows and max(map(itemgetter(column), rows)) > limit:
                index = next(i for i, r in enumerate(rows) if r[column] > limit)
                raise refused_row(file, section, index, "future_time")


# Column checks: each takes a whole column and returns its typed values, or raises.
_NONE = type(None)


def _types(column: list[Any], allowed: set[type]) -> list[Any]:
    if not set(map(type, column)) <= allowed:
        raise _BadValueError
    return column


def _clean(column: list[Any], bad: re.Pattern[str], limit: int) -> list[Any]:
    """Strings of a column (None skipped) with no hidden character and none too long."""
    texts = [v for v in column if v is not None]
    if texts and (bad.search("".join(texts)) or max(map(len, texts)) > limit):
        raise _BadValueError
    return column


def _col_text(column: list[Any]) -> list[Any]:
    return _clean(_types(column, {str}), BAD_IN_TEXT, TEXT_MAX_LENGTH)


def _col_text_or_none(column: list[Any]) -> list[Any]:
    return _clean(_types(column, {str, _NONE}), BAD_IN_TEXT, TEXT_MAX_LENGTH)


def _col_name(column: list[Any]) -> list[Any]:
    return _clean(_types(column, {str}), BAD_IN_NAME, NAME_MAX_LENGTH)


def _col_name_or_none(column: list[Any]) -> list[Any]:
    return _clean(_types(column, {str, _NONE}), BAD_IN_NAME, NAME_MAX_LENGTH)


def _col_digits_or_none(column: list[Any]) -> list[Any]:
    texts = [v for v in _types(column, {str, _NONE}) if v is not None]
    if not _lines_match(texts, _PHONE_LINES):
        raise _BadValueError
    return column


def _col_bool_or_none(column: list[Any]) -> list[Any]:
    return _types(column, {bool, _NONE})


# 32 lowercase hex digits, one per line: what `_hex_id` would give back unchanged
_HEX_LINES = re.compile(r"(?:[0-9a-f]{32}\n)*")


# twelve ASCII digits (a personal ID's form); one to fifteen (a phone number)
_ID_LINES = re.compile(r"(?:[0-9]{12}\n)*")
_PHONE_LINES = re.compile(r"(?:[0-9]{1,15}\n)*")
_PROVINCES = frozenset(PROVINCE_CODES)


def _lines_match(texts: list[str], lines: re.Pattern[str]) -> bool:
    """Every text matches the one-line pattern: one regex over them all, in C.

    No text may hold a line break itself (it would pass as two lines).
    """
    if not texts:
        return True
    text = "\n".join(texts) + "\n"
    return text.count("\n") == len(texts) and lines.fullmatch(text) is not None


def _all_hex(ids: list[str]) -> bool:
    """Every text is exactly 32 lowercase hex digits (one regex over them all, in C).

    The length rules out a text with a line break in it passing as two ids.
    """
    text = "\n".join(ids) + "\n"
    return len(text) == 33 * len(ids) and _HEX_LINES.fullmatch(text) is not None


def _col_uuid(column: list[Any]) -> list[Any]:
    """Ids as 32 hex digits; a column already in that form (a SQLite store's export) is kept."""
    _types(column, {str})
    return column if _all_hex(column) else list(map(_hex_id, column))


def _col_uuid_or_none(column: list[Any]) -> list[Any]:
    _types(column, {str, _NONE})
    if _all_hex([v for v in column if v is not None]):
        return column
    return [None if v is None else _hex_id(v) for v in column]


def _col_moment(column: list[Any]) -> list[Any]:
    moments = list(map(_from_iso, _types(column, {str})))
    if all(m.tzinfo is None for m in moments):
        return [m.replace(tzinfo=UTC) for m in moments]
    return list(map(_utc, moments))


def _col_day(column: list[Any]) -> list[Any]:
    return list(map(date.fromisoformat, _types(column, {str})))


def _col_day_or_none(column: list[Any]) -> list[Any]:
    _types(column, {str, _NONE})
    return [None if v is None else date.fromisoformat(v) for v in column]


def _col_personal_id(column: list[Any]) -> list[Any]:
    """Twelve ASCII digits starting with a province code: one regex and one set, in C.

    That is `PersonalId.parse`'s whole rule for such a text (which it returns unchanged).
    """
    if not _lines_match(_types(column, {str}), _ID_LINES):
        raise _BadValueError
    if not {v[:3] for v in column} <= _PROVINCES:
        raise _BadValueError
    return column


def _col_personal_id_or_none(column: list[Any]) -> list[Any]:
    _col_personal_id([v for v in _types(column, {str, _NONE}) if v is not None])
    return column


def _col_account_number(column: list[Any]) -> list[Any]:
    return list(map(_account_number, column))


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
    if not isinstance(value, str):
        raise _BadValueError
    return date.fromisoformat(value)


class _Rule(NamedTuple):
    """One column's rule, twice: per value (to name the bad row) and per column (for speed)."""

    value: Callable[[object], object]
    column: Callable[[list[Any]], list[Any]]


def _one_of_rule(choices: frozenset[str]) -> _Rule:
    return _Rule(_one_of(choices), _col_one_of(choices))


def _one_of_or_none_rule(choices: frozenset[str]) -> _Rule:
    return _Rule(_one_of_or_none(choices), _col_one_of_or_none(choices))


TEXT, TEXT_OR_NONE = _Rule(_text, _col_text), _Rule(_text_or_none, _col_text_or_none)
NAME, NAME_OR_NONE = _Rule(_name, _col_name), _Rule(_name_or_none, _col_name_or_none)
DIGITS_OR_NONE = _Rule(_digits_or_none, _col_digits_or_none)
REF, REF_OR_NONE = _Rule(_uuid, _col_uuid), _Rule(_uuid_or_none, _col_uuid_or_none)
EVENT_ID, MOMENT = REF, _Rule(_moment, _col_moment)
DAY, DAY_OR_NONE = _Rule(_day, _col_day), _Rule(_day_or_none, _col_day_or_none)
PERSONAL_ID, BOOL_OR_NONE = (
    _Rule(_personal_id, _col_personal_id),
    _Rule(_bool_or_none, _col_bool_or_none),
)
PERSONAL_ID_OR_NONE = _Rule(_personal_id_or_none, _col_personal_id_or_none)
ACCOUNT_NUMBER = _Rule(_account_number, _col_account_number)
HOLDER = _one_of_rule(_values(PaymentHolder))


def _count_or_none(value: object) -> int | None:
    """A target or a percentage: a whole number from 0 to 100,000, or null."""
    if value is None:
        return None
    if type(value) is not int or not 0 <= value <= 100_000:
        raise _BadValueError
    return value


def _bool(value: object) -> bool:
    if not isinstance(value, bool):
        raise _BadValueError
    return value


def _count(value: object) -> int:
    if value is None:
        raise _BadValueError
    return _count_or_none(value)  # type: ignore[return-value]


COUNT_OR_NONE = _Rule(_count_or_none, lambda column: list(map(_count_or_none, column)))
COUNT = _Rule(_count, lambda column: list(map(_count, column)))
BOOL = _Rule(_bool, lambda column: list(map(_bool, column)))

# The columns of each section, in the order `docs/sync-format.md` gives them.
_SCHEMA: dict[str, tuple[_Rule, ...]] = {
    "villages": (REF, NAME),
    "points": (REF, NAME, REF_OR_NONE),
    "users": (REF, NAME, _one_of_rule(_values(dm.Role)), REF_OR_NONE),
    "citizens": (
        PERSONAL_ID,
        NAME,
        DAY_OR_NONE,
        _one_of_or_none_rule(_values(Sex)),
        TEXT,
        REF_OR_NONE,
        DIGITS_OR_NONE,
        NAME_OR_NONE,
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
        NAME_OR_NONE,
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
    "receivers": (
        EVENT_ID, TEXT, HOLDER, NAME, NAME, PERSONAL_ID_OR_NONE, MOMENT, REF, REF_OR_NONE,
    ),
    "accounts": (EVENT_ID, TEXT, HOLDER, NAME, ACCOUNT_NUMBER, MOMENT, REF, REF_OR_NONE),
    "visit_helpers": (EVENT_ID, REF, PERSONAL_ID, REF, MOMENT, REF, REF),
    "teams": (REF, REF, NAME, MOMENT),
    "team_members": (
        REF,
        REF,
        NAME,
        _one_of_rule(_values(TeamRole)),
        PERSONAL_ID_OR_NONE,
        REF_OR_NONE,
        COUNT_OR_NONE,
        BOOL,
        BOOL,
        MOMENT,
    ),
    "units": (REF, NAME, _one_of_rule(_values(UnitKind)), DAY, COUNT, MOMENT),
    "unit_members": (REF, PERSONAL_ID, _one_of_rule(_values(RosterRole)), MOMENT),
}  # fmt: skip
_CHECKS = {section: tuple(r.value for r in rules) for section, rules in _SCHEMA.items()}
_COLUMN_CHECKS = {section: tuple(r.column for r in rules) for section, rules in _SCHEMA.items()}


def _check_references(decoded: DecodedPayload, file: str) -> None:
    citizens = {r["personal_id"] for r in decoded.rows("citizens")}
    visits = {r["id"] for r in decoded.rows("visits")}
    users = {r["id"] for r in decoded.rows("users")}
    points = {r["id"] for r in decoded.rows("points")}
    villages = {r["id"] for r in decoded.rows("villages")} | {None}

    def bad(section: str, index: int) -> BundleRefusedError:
        return refused_row(file, section, index, "missing_reference")

    for i, row in enumerate(decoded.rows("points")):
        if row["village_id"] not in villages:
            raise bad("points", i)
    for i, row in enumerate(decoded.rows("users")):
        if row["support_point_id"] is not None and row["support_point_id"] not in points:
            raise bad("users", i)
    for i, row in enumerate(decoded.rows("citizens")):
        if row["village_id"] not in villages:
            raise bad("citizens", i)
    for i, row in enumerate(decoded.rows("visits")):
        if (
            row["personal_id"] not in citizens
            or row["user_id"] not in users
            or row["support_point_id"] not in points
        ):
            raise bad("visits", i)
    for i, row in enumerate(decoded.rows("outcomes")):
        if (
            row["visit_id"] not in visits
            or row["personal_id"] not in citizens
            or row["user_id"] not in users
        ):
            raise bad("outcomes", i)
    for i, row in enumerate(decoded.rows("facts")):
        if row["personal_id"] not in citizens:
            raise bad("facts", i)
    for section in ("corrections", "receivers", "accounts"):
        for i, row in enumerate(decoded.rows(section)):
            if row["personal_id"] not in citizens or row["user_id"] not in users:
                raise bad(section, i)
    # Issue 19: a helper is recorded on a visit of the bundle; a member on a team of it.
    visit_citizens = {r["id"]: r["personal_id"] for r in decoded.rows("visits")}
    for i, row in enumerate(decoded.rows("visit_helpers")):
        if (
            visit_citizens.get(row["visit_id"]) != row["personal_id"]
            or row["user_id"] not in users
            or row["support_point_id"] not in points
        ):
            raise bad("visit_helpers", i)
    teams = {r["id"] for r in decoded.rows("teams")}
    for i, row in enumerate(decoded.rows("teams")):
        if row["village_id"] not in villages:
            raise bad("teams", i)
    for i, row in enumerate(decoded.rows("team_members")):
        if row["team_id"] not in teams:
            raise bad("team_members", i)

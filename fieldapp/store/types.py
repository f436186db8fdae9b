"""Column types that keep big tables small (issue 17, lean rows).

`CompactUuid`: a UUID in 16 bytes on SQLite (a BLOB) instead of SQLAlchemy's 32 hex
characters, and PostgreSQL's own `uuid` type there (16 bytes already, nothing changes). Values
come back as `uuid.UUID`; a bind takes a UUID, its 16 bytes or its text. Used where a store
holds millions of ids: official facts' ids, the report projection's village and point.

`DayNumber`: a date kept as its proleptic ordinal (`date.toordinal()`, 3 bytes in SQLite's
record format instead of 10 characters of text), the same integer on every database, so a
comparison with a day is a comparison of integers. `CompactDate`: the same number on SQLite
only, PostgreSQL's `date` there (4 bytes already): the citizen's birth date.

`MicroTime`: a moment as microseconds since 1970-01-01 UTC on SQLite (an 8-byte integer
instead of 26 characters of text: the citizen row's two times), PostgreSQL's
`timestamptz` there (8 bytes already, nothing changes). Values come back aware, in UTC.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import BigInteger, Date, DateTime, Integer, LargeBinary, Uuid
from sqlalchemy.engine import Dialect
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement
from sqlalchemy.types import TypeDecorator, TypeEngine


class _RawBytes(LargeBinary):
    """A BLOB bound as the bytes given (sqlite3 takes `bytes`; no `memoryview` wrapper)."""

    def bind_processor(self, dialect: Dialect) -> Any:
        return None


class CompactUuid(TypeDecorator[uuid.UUID]):
    """A UUID as 16 bytes on SQLite, as `uuid` on PostgreSQL (see the module's docstring)."""

    impl = LargeBinary
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """BLOB(16) on SQLite, the native UUID type elsewhere."""
        if dialect.name == "sqlite":
            return dialect.type_descriptor(_RawBytes(16))
        return dialect.type_descriptor(Uuid())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """A UUID, its bytes or its text, as the database keeps it."""
        if value is None:
            return None
        if dialect.name != "sqlite":
            return value if isinstance(value, uuid.UUID) else as_uuid(value)
        if isinstance(value, uuid.UUID):
            return value.bytes
        if isinstance(value, bytes):
            return value
        return uuid.UUID(str(value)).bytes

    def process_result_value(self, value: Any, dialect: Dialect) -> uuid.UUID | None:
        """Back to a UUID."""
        return None if value is None else as_uuid(value)

    @property
    def python_type(self) -> type:
        """What values are in Python."""
        return uuid.UUID


def as_uuid(value: object) -> uuid.UUID:
    """A UUID from any stored form of it: a UUID, 16 bytes, 32 hex digits or its text.

    The two stored forms (16 bytes, 32 hex digits) take a short way: reports and bundle
    imports turn every event's id into a UUID, and `uuid.UUID(text)`'s parsing of any
    spelling costs three times the number it ends up holding.
    """
    kind = value.__class__
    if kind is bytes and len(value) == 16:  # type: ignore[arg-type]
        return _from_int(int.from_bytes(value))  # type: ignore[arg-type]
    if kind is str and len(value) == 32 and _HEX32.fullmatch(value):  # type: ignore[arg-type]
        return _from_int(int(value, 16))  # type: ignore[call-overload]
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return uuid.UUID(bytes=bytes(value))
    return uuid.UUID(str(value))


_HEX32 = re.compile(r"[0-9a-fA-F]{32}")
_new, _set, _UNKNOWN = object.__new__, object.__setattr__, uuid.SafeUUID.unknown


def _from_int(number: int) -> uuid.UUID:
    """`uuid.UUID(int=number)` for a number known to fit, without its argument checks."""
    made = _new(uuid.UUID)
    _set(made, "int", number)
    _set(made, "is_safe", _UNKNOWN)
    return made


def uuid_hex(value: object) -> str | None:
    """The 32 hex digits of a stored id in any form (how other tables keep ids on SQLite)."""
    return None if value is None else as_uuid(value).hex


class DayNumber(TypeDecorator[date]):
    """A date as its ordinal number (see the module's docstring)."""

    impl = Integer
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> int | None:
        """A date as its ordinal (an ordinal passes as it is)."""
        if value is None or isinstance(value, int):
            return value
        return int(value.toordinal())

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        """Back to a date."""
        return None if value is None else date.fromordinal(int(value))

    @property
    def python_type(self) -> type:
        """What values are in Python."""
        return date


class CompactDate(DayNumber):
    """A date as its ordinal on SQLite, a plain `date` elsewhere (see the module's docstring)."""

    impl = Date
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """INTEGER on SQLite, DATE elsewhere."""
        return dialect.type_descriptor(Integer() if dialect.name == "sqlite" else Date())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """An ordinal on SQLite, the date itself elsewhere."""
        if dialect.name == "sqlite":
            return super().process_bind_param(value, dialect)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        """Back to a date."""
        if dialect.name == "sqlite":
            return super().process_result_value(value, dialect)
        return value


EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICRO = timedelta(microseconds=1)


def micros(moment: datetime | str) -> int:
    """Microseconds since 1970 UTC of a moment (naive, or ISO text without offset: UTC)."""
    if isinstance(moment, str):
        moment = datetime.fromisoformat(moment)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return (moment - EPOCH) // _MICRO


def from_micros(value: int) -> datetime:
    """The aware UTC moment of a number of microseconds since 1970."""
    return EPOCH + timedelta(microseconds=int(value))


class MicroTime(TypeDecorator[datetime]):
    """A moment as microseconds on SQLite, `timestamptz` elsewhere (see the module's docstring)."""

    impl = DateTime
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        """BIGINT on SQLite, a timestamp with time zone elsewhere."""
        if dialect.name == "sqlite":
            return dialect.type_descriptor(BigInteger())
        return dialect.type_descriptor(DateTime(timezone=True))

    def coerce_compared_value(self, op: Any, value: Any) -> TypeEngine[Any]:
        """A moment compared with a moment (binds go through this type)."""
        return self

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        """A moment (or its number on SQLite) as the database keeps it."""
        if value is None:
            return None
        if dialect.name != "sqlite":
            return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)
        return value if isinstance(value, int) else micros(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        """Back to an aware moment in UTC."""
        if value is None:
            return None
        if dialect.name == "sqlite":
            return from_micros(value)
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)

    @property
    def python_type(self) -> type:
        """What values are in Python."""
        return datetime


class uuid_as_stored_text(FunctionElement[uuid.UUID]):  # noqa: N801 (a SQL function)
    """A `CompactUuid` column in the form other tables keep ids (32 hex digits on SQLite).

    For joins with tables whose ids are SQLAlchemy's plain `Uuid` (text on SQLite): compare
    `Village.id == uuid_as_stored_text(Citizen.village_id)`. PostgreSQL: the column itself.
    """

    type = Uuid()
    inherit_cache = True
    name = "uuid_as_stored_text"


@compiles(uuid_as_stored_text)
def _column_itself(element: uuid_as_stored_text, compiler: Any, **kw: Any) -> str:
    return compiler.process(element.clauses, **kw)  # type: ignore[no-any-return]


@compiles(uuid_as_stored_text, "sqlite")
def _lower_hex(element: uuid_as_stored_text, compiler: Any, **kw: Any) -> str:
    return f"lower(hex({compiler.process(element.clauses, **kw)}))"

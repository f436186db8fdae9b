"""Column types that keep big tables small (issue 17, lean rows).

`CompactUuid`: a UUID in 16 bytes on SQLite (a BLOB) instead of SQLAlchemy's 32 hex
characters, and PostgreSQL's own `uuid` type there (16 bytes already, nothing changes). Values
come back as `uuid.UUID`; a bind takes a UUID, its 16 bytes or its text. Used where a store
holds millions of ids: official facts' ids, the report projection's village and point.

`DayNumber`: a date kept as its proleptic ordinal (`date.toordinal()`, 3 bytes in SQLite's
record format instead of 10 characters of text), the same integer on every database, so a
comparison with a day is a comparison of integers.
"""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from sqlalchemy import Integer, LargeBinary, Uuid
from sqlalchemy.engine import Dialect
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
    """A UUID from any stored form of it: a UUID, 16 bytes, 32 hex digits or its text."""
    if isinstance(value, uuid.UUID):
        return value
    if isinstance(value, bytes | bytearray | memoryview):
        return uuid.UUID(bytes=bytes(value))
    return uuid.UUID(str(value))


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

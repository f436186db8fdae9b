"""lean citizen: the village id in 16 bytes, the birth date and the times as integers (SQLite)

Revision ID: 0019_lean_citizen
Revises: 0018_store_key_slots

Issue 17 (≤ 1.5 GB at 2.7 M citizens): on SQLite the citizen row kept its village id as 32 hex
characters (and again in `ix_citizen_village_id`) and `created_at`/`updated_at` as 26
characters of text each, the birth date as 10. The row is copied with the village id in 16
bytes (`store/types.CompactUuid`), the birth date as its ordinal (`CompactDate`) and the
times as microseconds since 1970 UTC (`MicroTime`): about 80 bytes less per citizen.
PostgreSQL's `uuid`, `date` and `timestamptz` are those sizes already: nothing changes there.

The copy drops the old table with its name-search triggers, so the word index is made again
from the copy (`create_sqlite_word_index`, migration 0007). Foreign keys are off while
migrating and checked whole before the commit (`store/migrate.py`). Downgrade copies back.
"""

import importlib.util
from pathlib import Path
from types import ModuleType

import sqlalchemy as sa
import sqlmodel
from alembic import op

from fieldapp.store.types import CompactDate, CompactUuid, MicroTime, from_micros, micros

revision = "0019_lean_citizen"
down_revision = "0018_store_key_slots"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_MOMENT = sqlmodel.sql.sqltypes.UTCDateTime
_ORDINAL = "CAST(julianday(birth_date) - 1721424.5 AS INTEGER)"  # date.toordinal() of ISO text
_ISO_DAY = "date(birth_date + 1721424.5)"  # and back
_COLUMNS = (
    "personal_id, full_name, name_folded, birth_date, sex, address, village_id, phone, old_id, "
    "beneficiary_group, has_smartphone, name_source, created_at, updated_at"
)


def _name_search() -> ModuleType:
    """Migration 0007 (its word index is made again after a copy of `citizen`)."""
    path = Path(__file__).with_name("0007_name_search.py")
    spec = importlib.util.spec_from_file_location("fieldapp_migration_0007", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _lend_functions(bind: sa.Connection) -> None:
    """SQL functions the driver lends for the copy (SQLite 3.40 has no unhex())."""
    raw = bind.connection.dbapi_connection
    functions = {
        "fieldapp_unhex": lambda v: None if v is None else bytes.fromhex(v),
        "fieldapp_micros": lambda v: None if v is None else micros(v),
        "fieldapp_moment_text": lambda v: (
            None
            if v is None
            else from_micros(v).replace(tzinfo=None).isoformat(" ", "microseconds")
        ),
    }
    for name, function in functions.items():
        raw.create_function(name, 1, function, deterministic=True)  # type: ignore[union-attr]


def _copy_citizen(
    day: sa.types.TypeEngine, village: sa.types.TypeEngine, moment: sa.types.TypeEngine, select: str
) -> None:
    """`citizen` again with these column types, filled by `select` (columns in order)."""
    search = _name_search()
    op.execute(f"DROP TABLE {search.FTS}")  # contentless: made again from the copy below
    op.create_table(
        "citizen_copy",
        sa.Column("personal_id", sa.String(length=12), nullable=False),
        sa.Column("full_name", _TEXT(), nullable=False),
        sa.Column("name_folded", _TEXT(), nullable=False),
        sa.Column("birth_date", day, nullable=True),
        sa.Column("sex", _TEXT(), nullable=True),
        sa.Column("address", _TEXT(), nullable=False),
        sa.Column("village_id", village, nullable=True),
        sa.Column("phone", _TEXT(), nullable=True),
        sa.Column("old_id", _TEXT(), nullable=True),
        sa.Column("beneficiary_group", _TEXT(), nullable=True),
        sa.Column("has_smartphone", sa.Boolean(), nullable=True),
        sa.Column("name_source", _TEXT(), nullable=False),
        sa.Column("created_at", moment, nullable=False),
        sa.Column("updated_at", moment, nullable=False),
        sa.PrimaryKeyConstraint("personal_id"),
    )
    op.execute(f"INSERT INTO citizen_copy ({_COLUMNS}) {select} FROM citizen ORDER BY personal_id")
    op.drop_table("citizen")
    op.rename_table("citizen_copy", "citizen")
    op.create_index("ix_citizen_village_id", "citizen", ["village_id"])
    op.create_index("ix_citizen_name_key", "citizen", ["name_folded", "personal_id"])
    search.create_sqlite_word_index()


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return  # uuid and timestamptz: 16 and 8 bytes already
    _lend_functions(bind)
    _copy_citizen(
        CompactDate(),
        CompactUuid(),
        MicroTime(),
        f"SELECT personal_id, full_name, name_folded, {_ORDINAL}, sex, address, "
        "fieldapp_unhex(village_id), phone, old_id, beneficiary_group, has_smartphone, "
        "name_source, fieldapp_micros(created_at), fieldapp_micros(updated_at)",
    )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name != "sqlite":
        return
    _lend_functions(bind)
    _copy_citizen(
        sa.Date(),
        sa.Uuid(),
        _MOMENT(),
        f"SELECT personal_id, full_name, name_folded, {_ISO_DAY}, sex, address, "
        "nullif(lower(hex(village_id)), ''), phone, old_id, beneficiary_group, has_smartphone, "
        "name_source, fieldapp_moment_text(created_at), fieldapp_moment_text(updated_at)",
    )

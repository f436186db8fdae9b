"""lean rows: list imports kept once, facts and the report projection narrower

Revision ID: 0016_lean_rows
Revises: 0015_name_words_pg

Issue 17 ("store size per citizen halves at least"):
- `list_import`: one row per imported list (kind, file, list date, import time, SHA-256,
  who). `official_fact` keeps id, personal ID, field, value and `import_id` instead of
  repeating the list's kind, file, date and time on every fact; the rows are moved, one
  `list_import` row per distinct (kind, file, date, time) found.
- `official_fact` indexed by personal ID alone (no query looks a fact up by ID and field).
- `official_fact.id` in 16 bytes on SQLite (`store/types.CompactUuid`; PostgreSQL's `uuid`
  is 16 bytes already and stays).
- `citizen_status` (derived): days as ordinals, village and point in 16 bytes, no rowid on
  SQLite. Its rows are converted, not rebuilt: the projection stays current.

`citizen` is not copied, so the name search's triggers (`create_sqlite_word_index`) stay.
Downgrade puts the wide columns back.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from fieldapp.store.types import CompactUuid, DayNumber

revision = "0016_lean_rows"
down_revision = "0015_name_words_pg"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_MOMENT = sqlmodel.sql.sqltypes.UTCDateTime
_ORDINAL = "CAST(julianday({}) - 1721424.5 AS INTEGER)"  # date.toordinal() of ISO text
_ISO_DAY = "date({} + 1721424.5)"  # and back
_PG_ORDINAL = "({} - DATE '0001-01-01' + 1)"


def _list_import() -> None:
    op.create_table(
        "list_import",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source_kind", _TEXT(), nullable=False),
        sa.Column("source_file", _TEXT(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("imported_at", _MOMENT(), nullable=False),
        sa.Column("sha256", _TEXT(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(
        "ix_list_import_source",
        "list_import",
        ["source_kind", "source_file", "as_of", "imported_at"],
        unique=True,
    )
    op.execute(
        "INSERT INTO list_import (source_kind, source_file, as_of, imported_at) "
        "SELECT DISTINCT source_kind, source_file, as_of, imported_at FROM official_fact "
        "ORDER BY imported_at, source_kind, source_file, as_of"
    )


_JOIN = (
    "JOIN list_import i ON i.source_kind = f.source_kind AND i.source_file = f.source_file "
    "AND i.as_of = f.as_of AND i.imported_at = f.imported_at"
)


def _unhex(bind: sa.Connection) -> None:
    """SQLite before 3.41 has no unhex(): the driver lends one (32 hex digits → 16 bytes)."""
    raw = bind.connection.dbapi_connection
    raw.create_function(  # type: ignore[union-attr]
        "fieldapp_unhex", 1, lambda v: None if v is None else bytes.fromhex(v), deterministic=True
    )


def upgrade() -> None:
    bind = op.get_bind()
    _list_import()
    if bind.dialect.name == "sqlite":
        _unhex(bind)
        _facts_sqlite()
        _spans_sqlite()
    else:
        _facts_other()
        _spans_other()


def _facts_sqlite() -> None:
    op.create_table(
        "official_fact_lean",
        sa.Column("id", CompactUuid(), nullable=False),
        sa.Column("personal_id", _TEXT(), nullable=False),
        sa.Column("field", _TEXT(), nullable=False),
        sa.Column("value", _TEXT(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["list_import.id"]),
        sa.ForeignKeyConstraint(["personal_id"], ["citizen.personal_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(
        "INSERT INTO official_fact_lean (id, personal_id, field, value, import_id) "
        "SELECT fieldapp_unhex(f.id), f.personal_id, f.field, f.value, i.id "
        f"FROM official_fact f {_JOIN} ORDER BY f.id"
    )
    op.drop_index("ix_official_fact_personal_id_field", table_name="official_fact")
    op.drop_table("official_fact")
    op.rename_table("official_fact_lean", "official_fact")
    op.create_index("ix_official_fact_personal_id", "official_fact", ["personal_id"])


def _facts_other() -> None:
    op.add_column("official_fact", sa.Column("import_id", sa.Integer(), nullable=True))
    op.execute(
        "UPDATE official_fact f SET import_id = i.id FROM list_import i "
        "WHERE i.source_kind = f.source_kind AND i.source_file = f.source_file "
        "AND i.as_of = f.as_of AND i.imported_at = f.imported_at"
    )
    op.alter_column("official_fact", "import_id", nullable=False)
    op.create_foreign_key(None, "official_fact", "list_import", ["import_id"], ["id"])
    for name in ("source_kind", "source_file", "as_of", "imported_at"):
        op.drop_column("official_fact", name)
    op.drop_index("ix_official_fact_personal_id_field", table_name="official_fact")
    op.create_index("ix_official_fact_personal_id", "official_fact", ["personal_id"])


_SPAN_STATES = (
    "visits",
    "eid_application",
    "eid_activation",
    "bank_account",
    "biometric_verified",
    "benefit_link",
    "opened_at_bank",
    "beneficiary_group",
    "payment",
    "has_smartphone",
    "eligible",
    "through_receiver",
    "account_bank",
    "account_on",
)


def _span_columns(day: sa.types.TypeEngine, uid: sa.types.TypeEngine) -> list[sa.Column]:
    small = sa.SmallInteger
    return [
        sa.Column("personal_id", sa.String(length=12), nullable=False),
        sa.Column("day_from", day, nullable=False),
        sa.Column("day_until", day, nullable=False),
        sa.Column("village_id", uid, nullable=True),
        sa.Column("point_id", uid, nullable=True),
        *(sa.Column(name, small(), nullable=False) for name in ("visits", *_SPAN_STATES[1:6])),
        sa.Column("opened_at_bank", _TEXT(), nullable=True),
        sa.Column("beneficiary_group", _TEXT(), nullable=True),
        sa.Column("payment", _TEXT(), nullable=True),
        sa.Column("has_smartphone", sa.Boolean(), nullable=True),
        sa.Column("eligible", sa.Boolean(), nullable=False),
        sa.Column("through_receiver", sa.Boolean(), nullable=False, server_default=sa.false()),
        sa.Column("account_bank", _TEXT(), nullable=True),
        sa.Column("account_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("personal_id", "day_from"),
    ]


def _spans_sqlite() -> None:
    op.create_table(
        "citizen_status_lean",
        *_span_columns(DayNumber(), CompactUuid()),
        sqlite_with_rowid=False,
    )
    rest = ", ".join(_SPAN_STATES)
    op.execute(
        "INSERT INTO citizen_status_lean (personal_id, day_from, day_until, village_id, "
        f"point_id, {rest}) SELECT personal_id, {_ORDINAL.format('day_from')}, "
        f"{_ORDINAL.format('day_until')}, fieldapp_unhex(village_id), fieldapp_unhex(point_id), "
        f"{rest} FROM citizen_status ORDER BY personal_id, day_from"
    )
    op.drop_index("ix_citizen_status_day_from", table_name="citizen_status")
    op.drop_table("citizen_status")
    op.rename_table("citizen_status_lean", "citizen_status")
    op.create_index("ix_citizen_status_day_from", "citizen_status", ["day_from"])


def _spans_other() -> None:
    for name in ("day_from", "day_until"):
        op.alter_column(
            "citizen_status",
            name,
            type_=sa.Integer(),
            postgresql_using=_PG_ORDINAL.format(name),
        )


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        _downgrade_sqlite()
    else:
        for name in ("day_from", "day_until"):
            op.alter_column(
                "citizen_status",
                name,
                type_=sa.Date(),
                postgresql_using=f"DATE '0001-01-01' + ({name} - 1)",
            )
        for name, kind in (
            ("source_kind", _TEXT()),
            ("source_file", _TEXT()),
            ("as_of", sa.Date()),
            ("imported_at", _MOMENT()),
        ):
            op.add_column("official_fact", sa.Column(name, kind, nullable=True))
        op.execute(
            "UPDATE official_fact f SET source_kind = i.source_kind, "
            "source_file = i.source_file, as_of = i.as_of, imported_at = i.imported_at "
            "FROM list_import i WHERE i.id = f.import_id"
        )
        for name in ("source_kind", "source_file", "as_of", "imported_at"):
            op.alter_column("official_fact", name, nullable=False)
        op.drop_column("official_fact", "import_id")
        op.drop_index("ix_official_fact_personal_id", table_name="official_fact")
        op.create_index(
            "ix_official_fact_personal_id_field", "official_fact", ["personal_id", "field"]
        )
    op.drop_index("ix_list_import_source", table_name="list_import")
    op.drop_table("list_import")


def _downgrade_sqlite() -> None:
    op.create_table(
        "official_fact_wide",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("personal_id", _TEXT(), nullable=False),
        sa.Column("field", _TEXT(), nullable=False),
        sa.Column("value", _TEXT(), nullable=False),
        sa.Column("source_kind", _TEXT(), nullable=False),
        sa.Column("source_file", _TEXT(), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("imported_at", _MOMENT(), nullable=False),
        sa.ForeignKeyConstraint(["personal_id"], ["citizen.personal_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.execute(
        "INSERT INTO official_fact_wide SELECT lower(hex(f.id)), f.personal_id, f.field, "
        "f.value, i.source_kind, i.source_file, i.as_of, i.imported_at "
        "FROM official_fact f JOIN list_import i ON i.id = f.import_id"
    )
    op.drop_index("ix_official_fact_personal_id", table_name="official_fact")
    op.drop_table("official_fact")
    op.rename_table("official_fact_wide", "official_fact")
    op.create_index("ix_official_fact_personal_id_field", "official_fact", ["personal_id", "field"])
    op.create_table("citizen_status_wide", *_span_columns(sa.Date(), sa.Uuid()))
    rest = ", ".join(_SPAN_STATES)
    op.execute(
        "INSERT INTO citizen_status_wide (personal_id, day_from, day_until, village_id, "
        f"point_id, {rest}) SELECT personal_id, {_ISO_DAY.format('day_from')}, "
        f"{_ISO_DAY.format('day_until')}, NULLIF(lower(hex(village_id)), ''), "
        "NULLIF(lower(hex(point_id)), ''), "
        f"{rest} FROM citizen_status"
    )
    op.drop_index("ix_citizen_status_day_from", table_name="citizen_status")
    op.drop_table("citizen_status")
    op.rename_table("citizen_status_wide", "citizen_status")
    op.create_index("ix_citizen_status_day_from", "citizen_status", ["day_from"])

"""fact by citizen: official_fact keyed by (personal_id, id), without a rowid on SQLite

Revision ID: 0024_fact_by_citizen
Revises: 0023_figure_reach

Issue 17 (≤ 1.5 GB at 2.7 M citizens; 1.52 GB at 0023): `official_fact` was a rowid table
with two indexes, its 16-byte id's (47.8 bytes per citizen) and the personal ID's (40.2).
A fact is always read by its citizen, and a bundle carries both, so the table is keyed by
(personal_id, id) and, on SQLite, is that key's B-tree itself: one B-tree instead of three.

SQLite copies the table (in key order; foreign keys are checked whole before the commit,
`store/migrate.py`; `upgrade()` gives the old pages back with a `VACUUM`) and makes again
any trigger someone put on it (none of ours: the copy must not drop others'). PostgreSQL
keeps a normal table: its primary key becomes (personal_id, id) and the personal ID's index,
the key's prefix now, goes. Downgrade puts the id's key and the index back.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

from fieldapp.store.types import CompactUuid

revision = "0024_fact_by_citizen"
down_revision = "0023_figure_reach"
branch_labels = None
depends_on = None

_TABLE = "official_fact"
_INDEX = "ix_official_fact_personal_id"
_PK = "official_fact_pkey"  # PostgreSQL's own name for it (tables.py names none)
_COLUMNS = "id, personal_id, field, value, import_id"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _copy_sqlite(by_citizen=True)
        return
    op.drop_index(_INDEX, table_name=_TABLE)
    op.drop_constraint(_PK, _TABLE, type_="primary")
    op.create_primary_key(_PK, _TABLE, ["personal_id", "id"])


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _copy_sqlite(by_citizen=False)
        return
    op.drop_constraint(_PK, _TABLE, type_="primary")
    op.create_primary_key(_PK, _TABLE, ["id"])
    op.create_index(_INDEX, _TABLE, ["personal_id"])


def _copy_sqlite(*, by_citizen: bool) -> None:
    """`official_fact` again, keyed by (personal_id, id) without rowid, or by id with a rowid."""
    bind = op.get_bind()
    triggers = bind.exec_driver_sql(
        "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (_TABLE,)
    ).scalars()
    kept = [sql for sql in triggers if sql]
    key = ("personal_id", "id") if by_citizen else ("id",)
    text = sqlmodel.sql.sqltypes.AutoString
    op.create_table(
        "official_fact_copy",
        sa.Column("id", CompactUuid(), nullable=False),
        sa.Column("personal_id", text(), nullable=False),
        sa.Column("field", text(), nullable=False),
        sa.Column("value", text(), nullable=False),
        sa.Column("import_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["import_id"], ["list_import.id"]),
        sa.ForeignKeyConstraint(["personal_id"], ["citizen.personal_id"]),
        sa.PrimaryKeyConstraint(*key),
        sqlite_with_rowid=not by_citizen,
    )
    op.execute(
        f"INSERT INTO official_fact_copy ({_COLUMNS}) SELECT {_COLUMNS} FROM {_TABLE} "
        f"ORDER BY {', '.join(key)}"
    )
    op.drop_table(_TABLE)  # with its indexes
    op.rename_table("official_fact_copy", _TABLE)
    if not by_citizen:
        op.create_index(_INDEX, _TABLE, ["personal_id"])
    for sql in kept:
        op.execute(sql)

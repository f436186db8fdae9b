"""figure reach: what citizens reached on the day a span began, and the closed spans' index

Revision ID: 0023_figure_reach
Revises: 0022_list_digest

Issue 17, report figures at 2.7 M: a period's "reached" figures read every citizen whose
status changed in it (11 s of CPU on the day a province's list came in). `figure_reach`
(`store/figure_summary.py`) keeps them summed per first day, day after the last, first day of
the status before and cell; the citizens with two spans beginning inside a period are found
through a partial index on the closed spans' end (`ix_citizen_status_closed`: a row per change
after the first, none for a citizen known from a list only). Created empty: the first figures
build the summary again (its layout changed) and every projection write keeps it from then on.
"""

import sqlalchemy as sa
from alembic import op

from fieldapp.store.types import CompactUuid, DayNumber

revision = "0023_figure_reach"
down_revision = "0022_list_digest"
branch_labels = None
depends_on = None

_VALUES = (
    "citizens",
    "level2",
    "activated",
    "link_waiting",
    "link_approved",
    "linked",
    "bank_account",
    "smartphone",
    "eligible",
    "visited",
    "visits",
)
_CLOSED = "day_until < 3652059"  # date(9999, 12, 31).toordinal(): the open span's end


def upgrade() -> None:
    op.create_table(
        "figure_reach",
        sa.Column("day", DayNumber(), nullable=False),
        sa.Column("until", DayNumber(), nullable=False),
        sa.Column("prev_from", DayNumber(), nullable=False),
        sa.Column("village_id", CompactUuid(), nullable=False),
        sa.Column("point_id", CompactUuid(), nullable=False),
        sa.Column("beneficiary_group", sa.String(), nullable=False),
        sa.Column("opened_at_bank", sa.String(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _VALUES),
        sa.PrimaryKeyConstraint(
            "day",
            "until",
            "prev_from",
            "village_id",
            "point_id",
            "beneficiary_group",
            "opened_at_bank",
        ),
    )
    op.create_index(
        "ix_citizen_status_closed",
        "citizen_status",
        ["day_until"],
        sqlite_where=sa.text(_CLOSED),
        postgresql_where=sa.text(_CLOSED),
    )
    op.execute("DELETE FROM setting WHERE key = 'reports.figure_summary'")


def downgrade() -> None:
    op.drop_index("ix_citizen_status_closed", table_name="citizen_status")
    op.execute("DELETE FROM setting WHERE key = 'reports.figure_summary'")
    op.drop_table("figure_reach")

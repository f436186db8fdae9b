"""figure summary: per day and cell, how the report figures' counts change

Revision ID: 0020_figure_summary
Revises: 0019_lean_citizen

Issue 17, report figures at 2.7 M: `figure_delta` (`store/figure_summary.py`) keeps, per day
and cell (village, point, group, opened bank, payment class), the change of the citizen count
and of each counted mark, so a cumulative figure sums a few thousand rows instead of reading
every citizen's projection row. Created empty: the first figures build it from the projection
(one pass) and every projection write keeps it from then on.
"""

import sqlalchemy as sa
from alembic import op

from fieldapp.store.types import CompactUuid, DayNumber

revision = "0020_figure_summary"
down_revision = "0019_lean_citizen"
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
    "changed",
)


def upgrade() -> None:
    op.create_table(
        "figure_delta",
        sa.Column("day", DayNumber(), nullable=False),
        sa.Column("village_id", CompactUuid(), nullable=False),
        sa.Column("point_id", CompactUuid(), nullable=False),
        sa.Column("beneficiary_group", sa.String(), nullable=False),
        sa.Column("opened_at_bank", sa.String(), nullable=False),
        sa.Column("payment", sa.String(), nullable=False),
        *(sa.Column(name, sa.Integer(), nullable=False) for name in _VALUES),
        sa.PrimaryKeyConstraint(
            "day", "village_id", "point_id", "beneficiary_group", "opened_at_bank", "payment"
        ),
    )


def downgrade() -> None:
    op.execute("DELETE FROM setting WHERE key = 'reports.figure_summary'")
    op.drop_table("figure_delta")

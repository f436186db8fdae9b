"""payments: who receives a beneficiary's payment, the account it goes into, payment lists

Revision ID: 0010_payments
Revises: 0009_peer_villages

Receivers and accounts are events (only ever inserted, travelling in bundles). Each monthly
payment-list export is recorded (who, when, how many) with the events it listed, so the next
list holds only what was added or changed since.
"""

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision = "0010_payments"
down_revision = "0009_peer_villages"
branch_labels = None
depends_on = None

_TEXT = sqlmodel.sql.sqltypes.AutoString
_MOMENT = sqlmodel.sql.sqltypes.UTCDateTime


def _event_columns() -> list[sa.Column]:
    return [
        sa.Column("recorded_at", _MOMENT(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("support_point_id", sa.Uuid(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "payment_receiver",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("personal_id", _TEXT(), nullable=False),
        sa.Column("holder", _TEXT(), nullable=False),
        sa.Column("receiver_name", _TEXT(), nullable=False),
        sa.Column("relation", _TEXT(), nullable=False),
        sa.Column("receiver_id", _TEXT(), nullable=True),
        *_event_columns(),
        sa.ForeignKeyConstraint(["personal_id"], ["citizen.personal_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_payment_receiver_personal_id", "payment_receiver", ["personal_id"])
    op.create_table(
        "payment_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("personal_id", _TEXT(), nullable=False),
        sa.Column("holder", _TEXT(), nullable=False),
        sa.Column("bank", _TEXT(), nullable=False),
        sa.Column("account_number", _TEXT(), nullable=False),
        *_event_columns(),
        sa.ForeignKeyConstraint(["personal_id"], ["citizen.personal_id"]),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_payment_account_personal_id", "payment_account", ["personal_id"])
    op.create_table(
        "payment_list_export",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("exported_at", _MOMENT(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("rows", sa.Integer(), nullable=False),
        sa.Column("unmasked", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "payment_list_entry",
        sa.Column("event_id", sa.Uuid(), nullable=False),
        sa.Column("export_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["export_id"], ["payment_list_export.id"]),
        sa.PrimaryKeyConstraint("event_id"),
    )
    op.create_index("ix_payment_list_entry_export_id", "payment_list_entry", ["export_id"])


def downgrade() -> None:
    op.drop_index("ix_payment_list_entry_export_id", table_name="payment_list_entry")
    op.drop_table("payment_list_entry")
    op.drop_table("payment_list_export")
    op.drop_index("ix_payment_account_personal_id", table_name="payment_account")
    op.drop_table("payment_account")
    op.drop_index("ix_payment_receiver_personal_id", table_name="payment_receiver")
    op.drop_table("payment_receiver")

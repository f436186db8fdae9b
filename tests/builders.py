"""Small builders for events, so each test says only what matters to it."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

from fieldapp.domain import model as dm

T0 = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)
USER = uuid.UUID(int=1)
POINT = uuid.UUID(int=2)
PID = "038090012345"


def an_outcome(
    step: dm.Step,
    result: dm.Result = dm.Result.DONE,
    *,
    minutes: int = 0,
    reason: dm.FailureReason | None = None,
    corrects: uuid.UUID | None = None,
    bank: str | None = None,
) -> dm.Outcome:
    return dm.Outcome(
        id=uuid.uuid4(),
        visit_id=uuid.uuid4(),
        personal_id=PID,
        step=step,
        result=result,
        recorded_at=T0 + timedelta(minutes=minutes),
        user_id=USER,
        reason=reason,
        bank=bank,
        corrects=corrects,
    )


def a_fact(field: dm.FactField, value: str, *, as_of: date = date(2026, 5, 1)) -> dm.OfficialFact:
    return dm.OfficialFact(uuid.uuid4(), PID, field, value, "police_level2", "list.xlsx", as_of)


def a_receiver(
    holder: str = "proxy",
    *,
    minutes: int = 0,
    name: str = "Lê Văn Nhận",
    relation: str = "con",
    receiver_id: str | None = "038095012346",
    pid: str = PID,
) -> object:
    """A desk record of who receives a beneficiary's payment (`domain/payments.py`)."""
    from fieldapp.domain.payments import PaymentHolder, PaymentReceiver

    return PaymentReceiver(
        id=uuid.uuid4(),
        personal_id=pid,
        holder=PaymentHolder(holder),
        receiver_name=name if holder != "self" else "",
        relation=relation if holder != "self" else "",
        receiver_id=receiver_id if holder != "self" else None,
        recorded_at=T0 + timedelta(minutes=minutes),
        user_id=USER,
        support_point_id=POINT,
    )


def an_account(
    holder: str = "proxy",
    *,
    minutes: int = 0,
    bank: str = "MB",
    number: str = "0123456789",
    pid: str = PID,
) -> object:
    """A desk record of the account a beneficiary's payment goes into."""
    from fieldapp.domain.payments import PaymentAccount, PaymentHolder

    return PaymentAccount(
        id=uuid.uuid4(),
        personal_id=pid,
        holder=PaymentHolder(holder),
        bank=bank,
        account_number=number,
        recorded_at=T0 + timedelta(minutes=minutes),
        user_id=USER,
        support_point_id=POINT,
    )


def name_word_index(connection: object) -> list[tuple[str, str]]:
    """(word, personal ID) for every word the search index finds, as the old token table held.

    Asked through the index itself, word by word, so it shows what search would see.
    """
    from sqlalchemy import text

    from fieldapp.store.name_search import word_match_ids

    keys = connection.execute(text("SELECT name_folded FROM citizen")).scalars()  # type: ignore[attr-defined]
    words = sorted({w for key in keys for w in key.split()})
    return [(w, pid) for w in words for pid in word_match_ids(connection, w)]

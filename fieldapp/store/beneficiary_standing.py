"""Each beneficiary's standing on a day, read from the report projection (`citizen_status`).

The agency reports and the social-affairs office's file count beneficiaries by group, payment
class, link and account; the projection holds those per citizen per day (the fold's answers,
`domain/status_history.DayStatus`), so one keyed read replaces folding every beneficiary.
A report that ends at a deadline inside a day also needs who changed between that deadline
and the day's end (`changed_between`): only those are folded again.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session

from fieldapp.store import tables as t
from fieldapp.store.status_projection import holding_on


class StandingRow(NamedTuple):
    """One beneficiary's projection row on a day (step states as `StepState` numbers)."""

    personal_id: str
    village_id: object  # uuid or its text, None when unknown
    beneficiary_group: str
    payment: str | None
    eid_application: int
    bank_account: int
    benefit_link: int
    through_receiver: bool
    account_bank: str | None
    account_on: object  # date or its ISO text, None when no account


def standing_on(session: Session, day: date) -> list[StandingRow]:
    """Every citizen with a beneficiary group at the end of a local day, by personal ID."""
    s = holding_on(day)
    stmt = (
        select(
            s.c.personal_id,
            s.c.village_id,
            s.c.beneficiary_group,
            s.c.payment,
            s.c.eid_application,
            s.c.bank_account,
            s.c.benefit_link,
            s.c.through_receiver,
            s.c.account_bank,
            s.c.account_on,
        )
        .where(s.c.beneficiary_group.is_not(None))
        .order_by(s.c.personal_id)
    )
    return [StandingRow(*row) for row in session.connection().execute(stmt)]


def changed_between(session: Session, start: datetime, end: datetime) -> list[str]:
    """Personal IDs with an outcome or a payment record at start <= moment < end (aware)."""
    lo, hi = start.astimezone(UTC), end.astimezone(UTC)
    found: set[str] = set()
    for table, column in (
        (t.Outcome.__table__, "recorded_at"),
        (t.PaymentReceiverRow.__table__, "recorded_at"),
        (t.PaymentAccountRow.__table__, "recorded_at"),
    ):
        moment = table.c[column]
        stmt = select(table.c.personal_id).where(moment >= lo, moment < hi)
        found.update(session.connection().execute(stmt).scalars())
    return sorted(found)

"""Each beneficiary's standing on a day, read from the report projection (`citizen_status`).

The agency reports and the social-affairs office's file count beneficiaries by group, payment
class, link and account; the projection holds those per citizen per day (the fold's answers,
`domain/status_history.DayStatus`), so one keyed read replaces folding every beneficiary.
A report that ends at a deadline inside a day also needs who changed between that deadline
and the day's end (`changed_between`): only those are folded again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import and_, func, or_, select, type_coerce
from sqlalchemy.types import NullType
from sqlmodel import Session

from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked
from fieldapp.store.status_projection import (
    BASES,
    OPEN,
    STORED,
    either_status,
    holding_on,
    holds_on,
)
from fieldapp.store.types import as_uuid


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


def standing_on(
    session: Session, day: date, only: Sequence[str] | None = None
) -> list[StandingRow]:
    """Every citizen with a beneficiary group at the end of a local day (or only these)."""
    if only is not None:
        return [row for part in chunked(sorted(only)) for row in _standing(session, day, part)]
    return _standing(session, day, None)


def _standing(session: Session, day: date, only: list[str] | None) -> list[StandingRow]:
    s = holding_on(day)  # a stored row, or the status before any event (lean rows)
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
    if only is not None:
        stmt = stmt.where(s.c.personal_id.in_(only))
    return [StandingRow(*row) for row in session.connection().execute(stmt)]


# `standing_cells` counts beneficiaries by these columns (their standing at the end of a day,
# as `StandingRow` has it without the id and the account's bank and day); `changed_cells` adds
# the group, payment class, bank-account and link states at the end of an earlier day (group
# None: not a beneficiary then). The count comes last.
END_COLUMNS = ("village_id", "beneficiary_group", "payment", "eid_application", "bank_account",
               "benefit_link", "through_receiver")  # fmt: skip
START_COLUMNS = ("beneficiary_group", "payment", "bank_account", "benefit_link")


def standing_cells(session: Session, day: date, groups: Sequence[str]) -> list[tuple[Any, ...]]:
    """Beneficiaries of these groups at the end of a day, counted by standing: one GROUP BY."""
    s = holding_on(day)
    keys = [s.c[name] for name in END_COLUMNS]
    stmt = (
        select(*keys, func.count()).where(s.c.beneficiary_group.in_(list(groups))).group_by(*keys)
    )
    return [tuple(row) for row in session.connection().execute(stmt)]


def changed_cells(
    session: Session, start_day: date, end_day: date, groups: Sequence[str]
) -> list[tuple[Any, ...]]:
    """Those of `standing_cells(end_day)` whose status changed after `start_day`.

    Counted by their standing at both ends (the others stood the same at `start_day`).
    """
    e, b, f, z = STORED.alias("e"), STORED.alias("b"), STORED.alias("f"), BASES.alias("z")
    changed = select(STORED.c.personal_id).where(
        STORED.c.day_from > start_day, STORED.c.day_from <= end_day
    )
    # at `start_day`: the stored row holding it, or the base named by a first row after it
    start = either_status(b, z)
    keys = [e.c[name] for name in END_COLUMNS] + [start.c[name] for name in START_COLUMNS]
    stmt = (
        select(*keys, func.count())
        .select_from(
            e.outerjoin(b, and_(b.c.personal_id == e.c.personal_id, holds_on(b, start_day)))
            .outerjoin(
                f,
                and_(
                    f.c.personal_id == e.c.personal_id,
                    f.c.base.is_not(None),
                    f.c.day_from > start_day,
                ),
            )
            .outerjoin(z, z.c.code == f.c.base)
        )
        .where(
            holds_on(e, end_day),
            e.c.beneficiary_group.in_(list(groups)),
            e.c.personal_id.in_(changed),
        )
        .group_by(*keys)
    )
    return [tuple(row) for row in session.connection().execute(stmt)]


class Person(NamedTuple):
    """What the social-affairs file prints of a beneficiary besides their standing."""

    full_name: str
    name_folded: str  # the sort key (`fold_name`)
    birth_date: Any  # date, its ISO text, or None
    last_visit: Any  # UTC datetime (naive on SQLite), or None: never helped


def standing_with_people(session: Session) -> list[tuple[StandingRow, Person]]:
    """Every beneficiary's standing with every event, with their name and last visit.

    One read for the whole file, no list of IDs: each citizen's last span (it ends on
    `OPEN`) joined with their row, and their last visit by the visits' personal-ID index.
    Thousands of rows: the columns that need converting are read as the driver gives them
    and converted here, each distinct village once (SQLAlchemy's type processors cost more
    than the SELECT).
    """
    s, c, v = STORED, t.Citizen.__table__, t.Visit.__table__  # last rows are always stored
    last_visit = (
        select(func.max(v.c.occurred_at)).where(v.c.personal_id == s.c.personal_id)
    ).scalar_subquery()
    raw = {"village_id", "account_on", "through_receiver"}
    columns = [
        type_coerce(s.c[name], NullType()) if name in raw else s.c[name]
        for name in StandingRow._fields
    ]
    stmt = (
        select(
            *columns,
            c.c.full_name,
            c.c.name_folded,
            type_coerce(c.c.birth_date, NullType()),
            type_coerce(last_visit, NullType()),
        )
        .join(c, c.c.personal_id == s.c.personal_id)
        .where(s.c.day_until == OPEN, s.c.beneficiary_group.is_not(None))
    )
    villages: dict[object, object] = {None: None}  # the village's id as text, once each
    found = []
    for row in session.connection().execute(stmt).fetchall():
        (pid, village, group, payment, application, account, link, receiver, bank, on,
         name, folded, born, last) = row  # fmt: skip
        key = villages.get(village, _NO_KEY)
        if key is _NO_KEY:
            key = villages[village] = str(as_uuid(village))
        found.append(
            (
                StandingRow(
                    pid, key, group, payment, application, account, link, bool(receiver), bank, on
                ),
                Person(
                    name,
                    folded,
                    date.fromordinal(born) if isinstance(born, int) else born,
                    datetime.fromisoformat(last) if isinstance(last, str) else last,
                ),
            )
        )
    return found


_NO_KEY = object()


def changed_between(session: Session, *ranges: tuple[datetime, datetime]) -> list[str]:
    """Personal IDs with an outcome or a payment record in any of these [start, end) ranges."""
    found: set[str] = set()
    for table in (t.Outcome.__table__, t.PaymentReceiverRow.__table__,
                  t.PaymentAccountRow.__table__):  # fmt: skip
        moment = table.c.recorded_at
        inside = [
            and_(moment >= start.astimezone(UTC), moment < end.astimezone(UTC))
            for start, end in ranges
        ]
        stmt = select(table.c.personal_id).where(or_(*inside))
        found.update(session.connection().execute(stmt).scalars())
    return sorted(found)

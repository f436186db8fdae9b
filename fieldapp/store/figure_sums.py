"""The figures' counts summed in SQL over the report projection (issue 18, report time).

`status_projection.cumulative_cells` and `new_cells` return one row per distinct set of marks
(thousands over a wave: marks before and after, village, point), which Python then adds into
tallies. Here the database adds them: each row is a village, a point (of the last visit), a
beneficiary group, a bank and a payment class, with the count of citizens and the sum of each
counted mark (`COUNTED`), or, for a period, of each mark reached in it (had at the end, not
the day before). The tallies come out the same (tests/test_figure_sums.py compares both ways
on a generated commune); only the number of rows crossing into Python shrinks.

What holds on a day is read in two plain queries (stored rows holding the day; citizens whose
first stored row starts later, through their base) rather than one UNION ALL, which SQLite
cannot flatten into the aggregate.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, null, select, type_coerce
from sqlalchemy.types import NullType
from sqlmodel import Session

from fieldapp.store.status_projection import (
    BASES,
    FLAGS,
    STORED,
    _marks_columns,
    changed_in,
    holds_on,
)
from fieldapp.store.types import as_uuid

COUNTED = (
    "level2",
    "activated",
    "link_waiting",
    "link_approved",
    "linked",
    "bank_account",
    "smartphone",
    "eligible",
)
"""The counted marks (`reports.Tally`'s fields), in the order of `Sums.counts`."""


@dataclass(frozen=True, slots=True)
class Sums:
    """Citizens who share a village, a point, a group, a bank and a payment class.

    `counts`: per `COUNTED` mark, how many of them have it (cumulative) or reached it (new).
    For a period, `bank` is the bank of an account opened in it (None otherwise), `payment`
    is None, and `visited` / `visits` say how many had a visit in it and how many visits.
    """

    village_key: str | None
    point_key: str | None
    group: str | None
    bank: str | None
    payment: str | None
    citizens: int
    counts: tuple[int, ...]
    visited: int = 0
    visits: int = 0


def flags_of(s: Any) -> list[Any]:
    """Each `COUNTED` mark of a status as 0/1 in SQL (linked: waiting or approved, never both)."""
    marks = _marks_columns(s)
    return [*marks[:4], marks[2] + marks[3], *marks[4:FLAGS]]


def _flag(condition: Any) -> Any:
    return case((condition, 1), else_=0)


def _untyped(column: Any) -> Any:
    """A uuid column as the driver gives it (16 bytes on SQLite): `_Keys` converts it once."""
    return type_coerce(column, NullType())


class _Keys:
    """Text keys of stored uuids, each distinct value converted once."""

    def __init__(self) -> None:
        self.known: dict[object, str | None] = {None: None}

    def __call__(self, value: object) -> str | None:
        found = self.known.get(value, _MISSING)
        if found is _MISSING:
            found = self.known[value] = str(as_uuid(value))
        return found  # type: ignore[return-value]


_MISSING = object()


def cumulative_sums(session: Session, day: date) -> list[Sums]:
    """Every citizen at the end of a day, summed by village, point, group, bank and payment."""
    s, z = STORED, BASES
    stored = _summed(session, s, s.c.point_id, s, where=holds_on(s, day), from_=s)
    # citizens whose first stored row starts after the day: the base it names held then
    before = _summed(
        session,
        s,
        None,
        z,
        where=s.c.day_from > day,
        from_=s.join(z, z.c.code == s.c.base),
    )
    return stored + before


def _summed(
    session: Session, rows: Any, point: Any | None, status: Any, *, where: Any, from_: Any
) -> list[Sums]:
    """Sum `status` over `rows` by village, point (None: NULL), group, bank and payment.

    PostgreSQL refuses a constant in a GROUP BY: a NULL point is only selected.
    """
    keys = _Keys()
    village = _untyped(rows.c.village_id)
    by_point = [] if point is None else [_untyped(point)]
    rest = (status.c.beneficiary_group, status.c.opened_at_bank, status.c.payment)
    stmt = (
        select(
            village,
            *(by_point or [null()]),
            *rest,
            func.count(),
            *(func.sum(f) for f in flags_of(status)),
        )
        .select_from(from_)
        .where(where)
        .group_by(village, *by_point, *rest)
    )
    return [
        Sums(keys(r[0]), keys(r[1]), r[2], r[3], r[4], r[5], tuple(int(v) for v in r[6:]))
        for r in session.connection().execute(stmt)
    ]


def new_sums(session: Session, first: date, last: date, *, only: Any = None) -> list[Sums]:
    """The citizens with a span starting inside [first, last]: what they reached in it.

    A mark is reached when the status holding `last` has it and the one holding the day
    before `first` has not (a stored row, or the base a first row after that day names).
    `only`: a SELECT of the personal IDs to sum, among those (`figure_summary`'s few).
    """
    changed = changed_in(first, last)
    e, previous = changed.now, changed.before
    where = changed.where
    if only is not None:
        where = and_(holds_on(e, last), e.c.personal_id.in_(only))
    reached = [
        func.sum(now * (1 - then))
        for now, then in zip(flags_of(e), flags_of(previous), strict=True)
    ]
    bank = case((previous.c.opened_at_bank.is_(None), e.c.opened_at_bank), else_=null())
    group = (_untyped(e.c.village_id), _untyped(e.c.point_id), e.c.beneficiary_group, bank)
    stmt = (
        select(
            *group,
            func.count(),
            *reached,
            func.sum(_flag(changed.visits > 0)),
            func.coalesce(func.sum(changed.visits), 0),
        )
        .select_from(changed.joined)
        .where(where)
        .group_by(*group)
    )
    keys = _Keys()
    found = []
    for r in session.connection().execute(stmt):
        counts = tuple(int(v or 0) for v in r[5 : 5 + len(COUNTED)])
        visited, visits = r[5 + len(COUNTED) :]
        found.append(
            Sums(
                keys(r[0]),
                keys(r[1]),
                r[2],
                r[3],
                None,
                r[4],
                counts,
                int(visited or 0),
                int(visits or 0),
            )
        )
    return found


reached_sums = new_sums
"""The name `figure_summary` gives it (`compute_figures` reads either module alike)."""

__all__ = ["COUNTED", "Sums", "cumulative_sums", "flags_of", "new_sums", "reached_sums"]

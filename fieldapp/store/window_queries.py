"""Reads for the deadline-to-deadline daily report (`services/report_window.py`).

Who had events near the deadlines, when, and what the projection says of them around the day.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import case, literal, null, or_, select, union_all
from sqlmodel import Session, col

from fieldapp.domain import model as dm
from fieldapp.domain.status_history import BEFORE_ANY, DayStatus, Span
from fieldapp.store import facts, mapping
from fieldapp.store import status_projection as sp
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked
from fieldapp.store.figure_sums import _Keys, _untyped
from fieldapp.store.status_projection import _day
from fieldapp.store.status_projection import _status as status_of


def citizens_by_ids(session: Session, personal_ids: Sequence[str]) -> list[dm.Citizen]:
    """These citizens (those the store holds), by personal ID."""
    found = []
    for chunk in chunked(personal_ids):
        stmt = select(t.Citizen).where(col(t.Citizen.personal_id).in_(chunk))
        found += [mapping.citizen_to_domain(r) for r in session.execute(stmt).scalars()]
    return sorted(found, key=lambda c: c.personal_id)


def facts_dated(session: Session, day: date) -> bool:
    """True when some list fact is dated this day.

    A fact is dated by its list: the few lists are asked first, and the facts (no index on
    their list) only when a list is dated the day (most days none is).
    """
    dated = select(facts.IMPORT.c.id).where(facts.IMPORT.c.as_of == day).limit(1)
    if session.connection().execute(dated).first() is None:
        return False
    stmt = facts.select_facts(facts.FACT.c.id).where(facts.IMPORT.c.as_of == day).limit(1)
    return session.execute(stmt).first() is not None


class Near(NamedTuple):
    """A citizen's village key and the projection spans around some days, oldest first."""

    village: str | None
    spans: list[Span]


def spans_near(
    session: Session, personal_ids: Sequence[str], first: date, last: date
) -> dict[str, Near]:
    """These citizens' projection spans that hold some day of [first, last].

    A citizen whose first stored row starts after `first` and names a base gets that base as
    a span from `BEFORE_ANY` (as `status_projection.holding_on` reads it).
    """
    s, z = sp.STORED, sp.BASES
    connection = session.connection()
    statuses: dict[tuple[Any, ...], DayStatus] = {}
    bases = {
        row[0]: status_of(statuses, tuple(row[1:]))
        for row in connection.execute(select(z.c.code, *(z.c[n] for n in sp.STATUS_COLUMNS)))
    }
    found: dict[str, Near] = {}
    keys, days = _Keys(), _Days()
    raw = [_untyped(s.c[n]) for n in ("village_id", "day_from", "day_until", "point_id")]
    columns = (s.c.personal_id, *raw, s.c.visits, s.c.base, *(s.c[n] for n in sp.STATUS_COLUMNS))
    for chunk in chunked(personal_ids):
        stmt = (
            select(*columns)
            .where(s.c.personal_id.in_(chunk), s.c.day_until > first)
            .where(or_(s.c.day_from <= last, s.c.base.is_not(None)))
            .order_by(s.c.personal_id, s.c.day_from)
        )
        for pid, village, start, until, point, visits, base, *values in connection.execute(
            stmt
        ).fetchall():
            near = found.get(pid)
            if near is None:
                near = found[pid] = Near(keys(village), [])
            day_from = days(start)
            if base is not None and day_from > first:
                near.spans.append(Span(BEFORE_ANY, day_from, bases[base], 0, None))
            status = status_of(statuses, tuple(values))
            near.spans.append(Span(day_from, days(until), status, visits, keys(point)))
    return found


class _Days:
    """Dates of stored day numbers (`DayNumber`), each converted once."""

    def __init__(self) -> None:
        self.known: dict[int, date] = {}

    def __call__(self, value: int) -> date:
        found = self.known.get(value)
        if found is None:
            found = self.known[value] = date.fromordinal(int(value))
        return found


def span_on(spans: Sequence[Span], day: date) -> Span | None:
    """The span holding a day."""
    return next((s for s in spans if s.day_from <= day < s.day_until), None)


_MOMENT_TABLES = (
    t.Outcome.__table__,
    t.PaymentReceiverRow.__table__,
    t.PaymentAccountRow.__table__,
)


def fact_days(
    session: Session, personal_ids: Sequence[str], first: date, last: date
) -> set[tuple[str, date]]:
    """(personal ID, day) for each list fact about these citizens dated in [first, last]."""
    pid, as_of = facts.COLUMN["personal_id"], facts.COLUMN["as_of"]
    found: set[tuple[str, date]] = set()
    for chunk in chunked(personal_ids):
        stmt = facts.select_facts(pid, as_of).where(pid.in_(chunk), as_of.between(first, last))
        found.update((p, _day(d)) for p, d in session.connection().execute(stmt))
    return found


class Around(NamedTuple):
    """One visit, outcome or payment record near a day's deadlines (`events_around`)."""

    personal_id: str
    slice: int  # which of the [edge, next edge) ranges it falls in: 0, 1, 2 or 3
    moment: Any  # as the driver gives it: compared only with other moments of this read
    point: Any  # a visit's support point as the driver gives it; None for the others


def events_around(session: Session, edges: Sequence[datetime]) -> list[Around]:
    """Who had anything after a deadline before the next midnight, and what, in one read.

    `edges`: the day before's midnight, its deadline, the day's midnight, its deadline and
    the next midnight (aware); slice i is [edges[i], edges[i + 1]). For each citizen with a
    visit, an outcome or a payment record in slice 1 or 3: each of their visits from slice 1
    on, and once each slice holding an outcome or a payment record of theirs (moment and
    point None).
    """
    lo, *inner, hi = (edge.astimezone(UTC) for edge in edges)
    parts = []
    for table, moment, point in (
        (t.Visit.__table__, t.Visit.__table__.c.occurred_at, t.Visit.__table__.c.support_point_id),
        *((table, table.c.recorded_at, None) for table in _MOMENT_TABLES),
    ):
        slice_ = case(*((moment < edge, literal(i)) for i, edge in enumerate(inner)), else_=3)
        parts.append(
            select(
                table.c.personal_id.label("personal_id"),
                slice_.label("slice"),
                _untyped(moment).label("moment"),
                (null() if point is None else _untyped(point)).label("point"),
            ).where(moment >= lo, moment < hi)
        )
    found = union_all(*parts).cte("around")
    touched = select(found.c.personal_id).where(found.c.slice.in_((1, 3)))
    visits = select(found).where(
        found.c.point.is_not(None), found.c.slice > 0, found.c.personal_id.in_(touched)
    )
    recorded = (  # GROUP BY, not DISTINCT: PostgreSQL would make the NULLs text
        select(found.c.personal_id, found.c.slice, null(), null())
        .where(found.c.point.is_(None), found.c.personal_id.in_(touched))
        .group_by(found.c.personal_id, found.c.slice)
    )
    rows = session.connection().execute(union_all(visits, recorded)).fetchall()
    return [Around(*row) for row in rows]


def anything_between(session: Session, start: datetime, end: datetime) -> bool:
    """True when a visit, an outcome or a payment record falls at start <= moment < end."""
    lo, hi = start.astimezone(UTC), end.astimezone(UTC)
    for table, moment in (
        (t.Visit.__table__, t.Visit.__table__.c.occurred_at),
        *((table, table.c.recorded_at) for table in _MOMENT_TABLES),
    ):
        stmt = select(literal(1)).select_from(table).where(moment >= lo, moment < hi).limit(1)
        if session.connection().execute(stmt).first() is not None:
            return True
    return False

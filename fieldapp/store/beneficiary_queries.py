"""Bulk reads of the social-security beneficiaries: who they are, their events, their visits.

The agency reports and the social-affairs office's file fold only the beneficiaries (a few
thousand in a commune of 30,000), so they read only their rows, a chunk of IDs at a time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import NamedTuple

from sqlalchemy import and_, case, func, or_, select
from sqlmodel import Session, col

from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentReceiver, latest
from fieldapp.store import facts, mapping
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked
from fieldapp.store.payments import receiver_event


def beneficiary_citizens(session: Session) -> list[dm.Citizen]:
    """Citizens with a beneficiary group on their row or in any list, by personal ID."""
    listed = select(t.OfficialFact.personal_id).where(
        t.OfficialFact.field == dm.FactField.BENEFICIARY_GROUP.value
    )
    stmt = (
        select(t.Citizen)
        .where(
            or_(
                col(t.Citizen.beneficiary_group).is_not(None),
                col(t.Citizen.personal_id).in_(listed),
            )
        )
        .order_by(t.Citizen.personal_id)
    )
    return [mapping.citizen_to_domain(r) for r in session.execute(stmt).scalars()]


def as_utc(moment: datetime) -> datetime:
    """A stored moment in UTC (SQLite keeps no offset: a naive one is UTC already)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def visits_of_many(
    session: Session, personal_ids: Sequence[str], until: datetime | None = None
) -> dict[str, list[dm.Visit]]:
    """Each citizen's visits (at a point or at home) before `until` (UTC), oldest first."""
    found: dict[str, list[dm.Visit]] = defaultdict(list)
    for chunk in chunked(personal_ids):
        stmt = select(t.Visit).where(col(t.Visit.personal_id).in_(chunk))
        if until is not None:
            stmt = stmt.where(t.Visit.occurred_at < until.astimezone(UTC))
        for row in session.execute(stmt.order_by(t.Visit.occurred_at)).scalars():
            found[row.personal_id].append(mapping.visit_to_domain(row))
    return found


def visits_between(session: Session, start: datetime, end: datetime) -> list[dm.Visit]:
    """Every visit with start <= occurred_at < end (UTC moments)."""
    stmt = (
        select(t.Visit)
        .where(t.Visit.occurred_at >= start.astimezone(UTC))
        .where(t.Visit.occurred_at < end.astimezone(UTC))
        .order_by(t.Visit.occurred_at)
    )
    return [mapping.visit_to_domain(r) for r in session.execute(stmt).scalars()]


class HomeVisits(NamedTuple):
    """Home visits in some ranges, and in the last of them by village."""

    counts: list[int]  # per range
    by_village: list[tuple[str, int, int]]  # village id as text ("" unknown), visits, people


def home_visits(session: Session, bounds: Sequence[tuple[datetime, datetime]]) -> HomeVisits:
    """How many home visits fall in each [start, end), and in the last one by village.

    One read of the home visits (the final report's waves and the whole campaign share
    their days), each range a sum of its own. No range in the WHERE: over a campaign it
    holds most visits, and SQLite would walk the time index row by row where a plain scan
    of the table is ten times cheaper; a visit outside every range counts nowhere.
    """
    v, c = t.Visit, t.Citizen
    moment = v.occurred_at
    ranges = [(start.astimezone(UTC), end.astimezone(UTC)) for start, end in bounds]
    inside = [and_(moment >= lo, moment < hi) for lo, hi in ranges]  # type: ignore[operator]
    stmt = (
        select(
            c.village_id,
            func.count(func.distinct(case((inside[-1], v.personal_id)))),
            *(func.sum(case((where, 1), else_=0)) for where in inside),
        )
        .select_from(v)
        .join(c, c.personal_id == v.personal_id)  # type: ignore[arg-type]
        .where(v.place == dm.VisitPlace.HOME.value)
        .group_by(c.village_id)
    )
    counts = [0] * len(ranges)
    by_village = []
    for village, people, *sums in session.execute(stmt):
        counts = [a + int(b or 0) for a, b in zip(counts, sums, strict=True)]
        if sums[-1]:
            by_village.append(("" if village is None else str(village), int(sums[-1]), int(people)))
    return HomeVisits(counts, by_village)


class HomeVisitRow(NamedTuple):
    """One home visit: whose, and the units it counts in (None: no group)."""

    personal_id: str
    village: str  # the citizen's village id as text, or "unknown"
    point: str  # the point that recorded it, id as text
    group: str | None  # the beneficiary group on the citizen's row


def home_visits_between(session: Session, start: datetime, end: datetime) -> list[HomeVisitRow]:
    """Every home visit with start <= occurred_at < end (aware moments)."""
    stmt = (
        select(
            t.Visit.personal_id,
            t.Citizen.village_id,
            t.Visit.support_point_id,
            t.Citizen.beneficiary_group,
        )
        .join(t.Citizen, t.Citizen.personal_id == t.Visit.personal_id)
        .where(t.Visit.place == dm.VisitPlace.HOME.value)
        .where(t.Visit.occurred_at >= start.astimezone(UTC))
        .where(t.Visit.occurred_at < end.astimezone(UTC))
    )
    return [
        HomeVisitRow(pid, "unknown" if village is None else str(village), str(point), group)
        for pid, village, point, group in session.execute(stmt)
    ]


def last_visit_before(
    session: Session, personal_ids: Sequence[str], until: datetime | None = None
) -> dict[str, datetime]:
    """When each citizen was last helped (at a point or at home) before `until`; absent: never."""
    found: dict[str, datetime] = {}
    for chunk in chunked(personal_ids):
        stmt = select(t.Visit.personal_id, func.max(t.Visit.occurred_at)).where(
            col(t.Visit.personal_id).in_(chunk)
        )
        if until is not None:
            stmt = stmt.where(t.Visit.occurred_at < until.astimezone(UTC))
        for personal_id, occurred_at in session.execute(stmt.group_by(t.Visit.personal_id)):
            found[personal_id] = as_utc(occurred_at)
    return found


_NAMED = (dm.FactField.PROXY_NAME.value, dm.FactField.GUARDIAN_NAME.value)


def listed_receiver_names(session: Session) -> dict[str, dict[str, str]]:
    """The latest list value of every citizen's proxy's and guardian's names (by field value).

    Latest by the list's date, then the fact's id (as the fold picks a field's latest fact).
    Few citizens have one: read them all, no list of IDs.
    """
    f = facts.COLUMN  # a fact whole: its list's date is on its `list_import` row
    latest: dict[tuple[str, str], tuple[object, str, str]] = {}
    stmt = facts.select_facts(f["personal_id"], f["field"], f["value"], f["as_of"], f["id"]).where(
        f["field"].in_(_NAMED)
    )
    for pid, name, value, as_of, fact_id in session.execute(stmt):
        key = (pid, name)
        rank = (as_of, str(fact_id))
        found = latest.get(key)
        if found is None or rank > found[0]:  # type: ignore[operator]
            latest[key] = (rank, value.strip(), name)
    names: dict[str, dict[str, str]] = defaultdict(dict)
    for (pid, name), (_, value, _) in latest.items():
        names[pid][name] = value
    return dict(names)


def latest_receivers(session: Session) -> dict[str, PaymentReceiver]:
    """Every citizen's latest receiver record made at a desk (issue 19), for those with one."""
    found: dict[str, list[PaymentReceiver]] = defaultdict(list)
    for row in session.execute(select(t.PaymentReceiverRow)).scalars():
        found[row.personal_id].append(receiver_event(row))
    return {
        pid: picked
        for pid, events in found.items()
        if (picked := latest(events, PaymentReceiver)) is not None
    }

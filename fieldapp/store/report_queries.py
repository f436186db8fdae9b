"""Bulk reads for the police desk's figures: a few set-based queries, no per-citizen query.

Rows come back as plain domain objects grouped by citizen, ready for the domain fold. Columns
are read as text where the driver would otherwise build a UUID or parse a date for every row
(SQLite), and converted once here; on PostgreSQL the driver's own types pass through.
Times are timezone-aware UTC, as the store returns them.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from sqlalchemy import Select, String, bindparam, func, select, type_coerce
from sqlmodel import Session

from fieldapp.domain import model as dm
from fieldapp.domain.periods import Wave
from fieldapp.domain.text import fold
from fieldapp.store import facts
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked
from fieldapp.store.types import as_uuid


def to_utc(moment: datetime) -> datetime:
    """A moment in UTC; a naive one is taken to be UTC already (SQLite keeps no offset)."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class _Uuids:
    """Turns stored ids into UUIDs once each (ids repeat: users, visits, points)."""

    def __init__(self) -> None:
        self._seen: dict[object, uuid.UUID] = {}

    def __call__(self, value: object) -> uuid.UUID:
        if isinstance(value, uuid.UUID):
            return value
        found = self._seen.get(value)
        if found is None:
            found = self._seen[value] = as_uuid(value)
        return found

    def fresh(self, value: object) -> uuid.UUID:
        """An id seen once (an event's own id): no point caching it."""
        return value if isinstance(value, uuid.UUID) else as_uuid(value)


def _moment(value: object) -> datetime:
    if isinstance(value, datetime):
        return to_utc(value)
    return datetime.fromisoformat(str(value)).replace(tzinfo=UTC)


def _day(value: object) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _core(session: Session, stmt: Select[Any]) -> Sequence[Any]:
    """A Core select on the session's connection, all rows at once, no ORM row wrapping."""
    return session.connection().execute(stmt).all()


def _text(column: object) -> object:
    return type_coerce(column, String)


_OUTCOMES = select(
    _text(t.Outcome.id),
    _text(t.Outcome.visit_id),
    t.Outcome.personal_id,
    t.Outcome.step,
    t.Outcome.result,
    _text(t.Outcome.recorded_at),
    _text(t.Outcome.user_id),
    t.Outcome.reason,
    t.Outcome.bank,
    _text(t.Outcome.corrects),
    t.Outcome.reason_text,
    t.Outcome.referred_to,
)
_FACTS = facts.select_facts(
    _text(facts.COLUMN["id"]),  # 16 bytes on SQLite (see `_Uuids`)
    *facts.DOMAIN_COLUMNS[1:6],
    _text(facts.COLUMN["as_of"]),
)
_CITIZENS = select(
    t.Citizen.personal_id,
    _text(t.Citizen.village_id),
    t.Citizen.beneficiary_group,
    t.Citizen.has_smartphone,
).order_by(t.Citizen.personal_id)
_VISITS = select(t.Visit.personal_id, _text(t.Visit.occurred_at), _text(t.Visit.support_point_id))
_PAID_RECEIVERS = select(t.PaymentReceiverRow.personal_id)
_PAID_ACCOUNTS = select(t.PaymentAccountRow.personal_id)
_STATEMENTS = {
    id(s) for s in (_OUTCOMES, _FACTS, _CITIZENS, _VISITS, _PAID_RECEIVERS, _PAID_ACCOUNTS)
}

RawOutcome = tuple[
    object, object, str, str, str, datetime, object, str | None, str | None, object, str, str | None
]
RawFact = tuple[object, str, str, str, str, str, object]


@dataclass
class ReportRows:
    """Everything the figures need, read in one go up to a moment.

    Events are kept as raw rows per citizen and turned into domain objects only for the
    citizens that are actually folded (`outcomes_of`, `facts_of`).
    """

    villages: list[dm.Village]
    points: list[dm.SupportPoint]
    citizens: list[dm.Citizen]
    outcome_rows: dict[str, list[RawOutcome]] = field(default_factory=dict)
    fact_rows: dict[str, list[RawFact]] = field(default_factory=dict)
    visits: dict[str, list[tuple[datetime, uuid.UUID]]] = field(default_factory=dict)
    _ids: _Uuids = field(default_factory=lambda: _Uuids())

    def outcomes_of(self, personal_id: str) -> list[dm.Outcome]:
        """A citizen's outcomes as domain events."""
        return [self._outcome(raw) for raw in self.outcome_rows.get(personal_id, ())]

    def facts_of(self, personal_id: str) -> list[dm.OfficialFact]:
        """A citizen's official facts as domain facts."""
        fresh = self._ids.fresh
        return [
            dm.OfficialFact(fresh(fid), pid, _FIELDS[name], value, kind, source, as_of)
            for fid, pid, name, value, kind, source, as_of in self.fact_rows.get(personal_id, ())
        ]

    def _outcome(self, raw: RawOutcome) -> dm.Outcome:
        oid, visit, pid, step, result, at, user, reason, bank, corrects, text, referred = raw
        ids = self._ids
        # positional, in the order of dm.Outcome's fields (tens of thousands are built)
        return dm.Outcome(
            ids.fresh(oid),
            ids(visit),
            pid,
            _STEPS[step],
            _RESULTS[result],
            at,
            ids(user),
            None if reason is None else _REASONS.get(reason, dm.FailureReason.OTHER),
            text,
            bank,
            None if referred is None else dm.ReferralTarget(referred),
            None if corrects is None else ids.fresh(corrects),
        )


_STEPS = {s.value: s for s in dm.Step}
_RESULTS = {r.value: r for r in dm.Result}
_REASONS = {r.value: r for r in dm.FailureReason}
_FIELDS = {f.value: f for f in dm.FactField}


def load_report_rows(
    session: Session,
    until: datetime | None,
    last_fact_day: date | None,
    *,
    only: Sequence[str] | None = None,
    with_visits: bool = True,
    with_citizens: bool = True,
    between: KeyRange | None = None,
) -> ReportRows:
    """Citizens; their outcomes and visits before `until`; their facts dated up to a day.

    `only` limits the events to some citizens (read in chunks); None reads everyone's.
    `between`: only the citizens whose personal ID is in a range (see `KeyRange`).
    Without citizens, the villages, points and citizens lists stay empty (events only).
    """
    until_utc = None if until is None else to_utc(until)
    ids = _Uuids()
    villages: list[dm.Village] = []
    points: list[dm.SupportPoint] = []
    citizens: list[dm.Citizen] = []
    if with_citizens:
        villages = [
            dm.Village(r.id, r.commune_id, r.name)
            for r in session.execute(select(t.Village).order_by(t.Village.name_folded)).scalars()
        ]
        points = sorted(
            (
                dm.SupportPoint(r.id, r.name, r.village_id)
                for r in session.execute(select(t.SupportPoint)).scalars()
            ),
            key=lambda p: fold(p.name),
        )
        citizens = citizens_for_fold(session, ids=ids)
    rows = ReportRows(villages, points, citizens, _ids=ids)

    o = t.Outcome
    outcome_stmt = _OUTCOMES
    if until_utc is not None:
        outcome_stmt = outcome_stmt.where(o.recorded_at < until_utc)
    outcomes: dict[str, list[RawOutcome]] = defaultdict(list)
    for row in _chunked(session, outcome_stmt, o.personal_id, only, between):
        raw = tuple(row)
        raw = (*raw[:5], _moment(raw[5]), *raw[6:])
        outcomes[row[2]].append(raw)  # type: ignore[arg-type]
    rows.outcome_rows = dict(outcomes)

    fact_stmt = _FACTS
    if last_fact_day is not None:
        fact_stmt = fact_stmt.where(facts.COLUMN["as_of"] <= last_fact_day)
    by_citizen: dict[str, list[RawFact]] = defaultdict(list)
    for row in _chunked(session, fact_stmt, facts.COLUMN["personal_id"], only, between):
        if row[2] not in _FIELDS:
            continue  # a field this version does not know: the fold would ignore it too
        raw_fact = tuple(row)
        raw_fact = (*raw_fact[:6], _day(raw_fact[6]))
        by_citizen[row[1]].append(raw_fact)  # type: ignore[arg-type]
    rows.fact_rows = dict(by_citizen)

    if with_visits and until_utc is not None:
        rows.visits = visits_before(session, until_utc, ids)
    return rows


def visits_before(
    session: Session, until: datetime, ids: _Uuids | None = None
) -> dict[str, list[tuple[datetime, uuid.UUID]]]:
    """Everyone's visits before a moment: when and at which point, per citizen."""
    ids = ids or _Uuids()
    v = t.Visit
    visit_stmt = select(v.personal_id, _text(v.occurred_at), _text(v.support_point_id)).where(
        v.occurred_at < to_utc(until)
    )
    visits: dict[str, list[tuple[datetime, uuid.UUID]]] = defaultdict(list)
    for pid, at, point in _core(session, visit_stmt):
        visits[pid].append((_moment(at), ids(point)))
    return dict(visits)


def citizens_for_fold(
    session: Session,
    only: Sequence[str] | None = None,
    between: KeyRange | None = None,
    *,
    ids: _Uuids | None = None,
) -> list[dm.Citizen]:
    """Citizens (everyone, `only` these, or a range), in personal-ID order.

    Only what the fold and the figures read: village, group, smartphone; no names, no phones.
    """
    c = t.Citizen
    ids = ids or _Uuids()
    return [
        dm.Citizen(
            personal_id=pid,
            full_name="",
            village_id=None if village is None else ids(village),
            beneficiary_group=None if group is None else _GROUPS.get(group),
            has_smartphone=None if smartphone is None else bool(smartphone),
        )
        for pid, village, group, smartphone in _chunked(
            session, _CITIZENS, c.personal_id, only, between
        )
    ]


_GROUPS = {g.value: g for g in dm.BeneficiaryGroup}

KeyRange = tuple[str | None, str | None]
"""Personal IDs after the first (None: from the smallest) up to the second included (None: all)."""


def _in_range(stmt: Select[Any], key: Any, between: KeyRange) -> Select[Any]:
    after, upto = between
    if after is not None:
        stmt = stmt.where(key > after)
    if upto is not None:
        stmt = stmt.where(key <= upto)
    return stmt


_DRIVER_SQL: dict[int, str] = {}
_KEYS_MARK = "__[POSTCOMPILE_keys]"


def _by_driver(session: Session, stmt: Select[Any], key: Any, only: Sequence[str]) -> Any:
    """Some citizens' rows straight from the SQLite driver (None elsewhere).

    A desk's write folds one citizen again before it commits, and an import folds thousands
    (the report projection): SQLAlchemy's statement machinery, and its per-key work for an
    expanding `IN`, cost more than the reads. Only for the module's own statements
    (`_STATEMENTS`), whose columns read as text on SQLite anyway; each is compiled once, its
    `IN` list written for the number of keys.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite" or id(stmt) not in _STATEMENTS:
        return None
    sql = _DRIVER_SQL.get(id(stmt))
    if sql is None:
        keys = bindparam("keys", expanding=True)
        sql = _DRIVER_SQL[id(stmt)] = str(
            stmt.where(key.in_(keys)).compile(dialect=connection.dialect)
        )
    cursor = connection.connection.cursor()  # the transaction's own DB-API connection
    found: list[Any] = []
    try:
        for part in chunked(list(only)):
            cursor.execute(sql.replace(_KEYS_MARK, ", ".join("?" * len(part))), part)
            found.extend(cursor.fetchall())
    finally:
        cursor.close()
    return found


def _chunked(
    session: Session,
    stmt: Select[Any],
    key: Any,
    only: Sequence[str] | None,
    between: KeyRange | None = None,
) -> Iterator[Any]:
    if between is not None:
        stmt = _in_range(stmt, key, between)
    elif only is not None:
        found = _by_driver(session, stmt, key, only)
        if found is not None:
            yield from found
            return
    if only is None:
        yield from _core(session, stmt)
        return
    for part in chunked(only):
        yield from _core(session, stmt.where(key.in_(part)))


class CitizenSummary(NamedTuple):
    """A citizen as the figures first see them: village, events summed up, cached timeline.

    A named tuple rather than a frozen dataclass: one is made per citizen on every report, and
    a tuple is built about three times faster.
    """

    personal_id: str
    village_key: str | None  # the village's id as text (str of its UUID)
    beneficiary_group: str | None
    has_smartphone: bool | None
    events: str  # counts and newest times of outcomes and facts, as one string
    cached_fingerprint: str | None
    cached_timeline: str | None
    cached_visits: str | None


def with_payment_events(session: Session, only: Sequence[str] | None) -> set[str]:
    """Which of these citizens (None: of everyone) have a payment receiver or account event.

    Few do: the others' payment events need not be read at all.
    """
    found: set[str] = set()
    for stmt, key in (
        (_PAID_RECEIVERS, t.PaymentReceiverRow.personal_id),
        (_PAID_ACCOUNTS, t.PaymentAccountRow.personal_id),
    ):
        found.update(row[0] for row in _chunked(session, stmt, key, only))
    return found


def visits_of(
    session: Session, only: Sequence[str] | None, between: KeyRange | None = None
) -> dict[str, list[tuple[datetime, str]]]:
    """Some citizens' visits (everyone's if `only` is None): when, and the point's key."""
    v = t.Visit
    stmt = _VISITS
    keys: dict[object, str] = {}
    visits: dict[str, list[tuple[datetime, str]]] = defaultdict(list)
    for pid, at, point in _chunked(session, stmt, v.personal_id, only, between):
        key = keys.get(point)
        if key is None:
            key = keys[point] = str(
                point if isinstance(point, uuid.UUID) else uuid.UUID(str(point))
            )
        visits[pid].append((_moment(at), key))
    return dict(visits)


def newest_activity_per_point(session: Session, until: datetime) -> dict[uuid.UUID, datetime]:
    """Per support point, when the police last heard from it before `until` (UTC).

    The newer of its last bundle imported here (the sync import log, through the point's
    enrolled key) and its newest visit: a desk that is also the police's records visits
    directly, without bundles.
    """
    cutoff = to_utc(until)
    newest: dict[uuid.UUID, datetime] = {}

    def keep(point: uuid.UUID | None, at: datetime | None) -> None:
        if point is not None and at is not None:
            moment = _moment(at)
            if point not in newest or moment > newest[point]:
                newest[point] = moment

    visits = (
        select(t.Visit.support_point_id, func.max(t.Visit.occurred_at))
        .where(t.Visit.occurred_at < cutoff)
        .group_by(t.Visit.support_point_id)
    )
    for point, at in session.execute(visits):
        keep(point, at)
    bundles = (
        select(t.SyncPeer.point_id, func.max(t.SyncImport.imported_at))
        .join(t.SyncPeer, t.SyncPeer.fingerprint == t.SyncImport.sender)
        .where(t.SyncImport.imported_at < cutoff)
        .group_by(t.SyncPeer.point_id)
    )
    for point, at in session.execute(bundles):
        keep(point, at)
    return newest


def first_event_day(session: Session) -> date | None:
    """The date (UTC) of the oldest visit or official fact, for the whole-campaign report."""
    visit = session.execute(select(func.min(t.Visit.occurred_at))).scalar_one_or_none()
    fact = facts.first_fact_day(session)
    days = [d for d in (None if visit is None else _moment(visit).date(), fact) if d is not None]
    return None if not days else min(_day(d) for d in days)


# Campaign settings --------------------------------------------------------------------------
def waves(session: Session) -> list[Wave]:
    """All waves, oldest first."""
    stmt = select(t.CampaignWave).order_by(t.CampaignWave.starts_on)
    return [Wave(r.id, r.name, r.starts_on, r.ends_on) for r in session.execute(stmt).scalars()]


def add_wave(session: Session, wave: Wave, now: datetime) -> None:
    """Insert a wave (the service has checked it)."""
    session.add(
        t.CampaignWave(
            id=wave.id,
            name=wave.name,
            starts_on=wave.starts_on,
            ends_on=wave.ends_on,
            created_at=to_utc(now),
        )
    )


def delete_wave(session: Session, wave_id: uuid.UUID) -> None:
    """Remove a wave (settings, not events: a wave may be corrected)."""
    row = session.get(t.CampaignWave, wave_id)
    if row is not None:
        session.delete(row)


def targets(session: Session) -> dict[uuid.UUID, int]:
    """The targets that were set by hand, per village."""
    rows = session.execute(select(t.VillageTarget)).scalars()
    return {r.village_id: r.target for r in rows}


def set_target(session: Session, village_id: uuid.UUID, target: int, now: datetime) -> None:
    """Insert or replace a village's target."""
    row = session.get(t.VillageTarget, village_id)
    if row is None:
        row = t.VillageTarget(village_id=village_id, target=target, set_at=to_utc(now))
    row.target = target
    row.set_at = to_utc(now)
    session.add(row)


def set_report_deadline(session: Session, deadline: str) -> int:
    """Set the daily report deadline of every commune (usually one); how many were changed."""
    changed = 0
    for row in session.execute(select(t.Commune)).scalars():
        row.report_deadline = deadline
        session.add(row)
        changed += 1
    return changed

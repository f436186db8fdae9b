"""The report projection: every citizen's status day by day, and the figures' SQL aggregates.

Table `citizen_status` (`tables.CitizenStatusSpan`), one row per citizen per span of days:

    personal_id, day_from, day_until   the span: from day_from (a local day; 0001-01-01 =
                                       before any event) until the day before day_until
                                       (9999-12-31 = still so); a citizen's spans are
                                       contiguous, so exactly one holds on any day
    village_id                         the citizen's village (as now)
    point_id, visits                   the point of the last visit on or before day_from;
                                       how many visits on day_from itself
    eid_application ... benefit_link   each step's `StepState` number (4 done, 3 submitted,
                                       2 referred, 1 failed, 0 not started)
    opened_at_bank                     bank of an account opened at a point ("?": unnamed)
    beneficiary_group, payment         the group and the payment class (PAYMENT_CLASSES)
    has_smartphone, eligible           as the fold says (`CitizenStatus.eligible`)
    through_receiver                   paid through a proxy or guardian (issue 18's agencies)
    account_bank, account_on           the bank account step's bank and local day, when done

What holds on a day D: `day_from <= D AND day_until > D` (`holds_on`), or, for a citizen
whose first stored row starts after D and names a `base`, the status before any event kept
once in `citizen_status_base` (`holding_on` gives both: read what holds through it). A
citizen known from lists only thus has one row, not two: the span from 0001-01-01 until their
list day is stored only when it differs from the few shared ones (a visit, or rules that
made the base depend on more than group and smartphone). The day a state was reached is the
`day_from` of the first span that has it. Rows come from the domain
(`domain/status_history.SpanBuilder` over `fold_status`): the fold stays the only definition.

Who keeps it: `SqlRepository` remembers the citizens its writes touch (citizens, visits,
outcomes, facts, corrections, payment receivers and accounts) and `SqlUnitOfWork.commit`
calls `refresh` for them; a bundle import calls `refresh` with the citizens it wrote; a list
import writes through a `SpanWriter` chunk by chunk (new citizens from the facts it holds,
changed ones folded again from the store); the demo loader marks the table stale (rebuilt
at the next figures).
`is_current` says whether the table was last rebuilt whole under the current rules
(`RULES_VERSION`); `rebuild_range` rebuilds it a range of personal IDs at a time.

The figures: `cumulative_cells` (what holds at the end of a day, counted by village, point and
marks), `new_cells` (what changed inside a period, for the citizens whose status changed
there), and `trend_deltas` (day-by-day changes). Each is one SQL GROUP BY.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from itertools import groupby
from operator import itemgetter
from types import ModuleType, SimpleNamespace
from typing import Any

from sqlalchemy import (
    SmallInteger,
    and_,
    case,
    delete,
    func,
    insert,
    literal,
    null,
    or_,
    select,
    true,
    type_coerce,
    union_all,
    update,
)
from sqlmodel import Session

from fieldapp.domain import model as dm
from fieldapp.domain.status import RULES_VERSION, StepState
from fieldapp.domain.status_history import (
    BEFORE_ANY,
    OPEN,
    DayStatus,
    FactTriple,
    Marks,
    Span,
    SpanBuilder,
)
from fieldapp.store import report_queries as q
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked
from fieldapp.store.payments import of_citizens as payment_events
from fieldapp.store.projection_facts import SpanValues, fold_inputs, write_range
from fieldapp.store.sync_queries import bulk_insert, insert_stored, stored_forms
from fieldapp.store.types import CompactUuid

__all__ = ["BEFORE_ANY", "OPEN"]

STORED = t.CitizenStatusSpan.__table__
"""The stored rows: write here; read what holds on a day through `holding_on`."""
BASES = t.CitizenStatusBase.__table__
STATUS_COLUMNS = (
    "eid_application",
    "eid_activation",
    "bank_account",
    "biometric_verified",
    "benefit_link",
    "opened_at_bank",
    "beneficiary_group",
    "payment",
    "has_smartphone",
    "eligible",
    "through_receiver",
    "account_bank",
    "account_on",
)
"""A `DayStatus` as columns, in `_status_values` order (rows and bases alike)."""
PROJECTION_SETTING = "reports.projection"
"""The rules (`RULES_VERSION`) the whole table was last built with."""
SUMMARY_SETTING = "reports.figure_summary"
"""Present while the figures' summary follows this table (`store/figure_summary.py`)."""


def is_current(session: Session) -> bool:
    """Whether the table holds every citizen as the current rules fold them."""
    row = session.get(t.Setting, PROJECTION_SETTING)
    return row is not None and row.value == RULES_VERSION


def mark_current(session: Session) -> None:
    """The whole table was just rebuilt under the current rules."""
    row = session.get(t.Setting, PROJECTION_SETTING)
    if row is None:
        session.add(t.Setting(key=PROJECTION_SETTING, value=RULES_VERSION))
    else:
        row.value = RULES_VERSION
        session.add(row)
    session.flush()
    summary = _summary()
    if not summary.is_whole(session):  # (`rebuild_whole` builds it as it writes)
        summary.rebuild(session)


def _summary() -> ModuleType:
    """`figure_summary` (imported here: it reads this module's tables and marks)."""
    from fieldapp.store import figure_summary

    return figure_summary


def _feed() -> ModuleType:
    """`summary_feed` (imported here: it reads `figure_summary`, which reads this module)."""
    from fieldapp.store import summary_feed

    return summary_feed


def mark_stale(session: Session) -> None:
    """The table must be rebuilt whole before the next figures (a writer that did not keep it)."""
    session.execute(
        delete(t.Setting).where(t.Setting.key.in_((PROJECTION_SETTING, SUMMARY_SETTING)))
    )


# Writing --------------------------------------------------------------------------------------
REFRESH_PART = 20000
"""Citizens folded at a time by `refresh`: memory stays bounded whatever a write touched."""


def refresh(session: Session, personal_ids: Iterable[str]) -> int:
    """Fold these citizens again and replace their rows; how many citizens were folded.

    Their events are read by key (`IN` lists straight to the SQLite driver), a part of
    `REFRESH_PART` citizens at a time: a desk's visit costs a few keyed reads, a list import
    of every citizen of a province holds one part in memory at a time.
    """
    return SpanWriter(session).refold(personal_ids)


class SpanWriter:
    """Writes citizens' spans as projection rows, for one write (one transaction).

    It keeps the fold's memo (`SpanBuilder`), the bases and the rows prepared for shared
    spans across the parts of that write. `refold` reads citizens back and folds them;
    `add_new` takes a citizen the write has just created, from the values it holds (a list
    import: no read-back, no domain objects unless the memo misses).
    """

    def __init__(self, session: Session, *, builds_summary: bool = False) -> None:
        self.session = session
        self.builder = SpanBuilder()
        # the figures' summary is fed from the spans in hand (`summary_feed`): citizens
        # written per shared spans and village, and the old rows a refold deleted
        self._builds_summary = builds_summary  # a whole rebuild: fed though not yet kept
        self._feed: Any = None
        self._counts: dict[tuple[int, object], int] = {}
        self._statuses: dict[tuple[Any, ...], DayStatus] = {}
        self._results: list[Any] | None = None
        self._bases: _Bases | None = None
        self._points: dict[str, uuid.UUID] = {}
        # citizens folded from facts alone share one spans object (the builder's memo), and
        # so their prepared values; the spans are kept in the value so their id stays theirs
        self._shared: dict[int, tuple[object, list[_Prepared]]] = {}
        self._rows: list[tuple[object, ...]] = []
        # on SQLite values are converted to their stored form once per prepared span and
        # per village, and rows go straight to the driver (`insert_stored`)
        self._forms = stored_forms(session, STORED, _ROW)
        self._villages: dict[object, object] = {}

    def refold(self, personal_ids: Iterable[str]) -> int:
        """Fold these citizens again from the store and replace their rows (see `refresh`)."""
        ids = sorted(set(personal_ids))
        if not ids:
            return 0
        session = self.session
        session.flush()
        folded = 0
        kept = self._keeps_summary()
        for part in chunked(ids, REFRESH_PART):
            citizens = q.citizens_for_fold(session, part)
            rows = q.load_report_rows(
                session, None, None, only=part, with_visits=False, with_citizens=False
            )
            visits = q.visits_of(session, part)
            paid = _payments(session, part)
            for keys in chunked(part):
                old = _delete_rows(session, keys, returning=kept)
                if old:  # their old rows' marks come out of the summary with them
                    self._take_out(old)
            self._fold(citizens, rows, visits, paid)
            self.flush()
            folded += len(citizens)
            del citizens, rows, visits, paid
        return folded

    def add_new(
        self,
        personal_id: str,
        village_id: uuid.UUID | None,
        group: dm.BeneficiaryGroup | None,
        has_smartphone: bool | None,
        facts: Sequence[FactTriple],
    ) -> bool:
        """Rows for a citizen this write created, with these facts and no other event.

        False (nothing added) when the fold needs their whole facts: `refold` them instead.
        Rows are sent by `flush`, which the writer calls before its commit.
        """
        spans = self.builder.facts_spans(group, has_smartphone, facts)
        if spans is None:
            return False
        self._add(personal_id, village_id, spans)
        return True

    def flush(self) -> None:
        """Send the rows added so far, in key order (the table's B-tree fills page by page).

        The figures' summary gets what the rows taken out and written change, in the same
        write: a few upserts per flush, worked out from the spans in hand.
        """
        self._rows.sort(key=_ROW_KEY)
        if self._forms is not None:
            insert_stored(self.session, STORED, _ROW, self._rows)
        else:
            bulk_insert(self.session, STORED, [dict(zip(_ROW, r, strict=True)) for r in self._rows])
        if (self._counts or self._feed) and self._keeps_summary():
            self._put_in()
            self._feed.write(self.session)
        elif self._feed is not None:
            self._feed.clear()
        self._rows = []
        self._counts = {}
        self._shared.clear()

    def _put_in(self) -> None:
        """The summary's changes of the rows written: once per distinct spans and village.

        Citizens folded from facts alone share one spans object (the builder's memo); those
        folded in full (events, or facts the memo cannot take) have spans of their own,
        mostly alike: they are grouped by what they hold before their changes are worked out.
        """
        feed, parts_of, shared = self._summary_feed(), _feed().parts_of, self._shared
        alike: dict[tuple[Span, ...], Any] = {}
        citizens: dict[tuple[int, object], tuple[Any, int]] = {}
        for (spans_id, village), count in self._counts.items():
            spans = shared[spans_id][0]
            parts = alike.get(spans)
            if parts is None:
                parts = alike[spans] = parts_of(self._span_marks(spans))
            key = (id(parts), village)
            found = citizens.get(key)
            citizens[key] = (parts, count if found is None else found[1] + count)
        for (_, village), (parts, count) in citizens.items():
            feed.add(village, parts, count)

    def _keeps_summary(self) -> bool:
        """Whether this write keeps the figures' summary (not while a rebuild is pending)."""
        return self._builds_summary or _summary().is_kept(self.session)

    def _summary_feed(self) -> Any:
        if self._feed is None:
            self._feed = _feed().SummaryFeed()
        return self._feed

    def _span_marks(self, spans: tuple[Span, ...]) -> list[Any]:
        """Spans as `summary_feed.SpanMarks`."""
        point_id = self._point_id
        return [
            (s.day_from, s.day_until, point_id(s.point_key), s.visits, s.status.marks)
            for s in spans
        ]

    def _point_id(self, point: str | None) -> uuid.UUID | None:
        """A span's point as a uuid, each point converted once per write."""
        if point is None:
            return None
        found = self._points.get(point)
        if found is None:
            found = self._points[point] = uuid.UUID(point)
        return found

    def _take_out(self, old: Sequence[Any]) -> None:
        """The summary's changes of deleting these rows (`_ROW` order, as the driver gave them).

        Citizens whose rows are alike (a list's citizens) are worked out once, times how many.
        """
        old = sorted(old, key=_ROW_KEY)
        alike: dict[tuple[Any, ...], int] = {}
        for _pid, rows in groupby(old, key=itemgetter(0)):
            key = tuple(row[1:] for row in rows)
            alike[key] = alike.get(key, 0) + 1
        forms = self._results
        if forms is None:
            self._results = forms = _result_forms(self.session, _ROW[1:])
        if self._bases is None:
            self._bases = _Bases(self.session)
        bases, statuses = self._bases.stored, self._statuses
        feed, parts_of = self._summary_feed(), _feed().parts_of
        for key, count in alike.items():
            spans = []
            for raw in key:
                row = _convert(raw, forms)
                status = _status(statuses, tuple(row[5:-1]))
                spans.append((row[0], row[1], row[3], row[4], status.marks))
            code = _convert(key[0], forms)[-1]
            if code is not None:  # the base held before the first row: a span of no point
                base = _status(statuses, bases[code])
                spans.insert(0, (BEFORE_ANY, spans[0][0], None, 0, base.marks))
            feed.add(_convert(key[0], forms)[2], parts_of(spans), -count)

    def _fold(
        self,
        citizens: Sequence[dm.Citizen],
        rows: q.ReportRows,
        visits: dict[str, list[Any]],
        paid: dict[str, list[Any]],
    ) -> None:
        builder = self.builder
        outcome_rows, fact_rows = rows.outcome_rows, rows.fact_rows
        for citizen in citizens:
            pid = citizen.personal_id
            spans = None
            if pid not in outcome_rows and pid not in visits and pid not in paid:
                facts = [(r[2], r[3], r[6]) for r in fact_rows.get(pid, ())]
                spans = builder.facts_spans(
                    citizen.beneficiary_group, citizen.has_smartphone, facts
                )
            if spans is None:
                spans = builder.spans(
                    citizen,
                    rows.outcomes_of(pid),
                    rows.facts_of(pid),
                    visits.get(pid, ()),
                    paid.get(pid, ()),
                )
            self._add(pid, citizen.village_id, spans)

    def _add(self, pid: str, village: uuid.UUID | None, spans: tuple[Span, ...]) -> None:
        counted = (id(spans), village)  # the summary's citizens per shared spans and village
        self._counts[counted] = self._counts.get(counted, 0) + 1
        found = self._shared.get(id(spans))
        prepared = None if found is None else found[1]
        if prepared is None:
            prepared = self._prepare(spans)
            self._shared[id(spans)] = (spans, prepared)
        forms, stored = self._forms, village
        if forms is not None:
            stored = self._villages.get(village, self._villages)
            if stored is self._villages:
                stored = self._villages[village] = _convert((village,), forms[3:4])[0]
        rows = self._rows
        for days, rest in prepared:
            rows.append((pid, *days, stored, *rest))

    def count_facts(
        self,
        group: dm.BeneficiaryGroup | None,
        has_smartphone: bool | None,
        facts: Sequence[FactTriple],
        village: uuid.UUID | None,
        count: int,
    ) -> None:
        """`count` citizens of a village with these facts and no other event, written by SQL.

        Their rows are not in hand, only their input: what they add to the figures'
        summary goes with the next `flush` (the fold's memo gives their spans again).
        """
        spans = self.builder.facts_spans(group, has_smartphone, facts)
        if spans is None:
            raise ValueError("these facts need the whole fold: not written set-based")
        if id(spans) not in self._shared:  # kept alive (and prepared) until the flush
            self._shared[id(spans)] = (spans, self._prepare(spans))
        counted = (id(spans), village)
        self._counts[counted] = self._counts.get(counted, 0) + count

    def facts_rows(
        self,
        group: dm.BeneficiaryGroup | None,
        has_smartphone: bool | None,
        facts: Sequence[FactTriple],
    ) -> list[SpanValues] | None:
        """The rows but personal ID and village of a citizen with these facts and no other event.

        As Python values (`SPAN_COLUMNS` order), for a set-based writer
        (`projection_facts`); None when the fold needs their whole facts.
        """
        spans = self.builder.facts_spans(group, has_smartphone, facts)
        if spans is None:
            return None
        return [(*days, *rest) for days, rest in self._values(spans)]

    def _prepare(self, spans: tuple[Span, ...]) -> list[_Prepared]:
        """The rows' values but personal ID and village (`_ROW` order), for these spans."""
        forms = self._forms
        if forms is None:
            return self._values(spans)
        return [
            (_convert(days, forms[1:3]), _convert(rest, forms[4:]))
            for days, rest in self._values(spans)
        ]

    def _values(self, spans: tuple[Span, ...]) -> list[_Prepared]:
        """`_prepare`'s values as Python values (the first span may be a base's code)."""
        if self._bases is None:
            self._bases = _Bases(self.session)
        prepared: list[_Prepared] = []
        code = self._bases.code_for(spans)
        for i, span in enumerate(spans[1:] if code is not None else spans):
            days: tuple[object, ...] = (span.day_from, span.day_until)
            rest: tuple[object, ...] = (
                self._point_id(span.point_key),
                span.visits,
                *_status_values(span.status),
                code if i == 0 else None,
            )
            prepared.append((days, rest))
        return prepared


_ROW_KEY = itemgetter(0, 1)  # personal_id, day_from: the table's primary key
_Prepared = tuple[tuple[object, ...], tuple[object, ...]]
"""A span's row values: (day_from, day_until), then point_id ... base (`_ROW` order)."""


def _result_forms(session: Session, names: Sequence[str]) -> list[Any]:
    """Each column's conversion from what the driver returned (None: as it is).

    SQLite rows read through `exec_driver_sql` hold stored forms (day numbers, 16 bytes);
    PostgreSQL's come through SQLAlchemy, converted already.
    """
    connection = session.connection()
    dialect = connection.dialect
    if dialect.name != "sqlite":
        return [None] * len(names)
    return [
        STORED.c[name].type.dialect_impl(dialect).result_processor(dialect, None) for name in names
    ]


def _convert(values: tuple[object, ...], forms: Sequence[Any]) -> tuple[object, ...]:
    return tuple(v if f is None else f(v) for v, f in zip(values, forms, strict=True))


_DELETE_SOME = "DELETE FROM citizen_status WHERE personal_id IN"


def _delete_rows(session: Session, keys: Sequence[str], *, returning: bool) -> list[Any]:
    """Delete these citizens' rows; with `returning`, the rows deleted (values as stored)."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":  # no per-key work in SQLAlchemy
        marks = ", ".join("?" * len(keys))
        sql = f"{_DELETE_SOME} ({marks})" + (f" RETURNING {', '.join(_ROW)}" if returning else "")
        found = connection.exec_driver_sql(sql, tuple(keys))
    else:
        stmt = delete(STORED).where(STORED.c.personal_id.in_(keys))
        found = connection.execute(stmt.returning(*STORED.c) if returning else stmt)
    return list(found) if returning else []


def rebuild_range(
    session: Session, after: str | None, size: int, *, prepared: bool = False
) -> tuple[str | None, int]:
    """Rebuild the rows of the next `size` citizens after a personal ID (None: the first).

    Returns the last personal ID done (None when there was nobody left) and how many.
    Rows of IDs in the range that are no longer citizens go too. Citizens known from lists
    alone are written set-based (`projection_facts`: one fold per distinct input), the
    others folded in full from their events (`SpanWriter.refold`). `prepared`: inside
    `rebuild_whole`, whose inputs cover every citizen.
    """
    c = t.Citizen.__table__.c
    later = [] if after is None else [c.personal_id > after]
    connection = session.connection()
    # the range's last ID, not its IDs: nothing per citizen comes back to Python
    stmt = select(c.personal_id).where(*later).order_by(c.personal_id).offset(size - 1)
    upto = connection.execute(stmt.limit(1)).scalar()
    if upto is None:  # the last range reaches the end
        stmt = select(func.count(), func.max(c.personal_id)).where(*later)
        count, last = connection.execute(stmt).one()
    else:
        count, last = size, upto
    summary = _summary()
    kept = not prepared and summary.is_kept(session)
    if kept:  # a rebuild of a current table: the rows' marks go too
        summary.take_out_range(session, after, upto)
    if not prepared:  # (`rebuild_whole` emptied the table)
        gone = delete(STORED)
        if after is not None:
            gone = gone.where(STORED.c.personal_id > after)
        if upto is not None:
            gone = gone.where(STORED.c.personal_id <= upto)
        session.connection().execute(gone)
    writer = SpanWriter(session, builds_summary=prepared)  # the whole rebuild's: fed as written
    if prepared:
        others = write_range(session, after, upto)
    else:
        with fold_inputs(session, writer.facts_rows, after, upto):
            others = write_range(session, after, upto)
    if kept:  # the rows written set-based (the others are not written yet)
        summary.put_in_range(session, after, upto)
    writer.refold(others)
    return last, count


@contextmanager
def rebuild_whole(session: Session, *, writes_first: bool = False) -> Iterator[None]:
    """Inside: an empty table, and every citizen's fold input read for `rebuild_range`.

    Reading every citizen's facts in one pass costs half what range by range does (see
    `projection_facts`); the price is one transaction for the whole rebuild. Its reading
    (about half its time at scale) comes before its first write, so other writers wait only
    for the writing: on SQLite the write lock is taken at the first write, and if another
    writer committed since this transaction began reading, that write fails (`read_went_stale`)
    and the rebuild must run again, `writes_first` (taking the lock before it reads, as it
    always does on PostgreSQL). The figures' summary is built as the rows are: the citizens
    written set-based from their inputs' spans times how many per village, the others by
    `rebuild_range`'s writers; whole when the block ends without an error.
    """
    summary = _summary()
    # PostgreSQL refuses no stale write (each statement reads what is committed when it
    # starts): its rows are locked first, so a seat writing a citizen waits for the rebuild
    writes_first = writes_first or session.connection().dialect.name != "sqlite"

    def empty() -> None:
        summary.forget(session)  # (a write: SQLite's write lock from here on)
        summary.empty(session)
        session.connection().execute(delete(STORED))

    if writes_first:
        empty()
    writer = SpanWriter(session, builds_summary=True)
    with fold_inputs(session, writer.facts_rows, counted=writer.count_facts):
        if not writes_first:
            empty()
        writer.flush()  # what the set-based citizens add to the summary
        yield
    summary.mark_whole(session)


SQLITE_BUSY = 5
"""SQLite's primary result code for "database is locked" (its extended codes share it)."""


def read_went_stale(error: BaseException) -> bool:
    """Whether a write failed for another writer's lock or commit: run the transaction again.

    SQLite refuses the first write of a transaction whose reading began before another
    writer committed (busy snapshot), or after waiting out the busy timeout (busy).
    """
    found = getattr(error, "orig", error)
    code = getattr(found, "sqlite_errorcode", None)  # Python 3.11's sqlite3; not SQLCipher's
    if code is None:
        return "database is locked" in str(found)
    return code & 0xFF == SQLITE_BUSY


def _payments(session: Session, ids: Sequence[str]) -> dict[str, list[Any]]:
    """The payment events of those of these citizens who have any (few have)."""
    who = q.with_payment_events(session, ids)
    return payment_events(session, who) if who else {}


def count_citizens(session: Session) -> int:
    """How many citizens a whole rebuild folds."""
    return session.execute(select(func.count()).select_from(t.Citizen)).scalar_one()


def _status_values(s: DayStatus) -> tuple[object, ...]:
    """A status as the values of `STATUS_COLUMNS`."""
    return (
        int(s.eid_application),
        int(s.eid_activation),
        int(s.bank_account),
        int(s.biometric_verified),
        int(s.benefit_link),
        s.opened_at_bank,
        None if s.group is None else s.group.value,
        s.payment,
        s.has_smartphone,
        s.eligible,
        s.through_receiver,
        s.account_bank,
        s.account_on,
    )


_BASE_GROUPS: tuple[dm.BeneficiaryGroup | None, ...] = (None, *dm.BeneficiaryGroup)
_BASE_PHONES = (None, False, True)


class _Bases:
    """The statuses before any event (`citizen_status_base`), found or made as rows are written.

    A base's code is its group and smartphone (all the fold reads before any event, which is
    why `SpanBuilder` shares them); its columns are the fold's own output, refreshed when
    the rules changed. Should two statuses of one write ever share a code, the second
    citizen keeps their first span as a row (correct, only bigger).
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.connection = session.connection()
        columns = [BASES.c[name] for name in STATUS_COLUMNS]
        self.stored = {
            row[0]: tuple(row[1:])
            for row in self.connection.execute(select(BASES.c.code, *columns))
        }
        self.settled: set[int] = set()  # codes written or checked in this write

    def code_for(self, spans: Sequence[Span]) -> int | None:
        """The base that stands for the first span, when it need not be a row of its own."""
        first = spans[0]
        if len(spans) < 2 or first.day_from != BEFORE_ANY or first.visits or first.point_key:
            return None
        status = first.status
        if status.group not in _BASE_GROUPS or status.has_smartphone not in _BASE_PHONES:
            return None
        code = _BASE_GROUPS.index(status.group) * 3 + _BASE_PHONES.index(status.has_smartphone)
        values = _status_values(status)
        found = self.stored.get(code)
        if found == values:
            self.settled.add(code)
            return code
        if code in self.settled:
            return None  # another status took this code in this write: keep the row
        named = dict(zip(STATUS_COLUMNS, values, strict=True))
        if found is None:
            self.connection.execute(insert(BASES).values(code=code, **named))
        else:  # written under other rules: citizens named it, the summary must be made again
            self.connection.execute(update(BASES).where(BASES.c.code == code).values(**named))
            _summary().forget(self.session)
        self.stored[code] = values
        self.settled.add(code)
        return code


_ROW = tuple(c.name for c in STORED.columns)
"""A written row's columns, in the table's order: personal_id, day_from, day_until,
village_id, point_id, visits, `STATUS_COLUMNS`, base."""
_COLUMNS = (
    "personal_id",
    "village_id",
    "day_from",
    "day_until",
    "point_id",
    "visits",
    *STATUS_COLUMNS,
    "base",
)


def spans_by_citizen(
    session: Session,
) -> Iterator[tuple[str, str | None, str | None, bool | None, list[Span]]]:
    """Every citizen's spans, oldest first, with their village key, group and smartphone."""
    s, c = STORED, t.Citizen.__table__
    columns = [BASES.c[name] for name in STATUS_COLUMNS]
    bases = {
        row[0]: tuple(row[1:])
        for row in session.connection().execute(select(BASES.c.code, *columns))
    }
    stmt = (
        select(c.c.beneficiary_group, c.c.has_smartphone, *(s.c[name] for name in _COLUMNS))
        .join(c, c.c.personal_id == s.c.personal_id)
        .order_by(s.c.personal_id, s.c.day_from)
    )
    statuses: dict[tuple[Any, ...], DayStatus] = {}
    current: str | None = None
    head: tuple[str | None, str | None, bool | None] = (None, None, None)
    spans: list[Span] = []
    for row in session.connection().execute(stmt):
        group, smartphone, pid, village, day_from, day_until, point, visits = row[:8]
        if pid != current:
            if current is not None:
                yield (current, *head, spans)
            current, head, spans = pid, (_key(village), group, smartphone), []
        base = row[-1]
        if base is not None:  # the span before any event, kept once for many citizens
            before = _status(statuses, bases[base])
            spans.append(Span(BEFORE_ANY, _day(day_from), before, 0, None))
        status = _status(statuses, tuple(row[8:-1]))
        spans.append(Span(_day(day_from), _day(day_until), status, visits, _key(point)))
    if current is not None:
        yield (current, *head, spans)


def _status(statuses: dict[tuple[Any, ...], DayStatus], values: tuple[Any, ...]) -> DayStatus:
    """The `DayStatus` of `STATUS_COLUMNS` values (one object per distinct status)."""
    status = statuses.get(values)
    if status is None:
        states = [StepState(v) for v in values[:5]]
        opened, group_value, payment, phone, eligible, via, account_bank, on = values[5:]
        status = statuses[values] = DayStatus(
            *states,
            opened,
            None if group_value is None else _GROUPS.get(group_value),
            payment,
            None if phone is None else bool(phone),
            bool(eligible),
            bool(via),
            account_bank,
            None if on is None else _day(on),
        )
    return status


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


# Reading: the figures ------------------------------------------------------------------------
def holds_on(spans: Any, day: date) -> Any:
    """The condition that picks, per citizen, the stored row that holds at the end of a day.

    Alone it misses the citizens whose status that day is a base (see the module's
    docstring): read what holds on a day through `holding_on`.
    """
    return and_(spans.c.day_from <= day, spans.c.day_until > day)


def holding_on(day: date, name: str = "holding") -> Any:
    """Every citizen's status at the end of a day, one row each, as a subquery.

    Columns: personal_id, village_id, point_id, visits (on that row's first day) and
    `STATUS_COLUMNS`: the stored row holding that day, or the citizen's base when their
    first stored row starts later.
    """
    s = STORED
    stored = select(
        s.c.personal_id, s.c.village_id, s.c.point_id, s.c.visits, *_status_of(s)
    ).where(holds_on(s, day))
    before = (
        select(
            s.c.personal_id,
            s.c.village_id,
            type_coerce(null(), CompactUuid()).label("point_id"),
            literal(0, SmallInteger()).label("visits"),
            *_status_of(BASES),
        )
        .select_from(s.join(BASES, BASES.c.code == s.c.base))
        .where(s.c.day_from > day)
    )
    return union_all(stored, before).subquery(name)


def _status_of(table: Any) -> list[Any]:
    return [table.c[name] for name in STATUS_COLUMNS]


class _Columns(dict[str, Any]):
    """Columns by name, as `table.c` gives them (`c.name` or `c["name"]`)."""

    def __getattr__(self, name: str) -> Any:
        try:
            return self[name]
        except KeyError as error:
            raise AttributeError(name) from error


def either_status(row: Any, base: Any) -> Any:
    """A status's columns (`.c`): a stored row's or, where none was joined, a base's.

    Exactly one of them is joined for a citizen: the stored row holding a day, or the base
    their first stored row names when it starts after that day.
    """
    return SimpleNamespace(
        c=_Columns({name: func.coalesce(row.c[name], base.c[name]) for name in STATUS_COLUMNS})
    )


def _flag(condition: Any) -> Any:
    return case((condition, 1), else_=0)


FLAGS = 7
"""How many of `_marks_columns` are 0/1 flags (the rest may be NULL)."""


def _marks_columns(s: Any) -> list[Any]:
    """The marks of a span as SQL: seven flags, then the opened bank, group and payment."""
    done, submitted = int(StepState.DONE), int(StepState.SUBMITTED)
    return [
        _flag(s.c.eid_application == done),
        _flag(s.c.eid_activation == done),
        _flag(s.c.benefit_link == submitted),
        _flag(s.c.benefit_link == done),
        _flag(s.c.bank_account == done),
        _flag(s.c.has_smartphone.is_(true())),
        _flag(s.c.eligible.is_(true())),
        s.c.opened_at_bank,
        s.c.beneficiary_group,
        s.c.payment,
    ]


_GROUPS = {g.value: g for g in dm.BeneficiaryGroup}


def _marks(values: Sequence[Any]) -> Marks:
    level2, activated, waiting, approved, bank, phone, eligible, opened, group, payment = values
    return Marks(
        bool(level2),
        bool(activated),
        bool(waiting),
        bool(approved),
        bool(bank),
        opened,
        None if group is None else _GROUPS.get(group),
        payment,
        bool(phone),
        bool(eligible),
    )


def _key(value: object) -> str | None:
    if value is None:
        return None
    return str(value if isinstance(value, uuid.UUID) else uuid.UUID(str(value)))


@dataclass(frozen=True, slots=True)
class Cell:
    """Citizens who share a village, a point (of their last visit) and their marks at a day."""

    village_key: str | None
    point_key: str | None
    marks: Marks
    count: int


@dataclass(frozen=True, slots=True)
class NewCell:
    """Citizens whose status changed in a period, counted by where they are and what changed.

    `visited`: whether they had a visit in the period; `visits`: how many, all of them.
    """

    village_key: str | None
    point_key: str | None
    before: Marks
    after: Marks
    visited: bool
    count: int
    visits: int


def cumulative_cells(session: Session, day: date) -> list[Cell]:
    """Every citizen at the end of a day, counted by village, point and marks."""
    s = holding_on(day)
    marks = _marks_columns(s)
    stmt = select(s.c.village_id, s.c.point_id, *marks, func.count()).group_by(
        s.c.village_id, s.c.point_id, *marks
    )
    interned: dict[tuple[Any, ...], Marks] = {}
    cells = []
    for row in session.connection().execute(stmt):
        values = tuple(row[2:12])
        found = interned.get(values)
        if found is None:
            found = interned[values] = _marks(values)
        cells.append(Cell(_key(row[0]), _key(row[1]), found, row[12]))
    return cells


@dataclass(frozen=True, slots=True)
class Changed:
    """The citizens with a span starting inside a period, as SQL to select from.

    `now`: their row holding the period's last day; `before`: their status the day before
    it (`either_status`); `visits`: how many visits they had in it (NULL when none);
    `joined` and `where`: the FROM and WHERE that pick them.
    """

    now: Any
    before: Any
    visits: Any
    joined: Any
    where: Any


def changed_in(first: date, last: date) -> Changed:
    """`Changed` for [first, last] (`new_cells`, `figure_sums.new_sums`)."""
    e, b, f, z = STORED.alias("e"), STORED.alias("b"), STORED.alias("f"), BASES.alias("z")
    s = STORED
    day_before = first - timedelta(days=1)
    changed = select(s.c.personal_id).where(s.c.day_from.between(first, last))
    seen = (
        select(s.c.personal_id.label("pid"), func.sum(s.c.visits).label("n"))
        .where(s.c.day_from.between(first, last), s.c.visits > 0)
        .group_by(s.c.personal_id)
        .subquery()
    )
    # the day before: the stored row holding it, or the base named by a first row after it
    joined = (
        e.outerjoin(b, and_(b.c.personal_id == e.c.personal_id, holds_on(b, day_before)))
        .outerjoin(
            f,
            and_(
                f.c.personal_id == e.c.personal_id,
                f.c.base.is_not(None),
                f.c.day_from > day_before,
            ),
        )
        .outerjoin(z, z.c.code == f.c.base)
        .outerjoin(seen, seen.c.pid == e.c.personal_id)
    )
    where = and_(holds_on(e, last), e.c.personal_id.in_(changed))
    return Changed(e, either_status(b, z), seen.c.n, joined, where)


def new_cells(session: Session, first: date, last: date) -> list[NewCell]:
    """The citizens with a span starting inside [first, last]: marks before and at the end."""
    found = changed_in(first, last)
    e = found.now
    after, before = _marks_columns(e), _marks_columns(found.before)[: FLAGS + 1]
    visited = _flag(found.visits > 0)
    stmt = (
        select(
            e.c.village_id,
            e.c.point_id,
            *after,
            *before,
            visited,
            func.count(),
            func.coalesce(func.sum(found.visits), 0),
        )
        .select_from(found.joined)
        .where(found.where)
        .group_by(e.c.village_id, e.c.point_id, *after, *before, visited)
    )
    interned: dict[tuple[Any, ...], Marks] = {}

    def marks(values: tuple[Any, ...]) -> Marks:
        found = interned.get(values)
        if found is None:
            found = interned[values] = _marks(values)
        return found

    cells = []
    for row in session.connection().execute(stmt):
        after_marks = marks(tuple(row[2:12]))
        before_marks = marks((*row[12:20], None, None))
        cells.append(
            NewCell(
                _key(row[0]),
                _key(row[1]),
                before_marks,
                after_marks,
                bool(row[20]),
                row[21],
                int(row[22]),
            )
        )
    return cells


TREND_FIGURES = ("level2", "activated", "linked", "link_approved", "opened")


def marks_differ(now: Any, then: Any) -> Any:
    """The condition that two statuses' marks differ (group and payment too)."""
    marks_now, marks_then = _marks_columns(now), _marks_columns(then)
    return or_(
        *(a != b for a, b in zip(marks_now[:FLAGS], marks_then[:FLAGS], strict=True)),
        *(
            a.is_distinct_from(b)
            for a, b in zip(marks_now[FLAGS:], marks_then[FLAGS:], strict=True)
        ),
    )


def trend_deltas(session: Session, first: date, last: date) -> dict[date, tuple[int, ...]]:
    """Per day inside [first, last]: the change of each TREND_FIGURES count, then a count.

    The last value is how many citizens' marks changed that day (group and payment too).
    """
    e, p, z = STORED.alias("e"), STORED.alias("p"), BASES.alias("z")
    done, submitted = int(StepState.DONE), int(StepState.SUBMITTED)

    def vector(s: Any) -> list[Any]:
        return [
            _flag(s.c.eid_application == done),
            _flag(s.c.eid_activation == done),
            _flag(s.c.benefit_link.in_((submitted, done))),
            _flag(s.c.benefit_link == done),
            _flag(s.c.opened_at_bank.is_not(None)),
        ]

    previous = either_status(p, z)  # the row before, or the base a first row names
    now, then = vector(e), vector(previous)
    differs = marks_differ(e, previous)
    stmt = (
        select(
            e.c.day_from,
            *(func.sum(a - b) for a, b in zip(now, then, strict=True)),
            func.sum(_flag(differs)),
        )
        .select_from(
            e.outerjoin(
                p, and_(p.c.personal_id == e.c.personal_id, p.c.day_until == e.c.day_from)
            ).outerjoin(z, z.c.code == e.c.base)
        )
        .where(
            e.c.day_from.between(first, last),
            or_(p.c.day_until.is_not(None), e.c.base.is_not(None)),
        )
        .group_by(e.c.day_from)
    )
    found: dict[date, tuple[int, ...]] = {}
    for row in session.connection().execute(stmt):
        found[_day(row[0])] = tuple(int(v or 0) for v in row[1:])
    return found


__all__ += [
    "Cell",
    "Changed",
    "NewCell",
    "changed_in",
    "cumulative_cells",
    "either_status",
    "holding_on",
    "holds_on",
    "is_current",
    "marks_differ",
    "new_cells",
    "read_went_stale",
    "rebuild_range",
    "rebuild_whole",
    "refresh",
    "trend_deltas",
]

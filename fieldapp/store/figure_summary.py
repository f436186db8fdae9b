"""The figures' summary: per cell and day, how the counts change (issue 17, figures at 2.7 M).

A report's cumulative figures were GROUP BYs over every citizen's projection row holding the
day: 4.6 s of CPU at 2.7 M citizens for 25 cells. Table `figure_delta` (`tables.FigureDelta`)
keeps, per day and cell (village, point, group, opened bank, payment class), the change of
the citizen count and of each counted mark: a span adds its marks to its cell on its first
day and takes them away on the day after its last; a citizen whose first row names a base
(`citizen_status_base`) adds the base's marks on 0001-01-01 and takes them away on that
row's day. What holds at the end of a day D is then the sum of the rows dated D or before
(`cumulative_sums`), and the trend line's day-by-day changes are the rows of each day
(`trend_sums`): both cost what the cells and days cost, not what the citizens cost.

Kept in the transaction of the projection rows it derives from: `SpanWriter` works out what
the rows it deletes and writes take out and put in from the spans it holds
(`summary_feed`: no read-back), merged per cell and day and added by an upsert
(`add_changes`) at each flush; a range rebuild of a current table takes its range out and
puts it in by SQL (`take_out_range`, `put_in_range`). While the projection is not current
(a rebuild is pending) nothing is kept; a whole rebuild feeds the summary as it writes
(`status_projection.rebuild_whole`), and a store whose summary was never built (the
migration) gets it at the first figures (`rebuild`, from `reports.compute_figures`).
Setting `SUMMARY_SETTING` says the summary is whole.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from sqlalchemy import and_, case, delete, func, literal, select, text, true
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session

from fieldapp.store import status_projection as sp
from fieldapp.store import tables as t
from fieldapp.store.figure_sums import COUNTED, Sums, _untyped, flags_of, new_sums
from fieldapp.store.types import CompactUuid, DayNumber, as_uuid

TABLE = t.FigureDelta.__table__
REACH = t.FigureReach.__table__
SUMMARY_SETTING = "reports.figure_summary"
"""Present when the summary holds exactly the projection's rows (its value: the layout)."""
LAYOUT = "2"
"""1: `figure_delta`; 2: and `figure_reach` (a store at 1 is built again)."""
NIL = uuid.UUID(int=0)
"""A cell's "no village" / "no point" (a primary key column cannot be NULL)."""
KEYS = ("day", "village_id", "point_id", "beneficiary_group", "opened_at_bank", "payment")
VALUES = ("citizens", *COUNTED, "changed")
REACH_KEYS = ("day", "until", "prev_from", *KEYS[1:5])
REACH_VALUES = ("citizens", *COUNTED, "visited", "visits")
_SETTINGS = t.Setting.__table__

Key = tuple[Any, ...]
Changes = dict[Key, list[int]]
"""Values by key, in `VALUES` (or `REACH_VALUES`) order."""


# Whether it is kept ---------------------------------------------------------------------------
def is_kept(session: Session) -> bool:
    """Whether the summary holds the projection's rows now (both whole, current rules)."""
    stmt = select(_SETTINGS.c.key, _SETTINGS.c.value).where(
        _SETTINGS.c.key.in_((SUMMARY_SETTING, sp.PROJECTION_SETTING))
    )
    found = {key: value for key, value in session.connection().execute(stmt)}
    current = found.get(sp.PROJECTION_SETTING) == sp.RULES_VERSION  # (tests change it)
    return current and found.get(SUMMARY_SETTING) == LAYOUT


def needs_build(session: Session) -> bool:
    """The projection is current but the summary was never built from it (a new table)."""
    return sp.is_current(session) and not is_kept(session)


def is_whole(session: Session) -> bool:
    """Whether the summary holds exactly the projection's rows (whatever rules made them)."""
    found = session.connection().execute(
        select(_SETTINGS.c.value).where(_SETTINGS.c.key == SUMMARY_SETTING)
    )
    return found.scalar() == LAYOUT


def empty(session: Session) -> None:
    """No row in the summary (a whole rebuild feeds it from nothing: `mark_whole` after)."""
    connection = session.connection()
    connection.execute(delete(TABLE))
    connection.execute(delete(REACH))


def mark_whole(session: Session) -> None:
    """The summary holds the projection's rows again (built as a whole rebuild wrote them)."""
    forget(session)
    session.connection().execute(_SETTINGS.insert().values(key=SUMMARY_SETTING, value=LAYOUT))


def forget(session: Session) -> None:
    """The summary no longer follows the projection: rebuilt whole before it is read again."""
    session.connection().execute(delete(_SETTINGS).where(_SETTINGS.c.key == SUMMARY_SETTING))


def rebuild(session: Session) -> int:
    """Make the summary again from every projection row; how many rows it has."""
    connection = session.connection()
    empty(session)
    deltas, reached = _changes(session, None)
    count = 0
    for table, changes in ((TABLE, deltas), (REACH, reached)):
        rows = [_row(table, key, values) for key, values in changes.items() if any(values)]
        if rows:
            connection.execute(table.insert(), rows)
        count += len(rows)
    mark_whole(session)
    return count


# Keeping it -----------------------------------------------------------------------------------
def take_out_range(session: Session, after: str | None, upto: str | None) -> None:
    """Before the rows of the citizens in (after, upto] are deleted (None: open): their marks out.

    A range rebuild of a current table (`status_projection.rebuild_range`) deletes the
    range's rows by SQL without holding them; other writers feed `summary_feed` instead.
    """
    add_changes(session, _changes(session, _inside(after, upto)), -1)


def put_in_range(session: Session, after: str | None, upto: str | None) -> None:
    """After the rows of the citizens in (after, upto] are written by SQL: their marks in."""
    add_changes(session, _changes(session, _inside(after, upto)), 1)


def _inside(after: str | None, upto: str | None) -> Callable[[Any], Any]:
    def inside(s: Any) -> Any:
        conditions = [true()]  # and_() of nothing is deprecated: no bound is "every citizen"
        if after is not None:
            conditions.append(s.c.personal_id > after)
        if upto is not None:
            conditions.append(s.c.personal_id <= upto)
        return and_(*conditions)

    return inside


def add_changes(session: Session, both: tuple[Changes, Changes], sign: int) -> None:
    """Add the changes (times `sign`) to the summary's rows, creating the rows it lacks."""
    connection = session.connection()
    dialect = sqlite if connection.dialect.name == "sqlite" else postgresql
    for table, changes in zip((TABLE, REACH), both, strict=True):
        rows = [
            _row(table, key, [sign * v for v in values])
            for key, values in changes.items()
            if any(values)
        ]
        if not rows:
            continue
        keys, values = _LAYOUT[table.name]
        stmt = dialect.insert(table)
        stmt = stmt.on_conflict_do_update(
            index_elements=list(keys),
            set_={name: table.c[name] + stmt.excluded[name] for name in values},
        )
        connection.execute(stmt, rows)


_LAYOUT = {TABLE.name: (KEYS, VALUES), REACH.name: (REACH_KEYS, REACH_VALUES)}


def _row(table: Any, key: Key, values: list[int]) -> dict[str, Any]:
    keys, names = _LAYOUT[table.name]
    return {**dict(zip(keys, key, strict=True)), **dict(zip(names, values, strict=True))}


# The changes of some citizens' rows -----------------------------------------------------------
def _changes(session: Session, which: Callable[[Any], Any] | None) -> tuple[Changes, Changes]:
    """What the rows of the citizens `which` picks add to each table's rows, merged.

    `figure_delta`, three GROUP BYs: each row's marks from its first day (with whether they
    differ from the citizen's status the day before), each row's marks taken away on the day
    after its last, and the bases named by first rows (added from the start, taken away on
    that row's day). `figure_reach`: one (`_reached`).
    """
    e, p, z = sp.STORED.alias("e"), sp.STORED.alias("p"), sp.BASES.alias("z")
    connection = session.connection()
    changes: Changes = {}

    def put(key: Key, values: Iterable[int], sign: int) -> None:
        merge(changes, key, values, sign, len(VALUES))

    def where(s: Any, *more: Any) -> Any:
        return and_(true(), *(() if which is None else (which(s),)), *more)

    # each row from its first day, and whether it differs from the status the day before
    previous = sp.either_status(p, z)
    differs = case(
        (
            and_(
                (p.c.day_until.is_not(None)) | (e.c.base.is_not(None)),
                sp.marks_differ(e, previous),
            ),
            1,
        ),
        else_=0,
    )
    starts = (
        select(e.c.day_from, *_cell(e), func.count(), *_summed(e), func.sum(differs))
        .select_from(
            e.outerjoin(
                p, and_(p.c.personal_id == e.c.personal_id, p.c.day_until == e.c.day_from)
            ).outerjoin(z, z.c.code == e.c.base)
        )
        .where(where(e))
        .group_by(e.c.day_from, *_grouped(e))
    )
    for row in connection.execute(starts):
        put((row[0], *row[1:6]), row[6:], 1)
    # each row taken away on the day after its last (an open row never is)
    s = sp.STORED
    ends = (
        select(s.c.day_until, *_cell(s), func.count(), *_summed(s))
        .where(where(s, s.c.day_until < sp.OPEN))
        .group_by(s.c.day_until, *_grouped(s))
    )
    for row in connection.execute(ends):
        put((row[0], *row[1:6]), row[6:], -1)
    # the bases: from the start until the first row's day
    based = (
        select(s.c.day_from, _uuid_key(s.c.village_id), s.c.base, func.count())
        .where(where(s, s.c.base.is_not(None)))
        .group_by(s.c.day_from, s.c.village_id, s.c.base)
    )
    bases: dict[int, tuple[Key, list[int]]] | None = None
    for day, village, code, count in connection.execute(based):
        if bases is None:
            bases = _bases(session)
        rest, marks = bases[code]
        values = [count, *(count * m for m in marks), 0]
        put((sp.BEFORE_ANY, village, NIL, *rest), values, 1)
        put((day, village, NIL, *rest), values, -1)
    return changes, _reached(session, where)


def merge(changes: Changes, key: Key, values: Iterable[int], sign: int, size: int) -> None:
    """Add `values` times `sign` to the changes of a row (`size` values; made when missing)."""
    found = changes.get(key)
    if found is None:
        found = changes[key] = [0] * size
    for i, v in enumerate(values):
        found[i] += sign * int(v or 0)


def _reached(session: Session, where: Callable[..., Any]) -> Changes:
    """`figure_reach`'s rows for the rows `where` picks: each span against the one before."""
    e, p, z = sp.STORED.alias("e"), sp.STORED.alias("p"), sp.BASES.alias("z")
    previous = sp.either_status(p, z)
    reached = [
        func.sum(now * (1 - then))
        for now, then in zip(flags_of(e), flags_of(previous), strict=True)
    ]
    bank = case(
        (previous.c.opened_at_bank.is_(None), func.coalesce(e.c.opened_at_bank, "")), else_=""
    )
    prev_from = func.coalesce(p.c.day_from, literal(sp.BEFORE_ANY, DayNumber()), type_=DayNumber())
    stmt = (
        select(
            e.c.day_from,
            e.c.day_until,
            prev_from,
            _uuid_key(e.c.village_id),
            _uuid_key(e.c.point_id),
            func.coalesce(e.c.beneficiary_group, ""),
            bank,
            func.count(),
            *reached,
            func.sum(case((e.c.visits > 0, 1), else_=0)),
            func.sum(e.c.visits),
        )
        .select_from(
            e.outerjoin(
                p, and_(p.c.personal_id == e.c.personal_id, p.c.day_until == e.c.day_from)
            ).outerjoin(z, z.c.code == e.c.base)
        )
        .where(where(e, e.c.day_from > sp.BEFORE_ANY))  # a span that began after another
        .group_by(
            e.c.day_from,
            e.c.day_until,
            p.c.day_from,
            *_grouped(e)[:3],
            e.c.opened_at_bank,
            p.c.opened_at_bank,
            z.c.opened_at_bank,
        )
    )
    changes: Changes = {}
    for row in session.connection().execute(stmt):
        merge(changes, tuple(row[:7]), row[7:], 1, len(REACH_VALUES))
    return changes


def _bases(session: Session) -> dict[int, tuple[Key, list[int]]]:
    """Each base's group, bank and payment keys, and its counted marks as 0/1."""
    z = sp.BASES
    stmt = select(z.c.code, *_text_cell(z), *flags_of(z))
    return {
        row[0]: (tuple(row[1:4]), [int(v) for v in row[4:]])
        for row in session.connection().execute(stmt)
    }


def _uuid_key(column: Any) -> Any:
    return func.coalesce(column, literal(NIL, CompactUuid()), type_=CompactUuid())


def _cell(s: Any) -> list[Any]:
    """A status's cell as key columns: village, point, group, opened bank, payment.

    Grouped by the plain columns (`_grouped`): PostgreSQL takes an expression of grouped
    columns, not a second copy of the expression with its own bound nil.
    """
    return [
        *(_uuid_key(s.c[name]) for name in ("village_id", "point_id")),
        *_text_cell(s),
    ]


def _text_cell(s: Any) -> list[Any]:
    return [func.coalesce(s.c[name], "") for name in _TEXT_KEYS]


_TEXT_KEYS = ("beneficiary_group", "opened_at_bank", "payment")


def _grouped(s: Any) -> list[Any]:
    return [s.c[name] for name in ("village_id", "point_id", *_TEXT_KEYS)]


def _summed(s: Any) -> list[Any]:
    return [func.sum(f) for f in flags_of(s)]


# Reading --------------------------------------------------------------------------------------
def cumulative_sums(session: Session, day: date) -> list[Sums]:
    """`figure_sums.cumulative_sums` from the summary: the rows dated `day` or before."""
    f = TABLE
    ids = (_untyped(f.c.village_id), _untyped(f.c.point_id))  # `_Keys` makes each text once
    cell = (*ids, f.c.beneficiary_group, f.c.opened_at_bank, f.c.payment)
    total = func.sum(f.c.citizens)
    stmt = (
        select(*cell, total, *(func.sum(f.c[name]) for name in COUNTED))
        .where(f.c.day <= day)
        .group_by(*cell)
        .having(total != 0)
    )
    keys = _Keys()
    return [
        Sums(
            keys(r[0]),
            keys(r[1]),
            r[2] or None,
            r[3] or None,
            r[4] or None,
            int(r[5]),
            tuple(map(int, r[6:])),
        )
        for r in session.connection().execute(stmt)
    ]


def reached_sums(session: Session, first: date, last: date) -> list[Sums]:
    """`figure_sums.new_sums` from the summary, plus the few citizens it cannot say.

    A citizen with one span beginning inside the period reached what its `figure_reach`
    row says (the span holds the last day, the one before it the day before the first).
    One with two or more (a span both beginning and ending inside: found through the
    closed spans' index) is summed from the projection as before.
    """
    r = REACH
    ids = (_untyped(r.c.village_id), _untyped(r.c.point_id))  # as the driver gives them
    cell = (*ids, r.c.beneficiary_group, r.c.opened_at_bank)
    stmt = (
        select(*cell, *(func.sum(r.c[name]) for name in REACH_VALUES))
        .where(r.c.day.between(first, last), r.c.until > last, r.c.prev_from < first)
        .group_by(*cell)
    )
    keys = _Keys()
    found = []
    for row in session.connection().execute(stmt):
        citizens, *counts, visited, visits = (int(v or 0) for v in row[4:])
        if citizens:
            found.append(
                Sums(
                    keys(row[0]),
                    keys(row[1]),
                    row[2] or None,
                    row[3] or None,
                    None,
                    citizens,
                    tuple(counts),
                    visited,
                    visits,
                )
            )
    s = sp.STORED
    twice = (
        select(s.c.personal_id)
        .where(
            text(f"citizen_status.day_until < {t.CLOSED_BEFORE}"),  # the partial index's
            s.c.day_until > first,
            s.c.day_until <= last,
            s.c.day_from >= first,
        )
        .distinct()
    )
    if session.connection().execute(twice.limit(1)).first() is not None:
        found += new_sums(session, first, last, only=twice)
    return found


TREND = ("level2", "activated", "linked", "link_approved")


def trend_sums(session: Session, first: date, last: date) -> dict[date, tuple[int, ...]]:
    """`status_projection.trend_deltas` from the summary: each day's changes, then `changed`."""
    f = TABLE
    opened = func.sum(case((f.c.opened_at_bank != "", f.c.citizens), else_=0))
    stmt = (
        select(
            f.c.day,
            *(func.sum(f.c[name]) for name in TREND),
            opened,
            func.sum(f.c.changed),
        )
        .where(f.c.day.between(first, last))
        .group_by(f.c.day)
    )
    return {
        row[0]: tuple(int(v or 0) for v in row[1:]) for row in session.connection().execute(stmt)
    }


class _Keys:
    """Text keys of the cells' uuids (the nil UUID: none), each distinct value once."""

    def __init__(self) -> None:
        self.known: dict[object, str | None] = {}

    def __call__(self, value: object) -> str | None:
        found = self.known.get(value, self)
        if found is self:
            key = as_uuid(value)
            found = self.known[value] = None if key == NIL else str(key)
        return found  # type: ignore[return-value]


__all__ = [
    "SUMMARY_SETTING",
    "add_changes",
    "cumulative_sums",
    "empty",
    "forget",
    "is_kept",
    "is_whole",
    "mark_whole",
    "merge",
    "needs_build",
    "put_in_range",
    "reached_sums",
    "rebuild",
    "take_out_range",
    "trend_sums",
]

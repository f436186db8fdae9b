"""Each beneficiary's standing, read from the report projection (issue 18: agencies, the file).

The agency reports and the social-affairs office's file count beneficiaries by group, payment
class, link and account. The projection (`citizen_status`) holds the fold's answers per
citizen per local day, so these are keyed reads and GROUP BYs over it, not a fold of every
beneficiary. A moment inside a day (an agency's 14:00 deadline) is the projection's row for
that day, corrected for the few citizens with an outcome or a payment record between the
moment and the day's end: those are folded at the moment (`fold_status`, the one definition).
List facts carry a date, not a time: a fact dated a day is known from its start, both ways.

`beneficiaries.beneficiaries_at` folds every beneficiary from scratch: the tests hold both
equal (tests/test_beneficiary_standing.py).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from fieldapp.domain import model as dm
from fieldapp.domain.report_windows import Window
from fieldapp.domain.status import StepState, fold_status
from fieldapp.domain.status_history import OPEN, DayStatus, day_status
from fieldapp.services.beneficiaries import UNKNOWN_VILLAGE, fact_day
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.report_timelines import NOT_CLASSIFIED, ensure_projection
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.beneficiary_queries import as_utc
from fieldapp.store.beneficiary_standing import (
    END_COLUMNS,
    Person,
    StandingRow,
    changed_between,
    changed_cells,
    standing_cells,
    standing_on,
    standing_with_people,
)
from fieldapp.store.payments import of_citizens as payment_events
from fieldapp.store.report_queries import load_report_rows
from fieldapp.store.window_queries import citizens_by_ids

LAST_DAY = OPEN - timedelta(days=1)
"""On this day every citizen's last span holds: their standing with every event."""


@dataclass(frozen=True, slots=True)
class Standing:
    """One beneficiary's standing at a moment (`personal_id` "" for a cell of many)."""

    personal_id: str
    village_key: str  # the village's id as text, or UNKNOWN_VILLAGE
    group: dm.BeneficiaryGroup
    payment: str  # a PAYMENT_CLASSES value
    level2: bool
    link: StepState
    has_account: bool
    account_bank: str  # "" when no account or no bank named
    account_on: date | None  # the local day the account was recorded
    through_receiver: bool  # paid through a proxy or a guardian

    @property
    def linked(self) -> bool:
        """The benefit link submitted or approved (the province's "tích hợp")."""
        return self.link is StepState.DONE or self.link is StepState.SUBMITTED


_GROUPS = {g.value: g for g in dm.BeneficiaryGroup}
_STATES = {int(s): s for s in StepState}
_DONE = int(StepState.DONE)
_villages: dict[object, str] = {None: UNKNOWN_VILLAGE}


def _village_key(village: object) -> str:
    found = _villages.get(village)
    if found is None:
        value = village if isinstance(village, uuid.UUID) else uuid.UUID(str(village))
        found = _villages[village] = str(value)
    return found


def _day(value: Any) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


def _from_row(row: StandingRow) -> Standing | None:
    group = _GROUPS.get(row.beneficiary_group)
    if group is None:
        return None
    return Standing(
        row.personal_id,
        _village_key(row.village_id),
        group,
        row.payment or NOT_CLASSIFIED,
        row.eid_application == _DONE,
        _STATES[row.benefit_link],
        row.bank_account == _DONE,
        row.account_bank or "",
        _day(row.account_on),
        bool(row.through_receiver),
    )


def _from_day_status(pid: str, village: object, s: DayStatus) -> Standing | None:
    if s.group is None:
        return None
    return Standing(
        pid,
        _village_key(village),
        s.group,
        s.payment or NOT_CLASSIFIED,
        s.eid_application is StepState.DONE,
        s.benefit_link,
        s.bank_account is StepState.DONE,
        s.account_bank or "",
        s.account_on,
        s.through_receiver,
    )


def _end_of(day: date) -> datetime:
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=LOCAL_TZ)


def _folded_at(session: Any, ids: Sequence[str], until: datetime) -> dict[str, Standing | None]:
    """These citizens folded from the events known before `until` (None: no group then)."""
    citizens = citizens_by_ids(session, ids)
    rows = load_report_rows(
        session, until, fact_day(until), only=list(ids), with_visits=False, with_citizens=False
    )
    payments = payment_events(session, ids)
    found: dict[str, Standing | None] = {}
    for citizen in citizens:
        pid = citizen.personal_id
        paid = [e for e in payments.get(pid, []) if as_utc(e.recorded_at) < until]
        status = fold_status(citizen, rows.outcomes_of(pid), rows.facts_of(pid), paid)
        found[pid] = _from_day_status(pid, citizen.village_id, day_status(status))
    return found


def standing_at(uow: UnitOfWork, until: datetime | None = None) -> dict[str, Standing]:
    """Every beneficiary's standing from the events known before `until` (None: all events)."""
    ensure_projection(uow)
    with uow:
        session = uow.repo.session
        day = LAST_DAY if until is None else fact_day(until)
        found = {}
        for row in standing_on(session, day):
            one = _from_row(row)
            if one is not None:
                found[one.personal_id] = one
        if until is None:
            return found
        changed = changed_between(session, (until, _end_of(day)))
        folded = _folded_at(session, changed, until) if changed else {}
    for pid, one in folded.items():
        if one is None:
            found.pop(pid, None)
        else:
            found[pid] = one
    return found


SAME = Standing("", UNKNOWN_VILLAGE, dm.BeneficiaryGroup.MERIT, "", False, StepState.NOT_STARTED,
                False, "", None, False)  # fmt: skip
"""A start standing that says "as at the end": nothing new in the period."""


def standing_with_names(uow: UnitOfWork) -> list[tuple[Standing, Person]]:
    """Every beneficiary's standing with every event, with their name and last visit."""
    ensure_projection(uow)
    with uow:
        rows = standing_with_people(uow.repo.session)
    found = []
    for row, person in rows:
        one = _from_row(row)
        if one is not None:
            found.append((one, person))
    return found


Counted = tuple[Standing, Standing | None, int]
"""A standing at the end, the same citizens' standing at the start, how many.

The start is `SAME` when they stood the same, None when they were no beneficiaries then.
The count is negative for a correction: citizens counted one way, taken out again.
"""


def standing_counts(
    uow: UnitOfWork, window: Window, groups: Collection[dm.BeneficiaryGroup]
) -> list[Counted]:
    """The beneficiaries of these groups at the window's end, with their standing at its start.

    One GROUP BY over the projection for the end day (`standing_cells`), one over those whose
    status changed in the period (`changed_cells`), then the corrections for whoever changed
    between either moment and the end of its day (folded at the moments).
    """
    ensure_projection(uow)
    wanted = {g.value for g in groups}
    start_day, end_day = fact_day(window.starts_at), fact_day(window.ends_at)
    rows_end: dict[str, StandingRow] = {}
    rows_start: dict[str, StandingRow] = {}
    folded_end: dict[str, Standing | None] = {}
    folded_start: dict[str, Standing | None] = {}
    with uow:
        session = uow.repo.session
        cells = standing_cells(session, end_day, sorted(wanted))
        moved = (
            changed_cells(session, start_day, end_day, sorted(wanted))
            if start_day < end_day
            else []
        )
        changed = changed_between(
            session,
            (window.starts_at, _end_of(start_day)),
            (window.ends_at, _end_of(end_day)),
        )
        if changed:
            # a group comes from dated lists or the citizen's row, never from a timed event:
            # whoever is not of these groups at the end of the end day is not at its moment
            rows_end = {
                r.personal_id: r
                for r in standing_on(session, end_day, changed)
                if r.beneficiary_group in wanted
            }
            changed = sorted(rows_end)
            rows_start = {r.personal_id: r for r in standing_on(session, start_day, changed)}
            folded_end = _folded_at(session, changed, window.ends_at)
            folded_start = _folded_at(session, changed, window.starts_at)
    found: list[Counted] = []
    interned: dict[tuple[Any, ...], Standing] = {}

    def end_of(key: tuple[Any, ...]) -> Standing:
        one = interned.get(key)
        if one is None:
            one = interned[key] = _cell_standing(key)
        return one

    for *key, count in cells:
        found.append((end_of(tuple(key)), SAME, count))
    for *key, count in moved:
        end = end_of(tuple(key[: len(END_COLUMNS)]))
        found.append((end, SAME, -count))  # counted above as standing the same
        found.append((end, _start_standing(end, key[len(END_COLUMNS) :]), count))
    for pid in changed:
        before = rows_start.get(pid)
        found.append((_of(rows_end[pid]), None if before is None else _from_row(before), -1))
        one = folded_end.get(pid)
        if one is not None:
            found.append((one, folded_start.get(pid), 1))
    return found


def _of(row: StandingRow) -> Standing:
    one = _from_row(row)
    assert one is not None  # the row has a group
    return one


def _cell_standing(key: tuple[Any, ...]) -> Standing:
    """A `standing_cells` key as a standing."""
    village, group, payment, level2, bank, link, via = key
    return Standing(
        "",
        _village_key(village),
        _GROUPS[group],
        payment or NOT_CLASSIFIED,
        level2 == _DONE,
        _STATES[link],
        bank == _DONE,
        "",
        None,
        bool(via),
    )


def _start_standing(end: Standing, key: Sequence[Any]) -> Standing | None:
    """The start columns of a `changed_cells` key as a standing (None: no group then)."""
    group, payment, bank, link = key
    if group is None or group not in _GROUPS:
        return None
    return Standing(
        "",
        end.village_key,
        _GROUPS[group],
        payment or NOT_CLASSIFIED,
        False,  # not read at the start
        _STATES[link],
        bank == _DONE,
        "",
        None,
        False,
    )

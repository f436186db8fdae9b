"""Each citizen's marks day by day, from the fold, and the cache that keeps them.

The figures need, for every citizen, what their status says at the end of any day of a period.
`TimelineBuilder` folds a citizen's events once per local day that had events; the result is
kept in `report_status_cache` with a fingerprint of what it was computed from (the citizen's
events, two of their fields, and a digest of the rules' code), so the next report folds only
the citizens whose events changed.
"""

from __future__ import annotations

import hashlib
import inspect
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache

from sqlalchemy.exc import IntegrityError

from fieldapp.domain import model as dm
from fieldapp.domain.status import CitizenStatus, Source, StepState, fold_status
from fieldapp.services.clock import LOCAL_TZ, utc_now
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import report_queries as q

NOT_CLASSIFIED = "not_classified"
PAYMENT_CLASSES: tuple[str, ...] = (*(p.value for p in dm.PaymentStatus), NOT_CLASSIFIED)


@dataclass(frozen=True, slots=True)
class Marks:
    """What one citizen's status contributes to the figures at one moment."""

    level2: bool
    activated: bool
    link_waiting: bool
    link_approved: bool
    bank_account: bool
    opened_at_bank: str | None  # bank of an account opened at a support point
    group: dm.BeneficiaryGroup | None
    payment: str | None  # a PAYMENT_CLASSES value for beneficiaries, None for others

    @property
    def linked(self) -> bool:
        """A link submitted (waiting for approval) or approved: the province's "tích hợp"."""
        return self.link_waiting or self.link_approved


def payment_class(status: CitizenStatus) -> str | None:
    """The three-way classification of a beneficiary (the fold keeps it up to date)."""
    if status.beneficiary_group is None:
        return None
    paid = status.payment_status
    return NOT_CLASSIFIED if paid is None else paid.value


def marks_of(status: CitizenStatus) -> Marks:
    """The figures' view of a folded status."""
    bank = status.steps[dm.Step.BANK_ACCOUNT]
    link = status.state(dm.Step.BENEFIT_LINK)
    opened = None
    if bank.state is StepState.DONE and bank.source is Source.VISIT:
        opened = bank.bank or "?"  # an opening recorded without the bank's name
    return Marks(
        level2=status.is_done(dm.Step.EID_APPLICATION),
        activated=status.is_done(dm.Step.EID_ACTIVATION),
        link_waiting=link is StepState.SUBMITTED,
        link_approved=link is StepState.DONE,
        bank_account=bank.state is StepState.DONE,
        opened_at_bank=opened,
        group=status.beneficiary_group,
        payment=payment_class(status),
    )


Timeline = tuple[tuple[str | None, Marks], ...]
"""A citizen's marks before any event (day None), then after each local day that changed them.

Days are ISO strings ("2026-06-05"): they compare like dates and need no parsing."""


@cache
def rules_version() -> str:
    """A digest of the code that turns events into marks: the fold and this module.

    Any change of either makes every cached timeline stale, so no rule can drift.
    """
    import sys

    from fieldapp.domain import model as model_module
    from fieldapp.domain import status as status_module

    source = "".join(
        inspect.getsource(module) for module in (status_module, model_module, sys.modules[__name__])
    )
    return hashlib.sha256(source.encode()).hexdigest()[:16]


def fingerprint(summary: q.CitizenSummary) -> str:
    """What the cached timeline must have been computed from to still be right."""
    return (
        f"{rules_version()}|{summary.events}|{summary.beneficiary_group}|{summary.has_smartphone}"
    )


class TimelineBuilder:
    """Folds a citizen's events day by day, memoising the citizens known only from lists.

    Such a citizen's status depends only on their facts (one per field: the latest is that
    one) and two of their own fields, so equal inputs share one computation. Anyone with an
    outcome, or with two facts on one field, is folded in full.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[object, ...], Timeline] = {}
        self._base: dict[tuple[object, ...], Marks] = {}
        self.folds = 0

    def timeline(
        self,
        citizen: dm.Citizen,
        outcomes: Sequence[dm.Outcome],
        facts: Sequence[dm.OfficialFact],
    ) -> Timeline:
        """Marks before any event, then after each local day whose events changed them."""
        key: tuple[object, ...] | None = None
        if not outcomes:
            triples = tuple(sorted((f.field.value, f.value, f.as_of) for f in facts))
            if len({name for name, _, _ in triples}) == len(triples):
                key = (citizen.beneficiary_group, citizen.has_smartphone, triples)
                found = self._memo.get(key)
                if found is not None:
                    return found
        outcome_days = [o.recorded_at.astimezone(LOCAL_TZ).date() for o in outcomes]
        days = sorted(set(outcome_days) | {f.as_of for f in facts})
        # before any event, only two fields of the citizen count: one fold per pair
        base_key = (citizen.beneficiary_group, citizen.has_smartphone)
        base = self._base.get(base_key)
        if base is None:
            self.folds += 1
            base = self._base[base_key] = marks_of(fold_status(citizen, (), ()))
        points: list[tuple[str | None, Marks]] = [(None, base)]
        for day in days:
            self.folds += 1
            marks = marks_of(
                fold_status(
                    citizen,
                    [o for o, at in zip(outcomes, outcome_days, strict=True) if at <= day],
                    [f for f in facts if f.as_of <= day],
                )
            )
            if marks != points[-1][1]:
                points.append((day.isoformat(), marks))
        result = tuple(points)
        if key is not None:
            self._memo[key] = result
        return result


# The cache's text form: records split by RS, fields by US (control characters that no name,
# bank or date contains). A timeline is "day US flags US bank US group US payment" per entry,
# the first entry's day empty; visit days are "day US count US point" per entry.
_RS, _US = "\x1e", "\x1f"


def _marks_text(marks: Marks) -> str:
    flags = "".join(
        "1" if flag else "0"
        for flag in (
            marks.level2,
            marks.activated,
            marks.link_waiting,
            marks.link_approved,
            marks.bank_account,
        )
    )
    group = "" if marks.group is None else marks.group.value
    return _US.join((flags, _clean(marks.opened_at_bank), group, marks.payment or ""))


def _clean(text: str | None) -> str:
    return "" if text is None else text.replace(_RS, " ").replace(_US, " ")


def timeline_to_text(timeline: Timeline) -> str:
    """The cache's form of a timeline."""
    return _RS.join(f"{day or ''}{_US}{_marks_text(m)}" for day, m in timeline)


class _TimelineReader:
    """Reads cached timelines: equal texts parse once, equal marks become one object."""

    def __init__(self) -> None:
        self._seen: dict[str, Timeline] = {}
        self._marks: dict[str, Marks] = {}

    def __call__(self, text: str) -> Timeline:
        found = self._seen.get(text)
        if found is not None:
            return found
        points = []
        for entry in text.split(_RS):
            day, key = entry.split(_US, 1)
            marks = self._marks.get(key)
            if marks is None:
                marks = self._marks[key] = _parse_marks(key)
            points.append((day or None, marks))
        result = self._seen[text] = tuple(points)
        return result


def _parse_marks(key: str) -> Marks:
    flags, opened, group, payment = key.split(_US)
    level2, activated, waiting, approved, bank = (flag == "1" for flag in flags)
    return Marks(
        level2,
        activated,
        waiting,
        approved,
        bank,
        opened or None,
        dm.BeneficiaryGroup(group) if group else None,
        payment or None,
    )


def marks_on(timeline: Timeline, day: str) -> Marks:
    """The marks at the end of a local day."""
    current = timeline[0][1]
    for when, marks in timeline[1:]:
        if when is not None and when > day:
            break
        current = marks
    return current


VisitDays = tuple[tuple[str, int, str], ...]
"""Per local day with visits: how many, and the point of the day's last visit."""

STAMP_SETTING = "reports.events_stamp"


def visit_days(visits: Sequence[tuple[datetime, str]]) -> VisitDays:
    """A citizen's visits summed up by local day."""
    days: dict[str, tuple[int, datetime, str]] = {}
    for at, point in visits:
        day = at.astimezone(LOCAL_TZ).date().isoformat()
        count, last_at, last_point = days.get(day, (0, at, point))
        if (at, point) >= (last_at, last_point):
            last_at, last_point = at, point
        days[day] = (count + 1, last_at, last_point)
    return tuple((day, n, point) for day, (n, _, point) in sorted(days.items()))


def _visit_days_text(days: VisitDays) -> str:
    return _RS.join(f"{d}{_US}{n}{_US}{p}" for d, n, p in days)


@dataclass
class CitizenLines:
    """Every citizen's timeline and visit days, as the figures read them."""

    summaries: list[q.CitizenSummary]
    marks: dict[str, Timeline]
    visits: dict[str, VisitDays]
    folded: int = 0  # citizens folded again this time (0: all from the cache)


def timelines(uow: UnitOfWork, *, progress: Progress | None = None) -> CitizenLines:
    """Every citizen's timeline, folded again (and cached) only where their events changed.

    When whole-table sums show that nothing at all changed since the cache was filled, the
    per-citizen sums are not even computed.
    """
    progress = progress or NullProgress()
    read = _TimelineReader()
    read_visits = _VisitDaysReader()
    lines = CitizenLines([], {}, {})
    with uow:
        session = uow.repo.session
        stamp = f"{rules_version()}|{q.events_stamp(session)}"
        if uow.repo.get_setting(STAMP_SETTING) == stamp:
            summaries = q.cached_citizens(session)
            if all(s.cached_timeline is not None for s in summaries):
                lines.summaries = summaries
                for summary in summaries:
                    lines.marks[summary.personal_id] = read(summary.cached_timeline or "")
                    lines.visits[summary.personal_id] = read_visits(summary.cached_visits)
                return lines
        summaries = q.citizen_summaries(session)
        lines.summaries = summaries
        stale: list[q.CitizenSummary] = []
        fresh: list[tuple[str, str, str, str]] = []
        for summary in summaries:
            if summary.cached_timeline is not None and summary.cached_fingerprint == fingerprint(
                summary
            ):
                lines.marks[summary.personal_id] = read(summary.cached_timeline)
                lines.visits[summary.personal_id] = read_visits(summary.cached_visits)
            else:
                stale.append(summary)
        if stale:
            wanted = None if len(stale) > len(summaries) // 4 else [s.personal_id for s in stale]
            rows = q.load_report_rows(
                session, None, None, only=wanted, with_visits=False, with_citizens=False
            )
            visits = q.visits_of(session, wanted)
            builder = TimelineBuilder()
            groups = {g.value: g for g in dm.BeneficiaryGroup}
            for index, summary in enumerate(stale):
                if index % 2000 == 0:
                    progress.report(index, len(stale))
                    check_cancelled(progress)
                pid = summary.personal_id
                citizen = dm.Citizen(
                    personal_id=pid,
                    full_name="",
                    village_id=None
                    if summary.village_key is None
                    else uuid.UUID(summary.village_key),
                    beneficiary_group=groups.get(summary.beneficiary_group or ""),
                    has_smartphone=summary.has_smartphone,
                )
                line = builder.timeline(citizen, rows.outcomes_of(pid), rows.facts_of(pid))
                days = visit_days(visits.get(pid, ()))
                lines.marks[pid] = line
                lines.visits[pid] = days
                fresh.append(
                    (pid, fingerprint(summary), timeline_to_text(line), _visit_days_text(days))
                )
            lines.folded = len(stale)
        try:
            if fresh:
                replacing = [s.personal_id for s in stale if s.cached_timeline is not None]
                q.save_timelines(session, fresh, utc_now(), replacing=replacing)
            uow.repo.set_setting(STAMP_SETTING, stamp)
            uow.commit()
        except IntegrityError:
            # another seat filled the same rows at the same moment: our figures stand, the
            # cache keeps theirs (leaving the block rolls ours back)
            pass
    return lines


class _VisitDaysReader:
    """Reads cached visit days; equal texts parse once (most are empty)."""

    def __init__(self) -> None:
        self._seen: dict[str, VisitDays] = {"": ()}

    def __call__(self, text: str | None) -> VisitDays:
        text = text or ""
        found = self._seen.get(text)
        if found is None:
            entries = []
            for entry in text.split(_RS):
                day, count, point = entry.split(_US)
                entries.append((day, int(count), point))
            found = self._seen[text] = tuple(entries)
        return found

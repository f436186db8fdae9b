"""Each citizen's marks day by day, from the fold, and the cache that keeps them.

The figures need, for every citizen, what their status says at the end of any day of a period.
`TimelineBuilder` folds a citizen's events once per local day that had events; the result is
kept in `report_status_cache` with a fingerprint of what it was computed from (the citizen's
events, two of their fields, and the rules' version `RULES_VERSION`), so the next report folds
only the citizens whose events changed.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

from fieldapp.domain import model as dm
from fieldapp.domain.status import RULES_VERSION, CitizenStatus, Source, StepState, fold_status
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
    smartphone: bool = False  # has a smartphone (the fold's `has_smartphone` is True)
    eligible: bool = False  # level 2, a smartphone, a bank account (`CitizenStatus.eligible`)

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
    steps = status.steps
    bank = steps[_BANK]
    link = steps[_LINK].state
    opened = None
    if bank.state is _DONE and bank.source is _VISIT:
        opened = bank.bank or "?"  # an opening recorded without the bank's name
    return Marks(
        level2=steps[_APPLICATION].state is _DONE,
        activated=steps[_ACTIVATION].state is _DONE,
        link_waiting=link is _SUBMITTED,
        link_approved=link is _DONE,
        bank_account=bank.state is _DONE,
        opened_at_bank=opened,
        group=status.beneficiary_group,
        payment=payment_class(status),
        smartphone=status.has_smartphone is True,
        eligible=status.eligible,
    )


# read once here: marks_of runs for every fold of every citizen
_APPLICATION, _ACTIVATION = dm.Step.EID_APPLICATION, dm.Step.EID_ACTIVATION
_BANK, _LINK = dm.Step.BANK_ACCOUNT, dm.Step.BENEFIT_LINK
_DONE, _SUBMITTED, _VISIT = StepState.DONE, StepState.SUBMITTED, Source.VISIT


Timeline = tuple[tuple[str | None, Marks], ...]
"""A citizen's marks before any event (day None), then after each local day that changed them.

Days are ISO strings ("2026-06-05"): they compare like dates and need no parsing."""


def rules_version() -> str:
    """The version of the rules that turn events into marks (`RULES_VERSION`, reviewed by hand).

    A declared constant, never a digest of source files: an installed (frozen) build has none.
    """
    return RULES_VERSION


def fingerprint(summary: q.CitizenSummary) -> str:
    """What the cached timeline must have been computed from to still be right."""
    return (
        f"{rules_version()}|{summary.events}|{summary.beneficiary_group}|{summary.has_smartphone}"
    )


class TimelineBuilder:
    """Folds a citizen's events day by day, memoising what depends on official facts only.

    Before a citizen's first outcome, their status depends only on their facts (one per field:
    the latest is that one) and two of their own fields, so equal inputs share one fold: the
    citizens known only from lists, and the list days that come before anyone's first visit.
    A moment with an outcome, or with two facts on one field, is folded in full.
    """

    def __init__(self) -> None:
        self._memo: dict[tuple[object, ...], Timeline] = {}
        self._facts_memo: dict[tuple[object, ...], Marks] = {}
        self._marks: dict[Marks, Marks] = {}
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
            key = self._facts_key(citizen, facts)
            if key is not None:
                found = self._memo.get(key)
                if found is not None:
                    return found
        dated = sorted(
            ((o.recorded_at.astimezone(LOCAL_TZ).date(), o) for o in outcomes),
            key=lambda pair: pair[0],
        )
        days = sorted({day for day, _ in dated} | {f.as_of for f in facts})
        base_key = (citizen.beneficiary_group, citizen.has_smartphone)
        base = self._base.get(base_key)
        if base is None:  # before any event only these two fields count
            base = self._base[base_key] = self._one(self._facts_only(citizen, ()))
        points: list[tuple[str | None, Marks]] = [(None, base)]
        taken = 0  # outcomes on or before the current day (they are sorted by day)
        for day in days:
            while taken < len(dated) and dated[taken][0] <= day:
                taken += 1
            day_facts = [f for f in facts if f.as_of <= day]
            if taken == 0:
                marks = self._facts_only(citizen, day_facts)
            else:
                self.folds += 1
                day_outcomes = [o for _, o in dated[:taken]]
                marks = marks_of(fold_status(citizen, day_outcomes, day_facts))
            if marks != points[-1][1]:
                points.append((day.isoformat(), self._one(marks)))
        result = tuple(points)
        if key is not None:
            self._memo[key] = result
        return result

    def _one(self, marks: Marks) -> Marks:
        """Equal marks as one object (the figures group citizens by the marks' identity)."""
        return self._marks.setdefault(marks, marks)

    @staticmethod
    def _facts_key(
        citizen: dm.Citizen, facts: Sequence[dm.OfficialFact]
    ) -> tuple[object, ...] | None:
        """What the fold of facts alone reads, when no two facts share a field (else None)."""
        triples = tuple(sorted((f.field, f.value, f.as_of) for f in facts))
        if len({name for name, _, _ in triples}) != len(triples):
            return None  # the latest of two facts on one field may depend on their ids
        return (citizen.beneficiary_group, citizen.has_smartphone, triples)

    def _facts_only(self, citizen: dm.Citizen, facts: Sequence[dm.OfficialFact]) -> Marks:
        """The marks of a citizen with these facts and no outcome."""
        key = self._facts_key(citizen, facts)
        found = None if key is None else self._facts_memo.get(key)
        if found is None:
            self.folds += 1
            found = marks_of(fold_status(citizen, (), facts))
            if key is not None:
                self._facts_memo[key] = found
        return found


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
            marks.smartphone,
            marks.eligible,
        )
    )
    group = "" if marks.group is None else marks.group.value
    return _US.join((flags, _clean(marks.opened_at_bank), group, marks.payment or ""))


def _clean(text: str | None) -> str:
    return "" if text is None else text.replace(_RS, " ").replace(_US, " ")


def timeline_to_text(timeline: Timeline, texts: dict[Marks, str] | None = None) -> str:
    """The cache's form of a timeline (`texts`: marks already written, shared across calls)."""
    texts = {} if texts is None else texts
    parts = []
    for day, marks in timeline:
        text = texts.get(marks)
        if text is None:
            text = texts[marks] = _marks_text(marks)
        parts.append(f"{day or ''}{_US}{text}")
    return _RS.join(parts)


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
    level2, activated, waiting, approved, bank, smartphone, eligible = (
        flag == "1" for flag in flags.ljust(7, "0")
    )
    return Marks(
        level2,
        activated,
        waiting,
        approved,
        bank,
        opened or None,
        dm.BeneficiaryGroup(group) if group else None,
        payment or None,
        smartphone,
        eligible,
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
        stamp = _stamp(session)
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
            fresh = _fold(session, stale, wanted, lines, progress)
            lines.folded = len(stale)
        # another seat may fill the same rows at the same moment: our figures stand, the
        # cache keeps theirs (leaving the block rolls ours back)
        with q.another_seat_may_win():
            if fresh:
                replacing = [s.personal_id for s in stale if s.cached_timeline is not None]
                q.save_timelines(session, fresh, utc_now(), replacing=replacing)
            uow.repo.set_setting(STAMP_SETTING, stamp)
            uow.commit()
    return lines


def _fold(
    session: Any,
    stale: Sequence[q.CitizenSummary],
    wanted: Sequence[str] | None,
    lines: CitizenLines,
    progress: Progress,
) -> list[tuple[str, str, str, str]]:
    """Fold these citizens again: their marks and visit days into `lines`, and cache rows.

    `wanted`: whose events to read (None: everyone's, cheaper when most are stale).
    """
    fresh: list[tuple[str, str, str, str]] = []
    rows = q.load_report_rows(
        session, None, None, only=wanted, with_visits=False, with_citizens=False
    )
    visits = q.visits_of(session, wanted)
    builder = TimelineBuilder()
    groups = {g.value: g for g in dm.BeneficiaryGroup}
    marks_texts: dict[Marks, str] = {}
    village_ids = cache(lambda key: None if key is None else uuid.UUID(key))
    shared_lines: dict[Timeline, tuple[Timeline, str]] = {}
    shared_visits: dict[VisitDays, tuple[VisitDays, str]] = {}
    for index, summary in enumerate(stale):
        if index % 2000 == 0:
            progress.report(index, len(stale))
            check_cancelled(progress)
        pid = summary.personal_id
        citizen = dm.Citizen(
            personal_id=pid,
            full_name="",
            village_id=village_ids(summary.village_key),
            beneficiary_group=groups.get(summary.beneficiary_group or ""),
            has_smartphone=summary.has_smartphone,
        )
        line = builder.timeline(citizen, rows.outcomes_of(pid), rows.facts_of(pid))
        # equal timelines become one object with one text, as when read from the
        # cache: the figures count citizens who share one once per cell
        shared = shared_lines.get(line)
        if shared is None:
            shared = shared_lines[line] = (line, timeline_to_text(line, marks_texts))
        days = visit_days(visits.get(pid, ()))
        shared_days = shared_visits.get(days)
        if shared_days is None:
            shared_days = shared_visits[days] = (days, _visit_days_text(days))
        lines.marks[pid] = shared[0]
        lines.visits[pid] = shared_days[0]
        fresh.append((pid, fingerprint(summary), shared[1], shared_days[1]))
    return fresh


def _stamp(session: Any) -> str:
    return f"{rules_version()}|{q.events_stamp(session)}"


def cache_is_current(uow: UnitOfWork) -> bool:
    """Whether the report cache holds every citizen's marks as of now (read before a write).

    Call inside the writer's open unit of work, before it writes.
    """
    return uow.repo.get_setting(STAMP_SETTING) == _stamp(uow.repo.session)


def refold_touched(uow: UnitOfWork, personal_ids: Iterable[str], *, was_current: bool) -> int:
    """Keep the report cache current through a write (the per-citizen status projection).

    Folds again exactly the citizens the write touched, in the writer's transaction, and
    stamps the cache as current. The next report then reads the cache as it is (the warm
    path), with no per-citizen check. If the cache was not current before the write, it is
    left alone: the next report finds what is stale by fingerprint, as always. Returns how
    many citizens were folded.
    """
    if not was_current:
        return 0
    session = uow.repo.session
    session.flush()
    ids = sorted(set(personal_ids))
    stale = [
        s
        for s in (q.citizen_summaries(session, ids) if ids else [])
        if s.cached_timeline is None or s.cached_fingerprint != fingerprint(s)
    ]
    if stale:
        lines = CitizenLines([], {}, {})
        # as in `timelines`: past a quarter of the store, reading everyone's events is cheaper
        many = len(stale) > uow.repo.count_citizens() // 4
        wanted = None if many else [s.personal_id for s in stale]
        fresh = _fold(session, stale, wanted, lines, NullProgress())
        replacing = [s.personal_id for s in stale if s.cached_timeline is not None]
        q.save_timelines(session, fresh, utc_now(), replacing=replacing)
    uow.repo.set_setting(STAMP_SETTING, _stamp(session))
    return len(stale)


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

"""The difficulties of a period (issue 18 item 2): what failed, why, and where people were sent.

Every report seed 002 asks for carries "kết quả và những khó khăn, vướng mắc, phát sinh". The
desk records a reason with every failed step (`domain/step_rules.py`) and a destination with
every referral: here they are counted by step, by reason and by village, over the attempts
recorded in the period (an attempt undone by a correction does not count). The officer's own
paragraph is kept with the report's settings for its day and printed under the figures.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime

from fieldapp.domain import model as dm
from fieldapp.domain import safe_text
from fieldapp.domain.periods import Period
from fieldapp.domain.permissions import Action
from fieldapp.services import users
from fieldapp.services.reports import UNKNOWN, utc_bounds
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import difficulty_queries as q

NOTE_SETTING = "reports.difficulties_note."  # + the report's day, ISO
NOTE_MAX_LENGTH = 4000  # a few paragraphs


@dataclass
class Difficulties:
    """Failed and referred attempts of a period, counted; the officer's paragraph."""

    period: Period
    village_names: dict[str, str]  # village key → name, the commune's order (UNKNOWN last)
    failed: Counter[tuple[str, str]] = field(default_factory=Counter)  # (step, reason)
    failed_by_village: Counter[tuple[str, str]] = field(default_factory=Counter)  # (v, reason)
    referred: Counter[tuple[str, str]] = field(default_factory=Counter)  # (step, target)
    referred_by_village: Counter[tuple[str, str]] = field(default_factory=Counter)  # (v, target)
    citizens: int = 0  # distinct citizens with at least one failed or referred attempt
    note: str = ""

    @property
    def failed_total(self) -> int:
        """Failed attempts in the period."""
        return sum(self.failed.values())

    @property
    def referred_total(self) -> int:
        """Referrals in the period."""
        return sum(self.referred.values())

    @property
    def has_data(self) -> bool:
        """Any failed or referred attempt in the period."""
        return bool(self.failed or self.referred)

    def reasons(self) -> list[str]:
        """The reasons that occurred, in the picker's order (`FailureReason`), "other" last."""
        seen = {reason for _, reason in self.failed}
        return [r.value for r in dm.FailureReason if r.value in seen]

    def steps(self) -> list[str]:
        """The steps that had a failed or referred attempt, in the campaign's order."""
        seen = {step for step, _ in self.failed} | {step for step, _ in self.referred}
        return [s.value for s in dm.Step if s.value in seen]

    def targets(self) -> list[str]:
        """Where people were referred, in the picker's order (`ReferralTarget`)."""
        seen = {target for _, target in self.referred}
        return [t.value for t in dm.ReferralTarget if t.value in seen]

    def villages(self) -> list[str]:
        """Village keys with an attempt, in the commune's order."""
        seen = {v for v, _ in self.failed_by_village} | {v for v, _ in self.referred_by_village}
        return [key for key in self.village_names if key in seen]


def compute_difficulties(
    uow: UnitOfWork,
    period: Period,
    *,
    between: tuple[datetime, datetime] | None = None,
    groups: Collection[dm.BeneficiaryGroup] | None = None,
) -> Difficulties:
    """Count the period's failed and referred attempts, and read the officer's paragraph.

    `between`: the report's own window when it is not the period's local days (an agency's
    deadline-to-deadline day); `groups`: only citizens of these beneficiary groups.
    """
    start, end = between or _days_bounds(period)
    if groups is not None:  # the groups are read from the report projection
        from fieldapp.services.report_timelines import ensure_projection

        ensure_projection(uow)
    with uow:
        repo = uow.repo
        names = {str(v.id): v.name for v in repo.villages()}
        wanted = None if groups is None else [g.value for g in groups]
        attempts, citizens = q.attempt_counts(repo.session, start, end, groups=wanted)
        note = repo.get_setting(NOTE_SETTING + period.ends_on.isoformat()) or ""
    result = Difficulties(period, {**names, UNKNOWN: UNKNOWN}, note=note)
    for a in attempts:
        village = a.village_id if a.village_id in names else UNKNOWN
        if a.result == dm.Result.FAILED.value:
            reason = a.reason or dm.FailureReason.OTHER.value
            result.failed[(a.step, reason)] += a.count
            result.failed_by_village[(village, reason)] += a.count
        else:
            target = a.referred_to or dm.ReferralTarget.COMMUNE_POLICE.value
            result.referred[(a.step, target)] += a.count
            result.referred_by_village[(village, target)] += a.count
    result.citizens = citizens
    return result


def _days_bounds(period: Period) -> tuple[datetime, datetime]:
    bounds = utc_bounds(period.days)
    return bounds[0], bounds[-1]


def difficulties_note(uow: UnitOfWork, day: date) -> str:
    """The officer's paragraph for the report of this day ("" when none)."""
    with uow:
        return uow.repo.get_setting(NOTE_SETTING + day.isoformat()) or ""


def set_difficulties_note(uow: UnitOfWork, day: date, text: str, *, actor: dm.User) -> str:
    """Keep the officer's paragraph with the report's settings for this day (police, admins).

    Stored as typed (spaces at the ends trimmed): plain text, never a formula in a sheet
    (`documents/xlsx_cells.py` writes it as text).
    """
    users.check(uow, actor, Action.VIEW_REPORTS)
    clean = safe_text.check_text(
        text.strip(), field="difficulties_note", max_length=NOTE_MAX_LENGTH
    )
    with uow:
        uow.repo.set_setting(NOTE_SETTING + day.isoformat(), clean)
        uow.commit()
    return clean

"""Targets beyond the village's: a wave's basis, and deadlines per beneficiary group.

A wave's target is "100% of eligible" or "100% of level 2" (issue 18 item 3); each
beneficiary group has a target and a deadline (item 4).

Both are campaign settings (police, admins), kept in the settings table. They change no
figure: they are read over the figures (`services/reports.py`) after they are computed.
"""

from __future__ import annotations

import json
from datetime import date

from fieldapp.domain import model as dm
from fieldapp.domain.deadlines import (
    DEFAULT_DEADLINES,
    EVERYONE,
    GROUP_KEYS,
    DeadlineProgress,
    GroupDeadline,
    progress,
)
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.periods import wave_on
from fieldapp.domain.permissions import Action
from fieldapp.services import campaign, users
from fieldapp.services.reports import Figures
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import report_queries as q

BASES = ("level2", "eligible")  # a wave's target: 100% of level-2 holders, or of the eligible
BASIS_SETTING = "campaign.target_basis."  # + the wave's id
DEADLINES_SETTING = "campaign.group_deadlines"


# Per wave: what "100%" is of ------------------------------------------------------------------
def target_basis(uow: UnitOfWork, wave_id: object) -> str:
    """A wave's target basis: 'level2' (the default, the province's indicator) or 'eligible'."""
    with uow:
        return uow.repo.get_setting(f"{BASIS_SETTING}{wave_id}") or "level2"


def set_target_basis(uow: UnitOfWork, wave_name: str, basis: str, *, actor: dm.User) -> str:
    """Make a wave's village targets 100% of its eligible citizens, or of its level-2 holders."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    if basis not in BASES:
        raise ValidationError("targets.bad_basis", value=basis)
    wave = campaign.wave_named(uow, wave_name)
    with uow:
        uow.repo.set_setting(f"{BASIS_SETTING}{wave.id}", basis)
        uow.commit()
    return basis


def apply_target_basis(uow: UnitOfWork, figures: Figures) -> str:
    """Read the figures' village targets against their wave's basis; returns the basis.

    A village whose target was set by hand keeps it; the others get 100% of their eligible
    citizens when the wave says so (the figures' default is 100% of level 2).
    """
    period = figures.period
    wave = period.wave or wave_on(campaign.waves(uow), period.ends_on)
    basis = "level2" if wave is None else target_basis(uow, wave.id)
    if basis != "eligible":
        return basis
    with uow:
        chosen = {str(k) for k in q.targets(uow.repo.session)}
    for row in figures.by_village:
        if row.target is not None and row.key not in chosen:
            row.target = row.cumulative.eligible
    figures.total.target = sum(r.target or 0 for r in figures.by_village)
    return basis


# Per beneficiary group: targets and deadlines --------------------------------------------------
def group_deadlines(uow: UnitOfWork) -> list[GroupDeadline]:
    """Each group's target and deadline: the seeds' defaults, as changed for this campaign."""
    with uow:
        stored = uow.repo.get_setting(DEADLINES_SETTING)
    chosen = {d.group: d for d in _parse(stored)}
    return [chosen.get(d.group, d) for d in DEFAULT_DEADLINES]


def set_group_deadline(
    uow: UnitOfWork,
    group: str,
    deadline: date,
    *,
    percent: int = 100,
    starts_on: date | None = None,
    actor: dm.User,
) -> GroupDeadline:
    """Change one group's deadline and target percentage (police, admins)."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    if group not in GROUP_KEYS:
        raise ValidationError("targets.bad_group", value=group)
    if not 1 <= percent <= 100:
        raise ValidationError("targets.bad_percent", value=percent)
    current = {d.group: d for d in group_deadlines(uow)}[group]
    start = starts_on or current.starts_on
    if deadline < start:
        raise ValidationError("targets.deadline_before_start", value=deadline.strftime("%d/%m/%Y"))
    fresh = GroupDeadline(group, deadline, percent, start)
    chosen = {d.group: d for d in group_deadlines(uow)} | {group: fresh}
    with uow:
        uow.repo.set_setting(DEADLINES_SETTING, _dump(list(chosen.values())))
        uow.commit()
    return fresh


def deadline_progress(
    figures: Figures, deadlines: list[GroupDeadline], today: date
) -> list[DeadlineProgress]:
    """Per group: done (linked) / target and days left on `today`, from the figures."""
    rows = {row.key: row.cumulative for row in figures.by_group}
    total = figures.total.cumulative
    found = []
    for deadline in deadlines:
        if deadline.group == EVERYONE:
            members, done = total.level2, total.linked
        else:
            tally = rows.get(deadline.group)
            members, done = (0, 0) if tally is None else (tally.citizens, tally.linked)
        found.append(progress(deadline, members, done, today))
    return found


def _dump(deadlines: list[GroupDeadline]) -> str:
    return json.dumps(
        [
            {
                "group": d.group,
                "deadline": d.deadline.isoformat(),
                "percent": d.percent,
                "starts_on": d.starts_on.isoformat(),
            }
            for d in deadlines
        ]
    )


def _parse(stored: str | None) -> list[GroupDeadline]:
    if not stored:
        return []
    return [
        GroupDeadline(
            item["group"],
            date.fromisoformat(item["deadline"]),
            int(item["percent"]),
            date.fromisoformat(item["starts_on"]),
        )
        for item in json.loads(stored)
        if item.get("group") in GROUP_KEYS
    ]


__all__ = ["BASES", "EVERYONE", "apply_target_basis", "deadline_progress", "group_deadlines"]

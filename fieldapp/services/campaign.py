"""Campaign settings the police keep: waves, village targets, the daily report deadline.

Banks in use live in `fieldapp.services.settings` (shared with the bank officer's screen).
"""

from __future__ import annotations

import re
import uuid
from datetime import date

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ConflictError, NotFoundError, ValidationError
from fieldapp.domain.periods import Wave
from fieldapp.domain.permissions import Action
from fieldapp.domain.text import normalise_name
from fieldapp.services import reports, users
from fieldapp.services.clock import local_today, utc_now
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import report_queries as q

_DEADLINE = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def add_wave(uow: UnitOfWork, name: str, starts_on: date, ends_on: date, *, actor: dm.User) -> Wave:
    """Add a wave; refused if it ends before it starts, reuses a name or overlaps another."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    clean = normalise_name(name)
    if not clean:
        raise ValidationError("reports.wave_name_needed")
    if ends_on < starts_on:
        raise ValidationError(
            "reports.wave_ends_before_start", start=_dmy(starts_on), end=_dmy(ends_on)
        )
    with uow:
        session = uow.repo.session
        existing = q.waves(session)
        if any(w.name.casefold() == clean.casefold() for w in existing):
            raise ConflictError("reports.wave_name_taken", name=clean)
        for other in existing:
            if other.overlaps(starts_on, ends_on):
                raise ConflictError(
                    "reports.wave_overlaps",
                    name=clean,
                    other=other.name,
                    start=_dmy(other.starts_on),
                    end=_dmy(other.ends_on),
                )
        wave = Wave(uuid.uuid4(), clean, starts_on, ends_on)
        q.add_wave(session, wave, utc_now())
        uow.commit()
    return wave


def remove_wave(uow: UnitOfWork, name: str, *, actor: dm.User) -> Wave:
    """Remove a wave by name (a mistyped wave can be removed and added again)."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    with uow:
        wave = _wave_named(q.waves(uow.repo.session), name)
        q.delete_wave(uow.repo.session, wave.id)
        uow.commit()
    return wave


def waves(uow: UnitOfWork) -> list[Wave]:
    """The campaign's waves, oldest first."""
    with uow:
        return q.waves(uow.repo.session)


def wave_named(uow: UnitOfWork, name: str) -> Wave:
    """A wave by name, case and diacritics as typed or not."""
    return _wave_named(waves(uow), name)


def _wave_named(all_waves: list[Wave], name: str) -> Wave:
    from fieldapp.domain.text import fold

    wanted = fold(name)
    found = next((w for w in all_waves if fold(w.name) == wanted), None)
    if found is None:
        raise NotFoundError("reports.wave_unknown", name=name)
    return found


def set_target(
    uow: UnitOfWork,
    village_name: str,
    target: int,
    *,
    actor: dm.User,
    today: date | None = None,
) -> int:
    """Set a village's target of linked accounts; refused below what the village has done."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    if target < 0:
        raise ValidationError("reports.target_negative", value=target)
    with uow:
        village = uow.repo.village_by_name(village_name)
    if village is None:
        raise NotFoundError("reports.village_unknown", name=village_name)
    done = linked_in_village(uow, village.id, today=today)
    if target < done:
        raise ValidationError(
            "reports.target_below_done", village=village.name, value=target, done=done
        )
    with uow:
        q.set_target(uow.repo.session, village.id, target, utc_now())
        uow.commit()
    return village.name


def village_targets(uow: UnitOfWork) -> list[tuple[str, int | None]]:
    """Every village with its target (None: the default, everyone with a level-2 account)."""
    with uow:
        chosen = q.targets(uow.repo.session)
        return [(v.name, chosen.get(v.id)) for v in uow.repo.villages()]


def linked_in_village(uow: UnitOfWork, village_id: uuid.UUID, *, today: date | None = None) -> int:
    """Citizens of the village with a benefit link submitted or approved, as of today."""
    from fieldapp.domain.periods import day_period

    figures = reports.compute_figures(uow, day_period(today or local_today()))
    row = next((r for r in figures.by_village if r.key == str(village_id)), None)
    return 0 if row is None else row.cumulative.linked


def report_deadline(uow: UnitOfWork) -> str:
    """The hour the daily report is due (16:00 unless set: seeds say 14:00 or 16:00)."""
    with uow:
        commune = next(iter(uow.repo.communes()), None)
    return "16:00" if commune is None else commune.report_deadline


def set_report_deadline(uow: UnitOfWork, deadline: str, *, actor: dm.User) -> str:
    """Set the daily report deadline, "HH:MM"."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    match = _DEADLINE.match(deadline.strip())
    if match is None:
        raise ValidationError("reports.bad_deadline", value=deadline)
    clean = f"{int(match.group(1)):02d}:{match.group(2)}"
    with uow:
        if q.set_report_deadline(uow.repo.session, clean) == 0:
            raise NotFoundError("reports.no_commune")
        uow.commit()
    return clean


def _dmy(day: date) -> str:
    from fieldapp.i18n.formats import date_text

    return date_text(day)

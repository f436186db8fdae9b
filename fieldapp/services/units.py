"""Schools, organisations and offices: their rosters (from their own lists) and tallies.

Seed 000 §V.3, V.7, V.9, V.10 and 002 §5: a unit reports its teachers, parents, students or
members activated and linked, through the commune police, before 15/6/2026. A roster member
is a citizen by personal ID: a roster row for someone the store does not have creates the
citizen (name as typed in the unit's list: "manual", never an official-list name). Units and
rosters are the police's or an admin's (`Action.MANAGE_UNITS`); they never come from a point.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

from fieldapp.domain import model as dm
from fieldapp.domain import teams as dt
from fieldapp.domain.errors import ConflictError, NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.status import fold_status
from fieldapp.domain.text import fold, normalise_name
from fieldapp.ingest.columns import ListKind
from fieldapp.services import report_timelines, users
from fieldapp.services.clock import utc_now
from fieldapp.services.teams import list_rows
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import teams_queries as q
from fieldapp.store.documents_queries import events_for_many

if TYPE_CHECKING:  # the preview type lives with the list importer
    from fieldapp.services.lists import ListPreview

_log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class RosterImported:
    """What a roster's import did."""

    unit: dt.Unit
    added: int
    kept: int
    removed: int
    citizens_added: int
    rejected: int
    ids_restored: int


@dataclass(frozen=True, slots=True)
class RosterLine:
    """One member of a unit as its report lists them."""

    citizen: dm.Citizen
    role: dt.RosterRole
    level2: bool
    activated: bool
    linked: bool


def add_unit(
    uow: UnitOfWork,
    name: str,
    *,
    kind: dt.UnitKind | str = dt.UnitKind.ORGANISATION,
    deadline: date | None = None,
    target_percent: int = dt.UNIT_TARGET_PERCENT,
    actor: dm.User,
) -> dt.Unit:
    """Add a school, organisation or office; a name already there (any spelling) is refused."""
    users.check(uow, actor, Action.MANAGE_UNITS)
    clean = normalise_name(name)
    if not clean:
        raise ValidationError("units.name_needed")
    unit = dt.Unit(
        uuid.uuid4(), clean, _kind(kind), deadline or dt.UNIT_DEADLINE, _percent(target_percent)
    )
    with uow:
        if q.unit_by_name(uow.repo.session, clean) is not None:
            raise ConflictError("units.exists", name=clean)
        q.put_unit(uow.repo.session, unit, utc_now())
        uow.commit()
    return unit


def change_unit(
    uow: UnitOfWork,
    name: str,
    *,
    deadline: date | None = None,
    target_percent: int | None = None,
    kind: dt.UnitKind | str | None = None,
    actor: dm.User,
) -> dt.Unit:
    """Change a unit's deadline, target or kind."""
    users.check(uow, actor, Action.MANAGE_UNITS)
    with uow:
        unit = _unit(uow, name)
        changed = dt.Unit(
            unit.id,
            unit.name,
            _kind(kind) if kind else unit.kind,
            deadline or unit.deadline,
            unit.target_percent if target_percent is None else _percent(target_percent),
        )
        q.put_unit(uow.repo.session, changed, utc_now())
        uow.commit()
    return changed


def units(uow: UnitOfWork) -> list[dt.Unit]:
    """Every unit, by name."""
    with uow:
        return q.units(uow.repo.session)


def import_roster(
    uow: UnitOfWork,
    preview: ListPreview,
    unit_name: str,
    *,
    replace: bool = False,
    now: datetime | None = None,
    actor: dm.User,
) -> RosterImported:
    """A unit's list onto its roster, in one transaction; each row a citizen by personal ID.

    The list importer read and checked the file (`preview_list(..., kind="roster")`), names
    that disagree with the store included; rows with errors are left out. A citizen the store
    lacks is created from the row. With `replace`, members the list no longer names leave the
    roster (a whole new list); otherwise the list adds to it.
    """
    users.check(uow, actor, Action.MANAGE_UNITS)
    rows = list_rows(preview, ListKind.ROSTER)
    at = now or utc_now()
    added = kept = created = removed = 0
    with uow:
        repo = uow.repo
        session = repo.session
        unit = _unit(uow, unit_name)
        current = report_timelines.cache_is_current(uow)
        stored = q.stored_citizen_ids(session, [r.personal_id for r in rows])
        new_ids: list[str] = []
        for row in rows:
            if row.personal_id not in stored:
                citizen = dm.Citizen(
                    personal_id=row.personal_id,
                    full_name=row.full_name,
                    birth_date=row.birth_date,
                    sex=row.sex,
                    address=row.address,
                    village_id=row.village_id,
                    phone=row.phone,
                )
                repo.add_citizen(citizen, name_source="manual")
                stored.add(row.personal_id)
                new_ids.append(row.personal_id)
        session.flush()
        for row in rows:
            role = dt.parse_roster_role(row.member_role).value
            fresh = q.put_roster_member(
                session, unit.id, row.personal_id, role, preview.table.file_name, at
            )
            added += fresh
            kept += not fresh
        if replace:
            removed = q.drop_roster_members(session, unit.id, {r.personal_id for r in rows})
        created = len(new_ids)
        if new_ids:
            report_timelines.refold_touched(uow, new_ids, was_current=current)
        uow.commit()
    # ids and counts only: never a name or an ID number
    _log.info(
        "roster imported: unit %s, %d added, %d kept, %d removed, %d citizens created, by %s",
        unit.id, added, kept, removed, created, actor.id,
    )  # fmt: skip
    return RosterImported(
        unit, added, kept, removed, created, len(preview.errors), preview.parsed.ids_restored
    )


def unit_tallies(uow: UnitOfWork, *, actor: dm.User) -> list[dt.UnitTally]:
    """Every unit's figures, units below target first (`units_in_report_order`)."""
    users.check(uow, actor, Action.VIEW_REPORTS)
    with uow:
        session = uow.repo.session
        all_units = q.units(session)
        lists = q.rosters(session)
        marks = _marks(uow, sorted({p for r in lists.values() for p in r}))
    tallies = [_tally(unit, lists.get(unit.id, {}), marks) for unit in all_units]
    return dt.units_in_report_order(tallies)


def unit_roster(
    uow: UnitOfWork, unit_name: str, *, actor: dm.User
) -> tuple[dt.UnitTally, list[RosterLine]]:
    """One unit's figures and its members, those with something left first, then by name."""
    users.check(uow, actor, Action.VIEW_REPORTS)
    with uow:
        unit = _unit(uow, unit_name)
        members = q.roster(uow.repo.session, unit.id)
        citizens = uow.repo.citizens_by_ids(members)
        marks = _marks(uow, sorted(members))
    lines = [
        RosterLine(citizens[p], dt.RosterRole(members[p]), *marks.get(p, (False, False, False)))
        for p in members
        if p in citizens
    ]
    lines.sort(key=lambda r: (r.linked, fold(r.citizen.full_name), r.citizen.personal_id))
    return _tally(unit, members, marks), lines


def _marks(uow: UnitOfWork, personal_ids: list[str]) -> dict[str, tuple[bool, bool, bool]]:
    """(level 2, activated, linked) of each citizen, as the report's fold counts them."""
    repo = uow.repo
    citizens = repo.citizens_by_ids(personal_ids)
    outcomes, facts = events_for_many(repo.session, personal_ids)
    found = {}
    for pid, citizen in citizens.items():
        status = fold_status(citizen, outcomes.get(pid, ()), facts.get(pid, ()))
        m = report_timelines.marks_of(status)
        found[pid] = (m.level2, m.activated, m.linked)
    return found


def _tally(
    unit: dt.Unit, members: dict[str, str], marks: dict[str, tuple[bool, bool, bool]]
) -> dt.UnitTally:
    flags = [marks.get(p, (False, False, False)) for p in members]
    return dt.UnitTally(
        unit,
        members=len(members),
        level2=sum(f[0] for f in flags),
        activated=sum(f[1] for f in flags),
        linked=sum(f[2] for f in flags),
    )


def _unit(uow: UnitOfWork, name: str) -> dt.Unit:
    unit = q.unit_by_name(uow.repo.session, name)
    if unit is None:
        raise NotFoundError("units.unknown", name=name)
    return unit


def _kind(kind: dt.UnitKind | str) -> dt.UnitKind:
    try:
        return dt.UnitKind(kind)
    except ValueError:
        raise ValidationError("units.bad_kind", value=str(kind)) from None


def _percent(value: int) -> int:
    if not 1 <= int(value) <= 100:
        raise ValidationError("units.bad_target", value=str(value))
    return int(value)

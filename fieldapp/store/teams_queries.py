"""The SQL of village teams, units and rosters, and of the visits team members helped with."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, func, select
from sqlmodel import Session, col

from fieldapp.domain import model as dm
from fieldapp.domain import teams as dt
from fieldapp.domain.text import fold
from fieldapp.store import mapping
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked


# --- teams ---
def _team(row: t.TeamRow) -> dt.Team:
    return dt.Team(row.id, row.village_id, row.name)


def _member(row: t.TeamMemberRow) -> dt.TeamMember:
    return dt.TeamMember(
        id=row.id,
        team_id=row.team_id,
        full_name=row.full_name,
        role=dt.parse_team_role(row.role),
        phone=row.phone,
        personal_id=row.personal_id,
        user_id=row.user_id,
        target=row.target,
        leader=row.leader,
    )


def teams(session: Session) -> list[tuple[dt.Team, str]]:
    """Every team with its village's name, in the villages' name order."""
    stmt = (
        select(t.TeamRow, t.Village.name)
        .join(t.Village, t.Village.id == t.TeamRow.village_id)
        .order_by(t.Village.name_folded)
    )
    return [(_team(row), name) for row, name in session.execute(stmt)]


def team_of_village(session: Session, village_id: uuid.UUID) -> dt.Team | None:
    """The village's team, if it has one."""
    row = session.execute(
        select(t.TeamRow).where(t.TeamRow.village_id == village_id)
    ).scalar_one_or_none()
    return None if row is None else _team(row)


def get_team(session: Session, team_id: uuid.UUID) -> dt.Team | None:
    """One team by id."""
    row = session.get(t.TeamRow, team_id)
    return None if row is None else _team(row)


def put_team(session: Session, team: dt.Team, at: datetime) -> None:
    """Add a team, or rename it (same id)."""
    row = session.get(t.TeamRow, team.id)
    if row is None:
        row = t.TeamRow(id=team.id, village_id=team.village_id, name=team.name, updated_at=at)
        session.add(row)
    else:
        row.name, row.updated_at = team.name, at


def members(session: Session, team_id: uuid.UUID | None = None) -> list[dt.TeamMember]:
    """Active members (of one team, or all), leaders first, then by name."""
    stmt = select(t.TeamMemberRow).where(col(t.TeamMemberRow.active).is_(True))
    if team_id is not None:
        stmt = stmt.where(t.TeamMemberRow.team_id == team_id)
    found = [_member(r) for r in session.execute(stmt).scalars()]
    return sorted(found, key=lambda m: (m.team_id, not m.leader, fold(m.full_name), str(m.id)))


def get_member(session: Session, member_id: uuid.UUID) -> dt.TeamMember | None:
    """One member by id (active or not)."""
    row = session.get(t.TeamMemberRow, member_id)
    return None if row is None else _member(row)


def put_member(session: Session, member: dt.TeamMember, at: datetime, active: bool = True) -> None:
    """Add a member, or replace what is known of one (same id)."""
    row = session.get(t.TeamMemberRow, member.id)
    values = {
        "team_id": member.team_id,
        "full_name": member.full_name,
        "role": member.role.value,
        "phone": member.phone,
        "personal_id": member.personal_id,
        "user_id": member.user_id,
        "target": member.target,
        "leader": member.leader,
        "active": active,
        "updated_at": at,
    }
    if row is None:
        session.add(t.TeamMemberRow(id=member.id, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)


def clear_leader(session: Session, team_id: uuid.UUID, at: datetime) -> None:
    """No member of the team leads it (before another is made leader)."""
    for row in session.execute(
        select(t.TeamMemberRow).where(t.TeamMemberRow.team_id == team_id)
    ).scalars():
        if row.leader:
            row.leader, row.updated_at = False, at


def member_counts(session: Session) -> dict[uuid.UUID, int]:
    """Active members per team."""
    stmt = (
        select(t.TeamMemberRow.team_id, func.count())
        .where(col(t.TeamMemberRow.active).is_(True))
        .group_by(t.TeamMemberRow.team_id)
    )
    return {team_id: n for team_id, n in session.execute(stmt)}


# --- visit helpers ---
def add_visit_helper(
    session: Session,
    *,
    helper_id: uuid.UUID,
    visit: dm.Visit,
    member_id: uuid.UUID,
    user_id: uuid.UUID,
    at: datetime,
) -> None:
    """Record who brought the visit's citizen in (an event: the latest per visit counts)."""
    session.add(
        t.VisitHelperRow(
            id=helper_id,
            visit_id=visit.id,
            personal_id=visit.personal_id,
            member_id=member_id,
            recorded_at=at,
            user_id=user_id,
            support_point_id=visit.support_point_id,
        )
    )


def helpers_of_visits(
    session: Session, visit_ids: Iterable[uuid.UUID] | None = None
) -> dict[uuid.UUID, uuid.UUID]:
    """The member who helped each visit: the latest pick (by time, then id) wins."""
    stmt = select(
        t.VisitHelperRow.visit_id,
        t.VisitHelperRow.member_id,
        t.VisitHelperRow.recorded_at,
        t.VisitHelperRow.id,
    )
    rows: list[tuple[uuid.UUID, uuid.UUID, datetime, uuid.UUID]] = []
    if visit_ids is None:
        rows = list(session.execute(stmt))
    else:
        for chunk in chunked(list(visit_ids)):
            rows.extend(session.execute(stmt.where(col(t.VisitHelperRow.visit_id).in_(chunk))))
    latest: dict[uuid.UUID, tuple[datetime, str, uuid.UUID]] = {}
    for visit_id, member_id, at, row_id in rows:
        key = (at.replace(tzinfo=None), str(row_id), member_id)
        if visit_id not in latest or key[:2] > latest[visit_id][:2]:
            latest[visit_id] = key
    return {visit_id: key[2] for visit_id, key in latest.items()}


def visits_helped(
    session: Session, visit_ids: Iterable[uuid.UUID], user_ids: Sequence[uuid.UUID]
) -> list[tuple[uuid.UUID, uuid.UUID, datetime]]:
    """(visit id, user id, when) of the given visits and of every visit by the given users."""
    stmt = select(t.Visit.id, t.Visit.user_id, t.Visit.occurred_at)
    found: dict[uuid.UUID, tuple[uuid.UUID, uuid.UUID, datetime]] = {}
    for chunk in chunked(list(visit_ids)):
        for row in session.execute(stmt.where(col(t.Visit.id).in_(chunk))):
            found[row[0]] = tuple(row)  # type: ignore[assignment]
    for chunk in chunked(list(user_ids)):
        for row in session.execute(stmt.where(col(t.Visit.user_id).in_(chunk))):
            found[row[0]] = tuple(row)  # type: ignore[assignment]
    return list(found.values())


def outcomes_of_visits(
    session: Session, visit_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[dm.Outcome]]:
    """The outcomes recorded on each of these visits (corrections included)."""
    found: dict[uuid.UUID, list[dm.Outcome]] = defaultdict(list)
    for chunk in chunked(list(visit_ids)):
        stmt = select(t.Outcome).where(col(t.Outcome.visit_id).in_(chunk))
        for row in session.execute(stmt).scalars():
            found[row.visit_id].append(mapping.outcome_to_domain(row))
    return found


# --- units and rosters ---
def _unit(row: t.UnitRow) -> dt.Unit:
    return dt.Unit(row.id, row.name, dt.UnitKind(row.kind), row.deadline, row.target_percent)


def units(session: Session) -> list[dt.Unit]:
    """Every unit, by name."""
    stmt = select(t.UnitRow).order_by(t.UnitRow.name_folded)
    return [_unit(r) for r in session.execute(stmt).scalars()]


def unit_by_name(session: Session, name: str) -> dt.Unit | None:
    """A unit by its name, whatever the case and diacritics."""
    row = session.execute(
        select(t.UnitRow).where(t.UnitRow.name_folded == fold(name).strip())
    ).scalar_one_or_none()
    return None if row is None else _unit(row)


def put_unit(session: Session, unit: dt.Unit, at: datetime) -> None:
    """Add a unit, or change it (same id)."""
    row = session.get(t.UnitRow, unit.id)
    values = {
        "name": unit.name,
        "name_folded": fold(unit.name).strip(),
        "kind": unit.kind.value,
        "deadline": unit.deadline,
        "target_percent": unit.target_percent,
        "updated_at": at,
    }
    if row is None:
        session.add(t.UnitRow(id=unit.id, **values))
    else:
        for key, value in values.items():
            setattr(row, key, value)


def roster(session: Session, unit_id: uuid.UUID) -> dict[str, str]:
    """Personal ID → role of each member of a unit."""
    stmt = select(t.UnitMemberRow.personal_id, t.UnitMemberRow.role).where(
        t.UnitMemberRow.unit_id == unit_id
    )
    return dict(session.execute(stmt).all())  # type: ignore[arg-type]


def rosters(session: Session) -> dict[uuid.UUID, dict[str, str]]:
    """Every unit's roster: unit id → {personal ID → role}."""
    found: dict[uuid.UUID, dict[str, str]] = defaultdict(dict)
    stmt = select(t.UnitMemberRow.unit_id, t.UnitMemberRow.personal_id, t.UnitMemberRow.role)
    for unit_id, pid, role in session.execute(stmt):
        found[unit_id][pid] = role
    return found


def put_roster_member(
    session: Session, unit_id: uuid.UUID, personal_id: str, role: str, source: str, at: datetime
) -> bool:
    """Put a citizen on a roster (or change their role there); True if they were not on it."""
    row = session.get(t.UnitMemberRow, (unit_id, personal_id))
    if row is None:
        session.add(
            t.UnitMemberRow(
                unit_id=unit_id,
                personal_id=personal_id,
                role=role,
                source_file=source,
                added_at=at,
            )
        )
        return True
    row.role, row.source_file = role, source
    return False


def drop_roster_members(session: Session, unit_id: uuid.UUID, keep: set[str]) -> int:
    """Take off the roster everyone not in `keep` (a whole new list replaces the old one)."""
    gone = [pid for pid in roster(session, unit_id) if pid not in keep]
    for chunk in chunked(gone):
        session.execute(
            delete(t.UnitMemberRow).where(
                t.UnitMemberRow.unit_id == unit_id, col(t.UnitMemberRow.personal_id).in_(chunk)
            )
        )
    return len(gone)


def stored_citizen_ids(session: Session, personal_ids: Sequence[str]) -> set[str]:
    """Which of these personal IDs the store already has."""
    found: set[str] = set()
    for chunk in chunked(list(personal_ids)):
        stmt = select(t.Citizen.personal_id).where(col(t.Citizen.personal_id).in_(chunk))
        found.update(session.execute(stmt).scalars())
    return found

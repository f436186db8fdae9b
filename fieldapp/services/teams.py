"""Village teams: one per village, its members (from the team's list or by hand), who helped.

The police or an admin set teams up (`Action.MANAGE_TEAMS`): a point cannot invent a team or
a member, it receives them with the lists and only records, on its own visits, which member
brought the citizen in (`Action.PICK_HELPER`). A member who also signs in at a desk is linked
to that user: the visits they record count for them too.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import TYPE_CHECKING

from fieldapp.domain import model as dm
from fieldapp.domain import teams as dt
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.personal_id import PersonalId
from fieldapp.domain.phone import mask_phone
from fieldapp.domain.text import fold, normalise_name
from fieldapp.ingest.columns import ListKind
from fieldapp.services import users
from fieldapp.services.clock import utc_now
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import teams_queries as q

if TYPE_CHECKING:  # the preview type lives with the list importer
    from fieldapp.ingest.rows import ListRow
    from fieldapp.services.lists import ListPreview


@dataclass(frozen=True, slots=True)
class TeamLine:
    """A team as the teams screen lists it."""

    team: dt.Team
    village: str
    members: int
    leader: str

    @property
    def too_small(self) -> bool:
        """Fewer members than seed 000 §11 asks for."""
        return self.members < dt.MIN_TEAM_SIZE


@dataclass(frozen=True, slots=True)
class MemberLine:
    """A member as screens show them: the phone masked, the desk user's name if linked."""

    member: dt.TeamMember
    phone: str
    user_name: str


@dataclass(frozen=True, slots=True)
class TeamImported:
    """What a team list's import did."""

    team: dt.Team
    added: int
    updated: int
    rejected: int


def default_team_name(village: str) -> str:
    """What seed 000 §11 calls a village's team: "Tổ Đề án 06 Thôn 3"."""
    return f"Tổ Đề án 06 {village}"


def set_team(
    uow: UnitOfWork, village_name: str, name: str | None = None, *, actor: dm.User
) -> dt.Team:
    """The village's team, made if it has none, renamed if `name` is given."""
    users.check(uow, actor, Action.MANAGE_TEAMS)
    with uow:
        team = _team_for(uow, village_name, name, create=True)
        uow.commit()
    return team


def _team_for(uow: UnitOfWork, village_name: str, name: str | None, *, create: bool) -> dt.Team:
    """Inside a unit of work: the village's team (made or renamed as asked)."""
    village = uow.repo.village_by_name(village_name)
    if village is None:
        raise NotFoundError("village.unknown", name=village_name)
    session = uow.repo.session
    team = q.team_of_village(session, village.id)
    if team is None and not create:
        raise NotFoundError("teams.none", village=village.name)
    clean = normalise_name(name or "") or (team.name if team else default_team_name(village.name))
    if team is None or team.name != clean:
        team = dt.Team(team.id if team else uuid.uuid4(), village.id, clean)
        q.put_team(session, team, utc_now())
        session.flush()
    return team


def teams(uow: UnitOfWork) -> list[TeamLine]:
    """Every team with its size and leader (names only: phones stay out of the list)."""
    with uow:
        session = uow.repo.session
        counts = q.member_counts(session)
        leaders = {m.team_id: m.full_name for m in q.members(session) if m.leader}
        return [
            TeamLine(team, village, counts.get(team.id, 0), leaders.get(team.id, ""))
            for team, village in q.teams(session)
        ]


def members(uow: UnitOfWork, village_name: str) -> tuple[dt.Team, list[MemberLine]]:
    """A village team's members, leader first, phones masked."""
    with uow:
        team = _team_for(uow, village_name, None, create=False)
        names = uow.repo.user_names(
            [m.user_id for m in q.members(uow.repo.session, team.id) if m.user_id]
        )
        lines = [
            MemberLine(m, mask_phone(m.phone or ""), names.get(m.user_id, "") if m.user_id else "")
            for m in q.members(uow.repo.session, team.id)
        ]
    return team, lines


def add_member(
    uow: UnitOfWork,
    village_name: str,
    full_name: str,
    *,
    role: dt.TeamRole | str = dt.TeamRole.OTHER,
    phone: str | None = None,
    personal_id: str | None = None,
    user_name: str | None = None,
    target: int | None = None,
    leader: bool = False,
    actor: dm.User,
) -> dt.TeamMember:
    """Add a member to the village's team (made if the village has none)."""
    users.check(uow, actor, Action.MANAGE_TEAMS)
    name = normalise_name(full_name)
    if not name:
        raise ValidationError("teams.name_needed")
    pid = PersonalId.parse(personal_id).value if personal_id else None
    with uow:
        team = _team_for(uow, village_name, None, create=True)
        session = uow.repo.session
        if pid and any(m.personal_id == pid for m in q.members(session, team.id)):
            raise ValidationError("teams.member_exists", name=name)
        member = dt.TeamMember(
            id=uuid.uuid4(),
            team_id=team.id,
            full_name=name,
            role=dt.parse_team_role(str(role)),
            phone=_phone(phone),
            personal_id=pid,
            user_id=_user_id(uow, user_name),
            target=_target(target),
            leader=leader,
        )
        at = utc_now()
        if leader:
            q.clear_leader(session, team.id, at)
        q.put_member(session, member, at)
        uow.commit()
    return member


def change_member(
    uow: UnitOfWork,
    member_id: uuid.UUID,
    *,
    target: int | str | None = "keep",
    leader: bool | None = None,
    user_name: str | None = None,
    active: bool = True,
    actor: dm.User,
) -> dt.TeamMember:
    """Change a member: target (None: none), leader, linked desk user, or still on the team.

    A member taken off the team (`active=False`) keeps their past help in the tallies.
    """
    users.check(uow, actor, Action.MANAGE_TEAMS)
    with uow:
        session = uow.repo.session
        member = q.get_member(session, member_id)
        if member is None:
            raise NotFoundError("teams.member_unknown")
        at = utc_now()
        if target != "keep":
            member = replace(member, target=_target(target))  # type: ignore[arg-type]
        if user_name is not None:
            member = replace(member, user_id=_user_id(uow, user_name) if user_name else None)
        if leader:
            q.clear_leader(session, member.team_id, at)
            member = replace(member, leader=True)
        elif leader is False:
            member = replace(member, leader=False)
        q.put_member(session, member, at, active=active)
        uow.commit()
    return member


def import_team(
    uow: UnitOfWork, preview: ListPreview, village_name: str, *, actor: dm.User
) -> TeamImported:
    """A team list into the village's team, in one transaction; rows keyed by personal ID.

    The list importer read and checked the file (`preview_list(..., kind="team")`); a member
    already on the team (same personal ID) is updated, not added twice. Rows with errors are
    left out (the preview shows them); nothing is written if the file has none valid.
    """
    users.check(uow, actor, Action.MANAGE_TEAMS)
    rows = list_rows(preview, ListKind.TEAM)
    added = updated = 0
    with uow:
        team = _team_for(uow, village_name, None, create=True)
        session = uow.repo.session
        known = {m.personal_id: m for m in q.members(session, team.id) if m.personal_id}
        at = utc_now()
        for row in rows:
            old = known.get(row.personal_id)
            member = dt.TeamMember(
                id=old.id if old else uuid.uuid4(),
                team_id=team.id,
                full_name=row.full_name,
                role=dt.parse_team_role(row.member_role),
                phone=row.phone or (old.phone if old else None),
                personal_id=row.personal_id,
                user_id=old.user_id if old else None,
                target=old.target if old else None,
                leader=old.leader if old else False,
            )
            q.put_member(session, member, at)
            known[row.personal_id] = member
            added += old is None
            updated += old is not None
        uow.commit()
    return TeamImported(team, added, updated, len(preview.errors))


def list_rows(preview: ListPreview, kind: ListKind) -> list[ListRow]:
    """The valid rows of a team list or a roster, held in memory (tens or hundreds of rows).

    Refused: a list of another kind, a missing required column, nothing valid.
    """
    if preview.kind is not kind:
        raise ValidationError("lists.kind_needs_owner", kind=preview.kind.value)
    if preview.missing:
        from fieldapp.services.lists import missing_column_error

        raise missing_column_error(preview.missing[0])
    rows = [r for r in preview.parsed.rows if r.index not in preview.conflicts]
    if not rows:
        raise ValidationError("lists.nothing_imported")
    return rows


@dataclass(frozen=True, slots=True)
class HelperChoice:
    """A member the desk offers in its quick pick: their own village's team first."""

    member: dt.TeamMember
    village: str
    label: str


def helper_choices(uow: UnitOfWork, point_id: uuid.UUID | None) -> list[HelperChoice]:
    """The members a desk may pick as who brought the citizen in (the point's team first)."""
    with uow:
        repo = uow.repo
        point = repo.get_support_point(point_id) if point_id else None
        home = point.village_id if point else None
        by_team = {team.id: (team, village) for team, village in q.teams(repo.session)}
        chosen = []
        for member in q.members(repo.session):
            team, village = by_team[member.team_id]
            label = f"{member.full_name} ({village})"
            choice = HelperChoice(member, village, label)
            chosen.append((team.village_id != home, fold(village), choice))
    return [c for *_, c in sorted(chosen, key=lambda c: (c[0], c[1]))]


def record_helper(
    uow: UnitOfWork,
    visit_id: uuid.UUID,
    member_id: uuid.UUID,
    *,
    user_id: uuid.UUID,
    now: datetime | None = None,
) -> None:
    """Record which team member brought this visit's citizen in (a later pick replaces it)."""
    with uow:
        repo = uow.repo
        user = users.authorise(repo, user_id, Action.PICK_HELPER)
        visit = repo.get_visit(visit_id)
        if visit is None:
            raise NotFoundError("visit.unknown")
        if user.support_point_id is not None and visit.support_point_id != user.support_point_id:
            raise ValidationError("teams.visit_other_point")
        member = q.get_member(repo.session, member_id)
        if member is None:
            raise NotFoundError("teams.member_unknown")
        q.add_visit_helper(
            repo.session,
            helper_id=dm.new_id(),
            visit=visit,
            member_id=member.id,
            user_id=user.id,
            at=now or utc_now(),
        )
        uow.commit()


def helper_of(uow: UnitOfWork, visit_id: uuid.UUID) -> dt.TeamMember | None:
    """The member recorded as having brought this visit's citizen in, if any."""
    with uow:
        found = q.helpers_of_visits(uow.repo.session, [visit_id]).get(visit_id)
        return q.get_member(uow.repo.session, found) if found else None


def _phone(phone: str | None) -> str | None:
    if not phone:
        return None
    digits = "".join(ch for ch in phone if "0" <= ch <= "9")
    if not 9 <= len(digits) <= 11:
        raise ValidationError("teams.bad_phone")
    return digits if digits.startswith("0") else "0" + digits


def _target(target: object) -> int | None:
    if target is None or target == "":
        return None
    try:
        value = int(str(target))
    except ValueError:
        raise ValidationError("teams.bad_target", value=str(target)) from None
    if not 0 <= value <= 100_000:
        raise ValidationError("teams.bad_target", value=str(target))
    return value


def _user_id(uow: UnitOfWork, user_name: str | None) -> uuid.UUID | None:
    if not user_name:
        return None
    wanted = fold(user_name).strip()
    for user in uow.repo.all_users():
        if fold(user.name).strip() == wanted:
            return user.id
    raise NotFoundError("user.unknown", name=user_name)


def members_by_id(uow: UnitOfWork, ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dt.TeamMember]:
    """Members by id (for the card's "brought in by" line)."""
    with uow:
        return {i: m for i in ids if (m := q.get_member(uow.repo.session, i)) is not None}

"""What each village team and each member's help came to: visits, activations, links, accounts.

A member is credited with the visits they brought a citizen to (the desk's pick) and, when
they also sign in at a desk, with the visits they recorded themselves. What a visit achieved
is read from its own outcomes (corrections applied): an activation, a link submitted or
approved, an account opened. Targets are the links the commune assigned a member.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from fieldapp.domain import model as dm
from fieldapp.domain import teams as dt
from fieldapp.domain.permissions import Action
from fieldapp.services import users
from fieldapp.services.clock import local_today
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import teams_queries as q


@dataclass(frozen=True, slots=True)
class MemberTally:
    """One member and what their help came to."""

    member: dt.TeamMember
    tally: dt.HelperTally

    @property
    def target_percent(self) -> float | None:
        """Links in percent of the member's target, when the commune assigned one."""
        target = self.member.target
        return None if not target else round(100 * self.tally.links / target, 2)


@dataclass(frozen=True, slots=True)
class TeamTally:
    """A team, its members' tallies and the team's total (each visit counted once)."""

    team: dt.Team
    village: str
    members: list[MemberTally]
    total: dt.HelperTally

    @property
    def target(self) -> int | None:
        """The sum of the members' targets, if any member has one."""
        targets = [m.member.target for m in self.members if m.member.target]
        return sum(targets) if targets else None


def team_tallies(
    uow: UnitOfWork,
    *,
    start: date | None = None,
    end: date | None = None,
    actor: dm.User,
) -> list[TeamTally]:
    """Every team's tallies, for the commune's days `start` to `end` (both ends; None: all)."""
    users.check(uow, actor, Action.VIEW_REPORTS)
    with uow:
        session = uow.repo.session
        all_teams = q.teams(session)
        members = q.members(session)
        helpers = q.helpers_of_visits(session)
        users_of_members = sorted({m.user_id for m in members if m.user_id}, key=str)
        visits = [
            (visit_id, user_id)
            for visit_id, user_id, at in q.visits_helped(session, helpers, users_of_members)
            if _within(at, start, end)
        ]
        outcomes = q.outcomes_of_visits(session, [v for v, _ in visits])
    by_member = dt.tally_members(members, visits, helpers, outcomes)
    result = []
    for team, village in all_teams:
        own = [MemberTally(m, by_member[m.id]) for m in members if m.team_id == team.id]
        ids = {m.member.id for m in own}
        users_here = {m.member.user_id for m in own if m.member.user_id}
        team_visits = {
            v for v, u in visits if helpers.get(v) in ids or u in users_here
        }  # each visit once for the team, even when two members share it
        total = dt.HelperTally()
        for visit_id in team_visits:
            total = total.plus(dt.visit_tally(outcomes.get(visit_id, ())))
        result.append(TeamTally(team, village, own, total))
    return result


def _within(moment: object, start: date | None, end: date | None) -> bool:
    if start is None and end is None:
        return True
    assert isinstance(moment, datetime)
    day = local_today(moment if moment.tzinfo else moment.replace(tzinfo=UTC))
    return (start is None or day >= start) and (end is None or day <= end)

"""Village teams and the units (schools, organisations, offices) whose members must be done.

Seed 000 §11: each village has one "Tổ Đề án 06" of at least ten members (party secretary,
village head, security team, community digital team, teachers, students, union members…)
who bring people in and go door to door. Seed 000 §V.3, V.7, V.9, V.10 and 002 §5: schools,
organisations and offices report 100% of their teachers, parents, students or members
activated and linked, through the commune police, before 15/6/2026.

Plain data and the tallies' pure arithmetic; the store keeps the rows, the services check who
may change them.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from fieldapp.domain.model import Outcome, Result, Step
from fieldapp.domain.status import active_outcomes
from fieldapp.domain.text import fold

MIN_TEAM_SIZE = 10  # seed 000 §11: "tối thiểu 10 thành viên"
UNIT_DEADLINE = date(2026, 6, 15)  # seed 000 §V.3, V.7, V.9, V.10: "trước ngày 15/6/2026"
UNIT_TARGET_PERCENT = 100  # seed 000 §V.7, V.9: "100% cán bộ … hội viên, đoàn viên"


class TeamRole(StrEnum):
    """A member's place in the village team (seed 000 §11's list, in its order)."""

    PARTY_SECRETARY = "party_secretary"
    VILLAGE_HEAD = "village_head"
    SECURITY_TEAM = "security_team"
    DIGITAL_TEAM = "digital_team"
    TEACHER = "teacher"
    STUDENT = "student"
    UNION_MEMBER = "union_member"
    OFFICIAL = "official"
    OTHER = "other"


class UnitKind(StrEnum):
    """What kind of unit keeps a roster."""

    SCHOOL = "school"
    ORGANISATION = "organisation"
    OFFICE = "office"


class RosterRole(StrEnum):
    """Who a roster member is to the unit (a school counts teachers, parents and students)."""

    TEACHER = "teacher"
    PARENT = "parent"
    STUDENT = "student"
    MEMBER = "member"


# Folded words as team lists write them; the first match in this order wins.
_TEAM_WORDS: tuple[tuple[TeamRole, tuple[str, ...]], ...] = (
    (TeamRole.PARTY_SECRETARY, ("bi thu", "party secretary")),
    (TeamRole.VILLAGE_HEAD, ("truong thon", "truong lang", "truong ban", "truong xom",
                             "truong khu", "village head")),
    (TeamRole.SECURITY_TEAM, ("antt", "an ninh", "bao ve", "cong an", "security")),
    (TeamRole.DIGITAL_TEAM, ("cong nghe so", "cnsc", "cnscd", "digital")),
    (TeamRole.TEACHER, ("giao vien", "teacher")),
    (TeamRole.STUDENT, ("hoc sinh", "sinh vien", "student")),
    (TeamRole.UNION_MEMBER, ("doan vien", "hoi vien", "doan thanh nien", "hoi phu nu",
                             "cuu chien binh", "nong dan", "mat tran", "union")),
    (TeamRole.OFFICIAL, ("can bo", "cong chuc", "vien chuc", "official")),
)  # fmt: skip
_ROSTER_WORDS: tuple[tuple[RosterRole, tuple[str, ...]], ...] = (
    (RosterRole.TEACHER, ("giao vien", "teacher", "gv")),
    (RosterRole.PARENT, ("phu huynh", "cha me", "parent", "ph")),
    (RosterRole.STUDENT, ("hoc sinh", "sinh vien", "student", "hs")),
)


_TEAM_VALUES = frozenset(r.value for r in TeamRole)


def parse_team_role(text: str | None) -> TeamRole:
    """A team list's "Vai trò" cell → the role; blank or unknown words are OTHER."""
    folded = fold(text or "").strip()
    if folded in _TEAM_VALUES:
        return TeamRole(folded)
    for role, words in _TEAM_WORDS:
        if any(w in folded for w in words):
            return role
    return TeamRole.OTHER


def parse_roster_role(text: str | None) -> RosterRole:
    """A roster's "Đối tượng" cell → the role; blank or other words are MEMBER."""
    folded = fold(text or "").strip()
    if folded in {r.value for r in RosterRole}:
        return RosterRole(folded)
    for role, words in _ROSTER_WORDS:
        if folded in words or any(len(w) > 3 and w in folded for w in words):
            return role
    return RosterRole.MEMBER


@dataclass(frozen=True, slots=True)
class Team:
    """A village's team (one per village)."""

    id: uuid.UUID
    village_id: uuid.UUID
    name: str


@dataclass(frozen=True, slots=True)
class TeamMember:
    """One member: who, their place in the team, how to reach them, and what they aim for.

    `personal_id` keys the member within the team (a list imported again updates, never
    duplicates); `user_id` links a member who also signs in at a desk; `target` is the number
    of benefit-account links the commune assigned them, when it does.
    """

    id: uuid.UUID
    team_id: uuid.UUID
    full_name: str
    role: TeamRole = TeamRole.OTHER
    phone: str | None = None
    personal_id: str | None = None
    user_id: uuid.UUID | None = None
    target: int | None = None
    leader: bool = False


@dataclass(frozen=True, slots=True)
class Unit:
    """A school, organisation or office with a roster, its target and its deadline."""

    id: uuid.UUID
    name: str
    kind: UnitKind = UnitKind.ORGANISATION
    deadline: date = UNIT_DEADLINE
    target_percent: int = UNIT_TARGET_PERCENT


@dataclass(frozen=True, slots=True)
class UnitTally:
    """A unit's figures: how many members, and how many have each thing done.

    `percent` is linked / members (the seeds ask for 100% of members linked); a unit with no
    member has no percentage and counts as below target (it has not reported anyone yet).
    """

    unit: Unit
    members: int
    level2: int
    activated: int
    linked: int

    @property
    def percent(self) -> float | None:
        """Linked members in percent of members, one decimal as the province rounds."""
        return None if not self.members else round(100 * self.linked / self.members, 2)

    @property
    def below_target(self) -> bool:
        """Fewer linked than the unit's target share of its members."""
        return self.members == 0 or self.linked * 100 < self.unit.target_percent * self.members


def units_in_report_order(tallies: list[UnitTally]) -> list[UnitTally]:
    """Units below target first (the furthest behind first), then the others, by name."""
    return sorted(
        tallies,
        key=lambda t: (
            not t.below_target,
            t.percent if t.percent is not None else -1.0,
            fold(t.unit.name),
        ),
    )


@dataclass(frozen=True, slots=True)
class HelperTally:
    """What a team member's help came to: visits, and the steps done on those visits."""

    visits: int = 0
    activations: int = 0
    links: int = 0
    accounts: int = 0

    def plus(self, other: HelperTally) -> HelperTally:
        """The sum of two tallies (a team's is the sum of its members')."""
        return HelperTally(
            self.visits + other.visits,
            self.activations + other.activations,
            self.links + other.links,
            self.accounts + other.accounts,
        )


_LINK_RESULTS = frozenset({Result.DONE, Result.SUBMITTED})


def visit_tally(outcomes: Iterable[Outcome]) -> HelperTally:
    """One visit's worth: the visit, and whether it activated, linked or opened an account.

    Corrected outcomes (and the corrections) do not count; a step done twice on the same
    visit counts once.
    """
    steps = {(o.step, o.result) for o in active_outcomes(outcomes)}
    linked = any((Step.BENEFIT_LINK, r) in steps for r in _LINK_RESULTS)
    return HelperTally(
        visits=1,
        activations=int((Step.EID_ACTIVATION, Result.DONE) in steps),
        links=int(linked),
        accounts=int((Step.BANK_ACCOUNT, Result.DONE) in steps),
    )


def tally_members(
    members: Iterable[TeamMember],
    visits: Iterable[tuple[uuid.UUID, uuid.UUID]],
    helper_of: Mapping[uuid.UUID, uuid.UUID],
    outcomes_of: Mapping[uuid.UUID, Sequence[Outcome]],
) -> dict[uuid.UUID, HelperTally]:
    """Each member's tally: the visits they brought a citizen to or recorded themselves.

    A member linked to a desk user is credited with that user's visits too; each visit
    counts once per member.

    `visits` are (visit id, user id); `helper_of` maps a visit to the member picked for it.
    """
    by_user: dict[uuid.UUID, list[uuid.UUID]] = {}
    tallies: dict[uuid.UUID, HelperTally] = {}
    for member in members:
        tallies[member.id] = HelperTally()
        if member.user_id is not None:
            by_user.setdefault(member.user_id, []).append(member.id)
    for visit_id, user_id in visits:
        credited = set(by_user.get(user_id, ()))
        helper = helper_of.get(visit_id)
        if helper is not None and helper in tallies:
            credited.add(helper)
        if not credited:
            continue
        worth = visit_tally(outcomes_of.get(visit_id, ()))
        for member_id in credited:
            tallies[member_id] = tallies[member_id].plus(worth)
    return tallies

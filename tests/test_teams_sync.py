"""Issue 19 in bundles: teams go from the police to a point; a point sends only who helped.

A point cannot invent a team, a member, a unit or a roster (they come from the police or the
unit's own list): a point's bundle holding one is refused whole, naming the row and the rule.
A point may say which team member brought a citizen in, on its own visits, naming a member
the police hold.
"""

from __future__ import annotations

import uuid

import pytest
from actors import police_of
from hostile import import_with_good, payload_of, seal, stored_point_ids, text_of
from sqlalchemy import func, select
from sync_world import make_world

from fieldapp.domain import model as dm
from fieldapp.services import sync as s
from fieldapp.services import team_tallies, teams
from fieldapp.store import tables as t
from fieldapp.store import teams_queries as tq

LEADER_ID = "038070000011"


@pytest.fixture
def world(tmp_path):
    return make_world(tmp_path, points=2)


def _village_of_point(world, index: int = 0) -> str:
    point = world.data.points[index]
    return next(v.name for v in world.data.villages if v.id == point.village_id)


def _team_at_police(world) -> dm.User:
    police = police_of(world.police)
    village = _village_of_point(world)
    teams.add_member(world.police_uow(), village, "Nguyễn Văn Trưởng", role="village_head",
                     phone="0912345678", personal_id=LEADER_ID, leader=True, target=3,
                     actor=police)  # fmt: skip
    teams.add_member(world.police_uow(), village, "Trần Thị Số Hóa", role="digital_team",
                     actor=police)  # fmt: skip
    return police


def _lists_to_point(world, index: int = 0) -> s.ImportReport:
    results = s.export_lists(
        world.police_uow(), world.police_keys, world.stick, actor=police_of(world.police_uow)
    )
    mine = world.point_keys[index].load().public.fingerprint
    (own,) = [r for r in results if r.recipient == mine]
    report = s.import_bundles(
        world.point_uow(index), world.point_keys[index], [own.path], actor=world.point_user(index)
    )
    own.path.unlink()
    for other in results:
        other.path.unlink(missing_ok=True)
    return report


def _own_visit(world, index: int = 0) -> dm.Visit:
    point = world.data.points[index]
    return next(v for v in world.data.visits if v.support_point_id == point.id)


def test_teams_travel_to_the_point_which_sends_back_who_helped(world):
    world.export(0)
    world.import_()
    police = _team_at_police(world)
    (file,) = _lists_to_point(world).files
    assert file.status == s.IMPORTED, text_of(file)
    choices = teams.helper_choices(world.point_uow(0), world.data.points[0].id)
    assert [c.member.full_name for c in choices] == ["Nguyễn Văn Trưởng", "Trần Thị Số Hóa"]
    with world.point_uow(0) as uow:
        stored = tq.members(uow.repo.session)
    assert all(m.phone is None for m in stored)  # phones stay at the police
    assert next(m for m in stored if m.leader).target == 3

    leader = choices[0].member
    visit = _own_visit(world)
    teams.record_helper(world.point_uow(0), visit.id, leader.id,
                        user_id=world.point_user(0).id)  # fmt: skip
    sent = world.export(0)
    assert sent.written and sent.events == 1  # only the new helper
    (result,) = [f for f in world.import_().files if f.file == sent.path.name]
    assert result.status == s.IMPORTED and result.new_events == 1, text_of(result)
    with world.police_uow() as uow:
        assert tq.helpers_of_visits(uow.repo.session, [visit.id]) == {visit.id: leader.id}
    (tally,) = team_tallies.team_tallies(world.police_uow(), actor=police)
    counted = {m.member.full_name: m.tally.visits for m in tally.members}
    assert counted == {"Nguyễn Văn Trưởng": 1, "Trần Thị Số Hóa": 0}
    # the same bundle again adds nothing (set union)
    assert world.import_(sent.path).files[0].status == s.REPLAYED


def test_a_new_target_at_the_police_reaches_the_point(world):
    police = _team_at_police(world)
    _lists_to_point(world)
    _, lines = teams.members(world.police_uow(), _village_of_point(world))
    leader = next(ln.member for ln in lines if ln.member.leader)
    teams.change_member(world.police_uow(), leader.id, target=7, actor=police)
    _lists_to_point(world)
    with world.point_uow(0) as uow:
        assert tq.get_member(uow.repo.session, leader.id).target == 7
        count = uow.repo.session.execute(select(func.count()).select_from(t.TeamMemberRow))
        assert count.scalar_one() == 2


def _refused(world, hostile, rule: str, section: str) -> None:
    result, _, _ = import_with_good(world, hostile)
    assert result.status == s.REFUSED, text_of(result)
    assert (result.params["rule"], result.params["section"]) == (rule, section)
    assert world.data.points[0].name in text_of(result)
    assert stored_point_ids(world) == {world.data.points[1].id}
    with world.police_uow() as uow:
        session = uow.repo.session
        for table in (t.UnitRow, t.UnitMemberRow, t.VisitHelperRow):
            assert session.execute(select(func.count()).select_from(table)).scalar_one() == 0


@pytest.mark.parametrize("sections", [("units", "unit_members"), ("unit_members",)])
def test_a_points_bundle_carrying_a_roster_is_refused(world, sections):
    payload = payload_of(world, 0)
    unit = uuid.uuid4().hex
    someone = payload["citizens"][0][0]
    rows = {
        "units": [[unit, "Trường THCS Giả", "school", "2026-06-15", 100,
                   "2026-06-01T00:00:00+00:00"]],
        "unit_members": [[unit, someone, "student", "2026-06-01T00:00:00+00:00"]],
    }  # fmt: skip
    payload |= {name: rows[name] for name in sections}
    _refused(world, seal(world, payload), "roster_from_point", sections[0])


def test_a_points_bundle_carrying_a_team_is_refused(world):
    payload = payload_of(world, 0)
    team = uuid.uuid4().hex
    village = payload["villages"][0][0]
    payload["teams"] = [[team, village, "Tổ tự lập", "2026-06-01T00:00:00+00:00"]]
    payload["team_members"] = [[uuid.uuid4().hex, team, "Người Tự Thêm", "other", None, None,
                                50, True, True, "2026-06-01T00:00:00+00:00"]]  # fmt: skip
    _refused(world, seal(world, payload), "team_from_point", "teams")


def _helper_row(world, payload, member: str, point: str | None = None) -> list[object]:
    visit = payload["visits"][0]
    return [uuid.uuid4().hex, visit[0], visit[1], member, "2026-06-05T02:00:00+00:00", visit[4],
            point or visit[3]]  # fmt: skip


def test_a_helper_the_police_do_not_hold_is_refused(world):
    _team_at_police(world)
    payload = payload_of(world, 0)
    payload["visit_helpers"] = [_helper_row(world, payload, uuid.uuid4().hex)]
    _refused(world, seal(world, payload), "unknown_member", "visit_helpers")


def test_a_helper_on_another_points_visit_is_refused(world):
    _team_at_police(world)
    with world.police_uow() as uow:
        member = tq.members(uow.repo.session)[0]
    payload = payload_of(world, 0)
    other = world.data.points[1].id.hex
    payload["visit_helpers"] = [_helper_row(world, payload, member.id.hex, point=other)]
    hostile = seal(world, payload)
    result, _, _ = import_with_good(world, hostile)
    assert result.status == s.REFUSED  # the point it names is not in the bundle, or not its own
    assert result.params["section"] == "visit_helpers"

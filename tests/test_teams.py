"""Village teams (issue 19): members from the team's list, who helped, tallies counted by hand.

Thôn Một's team: M1 (village head, leader, target 2 links), M2 (community digital team, who
also signs in at the desk as U2), M3 (security team).
  v1  A, recorded by U1, brought in by M1: activated, account opened, link submitted
  v2  B, recorded by U2 (M2's desk user), nobody picked: activated
  v3  C, recorded by U2, brought in by M1: a link submitted, then undone by a correction
  v4  D, recorded by U1: M1 picked, then M3 picked instead (the later pick counts): account
By hand:
  M1: visits 2 (v1, v3), activations 1, links 1, accounts 1; 1 of 2 targeted links = 50 %
  M2: visits 2 (v2, v3), activations 1, links 0, accounts 0
  M3: visits 1 (v4), accounts 1
  team: visits 4 (v3 once though two members share it), activations 2, links 1, accounts 2
"""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest
from actors import police_of
from reports_builders import HandCommune, an_id, local

from fieldapp.domain import model as dm
from fieldapp.domain import teams as dt
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import ForbiddenError
from fieldapp.services import lists, team_reports, team_tallies, teams
from fieldapp.store.uow import SqlUnitOfWork
from tests.documents_helpers import pdf_text

S, F, R = dm.Step, dm.FactField, dm.Result
VILLAGE = "Thôn Một"
M1_ID, M2_ID, M3_ID = "038070000011", "038180000022", "038095000033"


class World:
    def __init__(self, engine, h: HandCommune, u2: dm.User, visits: dict[str, dm.Visit]):
        self.engine, self.h, self.u2, self.visits = engine, h, u2, visits

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)


@pytest.fixture
def world(engine) -> World:
    commune = dm.Commune(an_id(), "Xã Kiên Thọ", "Thanh Hóa", "14:00")
    villages = {
        "V1": dm.Village(an_id(), commune.id, VILLAGE),
        "V2": dm.Village(an_id(), commune.id, "Thôn Hai"),
    }
    points = {"P1": dm.SupportPoint(an_id(), "Điểm Thôn Một", villages["V1"].id)}
    u1 = dm.User(an_id(), "Tình Nguyện Viên", dm.Role.VOLUNTEER, points["P1"].id)
    h = HandCommune(commune, villages, points, u1)
    for key in "ABCD":
        h.a_citizen(key, "V1")
    v1 = h.a_visit("A", "P1", local(2026, 6, 3, 8))
    h.an_outcome(v1, S.EID_ACTIVATION)
    h.an_outcome(v1, S.BANK_ACCOUNT, bank="MB")
    h.an_outcome(v1, S.BENEFIT_LINK, R.SUBMITTED)
    h.save(SqlUnitOfWork(engine))
    u2 = dm.User(an_id(), "Bạn Số Hóa", dm.Role.VOLUNTEER, points["P1"].id)
    with SqlUnitOfWork(engine) as uow:
        uow.repo.add_user(u2)
        v2 = dm.Visit(an_id(), h.citizens["B"].personal_id, local(2026, 6, 4, 9), points["P1"].id,
                      u2.id)  # fmt: skip
        v3 = dm.Visit(an_id(), h.citizens["C"].personal_id, local(2026, 6, 5, 9), points["P1"].id,
                      u2.id)  # fmt: skip
        v4 = dm.Visit(an_id(), h.citizens["D"].personal_id, local(2026, 6, 5, 10),
                      points["P1"].id, u1.id)  # fmt: skip
        for visit in (v2, v3, v4):
            uow.repo.add_visit(visit)
        uow.repo.session.flush()
        uow.repo.add_outcome(_outcome(v2, S.EID_ACTIVATION, R.DONE, u2))
        sent = _outcome(v3, S.BENEFIT_LINK, R.SUBMITTED, u2)
        uow.repo.add_outcome(sent)
        uow.repo.add_outcome(
            dm.Outcome(
                an_id(),
                v3.id,
                v3.personal_id,
                sent.step,
                sent.result,
                local(2026, 6, 5, 11),
                u2.id,
                corrects=sent.id,
            )
        )
        uow.repo.add_outcome(_outcome(v4, S.BANK_ACCOUNT, R.DONE, u1, bank="LPBank"))
        uow.commit()
    return World(engine, h, u2, {"v1": v1, "v2": v2, "v3": v3, "v4": v4})


def _outcome(visit: dm.Visit, step, result, user, bank=None) -> dm.Outcome:
    return dm.Outcome(an_id(), visit.id, visit.personal_id, step, result, visit.occurred_at,
                      user.id, bank=bank)  # fmt: skip


@pytest.fixture
def police(engine) -> dm.User:
    return police_of(engine)


def team_file(path) -> str:
    """The team's list as the commune's decision annexes it (CSV with a title line)."""
    rows = [
        ["DANH SÁCH THÀNH VIÊN TỔ ĐỀ ÁN 06 THÔN MỘT"],
        ["STT", "Họ và tên", "Số CCCD", "Chức vụ", "Số điện thoại"],
        ["1", "Nguyễn Văn Trưởng", M1_ID, "Trưởng thôn", "912345678"],
        ["2", "Trần Thị Số Hóa", M2_ID, "Tổ Công nghệ số cộng đồng", "0987654321"],
        ["3", "Lê Văn An Ninh", M3_ID, "Tổ viên tổ ANTT", ""],
        ["4", "Phạm Sai Số", "03807000001", "Bí thư chi bộ", ""],
    ]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    return str(path)


def _members(world: World, police: dm.User, tmp_path) -> dict[str, dt.TeamMember]:
    preview = lists.preview_list(world.uow(), team_file(tmp_path / "to.csv"), "team")
    done = teams.import_team(world.uow(), preview, VILLAGE, actor=police)
    assert (done.added, done.updated, done.rejected) == (3, 0, 1)
    _, lines = teams.members(world.uow(), VILLAGE)
    by_id = {ln.member.personal_id: ln.member for ln in lines}
    m1, m2 = by_id[M1_ID], by_id[M2_ID]
    teams.change_member(world.uow(), m1.id, target=2, leader=True, actor=police)
    teams.change_member(world.uow(), m2.id, user_name="bạn số hóa", actor=police)
    _, lines = teams.members(world.uow(), VILLAGE)
    return {k: ln.member for k, ln in zip(("M1", "M2", "M3"), lines, strict=True)}


def test_a_team_list_imports_members_with_roles_phones_masked_and_again_changes_nothing(
    world, police, tmp_path
):
    members = _members(world, police, tmp_path)
    assert [m.full_name for m in members.values()] == [
        "Nguyễn Văn Trưởng", "Lê Văn An Ninh", "Trần Thị Số Hóa",
    ]  # the leader first, then by name  # fmt: skip
    members = {m.personal_id: m for m in members.values()}
    assert members[M1_ID].role is dt.TeamRole.VILLAGE_HEAD and members[M1_ID].leader
    assert members[M2_ID].role is dt.TeamRole.DIGITAL_TEAM
    assert members[M3_ID].role is dt.TeamRole.SECURITY_TEAM
    assert members[M1_ID].phone == "0912345678"  # Excel's lost zero restored
    team, lines = teams.members(world.uow(), VILLAGE)
    shown = {ln.member.personal_id: ln for ln in lines}
    assert shown[M1_ID].phone == "••••••5678"
    assert shown[M2_ID].user_name == "Bạn Số Hóa"
    assert team.name == "Tổ Đề án 06 Thôn Một"
    preview = lists.preview_list(world.uow(), str(tmp_path / "to.csv"), "team")
    again = teams.import_team(world.uow(), preview, VILLAGE, actor=police)
    assert (again.added, again.updated) == (0, 3)
    (line,) = teams.teams(world.uow())
    assert (line.members, line.leader, line.too_small) == (3, "Nguyễn Văn Trưởng", True)


def test_team_tallies_match_the_hand_counts(world, police, tmp_path):
    m = _members(world, police, tmp_path)
    by_name = {x.full_name: x for x in m.values()}
    m1, m3 = by_name["Nguyễn Văn Trưởng"], by_name["Lê Văn An Ninh"]
    v, u1 = world.visits, world.h.user
    teams.record_helper(world.uow(), v["v1"].id, m1.id, user_id=u1.id)
    teams.record_helper(world.uow(), v["v3"].id, m1.id, user_id=world.u2.id)
    teams.record_helper(world.uow(), v["v4"].id, m1.id, user_id=u1.id, now=local(2026, 6, 5, 10))
    teams.record_helper(world.uow(), v["v4"].id, m3.id, user_id=u1.id, now=local(2026, 6, 5, 11))
    assert teams.helper_of(world.uow(), v["v4"].id).id == m3.id
    (team,) = team_tallies.team_tallies(world.uow(), actor=police)
    got = {x.member.full_name: x.tally for x in team.members}
    assert got["Nguyễn Văn Trưởng"] == dt.HelperTally(2, 1, 1, 1)
    assert got["Trần Thị Số Hóa"] == dt.HelperTally(2, 1, 0, 0)
    assert got["Lê Văn An Ninh"] == dt.HelperTally(1, 0, 0, 1)
    assert team.total == dt.HelperTally(4, 2, 1, 2)
    leader = next(x for x in team.members if x.member.leader)
    assert (leader.member.target, leader.target_percent) == (2, 50.0)
    # 5 June only (commune days): v3 and v4
    (day,) = team_tallies.team_tallies(
        world.uow(), start=date(2026, 6, 5), end=date(2026, 6, 5), actor=police
    )
    assert day.total == dt.HelperTally(2, 0, 0, 1)


def test_only_the_police_set_teams_up_and_a_volunteer_picks_helpers_on_own_visits(
    world, police, tmp_path
):
    members = _members(world, police, tmp_path)
    with pytest.raises(ForbiddenError):
        teams.add_member(world.uow(), VILLAGE, "Người Lạ", actor=world.h.user)
    with pytest.raises(ForbiddenError):
        teams.set_team(world.uow(), "Thôn Hai", actor=world.h.user)
    preview = lists.preview_list(world.uow(), str(tmp_path / "to.csv"), "team")
    with pytest.raises(ForbiddenError):
        teams.import_team(world.uow(), preview, VILLAGE, actor=world.h.user)
    elsewhere = dm.User(an_id(), "Điểm Khác", dm.Role.VOLUNTEER, an_id())
    with world.uow() as uow:
        uow.repo.add_user(elsewhere)
        uow.commit()
    some = next(iter(members.values()))
    with pytest.raises(ValidationError):
        teams.record_helper(world.uow(), world.visits["v1"].id, some.id, user_id=elsewhere.id)
    bank = dm.User(an_id(), "Cán Bộ Ngân Hàng", dm.Role.BANK_OFFICER, world.h.points["P1"].id)
    with world.uow() as uow:
        uow.repo.add_user(bank)
        uow.commit()
    with pytest.raises(ForbiddenError):
        teams.record_helper(world.uow(), world.visits["v1"].id, some.id, user_id=bank.id)


def test_the_desk_offers_its_own_villages_team_first(world, police, tmp_path):
    _members(world, police, tmp_path)
    teams.add_member(world.uow(), "Thôn Hai", "Đỗ Thị Hai", role="teacher", actor=police)
    choices = teams.helper_choices(world.uow(), world.h.points["P1"].id)
    assert [c.village for c in choices] == [VILLAGE] * 3 + ["Thôn Hai"]
    assert choices[0].label == "Nguyễn Văn Trưởng (Thôn Một)"


def test_roles_are_read_from_the_words_lists_use():
    assert dt.parse_team_role("Bí thư chi bộ") is dt.TeamRole.PARTY_SECRETARY
    assert dt.parse_team_role("Phó trưởng thôn") is dt.TeamRole.VILLAGE_HEAD
    assert dt.parse_team_role("Đoàn viên thanh niên") is dt.TeamRole.UNION_MEMBER
    assert dt.parse_team_role("Giáo viên trường TH") is dt.TeamRole.TEACHER
    assert dt.parse_team_role("") is dt.TeamRole.OTHER
    assert dt.parse_roster_role("PH") is dt.RosterRole.PARENT
    assert dt.parse_roster_role("Học sinh lớp 9A") is dt.RosterRole.STUDENT
    assert dt.parse_roster_role("Hội viên") is dt.RosterRole.MEMBER


def test_the_teams_report_pdf_and_xlsx(world, police, tmp_path):
    m = _members(world, police, tmp_path)
    leader = next(x for x in m.values() if x.leader)
    teams.record_helper(world.uow(), world.visits["v1"].id, leader.id, user_id=world.h.user.id)
    pdf = tmp_path / "to.pdf"
    team_reports.write_teams_report(world.uow(), pdf, actor=police, today=date(2026, 6, 6))
    text = pdf_text(pdf.read_bytes())
    assert "BÁO CÁO KẾT QUẢ CỦA CÁC TỔ ĐỀ ÁN 06 THÔN" in text
    assert "Nguyễn Văn Trưởng" in text and "Trưởng thôn · Tổ trưởng" in text
    assert "0912345678" not in text and "5678" not in text  # no phone on the report
    assert "Tổ mới có 3 thành viên, cần tối thiểu 10" in text
    out = tmp_path / "to.xlsx"
    team_reports.write_teams_report(world.uow(), out, fmt="xlsx", actor=police)
    rows = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    team_row = next(r for r in rows if r and r[1] == "Tổ Đề án 06 Thôn Một")
    assert team_row[2:6] == (3, 2, 1, 1)  # v1 (M1) and v2, v3 (M2 recorded them at the desk)
    with pytest.raises(ForbiddenError):
        team_reports.write_teams_report(world.uow(), out, actor=world.h.user)


def test_the_team_leaders_door_list_is_the_villages_in_the_teams_name(world, police, tmp_path):
    _members(world, police, tmp_path)
    out = tmp_path / "di-tung-ho.pdf"
    found = team_reports.write_team_door_list(
        world.uow(), VILLAGE, out, actor=police, today=date(2026, 6, 6)
    )
    text = pdf_text(out.read_bytes())
    assert len(found.rows) == 3  # B, C, D: A waits for the approval of her link
    assert "Tổ Đề án 06 Thôn Một" in text and "TỔ TRƯỞNG" in text
    assert "Nguyễn Văn Trưởng" in text  # the leader signs it
    with pytest.raises(ForbiddenError):
        team_reports.write_team_door_list(world.uow(), VILLAGE, out, actor=world.h.user)

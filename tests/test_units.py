"""Schools and organisations (issue 19): rosters from their own lists, figures counted by hand.

The commune (three stored citizens, all in Thôn Một):
  A: level 2 (list), activated, link submitted at P1  → level 2, activated, linked
  B: level 2 (list) only                              → level 2
  C: level 2, activated, account, biometrics, link approved → level 2, activated, linked
Rosters:
  Trường THCS Kiên Thọ (school): A (teacher), B (teacher), two new parents/students from the
    list (created), and a row for C's ID under another name (refused: name conflict)
    → 4 members, level 2: 2, activated 1, linked 1, 25 %
  Hội Phụ nữ xã (organisation): B, C → 2 members, 2, 1, 1, 50 %
  UBND xã (office): C → 1 member, 1, 1, 1, 100 % (reached)
Report order: below target first, furthest behind first: school, organisation, office.
"""

from __future__ import annotations

import logging
from datetime import date

import openpyxl
import pytest
from actors import police_of
from reports_builders import HandCommune, an_id, local

from fieldapp.domain import model as dm
from fieldapp.domain import teams as dt
from fieldapp.domain.errors import ConflictError, ValidationError
from fieldapp.domain.permissions import ForbiddenError
from fieldapp.services import lists, team_reports, units
from fieldapp.store.uow import SqlUnitOfWork
from tests.documents_helpers import pdf_text

S, F, R = dm.Step, dm.FactField, dm.Result
SCHOOL, UNION, OFFICE = "Trường THCS Kiên Thọ", "Hội Phụ nữ xã", "UBND xã"
PARENT_ID, STUDENT_ID = "038185012345", "038210054321"  # born 1985 (female), 2010 (male)


def _hand() -> HandCommune:
    commune = dm.Commune(an_id(), "Xã Kiên Thọ", "Thanh Hóa", "14:00")
    villages = {"V1": dm.Village(an_id(), commune.id, "Thôn Một")}
    points = {"P1": dm.SupportPoint(an_id(), "Điểm Thôn Một", villages["V1"].id)}
    user = dm.User(an_id(), "Tình Nguyện Viên", dm.Role.VOLUNTEER, points["P1"].id)
    h = HandCommune(commune, villages, points, user)
    june1 = date(2026, 6, 1)
    for key in "ABC":
        h.a_citizen(key, "V1")
        h.a_fact(key, F.EID_LEVEL, "2", june1)
    visit = h.a_visit("A", "P1", local(2026, 6, 5, 8))
    h.an_outcome(visit, S.EID_ACTIVATION)
    h.an_outcome(visit, S.BENEFIT_LINK, R.SUBMITTED)
    visit = h.a_visit("C", "P1", local(2026, 6, 5, 9))
    for step in (S.EID_ACTIVATION, S.BANK_ACCOUNT, S.BIOMETRIC_VERIFIED, S.BENEFIT_LINK):
        h.an_outcome(visit, step, bank="MB" if step is S.BANK_ACCOUNT else None)
    return h


@pytest.fixture
def hand(engine) -> HandCommune:
    h = _hand()
    h.save(SqlUnitOfWork(engine))
    return h


@pytest.fixture
def police(engine) -> dm.User:
    return police_of(engine)


def roster_file(path, rows: list[tuple[object, ...]], *, title: str = SCHOOL) -> str:
    """A unit's own list: a title block, a header, IDs as numbers (zeros lost), a footer."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append([title.upper()])
    sheet.append(["DANH SÁCH GIÁO VIÊN, PHỤ HUYNH, HỌC SINH"])
    sheet.append([])
    sheet.append(["STT", "Họ và tên", "Số định danh cá nhân", "Ngày sinh", "Vai trò", "Ghi chú"])
    for number, row in enumerate(rows, start=1):
        sheet.append([number, *row])
    sheet.append(["Tổng cộng: " + str(len(rows))])
    book.save(path)
    return str(path)


def _import(engine, police, path, unit, **kw) -> units.RosterImported:
    preview = lists.preview_list(SqlUnitOfWork(engine), path, "roster")
    return units.import_roster(SqlUnitOfWork(engine), preview, unit, actor=police, **kw)


def _rosters(engine, hand, police, tmp_path) -> None:
    a, b, c = (hand.citizens[k] for k in "ABC")
    uow = SqlUnitOfWork(engine)
    units.add_unit(uow, SCHOOL, kind="school", actor=police)
    units.add_unit(SqlUnitOfWork(engine), UNION, kind="organisation", actor=police)
    units.add_unit(SqlUnitOfWork(engine), OFFICE, kind="office", actor=police)
    school = roster_file(tmp_path / "truong.xlsx", [
        (a.full_name, int(a.personal_id), date(1990, 1, 1), "Giáo viên", ""),
        (b.full_name, int(b.personal_id), "01/01/1990", "GV", ""),
        ("Lê Thị Phụ Huynh", PARENT_ID, "02/03/1985", "Phụ huynh", "mới"),
        ("Lê Văn Học Sinh", int(STUDENT_ID), "04/05/2010", "Học sinh lớp 9", ""),
        ("Tên Khác Hẳn", c.personal_id, None, "Giáo viên", "tên khác với danh sách"),
    ])  # fmt: skip
    result = _import(engine, police, school, SCHOOL)
    assert (result.added, result.kept, result.citizens_added, result.rejected) == (4, 0, 2, 1)
    assert result.ids_restored == 3
    union = roster_file(tmp_path / "hoi.xlsx", [
        (b.full_name, b.personal_id, None, "Hội viên", ""),
        (c.full_name, c.personal_id, None, "", ""),
    ], title=UNION)  # fmt: skip
    _import(engine, police, union, UNION)
    office = roster_file(tmp_path / "ubnd.xlsx", [(c.full_name, c.personal_id, None, "", "")])
    _import(engine, police, office, OFFICE)


def test_rosters_and_the_summary_match_the_hand_counts(engine, hand, police, tmp_path):
    _rosters(engine, hand, police, tmp_path)
    tallies = units.unit_tallies(SqlUnitOfWork(engine), actor=police)
    seen = [(t.unit.name, t.members, t.level2, t.activated, t.linked, t.percent) for t in tallies]
    assert seen == [
        (SCHOOL, 4, 2, 1, 1, 25.0),
        (UNION, 2, 2, 1, 1, 50.0),
        (OFFICE, 1, 1, 1, 1, 100.0),
    ]
    assert [t.below_target for t in tallies] == [True, True, False]
    assert all(t.unit.deadline == date(2026, 6, 15) for t in tallies)


def test_a_roster_row_creates_the_citizen_with_the_lists_name_not_as_official(
    engine, hand, police, tmp_path
):
    _rosters(engine, hand, police, tmp_path)
    with SqlUnitOfWork(engine) as uow:
        parent = uow.repo.get_citizen(PARENT_ID)
        assert parent is not None and parent.full_name == "Lê Thị Phụ Huynh"
        assert parent.birth_date == date(1985, 3, 2)
        assert uow.repo.citizen_name_source(PARENT_ID) == "manual"
    _, lines = units.unit_roster(SqlUnitOfWork(engine), SCHOOL, actor=police)
    roles = {ln.citizen.personal_id: ln.role for ln in lines}
    assert roles[PARENT_ID] is dt.RosterRole.PARENT
    assert roles[STUDENT_ID] is dt.RosterRole.STUDENT
    assert roles[hand.citizens["B"].personal_id] is dt.RosterRole.TEACHER
    # those with something left first: A (linked) is last
    assert lines[-1].citizen.personal_id == hand.citizens["A"].personal_id


def test_importing_the_same_roster_again_changes_nothing_and_replace_drops_the_missing(
    engine, hand, police, tmp_path
):
    _rosters(engine, hand, police, tmp_path)
    again = _import(engine, police, str(tmp_path / "truong.xlsx"), SCHOOL)
    assert (again.added, again.kept, again.citizens_added) == (0, 4, 0)
    smaller = roster_file(tmp_path / "truong2.xlsx", [
        (hand.citizens["A"].full_name, hand.citizens["A"].personal_id, None, "Giáo viên", ""),
    ])  # fmt: skip
    replaced = _import(engine, police, smaller, SCHOOL, replace=True)
    assert (replaced.added, replaced.kept, replaced.removed) == (0, 1, 3)
    tally, _ = units.unit_roster(SqlUnitOfWork(engine), SCHOOL, actor=police)
    assert (tally.members, tally.linked, tally.percent, tally.below_target) == (1, 1, 100.0, False)


def test_units_are_the_polices_a_volunteer_may_not_add_one_nor_import_a_roster(
    engine, hand, police, tmp_path
):
    with pytest.raises(ForbiddenError):
        units.add_unit(SqlUnitOfWork(engine), SCHOOL, actor=hand.user)
    units.add_unit(SqlUnitOfWork(engine), SCHOOL, actor=police)
    path = roster_file(tmp_path / "r.xlsx", [("Lê Thị Phụ Huynh", PARENT_ID, None, "", "")])
    preview = lists.preview_list(SqlUnitOfWork(engine), path, "roster")
    with pytest.raises(ForbiddenError):
        units.import_roster(SqlUnitOfWork(engine), preview, SCHOOL, actor=hand.user)
    with pytest.raises(ConflictError):
        units.add_unit(SqlUnitOfWork(engine), "trường thcs kiên thọ", actor=police)


def test_a_roster_cannot_go_through_the_official_list_import(engine, hand, police, tmp_path):
    path = roster_file(tmp_path / "r.xlsx", [("Lê Thị Phụ Huynh", PARENT_ID, None, "", "")])
    preview = lists.preview_list(SqlUnitOfWork(engine), path, "roster")
    with pytest.raises(ValidationError) as refused:
        lists.import_list(SqlUnitOfWork(engine), preview, valid_only=True, actor=police)
    assert refused.value.message_id == "lists.kind_needs_owner"


def test_an_empty_unit_is_below_target_with_no_percentage(engine, hand, police):
    units.add_unit(SqlUnitOfWork(engine), "Chi đoàn thôn", actor=police)
    (tally,) = units.unit_tallies(SqlUnitOfWork(engine), actor=police)
    assert (tally.members, tally.percent, tally.below_target) == (0, None, True)


def test_the_summary_pdf_and_xlsx_list_units_below_target_first(engine, hand, police, tmp_path):
    _rosters(engine, hand, police, tmp_path)
    pdf = tmp_path / "don-vi.pdf"
    team_reports.write_units_report(
        SqlUnitOfWork(engine), pdf, actor=police, today=date(2026, 6, 6)
    )
    text = pdf_text(pdf.read_bytes())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert text.index(SCHOOL) < text.index(UNION) < text.index(OFFICE)
    assert text.count("15/6/2026") >= 4 and text.count("Chưa đạt") == 2
    assert hand.citizens["A"].full_name not in text  # the summary names no citizen
    out = tmp_path / "don-vi.xlsx"
    team_reports.write_units_report(SqlUnitOfWork(engine), out, fmt="xlsx", actor=police)
    cells = list(openpyxl.load_workbook(out).active.iter_rows(values_only=True))
    names = [row[1] for row in cells if row and row[1] in (SCHOOL, UNION, OFFICE)]
    assert names == [SCHOOL, UNION, OFFICE]
    school_row = next(row for row in cells if row and row[1] == SCHOOL)
    assert school_row[3:8] == (4, 2, 1, 1, 0.25)  # a percentage cell: 25 %


def test_one_units_report_lists_its_members_and_is_logged_without_them(
    engine, hand, police, tmp_path, caplog
):
    _rosters(engine, hand, police, tmp_path)
    out = tmp_path / "truong.pdf"
    with caplog.at_level(logging.INFO):
        team_reports.write_unit_report(SqlUnitOfWork(engine), SCHOOL, out, actor=police)
    text = pdf_text(out.read_bytes())
    assert "Lê Thị Phụ Huynh" in text and "Phụ huynh" in text
    assert "Lê Thị Phụ Huynh" not in caplog.text and PARENT_ID not in caplog.text
    with pytest.raises(ForbiddenError):
        team_reports.write_unit_report(SqlUnitOfWork(engine), SCHOOL, out, actor=hand.user)


@pytest.fixture
def run(db_url, engine, hand, monkeypatch):
    from actors import POLICE_PASSPHRASE
    from click.testing import CliRunner

    from fieldapp.cli.main import build_cli

    def invoke(*args, user=dm.Role.COMMUNE_POLICE):
        someone = police_of(engine, role=user)
        monkeypatch.setenv("FIELDAPP_USER", someone.name)
        monkeypatch.setenv("FIELDAPP_PIN", POLICE_PASSPHRASE)
        return CliRunner().invoke(build_cli(), ["--db", db_url, *args], catch_exceptions=False)

    return invoke


def test_cli_units_and_teams_from_adding_to_reports(run, hand, tmp_path):
    a = hand.citizens["A"]
    assert run("units", "add", SCHOOL, "--kind", "school").exit_code == 0
    path = roster_file(tmp_path / "r.xlsx", [
        (a.full_name, int(a.personal_id), None, "Giáo viên", ""),
        ("Lê Thị Phụ Huynh", PARENT_ID, None, "Phụ huynh", ""),
    ])  # fmt: skip
    result = run("import-list", path, "--kind", "roster", "--unit", SCHOOL)
    assert result.exit_code == 0, result.output
    assert "thêm 2, giữ 0, bỏ 0 thành viên; tạo mới 1 công dân" in result.output
    listed = run("units", "list")
    assert f"{SCHOOL}: 2 thành viên, mức 2 1, kích hoạt 1, tích hợp 1 (50,00%)" in listed.output
    assert "hạn 15/6/2026: Chưa đạt" in listed.output
    out = tmp_path / "u.pdf"
    assert run("units", "report", "--out", str(out)).exit_code == 0 and out.exists()
    one = tmp_path / "one.xlsx"
    result = run("units", "report", "--unit", SCHOOL, "--format", "xlsx", "--out", str(one))
    assert result.exit_code == 0 and "(2 thành viên)" in result.output
    refused = run("units", "add", "Hội Nông dân", user=dm.Role.VOLUNTEER)
    assert refused.exit_code == ForbiddenError.exit_code
    no_owner = run("import-list", path, "--kind", "roster")
    assert no_owner.exit_code == ValidationError.exit_code

    assert run("teams", "set", "Thôn Một").exit_code == 0
    result = run("teams", "add-member", "Thôn Một", "Nguyễn Văn Trưởng", "--role",
                 "village_head", "--phone", "0912345678", "--leader", "--target", "5")  # fmt: skip
    assert result.exit_code == 0, result.output
    members = run("teams", "members", "Thôn Một")
    assert "Nguyễn Văn Trưởng · Trưởng thôn · Tổ trưởng · ••••••5678" in members.output
    assert "0912345678" not in members.output
    changed = run("teams", "change", "Thôn Một", "nguyen van truong", "--target", "none")
    assert changed.exit_code == 0
    assert "1 thành viên, tổ trưởng: Nguyễn Văn Trưởng" in run("teams", "list").output
    report = tmp_path / "t.xlsx"
    result = run("teams", "report", "--format", "xlsx", "--out", str(report))
    assert result.exit_code == 0 and "1 tổ" in result.output
    door = tmp_path / "door.pdf"
    assert run("teams", "door-list", "Thôn Một", "--out", str(door)).exit_code == 0

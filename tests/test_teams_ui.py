"""Issue 19 at the desk: the teams and units screens (police), the helper pick (volunteers).

Screens run over a real store with the inline runner; file and text questions are replaced.
Screenshots at 1366×768 go to docs/screenshots/ when FIELDAPP_SCREENSHOTS is set.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest
from actors import police_of
from desk_helpers import ScriptedDialogs, desk_session, qr_of, type_keys
from PySide6.QtCore import Qt

from fieldapp.domain import model as dm
from fieldapp.domain import teams as dt
from fieldapp.services import teams, units
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner
from fieldapp.ui.teams_screen import M_PHONE, ROW_ROLE, MemberRow, MembersModel, TeamsDialog
from fieldapp.ui.units_screen import U_PERCENT, U_STANDING, UnitsDialog, UnitsModel

SHOTS = Path(__file__).resolve().parents[1] / "docs" / "screenshots"


def _shot(widget, name: str) -> None:
    if os.environ.get("FIELDAPP_SCREENSHOTS"):
        widget.resize(1366, 768)
        SHOTS.mkdir(parents=True, exist_ok=True)
        widget.grab().save(str(SHOTS / name))


@pytest.fixture
def police(uow, small_commune) -> dm.User:
    return police_of(uow)


@pytest.fixture
def police_session(uow, small_commune, police) -> DeskSession:
    return DeskSession(uow=uow, runner=InlineTaskRunner(), user=police)


def _village(small_commune, index: int = 0) -> str:
    point = small_commune.points[index]
    return next(v.name for v in small_commune.villages if v.id == point.village_id)


def _team_list(path: Path, small_commune) -> str:
    people = [c for c in small_commune.citizens if c.birth_date.year < 2000][:11]
    roles = [
        "Bí thư chi bộ", "Trưởng thôn", "Tổ ANTT", "Tổ công nghệ số cộng đồng", "Giáo viên",
        "Học sinh", "Đoàn viên", "Hội viên hội phụ nữ", "Cán bộ", "", "",
    ]  # fmt: skip
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["STT", "Họ và tên", "Số CCCD", "Chức vụ", "Số điện thoại"])
        for i, (c, role) in enumerate(zip(people, roles, strict=True), start=1):
            out.writerow([i, c.full_name, c.personal_id, role, f"09{i:08d}"])
    return str(path)


def test_members_model_masks_phones_without_any_widget():
    model = MembersModel("vi")
    member = dt.TeamMember(dm.new_id(), dm.new_id(), "Lê Văn Một", dt.TeamRole.VILLAGE_HEAD,
                           phone="0912345678", target=4, leader=True)  # fmt: skip
    model.set_rows([MemberRow(member, "", dt.HelperTally(3, 2, 1, 0), 25.0)])
    assert model.data(model.index(0, M_PHONE)) == "••••••5678"
    assert model.data(model.index(0, 1)) == "Trưởng thôn · Tổ trưởng"
    assert model.data(model.index(0, 4)) == "4 (25,00%)"
    assert model.data(model.index(0, 0), ROW_ROLE).member is member


def test_units_model_marks_units_below_target_in_red():
    unit = dt.Unit(dm.new_id(), "Trường TH Một", dt.UnitKind.SCHOOL)
    model = UnitsModel("vi")
    model.set_rows([dt.UnitTally(unit, 4, 2, 1, 1), dt.UnitTally(unit, 2, 2, 2, 2)])
    assert model.data(model.index(0, U_STANDING)) == "Chưa đạt"
    assert model.data(model.index(0, U_PERCENT), Qt.ItemDataRole.ForegroundRole) is not None
    assert model.data(model.index(1, U_STANDING)) == "Đạt"
    assert model.data(model.index(1, U_PERCENT), Qt.ItemDataRole.ForegroundRole) is None


def test_teams_dialog_imports_a_list_sets_a_target_and_saves_the_report(
    qtbot, police_session, small_commune, tmp_path
):
    dialog = TeamsDialog(police_session)
    qtbot.addWidget(dialog)
    village = _village(small_commune)
    dialog.village_combo.setCurrentText(village)
    assert "chưa có Tổ Đề án 06" in dialog.summary.text()
    dialog.ask_open_file = lambda: _team_list(tmp_path / "to.csv", small_commune)
    dialog.import_list()
    assert "thêm 11, cập nhật 0" in dialog.message.text(), dialog.message.text()
    assert dialog.members_model.rowCount() == 11
    # one member also signs in at the point's desk: the visits they recorded count for them
    desk_user = small_commune.users[0]
    first = dialog.members_model.rows()[0].member
    teams.change_member(police_session.uow(), first.id, user_name=desk_user.name,
                        actor=police_session.user)  # fmt: skip
    dialog.refresh()
    row = next(r for r in dialog.members_model.rows() if r.member.id == first.id)
    assert row.user_name == desk_user.name and row.tally.visits > 0
    assert dialog.teams_model.rowCount() == 1
    shown = [dialog.members_model.data(dialog.members_model.index(r, M_PHONE))
             for r in range(11)]  # fmt: skip
    assert all(p.startswith("••••••") for p in shown)
    dialog.members_view.selectRow(2)
    picked = dialog.selected_member()
    dialog.ask_text = lambda *_a: "6"
    dialog.set_target()
    dialog.members_view.selectRow(
        next(r for r in range(11) if dialog.members_model.rows()[r].member.id == picked.id)
    )
    dialog.make_leader()
    leader = dialog.members_model.rows()[0].member
    assert (leader.id, leader.target, leader.leader) == (picked.id, 6, True)
    assert "Tổ Đề án 06" in dialog.summary.text() and "Tổ mới có" not in dialog.summary.text()
    _shot(dialog, "issue-19-teams.png")
    out = tmp_path / "bao-cao.pdf"
    dialog.ask_save_file = lambda _s: str(out)
    dialog.save_report()
    assert out.exists() and "Đã lưu báo cáo 1 tổ" in dialog.message.text()
    door = tmp_path / "door.xlsx"
    dialog.ask_save_file = lambda _s: str(door)
    dialog.save_door_list()
    assert door.exists(), dialog.message.text()


def test_teams_dialog_says_why_when_refused(qtbot, uow, small_commune):
    volunteer = small_commune.users[0]
    session = DeskSession(uow=uow, runner=InlineTaskRunner(), user=volunteer)
    dialog = TeamsDialog(session)
    qtbot.addWidget(dialog)
    assert "không được" in dialog.message.text()  # the tallies are the police's


def test_units_dialog_adds_imports_and_lists_below_target_first(
    qtbot, police_session, small_commune, tmp_path
):
    dialog = UnitsDialog(police_session)
    qtbot.addWidget(dialog)
    answers = iter(["Trường THCS Kiên Bình", "Hội Cựu chiến binh xã"])
    kinds = iter([dt.UnitKind.SCHOOL, dt.UnitKind.ORGANISATION])
    dialog.ask_text = lambda *_a: next(answers)
    dialog.ask_kind = lambda: next(kinds)
    dialog.add_unit()
    dialog.add_unit()
    assert dialog.model.rowCount() == 2
    dialog.import_roster()
    assert "Hãy chọn một đơn vị" in dialog.message.text()
    people = small_commune.citizens[:6]
    path = tmp_path / "hoi.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(["STT", "Họ và tên", "Số định danh cá nhân", "Ghi chú"])
        for i, c in enumerate(people, start=1):
            out.writerow([i, c.full_name, c.personal_id, ""])
    row = next(r for r in range(2) if dialog.model.rows()[r].unit.name.startswith("Hội"))
    dialog.view.selectRow(row)
    dialog.ask_open_file = lambda: str(path)
    dialog.import_roster()
    assert "thêm 6" in dialog.message.text(), dialog.message.text()
    tallies = dialog.model.rows()
    assert [t.unit.name for t in tallies][1:] != [] and all(t.below_target for t in tallies[:1])
    assert sum(t.members for t in tallies) == 6
    _shot(dialog, "issue-19-units.png")
    dialog.view.selectRow(next(r for r in range(2) if dialog.model.rows()[r].members == 6))
    out = tmp_path / "hoi.pdf"
    dialog.ask_save_file = lambda _s: str(out)
    dialog.save_unit_report()
    assert out.exists() and "(6 thành viên)" in dialog.message.text(), dialog.message.text()
    summary = tmp_path / "tong-hop.xlsx"
    dialog.ask_save_file = lambda _s: str(summary)
    dialog.save_summary()
    assert summary.exists()


def test_a_volunteer_picks_who_brought_the_citizen_in(qtbot, uow, small_commune, police):
    village = _village(small_commune)
    teams.add_member(uow(), village, "Nguyễn Văn Dẫn", role="village_head", leader=True,
                     actor=police)  # fmt: skip
    teams.add_member(uow(), village, "Trần Thị Vận Động", role="union_member", actor=police)
    units.add_unit(uow(), "Trường TH Kiên Bình", actor=police)  # not at the desk: no pick
    point, volunteer = small_commune.points[0], small_commune.users[0]
    window = MainWindow(desk_session(uow, point, volunteer), dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    picker = window.helper_picker
    assert picker is not None and not picker.isEnabled()
    assert [picker.combo.itemText(i) for i in range(picker.combo.count())][1:] == [
        f"Nguyễn Văn Dẫn ({village})", f"Trần Thị Vận Động ({village})",
    ]  # fmt: skip
    citizen = small_commune.citizens[40]
    type_keys(window.scan_field, qr_of(citizen))
    assert picker.isEnabled() and picker.combo.currentIndex() == 0
    member_id = picker.combo.itemData(2)
    picker.pick(member_id)
    assert "Đã ghi người đưa đến: Trần Thị Vận Động" in window.status_text()
    assert window.focusWidget() is window.scan_field  # the next scan goes to the scan field
    visit = window.visit
    assert teams.helper_of(uow(), visit.id).id == member_id
    _shot(window, "issue-19-desk-helper.png")
    # the next citizen starts with nobody picked
    type_keys(window.scan_field, qr_of(small_commune.citizens[41]))
    assert picker.combo.currentIndex() == 0

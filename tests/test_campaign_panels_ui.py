"""Issue 18 on screen: the dashboard's eligible, deadlines and difficulties tabs, the report
dialog's paragraph, and the door-to-door list from the desk's menu (offscreen)."""

from __future__ import annotations

from datetime import date

import pytest
from actors import police_of
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from test_report_difficulties import hand  # noqa: F401 (the hand-counted fixture)

from fieldapp.services import difficulties
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.police_dashboard import PoliceDashboard
from fieldapp.ui.report_dialog import ReportDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner

JUNE5 = date(2026, 6, 5)


@pytest.fixture
def session(engine, hand):  # noqa: F811
    return DeskSession(
        uow=lambda: SqlUnitOfWork(engine),
        runner=InlineTaskRunner(),
        lang="vi",
        user=police_of(engine),
    )


def _texts(model, column: int) -> list[str]:
    return [model.data(model.index(r, column)) for r in range(model.rowCount())]


def test_the_dashboard_shows_eligible_deadlines_and_difficulties(qtbot, session):
    board = PoliceDashboard(session, today=JUNE5)
    qtbot.addWidget(board)
    board.refresh()
    tabs = [board.tabs.tabText(i) for i in range(board.tabs.count())]
    assert tabs[-3:] == ["Đủ điều kiện", "Hạn theo nhóm", "Khó khăn"]
    panels = board.campaign_panels
    assert panels.eligible_figure.value.text() == "2"  # A and C (hand count)
    deadlines = panels.deadline_model
    groups = _texts(deadlines, 1)
    pension = groups.index("Lương hưu, trợ cấp BHXH")
    red = deadlines.data(deadlines.index(pension, 1), Qt.ItemDataRole.ForegroundRole)
    assert red is not None  # Q: 0 of 1 with 2 days left
    merit = groups.index("Người có công với cách mạng")  # C linked: met
    assert deadlines.data(deadlines.index(merit, 1), Qt.ItemDataRole.ForegroundRole) is None
    assert "chậm so với tiến độ" in panels.deadline_line.text()
    reasons = _texts(panels.reason_model, 1)
    assert reasons[-1] == "Tổng cộng" and "Không nhận được mã OTP" in reasons
    assert panels.difficulty_line.text().startswith("Trong kỳ có")


def test_the_report_dialog_keeps_the_days_paragraph(qtbot, session, tmp_path):
    dialog = ReportDialog(session, today=JUNE5)
    qtbot.addWidget(dialog)
    dialog.difficulties.setPlainText("=SUM(A1) Mạng yếu ở Thôn Hai.")
    dialog.choose_path = lambda suggested: str(tmp_path / "bc")
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    qtbot.mouseClick(dialog.generate, Qt.MouseButton.LeftButton)
    assert dialog.saved_path == tmp_path / "bc.xlsx"
    assert difficulties.difficulties_note(session.uow(), JUNE5) == "=SUM(A1) Mạng yếu ở Thôn Hai."
    cells = [c for row in load_workbook(dialog.saved_path).active.iter_rows() for c in row]
    typed = [c for c in cells if c.value == "=SUM(A1) Mạng yếu ở Thôn Hai."]
    assert typed and typed[0].data_type == "s"
    again = ReportDialog(session, today=JUNE5)  # the day's paragraph comes back
    qtbot.addWidget(again)
    assert again.difficulties.toPlainText() == "=SUM(A1) Mạng yếu ở Thôn Hai."


def test_the_door_list_from_the_desk_masks_phones_unless_asked(qtbot, session, tmp_path):
    from fieldapp.ui.door_list_dialog import DoorListDialog

    dialog = DoorListDialog(session)
    qtbot.addWidget(dialog)
    assert dialog.village.count() == 2
    dialog.village.setCurrentText("Thôn Một")
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    dialog.choose_path = lambda suggested: str(tmp_path / "ds")
    qtbot.mouseClick(dialog.make, Qt.MouseButton.LeftButton)
    assert dialog.saved_path == tmp_path / "ds.xlsx" and dialog.saved_path.exists()
    assert dialog.message.text().startswith("Đã lưu:")


def test_the_door_list_menu_is_for_the_police(qtbot, engine, hand):  # noqa: F811
    from desk_helpers import desk_session

    from fieldapp.ui.main_window import MainWindow

    police = police_of(engine)
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    point = next(iter(hand.points.values()))
    win = MainWindow(desk_session(uow, point, police), catch_scans=False)
    qtbot.addWidget(win)
    assert win.door_list_action.isVisible()
    volunteer = MainWindow(desk_session(uow, point, hand.user), catch_scans=False)
    qtbot.addWidget(volunteer)
    assert not volunteer.door_list_action.isVisible()


def test_the_campaign_settings_set_a_groups_deadline_and_a_waves_basis(qtbot, session):
    from PySide6.QtCore import QDate

    from fieldapp.services import campaign, campaign_targets
    from fieldapp.ui.campaign_settings import CampaignSettingsDialog

    campaign.add_wave(session.uow(), "Đợt 1", date(2026, 6, 1), date(2026, 6, 30),
                      actor=session.user)  # fmt: skip
    dialog = CampaignSettingsDialog(session)
    qtbot.addWidget(dialog)
    tab = dialog.group_deadlines
    assert tab.deadline_list.count() == 7
    assert tab.deadline_list.item(0).text() == "Lương hưu, trợ cấp BHXH: 100% — 07/6/2026"
    tab.group.setCurrentIndex(tab.group.findData("merit"))
    tab.deadline.setDate(QDate(2026, 6, 30))
    tab.percent.setValue(90)
    tab.save_deadline()
    assert "Đã lưu chỉ tiêu, thời hạn: Người có công" in dialog.message.text()
    merit = {d.group: d for d in campaign_targets.group_deadlines(session.uow())}["merit"]
    assert (merit.deadline, merit.percent) == (date(2026, 6, 30), 90)
    tab.wave.setCurrentIndex(tab.wave.findData("Đợt 1"))
    tab.basis.setCurrentIndex(tab.basis.findData("eligible"))
    tab.save_basis()
    assert "100% số đủ điều kiện" in dialog.message.text()
    wave = campaign.wave_named(session.uow(), "Đợt 1")
    assert campaign_targets.target_basis(session.uow(), wave.id) == "eligible"

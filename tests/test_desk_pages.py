"""Home visits, today, sign-in, switching user and language: the desk's other screens."""

from __future__ import annotations

from datetime import date

import pytest
from desk_helpers import ScriptedDialogs, add_user, desk_session, type_keys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.domain import model as dm
from fieldapp.services import settings
from fieldapp.ui.desk_forms import SignInDialog
from fieldapp.ui.desk_today import COL_NAME, COL_OUTCOMES, ROW_ROLE
from fieldapp.ui.main_window import MainWindow


@pytest.fixture
def dialogs():
    return ScriptedDialogs()


@pytest.fixture
def window(qtbot, uow, small_commune, dialogs):
    win = MainWindow(
        desk_session(uow, small_commune.points[0], small_commune.users[0]), dialogs=dialogs
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_home_visits_page_lists_and_records_a_home_visit(window, uow):
    QTest.keyClick(window, Qt.Key.Key_2, Qt.KeyboardModifier.ControlModifier)
    page = window.home_page
    assert window.tabs.currentWidget() is page
    page.village.setCurrentIndex(0)  # all villages
    assert page.model.rowCount() > 0
    assert "người cần hỗ trợ tại nhà" in page.count.text()
    page.table.selectRow(0)
    candidate = page.selected()
    assert candidate.reasons
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 0
    assert window.visit.place is dm.VisitPlace.HOME
    with uow() as u:
        stored = u.repo.visits_for(candidate.citizen.personal_id)[-1]
    assert stored.place is dm.VisitPlace.HOME
    assert stored.user_id == window.session.user.id
    assert "tại nhà" in window.status_text()


def test_today_page_shows_the_day_and_follows_outcomes(window, small_commune):
    citizen = small_commune.citizens[20]
    type_keys(window.scan_field, citizen.personal_id)
    model = window.today_page.model
    row = model.row_of(window.visit.id)
    assert row == 0
    assert model.data(model.index(row, COL_NAME)) == citizen.full_name
    type_keys(window.scan_field, "5s", enter=False)  # benefit link: submitted
    outcomes = model.data(model.index(row, COL_OUTCOMES))
    assert "Tích hợp tài khoản an sinh xã hội: Đã gửi, chờ phê duyệt" in outcomes
    QTest.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert model.rowCount() >= 1
    assert model.data(model.index(0, 0), ROW_ROLE).visit.id == window.visit.id
    assert "Đã gửi" in window.today_page.counts.text()


def test_sign_in_dialog_checks_the_pin(qtbot, uow, small_commune):
    point = small_commune.points[0]
    officer = add_user(uow, "Vũ Thị Thu", dm.Role.BANK_OFFICER, point.id, pin="2468")
    session = desk_session(uow, point, None)
    dialog = SignInDialog(session, [small_commune.users[0], officer])
    qtbot.addWidget(dialog)
    assert "Cán bộ ngân hàng" in dialog.user_box.itemText(1)
    dialog.user_box.setCurrentIndex(1)
    dialog.pin.setText("1111")
    dialog._sign_in()
    assert dialog.signed_in is None and "Sai mã PIN" in dialog.error.text()
    dialog.pin.setText("2468")
    dialog._sign_in()
    assert dialog.signed_in == officer


def test_switching_to_a_bank_officer_rebuilds_the_desk(window, uow, small_commune, dialogs):
    officer = add_user(uow, "Vũ Thị Thu", dm.Role.BANK_OFFICER, small_commune.points[0].id)
    dialogs.signed_in = officer
    QTest.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert dialogs.asked == ["sign_in"]
    assert window.session.user == officer
    assert window.bank_mode and window.tabs.count() == 1
    assert "Chế độ cán bộ ngân hàng" in window.header.text()
    assert window.menu_tools is not None


def test_english_from_settings(window, uow, dialogs):
    dialogs.language = "en"
    window.open_settings()
    assert settings.language(uow()) == "en"
    assert window.lang == "en"
    assert window.tabs.tabText(1).startswith("Home visits")
    assert window.menu_tools.title() == "Tools"
    type_keys(window.scan_field, "B1234567")
    assert "Neither a chip ID card QR code" in window.status_text()


def test_show_id_toggle(window, small_commune):
    citizen = small_commune.citizens[30]
    type_keys(window.scan_field, citizen.personal_id)
    assert citizen.personal_id not in window.card_view.text()
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert citizen.personal_id in window.card_view.text()
    QTest.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert citizen.personal_id not in window.card_view.text()


def test_card_shows_lists_visits_and_next_steps(window, small_commune):
    citizen = next(
        c
        for c in small_commune.citizens
        if c.beneficiary_group is not None and c.birth_date < date(1990, 1, 1)
    )
    type_keys(window.scan_field, citizen.personal_id)
    text = window.card_view.text()
    for expected in (
        "Danh sách chính thức",
        "beneficiary_list.xlsx",
        "Các lượt hỗ trợ",
        "(lượt này)",
        "Tình trạng từng bước",
        "Việc cần làm tiếp",
        "tuổi",
    ):
        assert expected in text


def test_the_police_add_the_visiting_bank_officer(qtbot, uow, dialogs, small_commune):
    from desk_helpers import drive_users_dialog

    police = next(u for u in small_commune.users if u.role is dm.Role.COMMUNE_POLICE)
    assert police.role is dm.Role.COMMUNE_POLICE
    window = MainWindow(desk_session(uow, small_commune.points[0], police), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    drive_users_dialog(
        dialogs,
        [
            {"name": "Vũ Thị Thu", "role": "bank_officer", "pin": "246810"},
            {"name": "vũ  thị thu", "role": "volunteer", "pin": "135790"},  # the same name
            {"name": "Trần Văn Ba", "role": "volunteer", "pin": "1234"},  # PIN too short
        ],
    )
    window.users_action.trigger()  # Ctrl+U, there for the police only
    assert "Đã thêm Vũ Thị Thu" in window.status_text()
    assert "Mã PIN gồm ít nhất 6 chữ số" in dialogs.last_users.message.text()
    with uow() as u:
        names = {(x.name, x.role) for x in u.repo.users()}
    assert ("Vũ Thị Thu", dm.Role.BANK_OFFICER) in names
    assert not any(n == "Trần Văn Ba" for n, _ in names)
    assert sum(n.casefold() == "vũ thị thu" for n, _ in names) == 1  # no duplicate


def test_a_bank_officer_cannot_add_users(uow, small_commune):
    from fieldapp.domain.permissions import ForbiddenError
    from fieldapp.services import desk

    officer = next(u for u in small_commune.users if u.role is dm.Role.BANK_OFFICER)
    assert officer.role is dm.Role.BANK_OFFICER
    with pytest.raises(ForbiddenError):
        desk.add_user(
            uow(),
            actor=officer,
            point_id=small_commune.points[0].id,
            name="Ai Đó",
            role=dm.Role.ADMIN,
            pin="quan-tri-2468",
        )


def test_a_volunteer_does_not_see_the_users_menu(window):
    assert not hasattr(window, "users_action")

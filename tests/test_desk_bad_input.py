"""Bad input at the desk: each gets a clear message, nothing is stored, the next scan works."""

from __future__ import annotations

import pytest
from desk_helpers import ScriptedDialogs, desk_session, qr_of, type_keys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from fieldapp.domain import model as dm
from fieldapp.store import tables as t
from fieldapp.ui.desk_pickers import ReasonDialog
from fieldapp.ui.main_window import MainWindow


def stored(uow) -> tuple[int, int, int]:
    with uow() as u:
        s = u.repo.session
        return tuple(
            s.execute(select(func.count()).select_from(table)).scalar_one()
            for table in (t.Visit, t.Outcome, t.Citizen)
        )


@pytest.fixture
def window(qtbot, uow, small_commune):
    win = MainWindow(
        desk_session(uow, small_commune.points[0], small_commune.users[0]),
        dialogs=ScriptedDialogs(),
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def next_scan_works(window, citizen) -> None:
    type_keys(window.scan_field, qr_of(citizen))
    assert window.card is not None and window.card.citizen.personal_id == citizen.personal_id


def test_half_scan_is_dropped_with_a_message(qtbot, window, uow, small_commune):
    citizen = small_commune.citizens[0]
    before = stored(uow)
    type_keys(window.scan_field, qr_of(citizen)[:30], enter=False)  # the scanner stopped
    qtbot.waitUntil(lambda: "Quét chưa hết" in window.status_text(), timeout=2000)
    assert window.scan_field.text() == ""
    assert stored(uow) == before
    next_scan_works(window, citizen)


def test_half_scan_ended_by_enter_says_the_qr_is_incomplete(window, uow, small_commune):
    citizen = small_commune.citizens[1]
    before = stored(uow)
    type_keys(window.scan_field, "|".join(qr_of(citizen).split("|")[:3]))
    assert "Mã QR không đủ thông tin" in window.status_text()
    assert window.card is None
    assert stored(uow) == before
    next_scan_works(window, citizen)


def test_two_scans_glued_together(window, uow, small_commune):
    one, two = small_commune.citizens[2], small_commune.citizens[3]
    before = stored(uow)
    type_keys(window.scan_field, qr_of(one) + qr_of(two))
    assert "Hai lần quét bị dính" in window.status_text()
    assert stored(uow) == before
    next_scan_works(window, two)


def test_half_scan_then_a_full_one_glued(window, uow, small_commune):
    one, two = small_commune.citizens[4], small_commune.citizens[5]
    before = stored(uow)
    type_keys(window.scan_field, qr_of(one)[:25] + qr_of(two))
    assert window.card is None
    assert window.status_text()  # a message, not silence
    assert stored(uow) == before
    next_scan_works(window, two)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("123456789", "9 chữ số, cần 12"),  # an old 9-digit CMND
        ("B1234567", "Không phải mã QR"),  # a passport number
        ("999123456789", "mã tỉnh 999"),  # not a province
        ("0381234567890", "13 chữ số"),  # one digit too many
    ],
)
def test_an_id_of_another_format(window, uow, small_commune, typed, message):
    before = stored(uow)
    type_keys(window.scan_field, typed)
    assert message in window.status_text()
    assert stored(uow) == before
    next_scan_works(window, small_commune.citizens[6])


def test_a_scan_while_a_dialog_is_open_cancels_it_and_is_handled(qtbot, window, uow, small_commune):
    citizen = small_commune.citizens[7]
    next_scan_works(window, citizen)
    dialog = ReasonDialog("vi", dm.Step.EID_ACTIVATION, window)
    qtbot.addWidget(dialog)
    dialog.open()  # window-modal, does not block the test
    qtbot.waitExposed(dialog)
    visits, outcomes, citizens = stored(uow)
    type_keys(dialog, qr_of(small_commune.citizens[8]))
    assert dialog.reasons.currentRow() == -1  # the digits did not leak into the picker
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=2000)
    assert dialog.result() == dialog.DialogCode.Rejected
    qtbot.waitUntil(lambda: window.card.citizen.personal_id != citizen.personal_id, timeout=2000)
    assert "hộp thoại đang mở đã bị hủy" in window.status_text()
    assert stored(uow) == (visits + 1, outcomes, citizens)


def test_a_scan_lands_in_the_desk_when_focus_is_elsewhere(qtbot, window, uow, small_commune):
    citizen = small_commune.citizens[9]
    window.show_page(2)  # today
    box = window.today_page.filter_box
    box.setFocus()
    visits_before = stored(uow)[0]
    type_keys(box, qr_of(citizen))
    assert box.text() == ""  # the scan did not go into the filter box
    assert window.tabs.currentIndex() == 0
    assert window.card.citizen.personal_id == citizen.personal_id
    assert stored(uow)[0] == visits_before + 1


def test_a_person_typing_elsewhere_is_not_a_scan(qtbot, window, uow):
    window.show_page(2)
    box = window.today_page.filter_box
    box.setFocus()
    for ch in "lan":
        QTest.keyClick(box, ch)
        qtbot.wait(110)  # a person's pace
    qtbot.waitUntil(lambda: box.text() == "lan", timeout=2000)
    assert window.tabs.currentIndex() == 2


def test_a_scan_when_nobody_is_signed_in(qtbot, uow, small_commune):
    win = MainWindow(desk_session(uow, small_commune.points[0], None), dialogs=ScriptedDialogs())
    qtbot.addWidget(win)
    before = stored(uow)
    type_keys(win.scan_field, small_commune.citizens[0].personal_id)
    assert "Chưa đăng nhập" in win.status_text()
    assert stored(uow) == before


def test_escape_cancels_a_picked_step(window, uow, small_commune):
    type_keys(window.scan_field, small_commune.citizens[10].personal_id)
    before = stored(uow)
    type_keys(window.scan_field, "2", enter=False)
    QTest.keyClick(window.scan_field, Qt.Key.Key_Escape)
    assert window.pending_step is None
    type_keys(window.scan_field, "d", enter=False)  # now just a letter in the field
    assert window.scan_field.text() == "d"
    assert stored(uow) == before


def test_a_half_scan_elsewhere_is_dropped_not_typed(qtbot, window, uow, small_commune):
    window.show_page(2)
    box = window.today_page.filter_box
    box.setFocus()
    before = stored(uow)
    type_keys(box, qr_of(small_commune.citizens[12])[:30], enter=False)
    qtbot.waitUntil(lambda: "Quét chưa hết" in window.status_text(), timeout=2000)
    assert box.text() == ""  # the burst did not leak into the filter box
    assert stored(uow) == before
    next_scan_works(window, small_commune.citizens[12])

import sys

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.domain.chip_qr import format_chip_qr
from fieldapp.ui import app as desk_app
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner


def type_like_a_scanner(widget, text):
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )
    QTest.keyClick(widget, Qt.Key.Key_Return)


def test_a_scan_shows_the_citizen_and_saves_the_visit(qtbot, uow, small_commune):
    session = DeskSession(
        uow=uow,
        runner=InlineTaskRunner(),
        point=small_commune.points[0],
        user=small_commune.users[0],
    )
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.show()
    assert window.scan_field.hasFocus() or window.focusWidget() is window.scan_field
    citizen = small_commune.citizens[5]
    from datetime import date

    from fieldapp.domain.chip_qr import ChipQrPayload
    from fieldapp.domain.personal_id import PersonalId

    qr = format_chip_qr(
        ChipQrPayload(
            PersonalId(citizen.personal_id),
            None,
            citizen.full_name,
            citizen.birth_date,
            citizen.sex,
            citizen.address,
            date(2022, 1, 1),
        )
    )
    type_like_a_scanner(window.scan_field, qr)
    assert window.card_view.card is not None
    assert window.card_view.card.citizen.full_name == citizen.full_name
    assert citizen.full_name in window.card_view.text()
    assert citizen.personal_id not in window.card_view.text()  # masked on screen
    assert window.scan_field.text() == ""
    with uow() as u:
        assert [v.support_point_id for v in u.repo.visits_for(citizen.personal_id)][
            -1
        ] == small_commune.points[0].id


def test_a_half_scan_says_so_and_stores_nothing(qtbot, uow, small_commune):
    session = DeskSession(
        uow=uow,
        runner=InlineTaskRunner(),
        point=small_commune.points[0],
        user=small_commune.users[0],
    )
    window = MainWindow(session)
    qtbot.addWidget(window)
    citizen = small_commune.citizens[6]
    with uow() as u:
        before = len(u.repo.visits_for(citizen.personal_id))
    type_like_a_scanner(window.scan_field, f"{citizen.personal_id}||Nguyễn Thị")
    assert "không đủ thông tin" in window.statusBar().currentMessage()
    with uow() as u:
        assert len(u.repo.visits_for(citizen.personal_id)) == before


def test_without_a_display_the_app_says_so_in_one_line(monkeypatch, capsys):
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert desk_app.main([]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "fieldapp --help" in err[0]

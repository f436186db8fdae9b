"""Windows fit the screen's available area; lists of messages wrap instead of scrolling."""

from __future__ import annotations

from desk_helpers import ScriptedDialogs, desk_session
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from fieldapp.ui.fit import TITLE_BAR, fit_to_screen, wrapping_list
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.police_dashboard import PoliceDashboard


def fits(window) -> bool:
    area = window.screen().availableGeometry()
    return window.width() <= area.width() and window.height() + TITLE_BAR <= area.height()


def test_the_desk_and_the_dashboard_fit_the_available_screen(qtbot, uow, small_commune):
    police = next(u for u in small_commune.users if u.role.value == "commune_police")
    desk = MainWindow(desk_session(uow, small_commune.points[0], small_commune.users[0]),
                      dialogs=ScriptedDialogs())  # fmt: skip
    board = PoliceDashboard(desk_session(uow, small_commune.points[0], police))
    for window in (desk, board):
        qtbot.addWidget(window)
        assert fits(window)


def test_fit_keeps_a_smaller_wish(qtbot):
    window = QListWidget()
    qtbot.addWidget(window)
    fit_to_screen(window, 300, 200)
    assert (window.width(), window.height()) == (300, 200)


def test_a_long_import_message_wraps(qtbot):
    messages = wrapping_list(QListWidget())
    qtbot.addWidget(messages)
    messages.resize(400, 300)
    messages.addItem("Tệp «nha-van-hoa-thon-dong-hoa_2026-11-26_goi-0001.fieldsync»: " * 4)
    messages.show()
    assert messages.wordWrap()
    assert messages.horizontalScrollBarPolicy() == Qt.ScrollBarPolicy.ScrollBarAlwaysOff
    assert messages.visualItemRect(messages.item(0)).width() <= messages.viewport().width()

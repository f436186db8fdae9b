"""Ctrl+F at the desk: find a citizen by name (issue 12, item 9).

The real dialog opens over the real desk; keys are typed as a volunteer types them, without
diacritics, and the card that opens is the one the volunteer chose.
"""

from __future__ import annotations

import threading

import pytest
from desk_helpers import desk_session, later, stop_armed_timers
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from fieldapp.domain.text import fold
from fieldapp.services import lookup
from fieldapp.ui.desk_search import NameSearchDialog
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.tasks import TaskRunner


@pytest.fixture
def window(qtbot, uow, small_commune):
    win = MainWindow(desk_session(uow, small_commune.points[0], small_commune.users[0]))
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    stop_armed_timers()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def a_citizen_with_a_unique_name(uow, small_commune):
    for citizen in small_commune.citizens[50:]:
        if (
            len(lookup.search(uow(), fold(citizen.full_name))) == 1
            and fold(citizen.full_name) != citizen.full_name.casefold()
        ):
            return citizen
    raise AssertionError("no citizen with a unique name that has diacritics")


def _when_open(qtbot, act):
    """Run `act(dialog)` once the search dialog is up (its exec() blocks the test)."""

    def check() -> None:
        modal = QApplication.activeModalWidget()
        if not isinstance(modal, NameSearchDialog):
            later(20, check)
            return
        act(modal)

    later(20, check)
    later(
        8000, lambda: QApplication.activeModalWidget() and QApplication.activeModalWidget().reject()
    )


def _results(dialog):
    return [dialog.results.item(i).text() for i in range(dialog.results.count())]


def test_ctrl_f_finds_a_name_typed_without_diacritics_and_enter_opens_the_card(
    qtbot, window, uow, small_commune
):
    target = a_citizen_with_a_unique_name(uow, small_commune)
    plain = fold(target.full_name)  # "nguyen thi huong": what a volunteer types fast
    visits_before = len(lookup.look_up(uow(), target.personal_id).visits)
    shown: list[list[str]] = []

    def act(dialog):
        QTest.keyClicks(dialog.query, plain)
        qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=3000)
        shown.append(_results(dialog))
        QTest.keyClick(dialog.query, Qt.Key.Key_Return)

    _when_open(qtbot, act)
    QTest.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.card is not None, timeout=3000)
    assert target.full_name in shown[0][0]  # shown with its diacritics
    assert target.personal_id not in shown[0][0]  # the ID is masked in the list
    assert window.card.citizen.personal_id == target.personal_id
    assert len(lookup.look_up(uow(), target.personal_id).visits) == visits_before + 1
    assert target.full_name in window.status_text()


def test_a_double_click_opens_the_chosen_one(qtbot, window, uow, small_commune):
    target = a_citizen_with_a_unique_name(uow, small_commune)
    family = fold(target.full_name).rsplit(" ", 1)[0]  # without the given name: more rows

    def act(dialog):
        QTest.keyClicks(dialog.query, family)
        qtbot.waitUntil(lambda: dialog.results.count() >= 1, timeout=3000)
        row = next(i for i, text in enumerate(_results(dialog)) if target.full_name in text)
        item = dialog.results.item(row)
        dialog.results.scrollToItem(item)
        rect = dialog.results.visualItemRect(item)
        QTest.mouseClick(dialog.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        QTest.mouseDClick(dialog.results.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())

    _when_open(qtbot, act)
    window.desk.search_by_name()
    qtbot.waitUntil(lambda: window.card is not None, timeout=3000)
    assert window.card.citizen.personal_id == target.personal_id


def test_esc_opens_nothing(qtbot, window):
    _when_open(qtbot, lambda dialog: QTest.keyClick(dialog.query, Qt.Key.Key_Escape))
    window.desk.search_by_name()
    assert window.card is None
    assert QApplication.activeModalWidget() is None


def test_the_search_runs_off_the_gui_thread(qtbot, uow, small_commune, monkeypatch):
    session = desk_session(uow, small_commune.points[0], small_commune.users[0])
    session.runner = TaskRunner()
    target = a_citizen_with_a_unique_name(uow, small_commune)
    threads: list[threading.Thread] = []
    real_search = lookup.search

    def watched(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_search(*args, **kwargs)

    monkeypatch.setattr(lookup, "search", watched)
    dialog = NameSearchDialog(session, "vi")
    qtbot.addWidget(dialog)
    dialog.show()
    QTest.keyClicks(dialog.query, fold(target.full_name))
    qtbot.waitUntil(lambda: dialog.results.count() == 1, timeout=5000)
    assert threads and all(t is not threading.main_thread() for t in threads)
    QTest.keyClicks(dialog.query, "zzzz")
    qtbot.waitUntil(lambda: "Không tìm thấy" in dialog.line.text(), timeout=5000)
    assert dialog.results.count() == 0
    session.runner.pool.waitForDone(3000)

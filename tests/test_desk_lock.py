"""Issue 15: the desk locks when left alone, and a scanner cannot type into a locked desk."""

from __future__ import annotations

import pytest
from desk_helpers import desk_session, qr_of, scanner_burst
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog

from fieldapp.services import store_keys
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.store_lock import IdleLock, LockScreen

PIN = "482916"


class SlowClock:
    """A person types a key every 300 ms."""

    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        self.now += 0.3
        return self.now


@pytest.fixture
def desk(qtbot, uow, small_commune):
    user = small_commune.users[0]
    store_keys.users_pins_set(uow(), [(user, PIN)])  # this user's slot (as a new PIN would)
    session = desk_session(uow, small_commune.points[0], user)
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    clock = SlowClock()
    lock = IdleLock(
        win, lang="vi", user_name=lambda: user.name, minutes=5,
        check_pin=lambda pin: store_keys.check_unlock_pin(uow(), user, pin), clock=clock,
    )  # fmt: skip
    lock.install()
    yield win, lock, clock, small_commune
    lock.uninstall()
    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, LockScreen) and widget.isVisible():
            widget.finish()
        elif isinstance(widget, QDialog) and widget.isVisible():
            widget.reject()


def type_slowly(widget, text: str) -> None:
    for ch in text:
        QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch,
                           Qt.KeyboardModifier.NoModifier)  # fmt: skip
    QTest.sendKeyEvent(QTest.KeyAction.Click, widget, Qt.Key.Key_Return, "\r",
                       Qt.KeyboardModifier.NoModifier)  # fmt: skip


def test_the_desk_locks_after_the_idle_time(desk, qtbot):
    _win, lock, _clock, _data = desk
    assert lock.timer.interval() == 5 * 60_000 and lock.timer.isActive()
    lock.timer.timeout.emit()  # five minutes without a key or a click
    assert lock.locked and lock.screen is not None and lock.screen.isVisible()
    lock.screen.reject()  # Esc does not open it
    assert lock.locked and lock.screen.isVisible()


def test_a_scanner_cannot_type_into_a_locked_desk(desk, uow, qtbot):
    win, lock, clock, data = desk
    citizen = data.citizens[3]
    with uow() as u:
        before = len(u.repo.visits_for(citizen.personal_id))
    lock.lock()
    clock.now = 0.0
    lock.clock = lambda: clock.now  # a scanner: every key at the same instant
    scanner_burst(qr_of(citizen), widget=win.scan_field)
    scanner_burst(qr_of(citizen))  # and at whatever has the focus (the lock screen)
    assert lock.locked
    assert lock.screen.pin.text() == ""
    assert "không nhận mã quét" in lock.screen.error.text()
    assert win.scan_field.text() == ""
    with uow() as u:
        assert len(u.repo.visits_for(citizen.personal_id)) == before  # nothing recorded
    assert win.card is None  # no citizen was brought up


def test_the_users_pin_unlocks_and_a_wrong_one_does_not(desk, qtbot):
    _win, lock, _clock, _data = desk
    lock.lock()
    type_slowly(lock.screen.pin, "111111")
    assert lock.locked and "Sai mã PIN" in lock.screen.error.text()
    type_slowly(lock.screen.pin, PIN)
    assert not lock.locked
    assert lock.timer.isActive()

"""The desk's lock: unlocking the store at start, and locking the desk after idle time.

While the desk is locked, one application-wide event filter (installed last, so it sees keys
before the scan catcher) takes every key press: keys meant for the lock screen are typed into
its PIN field by the filter itself, everything else is dropped. A scanner burst (ten or more
keys a few milliseconds apart) is never tried as a PIN: it would count as a wrong one.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import store_keys
from fieldapp.ui.scan_catcher import MAX_GAP_S, MIN_SCAN_LENGTH
from fieldapp.ui.session import DeskSession

_ENTER = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_ERROR_STYLE = "color: #b00020;"
_INPUT_EVENTS = (
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.Wheel,
)


def ok_cancel_buttons(dialog: QDialog, lang: str) -> QDialogButtonBox:
    """OK and Cancel in the user's language (Qt's own labels are English)."""
    box = QDialogButtonBox()
    ok = box.addButton(tr("button.ok", lang), QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(tr("desk.button.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    box.rejected.connect(dialog.reject)
    return box


def _say(label: QLabel, error: Exception, lang: str) -> None:
    if isinstance(error, FieldAppError):
        label.setText(error_text(error, lang))
    else:
        label.setText(tr("task.unexpected", lang, detail=type(error).__name__))


class UnlockDialog(QDialog):
    """At start on an encrypted store: your name and PIN, or the recovery code."""

    def __init__(
        self,
        lang: str,
        *,
        unlock_pin: Callable[[str, str], object],
        unlock_recovery: Callable[[str], object],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.unlock_pin, self.unlock_recovery = unlock_pin, unlock_recovery
        self.result_value: object = None
        self.recovery_mode = False
        self.setWindowTitle(tr("atrest.unlock.title", lang))
        self.name = QLineEdit()
        self.name.setObjectName("unlockName")
        self.secret = QLineEdit()
        self.secret.setObjectName("unlockPin")
        self.secret.setEchoMode(QLineEdit.EchoMode.Password)
        self.secret.returnPressed.connect(self._try)
        self.secret_label = QLabel(tr("keys.prompt_pin", lang))
        self.error = QLabel("")
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setWordWrap(True)
        self.switch = QPushButton(tr("atrest.unlock.use_recovery", lang))
        self.switch.clicked.connect(self._toggle)
        form = QFormLayout()
        form.addRow(tr("keys.prompt_user", lang), self.name)
        form.addRow(self.secret_label, self.secret)
        buttons = ok_cancel_buttons(self, lang)
        buttons.accepted.connect(self._try)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("atrest.unlock.intro", lang)))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.switch)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        self.name.setFocus()

    def _toggle(self) -> None:
        self.recovery_mode = not self.recovery_mode
        self.name.setEnabled(not self.recovery_mode)
        self.secret.clear()
        self.secret.setEchoMode(
            QLineEdit.EchoMode.Normal if self.recovery_mode else QLineEdit.EchoMode.Password
        )
        key = "atrest.unlock.recovery_code" if self.recovery_mode else "keys.prompt_pin"
        self.secret_label.setText(tr(key, self.lang))
        self.switch.setText(
            tr("atrest.unlock.use_pin" if self.recovery_mode else "atrest.unlock.use_recovery",
               self.lang)
        )  # fmt: skip
        self.secret.setFocus()

    def _try(self) -> None:
        try:
            if self.recovery_mode:
                self.result_value = self.unlock_recovery(self.secret.text())
            else:
                self.result_value = self.unlock_pin(self.name.text(), self.secret.text())
        except FieldAppError as error:
            self.secret.clear()
            _say(self.error, error, self.lang)
            self.secret.setFocus()
            return
        self.accept()


class LockScreen(QDialog):
    """The locked desk: only the signed-in user's PIN opens it; Esc and the scanner do not."""

    def __init__(self, lang: str, user_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(tr("atrest.lock.title", lang))
        self.setModal(True)
        self.pin = QLineEdit()
        self.pin.setObjectName("lockPin")
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel("")
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("atrest.lock.intro", lang, user=user_name)))
        layout.addWidget(self.pin)
        layout.addWidget(self.error)
        self.setMinimumWidth(420)

    def reject(self) -> None:
        """Esc (or anything that cancels dialogs) does not open a locked desk."""

    def closeEvent(self, event: QEvent) -> None:  # noqa: N802
        """The close button does not open it either."""
        event.ignore()

    def finish(self) -> None:
        """Unlocked: close for real."""
        super().accept()


class IdleLock(QObject):
    """Locks the desk after `minutes` without a key or a click; the user's PIN unlocks it."""

    def __init__(
        self,
        window: QWidget,
        *,
        lang: str,
        user_name: Callable[[], str],
        minutes: float,
        check_pin: Callable[[str], None],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self.window, self.lang, self.user_name = window, lang, user_name
        self.check_pin = check_pin
        self.clock = clock
        self.screen: LockScreen | None = None
        self._key_times: list[float] = []
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(max(1, int(minutes * 60_000)))
        self.timer.timeout.connect(self.lock)

    @property
    def locked(self) -> bool:
        """True while the lock screen is up."""
        return self.screen is not None

    def install(self) -> None:
        """Start watching input (and the idle clock)."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.timer.start()

    def uninstall(self) -> None:
        """Stop watching (the window is closing)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()

    def lock(self) -> None:
        """Show the lock screen; from now on every key goes through this filter first."""
        if self.screen is not None:
            return
        self.timer.stop()
        self.screen = LockScreen(self.lang, self.user_name(), self.window)
        self._key_times.clear()
        app = QApplication.instance()
        if app is not None:  # installed last = asked first, before the scan catcher
            app.removeEventFilter(self)
            app.installEventFilter(self)
        self.screen.show()
        self.screen.pin.setFocus()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Unlocked: note activity. Locked: take every key press."""
        if self.screen is None:
            if event.type() in _INPUT_EVENTS:
                self.timer.start()
            return False
        if event.type() == QEvent.Type.ShortcutOverride:
            return True
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return False
        self._locked_key(event)
        return True

    def _locked_key(self, event: QKeyEvent) -> None:
        assert self.screen is not None
        pin = self.screen.pin
        if event.key() in _ENTER:
            if self._was_burst():
                pin.clear()
                self.screen.error.setText(tr("atrest.lock.scanner_ignored", self.lang))
            else:
                self._try(pin.text())
            self._key_times.clear()
        elif event.key() == Qt.Key.Key_Backspace:
            pin.backspace()
        elif len(event.text()) == 1 and event.text().isprintable():
            self._key_times.append(self.clock())
            pin.insert(event.text())

    def _was_burst(self) -> bool:
        times = self._key_times
        if len(times) < MIN_SCAN_LENGTH:
            return False
        gaps = [b - a for a, b in itertools.pairwise(times)]
        return sorted(gaps)[len(gaps) // 2] <= MAX_GAP_S

    def _try(self, pin: str) -> None:
        assert self.screen is not None
        try:
            self.check_pin(pin)
        except FieldAppError as error:
            self.screen.pin.clear()
            _say(self.screen.error, error, self.lang)
            return
        screen, self.screen = self.screen, None
        screen.finish()
        screen.deleteLater()
        self.timer.start()


def install_idle_lock(window: QWidget, session: DeskSession) -> IdleLock | None:
    """Lock `window` after the configured idle minutes (none if set to 0)."""
    minutes = store_keys.idle_lock_minutes(session.uow())
    if minutes <= 0:
        return None

    def check(pin: str) -> None:
        assert session.user is not None
        store_keys.check_unlock_pin(session.uow(), session.user, pin)

    lock = IdleLock(
        window,
        lang=session.lang,
        user_name=lambda: session.user.name if session.user is not None else "",
        minutes=minutes,
        check_pin=check,
    )
    lock.install()
    return lock

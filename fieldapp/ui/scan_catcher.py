"""Catching a USB scanner's keystrokes wherever the focus is.

A scanner is a keyboard that types the card's QR text very fast and ends with Enter. This
application-wide event filter tells such a burst from a person typing by the time between
keys: printable keys that reach a widget other than the scan field are held back for a few
tens of milliseconds; if more follow that fast and an Enter ends them, the whole text goes
to the scan handler; otherwise the held keys are replayed to their widget, unchanged.
Keys typed into the scan field itself pass straight through (a typed ID works there), but
a burst into it that never gets its Enter is reported as a half scan.

A burst is a scan wherever focus is: in a dialog too (the window closes the dialog, so
the previous citizen gets nothing, and handles the scan), except into a widget marked
`SCAN_TARGET` (a form's own scan field). Modifier keys alone (the Shift a
scanner presses before every capital letter) neither end nor break a burst: before they
were ignored, each capital replayed the held keys into the focused widget.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QDialog, QWidget

# A widget with this property set takes a scan itself: the receiver's card scanned into the
# payment form (issue 19) is that form's answer, not a new citizen at the desk.
SCAN_TARGET = "fieldappScanTarget"
MAX_GAP_S = 0.045  # scanners type a key every few ms; people take 100 ms and more
MIN_SCAN_LENGTH = 10  # a bare ID is 12 characters, a card's QR about 80
_ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)
_MODIFIER_KEYS = frozenset(
    (
        Qt.Key.Key_Shift,
        Qt.Key.Key_Control,
        Qt.Key.Key_Alt,
        Qt.Key.Key_AltGr,
        Qt.Key.Key_Meta,
        Qt.Key.Key_CapsLock,
        Qt.Key.Key_NumLock,
        Qt.Key.Key_Super_L,
        Qt.Key.Key_Super_R,
    )
)


@dataclass
class _HeldKey:
    widget: QWidget
    key: int
    modifiers: Qt.KeyboardModifier
    text: str
    at: float


class ScanCatcher(QObject):
    """Routes scanner bursts to `on_scan(text)`, whichever window or dialog has the focus."""

    def __init__(
        self,
        scan_field: QWidget,
        home_window: QWidget,
        *,
        on_scan: Callable[[str], None],
        on_half_scan: Callable[[], None],
        clock: Callable[[], float] = time.monotonic,
        max_gap: float = MAX_GAP_S,
        min_length: int = MIN_SCAN_LENGTH,
    ) -> None:
        super().__init__(home_window)
        self.scan_field = scan_field
        self.home_window = home_window
        self.on_scan = on_scan
        self.on_half_scan = on_half_scan
        self.clock = clock
        self.max_gap = max_gap
        self.min_length = min_length
        self._held: list[_HeldKey] = []
        self._field_burst = 0  # fast keys typed into the scan field since the last pause
        self._field_last = 0.0
        self._replaying = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(max_gap * 1000 * 2))
        self._timer.timeout.connect(self._pause)

    def install(self) -> None:
        """Start watching every key of the application."""
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def uninstall(self) -> None:
        """Stop watching (the window is closing)."""
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._timer.stop()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802
        """Hold, route or pass one key press."""
        if self._replaying or event.type() != QEvent.Type.KeyPress:
            return False
        if not isinstance(obj, QWidget) or not isinstance(event, QKeyEvent):
            return False
        if not shiboken6.isValid(self.scan_field) or event.key() in _MODIFIER_KEYS:
            return False
        now = self._moment(event)
        if obj is self.scan_field:
            self._watch_field(event, now)
            return False
        if obj.property(SCAN_TARGET):
            return False
        return self._filter_other(obj, event, now)

    def _moment(self, event: QKeyEvent) -> float:
        """When the key was pressed: the window system's time stamp (ms) when it gives one.

        A busy old laptop may handle keys late and in a clump; the stamps still show the
        scanner's own pace. Synthetic events (tests) carry none: then the clock.
        """
        stamp = event.timestamp()
        return stamp / 1000 if stamp else self.clock()

    # Keys typed into the scan field: only watched, to notice a half scan.
    def _watch_field(self, event: QKeyEvent, now: float) -> None:
        if event.key() in _ENTER_KEYS:
            self._field_burst = 0
            self._timer.stop()
            return
        if _printable(event):
            fast = self._field_burst > 0 and now - self._field_last <= self.max_gap
            self._field_burst = self._field_burst + 1 if fast else 1
            self._field_last = now
            self._timer.start()

    # Keys that reach any other widget: held back until we know what they are.
    def _filter_other(self, widget: QWidget, event: QKeyEvent, now: float) -> bool:
        mods = event.modifiers() & ~(
            Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier
        )
        if mods != Qt.KeyboardModifier.NoModifier:
            self._replay()
            return False
        if event.key() in _ENTER_KEYS:
            if self._is_burst(now):
                text = "".join(k.text for k in self._held)
                self._held.clear()
                self._timer.stop()
                self.on_scan(text)
                return True
            self._replay()
            return False
        if not _printable(event):
            self._replay()
            return False
        if self._held and now - self._held[-1].at > self.max_gap:
            self._replay()
        self._held.append(_HeldKey(widget, event.key(), event.modifiers(), event.text(), now))
        self._timer.start()
        return True

    def _is_burst(self, now: float) -> bool:
        if len(self._held) < self.min_length:
            return False
        return now - self._held[-1].at <= self.max_gap * 3

    def _pause(self) -> None:
        """No key for a while: a burst without its Enter is a half scan; typing is replayed.

        Keys that arrived but were not handled yet (a busy machine) are handled first: if
        any came, the burst goes on.
        """
        before = (len(self._held), self._field_burst, self._field_last)
        QApplication.processEvents()
        if (len(self._held), self._field_burst, self._field_last) != before:
            return  # more keys came: they restarted the timer, or ended the burst
        if self._field_burst >= self.min_length:
            self._field_burst = 0
            self.on_half_scan()
        self._field_burst = 0
        if len(self._held) >= self.min_length:
            self._held.clear()
            self.on_half_scan()
            return
        self._replay()

    def _replay(self) -> None:
        held, self._held = self._held, []
        self._replaying = True
        try:
            for key in held:
                if shiboken6.isValid(key.widget):
                    event = QKeyEvent(QEvent.Type.KeyPress, key.key, key.modifiers, key.text)
                    QApplication.sendEvent(key.widget, event)
        finally:
            self._replaying = False


def _printable(event: QKeyEvent) -> bool:
    text = event.text()
    return len(text) == 1 and text.isprintable()


def close_open_dialogs(home_window: QWidget) -> int:
    """Cancel every dialog over the desk (innermost first); how many were cancelled.

    A scan means the next citizen is at the desk: whatever the dialog was about to record
    for the previous one must not be recorded. `reject()` is a dialog's own Cancel.
    """
    closed = 0
    for _ in range(20):  # nested dialogs (a message box over a form) close one by one
        modal = QApplication.activeModalWidget()
        if modal is None or modal is home_window or not modal.isVisible():
            break
        if isinstance(modal, QDialog):
            modal.reject()
        else:
            modal.close()
        closed += 1
    active = QApplication.activeWindow()
    if isinstance(active, QDialog) and active is not home_window and active.isVisible():
        active.reject()  # a dialog opened without modality
        closed += 1
    return closed

"""Builders and drivers shared by the desk tests (synthetic people only)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget

from fieldapp.domain import model as dm
from fieldapp.domain.chip_qr import ChipQrPayload, format_chip_qr
from fieldapp.domain.personal_id import PersonalId, Sex, sex_digit
from fieldapp.domain.text import fold
from fieldapp.services.pins import hash_pin
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner

_ARMED: list[QTimer] = []


def later(ms: int, callback: Callable[[], object]) -> None:
    """Run `callback` once after `ms`, on a timer that dies with the test (stop_armed_timers).

    A bare QTimer.singleShot outlives its test: an 8 s "close whatever dialog is open"
    safety net armed by one test used to fire inside a later one and reject its dialog.
    """
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(callback)
    timer.start(ms)
    _ARMED.append(timer)


def stop_armed_timers() -> None:
    """Stop every timer `later` armed (call when a test ends)."""
    for timer in _ARMED:
        timer.stop()
    _ARMED.clear()


def type_keys(widget: QWidget, text: str, *, enter: bool = True) -> None:
    """Send one key event per character, as a scanner would (non-ASCII included)."""
    for ch in text:
        QTest.sendKeyEvent(
            QTest.KeyAction.Click, widget, Qt.Key.Key_unknown, ch, Qt.KeyboardModifier.NoModifier
        )
    if enter:
        QTest.keyClick(widget, Qt.Key.Key_Return)


def qr_of(citizen: dm.Citizen, *, name: str | None = None) -> str:
    """The card QR text for a citizen (optionally with another name, e.g. garbled)."""
    assert citizen.birth_date is not None and citizen.sex is not None
    return format_chip_qr(
        ChipQrPayload(
            personal_id=PersonalId(citizen.personal_id),
            old_id=None,
            full_name=name or citizen.full_name,
            birth_date=citizen.birth_date,
            sex=citizen.sex,
            address=citizen.address,
            issue_date=date(2021, 4, 12),
        )
    )


def garble(text: str) -> str:
    """What a cheap scanner does to Vietnamese: diacritics dropped, some letters lost to '?'."""
    out = []
    for ch in text:
        bare = fold(ch) if not ch.isspace() else ch
        out.append("?" if ch in "ơưƠƯ" else (bare.upper() if ch.isupper() else bare) or "?")
    return "".join(out)


def a_new_person(*, year: int = 1952, sex: Sex = Sex.FEMALE, tail: str = "424242") -> dict:
    """A personal ID and details for someone the lists do not have."""
    pid = f"038{sex_digit(sex, year)}{year % 100:02d}{tail}"
    return {"personal_id": pid, "birth_date": date(year, 3, 5), "sex": sex}


def add_user(
    uow: Callable, name: str, role: dm.Role, point_id: uuid.UUID, pin: str = ""
) -> dm.User:
    user = dm.User(uuid.uuid4(), name, role, point_id)
    with uow() as u:
        u.repo.add_user(user, pin_hash=hash_pin(pin) if pin else "")
        u.commit()
    return user


def desk_session(uow: Callable, point: dm.SupportPoint, user: dm.User | None) -> DeskSession:
    return DeskSession(uow=uow, runner=InlineTaskRunner(), lang="vi", point=point, user=user)


@dataclass
class ScriptedDialogs:
    """Stands in for DeskDialogs: answers from a script, records what was asked."""

    reason: tuple[dm.FailureReason, str] | None = None
    referral: dm.ReferralTarget | None = None
    bank: tuple[str, bool] | None = None
    new_citizen_fields: dict | None = None
    correct_fields: dict | None = None
    confirmed: bool = True
    quit_choice: str = "quit"
    signed_in: dm.User | None = None
    language: str | None = None
    asked: list[str] = field(default_factory=list)

    def pick_reason(self, lang, step):
        self.asked.append("reason")
        return self.reason

    def pick_referral(self, lang):
        self.asked.append("referral")
        return self.referral

    def pick_bank(self, lang, banks):
        self.asked.append(f"bank:{','.join(banks)}")
        return self.bank

    def new_citizen(self, session, villages, *, payload, personal_id, place):
        """Drive the real form without exec: fill, save, return what it registered."""
        from fieldapp.ui.desk_forms import NewCitizenDialog

        self.asked.append("new_citizen")
        dialog = NewCitizenDialog(
            session, villages, payload=payload, personal_id=personal_id, place=place
        )
        self.last_form = dialog
        if self.new_citizen_fields is None:
            return None
        for name, value in self.new_citizen_fields.items():
            widget = getattr(dialog, name)
            if hasattr(widget, "setCurrentIndex"):
                widget.setCurrentIndex(value)
            else:
                widget.setText(value)
        dialog.save()
        return dialog.registered

    def correct_citizen(self, session, citizen, villages, *, official=False):
        """Drive the real correction form: fill `correct_fields`, save, return what it stored."""
        from fieldapp.ui.desk_correct import CorrectDetailsDialog

        self.asked.append("correct")
        dialog = CorrectDetailsDialog(session, citizen, villages, official=official)
        self.last_correct_form = dialog
        if self.correct_fields is None:
            return None
        for name, value in self.correct_fields.items():
            widget = getattr(dialog, name)
            if hasattr(widget, "setCurrentIndex"):
                widget.setCurrentIndex(value)
            else:
                widget.setText(value)
        dialog.save()
        return dialog.done_

    def quit_reminder(self, lang, waiting):
        self.asked.append(f"quit_reminder:{waiting}")
        return self.quit_choice

    def confirm(self, title, question):
        self.asked.append("confirm")
        return self.confirmed

    def sign_in(self, session, users):
        self.asked.append("sign_in")
        return self.signed_in

    def settings(self, session, banks):
        self.asked.append("settings")
        if self.language is not None:
            from fieldapp.services import settings

            settings.set_language(session.uow(), self.language)
        return self.language


def drive_users_dialog(dialogs: ScriptedDialogs, entries: list[dict]) -> None:
    """Make `dialogs.users` fill the real users dialog with `entries`, one add each."""

    def users(session, listed):
        from fieldapp.ui.desk_forms import UsersDialog

        dialogs.asked.append("users")
        dialog = UsersDialog(session, listed)
        dialogs.last_users = dialog
        for entry in entries:
            dialog.name.setText(entry["name"])
            dialog.role.setCurrentIndex(dialog.role.findData(entry["role"]))
            dialog.pin.setText(entry.get("pin", ""))
            dialog.add()
        return dialog.added

    dialogs.users = users


def _key_of(ch: str) -> Qt.Key:
    if ch.isascii() and ch.isalnum():
        return Qt.Key(ord(ch.upper()))
    return {"|": Qt.Key.Key_Bar, " ": Qt.Key.Key_Space, "/": Qt.Key.Key_Slash}.get(
        ch, Qt.Key.Key_unknown
    )


def focus_target() -> QWidget:
    """Where the keyboard's keys go now: the focused widget, else the active window."""
    from PySide6.QtWidgets import QApplication

    modal = QApplication.activeModalWidget()
    if modal is not None:  # offscreen, a dialog's window is not always made active
        return modal.focusWidget() or modal
    widget = QApplication.focusWidget() or QApplication.activeWindow()
    assert widget is not None, "no widget would receive the keys"
    return widget


def scanner_burst(
    text: str,
    *,
    gaps_ms: Sequence[int] = (),
    widget: QWidget | None = None,
    wait: bool = False,
) -> None:
    """What a USB scanner sends, wherever the focus is: for each character a key press and
    release (Shift pressed around capitals, as a keyboard does), then Enter.

    `gaps_ms` (cycled) are the scanner's pauses between keys (2–20 ms for a real one), given
    to each event as its window-system time stamp, as X11 or Windows would; `wait` also
    waits them out with the event loop running (slower, and at the machine's mercy).
    Without `gaps_ms` the keys are stamped 4 ms apart: a real keyboard event always carries
    its stamp, and an unstamped burst would be judged by the test process's own clock, which
    a loaded machine can pause for longer than a scanner's gap between two keys.
    """
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    shift, plain = Qt.KeyboardModifier.ShiftModifier, Qt.KeyboardModifier.NoModifier
    if not gaps_ms:
        gaps_ms, wait = (4,), False
    stamp = 1_000_000

    target = widget

    def send(kind: QEvent.Type, key: Qt.Key, ch: str, mods: Qt.KeyboardModifier) -> None:
        event = QKeyEvent(kind, key, mods, ch)
        if gaps_ms:
            event.setTimestamp(stamp)
        QApplication.sendEvent(target, event)

    press, release = QEvent.Type.KeyPress, QEvent.Type.KeyRelease
    for number, ch in enumerate([*text, "\r"]):
        target = widget or focus_target()  # the focus may move (a replay, a closed dialog)
        if ch == "\r":
            send(press, Qt.Key.Key_Return, "\r", plain)
            send(release, Qt.Key.Key_Return, "\r", plain)
            break
        capital = ch != ch.lower()
        mods = shift if capital else plain
        if capital:
            send(press, Qt.Key.Key_Shift, "", shift)
        send(press, _key_of(ch), ch, mods)
        send(release, _key_of(ch), ch, mods)
        if capital:
            send(release, Qt.Key.Key_Shift, "", plain)
        if gaps_ms:
            gap = gaps_ms[number % len(gaps_ms)]
            stamp += gap
            if wait:
                QTest.qWait(gap)

"""Change my own PIN: the old one, the new one twice.

The users service checks the old PIN as a sign-in does (wrong tries count), applies the
role's PIN policy, and its account hooks re-wrap this user's key slot of the encrypted store
(`services/store_keys.py`), so the new PIN opens the store at the next start.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import tr
from fieldapp.services import users
from fieldapp.ui.qt_words import action_cancel_buttons
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_common import failure_text


class ChangePinDialog(QDialog):
    """For the signed-in user only; nothing changes until the service says yes."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang = session.lang
        self.changed = False
        self.setWindowTitle(tr("desk_finish.pin.title", lang))
        self.old_pin, self.new_pin, self.again = QLineEdit(), QLineEdit(), QLineEdit()
        for field in (self.old_pin, self.new_pin, self.again):
            field.setEchoMode(QLineEdit.EchoMode.Password)
        who = session.user.name if session.user is not None else ""
        rule = QLabel(tr("desk_finish.pin.rule", lang))
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #5f6368")
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e; font-weight: bold")
        form = QFormLayout()
        form.addRow(tr("desk_finish.pin.who", lang), QLabel(who))
        form.addRow(tr("desk_finish.pin.old", lang), self.old_pin)
        form.addRow(tr("desk_finish.pin.new", lang), self.new_pin)
        form.addRow(tr("desk_finish.pin.again", lang), self.again)
        buttons = action_cancel_buttons(self, lang, tr("desk_finish.pin.save", lang), self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(rule)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        """The new PIN twice the same, then the service (old PIN, policy, key slot)."""
        user = self.session.user
        old, new = self.old_pin.text(), self.new_pin.text()
        if user is None:
            return
        if new != self.again.text():
            self.message.setText(tr("desk_finish.pin.mismatch", self.lang))
            self.again.clear()
            self.again.setFocus()
            return
        uow = self.session.uow
        self.session.runner.run(
            lambda _p: users.set_pin(uow(), user, user.id, new, old_pin=old),
            on_success=self._changed,
            on_failure=self._failed,
        )

    def _changed(self, _user: object) -> None:
        self.changed = True
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.message.setText(failure_text(error, self.lang))
        for field in (self.old_pin, self.new_pin, self.again):
            field.clear()
        self.old_pin.setFocus()

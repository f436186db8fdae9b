"""Managing who can sign in: add, rename, deactivate, give a new PIN, unlock.

The rules are the users service's and the permission table's (`fieldapp.services.users`,
`fieldapp.domain.permissions`): the screen only offers what the signed-in person may do
(a commune police officer is not offered "admin"; the buttons of a user they may not manage
are disabled) and shows the service's own words when it refuses.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import model as dm
from fieldapp.domain.errors import FieldAppError
from fieldapp.domain.permissions import creatable_roles, may_manage
from fieldapp.i18n import error_text, tr
from fieldapp.services import desk, users
from fieldapp.services.progress import Progress
from fieldapp.ui.session import DeskSession

_ERROR_STYLE = "color: #b3261e; font-weight: bold"
_OK_STYLE = "color: #1b7f3b; font-weight: bold"


def state_text(line: users.UserLine, lang: str) -> str:
    """Active, locked, deactivated or without a PIN, as a person says it."""
    if not line.user.active:
        return tr("users_ui.state.inactive", lang)
    if line.locked:
        return tr("users_ui.state.locked", lang)
    if not line.has_pin:
        return tr("users_ui.state.no_pin", lang)
    return tr("users_ui.state.active", lang)


class UsersDialog(QDialog):
    """Every user with their state; a form to add one; the picked user's actions."""

    def __init__(
        self, session: DeskSession, listed: Sequence[dm.User], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang = session.lang
        self.added: list[dm.User] = []
        self.lines: list[users.UserLine] = []
        acting = session.user.role if session.user else None
        self.setWindowTitle(tr("desk.users.title", lang))
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [tr("desk.users.name", lang), tr("desk.users.role", lang), tr("users_ui.state", lang)]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setMinimumHeight(170)
        self.table.itemSelectionChanged.connect(self._picked)
        # The picked user.
        self.new_name = QLineEdit()
        self.new_pin = QLineEdit()
        self.new_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.rename_button = QPushButton(tr("users_ui.rename", lang))
        self.pin_button = QPushButton(tr("users_ui.set_pin", lang))
        self.deactivate_button = QPushButton(tr("users_ui.deactivate", lang))
        self.unlock_button = QPushButton(tr("users_ui.unlock", lang))
        self.rename_button.clicked.connect(self.rename)
        self.pin_button.clicked.connect(self.give_pin)
        self.deactivate_button.clicked.connect(self.deactivate)
        self.unlock_button.clicked.connect(self.unlock)
        picked = QFormLayout()
        picked.addRow(tr("users_ui.new_name", lang), self._row(self.new_name, self.rename_button))
        picked.addRow(tr("users_ui.new_pin", lang), self._row(self.new_pin, self.pin_button))
        actions = QHBoxLayout()
        actions.addWidget(self.deactivate_button)
        actions.addWidget(self.unlock_button)
        actions.addStretch(1)
        picked.addRow("", actions)
        # Adding someone.
        self.name = QLineEdit()
        self.role = QComboBox()
        roles = creatable_roles(acting)
        for role in roles:
            self.role.addItem(tr(f"role.{role.value}", lang), role.value)
        if dm.Role.BANK_OFFICER in roles:
            self.role.setCurrentIndex(roles.index(dm.Role.BANK_OFFICER))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.setPlaceholderText(tr("users_ui.pin_rule", lang))
        add_form = QFormLayout()
        add_form.addRow(tr("desk.users.name", lang), self.name)
        add_form.addRow(tr("desk.users.role", lang), self.role)
        add_form.addRow(tr("desk.users.pin", lang), self.pin)
        self.message = QLabel()
        self.message.setWordWrap(True)
        box = QDialogButtonBox()
        add = box.addButton(tr("desk.users.add", lang), QDialogButtonBox.ButtonRole.ActionRole)
        add.setDefault(True)
        add.clicked.connect(self.add)
        close = box.addButton(tr("desk.users.close", lang), QDialogButtonBox.ButtonRole.RejectRole)
        close.clicked.connect(self.accept)
        intro = QLabel(tr("desk.users.intro", lang))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addWidget(QLabel(f"<b>{tr('users_ui.picked', lang)}</b>"))
        layout.addLayout(picked)
        layout.addWidget(QLabel(f"<b>{tr('users_ui.add_title', lang)}</b>"))
        layout.addWidget(intro)
        layout.addLayout(add_form)
        layout.addWidget(self.message)
        layout.addWidget(box)
        self.setMinimumWidth(600)
        self._show([users.UserLine(u, True, False) for u in listed])
        self.reload()
        self.name.setFocus()

    @staticmethod
    def _row(field: QLineEdit, button: QPushButton) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(field, 1)
        row.addWidget(button)
        return row

    # Showing ----------------------------------------------------------------------------------
    def reload(self) -> None:
        """Every user and their state, from the users service."""
        session, actor = self.session, self.session.user
        if actor is None:
            return
        self._run(lambda _p: users.list_users(session.uow(), actor), self._show)

    def _show(self, lines: Sequence[users.UserLine]) -> None:
        picked = self.picked()
        self.lines = list(lines)
        self.table.setRowCount(len(self.lines))
        for row, line in enumerate(self.lines):
            cells = (line.user.name, tr("role." + line.user.role.value, self.lang))
            for column, text in enumerate((*cells, state_text(line, self.lang))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        if picked is not None:
            self.pick(picked.id)
        self._picked()

    def picked(self) -> dm.User | None:
        """The user whose row is selected."""
        rows = self.table.selectionModel().selectedRows()
        return self.lines[rows[0].row()].user if rows and rows[0].row() < len(self.lines) else None

    def pick(self, user_id: object) -> None:
        """Select a user's row."""
        for row, line in enumerate(self.lines):
            if line.user.id == user_id:
                self.table.selectRow(row)

    def _picked(self) -> None:
        """Offer only what the signed-in person may do to the picked user."""
        target = self.picked()
        acting = self.session.user
        allowed = (
            target is not None
            and acting is not None
            and may_manage(acting.role, target.role)
            and target.id != acting.id
        )
        line = next((ln for ln in self.lines if target and ln.user.id == target.id), None)
        active = line is not None and line.user.active
        for button in (self.rename_button, self.pin_button):
            button.setEnabled(allowed and active)
        self.deactivate_button.setEnabled(allowed and active)
        self.unlock_button.setEnabled(allowed and line is not None and line.locked)
        own = target is not None and acting is not None and target.id == acting.id
        self.pin_button.setEnabled(self.pin_button.isEnabled() and not own)
        if target is not None:
            self.new_name.setText(target.name)

    # Actions ----------------------------------------------------------------------------------
    def add(self) -> None:
        """Add the user in the form."""
        session = self.session
        if session.point is None or session.user is None:
            return
        point_id, actor = session.point.id, session.user
        name, role, pin = self.name.text(), dm.Role(self.role.currentData()), self.pin.text()

        def work(_progress: Progress) -> dm.User:
            return desk.add_user(
                session.uow(), actor=actor, point_id=point_id, name=name, role=role, pin=pin
            )

        self._run(work, self._added)

    def _added(self, user: dm.User) -> None:
        self.added.append(user)
        self.name.clear()
        self.pin.clear()
        self._say(tr("desk.users.added", self.lang, name=user.name))
        self.reload()
        self.name.setFocus()

    def rename(self) -> None:
        """Give the picked user the name typed."""
        self._on_picked(
            lambda uow, actor, target: users.rename_user(
                uow, actor, target.id, self.new_name.text()
            ),
            "users_ui.renamed",
        )

    def give_pin(self) -> None:
        """A new PIN for the picked user (forgotten, or handed over)."""
        pin = self.new_pin.text()
        self.new_pin.clear()
        self._on_picked(
            lambda uow, actor, target: users.set_pin(uow, actor, target.id, pin),
            "users_ui.pin_set",
        )

    def deactivate(self) -> None:
        """The picked user can no longer sign in (their work stays)."""
        self._on_picked(
            lambda uow, actor, target: users.deactivate_user(uow, actor, target.id),
            "users_ui.deactivated",
        )

    def unlock(self) -> None:
        """Clear the picked user's wrong PIN tries."""
        self._on_picked(
            lambda uow, actor, target: users.unlock_user(uow, actor, target.id),
            "users_ui.unlocked",
        )

    def _on_picked(self, change: Callable[..., dm.User], said: str) -> None:
        target, actor, session = self.picked(), self.session.user, self.session
        if target is None or actor is None:
            self._say(tr("users_ui.pick_first", self.lang), error=True)
            return

        def done(user: dm.User) -> None:
            self._say(tr(said, self.lang, name=user.name))
            self.reload()

        self._run(lambda _p: change(session.uow(), actor, target), done)

    def _run(self, work: Callable[[Progress], object], on_success: Callable) -> None:
        self.session.runner.run(work, on_success=on_success, on_failure=self._failed)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet(_ERROR_STYLE if error else _OK_STYLE)
        self.message.setText(text)

    def _failed(self, error: Exception) -> None:
        if isinstance(error, FieldAppError):
            self._say(error_text(error, self.lang), error=True)
        else:
            self._say(tr("task.unexpected", self.lang, detail=type(error).__name__), error=True)

"""Ctrl+F at the desk: find a citizen by name, for someone who came without their chip card.

The search itself is `services.lookup.search` (diacritics and case ignored), run on the
session's task runner so a slow store never freezes the window; an answer to an older query
is dropped. Enter or a double-click answers with the citizen's personal ID; the desk
controller opens the card as if the ID had been typed.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import model as dm
from fieldapp.domain.personal_id import PersonalId
from fieldapp.i18n import error_text, tr
from fieldapp.services import lookup
from fieldapp.ui.session import DeskSession

_PAUSE_MS = 150  # wait for a pause in typing before searching


class NameSearchDialog(QDialog):
    """A line edit and the citizens whose name matches; the chosen one is `chosen`."""

    def __init__(self, session: DeskSession, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session, self.lang = session, lang
        self.chosen: str | None = None
        self._asked = 0  # the number of the latest query sent; older answers are dropped
        self._open_first = False  # Enter came before the answer: open its first citizen
        self.setWindowTitle(tr("desk.search.title", lang))
        self.query = QLineEdit()
        self.query.setPlaceholderText(tr("desk.search.placeholder", lang))
        self.query.textChanged.connect(self._typed)
        self.query.returnPressed.connect(self._open_current)
        self.results = QListWidget()
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.setMinimumSize(560, 300)
        self.results.itemDoubleClicked.connect(self._open_item)
        self.line = QLabel(tr("desk.search.intro", lang))
        self.line.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.query)
        layout.addWidget(self.results)
        layout.addWidget(self.line)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(_PAUSE_MS)
        self._timer.timeout.connect(self._search)

    def _typed(self, _text: str) -> None:
        self._timer.start()

    def _search(self) -> None:
        text = self.query.text().strip()
        self._asked += 1
        asked = self._asked
        if len(text) < 2:
            self.results.clear()
            self.line.setText(tr("desk.search.intro", self.lang))
            return
        uow = self.session.uow
        self.session.runner.run(
            lambda _p: lookup.search(uow(), text, limit=50),
            on_success=lambda found: self._found(asked, found),
            on_failure=lambda error: self._failed(asked, error),
        )

    def _found(self, asked: int, found: list[dm.Citizen]) -> None:
        if asked != self._asked:
            return
        self.results.clear()
        for citizen in found:
            born = f"{citizen.birth_date:%d/%m/%Y}" if citizen.birth_date else "—"
            masked = PersonalId(citizen.personal_id).masked
            item = QListWidgetItem(f"{citizen.full_name}   ·   {born}   ·   {masked}")
            item.setData(Qt.ItemDataRole.UserRole, citizen.personal_id)
            self.results.addItem(item)
        if found and self._open_first:
            self._open_item(self.results.item(0))
            return
        if found:
            self.results.setCurrentRow(0)
            self.line.setText(tr("desk.search.found", self.lang, count=len(found)))
        else:
            self.line.setText(tr("desk.search.none", self.lang))

    def _failed(self, asked: int, error: Exception) -> None:
        if asked == self._asked:
            self.line.setText(error_text(error, self.lang))

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Up and Down move through the results while typing stays in the line edit."""
        if event.key() in (Qt.Key.Key_Up, Qt.Key.Key_Down) and self.results.count():
            step = -1 if event.key() == Qt.Key.Key_Up else 1
            row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
            self.results.setCurrentRow(row)
            return
        super().keyPressEvent(event)

    def _open_current(self) -> None:
        if self._timer.isActive():  # Enter right after typing: search, then open the first
            self._timer.stop()
            self._open_first = True
            self._search()
            return
        item = self.results.currentItem()
        if item is not None:
            self._open_item(item)

    def _open_item(self, item: QListWidgetItem) -> None:
        self.chosen = item.data(Qt.ItemDataRole.UserRole)
        self.accept()

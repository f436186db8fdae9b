"""Villages and support points added and renamed after set-up, without running set-up again.

Reads and writes run on the task runner; names are asked with small input dialogs that tests
replace (`ask_text`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import villages as village_service
from fieldapp.services.progress import Progress
from fieldapp.ui.session import DeskSession


class VillagesDialog(QDialog):
    """Two lists, villages and support points, each with Add and Rename."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.setWindowTitle(tr("villages.dialog.title", self.lang))
        self.resize(720, 480)
        self.villages = QListWidget()
        self.points = QListWidget()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.add_village_button = QPushButton(tr("villages.dialog.add_village", self.lang))
        self.rename_village_button = QPushButton(tr("villages.dialog.rename", self.lang))
        self.add_point_button = QPushButton(tr("villages.dialog.add_point", self.lang))
        self.rename_point_button = QPushButton(tr("villages.dialog.rename", self.lang))
        self.add_village_button.clicked.connect(self.add_village)
        self.rename_village_button.clicked.connect(self.rename_village)
        self.add_point_button.clicked.connect(self.add_point)
        self.rename_point_button.clicked.connect(self.rename_point)
        close = QPushButton(tr("lists.dialog.close", self.lang))
        close.clicked.connect(self.accept)
        columns = QHBoxLayout()
        for title, view, buttons in (
            ("villages.dialog.villages", self.villages, (self.add_village_button,
                                                         self.rename_village_button)),
            ("villages.dialog.points", self.points, (self.add_point_button,
                                                     self.rename_point_button)),
        ):  # fmt: skip
            box = QVBoxLayout()
            label = QLabel(tr(title, self.lang))
            label.setStyleSheet("font-weight: bold")
            box.addWidget(label)
            box.addWidget(view, 1)
            row = QHBoxLayout()
            for button in buttons:
                row.addWidget(button)
            box.addLayout(row)
            columns.addLayout(box)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(self.message)
        bottom = QHBoxLayout()
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout.addLayout(bottom)
        self.refresh()

    def ask_text(self, title: str, current: str = "") -> str:
        """A name from the user (tests replace this method)."""
        text, ok = QInputDialog.getText(self, title, title, text=current)
        return text if ok else ""

    def refresh(self) -> None:
        """Read both lists on the runner."""
        uow = self.session.uow

        def work(_progress: Progress) -> tuple[list[str], list[str]]:
            with uow() as u:
                return [v.name for v in u.repo.villages()], [
                    p.name for p in u.repo.support_points()
                ]

        self.session.runner.run(work, on_success=self._show, on_failure=self._failed)

    def _show(self, names: tuple[list[str], list[str]]) -> None:
        villages, points = names
        self.villages.clear()
        self.villages.addItems(villages)
        self.points.clear()
        self.points.addItems(points)

    def _selected(self, view: QListWidget) -> str | None:
        item = view.currentItem()
        return None if item is None else item.text()

    def add_village(self) -> None:
        """Ask a name and add the village."""
        self._add("villages.dialog.add_village", village_service.add_village, "villages.added")

    def rename_village(self) -> None:
        """Rename the selected village."""
        self._rename(self.villages, village_service.rename_village, "villages.renamed")

    def add_point(self) -> None:
        """Ask a name and add the support point."""
        self._add("villages.dialog.add_point", village_service.add_point, "points.added")

    def rename_point(self) -> None:
        """Rename the selected support point."""
        self._rename(self.points, village_service.rename_point, "points.renamed")

    def _add(self, prompt_id: str, add: Any, message_id: str) -> None:
        name = self.ask_text(tr(prompt_id, self.lang))
        if name.strip():
            actor = self.session.user
            self._run(lambda uow: add(uow, name, actor=actor), message_id)

    def _rename(self, view: QListWidget, rename: Any, message_id: str) -> None:
        old = self._selected(view)
        if old is None:
            return
        new = self.ask_text(tr("villages.dialog.rename", self.lang), old)
        if new.strip() and new != old:
            actor = self.session.user
            self._run(lambda uow: rename(uow, old, new, actor=actor), message_id, old=old)

    def _run(self, action: Any, message_id: str, **params: str) -> None:
        uow = self.session.uow

        def work(_progress: Progress) -> Any:
            return action(uow())

        def done(made: Any) -> None:
            self.message.setStyleSheet("")
            self.message.setText(tr(message_id, self.lang, name=made.name, **params))
            self.refresh()

        self.session.runner.run(work, on_success=done, on_failure=self._failed)

    def _failed(self, error: BaseException) -> None:
        self.message.setStyleSheet("color: #b3261e")
        if isinstance(error, FieldAppError):
            self.message.setText(error_text(error, self.lang))
        else:
            self.message.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))

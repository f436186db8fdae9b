"""The team leader's door-to-door list from the desk (issue 18 item 7).

Pick a village, the phones masked or shown, PDF or xlsx; made on the runner
(`services.door_list.write_door_list`).

Police and admins only (a personal-data export, logged without the data): the menu entry is
hidden from others and the service refuses them anyway.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import door_list
from fieldapp.services.progress import Progress
from fieldapp.ui.qt_words import save_file_path
from fieldapp.ui.session import DeskSession


class DoorListDialog(QDialog):
    """Village, mask choice and format; asks where to save, then writes the list."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang = session.lang
        self.saved_path: Path | None = None
        self.setWindowTitle(tr("door_list.dialog.title", lang))
        self.village = QComboBox()
        self.show_phones = QCheckBox(tr("door_list.dialog.show_phones", lang))
        self.format = QComboBox()
        self.format.addItem("PDF (A4 ngang)" if lang == "vi" else "PDF (A4 landscape)", "pdf")
        self.format.addItem("Excel (xlsx)", "xlsx")
        form = QFormLayout()
        form.addRow(tr("door_list.dialog.village", lang), self.village)
        form.addRow("", self.show_phones)
        form.addRow(tr("reports.dialog.format", lang), self.format)
        self.message = QLabel(tr("door_list.dialog.hint", lang))
        self.message.setWordWrap(True)
        self.make = QPushButton(tr("door_list.dialog.make", lang))
        self.make.setDefault(True)
        self.make.clicked.connect(self.make_list)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.make)
        uow = session.uow

        def villages(_progress: Progress) -> list[str]:
            with uow() as unit:
                return [v.name for v in unit.repo.villages()]

        session.runner.run(villages, on_success=self._show_villages, on_failure=self._failed)

    def _show_villages(self, names: list[str]) -> None:
        self.village.clear()
        self.village.addItems(names)

    def choose_path(self, suggested: str) -> str:
        """Ask where to save (tests replace this)."""
        return save_file_path(self, tr("door_list.dialog.title", self.lang), suggested)

    def make_list(self) -> None:
        """Write the village's list on the runner; say where, or why not."""
        village, fmt = self.village.currentText(), self.format.currentData()
        if not village or self.session.user is None:
            return
        chosen = self.choose_path(f"danh-sach-den-ho-{village}.{fmt}")
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != f".{fmt}":
            out = out.with_name(out.name + f".{fmt}")
        uow, lang, actor = self.session.uow, self.lang, self.session.user
        shown = self.show_phones.isChecked()
        self.make.setEnabled(False)

        def work(_progress: Progress) -> Path:
            door_list.write_door_list(
                uow(), village, out, fmt=fmt, show_phones=shown, lang=lang, actor=actor
            )
            return out

        self.session.runner.run(work, on_success=self._done, on_failure=self._failed)

    def _done(self, path: Path) -> None:
        self.saved_path = path
        self.make.setEnabled(True)
        self.message.setText(tr("reports.dialog.saved", self.lang, path=str(path)))

    def _failed(self, error: Exception) -> None:
        self.make.setEnabled(True)
        if isinstance(error, FieldAppError):
            self.message.setText(error_text(error, self.lang))
        else:
            self.message.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))

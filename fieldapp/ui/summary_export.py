"""At the commune police: write the day's summary for the province to a stick."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QDialog, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.i18n import tr
from fieldapp.services.clock import local_today
from fieldapp.services.progress import Progress
from fieldapp.services.province.summary_export import export_summary
from fieldapp.services.sync import ExportResult
from fieldapp.sync.keys import Keyring
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_common import FolderPicker, failure_text, keyring_of


class SummaryExportDialog(QDialog):
    """Pick the stick and the day; the summary is written, read back, then "safe to remove"."""

    def __init__(
        self, session: DeskSession, keyring: Keyring | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang = session.lang
        self.keyring = keyring or keyring_of(session)
        self.setWindowTitle(tr("province.ui.export_summary_title", lang))
        note = QLabel(tr("province.ui.export_summary_note", lang))
        note.setWordWrap(True)
        self.picker = FolderPicker(lang)
        today = local_today()
        self.day = QDateEdit(QDate(today.year, today.month, today.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.export_button = QPushButton(tr("province.ui.export", lang))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        close = QPushButton(tr("province.ui.close", lang))
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(QLabel(tr("sync.ui.where", lang)))
        layout.addWidget(self.picker)
        layout.addWidget(self.day)
        layout.addWidget(self.result)
        layout.addWidget(self.export_button)
        layout.addWidget(close)

    def chosen_day(self) -> date:
        """The day whose figures go up (today unless changed)."""
        value = self.day.date()
        return date(value.year(), value.month(), value.day())

    def start(self) -> None:
        """Export on the runner."""
        folder = self.picker.folder()
        if folder is None:
            self._say(tr("sync.ui.pick_first", self.lang), error=True)
            return
        session, keyring, day = self.session, self.keyring, self.chosen_day()

        def work(progress: Progress) -> ExportResult:
            return export_summary(
                session.uow(), keyring, folder, days=[day], progress=progress, actor=session.user
            )

        self.export_button.setEnabled(False)
        session.runner.run(work, on_success=self._done, on_failure=self._failed)

    def _done(self, result: ExportResult) -> None:
        self.export_button.setEnabled(True)
        self._say(
            tr("summary.exported", self.lang, file=str(result.path), sequence=result.sequence),
            good=True,
        )

    def _failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        self._say(failure_text(error, self.lang), error=True)

    def _say(self, text: str, *, error: bool = False, good: bool = False) -> None:
        color = "#b3261e" if error else ("#1b6e20" if good else "")
        self.result.setStyleSheet(f"color: {color}; font-weight: bold" if color else "")
        self.result.setText(text)

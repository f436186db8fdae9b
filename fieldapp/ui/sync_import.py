"""At the police (or a point, for lists): import a whole stick or folder, results per point."""

from __future__ import annotations

from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QDialog,
    QInputDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import tr
from fieldapp.i18n.formats import count_text
from fieldapp.services import sync
from fieldapp.services.progress import Progress
from fieldapp.sync.keys import Keyring
from fieldapp.ui.fit import fit_to_screen, wrapping_list
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_common import FolderPicker, failure_text, keyring_of
from fieldapp.ui.tasks import TaskProgress

COL_POINT, COL_NEW, COL_KNOWN, COL_NEWEST, COL_MISSING = range(5)


class ImportBundlesDialog(QDialog):
    """Take every bundle on a stick at once; show what each point brought and what is missing."""

    def __init__(
        self, session: DeskSession, keyring: Keyring | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.keyring = keyring or keyring_of(session)
        self.task: TaskProgress | None = None
        self.report: sync.ImportReport | None = None
        self.setWindowTitle(tr("sync.ui.import_title", self.lang))
        fit_to_screen(self, 900, 560)
        self.picker = FolderPicker(self.lang)
        self.import_button = QPushButton(tr("sync.ui.import", self.lang))
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start)
        self.enrol_button = QPushButton(tr("sync.ui.enrol", self.lang))
        self.enrol_button.clicked.connect(self._enrol)
        self.lists_button = QPushButton(tr("sync.ui.lists", self.lang))
        self.lists_button.setObjectName("listsButton")
        self.lists_button.clicked.connect(self.send_lists)
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.summary = QLabel()
        self.summary.setObjectName("summary")
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 5)
        self.table.setHorizontalHeaderLabels(
            [
                tr(f"sync.ui.col_{name}", self.lang)
                for name in ("point", "new", "known", "newest", "missing")
            ]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.files = wrapping_list(QListWidget())
        self.files.setObjectName("files")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("sync.ui.from_where", self.lang)))
        layout.addWidget(self.picker)
        layout.addWidget(self.import_button)
        layout.addWidget(self.progress)
        layout.addWidget(self.summary)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.files, 1)
        layout.addWidget(self.enrol_button)
        layout.addWidget(self.lists_button)

    def start(self) -> None:
        """Import everything in the chosen folder, on the task runner."""
        folder = self.picker.folder()
        if folder is None:
            self.summary.setText(tr("sync.ui.pick_first", self.lang))
            return
        session, keyring = self.session, self.keyring

        def work(progress: Progress) -> sync.ImportReport:
            return sync.import_bundles(
                session.uow(), keyring, [folder], progress=progress, actor=session.user
            )

        self._run(work)

    def _run(self, work: object) -> None:
        self.import_button.setEnabled(False)
        self.progress.setVisible(True)
        self.summary.setText(tr("sync.ui.importing", self.lang))
        self.task = self.session.runner.run(
            work,  # type: ignore[arg-type]
            on_success=self.show_report,
            on_failure=self._failed,
            on_progress=self._progressed,
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def show_report(self, report: sync.ImportReport) -> None:
        """Fill the per-point table and the per-file list."""
        self.report = report
        self.import_button.setEnabled(True)
        self.progress.setVisible(False)
        self.table.setRowCount(len(report.senders))
        for row, sender in enumerate(report.senders):
            values = {
                COL_POINT: sender.name,
                COL_NEW: count_text(sender.new_events, self.lang),
                COL_KNOWN: count_text(sender.known_events, self.lang),
                COL_NEWEST: str(sender.newest_sequence),
                COL_MISSING: ", ".join(map(str, sender.missing)),
            }
            for column, text in values.items():
                item = QTableWidgetItem(text)
                if column == COL_MISSING and text:
                    item.setForeground(QBrush(QColor("#b3261e")))
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        self.files.clear()
        for file in report.files:
            item = QListWidgetItem(tr(file.message_id, self.lang, **file.params))
            if file.status in (sync.REFUSED, sync.QUARANTINED):
                item.setForeground(QBrush(QColor("#b3261e")))
            self.files.addItem(item)
        lines = [tr("sync.ui.total", self.lang, new=report.new_events, files=len(report.files))]
        lines += sync.gap_lines(report, self.lang)
        self.summary.setText("\n".join(lines))

    def _failed(self, error: Exception) -> None:
        self.import_button.setEnabled(True)
        self.progress.setVisible(False)
        self.summary.setText(failure_text(error, self.lang))

    def send_lists(self) -> None:
        """Police: write each enrolled point's lists to the chosen stick or folder."""
        folder = self.picker.folder()
        if folder is None:
            self.summary.setText(tr("sync.ui.pick_first", self.lang))
            return
        session, keyring = self.session, self.keyring

        def work(progress: Progress) -> list[sync.ExportResult]:
            return sync.export_lists(
                session.uow(), keyring, folder, progress=progress, actor=session.user
            )

        self.lists_button.setEnabled(False)
        self.task = session.runner.run(
            work,
            on_success=self._lists_done,
            on_failure=self._lists_failed,
            on_progress=self._progressed,
        )

    def _lists_done(self, results: list[sync.ExportResult]) -> None:
        self.lists_button.setEnabled(True)
        self.files.clear()
        for result in results:
            self.files.addItem(
                tr(
                    "sync.lists_written",
                    self.lang,
                    point=result.recipient_name,
                    file=str(result.path),
                )
            )
        self.summary.setText(tr("sync.ui.lists_done", self.lang, count=len(results)))

    def _lists_failed(self, error: Exception) -> None:
        self.lists_button.setEnabled(True)
        self.summary.setText(failure_text(error, self.lang))

    def _enrol(self) -> None:
        text, ok = QInputDialog.getText(
            self, tr("sync.ui.enrol", self.lang), tr("sync.ui.enrol_prompt", self.lang)
        )
        if not ok or not text.strip():
            return
        session, keyring = self.session, self.keyring

        def work(_progress: Progress) -> sync.ImportReport:
            _card, report = sync.enrol_point(
                session.uow(), keyring, fingerprint=text, actor=session.user
            )
            return report

        self._run(work)

"""At a point: write a sync bundle to a stick, and say when it is safe to remove it."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import tr
from fieldapp.services import sync
from fieldapp.services.progress import Progress
from fieldapp.sync.keys import Keyring
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_common import FolderPicker, failure_text, keyring_of
from fieldapp.ui.tasks import TaskProgress


class ExportBundleDialog(QDialog):
    """Pick the stick, export, read back: only then "safe to remove"."""

    def __init__(
        self, session: DeskSession, keyring: Keyring | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.keyring = keyring or keyring_of(session)
        self.task: TaskProgress | None = None
        self.setWindowTitle(tr("sync.ui.export_title", self.lang))
        self.fingerprint = QLabel()
        self.fingerprint.setObjectName("fingerprint")
        self.fingerprint.setTextInteractionFlags(self.fingerprint.textInteractionFlags())
        self.picker = FolderPicker(self.lang)
        self.everything = QCheckBox(tr("sync.ui.everything", self.lang))
        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.result = QLabel()
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        self.export_button = QPushButton(tr("sync.ui.export", self.lang))
        self.export_button.setDefault(True)
        self.export_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(tr("sync.ui.cancel", self.lang))
        self.cancel_button.clicked.connect(self._cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(self.fingerprint)
        layout.addWidget(QLabel(tr("sync.ui.where", self.lang)))
        layout.addWidget(self.picker)
        layout.addWidget(self.everything)
        layout.addWidget(self.progress)
        layout.addWidget(self.result)
        layout.addWidget(self.export_button)
        layout.addWidget(self.cancel_button)
        self._show_fingerprint()

    def _show_fingerprint(self) -> None:
        """Read (or make, on first use) this point's key on the runner, then show it."""
        session, keyring, lang = self.session, self.keyring, self.lang

        def work(_progress: Progress) -> str:
            return sync.ensure_point_keys(session.uow(), keyring).fingerprint

        session.runner.run(
            work,
            on_success=lambda fp: self.fingerprint.setText(
                tr("sync.own_fingerprint", lang, fingerprint=fp)
            ),
            on_failure=lambda error: self.fingerprint.setText(failure_text(error, lang)),
        )

    def start(self) -> None:
        """Export on the task runner; the GUI thread never touches the stick."""
        folder = self.picker.folder()
        if folder is None:
            self._say(tr("sync.ui.pick_first", self.lang), error=True)
            return
        everything = self.everything.isChecked()
        session, keyring = self.session, self.keyring

        def work(progress: Progress) -> sync.ExportResult:
            return sync.export_bundle(
                session.uow(),
                keyring,
                folder,
                everything=everything,
                progress=progress,
                actor=session.user,
            )

        self.export_button.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self._say(tr("sync.ui.writing", self.lang))
        self.task = session.runner.run(
            work, on_success=self._done, on_failure=self._failed, on_progress=self._progressed
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _done(self, result: sync.ExportResult) -> None:
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        if not result.written:
            self._say(tr("sync.nothing_to_export", self.lang))
            return
        assert result.path is not None
        self._say(
            tr(
                "sync.safe_to_remove",
                self.lang,
                sequence=result.sequence,
                events=result.events,
                file=", ".join(str(p) for p in result.paths),
            ),
            good=True,
        )

    def _failed(self, error: Exception) -> None:
        self.export_button.setEnabled(True)
        self.progress.setVisible(False)
        self._say(failure_text(error, self.lang), error=True)

    def _cancel(self) -> None:
        if self.task is not None and self.export_button.isEnabled() is False:
            self.task.cancel()
        else:
            self.reject()

    def _say(self, text: str, *, error: bool = False, good: bool = False) -> None:
        color = "#b3261e" if error else ("#1b6e20" if good else "")
        self.result.setStyleSheet(f"color: {color}; font-weight: bold" if color else "")
        self.result.setText(text)

"""Desk screens of issue 15: the recovery code shown once, backing up, restoring a backup."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Protocol

from PySide6.QtGui import QFont, QPixmap
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import protection
from fieldapp.services.progress import Progress
from fieldapp.services.protection import RestoreResult
from fieldapp.ui.qt_words import choose_folder, open_file_path
from fieldapp.ui.session import DeskSession
from fieldapp.ui.store_lock import ok_cancel_buttons


class RecoveryCodeDialog(QDialog):
    """The recovery code, once, as text and QR, to print and hand to the commune police."""

    def __init__(
        self, lang: str, code: str, parent: QWidget | None = None, *, point_name: str = ""
    ) -> None:
        super().__init__(parent)
        self.lang, self.point_name, self.recovery_code = lang, point_name, code
        self.setWindowTitle(tr("keys.recovery_code_title", lang))
        intro = QLabel(tr("atrest.recovery.intro", lang))
        intro.setWordWrap(True)
        self.code = QLabel(code)
        self.code.setObjectName("recoveryCode")
        font = QFont("DejaVu Sans Mono")
        font.setPointSize(16)
        self.code.setFont(font)
        self.code.setTextInteractionFlags(self.code.textInteractionFlags().TextSelectableByMouse)
        self.qr = QLabel()
        self.qr.setPixmap(_qr_pixmap(code))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            tr("atrest.recovery.written_down", lang)
        )
        buttons.accepted.connect(self.accept)
        self.print_button = buttons.addButton(
            tr("desk_finish.recovery.print", lang), QDialogButtonBox.ButtonRole.ActionRole
        )
        self.print_button.clicked.connect(self.print_code)
        self.printed = QLabel()
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code)
        layout.addWidget(self.qr)
        layout.addWidget(self.printed)
        layout.addWidget(buttons)

    def print_code(self) -> None:
        """Print the code on an A6 sheet on a printer the user picks."""
        from fieldapp.documents.pdf import render_pdf
        from fieldapp.documents.recovery_sheet import recovery_sheet
        from fieldapp.services.clock import local_today
        from fieldapp.ui.printing import print_pdf

        printer = self.make_printer()
        if printer is None:
            return
        sheet = recovery_sheet(self.recovery_code, self.point_name, local_today(), self.lang)
        try:
            pages = print_pdf(render_pdf(sheet), printer)
        except (OSError, ImportError) as error:
            self.printed.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))
            return
        self.printed.setText(tr("documents.printed", self.lang, pages=pages))

    def make_printer(self) -> QPrinter | None:
        """Qt's print dialog (tests give a PDF printer instead)."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        if QPrintDialog(printer, self).exec() != QDialog.DialogCode.Accepted:
            return None
        return printer


def _qr_pixmap(text: str) -> QPixmap:
    import qrcode

    image = qrcode.make(text, box_size=6, border=2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    pixmap = QPixmap()
    pixmap.loadFromData(buffer.getvalue(), "PNG")
    return pixmap


class BackupChooser(Protocol):
    """Where dialogs ask for paths; tests pass a scripted one."""

    def backup_folder(self, parent: QWidget, lang: str) -> Path | None:
        """The folder (a USB stick) to back up to."""

    def restore_file(self, parent: QWidget, lang: str) -> Path | None:
        """The backup file to restore."""


class FileDialogs:
    """The real file dialogs."""

    def backup_folder(self, parent: QWidget, lang: str) -> Path | None:
        """Ask for a folder."""
        folder = choose_folder(parent, tr("atrest.backup.choose", lang))
        return Path(folder) if folder else None

    def restore_file(self, parent: QWidget, lang: str) -> Path | None:
        """Ask for a backup file."""
        name = open_file_path(parent, tr("atrest.restore.choose", lang), "FieldApp (*.fieldbackup)")
        return Path(name) if name else None


def add_backup_actions(
    menu: QMenu, session: DeskSession, parent: QWidget, chooser: BackupChooser | None = None
) -> None:
    """The "Back up…" and "Restore a backup…" items in a menu of the desk."""
    files = chooser or FileDialogs()
    menu.addAction(tr("atrest.backup.menu", session.lang)).triggered.connect(
        lambda _c=False: back_up(session, parent, files)
    )
    menu.addAction(tr("atrest.restore.menu", session.lang)).triggered.connect(
        lambda _c=False: RestoreDialog(session, files, parent).exec()
    )


def _store_url(session: DeskSession) -> str:
    engine = getattr(session.uow(), "engine", None)
    return "" if engine is None else engine.url.render_as_string(hide_password=False)


def back_up(session: DeskSession, parent: QWidget, files: BackupChooser) -> None:
    """Write an encrypted, verified backup on the task runner; say where it went."""
    folder = files.backup_folder(parent, session.lang)
    if folder is None:
        return
    url = _store_url(session)

    def work(_progress: Progress) -> Path:
        return protection.back_up(url, folder)

    def done(path: Path) -> None:
        QMessageBox.information(
            parent, tr("atrest.backup.menu", session.lang),
            tr("backup.done", session.lang, path=str(path)),
        )  # fmt: skip

    def failed(error: Exception) -> None:
        QMessageBox.warning(parent, tr("atrest.backup.menu", session.lang), _text(error, session))

    session.runner.run(work, on_success=done, on_failure=failed)


def _text(error: Exception, session: DeskSession) -> str:
    if isinstance(error, FieldAppError):
        return error_text(error, session.lang)
    return tr("task.unexpected", session.lang, detail=type(error).__name__)


class RestoreDialog(QDialog):
    """Choose a backup, give the recovery code if it is another laptop's; FieldApp restarts."""

    def __init__(
        self, session: DeskSession, files: BackupChooser, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session, self.files = session, files
        lang = session.lang
        self.setWindowTitle(tr("atrest.restore.menu", lang))
        self.path: Path | None = None
        self.restored: RestoreResult | None = None
        self.file_label = QLabel(tr("atrest.restore.no_file", lang))
        choose = QPushButton(tr("atrest.restore.choose", lang))
        choose.clicked.connect(self._choose)
        self.code = QLineEdit()
        self.code.setObjectName("restoreCode")
        self.error = QLabel("")
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        intro = QLabel(tr("atrest.restore.intro", lang))
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow(choose, self.file_label)
        form.addRow(tr("atrest.unlock.recovery_code", lang), self.code)
        buttons = ok_cancel_buttons(self, lang)
        buttons.accepted.connect(self.restore)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(520)

    def _choose(self) -> None:
        path = self.files.restore_file(self, self.session.lang)
        if path is None:
            return
        try:
            protection.check_backup(path)
        except FieldAppError as error:
            self.error.setText(error_text(error, self.session.lang))
            return
        self.path = path
        self.file_label.setText(path.name)
        self.error.setText("")

    def restore(self) -> None:
        """Check and restore; on success the desk closes (the store under it changed)."""
        if self.path is None:
            self.error.setText(tr("atrest.restore.no_file", self.session.lang))
            return
        engine = getattr(self.session.uow(), "engine", None)
        url = _store_url(self.session)
        self.session.runner.wait()
        if engine is not None:
            engine.dispose()  # the file under it is about to change
        try:
            self.restored = protection.restore(
                url, self.path, recovery_code=self.code.text().strip() or None
            )
        except FieldAppError as error:
            self.error.setText(error_text(error, self.session.lang))
            return
        QMessageBox.information(
            self, tr("atrest.restore.menu", self.session.lang),
            tr("atrest.restore.restart", self.session.lang),
        )  # fmt: skip
        self.accept()
        app = QApplication.instance()
        if app is not None:
            app.closeAllWindows()

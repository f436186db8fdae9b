"""Printing from the desk: build and render on the task runner, then print or save the PDF.

PySide6-Essentials has QtPrintSupport but not QtPdf, so the finished PDF's pages are
rasterised with pypdfium2 at the printer's resolution (at most 300 dpi) and painted onto the
QPrinter: what comes out of the printer is exactly the PDF a user could save instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from PySide6.QtCore import QMarginsF, QSizeF, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from fieldapp.documents.model import MM
from fieldapp.documents.pdf import write_pdf
from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import documents
from fieldapp.services.progress import CancelledError, Progress
from fieldapp.ui.qt_words import save_file_path
from fieldapp.ui.session import DeskSession
from fieldapp.ui.slip_dialog import SlipDialog

MAX_DPI = 300


def pdf_page_images(pdf: bytes, dpi: float) -> Iterator[tuple[QImage, float, float]]:
    """Each page as a QImage at `dpi`, with the page's size in points."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(pdf)
    try:
        for index in range(len(document)):
            page = document[index]
            width, height = page.get_size()
            image = page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
            page.close()
            data = image.tobytes()
            qimage = QImage(
                data, image.width, image.height, image.width, QImage.Format.Format_Grayscale8
            ).copy()
            yield qimage, width, height
    finally:
        document.close()


def print_pdf(
    pdf: bytes, printer: QPrinter, *, on_page: Callable[[int], None] | None = None
) -> int:
    """Paint every page of a PDF on a printer, each page at its own size; the page count."""
    dpi = min(printer.resolution(), MAX_DPI)
    painter: QPainter | None = None
    count = 0
    try:
        for image, width, height in pdf_page_images(pdf, dpi):
            short, long = sorted((width, height))
            size = QPageSize(QSizeF(short / MM, long / MM), QPageSize.Unit.Millimeter)
            orientation = (
                QPageLayout.Orientation.Landscape
                if width > height
                else QPageLayout.Orientation.Portrait
            )
            layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0))
            if painter is None:
                printer.setPageLayout(layout)
                painter = QPainter()
                if not painter.begin(printer):
                    raise OSError("printer")
            else:
                printer.setPageLayout(layout)
                printer.newPage()
            target = painter.viewport()
            scaled = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.setViewport(target.x(), target.y(), scaled.width(), scaled.height())
            painter.setWindow(image.rect())
            painter.drawImage(0, 0, image)
            painter.setViewport(target)
            count += 1
            if on_page is not None:
                on_page(count)
    finally:
        if painter is not None:
            painter.end()
    return count


class SlipRequestDialog(QDialog):
    """Asks for a village (a batch of slips), and A4 or roll."""

    def __init__(self, lang: str, villages: list[str] | None, parent: QWidget | None) -> None:
        super().__init__(parent)
        batch = villages is not None
        self.setWindowTitle(
            tr("documents.ask_village_title" if batch else "documents.ask_id_title", lang)
        )
        self.id_field = QLineEdit()
        self.village_field = QComboBox()
        self.village_field.addItems(villages or [])
        self.roll_box = QCheckBox(tr("documents.ask_roll", lang))
        form = QFormLayout(self)
        if batch:
            form.addRow(tr("documents.ask_village", lang), self.village_field)
        else:
            form.addRow(tr("documents.ask_id", lang), self.id_field)
        form.addRow(self.roll_box)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("button.ok", lang))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("button.cancel", lang))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)


class PrintingMenu:
    """The "In ấn" menu: guide sheet, leaflet, one slip, a village's slips."""

    def __init__(self, window: QMainWindow, session: DeskSession) -> None:
        self.window = window
        self.session = session
        self.lang = session.lang
        self.progress_dialog: QProgressDialog | None = None
        self.menu = window.menuBar().addMenu(tr("documents.menu", self.lang))
        for key, slot in (
            ("documents.action_guide", self.print_guide),
            ("documents.action_leaflet", self.print_leaflet),
            ("documents.action_slip", self.print_slip),
            ("documents.action_village", self.print_village),
            ("payments.action.authorisation_slip", self.print_authorisation),  # issue 19
        ):
            self.menu.addAction(tr(key, self.lang)).triggered.connect(slot)

    # The four actions ---------------------------------------------------------------------------
    def print_guide(self) -> None:
        """Guide sheet for this point."""
        uow = self.session.uow
        self._run(lambda _p: documents.render(documents.build_guide(uow())))

    def print_leaflet(self) -> None:
        """Leaflet, two A5 on A4 landscape."""
        uow = self.session.uow
        self._run(lambda _p: documents.render(documents.build_leaflet(uow())))

    def print_slip(self) -> None:
        """One citizen's slip: the return day (next opening day first), then the paper."""
        uow = self.session.uow
        self.session.runner.run(
            lambda _p: documents.default_return(uow()),
            on_success=self._ask_slip,
            on_failure=self._failed,
        )

    def _ask_slip(self, default: documents.ReturnDefault) -> None:
        card = getattr(getattr(self.window, "card_view", None), "card", None)
        citizen = card.citizen if card is not None else None  # the desk's card, ready to print
        dialog = SlipDialog(
            self.lang,
            default,
            personal_id=citizen.personal_id if citizen else "",
            name=citizen.full_name if citizen else "",
            parent=self.window,
        )
        self.slip_dialog = dialog
        if self.ask_slip(dialog) != QDialog.DialogCode.Accepted:
            return
        asked = dialog.request()
        uow = self.session.uow
        self._run(
            lambda _p: documents.render(
                documents.build_slip(
                    uow(),
                    asked.personal_id,
                    paper=asked.paper,
                    return_on=asked.return_on,
                    return_time=asked.return_time,
                ),
                slips=1,
            )
        )

    def ask_slip(self, dialog: SlipDialog) -> int:
        """Show the slip dialog (tests answer it instead)."""
        return dialog.exec()

    def print_authorisation(self) -> None:
        """The authorisation checklist for the family of the beneficiary on the card."""
        dialog = SlipRequestDialog(self.lang, None, self.window)
        card = getattr(getattr(self.window, "card_view", None), "card", None)
        if card is not None:
            dialog.id_field.setText(card.citizen.personal_id)
        dialog.roll_box.hide()  # an A5 sheet
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        personal_id, uow = dialog.id_field.text(), self.session.uow
        self._run(
            lambda _p: documents.render(documents.build_authorisation_slip(uow(), personal_id))
        )

    def print_village(self) -> None:
        """Slips for a village's home visits: pick the village, then render with progress."""
        uow = self.session.uow

        def villages(_progress: Progress) -> list[str]:
            with uow() as unit:
                return [v.name for v in unit.repo.villages()]

        self.session.runner.run(villages, on_success=self._ask_village, on_failure=self._failed)

    def _ask_village(self, villages: list[str]) -> None:
        dialog = SlipRequestDialog(self.lang, villages, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        village, roll = dialog.village_field.currentText(), dialog.roll_box.isChecked()
        uow = self.session.uow
        self._run(
            lambda progress: documents.village_slips(uow(), village, roll=roll, progress=progress),
            with_progress=True,
        )

    # Running, then printing or saving -----------------------------------------------------------
    def _run(
        self, work: Callable[[Progress], documents.RenderedDocument], *, with_progress: bool = False
    ) -> None:
        on_progress = None
        if with_progress:
            dialog = QProgressDialog(tr("documents.progress", self.lang), "", 0, 0, self.window)
            dialog.setCancelButtonText(tr("button.cancel", self.lang))
            dialog.setWindowModality(Qt.WindowModality.WindowModal)
            dialog.setMinimumDuration(300)
            self.progress_dialog = dialog

            def on_progress(done: int, total: int) -> None:
                dialog.setMaximum(total)
                dialog.setValue(done)

        handle = self.session.runner.run(
            work, on_success=self._ready, on_failure=self._failed, on_progress=on_progress
        )
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.connect(handle.cancel)

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _ready(self, rendered: documents.RenderedDocument) -> None:
        self._close_progress()
        choice = self.ask_print_or_save(rendered)
        if choice == "print":
            self.print_rendered(rendered)
        elif choice == "save":
            self.save_rendered(rendered)

    def _failed(self, error: Exception) -> None:
        self._close_progress()
        if isinstance(error, CancelledError):
            self._status(error_text(error, self.lang))
            return
        text = (
            error_text(error, self.lang)
            if isinstance(error, FieldAppError)
            else tr("task.unexpected", self.lang, detail=type(error).__name__)
        )
        self.show_error(text)

    # Small hooks, replaced in tests -------------------------------------------------------------
    def ask_print_or_save(self, rendered: documents.RenderedDocument) -> str | None:
        """'print', 'save' or None (closed)."""
        box = QMessageBox(self.window)
        box.setWindowTitle(tr("documents.choose_title", self.lang))
        box.setText(tr("documents.choose_text", self.lang, pages=rendered.pages))
        print_button = box.addButton(
            tr("documents.print_button", self.lang), QMessageBox.ButtonRole.AcceptRole
        )
        save_button = box.addButton(
            tr("documents.save_button", self.lang), QMessageBox.ButtonRole.ActionRole
        )
        box.addButton(tr("button.cancel", self.lang), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        clicked = box.clickedButton()
        return "print" if clicked is print_button else "save" if clicked is save_button else None

    def make_printer(self) -> QPrinter | None:
        """A printer the user chose in Qt's print dialog, or None."""
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.window)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return printer

    def ask_save_path(self, title: str) -> str:
        """Where to save the PDF ('' if cancelled)."""
        return save_file_path(
            self.window, tr("documents.save_title", self.lang), f"{title}.pdf", "PDF (*.pdf)"
        )

    def show_error(self, text: str) -> None:
        """A modal error box."""
        QMessageBox.warning(self.window, tr("documents.failed_title", self.lang), text)

    # --------------------------------------------------------------------------------------------
    def print_rendered(self, rendered: documents.RenderedDocument) -> None:
        """Send the pages to a printer the user picks."""
        printer = self.make_printer()
        if printer is None:
            return
        printer.setDocName(rendered.title)
        try:
            pages = print_pdf(rendered.pdf, printer)
        except (OSError, ImportError) as error:
            self.show_error(tr("task.unexpected", self.lang, detail=type(error).__name__))
            return
        self._status(tr("documents.printed", self.lang, pages=pages))

    def save_rendered(self, rendered: documents.RenderedDocument) -> None:
        """Write the PDF where the user says."""
        path = self.ask_save_path(rendered.title)
        if not path:
            return
        try:
            write_pdf(rendered.pdf, path)
        except (FieldAppError, OSError) as error:
            self._failed(error)
            return
        self._status(tr("documents.saved", self.lang, path=path))

    def _status(self, text: str) -> None:
        show: Any = getattr(self.window, "show_status", None)
        if callable(show):
            show(text)
        else:
            self.window.statusBar().showMessage(text)

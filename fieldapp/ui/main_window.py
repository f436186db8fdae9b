"""The first window: a scan field that always has focus, and the citizen card."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.chip_qr import ChipQrPayload
from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import visits
from fieldapp.services.progress import Progress
from fieldapp.ui.card_view import CitizenCardView
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_menu import add_sync_actions


class MainWindow(QMainWindow):
    """Scan → visit saved → card shown. Everything slow runs on the task runner."""

    def __init__(self, session: DeskSession) -> None:
        super().__init__()
        self.session = session
        self.lang = session.lang
        self._pending_new: ChipQrPayload | None = None
        self.setWindowTitle(tr("app.title", self.lang))
        self.resize(1280, 720)

        self.header = QLabel(self._header_text())
        self.header.setObjectName("header")
        self.scan_field = QLineEdit()
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(tr("scan.placeholder", self.lang))
        self.scan_field.setClearButtonEnabled(True)
        font = self.scan_field.font()
        font.setPointSize(font.pointSize() + 4)
        self.scan_field.setFont(font)
        self.scan_field.returnPressed.connect(self._on_scan)

        self.add_button = QPushButton(tr("scan.add_new", self.lang))
        self.add_button.setVisible(False)
        self.add_button.clicked.connect(self._on_add_new)

        self.card_view = CitizenCardView(self.lang)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.card_view)

        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_field, 1)
        scan_row.addWidget(self.add_button)
        layout = QVBoxLayout()
        layout.addWidget(self.header)
        layout.addLayout(scan_row)
        layout.addWidget(scroll, 1)
        central = QWidget()
        central.setLayout(layout)
        self.setCentralWidget(central)

        focus = QAction(self)
        focus.setShortcut(QKeySequence(Qt.Key.Key_F2))
        focus.triggered.connect(self.focus_scan)
        self.addAction(focus)
        self.menu_tools = self.menuBar().addMenu(tr("menu.tools", self.lang))
        # Area screens add their actions to the menus here (lists, bundles, printing, reports).
        # --- lists (issue 5): import a police / beneficiary / "who to help" list.
        import_list = self.menu_tools.addAction(tr("lists.dialog.menu", self.lang))
        import_list.triggered.connect(self.open_list_import)
        # --- documents (issue 8): guide sheet, leaflet, slips ---
        from fieldapp.ui.printing import PrintingMenu

        self.printing = PrintingMenu(self, session)
        # --- sync --- (issue 6): export a bundle to a stick, import bundles from one.
        add_sync_actions(self.menu_tools, session, self)
        self.focus_scan()

    def open_list_import(self) -> None:
        """lists: the import dialog, modal over the desk."""
        from fieldapp.ui.lists_import import ListImportDialog

        dialog = ListImportDialog(self.session, self)
        dialog.exec()

    def _header_text(self) -> str:
        parts = []
        if self.session.point is not None:
            parts.append(tr("header.point", self.lang, point=self.session.point.name))
        if self.session.user is not None:
            parts.append(tr("header.user", self.lang, user=self.session.user.name))
        return "   ·   ".join(parts)

    def focus_scan(self) -> None:
        """Give the scan field the keyboard, ready for the next card."""
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scan_field.selectAll()

    def show_status(self, text: str, *, error: bool = False) -> None:
        """One line in the status area; errors in red."""
        bar = self.statusBar()
        bar.setStyleSheet("color: #b3261e; font-weight: bold" if error else "")
        bar.showMessage(text)

    def _on_scan(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        if not text.strip():
            return
        session = self.session
        if session.point is None or session.user is None:
            self.show_status(tr("point.not_set_up", self.lang), error=True)
            return
        point_id, user_id = session.point.id, session.user.id
        self.show_status(tr("scan.working", self.lang))

        def work(_progress: Progress) -> visits.VisitRegistered:
            return visits.register_visit(session.uow(), text, user_id=user_id, point_id=point_id)

        session.runner.run(work, on_success=self._scan_done, on_failure=self._scan_failed)

    def _scan_done(self, done: visits.VisitRegistered) -> None:
        self._pending_new = None
        self.add_button.setVisible(False)
        self.card_view.show_card(done.card)
        self.show_status(tr("scan.saved", self.lang, name=done.card.citizen.full_name))
        self.focus_scan()

    def _scan_failed(self, error: Exception) -> None:
        self.card_view.clear_card()
        if isinstance(error, visits.UnknownCitizenError):
            self._pending_new = error.payload
            self.add_button.setVisible(error.payload is not None)
            key = "scan.unknown_offer" if error.payload is not None else "scan.unknown_typed"
            self.show_status(tr(key, self.lang), error=True)
        elif isinstance(error, FieldAppError):
            self.show_status(error_text(error, self.lang), error=True)
        else:
            self.show_status(
                tr("task.unexpected", self.lang, detail=type(error).__name__), error=True
            )
        self.focus_scan()

    def _on_add_new(self) -> None:
        payload = self._pending_new
        if payload is None:
            return
        session = self.session
        assert session.point is not None and session.user is not None
        point_id, user_id = session.point.id, session.user.id
        scan_text = payload.personal_id.value

        def work(_progress: Progress) -> visits.VisitRegistered:
            visits.create_citizen(session.uow(), visits.citizen_from_scan(payload))
            return visits.register_visit(
                session.uow(), scan_text, user_id=user_id, point_id=point_id
            )

        session.runner.run(work, on_success=self._scan_done, on_failure=self._scan_failed)

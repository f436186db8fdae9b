"""The monthly payment list, from the police's tools menu (issue 19; `docs/payment-list.md`).

Shows how many beneficiaries changed since the last list and the earlier exports (who, when,
how many); exports the next list as xlsx, account numbers masked unless the police tick the
box for this export. Police and admins only: the menu entry is hidden for others and the
service refuses them anyway.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.i18n.formats import date_text
from fieldapp.services import payment_list
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.progress import Progress
from fieldapp.ui.qt_words import save_file_path
from fieldapp.ui.session import DeskSession

_ERROR_STYLE = "color: #b3261e; font-weight: bold"


class PaymentListDialog(QDialog):
    """Pending changes, the "show numbers" choice, Export, and the history of exports."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang = session.lang
        self.setWindowTitle(tr("paylist.dialog.title", lang))
        intro = QLabel(tr("paylist.dialog.intro", lang))
        intro.setWordWrap(True)
        self.pending = QLabel()
        self.unmasked = QCheckBox(tr("paylist.dialog.unmasked", lang))
        self.export_button = QPushButton(tr("paylist.dialog.export", lang))
        self.export_button.clicked.connect(self.export)
        self.result = QLabel()
        self.result.setWordWrap(True)
        self.history = QTableWidget(0, 4)
        self.history.setHorizontalHeaderLabels(
            [tr(f"paylist.dialog.col.{c}", lang) for c in ("when", "who", "rows", "unmasked")]
        )
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.history.verticalHeader().setVisible(False)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.button(QDialogButtonBox.StandardButton.Close).setText(tr("button.close", lang))
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.pending)
        layout.addWidget(self.unmasked)
        layout.addWidget(self.export_button)
        layout.addWidget(self.result)
        layout.addWidget(QLabel(f"<b>{tr('paylist.dialog.history', lang)}</b>"))
        layout.addWidget(self.history)
        layout.addWidget(close)
        self.setMinimumSize(720, 480)
        self.refresh()

    def refresh(self) -> None:
        """Pending count and history, off the GUI thread."""
        uow, actor = self.session.uow, self.session.user

        def work(_progress: Progress) -> tuple[int, list[payment_list.PaymentListRecord]]:
            assert actor is not None
            return (
                payment_list.pending_count(uow(), actor=actor),
                payment_list.payment_list_history(uow(), actor=actor),
            )

        self.session.runner.run(work, on_success=self._show, on_failure=self._failed)

    def _show(self, found: tuple[int, list[payment_list.PaymentListRecord]]) -> None:
        pending, history = found
        self.pending.setText(tr("paylist.dialog.pending", self.lang, count=pending))
        self.export_button.setEnabled(pending > 0)
        self.history.setRowCount(len(history))
        for row, record in enumerate(history):
            local = record.exported_at.astimezone(LOCAL_TZ)
            values = (
                f"{local:%H:%M} {date_text(local.date(), self.lang)}",
                record.user_name,
                str(record.rows),
                tr("desk.yes" if record.unmasked else "desk.no", self.lang),
            )
            for col, value in enumerate(values):
                self.history.setItem(row, col, QTableWidgetItem(value))

    def ask_save_path(self) -> str:
        """Where to write the list ('' if cancelled); replaced in tests."""
        name = f"danh-sach-chi-tra_{date.today():%Y-%m-%d}.xlsx"
        # issue 12: in Documents (or on the stick), never the program's folder
        return save_file_path(
            self, tr("paylist.dialog.save_title", self.lang), name, "Excel (*.xlsx)", stick=True
        )

    def export(self) -> None:
        """Write the next list where the police say; the history then shows it."""
        path = self.ask_save_path()
        if not path:
            return
        uow, actor, unmasked = self.session.uow, self.session.user, self.unmasked.isChecked()

        def work(_progress: Progress) -> payment_list.PaymentListExported:
            assert actor is not None
            return payment_list.export_payment_list(
                uow(), Path(path), actor=actor, unmasked=unmasked
            )

        self.result.setStyleSheet("")
        self.session.runner.run(work, on_success=self._exported, on_failure=self._failed)

    def _exported(self, done: payment_list.PaymentListExported) -> None:
        self.result.setText(tr("paylist.done", self.lang, rows=done.rows) + f": {done.path.name}")
        self.unmasked.setChecked(False)  # the choice is for one export only
        self.refresh()

    def _failed(self, error: Exception) -> None:
        self.result.setStyleSheet(_ERROR_STYLE)
        if isinstance(error, FieldAppError):
            self.result.setText(error_text(error, self.lang))
        else:
            self.result.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))

"""Edit one report kind's settings (police and admins only).

The issuing body, number, addressee, signer, recipients, deadline and, for the final report,
the narrative sections.
Read and saved on the task runner like every store action; a refused text says why in the
dialog and nothing is stored.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import report_settings as rs
from fieldapp.ui.session import DeskSession

_LINES = ("issuer_parent", "issuer", "number", "addressee", "signer_name", "deadline")


class ReportSettingsDialog(QDialog):
    """One form per report kind; Save stores only what differs from what was loaded."""

    def __init__(self, session: DeskSession, kind: str, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.kind = kind
        self.lang = lang = session.lang
        self.loaded: rs.ReportSettings | None = None
        self.setWindowTitle(self._title())
        self.lines: dict[str, QLineEdit] = {name: QLineEdit() for name in _LINES}
        self.signer_title = QPlainTextEdit()
        self.signer_title.setFixedHeight(52)
        self.recipients = QPlainTextEdit()
        self.recipients.setFixedHeight(90)
        self.narrative: dict[str, QPlainTextEdit] = {}
        form = QFormLayout()
        for name in ("issuer_parent", "issuer", "number", "addressee"):
            form.addRow(tr(f"field.rs_{name}", lang), self.lines[name])
        form.addRow(tr("field.rs_signer_title", lang), self.signer_title)
        form.addRow(tr("field.rs_signer_name", lang), self.lines["signer_name"])
        form.addRow(tr("field.rs_recipients", lang), self.recipients)
        form.addRow(tr("report_dialog.deadline", lang), self.lines["deadline"])
        if kind == "final":
            for part in rs.NARRATIVE_PARTS:
                edit = self.narrative[part] = QPlainTextEdit()
                edit.setFixedHeight(70)
                form.addRow(tr(f"field.rs_{part}", lang), edit)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.save_button = QPushButton(tr("report_dialog.save", lang))
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.save_button)
        uow = session.uow
        session.runner.run(
            lambda _progress: rs.report_settings(uow(), kind, lang),
            on_success=self.show_settings,
            on_failure=self._failed,
        )

    def _title(self) -> str:
        if self.kind.startswith("agency."):
            agency = tr(f"reports.agency.{self.kind.removeprefix('agency.')}", self.lang)
            return tr("report_settings.kind.agency", self.lang, agency=agency)
        return tr(f"report_settings.kind.{self.kind}", self.lang)

    def show_settings(self, found: rs.ReportSettings) -> None:
        """Fill the form from the stored settings."""
        self.loaded = found
        for name, edit in self.lines.items():
            edit.setText(getattr(found, name))
        self.signer_title.setPlainText(found.signer_title)
        self.recipients.setPlainText("\n".join(found.recipients))
        for part, edit in self.narrative.items():
            edit.setPlainText(found.narrative_text(part))

    def changes(self) -> dict[str, Any]:
        """What the form says that differs from what was loaded."""
        if self.loaded is None:
            return {}
        found = self.loaded
        changed: dict[str, Any] = {}
        for name, edit in self.lines.items():
            if edit.text().strip() != getattr(found, name):
                changed[name] = edit.text()
        if self.signer_title.toPlainText().strip() != found.signer_title:
            changed["signer_title"] = self.signer_title.toPlainText()
        lines = [x.strip() for x in self.recipients.toPlainText().splitlines() if x.strip()]
        if tuple(lines) != found.recipients:
            changed["recipients"] = lines
        texts = {part: edit.toPlainText() for part, edit in self.narrative.items()}
        if any(texts[p].strip() != found.narrative_text(p) for p in texts):
            changed["narrative"] = texts
        return changed

    def save(self) -> None:
        """Store the changes on the runner; the form shows the result or why it was refused."""
        changes = self.changes()
        if not changes:
            self.message.setText(tr("report_dialog.nothing_changed", self.lang))
            return
        uow, kind, actor = self.session.uow, self.kind, self.session.user
        self.save_button.setEnabled(False)
        self.session.runner.run(
            lambda _progress: rs.save_report_settings(uow(), kind, changes, actor=actor),
            on_success=self._saved,
            on_failure=self._failed,
        )

    def _saved(self, found: rs.ReportSettings) -> None:
        self.save_button.setEnabled(True)
        self.show_settings(found)
        self.message.setText(tr("report_settings.saved", self.lang, kind=self._title()))

    def _failed(self, error: Exception) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, FieldAppError):
            self.message.setText(error_text(error, self.lang))
        else:
            self.message.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))

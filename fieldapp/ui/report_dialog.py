"""Pick a report (kind, day or wave, split, format), make it on the runner, save it."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.errors import FieldAppError
from fieldapp.domain.permissions import Action, may
from fieldapp.i18n import error_text, tr
from fieldapp.services import campaign, difficulties, report_output
from fieldapp.services.clock import local_today
from fieldapp.services.progress import Progress
from fieldapp.services.report_document import BY_CHOICES
from fieldapp.services.reports import AGENCIES
from fieldapp.ui.qt_words import save_file_path
from fieldapp.ui.session import DeskSession

KINDS = ("daily", "weekly", "wave", "final")


class ReportDialog(QDialog):
    """Asks where to save, then makes the file on the task runner with a progress bar."""

    def __init__(
        self, session: DeskSession, *, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.setWindowTitle(tr("reports.dialog.title", self.lang))
        self.saved_path: Path | None = None
        lang = self.lang

        self.kind = QComboBox()
        for kind in KINDS:
            self.kind.addItem(tr(f"reports.kind.{kind}", lang), kind)
        self.day = QDateEdit()
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        start = today or local_today()
        self.day.setDate(QDate(start.year, start.month, start.day))
        self.wave = QComboBox()
        uow = session.uow
        session.runner.run(  # the waves are read off the GUI thread, like everything else
            lambda _progress: campaign.waves(uow()),
            on_success=self._show_waves,
            on_failure=lambda _error: self._show_waves([]),
        )
        self.by = QComboBox()
        for by in BY_CHOICES:
            self.by.addItem(tr(f"reports.by.{by}", lang), by)
        self.agency = QComboBox()  # the People's Committee's report to one agency
        self.agency.addItem(tr("report_dialog.no_agency", lang), None)
        for code in AGENCIES:
            self.agency.addItem(tr(f"reports.agency.{code}", lang), code)
        self.settings_button = QPushButton(tr("report_dialog.settings", lang))
        self.settings_button.setEnabled(may(session.user.role, Action.CAMPAIGN_SETTINGS))
        self.settings_button.clicked.connect(self._on_settings)
        # the social-affairs office's file: personal data, police and admins only
        self.beneficiary_button = QPushButton(tr("report_dialog.beneficiary_file", lang))
        self.beneficiary_button.setEnabled(may(session.user.role, Action.EXPORT_PERSONAL_DATA))
        self.beneficiary_button.clicked.connect(self._on_beneficiary_file)
        self.format = QComboBox()
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Excel (xlsx)", "xlsx")
        form = QFormLayout()
        form.addRow(tr("reports.dialog.kind", lang), self.kind)
        form.addRow(tr("reports.dialog.date", lang), self.day)
        form.addRow(tr("reports.dialog.wave", lang), self.wave)
        form.addRow(tr("reports.dialog.by", lang), self.by)
        form.addRow(tr("report_dialog.agency", lang), self.agency)
        form.addRow(tr("reports.dialog.format", lang), self.format)
        # issue 18 item 2: the officer's paragraph, printed under the difficulties
        self.difficulties = QPlainTextEdit()
        self.difficulties.setPlaceholderText(tr("reports.dialog.difficulties_hint", lang))
        self.difficulties.setFixedHeight(72)
        form.addRow(tr("reports.dialog.difficulties", lang), self.difficulties)
        self.day.dateChanged.connect(self._load_difficulties)
        self._load_difficulties()

        self.progress = QProgressBar()
        self.progress.setVisible(False)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.generate = QPushButton(tr("reports.dialog.generate", lang))
        self.generate.setDefault(True)
        self.generate.clicked.connect(self._on_generate)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.progress)
        layout.addWidget(self.message)
        layout.addWidget(self.generate)
        layout.addWidget(self.settings_button)
        layout.addWidget(self.beneficiary_button)
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()

    def _kind_and_agency(self) -> str:
        agency = self.agency.currentData()
        return f"agency.{agency}" if agency else str(self.kind.currentData())

    def open_settings(self) -> QDialog:
        """The settings of the chosen report (tests call `exec` themselves)."""
        from fieldapp.ui.report_settings_dialog import ReportSettingsDialog

        return ReportSettingsDialog(self.session, self._kind_and_agency(), parent=self)

    def _on_settings(self) -> None:
        self.open_settings().exec()

    def _on_beneficiary_file(self) -> None:
        """Write the social-affairs office's xlsx (the chosen agency's groups, or all)."""
        agency = self.agency.currentData()
        name = f"doi-tuong-{(agency or 'tat-ca').replace('_', '-')}-{local_today()}.xlsx"
        chosen = self.choose_path(name)
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != ".xlsx":
            out = out.with_name(out.name + ".xlsx")
        uow, lang, actor = self.session.uow, self.lang, self.session.user
        self.message.setText(tr("reports.dialog.working", lang))

        def work(_progress: Progress) -> str:
            from fieldapp.services.beneficiary_file import write_beneficiary_file

            made = write_beneficiary_file(uow(), out, agency=agency, lang=lang, actor=actor)
            return tr("beneficiary_file.written", lang, count=len(made.rows), path=str(out))

        self.session.runner.run(work, on_success=self.message.setText, on_failure=self._failed)

    def _show_waves(self, waves: list) -> None:
        self.wave.clear()
        for wave in waves:
            self.wave.addItem(wave.name, wave.name)
        if not waves:
            self.wave.addItem(tr("reports.dialog.no_wave", self.lang), None)

    def _chosen_day(self) -> date:
        qday = self.day.date()
        return date(qday.year(), qday.month(), qday.day())

    def _load_difficulties(self) -> None:
        """The paragraph kept for the chosen day (read on the runner)."""
        uow, day = self.session.uow, self._chosen_day()
        self.session.runner.run(
            lambda _progress: difficulties.difficulties_note(uow(), day),
            on_success=self.difficulties.setPlainText,
            on_failure=lambda _error: None,
        )

    def _kind_changed(self) -> None:
        self.wave.setEnabled(self.kind.currentData() == "wave")

    def choose_path(self, suggested: str) -> str:
        """Ask where to save (tests replace this)."""
        return save_file_path(self, tr("reports.dialog.title", self.lang), suggested)

    def _on_generate(self) -> None:
        kind, by, fmt = self.kind.currentData(), self.by.currentData(), self.format.currentData()
        qday = self.day.date()
        day = date(qday.year(), qday.month(), qday.day())
        wave_name = self.wave.currentData() if kind == "wave" else None
        agency = self.agency.currentData()
        split = by if agency is None else agency.replace("_", "-")
        chosen = self.choose_path(f"bao-cao-{kind}-{split}-{day.isoformat()}.{fmt}")
        if not chosen:
            return
        out = Path(chosen)
        if out.suffix.lower() != f".{fmt}":
            out = out.with_name(out.name + f".{fmt}")
        self.generate.setEnabled(False)
        self.progress.setVisible(True)
        self.progress.setValue(0)
        self.message.setText(tr("reports.dialog.working", self.lang))
        uow, lang, actor = self.session.uow, self.lang, self.session.user
        note = self.difficulties.toPlainText()

        def work(progress: Progress) -> Path:
            period = report_output.resolve_period(uow(), kind, day, wave_name)
            if note.strip() or difficulties.difficulties_note(uow(), period.ends_on):
                difficulties.set_difficulties_note(uow(), period.ends_on, note, actor=actor)
            report_output.write_report(
                uow(),
                kind,
                out,
                fmt=fmt,
                day=day,
                wave_name=wave_name,
                by=by,
                lang=lang,
                agency=agency,
                progress=progress,
                actor=actor,
            )
            return out

        self.session.runner.run(
            work, on_success=self._done, on_failure=self._failed, on_progress=self._progressed
        )

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(total, 1))
        self.progress.setValue(done)

    def _done(self, path: Path) -> None:
        self.saved_path = path
        self.generate.setEnabled(True)
        self.progress.setValue(self.progress.maximum())
        self.message.setText(tr("reports.dialog.saved", self.lang, path=str(path)))

    def _failed(self, error: Exception) -> None:
        self.generate.setEnabled(True)
        self.progress.setVisible(False)
        if isinstance(error, FieldAppError):
            self.message.setText(error_text(error, self.lang))
        else:
            self.message.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))

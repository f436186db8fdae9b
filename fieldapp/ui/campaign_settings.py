"""Campaign settings for the police: waves, village targets, the daily deadline, the banks.

Every rule (overlapping waves, a target below what is done, a bad time) is the services'; this
dialog shows their refusals in the user's language.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Qt, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import tr
from fieldapp.services import campaign, settings
from fieldapp.services.progress import Progress
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_common import failure_text


class CampaignSettingsDialog(QDialog):
    """Four tabs, each saved on its own; the current values are read on the task runner."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang = session.lang
        self.setWindowTitle(tr("campaign_ui.title", lang))
        self.resize(640, 420)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._waves_tab(), tr("campaign_ui.tab.waves", lang))
        self.tabs.addTab(self._targets_tab(), tr("campaign_ui.tab.targets", lang))
        self.tabs.addTab(self._deadline_tab(), tr("campaign_ui.tab.deadline", lang))
        self.tabs.addTab(self._banks_tab(), tr("campaign_ui.tab.banks", lang))
        from fieldapp.ui.group_deadlines_tab import GroupDeadlinesTab  # issue 18

        self.group_deadlines = GroupDeadlinesTab(self)
        self.tabs.addTab(self.group_deadlines, tr("deadlines.tab", lang))
        self.message = QLabel()
        self.message.setWordWrap(True)
        close = QPushButton(tr("button.close", lang))
        close.clicked.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self.reload()

    # Tabs -------------------------------------------------------------------------------------
    def _waves_tab(self) -> QWidget:
        lang = self.lang
        self.wave_list = QListWidget()
        self.wave_name = QLineEdit()
        self.wave_start = QDateEdit(QDate.currentDate())
        self.wave_end = QDateEdit(QDate.currentDate().addDays(20))
        for edit in (self.wave_start, self.wave_end):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd/MM/yyyy")
        add = QPushButton(tr("campaign_ui.wave.add", lang))
        add.clicked.connect(self.add_wave_from_form)
        remove = QPushButton(tr("campaign_ui.wave.remove", lang))
        remove.clicked.connect(self._remove_selected_wave)
        form = QFormLayout()
        form.addRow(tr("campaign_ui.wave.name", lang), self.wave_name)
        form.addRow(tr("campaign_ui.wave.start", lang), self.wave_start)
        form.addRow(tr("campaign_ui.wave.end", lang), self.wave_end)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.wave_list, 1)
        layout.addLayout(form)
        layout.addLayout(buttons)
        return page

    def _targets_tab(self) -> QWidget:
        self.target_list = QListWidget()
        self.target_village = QComboBox()
        self.target_value = QSpinBox()
        self.target_value.setRange(0, 1_000_000)
        save = QPushButton(tr("campaign_ui.target.set", self.lang))
        save.clicked.connect(self.set_target_from_form)
        row = QHBoxLayout()
        row.addWidget(self.target_village, 1)
        row.addWidget(self.target_value)
        row.addWidget(save)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.target_list, 1)
        layout.addLayout(row)
        return page

    def _deadline_tab(self) -> QWidget:
        self.deadline = QTimeEdit()
        self.deadline.setDisplayFormat("HH:mm")
        save = QPushButton(tr("campaign_ui.save", self.lang))
        save.clicked.connect(self.save_deadline)
        page = QWidget()
        layout = QFormLayout(page)
        layout.addRow(tr("campaign_ui.deadline", self.lang), self.deadline)
        layout.addRow(save)
        return page

    def _banks_tab(self) -> QWidget:
        self.banks = QPlainTextEdit()
        save = QPushButton(tr("campaign_ui.save", self.lang))
        save.clicked.connect(self.save_banks)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(tr("campaign_ui.banks", self.lang)))
        layout.addWidget(self.banks, 1)
        layout.addWidget(save)
        return page

    # Reading ---------------------------------------------------------------------------------
    def reload(self) -> None:
        """Read waves, targets, the deadline and the banks on the task runner."""
        uow = self.session.uow

        def work(_progress: Progress) -> tuple:
            return (campaign.waves(uow()), campaign.village_targets(uow()),
                    campaign.report_deadline(uow()), settings.banks(uow()))  # fmt: skip

        self.session.runner.run(work, on_success=self._show, on_failure=self._failed)

    def _show(self, values: tuple) -> None:
        waves, targets, deadline, banks = values
        self.wave_list.clear()
        for wave in waves:
            self.wave_list.addItem(
                f"{wave.name}: {wave.starts_on:%d/%m/%Y} – {wave.ends_on:%d/%m/%Y}"
            )
            self.wave_list.item(self.wave_list.count() - 1).setData(
                Qt.ItemDataRole.UserRole, wave.name
            )
        self.target_list.clear()
        current = self.target_village.currentText()
        self.target_village.clear()
        default = tr("campaign_ui.target.default", self.lang)
        for village, target in targets:
            self.target_list.addItem(f"{village}: {default if target is None else target}")
            self.target_village.addItem(village)
        if current:
            self.target_village.setCurrentText(current)
        self.deadline.setTime(QTime.fromString(deadline, "HH:mm"))
        self.banks.setPlainText("\n".join(banks))

    # Saving ----------------------------------------------------------------------------------
    def add_wave_from_form(self) -> None:
        """Add the wave typed in the form (overlaps and reversed dates are refused)."""
        name = self.wave_name.text()
        start, end = _day(self.wave_start.date()), _day(self.wave_end.date())
        self._save(
            lambda uow: campaign.add_wave(uow, name, start, end, actor=self.session.user),
            lambda wave: tr("campaign_ui.wave.added", self.lang, name=wave.name),
        )

    def _remove_selected_wave(self) -> None:
        item = self.wave_list.currentItem()
        if item is not None:
            name = item.data(Qt.ItemDataRole.UserRole)
            self._save(
                lambda uow: campaign.remove_wave(uow, name, actor=self.session.user),
                lambda wave: tr("campaign_ui.wave.removed", self.lang, name=wave.name),
            )

    def set_target_from_form(self) -> None:
        """Set the chosen village's target (below what is already done is refused)."""
        village, value = self.target_village.currentText(), self.target_value.value()
        self._save(lambda uow: campaign.set_target(uow, village, value, actor=self.session.user),
                   lambda _: tr("campaign_ui.target.saved", self.lang, village=village,
                                target=value))  # fmt: skip

    def save_deadline(self) -> None:
        """Save the daily report deadline."""
        text = self.deadline.time().toString("HH:mm")
        self._save(
            lambda uow: campaign.set_report_deadline(uow, text, actor=self.session.user),
            lambda saved: tr("campaign_ui.deadline.saved", self.lang, deadline=saved),
        )

    def save_banks(self) -> None:
        """Save the banks a bank officer can pick, one per line."""
        names = self.banks.toPlainText().splitlines()
        self._save(
            lambda uow: settings.set_banks(uow, names, actor=self.session.user),
            lambda saved: tr("campaign_ui.banks.saved", self.lang, count=len(saved)),
        )

    def _save(self, action: Callable, said: Callable[[object], str]) -> None:
        uow = self.session.uow

        def done(value: object) -> None:
            self.message.setStyleSheet("color: #1b7f3b; font-weight: bold")
            self.message.setText(said(value))
            self.reload()

        self.session.runner.run(lambda _p: action(uow()), on_success=done,
                                on_failure=self._failed)  # fmt: skip

    def _failed(self, error: Exception) -> None:
        self.message.setStyleSheet("color: #b3261e; font-weight: bold")
        self.message.setText(failure_text(error, self.lang))


def _day(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())

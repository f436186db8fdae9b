"""The campaign settings' tab for issue 18: each group's target and deadline, a wave's basis.

A group's deadline and percentage (the seeds' defaults until changed), and whether a wave's
village targets are 100% of level 2 or 100% of the eligible. Read and saved on the runner
through the dialog's own `_save` (its message line says what was saved, or why not).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.deadlines import GROUP_KEYS, GroupDeadline
from fieldapp.i18n import tr
from fieldapp.i18n.formats import date_text
from fieldapp.services import campaign, campaign_targets
from fieldapp.services.progress import Progress
from fieldapp.services.report_sections import group_name


class GroupDeadlinesTab(QWidget):
    """A list of the groups' deadlines, a form to change one, a wave's target basis."""

    def __init__(self, dialog: Any) -> None:
        super().__init__()
        self.dialog = dialog
        self.lang = lang = dialog.lang
        self.deadline_list = QListWidget()
        self.group = QComboBox()
        for key in GROUP_KEYS:
            self.group.addItem(group_name(key, lang), key)
        self.deadline = QDateEdit()
        self.deadline.setCalendarPopup(True)
        self.deadline.setDisplayFormat("dd/MM/yyyy")
        self.percent = QSpinBox()
        self.percent.setRange(1, 100)
        self.percent.setSuffix(" %")
        self.percent.setValue(100)
        save = QPushButton(tr("campaign_ui.save", lang))
        save.clicked.connect(self.save_deadline)
        form = QFormLayout()
        form.addRow(tr("deadlines.col.group", lang), self.group)
        form.addRow(tr("deadlines.col.deadline", lang), self.deadline)
        form.addRow(tr("deadlines.col.target", lang), self.percent)
        form.addRow(save)
        self.wave = QComboBox()
        self.basis = QComboBox()
        for basis in campaign_targets.BASES:
            self.basis.addItem(tr(f"targets.basis.{basis}", lang), basis)
        save_basis = QPushButton(tr("campaign_ui.save", lang))
        save_basis.clicked.connect(self.save_basis)
        basis_row = QHBoxLayout()
        basis_row.addWidget(self.wave, 1)
        basis_row.addWidget(self.basis, 2)
        basis_row.addWidget(save_basis)
        layout = QVBoxLayout(self)
        layout.addWidget(self.deadline_list, 1)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("targets.basis.label", lang)))
        layout.addLayout(basis_row)
        self.group.currentIndexChanged.connect(self._fill_form)
        self.deadlines: dict[str, GroupDeadline] = {}
        self.reload()

    def reload(self) -> None:
        """Read the groups' deadlines and the waves on the runner."""
        uow = self.dialog.session.uow

        def work(_progress: Progress) -> tuple:
            return campaign_targets.group_deadlines(uow()), campaign.waves(uow())

        self.dialog.session.runner.run(work, on_success=self._show, on_failure=lambda _e: None)

    def _show(self, values: tuple) -> None:
        deadlines, waves = values
        self.deadlines = {d.group: d for d in deadlines}
        self.deadline_list.clear()
        for d in deadlines:
            self.deadline_list.addItem(
                f"{group_name(d.group, self.lang)}: {d.percent}% — "
                f"{date_text(d.deadline, self.lang)}"
            )
        self.wave.clear()
        for wave in waves:
            self.wave.addItem(wave.name, wave.name)
        self._fill_form()

    def _fill_form(self) -> None:
        found = self.deadlines.get(self.group.currentData())
        if found is not None:
            self.deadline.setDate(QDate(found.deadline.year, found.deadline.month,
                                        found.deadline.day))  # fmt: skip
            self.percent.setValue(found.percent)

    def save_deadline(self) -> None:
        """Save the chosen group's deadline and percentage."""
        group, percent = self.group.currentData(), self.percent.value()
        qday = self.deadline.date()
        day = date(qday.year(), qday.month(), qday.day())
        actor = self.dialog.session.user
        self.dialog._save(
            lambda uow: campaign_targets.set_group_deadline(
                uow, group, day, percent=percent, actor=actor
            ),
            lambda _saved: tr("deadlines.saved", self.lang, name=group_name(group, self.lang)),
        )
        self.reload()

    def save_basis(self) -> None:
        """Save whether the chosen wave's targets are 100% of level 2 or of the eligible."""
        wave, basis = self.wave.currentData(), self.basis.currentData()
        if wave is None:
            return
        actor = self.dialog.session.user
        self.dialog._save(
            lambda uow: campaign_targets.set_target_basis(uow, wave, basis, actor=actor),
            lambda _saved: tr(f"targets.basis_saved.{basis}", self.lang, wave=wave),
        )

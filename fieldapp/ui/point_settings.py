"""The point's own settings: the days and hours it is open, and the home-visit age.

The opening days give a slip's return day (the next day the point is open); the age says from
when a citizen is on the home-visit list. Both are local settings of this installation, read
and saved through the services on the task runner.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from fieldapp.documents.content import PointInfo
from fieldapp.i18n import tr
from fieldapp.services import documents, home_visits
from fieldapp.services.progress import Progress
from fieldapp.ui.qt_words import action_cancel_buttons
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_common import failure_text

_DAY_KEYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class PointSettingsDialog(QDialog):
    """Seven day boxes, the hours, the contact line, the home-visit age."""

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang = session.lang
        self.saved = False
        self.setWindowTitle(tr("desk_finish.point.title", lang))
        self.days = [QCheckBox(tr(f"desk_finish.day.{key}", lang)) for key in _DAY_KEYS]
        grid = QGridLayout()
        for index, box in enumerate(self.days):
            grid.addWidget(box, index // 4, index % 4)
        self.hours = QLineEdit()
        self.hours.setPlaceholderText("7h30 - 11h00, 13h30 - 17h00")
        self.contact = QLineEdit()
        self.age = QSpinBox()
        self.age.setRange(*home_visits.AGE_RANGE)
        self.age.setSuffix(tr("desk_finish.point.age_suffix", lang))
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("desk_finish.point.days", lang), grid)
        form.addRow(tr("desk_finish.point.hours", lang), self.hours)
        form.addRow(tr("desk_finish.point.contact", lang), self.contact)
        form.addRow(tr("desk_finish.point.age", lang), self.age)
        note = QLabel(tr("desk_finish.point.note", lang))
        note.setWordWrap(True)
        note.setStyleSheet("color: #5f6368")
        buttons = action_cancel_buttons(self, lang, tr("campaign_ui.save", lang), self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        self._load()

    def _load(self) -> None:
        uow = self.session.uow

        def work(_progress: Progress) -> tuple[PointInfo, int]:
            return documents.point_info(uow()), home_visits.elderly_age(uow())

        self.session.runner.run(work, on_success=self._show, on_failure=self._failed)

    def _show(self, values: tuple[PointInfo, int]) -> None:
        info, age = values
        for index, box in enumerate(self.days):
            box.setChecked(index in info.opening_days)
        self.hours.setText(info.hours)
        self.contact.setText(info.contact)
        self.age.setValue(age)

    def save(self) -> None:
        """Save both, each checked by its service; close when saved."""
        days = tuple(i for i, box in enumerate(self.days) if box.isChecked())
        hours, contact, age = self.hours.text(), self.contact.text(), self.age.value()
        uow, actor = self.session.uow, self.session.user
        if not days:
            self._failed_text(tr("desk_finish.point.no_day", self.lang))
            return

        def work(_progress: Progress) -> int:
            assert actor is not None
            documents.set_point_info(
                uow(), opening_days=days, hours=hours, contact=contact, actor=actor
            )
            return home_visits.set_elderly_age(uow(), age, actor=actor)

        self.session.runner.run(work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, _age: int) -> None:
        self.saved = True
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._failed_text(failure_text(error, self.lang))

    def _failed_text(self, text: str) -> None:
        self.message.setStyleSheet("color: #b3261e; font-weight: bold")
        self.message.setText(text)

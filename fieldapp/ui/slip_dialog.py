"""The one-citizen slip dialog: who (ID masked), when to come back, on what paper.

The return day starts at the next day the point is open and its opening hour
(`services.documents.default_return`); a day the point is closed is said at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from PySide6.QtCore import QDate, QTime
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QTimeEdit,
    QWidget,
)

from fieldapp.documents.content import WEEKDAYS_VI, mask_personal_id
from fieldapp.documents.slips import Paper
from fieldapp.i18n import tr
from fieldapp.services.documents import ReturnDefault
from fieldapp.ui.qt_words import action_cancel_buttons

_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True, slots=True)
class SlipRequest:
    """What the dialog answers."""

    personal_id: str
    return_on: date
    return_time: time
    paper: Paper


class SlipDialog(QDialog):
    """Asks for the return day and time and the paper; the ID shows masked when it is known."""

    def __init__(
        self,
        lang: str,
        default: ReturnDefault,
        *,
        personal_id: str = "",
        name: str = "",
        today: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.opening_days = default.opening_days
        self.personal_id = personal_id
        self.setWindowTitle(tr("documents.ask_id_title", lang))
        self.id_field = QLineEdit()
        self.id_field.setMaxLength(12)
        self.who = QLabel()
        if personal_id:  # from the card: masked, as on the slip itself
            self.who.setText(f"{name} — {mask_personal_id(personal_id)}".strip(" —"))
            self.id_field.setVisible(False)
        start = QDate(today.year, today.month, today.day) if today else QDate.currentDate()
        self.day = QDateEdit(QDate(default.day.year, default.day.month, default.day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("dd/MM/yyyy")
        self.day.setMinimumDate(start)
        self.day.dateChanged.connect(self._day_changed)
        self.at = QTimeEdit(QTime(default.at.hour, default.at.minute))
        self.at.setDisplayFormat("HH:mm")
        self.day_note = QLabel()
        self.paper = QComboBox()
        for paper in (Paper.A6, Paper.ROLL, Paper.A4):
            self.paper.addItem(tr(f"desk_finish.slip.paper.{paper.value}", lang), paper.value)
        form = QFormLayout(self)
        if personal_id:
            form.addRow(tr("desk_finish.slip.who", lang), self.who)
        else:
            form.addRow(tr("documents.ask_id", lang), self.id_field)
        form.addRow(tr("desk_finish.slip.day", lang), self.day)
        form.addRow("", self.day_note)
        form.addRow(tr("desk_finish.slip.time", lang), self.at)
        form.addRow(tr("desk_finish.slip.paper", lang), self.paper)
        buttons = action_cancel_buttons(self, lang, tr("desk_finish.slip.print", lang), self.accept)
        form.addRow(buttons)
        self.setMinimumWidth(480)
        self._day_changed(self.day.date())

    def request(self) -> SlipRequest:
        """The answers."""
        qday, qtime = self.day.date(), self.at.time()
        return SlipRequest(
            personal_id=self.personal_id or self.id_field.text().strip(),
            return_on=date(qday.year(), qday.month(), qday.day()),
            return_time=time(qtime.hour(), qtime.minute()),
            paper=Paper(self.paper.currentData()),
        )

    def _day_changed(self, qday: QDate) -> None:
        weekday = qday.dayOfWeek() - 1  # Qt: 1 = Monday
        name = (WEEKDAYS_VI if self.lang == "vi" else _WEEKDAYS_EN)[weekday]
        if weekday in self.opening_days:
            self.day_note.setStyleSheet("color: #5f6368")
            self.day_note.setText(tr("desk_finish.slip.open_day", self.lang, day=name))
        else:
            self.day_note.setStyleSheet("color: #b3261e; font-weight: bold")
            self.day_note.setText(tr("desk_finish.slip.closed_day", self.lang, day=name))

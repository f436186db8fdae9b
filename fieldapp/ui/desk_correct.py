"""Correcting a citizen's details from the card (Ctrl+E): name, birth date, sex, village.

Saving records one correction event per changed detail (who, when, the old value); the
form stays open with the service's own words when something is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import model as dm
from fieldapp.domain.corrections import CorrectedField, name_is_garbled
from fieldapp.domain.errors import FieldAppError
from fieldapp.domain.personal_id import Sex
from fieldapp.i18n import error_text, tr
from fieldapp.services import corrections
from fieldapp.services.progress import Progress
from fieldapp.ui.desk_forms import parse_typed_date
from fieldapp.ui.session import DeskSession

_SEXES: tuple[Sex | None, ...] = (None, Sex.MALE, Sex.FEMALE)


class CorrectDetailsDialog(QDialog):
    """The card's citizen, editable; the old values stay in the history."""

    def __init__(
        self,
        session: DeskSession,
        citizen: dm.Citizen,
        villages: Sequence[dm.Village],
        parent: QWidget | None = None,
        *,
        official: bool = False,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang = session.lang
        self.citizen = citizen
        self.villages = list(villages)
        self.done_: corrections.CitizenCorrected | None = None
        self.setWindowTitle(tr("desk.correct.title", lang))
        self.full_name = QLineEdit(citizen.full_name)
        self.birth_date = QLineEdit(f"{citizen.birth_date:%d/%m/%Y}" if citizen.birth_date else "")
        self.birth_date.setPlaceholderText(tr("desk.new.birth_hint", lang))
        self.sex = QComboBox()
        self.sex.addItems(
            [tr("desk.new.sex_unknown", lang), tr("sex.male", lang), tr("sex.female", lang)]
        )
        self.sex.setCurrentIndex(_SEXES.index(citizen.sex))
        self.village = QComboBox()
        self.village.addItem(tr("desk.new.no_village", lang))
        for village in self.villages:
            self.village.addItem(village.name)
        ids = [v.id for v in self.villages]
        if citizen.village_id in ids:
            self.village.setCurrentIndex(ids.index(citizen.village_id) + 1)
        form = QFormLayout()
        form.addRow(tr("field.full_name", lang), self.full_name)
        form.addRow(tr("field.birth_date", lang), self.birth_date)
        form.addRow(tr("field.sex", lang), self.sex)
        form.addRow(tr("field.village", lang), self.village)
        for widget in (self.full_name, self.birth_date, self.sex):
            widget.setEnabled(not official)  # the police correct their own list
        intro = QLabel(tr("desk.correct.intro", lang))
        intro.setWordWrap(True)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b3261e; font-weight: bold")
        if name_is_garbled(citizen.full_name):
            self.error.setText(tr("citizen.name_garbled", lang, value=citizen.full_name))
        buttons = QDialogButtonBox()
        ok = buttons.addButton(tr("desk.button.save", lang), QDialogButtonBox.ButtonRole.AcceptRole)
        ok.setDefault(True)
        buttons.addButton(tr("desk.button.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        if official:
            note = QLabel(tr("desk.correct.official", lang))
            note.setWordWrap(True)
            note.setStyleSheet("color: #8a5a00")
            layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        (self.village if official else self.full_name).setFocus()
        self.full_name.selectAll()

    def changes(self) -> corrections.CorrectionChanges:
        """What the form says now, by field (the service skips what did not change)."""
        text = self.birth_date.text().strip()
        index = self.village.currentIndex()
        return {
            CorrectedField.FULL_NAME: self.full_name.text(),
            CorrectedField.BIRTH_DATE: parse_typed_date(text) if text else None,
            CorrectedField.SEX: _SEXES[self.sex.currentIndex()],
            CorrectedField.VILLAGE: self.villages[index - 1].id if index > 0 else None,
        }

    def save(self) -> None:
        """Store the corrections off the GUI thread; close when stored."""
        try:
            changes = self.changes()
        except FieldAppError as error:
            self.error.setText(error_text(error, self.lang))
            return
        session = self.session
        if session.user is None:
            return
        pid, user_id = self.citizen.personal_id, session.user.id
        point_id = session.point.id if session.point else None

        def work(_progress: Progress) -> corrections.CitizenCorrected:
            return corrections.correct_citizen(
                session.uow(), pid, changes, user_id=user_id, point_id=point_id
            )

        self.error.clear()
        session.runner.run(work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, done: corrections.CitizenCorrected) -> None:
        self.done_ = done
        self.accept()

    def _failed(self, error: Exception) -> None:
        if isinstance(error, FieldAppError):
            self.error.setText(error_text(error, self.lang))
        else:
            self.error.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))

"""The desk's forms: sign-in, a new citizen, settings; and `DeskDialogs`, their one door.

Forms run their service calls on the session's task runner and stay open on an error,
showing it in their own words; they close only when the service said yes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import model as dm
from fieldapp.domain.chip_qr import ChipQrPayload
from fieldapp.domain.corrections import name_is_garbled
from fieldapp.domain.dates import parse_ddmmyyyy
from fieldapp.domain.errors import FieldAppError, ValidationError
from fieldapp.domain.personal_id import Sex
from fieldapp.i18n import error_text, tr
from fieldapp.services import corrections, desk, settings, setup, visits
from fieldapp.services.progress import Progress
from fieldapp.ui.desk_pickers import BankDialog, ReasonDialog, ReferralDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.users_screen import UsersDialog

__all__ = ["DeskDialogs", "NewCitizenDialog", "SettingsDialog", "SignInDialog", "UsersDialog"]

_ERROR_STYLE = "color: #b3261e; font-weight: bold"


def _button_box(dialog: QDialog, lang: str, ok_key: str = "button.ok") -> QDialogButtonBox:
    box = QDialogButtonBox()
    ok = box.addButton(tr(ok_key, lang), QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(tr("desk.button.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
    ok.setDefault(True)
    box.rejected.connect(dialog.reject)
    return box


def _say_error(label: QLabel, error: Exception, lang: str) -> None:
    if isinstance(error, FieldAppError):
        label.setText(error_text(error, lang))
    else:
        label.setText(tr("task.unexpected", lang, detail=type(error).__name__))


class SignInDialog(QDialog):
    """Pick your name, type your PIN: every visit and outcome will carry your name."""

    def __init__(
        self, session: DeskSession, users: Sequence[dm.User], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.users = list(users)
        self.signed_in: dm.User | None = None
        self.setWindowTitle(tr("desk.signin.title", self.lang))
        self.user_box = QComboBox()
        for user in self.users:
            self.user_box.addItem(f"{user.name} — {tr('role.' + user.role.value, self.lang)}")
        if session.user is not None:
            ids = [u.id for u in self.users]
            if session.user.id in ids:
                self.user_box.setCurrentIndex(ids.index(session.user.id))
        self.pin = QLineEdit()
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin.returnPressed.connect(self._sign_in)
        self.error = QLabel(tr("desk.signin.no_users", self.lang) if not self.users else "")
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("desk.signin.user", self.lang), self.user_box)
        form.addRow(tr("desk.signin.pin", self.lang), self.pin)
        buttons = _button_box(self, self.lang)
        buttons.accepted.connect(self._sign_in)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("desk.signin.intro", self.lang)))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)
        self.pin.setFocus()

    def _sign_in(self) -> None:
        index = self.user_box.currentIndex()
        if index < 0:
            return
        user_id, pin = self.users[index].id, self.pin.text()
        self.error.setText(tr("desk.signin.checking", self.lang))

        def work(_progress: Progress) -> dm.User:
            return setup.sign_in(self.session.uow(), user_id, pin)

        self.session.runner.run(work, on_success=self._done, on_failure=self._failed)

    def _done(self, user: dm.User) -> None:
        self.signed_in = user
        self.accept()

    def _failed(self, error: Exception) -> None:
        self.pin.clear()
        _say_error(self.error, error, self.lang)
        self.pin.setFocus()


def parse_typed_date(text: str, *, field: str = "birth_date") -> date:
    """dd/mm/yyyy (or dd.mm.yyyy, ddmmyyyy) as a person types it, checked by the domain."""
    compact = "".join(ch for ch in text.strip() if ch.isdigit())
    parts = [p for p in text.replace(".", "/").replace("-", "/").split("/") if p.strip()]
    if len(parts) == 3 and all(p.strip().isdigit() for p in parts):
        day, month, year = (p.strip() for p in parts)
        compact = f"{int(day):02d}{int(month):02d}{year}"
    try:
        return parse_ddmmyyyy(compact, field=field)
    except ValidationError as error:  # say it back as the person typed it
        raise ValidationError(error.message_id, field=field, value=text.strip()) from None


class NewCitizenDialog(QDialog):
    """A citizen the lists do not have: from the card's QR, or typed; never silently."""

    def __init__(
        self,
        session: DeskSession,
        villages: Sequence[dm.Village],
        *,
        payload: ChipQrPayload | None = None,
        personal_id: str = "",
        place: dm.VisitPlace = dm.VisitPlace.AT_POINT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = lang = session.lang
        self.villages = list(villages)
        self.place = place
        self.from_scan = payload is not None
        self.registered: visits.VisitRegistered | None = None
        self.setWindowTitle(tr("desk.new.title", lang))
        self.personal_id = QLineEdit(personal_id)
        self.personal_id.setMaxLength(12)
        self.full_name = QLineEdit()
        self.birth_date = QLineEdit()
        self.birth_date.setPlaceholderText(tr("desk.new.birth_hint", lang))
        self.sex = QComboBox()
        self.sex.addItems(
            [tr("desk.new.sex_unknown", lang), tr("sex.male", lang), tr("sex.female", lang)]
        )
        self.address = QLineEdit()
        self.village = QComboBox()
        self.village.addItem(tr("desk.new.no_village", lang))
        for village in self.villages:
            self.village.addItem(village.name)
        form = QFormLayout()
        form.addRow(tr("field.personal_id", lang), self.personal_id)
        form.addRow(tr("field.full_name", lang), self.full_name)
        form.addRow(tr("field.birth_date", lang), self.birth_date)
        form.addRow(tr("field.sex", lang), self.sex)
        form.addRow(tr("field.address", lang), self.address)
        form.addRow(tr("field.village", lang), self.village)
        intro = QLabel(tr("desk.new.from_scan" if payload else "desk.new.typed", lang))
        intro.setWordWrap(True)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #8a5a00")
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        buttons = _button_box(self, lang, "desk.new.save_visit")
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(560)
        if payload is not None:
            self._fill(payload)
        (self.full_name if personal_id or payload else self.personal_id).setFocus()

    def _fill(self, payload: ChipQrPayload) -> None:
        self.personal_id.setText(payload.personal_id.value)
        self.personal_id.setReadOnly(True)
        self.full_name.setText(payload.full_name)
        self.birth_date.setText(f"{payload.birth_date:%d/%m/%Y}")
        self.sex.setCurrentIndex(1 if payload.sex is Sex.MALE else 2)
        self.address.setText(payload.address)
        if payload.name_looks_garbled:
            self.hint.setText(tr("desk.new.garbled", self.lang))
        if name_is_garbled(payload.full_name):  # saving is refused until it is corrected
            self.error.setText(tr("citizen.name_garbled", self.lang, value=payload.full_name))
            self.full_name.selectAll()
        village = desk.village_from_address(self.villages, payload.address)
        if village is not None:
            self.village.setCurrentIndex(self.villages.index(village) + 1)

    def citizen(self) -> dm.Citizen:
        """The citizen the form describes; the service checks the ID against it."""
        birth = parse_typed_date(self.birth_date.text()) if self.birth_date.text().strip() else None
        sex = {1: Sex.MALE, 2: Sex.FEMALE}.get(self.sex.currentIndex())
        index = self.village.currentIndex()
        village_id: uuid.UUID | None = self.villages[index - 1].id if index > 0 else None
        return dm.Citizen(
            personal_id=self.personal_id.text().strip(),
            full_name=self.full_name.text(),
            birth_date=birth,
            sex=sex,
            address=self.address.text().strip(),
            village_id=village_id,
        )

    def save(self) -> None:
        """Create the citizen and register the visit, off the GUI thread."""
        try:
            citizen = self.citizen()
        except FieldAppError as error:
            _say_error(self.error, error, self.lang)
            return
        session = self.session
        if session.point is None or session.user is None:
            self.error.setText(tr("desk.scan.not_signed_in", self.lang))
            return
        point_id, user_id = session.point.id, session.user.id
        source = "scan" if self.from_scan else "manual"
        place = self.place

        def work(_progress: Progress) -> visits.VisitRegistered:
            created = visits.create_citizen(session.uow(), citizen, source=source, user_id=user_id)
            return visits.register_visit(
                session.uow(),
                created.personal_id,
                user_id=user_id,
                point_id=point_id,
                place=place,
            )

        self.error.clear()
        session.runner.run(work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, done: visits.VisitRegistered) -> None:
        self.registered = done
        self.accept()

    def _failed(self, error: Exception) -> None:
        _say_error(self.error, error, self.lang)


class SettingsDialog(QDialog):
    """The desk's language and the banks a bank officer picks from."""

    def __init__(
        self, session: DeskSession, banks: Sequence[str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.chosen_language = session.lang
        self.setWindowTitle(tr("desk.settings.title", self.lang))
        self.language = QComboBox()
        self.language.addItem(tr("desk.lang.vi", self.lang), "vi")
        self.language.addItem(tr("desk.lang.en", self.lang), "en")
        self.language.setCurrentIndex(0 if session.lang == "vi" else 1)
        self.banks = QPlainTextEdit("\n".join(banks))
        self.banks.setFixedHeight(140)
        self.error = QLabel()
        self.error.setStyleSheet(_ERROR_STYLE)
        form = QFormLayout()
        form.addRow(tr("desk.settings.language", self.lang), self.language)
        form.addRow(tr("desk.settings.banks", self.lang), self.banks)
        buttons = _button_box(self, self.lang)
        buttons.accepted.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)

    def save(self) -> None:
        """Store both settings in the background; close when stored."""
        lang = self.language.currentData()
        names = self.banks.toPlainText().splitlines()
        uow, actor = self.session.uow, self.session.user

        def work(_progress: Progress) -> str:
            settings.set_banks(uow(), names, actor=actor)
            settings.set_language(uow(), lang)
            return lang

        self.session.runner.run(work, on_success=self._saved, on_failure=self._failed)

    def _saved(self, lang: str) -> None:
        self.chosen_language = lang
        self.accept()

    def _failed(self, error: Exception) -> None:
        _say_error(self.error, error, self.lang)


class DeskDialogs:
    """Every dialog the desk opens, in one place: tests swap this for scripted answers."""

    def __init__(self, parent: QWidget) -> None:
        self.parent = parent

    def pick_reason(self, lang: str, step: dm.Step) -> tuple[dm.FailureReason, str] | None:
        """Why a step failed, or None when cancelled."""
        dialog = ReasonDialog(lang, step, self.parent)
        return dialog.chosen if dialog.exec() else None

    def pick_referral(self, lang: str) -> dm.ReferralTarget | None:
        """Where the citizen is referred to, or None."""
        dialog = ReferralDialog(lang, self.parent)
        return dialog.chosen if dialog.exec() else None

    def pick_bank(self, lang: str, banks: Sequence[str]) -> tuple[str, bool] | None:
        """The bank of an opened account and whether biometrics were verified, or None."""
        dialog = BankDialog(lang, banks, self.parent)
        return dialog.chosen if dialog.exec() else None

    def new_citizen(
        self,
        session: DeskSession,
        villages: Sequence[dm.Village],
        *,
        payload: ChipQrPayload | None,
        personal_id: str,
        place: dm.VisitPlace,
    ) -> visits.VisitRegistered | None:
        """Create a citizen and register the visit; None when cancelled."""
        dialog = NewCitizenDialog(
            session,
            villages,
            payload=payload,
            personal_id=personal_id,
            place=place,
            parent=self.parent,
        )
        return dialog.registered if dialog.exec() else None

    def sign_in(self, session: DeskSession, users: Sequence[dm.User]) -> dm.User | None:
        """The user who signed in, or None."""
        dialog = SignInDialog(session, users, self.parent)
        return dialog.signed_in if dialog.exec() else None

    def users(self, session: DeskSession, users: Sequence[dm.User]) -> list[dm.User]:
        """Show and add users; the ones added."""
        dialog = UsersDialog(session, users, self.parent)
        dialog.exec()
        return dialog.added

    def quit_reminder(self, lang: str, waiting: int) -> str:
        """Quitting with events no bundle carried: "export", "quit" or "stay"."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(tr("quit.title", lang))
        box.setText(tr("quit.unexported", lang, count=waiting))
        export = box.addButton(tr("quit.export", lang), QMessageBox.ButtonRole.AcceptRole)
        leave = box.addButton(tr("quit.anyway", lang), QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(tr("quit.stay", lang), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(export)
        box.exec()
        clicked = box.clickedButton()
        return "export" if clicked is export else "quit" if clicked is leave else "stay"

    def confirm(self, title: str, question: str) -> bool:
        """Yes or no, with Vietnamese buttons; no is the default."""
        box = QMessageBox(self.parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(title)
        box.setText(question)
        lang = getattr(self.parent, "lang", "vi")
        yes = box.addButton(tr("button.ok", lang), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(tr("button.cancel", lang), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.exec()
        return box.clickedButton() is yes

    def settings(self, session: DeskSession, banks: Sequence[str]) -> str | None:
        """The language chosen when settings were saved, or None."""
        dialog = SettingsDialog(session, banks, self.parent)
        return dialog.chosen_language if dialog.exec() else None

    def find_citizen(self, session: DeskSession) -> str | None:
        """Ctrl+F: the personal ID of the citizen picked by name, or None."""
        from fieldapp.ui.desk_search import NameSearchDialog

        dialog = NameSearchDialog(session, session.lang, self.parent)
        return dialog.chosen if dialog.exec() else None

    def payment_receiver(self, session: DeskSession, card: object) -> object:
        """Ctrl+R: who receives the payment, once stored; None when cancelled (issue 19)."""
        from fieldapp.ui.desk_payments import ask_receiver

        return ask_receiver(session, card, self.parent)  # type: ignore[arg-type]

    def payment_account(self, session: DeskSession, card: object, banks: Sequence[str]) -> object:
        """Ctrl+K: the payment account, once stored; None when cancelled (issue 19)."""
        from fieldapp.ui.desk_payments import ask_account

        return ask_account(session, card, banks, self.parent)  # type: ignore[arg-type]

    def correct_citizen(
        self,
        session: DeskSession,
        citizen: dm.Citizen,
        villages: Sequence[dm.Village],
        *,
        official: bool,
    ) -> corrections.CitizenCorrected | None:
        """Corrections of the card's citizen, once stored; None when cancelled."""
        from fieldapp.ui.desk_correct import CorrectDetailsDialog

        dialog = CorrectDetailsDialog(session, citizen, villages, self.parent, official=official)
        return dialog.done_ if dialog.exec() else None

"""The desk's payment forms (issue 19): who receives the benefit (Ctrl+R), its account (Ctrl+K).

Both record a new event through `services.payments`, off the GUI thread, and stay open with
the service's own words when something is refused. The receiver's card is scanned with the
same scanner into the form's own scan field (their ID and name fill in; a citizen already in
the store keeps the store's name). Account numbers are typed here and never shown again in
full: the card shows them masked.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

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

from fieldapp.domain.errors import FieldAppError
from fieldapp.domain.payments import PaymentHolder, bank_rule
from fieldapp.i18n import error_text, tr
from fieldapp.services import payments
from fieldapp.services.lookup import CitizenCard
from fieldapp.services.progress import Progress
from fieldapp.ui.scan_catcher import SCAN_TARGET
from fieldapp.ui.session import DeskSession

_ERROR_STYLE = "color: #b3261e; font-weight: bold"
_HOLDERS = tuple(PaymentHolder)
RELATIONS = ("vợ", "chồng", "con", "cháu", "cha", "mẹ", "anh", "chị", "em")


class _PaymentForm(QDialog):
    """What both forms share: the beneficiary's name on top, an error line, Save/Cancel."""

    def __init__(self, session: DeskSession, card: CitizenCard, title_key: str) -> None:
        super().__init__()
        self.session = session
        self.lang = session.lang
        self.card = card
        self.done_: payments.PaymentRecorded | None = None
        self.setWindowTitle(tr(title_key, self.lang))
        self.form = QFormLayout()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        buttons = QDialogButtonBox()
        self.save_button = buttons.addButton(
            tr("desk.button.save", self.lang), QDialogButtonBox.ButtonRole.AcceptRole
        )
        buttons.addButton(
            tr("desk.button.cancel", self.lang), QDialogButtonBox.ButtonRole.RejectRole
        )
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.layout_ = QVBoxLayout(self)
        head = QLabel(f"<b>{card.citizen.full_name}</b>")
        self.layout_.addWidget(head)
        self.setMinimumWidth(600)

    def finish_layout(self, intro_key: str) -> None:
        """Intro, the form, the error line and the buttons, in that order."""
        intro = QLabel(tr(intro_key, self.lang))
        intro.setWordWrap(True)
        self.layout_.addWidget(intro)
        self.layout_.addLayout(self.form)
        self.layout_.addWidget(self.error)
        self.layout_.addWidget(self.buttons)

    def holder(self, box: QComboBox) -> PaymentHolder:
        """The holder a combo box shows."""
        return _HOLDERS[box.currentIndex()]

    def holder_box(self, current: PaymentHolder | None) -> QComboBox:
        """Self / proxy / guardian, in the catalogue's words."""
        box = QComboBox()
        box.addItems([tr(f"holder.{h.value}", self.lang) for h in _HOLDERS])
        box.setCurrentIndex(_HOLDERS.index(current or PaymentHolder.SELF))
        return box

    def store(self, work: Callable[[Progress], Any]) -> None:
        """Run the service off the GUI thread; close when it said yes."""
        if self.session.user is None:
            return
        self.error.clear()
        self.session.runner.run(work, on_success=self._saved, on_failure=self.say_error)

    def _saved(self, done: payments.PaymentRecorded) -> None:
        self.done_ = done
        self.accept()

    def say_error(self, error: Exception) -> None:
        """The service's refusal, in the form's error line."""
        if isinstance(error, FieldAppError):
            self.error.setText(error_text(error, self.lang))
        else:
            self.error.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))

    def save(self) -> None:
        """Each form stores its own event."""
        raise NotImplementedError


class ReceiverDialog(_PaymentForm):
    """Who receives the payment: the beneficiary, a proxy or a guardian (and who they are)."""

    def __init__(self, session: DeskSession, card: CitizenCard) -> None:
        super().__init__(session, card, "payments.receiver.title")
        lang = self.lang
        summary = payments.payment_summary(card)
        self.holder_choice = self.holder_box(summary.holder)
        self.scan = QLineEdit()
        self.scan.setPlaceholderText(tr("payments.receiver.scan_hint", lang))
        self.scan.setProperty(SCAN_TARGET, True)  # the scanner's burst is the receiver's card
        self.scan.returnPressed.connect(self.scanned)
        self.known = QLabel()
        self.known.setWordWrap(True)
        self.name = QLineEdit(summary.receiver_name)
        self.relation = QComboBox()
        self.relation.setEditable(True)
        self.relation.addItems(["", *RELATIONS])
        self.relation.setCurrentText(summary.relation)
        self.receiver_id = QLineEdit()
        self.receiver_id.setPlaceholderText(tr("payments.receiver.id_hint", lang))
        self.form.addRow(tr("payments.receiver.holder", lang), self.holder_choice)
        self.form.addRow(tr("payments.receiver.scan", lang), self.scan)
        self.form.addRow("", self.known)
        self.form.addRow(tr("payments.receiver.name", lang), self.name)
        self.form.addRow(tr("payments.receiver.relation", lang), self.relation)
        self.form.addRow(tr("payments.receiver.id", lang), self.receiver_id)
        self.holder_choice.currentIndexChanged.connect(self._holder_changed)
        self.finish_layout("payments.receiver.intro")
        self._holder_changed()
        self.holder_choice.setFocus()

    def _holder_changed(self) -> None:
        someone_else = self.holder(self.holder_choice).through_receiver
        for widget in (self.scan, self.name, self.relation, self.receiver_id):
            widget.setEnabled(someone_else)

    def scanned(self) -> None:
        """Their card scanned (or their ID typed): fill in the ID and the name."""
        text = self.scan.text()
        self.scan.clear()
        if not text.strip():
            return
        uow = self.session.uow

        def work(_progress: Progress) -> payments.ScannedReceiver:
            return payments.scan_receiver(uow(), text)

        self.session.runner.run(work, on_success=self._filled, on_failure=self.say_error)

    def _filled(self, found: payments.ScannedReceiver) -> None:
        self.error.clear()
        self.receiver_id.setText(found.personal_id)
        if found.full_name:
            self.name.setText(found.full_name)
        key = "payments.receiver.known" if found.known else "payments.receiver.new"
        self.known.setText(tr(key, self.lang))
        self.relation.setFocus()

    def save(self) -> None:
        """Record who receives the payment."""
        session = self.session
        if session.user is None:
            return
        pid, user_id = self.card.citizen.personal_id, session.user.id
        point_id = session.point.id if session.point else None
        holder = self.holder(self.holder_choice)
        name, relation = self.name.text(), self.relation.currentText()
        receiver_id = self.receiver_id.text().strip() or None

        def work(_progress: Progress) -> payments.PaymentRecorded:
            return payments.record_receiver(
                session.uow(), pid, holder=holder, receiver_name=name, relation=relation,
                receiver_id=receiver_id, user_id=user_id, point_id=point_id,
            )  # fmt: skip

        self.store(work)


class AccountDialog(_PaymentForm):
    """The account the payment goes into: bank, number (checked for the bank), whose it is."""

    def __init__(self, session: DeskSession, card: CitizenCard, banks: Sequence[str]) -> None:
        super().__init__(session, card, "payments.account.title")
        lang = self.lang
        summary = payments.payment_summary(card)
        self.holder_choice = self.holder_box(summary.account_holder or summary.holder)
        self.bank = QComboBox()
        self.bank.setEditable(True)
        self.bank.addItems(list(banks))
        if summary.bank:
            self.bank.setCurrentText(summary.bank)
        self.number = QLineEdit()
        self.number.setPlaceholderText(tr("payments.account.number_hint", lang))
        self.rule = QLabel()
        self.current = QLabel(
            tr("payments.account.current", lang, account=f"{summary.bank} {summary.account_masked}")
            if summary.bank
            else ""
        )
        self.form.addRow(tr("payments.account.holder", lang), self.holder_choice)
        self.form.addRow(tr("payments.account.bank", lang), self.bank)
        self.form.addRow(tr("payments.account.number", lang), self.number)
        self.form.addRow("", self.rule)
        self.form.addRow("", self.current)
        self.bank.currentTextChanged.connect(self._bank_changed)
        self.finish_layout("payments.account.intro")
        self._bank_changed(self.bank.currentText())
        self.number.setFocus()

    def _bank_changed(self, bank: str) -> None:
        rule = bank_rule(bank)
        if rule is None:
            self.rule.setText(tr("payments.account.rule_unknown", self.lang))
        else:
            lengths = "/".join(map(str, rule.lengths))
            text = tr("payments.account.rule", self.lang, bank=rule.name, lengths=lengths)
            self.rule.setText(text)

    def save(self) -> None:
        """Record the account (the number is checked by the service)."""
        session = self.session
        if session.user is None:
            return
        pid, user_id = self.card.citizen.personal_id, session.user.id
        point_id = session.point.id if session.point else None
        holder = self.holder(self.holder_choice)
        bank, number = self.bank.currentText(), self.number.text()

        def work(_progress: Progress) -> payments.PaymentRecorded:
            return payments.record_account(
                session.uow(), pid, holder=holder, bank=bank, account_number=number,
                user_id=user_id, point_id=point_id,
            )  # fmt: skip

        self.store(work)


def ask_receiver(session: DeskSession, card: CitizenCard, parent: QWidget | None) -> Any:
    """Ctrl+R: the receiver form, modal; what it stored, or None."""
    dialog = ReceiverDialog(session, card)
    dialog.setParent(parent, dialog.windowFlags())
    return dialog.done_ if dialog.exec() else None


def ask_account(
    session: DeskSession, card: CitizenCard, banks: Sequence[str], parent: QWidget | None
) -> Any:
    """Ctrl+K: the account form, modal; what it stored, or None."""
    dialog = AccountDialog(session, card, banks)
    dialog.setParent(parent, dialog.windowFlags())
    return dialog.done_ if dialog.exec() else None

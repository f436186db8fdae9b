"""Small keyboard-first pickers of the desk: failure reason, referral, bank account opened.

Each answers with one or two keys; the mouse works too. The desk calls them through
`DeskDialogs`, which tests replace so no dialog ever blocks.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import model as dm
from fieldapp.domain.step_rules import reasons_of
from fieldapp.i18n import tr


def _buttons(dialog: QDialog, lang: str) -> QDialogButtonBox:
    box = QDialogButtonBox()
    save = box.addButton(tr("desk.button.save", lang), QDialogButtonBox.ButtonRole.AcceptRole)
    box.addButton(tr("desk.button.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
    save.setDefault(True)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


def _numbered_list(labels: Sequence[str]) -> QListWidget:
    widget = QListWidget()
    widget.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    for number, label in enumerate(labels, start=1):
        widget.addItem(QListWidgetItem(f"{number}   {label}"))
    widget.setStyleSheet("QListWidget::item { padding: 5px 4px; }")
    widget.setMinimumWidth(480)
    widget.setMinimumHeight(32 * len(labels) + 8)
    return widget


class ReasonDialog(QDialog):
    """Why a step failed: a number key picks the reason; 'other' asks for a few words.

    Only the step's own reasons are offered (`reasons_of`), numbered 1, 2, … for that step.
    """

    def __init__(self, lang: str, step: dm.Step, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.order = reasons_of(step)
        self.setWindowTitle(tr("desk.reason.title", lang))
        self.reasons = _numbered_list([tr(f"reason.{r.value}", lang) for r in self.order])
        self.reasons.currentRowChanged.connect(self._row_changed)
        self.other_text = QLineEdit()
        self.other_text.setPlaceholderText(tr("desk.reason.other_text", lang))
        self.other_text.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{tr('step.' + step.value, lang)}</b>"))
        layout.addWidget(QLabel(tr("desk.reason.intro", lang)))
        layout.addWidget(self.reasons)
        layout.addWidget(self.other_text)
        layout.addWidget(_buttons(self, lang))

    @property
    def chosen(self) -> tuple[dm.FailureReason, str] | None:
        """The picked reason and its text (for 'other'), or None."""
        row = self.reasons.currentRow()
        if row < 0:
            return None
        return self.order[row], self.other_text.text().strip()

    def _row_changed(self, row: int) -> None:
        other = row >= 0 and self.order[row] is dm.FailureReason.OTHER
        self.other_text.setEnabled(other)
        if other:
            self.other_text.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """A digit picks a reason; any reason but 'other' is saved at once."""
        text = event.text()
        if text.isdigit() and 1 <= int(text) <= len(self.order):
            row = int(text) - 1
            self.reasons.setCurrentRow(row)
            if self.order[row] is not dm.FailureReason.OTHER:
                self.accept()
            return
        super().keyPressEvent(event)


class ReferralDialog(QDialog):
    """Where the citizen is sent: C (commune police) or N (ngân hàng, a bank)."""

    _KEYS: ClassVar[dict[str, dm.ReferralTarget]] = {
        "c": dm.ReferralTarget.COMMUNE_POLICE,
        "p": dm.ReferralTarget.COMMUNE_POLICE,
        "n": dm.ReferralTarget.BANK,
        "b": dm.ReferralTarget.BANK,
    }

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("desk.referral.title", lang))
        self.chosen: dm.ReferralTarget | None = None
        police = QPushButton(tr("desk.referral.police_button", lang))
        bank = QPushButton(tr("desk.referral.bank_button", lang))
        police.clicked.connect(lambda: self._pick(dm.ReferralTarget.COMMUNE_POLICE))
        bank.clicked.connect(lambda: self._pick(dm.ReferralTarget.BANK))
        cancel = QPushButton(tr("desk.button.cancel", lang))
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("desk.referral.intro", lang)))
        for button in (police, bank, cancel):
            button.setMinimumHeight(36)
            button.setAutoDefault(False)
            layout.addWidget(button)

    def _pick(self, target: dm.ReferralTarget) -> None:
        self.chosen = target
        self.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """One letter picks the destination."""
        target = self._KEYS.get(event.text().casefold())
        if target is not None:
            self._pick(target)
            return
        super().keyPressEvent(event)


class BankDialog(QDialog):
    """Account opened: which bank (a number key), biometric verification done (Y/N)."""

    def __init__(self, lang: str, banks: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banks = list(banks)
        self.setWindowTitle(tr("desk.bank.title", lang))
        self.bank_list = _numbered_list(self.banks)
        if self.banks:
            self.bank_list.setCurrentRow(0)
        self.biometric = QCheckBox(tr("desk.bank.biometric", lang))
        self.biometric.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("desk.bank.intro", lang)))
        layout.addWidget(QLabel(f"<b>{tr('desk.bank.bank', lang)}</b>"))
        layout.addWidget(self.bank_list)
        layout.addWidget(self.biometric)
        layout.addWidget(_buttons(self, lang))

    @property
    def chosen(self) -> tuple[str, bool] | None:
        """The bank and whether biometric verification was done, or None."""
        row = self.bank_list.currentRow()
        if row < 0:
            return None
        return self.banks[row], self.biometric.isChecked()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Digits pick the bank; Y / N (or C / K: có / không) set biometric."""
        text = event.text().casefold()
        if text.isdigit() and 1 <= int(text) <= len(self.banks):
            self.bank_list.setCurrentRow(int(text) - 1)
            return
        if text in ("y", "c"):
            self.biometric.setChecked(True)
            return
        if text in ("n", "k"):
            self.biometric.setChecked(False)
            return
        super().keyPressEvent(event)

"""The pickers answer to one or two keys."""

from __future__ import annotations

from desk_helpers import type_keys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.domain import model as dm
from fieldapp.ui.desk_pickers import BankDialog, ReasonDialog, ReferralDialog


def shown(qtbot, dialog):
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_reason_by_one_digit(qtbot):
    dialog = shown(qtbot, ReasonDialog("vi", dm.Step.EID_ACTIVATION))
    type_keys(dialog, "3", enter=False)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == (dm.FailureReason.NO_OTP, "")


def test_other_reason_asks_for_words(qtbot):
    dialog = shown(qtbot, ReasonDialog("vi", dm.Step.EID_ACTIVATION))
    type_keys(dialog, "8", enter=False)  # "other" is last of 8
    assert dialog.other_text.isEnabled() and dialog.focusWidget() is dialog.other_text
    type_keys(dialog.other_text, "Quên mật khẩu")
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == (dm.FailureReason.OTHER, "Quên mật khẩu")


def test_referral_by_letter(qtbot):
    dialog = shown(qtbot, ReferralDialog("vi"))
    type_keys(dialog, "n", enter=False)
    assert dialog.chosen is dm.ReferralTarget.BANK


def test_bank_digit_then_biometric_then_enter(qtbot):
    dialog = shown(qtbot, BankDialog("vi", ["MB", "LPBank", "Agribank"]))
    type_keys(dialog, "2y", enter=False)
    QTest.keyClick(dialog.focusWidget() or dialog, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted
    assert dialog.chosen == ("LPBank", True)

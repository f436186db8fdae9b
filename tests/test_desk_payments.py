"""The desk's payment forms (issue 19): Ctrl+R who receives the payment, Ctrl+K the account."""

from __future__ import annotations

import pytest
from desk_helpers import ScriptedDialogs, add_user, desk_session, qr_of, type_keys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentHolder
from fieldapp.i18n import tr
from fieldapp.services import lookup
from fieldapp.ui.desk_payments import AccountDialog, ReceiverDialog


class PaymentDialogs(ScriptedDialogs):
    """Drives the real payment forms: `fill(dialog)` types into them, then Save."""

    fill = None
    last = None

    def payment_receiver(self, session, card):
        self.asked.append("receiver")
        return self._drive(ReceiverDialog(session, card))

    def payment_account(self, session, card, banks):
        self.asked.append(f"account:{','.join(banks)}")
        return self._drive(AccountDialog(session, card, banks))

    def _drive(self, dialog):
        self.last = dialog
        if self.fill is None:
            return None
        self.fill(dialog)
        dialog.save()
        return dialog.done_


def _window(qtbot, uow, point, user):
    from fieldapp.ui.main_window import MainWindow

    win = MainWindow(desk_session(uow, point, user), dialogs=PaymentDialogs())
    qtbot.addWidget(win)
    win.resize(1366, 768)
    win.show()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)  # shortcuts need it active
    return win


@pytest.fixture
def point(small_commune):
    return small_commune.points[0]


@pytest.fixture
def volunteer(uow, point):
    return add_user(uow, "Tình Nguyện Viên", dm.Role.VOLUNTEER, point.id)


def _ctrl(window, key):
    QTest.keyClick(window, key, Qt.KeyboardModifier.ControlModifier)


def test_ctrl_r_records_a_proxy_scanned_with_the_same_scanner(
    qtbot, uow, point, volunteer, small_commune
):
    window = _window(qtbot, uow, point, volunteer)
    beneficiary, proxy = small_commune.citizens[5], small_commune.citizens[6]
    window.scan_text(beneficiary.personal_id)

    def fill(dialog):
        dialog.holder_choice.setCurrentIndex(list(PaymentHolder).index(PaymentHolder.PROXY))
        assert dialog.scan.isEnabled()
        type_keys(dialog.scan, qr_of(proxy))  # the scanner types the proxy's card QR
        assert dialog.receiver_id.text() == proxy.personal_id
        assert dialog.name.text() == proxy.full_name
        assert "đã có trong danh sách" in dialog.known.text()
        dialog.relation.setCurrentText("con gái")

    window.dialogs.fill = fill
    _ctrl(window, Qt.Key.Key_R)
    assert "receiver" in window.dialogs.asked
    card = window.card_view.text()
    assert f"Người được ủy quyền: {proxy.full_name} (con gái, " in card
    assert proxy.personal_id not in card  # the proxy's ID masked on the card
    assert "cần tài khoản ngân hàng của người được ủy quyền/giám hộ" in card
    assert "Đã ghi người nhận trợ cấp" in window.status_text()
    stored = lookup.look_up(uow(), beneficiary.personal_id)
    assert stored.status.paid_via is PaymentHolder.PROXY
    # the proxy's own card is theirs, and says whom they receive for
    assert lookup.look_up(uow(), proxy.personal_id).status.paid_via is None
    window.scan_text(proxy.personal_id)
    assert f"Nhận trợ cấp thay cho: {beneficiary.full_name}" in window.card_view.text()


def test_ctrl_k_records_the_account_shown_masked_everywhere(
    qtbot, uow, point, volunteer, small_commune
):
    window = _window(qtbot, uow, point, volunteer)
    beneficiary = small_commune.citizens[7]
    window.scan_text(beneficiary.personal_id)

    def fill(dialog):
        dialog.bank.setCurrentText("MB")
        dialog.number.setText("0123 456 789")

    window.dialogs.fill = fill
    _ctrl(window, Qt.Key.Key_K)
    card, status = window.card_view.text(), window.status_text()
    assert "Tài khoản nhận: MB ••••••6789" in card
    assert "0123456789" not in card and "0123456789" not in status
    assert "••••••6789" in status


def test_a_bad_account_number_keeps_the_form_open_with_the_reason(
    qtbot, uow, point, volunteer, small_commune
):
    window = _window(qtbot, uow, point, volunteer)
    beneficiary = small_commune.citizens[8]
    window.scan_text(beneficiary.personal_id)

    def fill(dialog):
        dialog.bank.setCurrentText("Agribank")
        assert "13 chữ số" in dialog.rule.text()
        dialog.number.setText("123456789012")

    window.dialogs.fill = fill
    _ctrl(window, Qt.Key.Key_K)
    form = window.dialogs.last
    assert form.done_ is None and "phải có 13 chữ số" in form.error.text()
    assert not lookup.look_up(uow(), beneficiary.personal_id).payments


def test_a_bank_officer_records_accounts_but_has_no_receiver_form(qtbot, uow, point, small_commune):
    officer = add_user(uow, "Cán Bộ Ngân Hàng", dm.Role.BANK_OFFICER, point.id)
    window = _window(qtbot, uow, point, officer)
    beneficiary = small_commune.citizens[9]
    window.scan_text(beneficiary.personal_id)
    _ctrl(window, Qt.Key.Key_R)
    assert "receiver" not in window.dialogs.asked
    assert not hasattr(window, "receiver_action")

    def fill(dialog):
        dialog.bank.setCurrentText("LPBank")
        dialog.number.setText("000123456789")

    window.dialogs.fill = fill
    _ctrl(window, Qt.Key.Key_K)
    assert "LPBank ••••••••6789" in window.card_view.text()


def test_no_card_no_form(qtbot, uow, point, volunteer):
    window = _window(qtbot, uow, point, volunteer)
    _ctrl(window, Qt.Key.Key_K)
    assert not window.dialogs.asked
    assert tr("desk.outcome.no_card") in window.status_text()


def test_f1_names_the_payment_keys(qtbot, uow, point, volunteer):
    from fieldapp.i18n import tr as text

    assert "Ctrl+R\tNgười nhận trợ cấp" in text("help.keys")
    assert "Ctrl+K\tTài khoản nhận trợ cấp" in text("help.keys")
    assert "Ctrl+K\tTài khoản nhận trợ cấp" in text("help.keys.bank")
    assert "Ctrl+R" not in text("help.keys.bank")

"""The desk driven like a person: scans typed key by key, outcomes by shortcut."""

from __future__ import annotations

import pytest
from desk_helpers import (
    ScriptedDialogs,
    a_new_person,
    add_user,
    desk_session,
    garble,
    qr_of,
    type_keys,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from sqlalchemy import func, select

from fieldapp.domain import model as dm
from fieldapp.domain.personal_id import Sex
from fieldapp.store import tables as t
from fieldapp.ui.main_window import MainWindow


def count(uow, table) -> int:
    with uow() as u:
        return u.repo.session.execute(select(func.count()).select_from(table)).scalar_one()


def outcomes_of(uow, personal_id):
    with uow() as u:
        return u.repo.outcomes_for(personal_id)


def visits_of(uow, personal_id):
    with uow() as u:
        return u.repo.visits_for(personal_id)


@pytest.fixture
def point(small_commune):
    return small_commune.points[0]


@pytest.fixture
def volunteer(small_commune):
    return small_commune.users[0]


@pytest.fixture
def dialogs():
    return ScriptedDialogs()


@pytest.fixture
def window(qtbot, uow, point, volunteer, dialogs):
    win = MainWindow(desk_session(uow, point, volunteer), dialogs=dialogs)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def a_vietnamese_citizen(small_commune):
    """A citizen whose name has letters a scanner may lose (ư, ơ, ế, ...)."""
    return next(
        c for c in small_commune.citizens if not c.full_name.isascii() and c.birth_date.year < 1990
    )


def test_scan_typed_like_a_scanner_registers_a_visit_and_shows_the_card(window, uow, small_commune):
    citizen = a_vietnamese_citizen(small_commune)
    before = len(visits_of(uow, citizen.personal_id))
    type_keys(window.scan_field, qr_of(citizen))
    assert window.card is not None
    assert window.card.citizen.personal_id == citizen.personal_id
    assert citizen.full_name in window.card_view.text()
    assert citizen.personal_id not in window.card_view.text()  # masked
    assert citizen.personal_id[-4:] in window.card_view.text()
    stored = visits_of(uow, citizen.personal_id)
    assert len(stored) == before + 1
    assert stored[-1].user_id == window.session.user.id
    assert window.scan_field.text() == ""
    assert window.scan_field.hasFocus()


def test_garbled_scan_finds_the_citizen_and_the_list_name_wins(window, uow, small_commune):
    citizen = a_vietnamese_citizen(small_commune)
    garbled = garble(citizen.full_name)
    assert garbled != citizen.full_name
    type_keys(window.scan_field, qr_of(citizen, name=garbled))
    assert window.card.citizen.full_name == citizen.full_name
    assert garbled in window.status_text()  # the hint names what the scanner typed
    with uow() as u:
        assert u.repo.get_citizen(citizen.personal_id).full_name == citizen.full_name


def test_typed_twelve_digit_id_works(window, uow, small_commune):
    citizen = small_commune.citizens[3]
    type_keys(window.scan_field, citizen.personal_id)
    assert window.card.citizen.personal_id == citizen.personal_id


def test_outcome_recorded_by_two_keys_then_undone(window, uow, small_commune):
    citizen = small_commune.citizens[5]
    type_keys(window.scan_field, citizen.personal_id)
    before = outcomes_of(uow, citizen.personal_id)
    type_keys(window.scan_field, "2", enter=False)  # e-ID activation
    assert window.pending_step is dm.Step.EID_ACTIVATION
    type_keys(window.scan_field, "d", enter=False)
    after = outcomes_of(uow, citizen.personal_id)
    assert len(after) == len(before) + 1
    new = after[-1]
    assert (new.step, new.result, new.user_id) == (
        dm.Step.EID_ACTIVATION,
        dm.Result.DONE,
        window.session.user.id,
    )
    assert new.visit_id == window.visit.id
    assert window.scan_field.text() == "" and window.scan_field.hasFocus()
    QTest.keyClick(window.scan_field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    corrected = outcomes_of(uow, citizen.personal_id)
    assert len(corrected) == len(after) + 1
    assert corrected[-1].corrects == new.id


def test_failed_with_reason_and_referral(window, uow, small_commune, dialogs):
    citizen = small_commune.citizens[7]
    type_keys(window.scan_field, citizen.personal_id)
    dialogs.reason = (dm.FailureReason.NO_OTP, "")
    type_keys(window.scan_field, "2f", enter=False)
    dialogs.referral = dm.ReferralTarget.COMMUNE_POLICE
    type_keys(window.scan_field, "1r", enter=False)
    last_two = outcomes_of(uow, citizen.personal_id)[-2:]
    assert [(o.step, o.result) for o in last_two] == [
        (dm.Step.EID_ACTIVATION, dm.Result.FAILED),
        (dm.Step.EID_APPLICATION, dm.Result.REFERRED),
    ]
    assert last_two[0].reason is dm.FailureReason.NO_OTP
    assert last_two[1].referred_to is dm.ReferralTarget.COMMUNE_POLICE


def test_cancelled_reason_stores_nothing(window, uow, small_commune, dialogs):
    citizen = small_commune.citizens[8]
    type_keys(window.scan_field, citizen.personal_id)
    before = count(uow, t.Outcome)
    type_keys(window.scan_field, "2f", enter=False)
    assert dialogs.asked == ["reason"]
    assert count(uow, t.Outcome) == before


def test_account_opened_with_bank_picker(window, uow, small_commune, dialogs):
    citizen = small_commune.citizens[9]
    type_keys(window.scan_field, citizen.personal_id)
    dialogs.bank = ("LPBank", True)
    type_keys(window.scan_field, "3d", enter=False)
    assert dialogs.asked[0].startswith("bank:MB,LPBank")
    last = outcomes_of(uow, citizen.personal_id)[-2:]
    assert {(o.step, o.result, o.bank) for o in last} == {
        (dm.Step.BANK_ACCOUNT, dm.Result.DONE, "LPBank"),
        (dm.Step.BIOMETRIC_VERIFIED, dm.Result.DONE, "LPBank"),
    }
    # One Ctrl+Z undoes the whole "account opened".
    window.undo()
    voided = {o.corrects for o in outcomes_of(uow, citizen.personal_id) if o.corrects}
    assert voided == {o.id for o in last}


def test_step_key_without_a_card_is_just_typing(window, uow):
    before = count(uow, t.Outcome)
    type_keys(window.scan_field, "2", enter=False)
    assert window.scan_field.text() == "2"
    assert window.pending_step is None
    assert count(uow, t.Outcome) == before


def test_bank_officer_sees_and_records_only_account_openings(
    qtbot, uow, point, small_commune, dialogs
):
    officer = add_user(uow, "Cán bộ Ngân hàng Thử", dm.Role.BANK_OFFICER, point.id)
    win = MainWindow(desk_session(uow, point, officer), dialogs=dialogs)
    qtbot.addWidget(win)
    win.show()
    citizen = small_commune.citizens[11]
    type_keys(win.scan_field, citizen.personal_id)
    assert win.tabs.count() == 1  # no home visits, no today
    assert win.steps == (dm.Step.BANK_ACCOUNT, dm.Step.BIOMETRIC_VERIFIED)
    text = win.card_view.text()
    assert "Kích hoạt" not in text and "Đăng ký tài khoản" not in text
    assert "Các lượt hỗ trợ" not in text and "Danh sách chính thức" not in text
    before = outcomes_of(uow, citizen.personal_id)
    # Keys that pick other steps for a volunteer do nothing here.
    type_keys(win.scan_field, "3", enter=False)
    type_keys(win.scan_field, "d", enter=False)
    assert outcomes_of(uow, citizen.personal_id) == before
    win.scan_field.clear()
    dialogs.bank = ("MB", False)
    type_keys(win.scan_field, "1", enter=False)
    after = outcomes_of(uow, citizen.personal_id)
    assert len(after) == len(before) + 1
    assert (after[-1].step, after[-1].bank, after[-1].user_id) == (
        dm.Step.BANK_ACCOUNT,
        "MB",
        officer.id,
    )
    # Even a direct call for another step is refused by the service.
    win.record(dm.Step.EID_ACTIVATION, dm.Result.DONE)
    assert "không được ghi" in win.status_text()
    assert len(outcomes_of(uow, citizen.personal_id)) == len(after)


def test_unknown_citizen_from_scan_is_created_only_after_the_form(
    window, uow, small_commune, dialogs
):
    person = a_new_person()
    payload_text = (
        f"{person['personal_id']}||Phạm Thị Ánh Tuyết|05031952|Nữ|"
        f"{small_commune.villages[0].name}, Xã Kiên Bình, Thanh Hóa|12042021"
    )
    dialogs.new_citizen_fields = None  # first: the volunteer cancels
    type_keys(window.scan_field, payload_text)
    assert "Chưa thêm công dân" in window.status_text()
    with uow() as u:
        assert u.repo.get_citizen(person["personal_id"]) is None
    form = dialogs.last_form
    assert form.full_name.text() == "Phạm Thị Ánh Tuyết"
    assert form.birth_date.text() == "05/03/1952"
    assert form.village.currentText() == small_commune.villages[0].name
    dialogs.new_citizen_fields = {}  # then: saves what the QR said
    type_keys(window.scan_field, payload_text)
    with uow() as u:
        created = u.repo.get_citizen(person["personal_id"])
    assert created.full_name == "Phạm Thị Ánh Tuyết"
    assert created.village_id == small_commune.villages[0].id
    assert len(visits_of(uow, person["personal_id"])) == 1
    assert window.card.citizen.personal_id == person["personal_id"]


def test_unknown_citizen_typed_with_validation(window, uow, dialogs):
    person = a_new_person(year=1948, sex=Sex.MALE)
    pid = person["personal_id"]
    # Wrong birth year for this ID: the form stays, says why, stores nothing.
    dialogs.new_citizen_fields = {
        "full_name": "Lê Văn Thử",
        "birth_date": "05/03/1960",
        "sex": 1,
    }
    type_keys(window.scan_field, pid)
    assert "năm sinh" in dialogs.last_form.error.text()
    with uow() as u:
        assert u.repo.get_citizen(pid) is None
    dialogs.new_citizen_fields = {"full_name": "Lê Văn Thử", "birth_date": "05/03/1948", "sex": 1}
    type_keys(window.scan_field, pid)
    with uow() as u:
        assert u.repo.get_citizen(pid).full_name == "Lê Văn Thử"
    assert "Đã thêm công dân" in window.status_text()

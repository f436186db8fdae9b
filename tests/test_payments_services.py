"""Recording receivers and payment accounts at the desk: checked, permitted, masked."""

from __future__ import annotations

import pytest
from desk_helpers import add_user, qr_of

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.payments import PaymentHolder
from fieldapp.domain.permissions import ForbiddenError
from fieldapp.domain.status import Need
from fieldapp.services import lookup, payments


@pytest.fixture
def world(uow, small_commune):
    point = small_commune.points[0]
    volunteer = add_user(uow, "Tình Nguyện", dm.Role.VOLUNTEER, point.id)
    banker = add_user(uow, "Cán Bộ Ngân Hàng", dm.Role.BANK_OFFICER, point.id)
    beneficiary, receiver = small_commune.citizens[0], small_commune.citizens[1]
    return point, volunteer, banker, beneficiary, receiver


def test_a_proxy_recorded_changes_what_is_missing_on_the_card(uow, world):
    point, volunteer, _banker, beneficiary, receiver = world
    done = payments.record_receiver(
        uow(), beneficiary.personal_id, holder=PaymentHolder.PROXY,
        receiver_name="  Lê   Văn Nhận ", relation="con trai", receiver_id=receiver.personal_id,
        user_id=volunteer.id, point_id=point.id,
    )  # fmt: skip
    assert done.event.receiver_name == "Lê Văn Nhận"
    assert done.card.status.paid_via is PaymentHolder.PROXY
    assert done.card.status.missing == (Need.RECEIVER_ACCOUNT,)
    again = lookup.look_up(uow(), beneficiary.personal_id)
    assert again.status.missing == (Need.RECEIVER_ACCOUNT,)
    summary = payments.payment_summary(again)
    assert summary.receiver_name == "Lê Văn Nhận" and summary.relation == "con trai"
    assert summary.receiver_id_masked.endswith(receiver.personal_id[-4:])
    assert receiver.personal_id not in summary.receiver_id_masked
    # the receiver's own card is theirs: being a proxy changes nothing of it
    theirs = lookup.look_up(uow(), receiver.personal_id)
    assert theirs.status.paid_via is None and not theirs.payments
    assert theirs.receives_for == (beneficiary.full_name,)
    # a later record naming someone else: they no longer receive for the beneficiary
    payments.record_receiver(
        uow(), beneficiary.personal_id, holder=PaymentHolder.GUARDIAN, receiver_name="Lê Thị B",
        relation="mẹ", user_id=volunteer.id, point_id=point.id,
    )  # fmt: skip
    assert lookup.look_up(uow(), receiver.personal_id).receives_for == ()


def test_the_receivers_account_completes_the_beneficiary(uow, world):
    point, volunteer, banker, beneficiary, _receiver = world
    pid = beneficiary.personal_id
    payments.record_receiver(
        uow(), pid, holder=PaymentHolder.GUARDIAN, receiver_name="Lê Thị Giám",
        relation="mẹ", user_id=volunteer.id, point_id=point.id,
    )  # fmt: skip
    done = payments.record_account(
        uow(), pid, holder=PaymentHolder.GUARDIAN, bank="MB", account_number="0123 4567 89",
        user_id=banker.id, point_id=point.id,
    )  # fmt: skip
    assert done.event.account_number == "0123456789"
    assert done.card.status.complete
    summary = payments.payment_summary(done.card)
    assert summary.account_masked == "••••••6789" and summary.bank == "MB"
    assert summary.account_holder is PaymentHolder.GUARDIAN


def test_a_bank_officer_records_accounts_but_not_receivers(uow, world):
    point, _volunteer, banker, beneficiary, _receiver = world
    with pytest.raises(ForbiddenError):
        payments.record_receiver(
            uow(), beneficiary.personal_id, holder=PaymentHolder.PROXY, receiver_name="Lê Văn A",
            relation="con", user_id=banker.id, point_id=point.id,
        )  # fmt: skip
    assert not lookup.look_up(uow(), beneficiary.personal_id).payments


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"receiver_name": ""}, "qr.empty_field"),
        ({"receiver_name": "Lê Văn ?"}, "citizen.name_garbled"),
        ({"receiver_id": "038095012"}, None),  # an ID of 9 digits: refused by the ID's rules
        ({"relation": "con\u202e"}, "value.hidden_character"),
    ],
)
def test_bad_receivers_are_refused_and_nothing_is_stored(uow, world, kwargs, message):
    point, volunteer, _banker, beneficiary, _receiver = world
    values = {"receiver_name": "Lê Văn A", "relation": "con", "receiver_id": None} | kwargs
    with pytest.raises(ValidationError) as caught:
        payments.record_receiver(
            uow(), beneficiary.personal_id, holder=PaymentHolder.PROXY,
            user_id=volunteer.id, point_id=point.id, **values,
        )  # fmt: skip
    if message:
        assert caught.value.message_id == message
    assert not lookup.look_up(uow(), beneficiary.personal_id).payments


def test_the_beneficiary_is_not_their_own_proxy(uow, world):
    point, volunteer, _banker, beneficiary, _receiver = world
    with pytest.raises(ValidationError) as caught:
        payments.record_receiver(
            uow(), beneficiary.personal_id, holder=PaymentHolder.PROXY, receiver_name="Lê Văn A",
            relation="con", receiver_id=beneficiary.personal_id,
            user_id=volunteer.id, point_id=point.id,
        )  # fmt: skip
    assert caught.value.message_id == "payments.receiver_is_beneficiary"


def test_a_bad_account_number_is_refused(uow, world):
    point, _volunteer, banker, beneficiary, _receiver = world
    with pytest.raises(ValidationError) as caught:
        payments.record_account(
            uow(), beneficiary.personal_id, holder=PaymentHolder.SELF, bank="Agribank",
            account_number="123456789012", user_id=banker.id, point_id=point.id,
        )  # fmt: skip
    assert caught.value.message_id == "payments.account_length_bank"
    assert not lookup.look_up(uow(), beneficiary.personal_id).payments


def test_scanning_the_receivers_card_finds_a_citizen_already_in_the_store(uow, world):
    *_, receiver = world
    found = payments.scan_receiver(uow(), qr_of(receiver, name="LE VAN ?"))
    assert found.known and found.personal_id == receiver.personal_id
    assert found.full_name == receiver.full_name  # the store's name wins over a garbled scan
    stranger = payments.scan_receiver(uow(), "038095012346")
    assert not stranger.known and stranger.full_name == ""

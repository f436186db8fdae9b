"""The receiver rule (seed 003): a beneficiary paid through a proxy or guardian, in the fold.

They need the receiver's bank account, not their own level-2 account; a mistaken "submitted"
link on them proves nothing of their own steps; the receiver's own steps stay theirs.
"""

from __future__ import annotations

import itertools

import pytest
from builders import a_fact, a_receiver, an_account, an_outcome

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.payments import (
    PaymentHolder,
    check_account_number,
    mask_account,
)
from fieldapp.domain.status import Need, Source, StepState, fold_status
from fieldapp.domain.step_rules import RECEIVER_BRING, RULE_OF_STEP, Bring, what_to_bring
from fieldapp.i18n.describe import next_steps_text

S, R, F = dm.Step, dm.Result, dm.FactField


def test_a_beneficiary_paid_through_a_proxy_needs_the_receivers_account_only():
    status = fold_status(None, [], [], [a_receiver("proxy")])
    assert status.paid_via is PaymentHolder.PROXY
    assert status.missing == (Need.RECEIVER_ACCOUNT,)
    assert Need.LEVEL2_REGISTRATION not in status.missing


def test_what_is_missing_next_says_the_receivers_account_not_level_2():
    status = fold_status(None, [], [], [a_receiver("guardian")])
    lines = next_steps_text(status, "vi")
    assert len(lines) == 1
    assert "người được ủy quyền/giám hộ" in lines[0]
    assert "mức 2" in lines[0] and "không cần" in lines[0]
    assert "receiver's bank account" in next_steps_text(status, "en")[0]


def test_a_guardian_named_in_the_beneficiary_list_counts_as_paid_through_a_receiver():
    facts = [a_fact(F.BENEFICIARY_GROUP, "social_protection"), a_fact(F.GUARDIAN_NAME, "Lê Thị B")]
    status = fold_status(None, [], facts)
    assert status.paid_via is PaymentHolder.GUARDIAN
    assert status.missing == (Need.RECEIVER_ACCOUNT,)
    proxy = fold_status(None, [], [a_fact(F.PROXY_NAME, "Lê Văn C")])
    assert proxy.paid_via is PaymentHolder.PROXY


def test_the_desks_record_wins_over_the_lists_proxy():
    """The family said at the point that the beneficiary is paid into their own account now."""
    status = fold_status(None, [], [a_fact(F.PROXY_NAME, "Lê Văn C")], [a_receiver("self")])
    assert status.paid_via is PaymentHolder.SELF
    assert Need.LEVEL2_REGISTRATION in status.missing


def test_the_latest_receiver_record_stands_whatever_the_order():
    events = [a_receiver("proxy", minutes=0), a_receiver("guardian", minutes=10)]
    for order in itertools.permutations(events):
        assert fold_status(None, [], [], list(order)).paid_via is PaymentHolder.GUARDIAN


def test_the_receivers_account_recorded_leaves_nothing_missing():
    payments = [a_receiver("proxy"), an_account("proxy", minutes=5)]
    status = fold_status(None, [], [], payments)
    assert status.missing == ()
    assert status.complete
    assert status.account_holder is PaymentHolder.PROXY


def test_an_account_of_the_beneficiary_does_not_stand_for_the_proxys():
    payments = [a_receiver("proxy"), an_account("self", minutes=5)]
    assert fold_status(None, [], [], payments).missing == (Need.RECEIVER_ACCOUNT,)


def test_paid_to_account_in_the_list_means_the_receivers_account_is_in_use():
    facts = [a_fact(F.PROXY_NAME, "Lê Văn C"), a_fact(F.PAYMENT_STATUS, "paid_to_account")]
    assert fold_status(None, [], facts).complete


def test_a_receivers_account_moves_no_account_to_has_account_not_paid():
    facts = [a_fact(F.PROXY_NAME, "Lê Văn C"), a_fact(F.PAYMENT_STATUS, "no_account")]
    before = fold_status(None, [], facts)
    assert before.payment_status is dm.PaymentStatus.NO_ACCOUNT
    after = fold_status(None, [], facts, [an_account("proxy")])
    assert after.payment_status is dm.PaymentStatus.HAS_ACCOUNT_NOT_PAID


def test_a_mistaken_submitted_link_on_a_proxied_beneficiary_proves_no_earlier_step():
    """The 88-year-old's card: a link marked 'submitted' by mistake (the proxy linked)."""
    link = an_outcome(S.BENEFIT_LINK, R.SUBMITTED)
    status = fold_status(None, [link], [a_fact(F.PROXY_NAME, "Lê Văn C")])
    assert status.state(S.BENEFIT_LINK) is StepState.SUBMITTED  # what was recorded stays
    for step in (S.EID_APPLICATION, S.EID_ACTIVATION, S.BANK_ACCOUNT, S.BIOMETRIC_VERIFIED):
        assert status.state(step) is StepState.NOT_STARTED, step
    # without the proxy, the same link proves the four steps (the linking rule)
    alone = fold_status(None, [link])
    assert all(alone.is_done(s) for s in RULE_OF_STEP[S.BENEFIT_LINK].requires)
    assert alone.steps[S.EID_APPLICATION].source is Source.INFERRED


def test_a_proxied_beneficiarys_own_activation_still_proves_their_level_2():
    """Their own steps, if they did them, still mean what they mean."""
    status = fold_status(None, [an_outcome(S.EID_ACTIVATION)], [], [a_receiver("proxy")])
    assert status.is_done(S.EID_APPLICATION)


def test_the_receivers_own_steps_are_theirs():
    """The receiver is folded as any citizen: being someone's proxy changes nothing of theirs."""
    receiver_pid = "038095012346"
    record = a_receiver("proxy", receiver_id=receiver_pid)
    assert record.personal_id != receiver_pid
    theirs = fold_status(None, [])
    assert theirs.missing[0] is Need.LEVEL2_REGISTRATION
    assert theirs.paid_via is None


def test_an_own_account_recorded_at_the_desk_is_a_bank_account():
    status = fold_status(None, [], [], [an_account("self")])
    assert status.is_done(S.BANK_ACCOUNT)
    assert status.steps[S.BANK_ACCOUNT].source is Source.INFERRED
    assert Need.BANK_ACCOUNT not in status.missing


def test_what_to_bring_for_the_receivers_account():
    status = fold_status(None, [], [], [a_receiver("proxy")])
    assert what_to_bring(status.missing) == RECEIVER_BRING
    assert Bring.AUTHORISATION_PAPER in RECEIVER_BRING


@pytest.mark.parametrize(
    ("bank", "number", "expected"),
    [
        ("MB", "0123 456 789", "0123456789"),
        ("LPBank", "12345678901234", "12345678901234"),
        ("Agribank", "3300205123456", "3300205123456"),
        ("VietinBank", "101234567890", "101234567890"),
    ],
)
def test_account_numbers_are_digits_with_the_banks_length_where_known(bank, number, expected):
    assert check_account_number(bank, number) == expected


@pytest.mark.parametrize(
    ("bank", "number", "message"),
    [
        ("MB", "", "payments.account_empty"),
        ("MB", "01234５6789", "payments.account_digits"),  # a full-width digit
        ("MB", "12ab5678", "payments.account_digits"),
        ("MB", "12345", "payments.account_length"),
        ("Agribank", "123456789012", "payments.account_length_bank"),
        ("Ngân hàng Nông nghiệp", "123456789012", "payments.account_length_bank"),
        ("VietinBank", "1234567890123", "payments.account_length_bank"),
    ],
)
def test_bad_account_numbers_are_refused(bank, number, message):
    with pytest.raises(ValidationError) as caught:
        check_account_number(bank, number)
    assert caught.value.message_id == message


def test_account_numbers_are_masked_but_the_last_four():
    assert mask_account("0123456789") == "••••••6789"
    assert mask_account("123") == "•••"

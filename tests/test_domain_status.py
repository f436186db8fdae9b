from dataclasses import replace
from datetime import date

from builders import a_fact, an_outcome
from hypothesis import given
from hypothesis import strategies as st

from fieldapp.domain import model as dm
from fieldapp.domain.status import Need, Source, StepState, fold_status
from fieldapp.domain.step_rules import RULE_OF_STEP, means_of

S, R = dm.Step, dm.Result


def test_nobody_has_done_anything_yet():
    status = fold_status(None, [])
    assert all(s.state is StepState.NOT_STARTED for s in status.steps.values())
    assert status.missing == (
        Need.LEVEL2_REGISTRATION,
        Need.EID_ACTIVATION,
        Need.BANK_ACCOUNT,
        Need.BIOMETRIC,
        Need.BENEFIT_LINK,
    )


def test_done_stays_done_when_a_later_attempt_fails():
    status = fold_status(
        None,
        [
            an_outcome(S.EID_ACTIVATION, R.DONE, minutes=0),
            an_outcome(S.EID_ACTIVATION, R.FAILED, minutes=5, reason=dm.FailureReason.NO_OTP),
        ],
    )
    assert status.state(S.EID_ACTIVATION) is StepState.DONE


def test_among_attempts_the_latest_counts():
    status = fold_status(
        None,
        [
            an_outcome(S.EID_ACTIVATION, R.FAILED, minutes=0, reason=dm.FailureReason.NO_OTP),
            an_outcome(S.EID_ACTIVATION, R.REFERRED, minutes=5),
        ],
    )
    assert status.state(S.EID_ACTIVATION) is StepState.REFERRED


def test_a_correction_voids_the_outcome_it_names():
    wrong = an_outcome(S.BANK_ACCOUNT, R.DONE, bank="MB")
    fix = replace(wrong, id=dm.new_id(), corrects=wrong.id)
    status = fold_status(None, [wrong, fix])
    assert status.state(S.BANK_ACCOUNT) is StepState.NOT_STARTED
    assert Need.BANK_ACCOUNT in status.missing


def test_official_lists_move_steps_forward_never_back():
    status = fold_status(
        None,
        [],
        [
            a_fact(dm.FactField.EID_LEVEL, "2"),
            a_fact(dm.FactField.EID_ACTIVATED, "false"),
        ],
    )
    assert status.state(S.EID_APPLICATION) is StepState.DONE
    assert status.steps[S.EID_APPLICATION].source is Source.OFFICIAL_LIST
    assert status.state(S.EID_ACTIVATION) is StepState.NOT_STARTED
    visited = fold_status(
        None, [an_outcome(S.EID_ACTIVATION)], [a_fact(dm.FactField.EID_ACTIVATED, "false")]
    )
    assert visited.state(S.EID_ACTIVATION) is StepState.DONE


def test_the_latest_list_wins_for_payment_status():
    status = fold_status(
        None,
        [],
        [
            a_fact(dm.FactField.PAYMENT_STATUS, "no_account", as_of=date(2026, 5, 1)),
            a_fact(dm.FactField.PAYMENT_STATUS, "paid_to_account", as_of=date(2026, 6, 1)),
        ],
    )
    assert status.payment_status is dm.PaymentStatus.PAID_TO_ACCOUNT
    assert status.state(S.BANK_ACCOUNT) is StepState.DONE


def test_linking_needs_level_two_a_smartphone_and_a_verified_account():
    status = fold_status(
        None,
        [
            an_outcome(S.EID_ACTIVATION, R.FAILED, reason=dm.FailureReason.NO_SMARTPHONE),
        ],
        [a_fact(dm.FactField.EID_LEVEL, "2")],
    )
    assert status.has_smartphone is False
    assert status.missing == (
        Need.SMARTPHONE,
        Need.EID_ACTIVATION,
        Need.BANK_ACCOUNT,
        Need.BIOMETRIC,
        Need.BENEFIT_LINK,
    )
    # the rule itself, written once: an activated level-2 account, a smartphone, a verified
    # bank account (the link's own need comes after those)
    link = RULE_OF_STEP[S.BENEFIT_LINK]
    assert set(link.requires) == {S.EID_ACTIVATION, S.BANK_ACCOUNT, S.BIOMETRIC_VERIFIED}
    assert link.on_own_phone and RULE_OF_STEP[S.EID_ACTIVATION].requires == (S.EID_APPLICATION,)
    assert means_of(S.BENEFIT_LINK) == (Need.BANK_ACCOUNT, Need.BIOMETRIC)
    assert status.missing[-1] is Need.BENEFIT_LINK


def test_a_submitted_link_waits_for_approval_and_proves_the_steps_before():
    status = fold_status(None, [an_outcome(S.BENEFIT_LINK, R.SUBMITTED)])
    assert status.missing == (Need.WAIT_APPROVAL,)
    for step in (S.EID_APPLICATION, S.EID_ACTIVATION, S.BANK_ACCOUNT, S.BIOMETRIC_VERIFIED):
        assert status.state(step) is StepState.DONE
    approved = fold_status(None, [], [a_fact(dm.FactField.BENEFIT_LINKED, "true")])
    assert approved.complete


outcome_lists = st.lists(
    st.builds(
        lambda step, result, minutes: an_outcome(
            step,
            result,
            minutes=minutes,
            reason=dm.FailureReason.OTHER if result is R.FAILED else None,
        ),
        st.sampled_from(list(S)),
        st.sampled_from(list(R)),
        st.integers(0, 100),
    ),
    max_size=12,
)


@given(outcomes=outcome_lists, data=st.data())
def test_the_fold_does_not_depend_on_the_order_events_arrive_in(outcomes, data):
    corrections = [
        replace(o, id=dm.new_id(), corrects=o.id) for o in outcomes if data.draw(st.booleans())
    ]
    events = outcomes + corrections
    shuffled = data.draw(st.permutations(events))
    assert fold_status(None, events) == fold_status(None, shuffled)
    assert fold_status(None, events + events) == fold_status(None, events)


def test_a_listed_beneficiary_without_account_who_opens_one_has_an_account_not_paid():
    listed = [a_fact(dm.FactField.PAYMENT_STATUS, "no_account")]
    assert fold_status(None, [], listed).payment_status is dm.PaymentStatus.NO_ACCOUNT
    opened = fold_status(None, [an_outcome(S.BANK_ACCOUNT, bank="MB")], listed)
    assert opened.payment_status is dm.PaymentStatus.HAS_ACCOUNT_NOT_PAID


def test_an_official_fact_says_yes_in_any_of_the_one_set_of_words():
    for value in ("true", "Có", "đã", "x", "1", "Rồi"):
        status = fold_status(None, [], [a_fact(dm.FactField.EID_ACTIVATED, value)])
        assert status.state(S.EID_ACTIVATION) is StepState.DONE, value
    for value in ("false", "không", "chưa", "", "0"):
        status = fold_status(None, [], [a_fact(dm.FactField.EID_ACTIVATED, value)])
        assert status.state(S.EID_ACTIVATION) is StepState.NOT_STARTED, value

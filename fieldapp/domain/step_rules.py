"""The campaign's steps and their rules, written once, as one table (`STEP_RULES`).

What each step needs first, what a step made proves, what a citizen still needs and what they
bring for it.

THE LINKING RULE: linking the benefit account (`Step.BENEFIT_LINK`) needs an activated level-2
e-ID account, a smartphone, and a bank account verified against the chip card by biometrics.
It is the last row of `STEP_RULES`. Everything below is read from that table:

- the fold's inferences (`domain/status.py`): a step made proves the steps it requires
  ("a submitted link implies an activated account and a verified bank account");
- "what is missing next" (`CitizenStatus.missing`): each step not done, in table order, with
  a smartphone first where the step is done on the citizen's own phone;
- the sentences (`i18n/describe.py`): means that only serve a later step are said together
  ("Cần mở tài khoản ngân hàng và xác thực sinh trắc học trước khi tích hợp ...");
- what to bring to the next visit (`what_to_bring`, on slips);
- the failure reasons a volunteer may pick for the step (`reasons_of`: the desk's reason
  picker, numbered per step, and the services' check of every failed outcome).

THE RECEIVER RULE (seed 003): a beneficiary paid through a proxy or a guardian needs the
*receiver's* bank account, not their own level-2 account, activation, account or link. Each
row says what its step becomes then (`through_receiver`: None, not needed; the bank-account
row: `Need.RECEIVER_ACCOUNT`), and whether a step made by such a beneficiary still proves the
steps it requires (`proves_through_receiver`): a "submitted" link on them is a mistake (the
receiver linked, not them), so it proves no level-2 account. The receiver's own steps are
their own: they are folded as any citizen's.

A change here changes what the fold answers: bump `RULES_VERSION` in `status.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from fieldapp.domain.model import FailureReason, Step


class Need(StrEnum):
    """What a citizen still needs, in the order a volunteer should help."""

    LEVEL2_REGISTRATION = "level2_registration"
    LEVEL2_UPGRADE = "level2_upgrade"  # a list read level 1: upgrade at the commune police
    SMARTPHONE = "smartphone"
    EID_ACTIVATION = "eid_activation"
    BANK_ACCOUNT = "bank_account"
    BIOMETRIC = "biometric"
    BENEFIT_LINK = "benefit_link"
    RECEIVER_ACCOUNT = "receiver_account"  # paid through a proxy/guardian: their account
    WAIT_APPROVAL = "wait_approval"


class Bring(StrEnum):
    """Things a citizen brings to the next visit; texts live in the guide file's [bring]."""

    PHONE = "phone"
    CHIP_ID_CARD = "chip_id_card"
    BANK_CARD = "bank_card"
    SMARTPHONE_HELPER = "smartphone_helper"
    RECEIVER_ID_CARD = "receiver_id_card"  # the proxy's or guardian's own chip card
    RECEIVER_BANK_CARD = "receiver_bank_card"  # their bank card or account number
    AUTHORISATION_PAPER = "authorisation_paper"  # giấy ủy quyền / quyết định giám hộ


@dataclass(frozen=True, slots=True)
class StepRule:
    """One step: what it needs first, and what a citizen needs and brings while it is not done."""

    step: Step
    need: Need  # what the citizen needs while the step is not done
    requires: tuple[Step, ...] = ()  # steps done before it; a step made proves them done
    on_own_phone: bool = False  # done in VNeID on the citizen's smartphone
    goal: bool = True  # a goal in its own right; False: only a means to the steps needing it
    submitted_counts: bool = False  # "submitted" already proves what the step requires
    waiting: Need | None = None  # what is left once submitted (waiting for approval)
    bring: tuple[Bring, ...] = ()  # registering and opening an account need the chip card,
    # the app steps happen on the citizen's own phone, verifying and linking need the bank card
    reasons: tuple[FailureReason, ...] = ()  # why it may fail, besides "other" (always last)
    # paid through a proxy or guardian: what the step becomes (None: the beneficiary's own
    # step is not needed), and whether a step made by the beneficiary still proves `requires`
    through_receiver: Need | None = None
    proves_through_receiver: bool = True


_R = FailureReason


STEP_RULES: tuple[StepRule, ...] = (
    StepRule(
        Step.EID_APPLICATION,
        Need.LEVEL2_REGISTRATION,
        bring=(Bring.CHIP_ID_CARD, Bring.PHONE),
        reasons=(_R.PHONE_NOT_REGISTERED, _R.CITIZEN_ABSENT, _R.NETWORK_DOWN),
    ),
    StepRule(
        Step.EID_ACTIVATION,
        Need.EID_ACTIVATION,
        requires=(Step.EID_APPLICATION,),
        on_own_phone=True,
        bring=(Bring.PHONE, Bring.CHIP_ID_CARD),
        reasons=(
            _R.NO_SMARTPHONE,
            _R.PHONE_NOT_REGISTERED,
            _R.NO_OTP,
            _R.LEVEL2_NOT_REGISTERED,
            _R.ACCOUNT_LOCKED,
            _R.CITIZEN_ABSENT,
            _R.NETWORK_DOWN,
        ),
    ),
    StepRule(
        Step.BANK_ACCOUNT,
        Need.BANK_ACCOUNT,
        goal=False,
        through_receiver=Need.RECEIVER_ACCOUNT,
        bring=(Bring.CHIP_ID_CARD, Bring.PHONE),
        reasons=(_R.PHONE_NOT_REGISTERED, _R.NO_OTP, _R.CITIZEN_ABSENT, _R.NETWORK_DOWN),
    ),
    StepRule(
        Step.BIOMETRIC_VERIFIED,
        Need.BIOMETRIC,
        requires=(Step.BANK_ACCOUNT,),
        goal=False,
        bring=(Bring.CHIP_ID_CARD, Bring.PHONE, Bring.BANK_CARD),
        reasons=(
            _R.NO_SMARTPHONE,
            _R.NO_OTP,
            _R.ACCOUNT_LOCKED,
            _R.CITIZEN_ABSENT,
            _R.NETWORK_DOWN,
        ),
    ),
    # The linking rule: an activated level-2 account, a smartphone, a verified bank account.
    StepRule(
        Step.BENEFIT_LINK,
        Need.BENEFIT_LINK,
        requires=(Step.EID_ACTIVATION, Step.BANK_ACCOUNT, Step.BIOMETRIC_VERIFIED),
        on_own_phone=True,
        submitted_counts=True,
        waiting=Need.WAIT_APPROVAL,
        proves_through_receiver=False,  # the receiver linked, not the beneficiary
        bring=(Bring.PHONE, Bring.BANK_CARD),
        reasons=(
            _R.NO_SMARTPHONE,
            _R.NO_OTP,
            _R.LEVEL2_NOT_REGISTERED,
            _R.ACCOUNT_LOCKED,
            _R.BANK_NOT_VERIFIED,
            _R.CITIZEN_ABSENT,
            _R.NETWORK_DOWN,
        ),
    ),
)
RULE_OF_STEP: dict[Step, StepRule] = {rule.step: rule for rule in STEP_RULES}
SMARTPHONE_BRING: tuple[Bring, ...] = (Bring.SMARTPHONE_HELPER,)  # someone with one comes along

# What a family brings to set up payment through a receiver (the authorisation slip too).
RECEIVER_BRING: tuple[Bring, ...] = (
    Bring.CHIP_ID_CARD,
    Bring.RECEIVER_ID_CARD,
    Bring.RECEIVER_BANK_CARD,
    Bring.AUTHORISATION_PAPER,
)

_BRING_FOR_NEED: dict[Need, tuple[Bring, ...]] = {
    Need.SMARTPHONE: SMARTPHONE_BRING,
    Need.RECEIVER_ACCOUNT: RECEIVER_BRING,
    Need.LEVEL2_UPGRADE: (Bring.CHIP_ID_CARD, Bring.PHONE),
    **{rule.need: rule.bring for rule in STEP_RULES},
    **{rule.waiting: () for rule in STEP_RULES if rule.waiting is not None},
}


def means_of(step: Step) -> tuple[Need, ...]:
    """The needs that serve only this step (its required steps that are no goal in themselves).

    For the link: a bank account and its biometric verification.
    """
    return tuple(
        RULE_OF_STEP[s].need for s in RULE_OF_STEP[step].requires if not RULE_OF_STEP[s].goal
    )


def what_to_bring(needs: Iterable[Need]) -> tuple[Bring, ...]:
    """The things to bring for these needs, each once, in a fixed order."""
    wanted = {item for need in needs for item in _BRING_FOR_NEED[need]}
    return tuple(item for item in Bring if item in wanted)


def reasons_of(step: Step) -> tuple[FailureReason, ...]:
    """The failure reasons that make sense for this step, "other" last (the picker's order).

    No "bank account not verified" for a level-2 registration, no "no smartphone" for it either
    (it is done at the police with the chip card).
    """
    return _REASONS_OF_STEP[step]


_REASONS_OF_STEP: dict[Step, tuple[FailureReason, ...]] = {
    rule.step: (*rule.reasons, FailureReason.OTHER) for rule in STEP_RULES
}

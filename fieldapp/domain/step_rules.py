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
- what to bring to the next visit (`what_to_bring`, on slips).

A change here changes what the fold answers: bump `RULES_VERSION` in `status.py`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from fieldapp.domain.model import Step


class Need(StrEnum):
    """What a citizen still needs, in the order a volunteer should help."""

    LEVEL2_REGISTRATION = "level2_registration"
    LEVEL2_UPGRADE = "level2_upgrade"  # a list read level 1: upgrade at the commune police
    SMARTPHONE = "smartphone"
    EID_ACTIVATION = "eid_activation"
    BANK_ACCOUNT = "bank_account"
    BIOMETRIC = "biometric"
    BENEFIT_LINK = "benefit_link"
    WAIT_APPROVAL = "wait_approval"


class Bring(StrEnum):
    """Things a citizen brings to the next visit; texts live in the guide file's [bring]."""

    PHONE = "phone"
    CHIP_ID_CARD = "chip_id_card"
    BANK_CARD = "bank_card"
    SMARTPHONE_HELPER = "smartphone_helper"


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


STEP_RULES: tuple[StepRule, ...] = (
    StepRule(
        Step.EID_APPLICATION,
        Need.LEVEL2_REGISTRATION,
        bring=(Bring.CHIP_ID_CARD, Bring.PHONE),
    ),
    StepRule(
        Step.EID_ACTIVATION,
        Need.EID_ACTIVATION,
        requires=(Step.EID_APPLICATION,),
        on_own_phone=True,
        bring=(Bring.PHONE, Bring.CHIP_ID_CARD),
    ),
    StepRule(
        Step.BANK_ACCOUNT,
        Need.BANK_ACCOUNT,
        goal=False,
        bring=(Bring.CHIP_ID_CARD, Bring.PHONE),
    ),
    StepRule(
        Step.BIOMETRIC_VERIFIED,
        Need.BIOMETRIC,
        requires=(Step.BANK_ACCOUNT,),
        goal=False,
        bring=(Bring.CHIP_ID_CARD, Bring.PHONE, Bring.BANK_CARD),
    ),
    # The linking rule: an activated level-2 account, a smartphone, a verified bank account.
    StepRule(
        Step.BENEFIT_LINK,
        Need.BENEFIT_LINK,
        requires=(Step.EID_ACTIVATION, Step.BANK_ACCOUNT, Step.BIOMETRIC_VERIFIED),
        on_own_phone=True,
        submitted_counts=True,
        waiting=Need.WAIT_APPROVAL,
        bring=(Bring.PHONE, Bring.BANK_CARD),
    ),
)
RULE_OF_STEP: dict[Step, StepRule] = {rule.step: rule for rule in STEP_RULES}
SMARTPHONE_BRING: tuple[Bring, ...] = (Bring.SMARTPHONE_HELPER,)  # someone with one comes along

_BRING_FOR_NEED: dict[Need, tuple[Bring, ...]] = {
    Need.SMARTPHONE: SMARTPHONE_BRING,
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

"""Who receives a beneficiary's payment, and into which account (seed 003 §1-3).

A benefit may be paid to the beneficiary, to an authorised person (người được ủy quyền:
a spouse, child, grandchild...) or to a guardian (người giám hộ, for a child or a person who
cannot act). Both facts are recorded at a desk as immutable events; the latest of each kind
wins (`latest`), ties broken by id, so the answer does not depend on arrival order.

An account number is personal data: screens and printed lists show it masked except its last
4 digits (`mask_account`); `check_account_number` applies a bank's length rule where it is
known (`BANK_ACCOUNT_RULES`), digits only otherwise.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import TypeVar

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.safe_text import is_ascii_digits
from fieldapp.domain.text import fold


class PaymentHolder(StrEnum):
    """Who the payment goes to: the beneficiary, a proxy or a guardian."""

    SELF = "self"
    PROXY = "proxy"
    GUARDIAN = "guardian"

    @property
    def through_receiver(self) -> bool:
        """True when someone else receives the payment for the beneficiary."""
        return self is not PaymentHolder.SELF


@dataclass(frozen=True, slots=True)
class PaymentReceiver:
    """Who receives a beneficiary's payment, as said at a desk (the latest record wins).

    `personal_id` is the beneficiary's; `receiver_id` is the proxy's or guardian's own
    personal ID (empty for the beneficiary themself, or when the card was not at hand).
    """

    id: uuid.UUID
    personal_id: str
    holder: PaymentHolder
    receiver_name: str
    relation: str
    receiver_id: str | None
    recorded_at: datetime
    user_id: uuid.UUID
    support_point_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class PaymentAccount:
    """The account a beneficiary's payment goes into (the latest record wins).

    `holder` says whose account it is: the beneficiary's own, the proxy's or the guardian's.
    """

    id: uuid.UUID
    personal_id: str
    holder: PaymentHolder
    bank: str
    account_number: str
    recorded_at: datetime
    user_id: uuid.UUID
    support_point_id: uuid.UUID | None = None


_E = TypeVar("_E", PaymentReceiver, PaymentAccount)


def latest(events: Iterable[object], kind: type[_E]) -> _E | None:
    """The latest event of this kind (by time, then id): what stands today."""
    found = [e for e in events if isinstance(e, kind)]
    if not found:
        return None
    return max(found, key=lambda e: (e.recorded_at, e.id))


# Account numbers -------------------------------------------------------------------------------
ACCOUNT_MIN_DIGITS = 6
ACCOUNT_MAX_DIGITS = 19  # the longest Vietnamese account numbers seen (card-linked ones)


@dataclass(frozen=True, slots=True)
class BankAccountRule:
    """A bank's account-number lengths, and the names the field writes it by (folded)."""

    name: str
    lengths: tuple[int, ...]
    aliases: tuple[str, ...]


# Only rules taken as well known in the field; every other bank: digits only, 6-19 long.
# A bank officer who finds one wrong says so, and the row changes here (one place).
BANK_ACCOUNT_RULES: tuple[BankAccountRule, ...] = (
    BankAccountRule("Agribank", (13,), ("agribank", "nhno", "ngan hang nong nghiep")),
    BankAccountRule("VietinBank", (12,), ("vietinbank", "vietin", "ngan hang cong thuong")),
)


def bank_rule(bank: str) -> BankAccountRule | None:
    """The known rule for a bank named this way, or None."""
    folded = fold(bank).replace("-", " ")
    for rule in BANK_ACCOUNT_RULES:
        if any(folded == alias or folded.startswith(alias + " ") for alias in rule.aliases):
            return rule
    return None


def check_account_number(bank: str, number: str) -> str:
    """The account number without spaces or dots, or a ValidationError saying what is wrong.

    ASCII digits only (never full-width ones); the bank's lengths where its rule is known.
    """
    cleaned = number.replace(" ", "").replace(".", "").replace("-", "")
    if not cleaned:
        raise ValidationError("payments.account_empty", field="account_number")
    if not is_ascii_digits(cleaned):
        raise ValidationError("payments.account_digits", field="account_number")
    rule = bank_rule(bank)
    if rule is not None:
        if len(cleaned) not in rule.lengths:
            raise ValidationError(
                "payments.account_length_bank",
                field="account_number",
                bank=rule.name,
                lengths="/".join(map(str, rule.lengths)),
            )
    elif not ACCOUNT_MIN_DIGITS <= len(cleaned) <= ACCOUNT_MAX_DIGITS:
        raise ValidationError(
            "payments.account_length",
            field="account_number",
            low=ACCOUNT_MIN_DIGITS,
            high=ACCOUNT_MAX_DIGITS,
        )
    return cleaned


def mask_account(number: str) -> str:
    """Every digit but the last 4 hidden: "••••••6789" (as personal IDs on slips)."""
    if len(number) <= 4:
        return "•" * len(number)
    return "•" * (len(number) - 4) + number[-4:]

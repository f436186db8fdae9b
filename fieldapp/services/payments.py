"""Recording who receives a beneficiary's payment, and the account it goes into (issue 19).

Both are new events (never updates) that travel in the point's next bundle. A bank officer
records accounts only; who receives the payment (a proxy, a guardian) is the volunteer's or
the police's to record. The card the desk shows afterwards comes back with the event.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from fieldapp.documents.content import mask_personal_id
from fieldapp.domain import model as dm
from fieldapp.domain import safe_text
from fieldapp.domain.chip_qr import ChipQrPayload
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.model import new_id
from fieldapp.domain.payments import (
    PaymentAccount,
    PaymentHolder,
    PaymentReceiver,
    check_account_number,
    latest,
    mask_account,
)
from fieldapp.domain.permissions import Action
from fieldapp.domain.personal_id import PersonalId
from fieldapp.domain.scan import read_scan
from fieldapp.domain.status import CitizenStatus
from fieldapp.domain.text import normalise_name
from fieldapp.services.clock import utc_now
from fieldapp.services.corrections import check_name
from fieldapp.services.lookup import CitizenCard, build_card
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import authorise


@dataclass(frozen=True, slots=True)
class PaymentRecorded:
    """The event stored and the beneficiary's card after it."""

    event: PaymentReceiver | PaymentAccount
    card: CitizenCard


@dataclass(frozen=True, slots=True)
class ScannedReceiver:
    """A receiver's card scanned at the desk: their ID and name, and whether the store knows them.

    A name from the store (an official list) wins over the scan's, which may be garbled.
    """

    personal_id: str
    full_name: str
    known: bool


@dataclass(frozen=True, slots=True)
class PaymentSummary:
    """What the desk and the slips show of a beneficiary's payment: never a full number."""

    holder: PaymentHolder | None
    receiver_name: str
    relation: str
    receiver_id_masked: str
    bank: str
    account_masked: str
    account_holder: PaymentHolder | None


def record_receiver(
    uow: UnitOfWork,
    personal_id: str,
    *,
    holder: PaymentHolder,
    receiver_name: str = "",
    relation: str = "",
    receiver_id: str | None = None,
    user_id: uuid.UUID,
    point_id: uuid.UUID | None,
    now: datetime | None = None,
) -> PaymentRecorded:
    """Say who receives a beneficiary's payment: themself, a proxy or a guardian."""
    if holder.through_receiver:
        name = check_name(receiver_name)
        relation = safe_text.check_name(normalise_name(relation), field="relation")
        receiver_pid = PersonalId.parse(receiver_id).value if receiver_id else None
        if receiver_pid == personal_id:
            raise ValidationError("payments.receiver_is_beneficiary")
    else:
        name, relation, receiver_pid = "", "", None
    event = PaymentReceiver(
        id=new_id(),
        personal_id=personal_id,
        holder=holder,
        receiver_name=name,
        relation=relation,
        receiver_id=receiver_pid,
        recorded_at=now or utc_now(),
        user_id=user_id,
        support_point_id=point_id,
    )
    return _store(uow, event, Action.RECORD_RECEIVER)


def record_account(
    uow: UnitOfWork,
    personal_id: str,
    *,
    holder: PaymentHolder,
    bank: str,
    account_number: str,
    user_id: uuid.UUID,
    point_id: uuid.UUID | None,
    now: datetime | None = None,
) -> PaymentRecorded:
    """Record the account a beneficiary's payment goes into (checked for its bank's rule)."""
    bank_name = normalise_name(bank)
    if not bank_name:
        raise ValidationError("payments.bank_empty", field="bank")
    safe_text.check_name(bank_name, field="bank")
    number = check_account_number(bank_name, account_number)
    event = PaymentAccount(
        id=new_id(),
        personal_id=personal_id,
        holder=holder,
        bank=bank_name,
        account_number=number,
        recorded_at=now or utc_now(),
        user_id=user_id,
        support_point_id=point_id,
    )
    return _store(uow, event, Action.RECORD_ACCOUNT)


def _store(
    uow: UnitOfWork, event: PaymentReceiver | PaymentAccount, action: Action
) -> PaymentRecorded:
    """One event, if the acting user may record it, in one transaction; the card after it."""
    with uow:
        repo = uow.repo
        authorise(repo, event.user_id, action)
        if repo.get_citizen(event.personal_id) is None:
            raise NotFoundError("citizen.unknown")
        repo.add_payment_event(event)
        card = build_card(repo, event.personal_id)
        uow.commit()
    return PaymentRecorded(event, card)


def scan_receiver(uow: UnitOfWork, scan_text: str) -> ScannedReceiver:
    """The receiver's own card, scanned with the same scanner (or their ID typed)."""
    read = read_scan(scan_text)
    pid = read.personal_id.value if isinstance(read, ChipQrPayload) else read.value
    scanned = normalise_name(read.full_name) if isinstance(read, ChipQrPayload) else ""
    with uow:
        citizen = uow.repo.get_citizen(pid)
    if citizen is not None:
        return ScannedReceiver(pid, citizen.full_name, True)
    return ScannedReceiver(pid, scanned, False)


def payment_summary(card: CitizenCard) -> PaymentSummary:
    """The beneficiary's receiver and account as every screen shows them: masked."""
    return summarise(card.status, card.payments, card.facts)


def summarise(
    status: CitizenStatus,
    payments: Iterable[PaymentReceiver | PaymentAccount],
    facts: Iterable[dm.OfficialFact],
    *,
    show_ids: bool = False,
    show_account: bool = False,
) -> PaymentSummary:
    """Who receives the payment and into which account; IDs and numbers masked unless asked.

    Only the payment list shows the receiver's ID (as it shows the beneficiary's), and the
    account number only when the police choose to for that export.
    """
    payments = tuple(payments)
    receiver = latest(payments, PaymentReceiver)
    account = latest(payments, PaymentAccount)
    named = {f.field: f.value for f in sorted(facts, key=lambda f: (f.as_of, str(f.id)))}
    holder = status.paid_via
    name = relation = shown_id = ""
    if receiver is not None and receiver.holder.through_receiver:
        name, relation = receiver.receiver_name, receiver.relation
        pid = receiver.receiver_id or ""
        shown_id = pid if show_ids or not pid else mask_personal_id(pid)
    elif receiver is None and holder is not None and holder.through_receiver:
        field = (
            dm.FactField.GUARDIAN_NAME
            if holder is PaymentHolder.GUARDIAN
            else (dm.FactField.PROXY_NAME)
        )
        name = named.get(field, "")
        relation = named.get(dm.FactField.RECEIVER_RELATION, "")
        pid = named.get(dm.FactField.RECEIVER_ID, "")
        shown_id = pid if show_ids or not pid else mask_personal_id(pid)
    number = "" if account is None else account.account_number
    return PaymentSummary(
        holder=holder,
        receiver_name=name,
        relation=relation,
        receiver_id_masked=shown_id,
        bank="" if account is None else account.bank,
        account_masked=number if show_account else mask_account(number) if number else "",
        account_holder=None if account is None else account.holder,
    )

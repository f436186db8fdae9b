"""Registering visits from a scan or a typed ID, and recording their outcomes."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from fieldapp.domain import model as dm
from fieldapp.domain.chip_qr import ChipQrPayload
from fieldapp.domain.errors import ConflictError, NotFoundError, ValidationError
from fieldapp.domain.permissions import Action, allowed_steps
from fieldapp.domain.personal_id import PersonalId
from fieldapp.domain.scan import read_scan
from fieldapp.domain.status import CitizenStatus, fold_status
from fieldapp.domain.step_rules import reasons_of
from fieldapp.domain.text import normalise_name
from fieldapp.domain.visit_rules import open_visit
from fieldapp.services.clock import utc_now
from fieldapp.services.corrections import check_name, improve_scanned_name
from fieldapp.services.lookup import CitizenCard, build_card
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import authorise
from fieldapp.store.repository import SqlRepository


class UnknownCitizenError(NotFoundError):
    """The ID is valid but nobody has it yet: the face offers to create the citizen."""

    def __init__(self, personal_id: PersonalId, payload: ChipQrPayload | None) -> None:
        super().__init__("citizen.unknown")
        self.personal_id = personal_id
        self.payload = payload


@dataclass(frozen=True, slots=True)
class VisitRegistered:
    """A visit saved, and the card to show."""

    visit: dm.Visit
    card: CitizenCard
    scanned_name: str | None
    reused: bool = False  # the same citizen scanned again here within the revisit window


@dataclass(frozen=True, slots=True)
class OutcomeRecorded:
    """An outcome saved, and the citizen's status after it."""

    outcome: dm.Outcome
    status: CitizenStatus


def register_visit(
    uow: UnitOfWork,
    scan_text: str,
    *,
    user_id: uuid.UUID,
    point_id: uuid.UUID,
    place: dm.VisitPlace = dm.VisitPlace.AT_POINT,
    now: datetime | None = None,
) -> VisitRegistered:
    """Read a scan or a typed ID, and save a visit for a known citizen.

    An unknown ID raises `UnknownCitizenError` carrying what the card said: nobody is ever
    created silently. The stored name (from an official list) wins over a garbled scan;
    a clean scan replaces a name an earlier garbled scan left (as a correction event).
    A second scan at the same point within the revisit window continues the same visit.
    """
    scanned = read_scan(scan_text)
    payload = scanned if isinstance(scanned, ChipQrPayload) else None
    pid = payload.personal_id if payload else scanned
    assert isinstance(pid, PersonalId)
    at = now or utc_now()
    with uow:
        repo = uow.repo
        authorise(repo, user_id, Action.REGISTER_VISIT)
        head = repo.card_head(pid.value)
        if head is None:
            raise UnknownCitizenError(pid, payload)
        renamed = improve_scanned_name(
            repo, head[0], head[1], payload, user_id=user_id, point_id=point_id, at=at
        )
        if renamed is not None:
            head = (renamed, head[1], head[2])
        earlier = repo.visits_for(pid.value)
        visit = open_visit(earlier, point_id=point_id, place=place, at=at)
        reused = visit is not None
        if visit is None:
            visit = dm.Visit(
                id=dm.new_id(),
                personal_id=pid.value,
                occurred_at=at,
                support_point_id=point_id,
                user_id=user_id,
                place=place,
            )
            repo.add_visit(visit)
            earlier = [*earlier, visit]
        card = build_card(repo, pid.value, head=head, visits=earlier)
        uow.commit()
    return VisitRegistered(visit, card, payload.full_name if payload else None, reused)


def citizen_from_scan(payload: ChipQrPayload, *, village_id: uuid.UUID | None = None) -> dm.Citizen:
    """The citizen a card's QR describes, for the face to confirm before creating."""
    return dm.Citizen(
        personal_id=payload.personal_id.value,
        full_name=payload.full_name,
        birth_date=payload.birth_date,
        sex=payload.sex,
        address=payload.address,
        village_id=village_id,
        old_id=payload.old_id,
    )


def create_citizen(
    uow: UnitOfWork, citizen: dm.Citizen, *, user_id: uuid.UUID, source: str = "scan"
) -> dm.Citizen:
    """Add a citizen the lists do not have, after a person confirmed it. Checks the ID."""
    pid = PersonalId.parse(citizen.personal_id, birth_date=citizen.birth_date, sex=citizen.sex)
    name = check_name(citizen.full_name)
    checked = replace(citizen, personal_id=pid.value, full_name=name)
    with uow:
        authorise(uow.repo, user_id, Action.CREATE_CITIZEN)
        if uow.repo.get_citizen(pid.value) is not None:
            raise ConflictError("citizen.exists")
        uow.repo.add_citizen(checked, name_source=source)
        uow.commit()
    return checked


def record_outcome(
    uow: UnitOfWork,
    visit_id: uuid.UUID,
    step: dm.Step,
    result: dm.Result,
    *,
    user_id: uuid.UUID,
    reason: dm.FailureReason | None = None,
    reason_text: str = "",
    bank: str | None = None,
    referred_to: dm.ReferralTarget | None = None,
    now: datetime | None = None,
) -> OutcomeRecorded:
    """Add what a visit achieved for one step; the role decides which steps it may record."""
    _check_outcome(result, reason, reason_text, referred_to, step, bank)
    with uow:
        repo = uow.repo
        visit = visit_for_recording(repo, visit_id, user_id, [step])
        outcome = dm.Outcome(
            id=dm.new_id(),
            visit_id=visit.id,
            personal_id=visit.personal_id,
            step=step,
            result=result,
            recorded_at=now or utc_now(),
            user_id=user_id,
            reason=reason if result is dm.Result.FAILED else None,
            reason_text=reason_text.strip(),
            bank=normalise_name(bank) if bank else None,
            referred_to=referred_to if result is dm.Result.REFERRED else None,
        )
        repo.add_outcome(outcome)
        status = _status(uow, visit.personal_id)
        uow.commit()
    return OutcomeRecorded(outcome, status)


def visit_for_recording(
    repo: SqlRepository, visit_id: uuid.UUID, user_id: uuid.UUID, steps: Sequence[dm.Step]
) -> dm.Visit:
    """The visit outcomes will be recorded on, once the user is known and allowed the steps."""
    visit = repo.get_visit(visit_id)
    if visit is None:
        raise NotFoundError("visit.unknown")
    user = authorise(repo, user_id, Action.RECORD_OUTCOME)
    for step in steps:
        if step not in allowed_steps(user.role):
            raise ValidationError("outcome.role_forbidden", role=user.role.value, step=step.value)
    return visit


def correct_outcome(
    uow: UnitOfWork, outcome_id: uuid.UUID, *, user_id: uuid.UUID, now: datetime | None = None
) -> OutcomeRecorded:
    """Undo an outcome by adding a correcting event; the original stays in the record."""
    with uow:
        repo = uow.repo
        original = repo.get_outcome(outcome_id)
        if original is None:
            raise NotFoundError("outcome.unknown")
        user = authorise(repo, user_id, Action.CORRECT)
        if original.step not in allowed_steps(user.role):
            raise ValidationError(
                "outcome.role_forbidden", role=user.role.value, step=original.step.value
            )
        correction = replace(
            original,
            id=dm.new_id(),
            recorded_at=now or utc_now(),
            user_id=user_id,
            corrects=original.id,
        )
        repo.add_outcome(correction)
        status = _status(uow, original.personal_id)
        uow.commit()
    return OutcomeRecorded(correction, status)


def _status(uow: UnitOfWork, personal_id: str) -> CitizenStatus:
    repo = uow.repo
    return fold_status(
        repo.get_citizen(personal_id),
        repo.outcomes_for(personal_id),
        repo.facts_for(personal_id),
        repo.payments_for(personal_id),
    )


def _check_outcome(
    result: dm.Result,
    reason: dm.FailureReason | None,
    reason_text: str,
    referred_to: dm.ReferralTarget | None,
    step: dm.Step,
    bank: str | None,
) -> None:
    if result is dm.Result.FAILED and reason is None:
        raise ValidationError("outcome.reason_needed")
    if reason is not None and reason not in reasons_of(step):
        raise ValidationError("outcome.reason_not_for_step", reason=reason.value, step=step.value)
    if reason is dm.FailureReason.OTHER and not reason_text.strip():
        raise ValidationError("outcome.other_needs_text")
    if result is dm.Result.REFERRED and referred_to is None:
        raise ValidationError("outcome.referral_needed")
    if step is dm.Step.BANK_ACCOUNT and result is dm.Result.DONE and not (bank and bank.strip()):
        raise ValidationError("outcome.bank_needed")

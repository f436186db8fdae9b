"""Correcting a citizen's name, birth date, sex or village: a new event, never an update.

The card shows the corrected details; the correction (who, when, where, old and new value)
stays in the store and travels in the point's next bundle like a visit.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime

from fieldapp.domain import corrections as dc
from fieldapp.domain import model as dm
from fieldapp.domain import safe_text
from fieldapp.domain.chip_qr import ChipQrPayload
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.personal_id import PersonalId, Sex
from fieldapp.domain.text import normalise_name
from fieldapp.services.clock import utc_now
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import authorise
from fieldapp.store.repository import SqlRepository

CorrectionValue = str | bool | date | Sex | uuid.UUID | None
CorrectionChanges = Mapping[dc.CorrectedField, CorrectionValue]


@dataclass(frozen=True, slots=True)
class CitizenCorrected:
    """The corrections stored and the citizen as the card now shows them."""

    corrections: tuple[dc.CitizenCorrection, ...]
    citizen: dm.Citizen


def check_name(name: str) -> str:
    """A name as stored: spacing normalised; '?' or U+FFFD (a scanner's guess) refused."""
    clean = normalise_name(name)
    if not clean:
        raise ValidationError("qr.empty_field", field="full_name")
    if dc.name_is_garbled(clean):
        raise ValidationError("citizen.name_garbled", value=clean)
    return safe_text.check_name(clean)  # no hidden characters, not too long


def correct_citizen(
    uow: UnitOfWork,
    personal_id: str,
    changes: CorrectionChanges,
    *,
    user_id: uuid.UUID,
    point_id: uuid.UUID | None,
    now: datetime | None = None,
) -> CitizenCorrected:
    """Record a correction event for each detail that changes.

    What the ID's digits or the official list contradict is refused, and then nothing at
    all is stored.
    """
    at = now or utc_now()
    with uow:
        repo = uow.repo
        citizen = repo.get_citizen(personal_id)
        if citizen is None:
            raise NotFoundError("citizen.unknown")
        authorise(repo, user_id, Action.CORRECT_DETAILS)
        source = repo.citizen_name_source(personal_id) or "scan"
        fixed = _checked(repo, citizen, changes, official=source == "official_list")
        events = tuple(
            dc.CitizenCorrection(
                id=dm.new_id(),
                personal_id=personal_id,
                field=field,
                old_value=dc.current_value(citizen, field),
                new_value=dc.current_value(fixed, field),
                recorded_at=at,
                user_id=user_id,
                support_point_id=point_id,
            )
            for field in dc.CITIZEN_FIELDS
            if dc.current_value(fixed, field) != dc.current_value(citizen, field)
        )
        if not events:
            raise ValidationError("citizen.nothing_corrected")
        for event in events:
            repo.add_correction(event)
        renamed = fixed.full_name != citizen.full_name
        repo.update_citizen(fixed, name_source="manual" if renamed else source)
        uow.commit()
    return CitizenCorrected(events, fixed)


def _checked(
    repo: SqlRepository,
    citizen: dm.Citizen,
    changes: Mapping[dc.CorrectedField, CorrectionValue],
    *,
    official: bool,
) -> dm.Citizen:
    values: dict[str, object] = {}
    for field, value in changes.items():
        if dc.value_text(value) == dc.current_value(citizen, field):
            continue
        if official and field in dc.OFFICIAL_FIELDS:
            raise ValidationError("citizen.official_wins", field=field.value)
        if field is dc.CorrectedField.FULL_NAME:
            value = check_name(str(value or ""))
        villages = {v.id for v in repo.villages()} if value is not None else set()
        if field is dc.CorrectedField.VILLAGE and value is not None and value not in villages:
            raise NotFoundError("village.unknown", name=str(value))
        values[field.value] = value
    fixed = replace(citizen, **values)  # type: ignore[arg-type]
    if fixed.birth_date != citizen.birth_date or fixed.sex != citizen.sex:
        # The ID's digits 4-6 say the century, sex and birth year: they must agree.
        PersonalId.parse(citizen.personal_id, birth_date=fixed.birth_date, sex=fixed.sex)
    return fixed


def improve_scanned_name(
    repo: SqlRepository,
    citizen: dm.Citizen,
    name_source: str,
    payload: ChipQrPayload | None,
    *,
    user_id: uuid.UUID,
    point_id: uuid.UUID,
    at: datetime,
) -> dm.Citizen | None:
    """A clean scan replaces a name an earlier scan garbled (an official name never).

    Recorded as a correction by the person who scanned, so it travels like any event.
    Returns the citizen renamed, or None when nothing changed.
    """
    if payload is None or name_source != "scan":
        return None
    scanned = normalise_name(payload.full_name)
    if not dc.clean_scan_improves(citizen.full_name, scanned):
        return None
    repo.add_correction(
        dc.CitizenCorrection(
            id=dm.new_id(),
            personal_id=citizen.personal_id,
            field=dc.CorrectedField.FULL_NAME,
            old_value=citizen.full_name,
            new_value=scanned,
            recorded_at=at,
            user_id=user_id,
            support_point_id=point_id,
        )
    )
    renamed = replace(citizen, full_name=scanned)
    repo.update_citizen(renamed, name_source="scan")
    return renamed


def record_smartphone(
    uow: UnitOfWork,
    personal_id: str,
    has_smartphone: bool,
    *,
    user_id: uuid.UUID,
    point_id: uuid.UUID | None,
    now: datetime | None = None,
) -> CitizenCorrected:
    """One key at the desk: the citizen has (or has no) smartphone, recorded as an event.

    A smartphone is one of the three conditions to link (seed 000 §5); the event travels in
    the point's bundle like any correction. Saying again what is already recorded stores
    nothing and is no error.
    """
    with uow:
        citizen = uow.repo.get_citizen(personal_id)
        if citizen is None:
            raise NotFoundError("citizen.unknown")
        if citizen.has_smartphone is has_smartphone:
            return CitizenCorrected((), citizen)
    changes = {dc.CorrectedField.HAS_SMARTPHONE: has_smartphone}
    return correct_citizen(uow, personal_id, changes, user_id=user_id, point_id=point_id, now=now)

"""Rows ↔ domain objects: the only place that knows both."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TypeVar

from fieldapp.domain import model as dm
from fieldapp.domain.personal_id import Sex
from fieldapp.domain.text import fold_name
from fieldapp.store import tables as t

_T = TypeVar("_T")


def _enum_or_none(kind: type[_T], value: str | None) -> _T | None:
    return None if value is None else kind(value)  # type: ignore[call-arg]


def citizen_to_domain(row: t.Citizen) -> dm.Citizen:
    """A citizen row as the domain sees it."""
    return dm.Citizen(
        personal_id=row.personal_id,
        full_name=row.full_name,
        birth_date=row.birth_date,
        sex=_enum_or_none(Sex, row.sex),
        address=row.address,
        village_id=row.village_id,
        phone=row.phone,
        old_id=row.old_id,
        beneficiary_group=_enum_or_none(dm.BeneficiaryGroup, row.beneficiary_group),
        has_smartphone=row.has_smartphone,
    )


_SEXES = {s.value: s for s in Sex}
_GROUPS = {g.value: g for g in dm.BeneficiaryGroup}


def citizen_from_card(row: tuple) -> dm.Citizen:
    """A citizen from a row of `name_search.CARD_COLUMNS` (the domain's fields, in order).

    A search builds a page of these per keystroke: plain lookups instead of enum calls.
    """
    pid, name, born, sex, address, village, phone, old_id, group, smartphone = row
    return dm.Citizen(
        pid,
        name,
        born,
        None if sex is None else _SEXES[sex],
        address,
        village,
        phone,
        old_id,
        None if group is None else _GROUPS[group],
        smartphone,
    )


def citizen_values(
    citizen: dm.Citizen, *, name_source: str, now: datetime | None = None
) -> dict[str, object]:
    """A citizen as column values: for bulk inserts, which skip the ORM's per-row cost."""
    stamp = now or datetime.now(UTC)
    return {
        "personal_id": citizen.personal_id,
        "full_name": citizen.full_name,
        "name_folded": fold_name(citizen.full_name),
        "birth_date": citizen.birth_date,
        "sex": None if citizen.sex is None else citizen.sex.value,
        "address": citizen.address,
        "village_id": citizen.village_id,
        "phone": citizen.phone,
        "old_id": citizen.old_id,
        "beneficiary_group": None
        if citizen.beneficiary_group is None
        else citizen.beneficiary_group.value,
        "has_smartphone": citizen.has_smartphone,
        "name_source": name_source,
        "created_at": stamp,
        "updated_at": stamp,
    }


def citizen_row(citizen: dm.Citizen, *, name_source: str, now: datetime | None = None) -> t.Citizen:
    """A new citizen row."""
    return t.Citizen(**citizen_values(citizen, name_source=name_source, now=now))


def visit_to_domain(row: t.Visit) -> dm.Visit:
    """A visit row as a domain event."""
    return dm.Visit(
        id=row.id,
        personal_id=row.personal_id,
        occurred_at=row.occurred_at,
        support_point_id=row.support_point_id,
        user_id=row.user_id,
        place=dm.VisitPlace(row.place),
    )


def visit_values(visit: dm.Visit) -> dict[str, object]:
    """A visit as column values, for bulk inserts."""
    return {
        "id": visit.id,
        "personal_id": visit.personal_id,
        "occurred_at": visit.occurred_at,
        "support_point_id": visit.support_point_id,
        "user_id": visit.user_id,
        "place": visit.place.value,
    }


def visit_row(visit: dm.Visit) -> t.Visit:
    """A domain visit as a row."""
    return t.Visit(**visit_values(visit))


def outcome_to_domain(row: t.Outcome) -> dm.Outcome:
    """An outcome row as a domain event."""
    return dm.Outcome(
        id=row.id,
        visit_id=row.visit_id,
        personal_id=row.personal_id,
        step=dm.Step(row.step),
        result=dm.Result(row.result),
        recorded_at=row.recorded_at,
        user_id=row.user_id,
        reason=_enum_or_none(dm.FailureReason, row.reason),
        reason_text=row.reason_text,
        bank=row.bank,
        referred_to=_enum_or_none(dm.ReferralTarget, row.referred_to),
        corrects=row.corrects,
    )


def outcome_values(outcome: dm.Outcome) -> dict[str, object]:
    """An outcome as column values, for bulk inserts."""
    return {
        "id": outcome.id,
        "visit_id": outcome.visit_id,
        "personal_id": outcome.personal_id,
        "step": outcome.step.value,
        "result": outcome.result.value,
        "recorded_at": outcome.recorded_at,
        "user_id": outcome.user_id,
        "reason": None if outcome.reason is None else outcome.reason.value,
        "reason_text": outcome.reason_text,
        "bank": outcome.bank,
        "referred_to": None if outcome.referred_to is None else outcome.referred_to.value,
        "corrects": outcome.corrects,
    }


def outcome_row(outcome: dm.Outcome) -> t.Outcome:
    """A domain outcome as a row."""
    return t.Outcome(**outcome_values(outcome))


def fact_values(fact: dm.OfficialFact, *, now: datetime | None = None) -> dict[str, object]:
    """A whole official fact as values (`store/facts.py` writes it lean, with its list import)."""
    return {
        "id": fact.id,
        "personal_id": fact.personal_id,
        "field": fact.field.value,
        "value": fact.value,
        "source_kind": fact.source_kind,
        "source_file": fact.source_file,
        "as_of": fact.as_of,
        "imported_at": now or datetime.now(UTC),
    }

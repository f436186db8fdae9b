"""The team leader's door-to-door list: a village's citizens who still need something.

Seed 001 sends teams "trực tiếp đến từng hộ gia đình (theo danh sách …)". One table per
village, sorted by address so a round walks the hamlet in order, with what each person still
needs (the same sentences as the citizen's card, from the fold and the step rules), their last
visit and an empty box to tick at the door. It is personal data in bulk: the police and admins
only (`Action.EXPORT_PERSONAL_DATA`), and each export is logged without any of the data.

The table is a report description (`documents/report_model.py`): the report PDF and xlsx
renderers draw it, so it gets the same header, fonts and formula-safe cells.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

from fieldapp.documents.report_model import CellKind, Column, ReportDocument, Section, Table
from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.phone import mask_phone
from fieldapp.domain.status import fold_status
from fieldapp.domain.text import fold
from fieldapp.i18n import tr
from fieldapp.i18n.describe import next_steps_text
from fieldapp.i18n.formats import count_text, date_text, place_date_text
from fieldapp.services import users
from fieldapp.services.clock import local_today
from fieldapp.services.documents import needs_home_visit
from fieldapp.services.report_document import issuer_name, place_name
from fieldapp.services.report_output import FORMATS, save
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.documents_queries import citizens_in_village, events_for_many, last_visits
from fieldapp.store.payments import of_citizens as payment_events

_log = logging.getLogger(__name__)

CHECKBOX = "☐"  # an empty box to tick at the door (DejaVu Sans has it)


@dataclass(frozen=True, slots=True)
class DoorListRow:
    """One citizen on the list, as printed (the phone already masked unless shown)."""

    number: int
    full_name: str
    birth_year: int | None
    address: str
    phone: str
    missing: str
    last_visit: date | None


@dataclass(frozen=True, slots=True)
class DoorList:
    """A village's list: who, in the order of the round."""

    village: dm.Village
    commune: dm.Commune | None
    rows: list[DoorListRow]
    phones_shown: bool
    made_on: date


def address_key(address: str) -> tuple[object, ...]:
    """Sort key of an address: folded, numbers by value ("Số 2" before "Số 10"), blank last."""
    folded = fold(address).strip()
    parts = re.split(r"([0-9]+)", folded)
    natural = tuple((0, int(p), "") if p.isascii() and p.isdigit() else (1, 0, p) for p in parts)
    return (not folded, natural)


def door_list(
    uow: UnitOfWork,
    village_name: str,
    *,
    show_phones: bool = False,
    today: date | None = None,
    lang: str = "vi",
    actor: dm.User,
) -> DoorList:
    """Who in the village still needs something, sorted by address, then name.

    Waiting for the link's approval needs no visit (the same rule as the village's slips).
    Raises `NotFoundError` for an unknown village, or one where nobody is left.
    """
    users.check(uow, actor, Action.EXPORT_PERSONAL_DATA)
    with uow:
        repo = uow.repo
        village = repo.village_by_name(village_name)
        if village is None:
            raise NotFoundError("village.unknown", name=village_name)
        commune = next((c for c in repo.communes() if c.id == village.commune_id), None)
        citizens = citizens_in_village(repo.session, village.id)
        ids = [c.personal_id for c in citizens]
        outcomes, facts = events_for_many(repo.session, ids)
        payments = payment_events(repo.session, ids)
        visited = last_visits(repo.session, ids)
    chosen = []
    for citizen in citizens:
        pid = citizen.personal_id
        status = fold_status(
            citizen, outcomes.get(pid, ()), facts.get(pid, ()), payments.get(pid, ())
        )
        if needs_home_visit(status):
            chosen.append((citizen, "; ".join(next_steps_text(status, lang))))
    if not chosen:
        raise NotFoundError("door_list.nobody_left", village=village.name)
    chosen.sort(
        key=lambda item: (
            address_key(item[0].address),
            fold(item[0].full_name),
            item[0].personal_id,
        )
    )
    rows = [
        DoorListRow(
            number=number,
            full_name=citizen.full_name,
            birth_year=citizen.birth_date.year if citizen.birth_date else None,
            address=citizen.address,
            phone=(citizen.phone or "") if show_phones else mask_phone(citizen.phone or ""),
            missing=missing,
            last_visit=_local_day(visited.get(citizen.personal_id)),
        )
        for number, (citizen, missing) in enumerate(chosen, start=1)
    ]
    return DoorList(village, commune, rows, show_phones, today or local_today())


def _local_day(moment: datetime | None) -> date | None:
    if moment is None:
        return None
    return local_today(moment if moment.tzinfo else moment.replace(tzinfo=UTC))


def door_list_columns(lang: str = "vi") -> list[Column]:
    """The table's one column list: header, cell, kind and width together."""

    def h(name: str) -> str:
        return tr(f"door_list.col.{name}", lang)

    def visit_text(row: DoorListRow) -> str:
        return date_text(row.last_visit, lang) if row.last_visit else tr("door_list.never", lang)

    text = CellKind.TEXT
    return [
        Column(tr("reports.col.no", lang), lambda r: r.number, CellKind.COUNT, 0.45),
        Column(h("name"), lambda r: r.full_name, text, 2.0),
        Column(h("birth_year"), lambda r: str(r.birth_year or ""), text, 0.65),
        Column(h("address"), lambda r: r.address, text, 2.2),
        Column(h("phone"), lambda r: r.phone, text, 1.1),
        Column(h("missing"), lambda r: r.missing, text, 3.2),
        Column(h("last_visit"), visit_text, text, 0.95),
        Column(h("visited"), lambda r: CHECKBOX, text, 0.6),
        Column(h("note"), lambda r: "", text, 1.6),
    ]


def build_door_list_document(found: DoorList, lang: str = "vi") -> ReportDocument:
    """The list as a report description (A4 landscape), ready for the PDF or xlsx renderer."""
    commune_name = found.commune.name if found.commune else "…"
    province = (found.commune.province if found.commune else "").upper() or "…"
    note = "door_list.note.shown" if found.phones_shown else "door_list.note.masked"
    table = Table.of(door_list_columns(lang), found.rows)
    return ReportDocument(
        lang=lang,
        country=tr("reports.country", lang),
        motto=tr("reports.motto", lang),
        issuer_parent=tr("reports.issuer_parent", lang, province=province),
        issuer=tr("reports.issuer", lang, commune=issuer_name(commune_name)),
        number="",
        place_date=place_date_text(place_name(commune_name), found.made_on, lang),
        title=tr("door_list.title", lang),
        subject=tr("door_list.subject", lang, village=found.village.name),
        period_text=tr(
            "door_list.count",
            lang,
            count=count_text(len(found.rows), lang),
            day=date_text(found.made_on, lang),
        ),
        addressee="",
        sections=[Section(heading="", table=table, note=tr(note, lang))],
        signer=tr("door_list.signer", lang),
        sign_note=tr("door_list.sign_note", lang),
        recipients=[],
        has_data=True,
        sheet_name=tr("door_list.sheet", lang)[:31],
        landscape=True,
    )


def write_door_list(
    uow: UnitOfWork,
    village_name: str,
    out: Path,
    *,
    fmt: str = "pdf",
    show_phones: bool = False,
    today: date | None = None,
    lang: str = "vi",
    actor: dm.User,
) -> DoorList:
    """Make the village's list as a PDF or xlsx, write it atomically, log that it was made."""
    if fmt not in FORMATS:
        raise ValidationError("reports.bad_format", value=fmt)
    found = door_list(
        uow, village_name, show_phones=show_phones, today=today, lang=lang, actor=actor
    )
    save(build_door_list_document(found, lang), fmt, out)
    # ids and counts only: never a name, a phone or an ID number
    _log.info(
        "door-to-door list exported: village %s, %d rows, %s, phones %s, by user %s",
        found.village.id,
        len(found.rows),
        fmt,
        "shown" if show_phones else "masked",
        actor.id,
    )
    return found

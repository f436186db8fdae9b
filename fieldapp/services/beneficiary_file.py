"""The social-affairs office's file: one row per beneficiary (issue 18 item 8, seed 003 §3).

The office updates its payment software from it every month: each beneficiary's group, how
they are paid (the three classes), the account opened (bank, date), whether the benefit
account is linked on VNeID, who receives for them (proxy, guardian) and when they were last
helped. The columns are a documented, stable layout (docs/beneficiary-file.md): their codes
never change and new columns only ever go on the right.

Personal data in bulk: police and admins only (`Action.EXPORT_PERSONAL_DATA`), each export
logged with counts and ids only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

from fieldapp.documents.beneficiary_xlsx import LAYOUT_VERSION, render_beneficiary_xlsx
from fieldapp.domain import model as dm
from fieldapp.domain.permissions import Action
from fieldapp.domain.status import StepState
from fieldapp.domain.text import fold
from fieldapp.services import users
from fieldapp.services.clock import LOCAL_TZ, local_today
from fieldapp.services.report_timelines import NOT_CLASSIFIED, ensure_projection
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.beneficiary_queries import as_utc, latest_receivers, listed_receiver_names
from fieldapp.store.beneficiary_standing import standing_with_people

_log = logging.getLogger(__name__)

__all__ = ["LAYOUT_VERSION", "BeneficiaryFile", "BeneficiaryRow", "write_beneficiary_file"]


class BeneficiaryRow(NamedTuple):
    """One row of the file, as written (codes stable, labels in the file's language).

    A named tuple: the file has a row per beneficiary (tens of thousands in a commune).
    """

    number: int
    personal_id: str
    full_name: str
    birth_date: date | None
    village: str
    group: str  # a BeneficiaryGroup value
    payment: str  # a PAYMENT_CLASSES value
    has_account: bool
    account_bank: str
    account_opened_on: date | None
    link: str  # "approved", "submitted" or "no"
    proxy_name: str
    guardian_name: str
    last_visit: date | None
    # who receives, as recorded at a desk (issue 19's receiver records; "" when none)
    receiver: str = ""  # "self", "proxy" or "guardian"
    receiver_name: str = ""
    receiver_relation: str = ""


@dataclass(frozen=True, slots=True)
class BeneficiaryFile:
    """The rows, and what the information sheet says about them."""

    rows: list[BeneficiaryRow]
    commune: dm.Commune | None
    made_on: date
    agency: str | None


def beneficiary_file(
    uow: UnitOfWork,
    *,
    agency: str | None = None,
    today: date | None = None,
    actor: dm.User,
) -> BeneficiaryFile:
    """Every beneficiary (of one agency's groups, if given), by village, group and name.

    Read from the report projection's last rows (`standing_with_people`), each row made
    from its columns once: codes as stored, each distinct village, day or link state
    converted once (a commune has tens of thousands of beneficiaries).
    """
    users.check(uow, actor, Action.EXPORT_PERSONAL_DATA)
    from fieldapp.services.agency_report import groups_of

    wanted = {g.value: i for i, g in enumerate(dm.BeneficiaryGroup)}  # the file's group order
    if agency:
        keep = {g.value for g in groups_of(agency)}
        wanted = {code: rank for code, rank in wanted.items() if code in keep}
    ensure_projection(uow)
    with uow:
        session = uow.repo.session
        found = [
            pair for pair in standing_with_people(session) if pair[0].beneficiary_group in wanted
        ]
        villages = {str(v.id): v.name for v in uow.repo.villages()}
        commune = next(iter(uow.repo.communes()), None)
        listed = listed_receiver_names(session)
        recorded = latest_receivers(session)
    folded = {key: fold(name) for key, name in villages.items()}
    found.sort(
        key=lambda pair: (
            pair[0].village_id not in villages,
            folded.get(pair[0].village_id, ""),  # type: ignore[call-overload]
            wanted[pair[0].beneficiary_group],
            pair[1].name_folded,
            pair[0].personal_id,
        )
    )
    rows = []
    proxy, guardian = dm.FactField.PROXY_NAME.value, dm.FactField.GUARDIAN_NAME.value
    day, last_day = _Converted(_day), _Converted(_local_date)
    for number, (one, person) in enumerate(found, start=1):
        names = listed.get(one.personal_id, _NO_NAMES)
        desk = recorded.get(one.personal_id)
        has_account = one.bank_account == _DONE
        rows.append(
            BeneficiaryRow(
                number,
                one.personal_id,
                person.full_name,
                day(person.birth_date),
                villages.get(one.village_id, ""),  # type: ignore[call-overload]
                one.beneficiary_group,
                one.payment or NOT_CLASSIFIED,
                has_account,
                (one.account_bank or "") if has_account else "",
                day(one.account_on) if has_account else None,
                _LINKS.get(one.benefit_link, "no"),
                names.get(proxy, ""),
                names.get(guardian, ""),
                None if person.last_visit is None else last_day(person.last_visit),
                "" if desk is None else desk.holder.value,
                "" if desk is None else desk.receiver_name.strip(),
                "" if desk is None else desk.relation.strip(),
            )
        )
    return BeneficiaryFile(rows, commune, today or local_today(), agency)


_NO_NAMES: dict[str, str] = {}
_LINKS = {int(StepState.DONE): "approved", int(StepState.SUBMITTED): "submitted"}
_DONE = int(StepState.DONE)


def _local_date(moment: datetime) -> date:
    """A visit's UTC moment (naive on SQLite) as the commune's local day."""
    return as_utc(moment).astimezone(LOCAL_TZ).date()


def _day(value: object) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(str(value))


class _Converted:
    """A conversion that remembers each distinct value's answer (days repeat by thousands)."""

    def __init__(self, convert: Callable[[Any], Any]) -> None:
        self.convert = convert
        self.known: dict[object, Any] = {}

    def __call__(self, value: object) -> Any:
        found = self.known.get(value, _NONE)
        if found is _NONE:
            found = self.known[value] = self.convert(value)
        return found


_NONE = object()


def write_beneficiary_file(
    uow: UnitOfWork,
    out: Path,
    *,
    agency: str | None = None,
    today: date | None = None,
    lang: str = "vi",
    actor: dm.User,
) -> BeneficiaryFile:
    """Write the file atomically (temporary file, then rename) and log it without data."""
    from io import BytesIO

    made = beneficiary_file(uow, agency=agency, today=today, actor=actor)
    buffer = BytesIO()
    render_beneficiary_xlsx(made, buffer, lang)
    out.parent.mkdir(parents=True, exist_ok=True)
    temporary = out.with_name(out.name + ".part")
    temporary.write_bytes(buffer.getvalue())
    temporary.replace(out)
    # counts and ids only: never a name, an ID number or an account
    _log.info(
        "beneficiary file exported: %d rows, agency %s, by user %s",
        len(made.rows),
        agency or "all",
        actor.id,
    )
    return made

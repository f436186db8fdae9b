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
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from fieldapp.documents.beneficiary_xlsx import LAYOUT_VERSION, render_beneficiary_xlsx
from fieldapp.domain import model as dm
from fieldapp.domain.permissions import Action
from fieldapp.domain.status import StepState
from fieldapp.domain.text import fold
from fieldapp.services import users
from fieldapp.services.clock import LOCAL_TZ, local_today
from fieldapp.services.standing import Standing, standing_with_names
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.beneficiary_queries import as_utc, latest_receivers, listed_receiver_names

_log = logging.getLogger(__name__)

__all__ = ["LAYOUT_VERSION", "BeneficiaryFile", "BeneficiaryRow", "write_beneficiary_file"]


@dataclass(frozen=True, slots=True)
class BeneficiaryRow:
    """One row of the file, as written (codes stable, labels in the file's language)."""

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


def _local_date(moment: datetime | date | None) -> date | None:
    if moment is None or not isinstance(moment, datetime):
        return moment
    return moment.astimezone(LOCAL_TZ).date()


def _day(value: object) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(str(value))


_NO_NAMES: dict[str, str] = {}


def _link(one: Standing) -> str:
    state = one.link
    if state is StepState.DONE:
        return "approved"
    return "submitted" if state is StepState.SUBMITTED else "no"


def beneficiary_file(
    uow: UnitOfWork,
    *,
    agency: str | None = None,
    today: date | None = None,
    actor: dm.User,
) -> BeneficiaryFile:
    """Every beneficiary (of one agency's groups, if given), by village, group and name."""
    users.check(uow, actor, Action.EXPORT_PERSONAL_DATA)
    from fieldapp.services.agency_report import groups_of

    wanted = set(groups_of(agency)) if agency else set(dm.BeneficiaryGroup)
    found = [(b, person) for b, person in standing_with_names(uow) if b.group in wanted]
    with uow:
        session = uow.repo.session
        villages = {str(v.id): v.name for v in uow.repo.villages()}
        commune = next(iter(uow.repo.communes()), None)
        listed = listed_receiver_names(session)
        recorded = latest_receivers(session)
    rank = {g: i for i, g in enumerate(dm.BeneficiaryGroup)}
    folded_villages = {key: fold(name) for key, name in villages.items()}
    found.sort(
        key=lambda pair: (
            pair[0].village_key not in villages,
            folded_villages.get(pair[0].village_key, ""),
            rank[pair[0].group],
            pair[1].name_folded,
            pair[0].personal_id,
        )
    )
    rows = []
    proxy, guardian = dm.FactField.PROXY_NAME.value, dm.FactField.GUARDIAN_NAME.value
    codes = {g: g.value for g in dm.BeneficiaryGroup}  # thousands of rows: no enum lookups
    for number, (one, person) in enumerate(found, start=1):
        names = listed.get(one.personal_id, _NO_NAMES)
        desk = recorded.get(one.personal_id)
        rows.append(
            BeneficiaryRow(
                number=number,
                personal_id=one.personal_id,
                full_name=person.full_name,
                birth_date=_day(person.birth_date),
                village=villages.get(one.village_key, ""),
                group=codes[one.group],
                payment=one.payment,
                has_account=one.has_account,
                account_bank=one.account_bank if one.has_account else "",
                account_opened_on=one.account_on if one.has_account else None,
                link=_link(one),
                proxy_name=names.get(proxy, ""),
                guardian_name=names.get(guardian, ""),
                last_visit=_local_date(
                    None if person.last_visit is None else as_utc(person.last_visit)
                ),
                receiver="" if desk is None else desk.holder.value,
                receiver_name="" if desk is None else desk.receiver_name.strip(),
                receiver_relation="" if desk is None else desk.relation.strip(),
            )
        )
    return BeneficiaryFile(rows, commune, today or local_today(), agency)


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

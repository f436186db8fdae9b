"""The monthly payment list (issue 19; seed 003 §3): accounts added or changed since the last.

Before each payment round the social-affairs office adds each beneficiary's account to the
payment lists. This export holds, per beneficiary group and village, everyone whose receiver
or account was recorded since the last list (events no list has held: `store/payments.py`),
with the details that stand today. Police and admins only; account numbers masked unless
the police choose to show them for this export. Each export is recorded (who, when, how
many) and logged without any of its data.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import datetime
from io import BytesIO
from pathlib import Path

from fieldapp.documents.payment_list import (
    GroupSheet,
    PaymentList,
    PaymentListRow,
    render_payment_list,
)
from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.payments import PaymentHolder
from fieldapp.domain.permissions import Action
from fieldapp.domain.status import fold_status
from fieldapp.domain.text import fold
from fieldapp.i18n import tr
from fieldapp.i18n.formats import date_text
from fieldapp.services.clock import LOCAL_TZ, utc_now
from fieldapp.services.payments import summarise
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import authorise
from fieldapp.store import payments as store
from fieldapp.store.documents_queries import events_for_many

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class PaymentListExported:
    """The file written and how many beneficiaries it holds."""

    path: Path
    rows: int
    unmasked: bool


@dataclass(frozen=True, slots=True)
class PaymentListRecord:
    """One earlier export, as the history shows it: who, when, how many."""

    exported_at: datetime
    user_name: str
    rows: int
    unmasked: bool


def build_payment_list(
    uow: UnitOfWork,
    *,
    actor: dm.User | uuid.UUID,
    unmasked: bool = False,
    now: datetime | None = None,
    lang: str = "vi",
) -> tuple[PaymentList, list[uuid.UUID]]:
    """The next list (what changed since the last) and the events it would mark as listed.

    Raises NotFoundError when nothing changed: an empty list is not worth sending.
    """
    at = now or utc_now()
    with uow:
        repo = uow.repo
        authorise(repo, actor, Action.EXPORT_PAYMENT_LIST)
        session = repo.session
        pids, event_ids = store.unlisted(session)
        if not pids:
            raise NotFoundError("paylist.nothing")
        seen_before = store.listed_before(session, pids)
        earlier = store.exports(session)
        payments = store.of_citizens(session, pids)
        _, facts = events_for_many(session, pids)
        citizens = {pid: repo.get_citizen(pid) for pid in pids}
        villages = {v.id: v.name for v in repo.villages()}
    rows: dict[dm.BeneficiaryGroup | None, list[PaymentListRow]] = {}
    for pid in pids:
        citizen = citizens[pid]
        if citizen is None:
            continue
        events = payments.get(pid, [])
        status = fold_status(citizen, (), facts.get(pid, ()), events)
        summary = summarise(
            status, events, facts.get(pid, ()), show_ids=True, show_account=unmasked
        )
        holder = summary.holder or summary.account_holder or PaymentHolder.SELF
        last = max(e.recorded_at for e in events)
        is_new = pid not in seen_before
        rows.setdefault(status.beneficiary_group, []).append(
            PaymentListRow(
                village=villages.get(citizen.village_id, "") if citizen.village_id else "",
                full_name=citizen.full_name,
                personal_id=pid,
                holder=tr(f"holder.{holder.value}", lang),
                receiver_name=summary.receiver_name,
                relation=summary.relation,
                receiver_id=summary.receiver_id_masked,
                bank=summary.bank,
                account=summary.account_masked,
                change=tr("paylist.new" if is_new else "paylist.changed", lang),
                recorded_on=date_text(last.astimezone(LOCAL_TZ).date(), lang),
                is_new=is_new,
            )
        )
    return _document(rows, earlier, at, unmasked, lang), event_ids


def _document(
    rows: dict[dm.BeneficiaryGroup | None, list[PaymentListRow]],
    earlier: list[tuple],
    at: datetime,
    unmasked: bool,
    lang: str,
) -> PaymentList:
    until = _moment_text(at, lang)
    if earlier:
        period = tr("paylist.period", lang, since=_moment_text(earlier[0][1], lang), until=until)
    else:
        period = tr("paylist.period_first", lang, until=until)
    order = [*dm.BeneficiaryGroup, None]
    sheets = []
    for group in sorted(rows, key=order.index):
        title = tr(f"group.{group.value}", lang) if group else tr("paylist.no_group", lang)
        ordered = sorted(rows[group], key=lambda r: (fold(r.village), fold(r.full_name)))
        sheets.append(GroupSheet(_sheet_name(title), title, tuple(ordered)))
    return PaymentList(
        title=tr("paylist.title", lang),
        period=period,
        masking_note=tr("paylist.unmasked" if unmasked else "paylist.masked", lang),
        sheets=tuple(sheets),
    )


def _sheet_name(title: str) -> str:
    """A sheet's name: at most 31 characters, none of Excel's forbidden ones."""
    cleaned = "".join("-" if ch in "[]:*?/\\" else ch for ch in title)
    return cleaned[:31]


def _moment_text(moment: datetime, lang: str) -> str:
    local = moment.astimezone(LOCAL_TZ)
    return f"{local:%H:%M} {date_text(local.date(), lang)}"


def export_payment_list(
    uow: UnitOfWork,
    target: Path,
    *,
    actor: dm.User | uuid.UUID,
    unmasked: bool = False,
    now: datetime | None = None,
) -> PaymentListExported:
    """Write the next list to `target` (atomically) and record the export in one transaction.

    The file is written before the export is recorded: a failed write records nothing, so
    the same changes come again in the next list.
    """
    at = now or utc_now()
    document, event_ids = build_payment_list(uow, actor=actor, unmasked=unmasked, now=at)
    buffer = BytesIO()
    render_payment_list(document, buffer)
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_name(target.name + ".part")
    temporary.write_bytes(buffer.getvalue())
    actor_id = actor.id if isinstance(actor, dm.User) else actor
    try:
        with uow:
            authorise(uow.repo, actor, Action.EXPORT_PAYMENT_LIST)
            store.record_export(
                uow.repo.session, export_id=uuid.uuid4(), at=at, user_id=actor_id,
                rows=document.row_count, unmasked=unmasked, event_ids=event_ids,
            )  # fmt: skip
            temporary.replace(target)
            uow.commit()
    finally:
        temporary.unlink(missing_ok=True)
    log.info(
        "payment list exported: %d rows, %d groups, unmasked=%s",
        document.row_count, len(document.sheets), unmasked,
    )  # fmt: skip
    return PaymentListExported(target, document.row_count, unmasked)


def payment_list_history(uow: UnitOfWork, *, actor: dm.User | uuid.UUID) -> list[PaymentListRecord]:
    """Every payment list made, newest first."""
    with uow:
        repo = uow.repo
        authorise(repo, actor, Action.EXPORT_PAYMENT_LIST)
        found = store.exports(repo.session)
        names = repo.user_names({row[2] for row in found})
    return [
        PaymentListRecord(when, names.get(user, "?"), rows, unmasked)
        for _id, when, user, rows, unmasked in found
    ]


def pending_count(uow: UnitOfWork, *, actor: dm.User | uuid.UUID) -> int:
    """How many beneficiaries the next list would hold."""
    with uow:
        authorise(uow.repo, actor, Action.EXPORT_PAYMENT_LIST)
        return len(store.unlisted(uow.repo.session)[0])

"""Payment receivers, payment accounts and payment-list exports in the store.

Receivers and accounts are events (only inserted). A payment list marks the events it listed
(`payment_list_entry`), so the next list is "since the last" even for events that reached the
police later, in a bundle, with an older time.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import Table, exists, func, insert, select
from sqlmodel import Session

from fieldapp.domain.payments import PaymentAccount, PaymentHolder, PaymentReceiver
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


RECEIVER, ACCOUNT = _table(t.PaymentReceiverRow), _table(t.PaymentAccountRow)
EXPORT, ENTRY = _table(t.PaymentListExport), _table(t.PaymentListEntry)


def receiver_values(event: PaymentReceiver) -> dict[str, object]:
    """A receiver event as a row."""
    return {
        "id": event.id,
        "personal_id": event.personal_id,
        "holder": event.holder.value,
        "receiver_name": event.receiver_name,
        "relation": event.relation,
        "receiver_id": event.receiver_id,
        "recorded_at": event.recorded_at,
        "user_id": event.user_id,
        "support_point_id": event.support_point_id,
    }


def account_values(event: PaymentAccount) -> dict[str, object]:
    """An account event as a row."""
    return {
        "id": event.id,
        "personal_id": event.personal_id,
        "holder": event.holder.value,
        "bank": event.bank,
        "account_number": event.account_number,
        "recorded_at": event.recorded_at,
        "user_id": event.user_id,
        "support_point_id": event.support_point_id,
    }


def _receiver(row: object) -> PaymentReceiver:
    return PaymentReceiver(
        id=row.id,  # type: ignore[attr-defined]
        personal_id=row.personal_id,  # type: ignore[attr-defined]
        holder=PaymentHolder(row.holder),  # type: ignore[attr-defined]
        receiver_name=row.receiver_name,  # type: ignore[attr-defined]
        relation=row.relation,  # type: ignore[attr-defined]
        receiver_id=row.receiver_id,  # type: ignore[attr-defined]
        recorded_at=row.recorded_at,  # type: ignore[attr-defined]
        user_id=row.user_id,  # type: ignore[attr-defined]
        support_point_id=row.support_point_id,  # type: ignore[attr-defined]
    )


receiver_event = _receiver  # for the readers of other modules


def _account(row: object) -> PaymentAccount:
    return PaymentAccount(
        id=row.id,  # type: ignore[attr-defined]
        personal_id=row.personal_id,  # type: ignore[attr-defined]
        holder=PaymentHolder(row.holder),  # type: ignore[attr-defined]
        bank=row.bank,  # type: ignore[attr-defined]
        account_number=row.account_number,  # type: ignore[attr-defined]
        recorded_at=row.recorded_at,  # type: ignore[attr-defined]
        user_id=row.user_id,  # type: ignore[attr-defined]
        support_point_id=row.support_point_id,  # type: ignore[attr-defined]
    )


def add_receiver(session: Session, event: PaymentReceiver) -> None:
    """Insert one receiver event."""
    session.flush()
    session.execute(insert(RECEIVER), [receiver_values(event)])


def add_account(session: Session, event: PaymentAccount) -> None:
    """Insert one account event."""
    session.flush()
    session.execute(insert(ACCOUNT), [account_values(event)])


def of_citizens(
    session: Session, personal_ids: Iterable[str]
) -> dict[str, list[PaymentReceiver | PaymentAccount]]:
    """The payment events of these citizens, oldest first, by personal ID."""
    session.flush()
    found: dict[str, list[PaymentReceiver | PaymentAccount]] = {}
    pids = sorted(set(personal_ids))
    for part in chunked(pids):
        for table, convert in ((RECEIVER, _receiver), (ACCOUNT, _account)):
            stmt = select(table).where(table.c.personal_id.in_(part))
            for row in session.execute(stmt):
                event = convert(row)
                found.setdefault(event.personal_id, []).append(event)
    for events in found.values():
        events.sort(key=lambda e: (e.recorded_at, str(e.id)))
    return found


def receiving_for(session: Session, receiver_id: str) -> list[str]:
    """Beneficiaries whose latest receiver record names this person as proxy or guardian."""
    session.flush()
    named = select(RECEIVER.c.personal_id).where(RECEIVER.c.receiver_id == receiver_id)
    pids = sorted(set(session.execute(named).scalars()))
    if not pids:
        return []
    latest: dict[str, PaymentReceiver] = {}
    for row in session.execute(select(RECEIVER).where(RECEIVER.c.personal_id.in_(pids))):
        event = _receiver(row)
        known = latest.get(event.personal_id)
        if known is None or (event.recorded_at, event.id) > (known.recorded_at, known.id):
            latest[event.personal_id] = event
    return [pid for pid, event in sorted(latest.items()) if event.receiver_id == receiver_id]


def with_payment_events(session: Session) -> list[str]:
    """Personal IDs of everyone with a receiver or account recorded (for report figures)."""
    session.flush()
    stmt = select(RECEIVER.c.personal_id).union(select(ACCOUNT.c.personal_id))
    return sorted(session.execute(stmt).scalars())


def unlisted(session: Session) -> tuple[list[str], list[uuid.UUID]]:
    """Beneficiaries with an event no payment list has held yet, and those events' ids."""
    session.flush()
    pids: set[str] = set()
    ids: list[uuid.UUID] = []
    for table in (RECEIVER, ACCOUNT):
        listed = exists().where(ENTRY.c.event_id == table.c.id)
        for pid, event_id in session.execute(
            select(table.c.personal_id, table.c.id).where(~listed)
        ):
            pids.add(pid)
            ids.append(event_id)
    return sorted(pids), ids


def listed_before(session: Session, personal_ids: Iterable[str]) -> set[str]:
    """Which of these beneficiaries an earlier payment list already held (a change, not new)."""
    found: set[str] = set()
    for part in chunked(sorted(set(personal_ids))):
        for table in (RECEIVER, ACCOUNT):
            stmt = (
                select(table.c.personal_id)
                .join(ENTRY, ENTRY.c.event_id == table.c.id)
                .where(table.c.personal_id.in_(part))
            )
            found.update(session.execute(stmt).scalars())
    return found


def record_export(
    session: Session,
    *,
    export_id: uuid.UUID,
    at: datetime,
    user_id: uuid.UUID,
    rows: int,
    unmasked: bool,
    event_ids: Iterable[uuid.UUID],
) -> None:
    """Remember one payment list: who, when, how many, and the events it listed."""
    session.flush()
    session.execute(
        insert(EXPORT),
        [{"id": export_id, "exported_at": at, "user_id": user_id, "rows": rows,
          "unmasked": unmasked}],
    )  # fmt: skip
    entries = [{"event_id": e, "export_id": export_id} for e in event_ids]
    for part in chunked(entries):
        session.execute(insert(ENTRY), part)


def exports(session: Session) -> list[tuple[uuid.UUID, datetime, uuid.UUID, int, bool]]:
    """Every payment list made, newest first: (id, when, who, rows, unmasked)."""
    session.flush()
    stmt = select(
        EXPORT.c.id, EXPORT.c.exported_at, EXPORT.c.user_id, EXPORT.c.rows, EXPORT.c.unmasked
    ).order_by(EXPORT.c.exported_at.desc())
    return [tuple(r) for r in session.execute(stmt)]  # type: ignore[misc]


def count_exports(session: Session) -> int:
    """How many payment lists were made."""
    return int(session.execute(select(func.count()).select_from(EXPORT)).scalar_one())

"""Export at a point: the events since the last export, for the commune police."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlmodel import Session

from fieldapp.services.bulk import bulk_work
from fieldapp.services.clock import utc_now
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.sync.common import (
    commune_peer,
    free_name,
    own_identity,
    peer_keys,
    slug,
    write_and_check,
)
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.sync.bundle import (
    KIND_EVENTS,
    encode_bundle,
    verify_bundle,
)
from fieldapp.sync.errors import (
    SyncError,
)
from fieldapp.sync.keys import ROLE_POINT, Identity, Keyring, PublicKeys
from fieldapp.sync.payload import encode_rows


@dataclass(frozen=True, slots=True)
class ExportResult:
    """One bundle written and read back: safe to remove the stick."""

    path: Path | None
    sequence: int
    events: int
    citizens: int
    recipient: str
    recipient_name: str = ""

    @property
    def written(self) -> bool:
        """False when there was nothing new to send."""
        return self.path is not None


def export_bundle(
    uow: UnitOfWork,
    keyring: Keyring,
    folder: Path,
    *,
    everything: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ExportResult:
    """At a point: write the events since the last export (or all) for the commune police.

    The file is written atomically, then read back and checked; only then are the events
    marked as sent. A full or read-only drive raises a clear error and changes nothing.
    """
    progress = progress or NullProgress()
    own = own_identity(keyring, ROLE_POINT)
    folder = Path(folder)
    progress.report(0, 4)
    with bulk_work(), uow:
        session = uow.repo.session
        commune = commune_peer(session)
        if commune is None:
            raise SyncError("sync.no_commune_card")
        recipient = peer_keys(commune)
        events, unmarked = q.events_to_export(session, everything=everything)
        count = sum(len(v) for v in events.values())
        if count == 0:
            return ExportResult(None, 0, 0, 0, recipient.fingerprint)
        check_cancelled(progress)
        progress.report(1, 4)
        sections = q.with_references(session, events)
        sequence = q.next_sequence(session, recipient.key_id.hex())
        created = now or utc_now()
        progress.report(2, 4)
        target = write_bundle(
            session,
            folder,
            f"{slug(own.public.name)}_{created:%Y-%m-%d}_goi-{sequence:04d}",
            sections,
            kind=KIND_EVENTS,
            sender=own,
            recipient=recipient,
            commune_id=commune.commune_id or uuid.UUID(int=0),
            sequence=sequence,
            created=created,
            events=count,
            full=everything,
            progress=progress,
        )
        progress.report(3, 4)
        q.mark_exported(session, unmarked, sequence, stored=True)
        uow.commit()
    progress.report(4, 4)
    return ExportResult(target, sequence, count, len(sections["citizens"]), recipient.fingerprint)


def write_bundle(
    session: Session,
    folder: Path,
    stem: str,
    sections: dict[str, list[tuple]],
    *,
    kind: int,
    sender: Identity,
    recipient: PublicKeys,
    commune_id: uuid.UUID,
    sequence: int,
    created: datetime,
    events: int,
    full: bool,
    progress: Progress,
) -> Path:
    """Seal store rows into a bundle, write it, read it back, and log the export.

    The file gets a free name in the folder; the log row joins the caller's transaction.
    Raises before writing if cancelled.
    """
    data = encode_bundle(
        {name: encode_rows(rows) for name, rows in sections.items()},
        kind=kind,
        sender=sender,
        recipient=recipient,
        commune_id=commune_id,
        sequence=sequence,
        created_at=created,
    )
    check_cancelled(progress)
    target = free_name(folder, stem)
    write_and_check(target, data)
    session.add(
        t.SyncExport(
            recipient=recipient.key_id.hex(),
            sequence=sequence,
            kind=kind,
            created_at=created,
            file_name=target.name,
            digest=verify_bundle(data).digest,
            events=events,
            full=full,
        )
    )
    return target

"""Export at a point: the events since the last export, for the commune police."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from fieldapp.domain import model as dm
from fieldapp.domain.permissions import Action
from fieldapp.domain.records import COLUMNS
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
from fieldapp.services.users import check as check_actor
from fieldapp.store import sync_peers as peers_q
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.sync_peers import StoreSession as Session
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

# A bundle holds at most about this many events: an export of a whole province's store is
# read, sealed and written one part at a time, each its own numbered bundle, so memory stays
# flat however big the store grows (a part is about 8 MB on the stick).
EVENTS_PER_BUNDLE = 200_000


@dataclass(frozen=True, slots=True)
class ExportResult:
    """The bundles written and read back: safe to remove the stick.

    A big export is split into several numbered bundles (`paths`, in order); `path` and
    `sequence` are the last one's, `events` and `citizens` the totals.
    """

    path: Path | None
    sequence: int
    events: int
    citizens: int
    recipient: str
    recipient_name: str = ""
    paths: tuple[Path, ...] = ()

    @property
    def written(self) -> bool:
        """False when there was nothing new to send."""
        return self.path is not None


def unexported_events(uow: UnitOfWork) -> int:
    """Events recorded here that no bundle carried yet: the quit reminder's count."""
    with uow:
        return q.count_unexported(uow.repo.session)


def export_bundle(
    uow: UnitOfWork,
    keyring: Keyring,
    folder: Path,
    *,
    everything: bool = False,
    progress: Progress | None = None,
    now: datetime | None = None,
    events_per_bundle: int = EVENTS_PER_BUNDLE,
    actor: dm.User,
) -> ExportResult:
    """At a point: write the events since the last export (or all) for the commune police.

    Each bundle is written atomically, then read back and checked; only then are its events
    marked as sent, in one transaction per bundle. A full or read-only drive raises a clear
    error: the bundles already written and marked stay valid, nothing of the failed one is.
    """
    check_actor(uow, actor, Action.EXPORT_BUNDLE)
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
        total = q.count_events_to_export(session, everything=everything)
        if total == 0:
            return ExportResult(None, 0, 0, 0, recipient.fingerprint)
        parts: list[tuple[str, str | None] | None] = [None]
        if total > events_per_bundle:
            per_part = max(1, q.count_citizens(session) * events_per_bundle // total)
            parts = list(q.citizen_ranges(session, per_part))
        created = now or utc_now()
        written: list[Path] = []
        sequence = events = citizens = 0
        for done, part in enumerate(parts):
            check_cancelled(progress)
            progress.report(1 + 2 * done // len(parts), 4)
            found, unmarked = q.events_to_export(session, everything=everything, citizens=part)
            found = own_events(session, found, own.public.point_id)
            count = sum(len(v) for v in found.values())
            if count == 0:
                continue
            sections = q.with_references(session, found)
            sequence = q.next_sequence(session, recipient.key_id.hex())
            written.append(
                write_bundle(
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
            )
            q.mark_exported(session, unmarked, sequence, stored=True)
            uow.commit()
            events += count
            citizens += len(sections["citizens"])
            del found, unmarked, sections
        progress.report(3, 4)
    progress.report(4, 4)
    if not written:  # only what the police had sent: nothing of this point's own
        return ExportResult(None, 0, 0, 0, recipient.fingerprint)
    return ExportResult(
        written[-1], sequence, events, citizens, recipient.fingerprint, paths=tuple(written)
    )


def own_events(
    session: Session, found: dict[str, list[tuple]], point_id: uuid.UUID | None
) -> dict[str, list[tuple]]:
    """What this point may send: its visits, outcomes on them, its own payment events; no facts.

    Its own corrections, receivers, accounts and visit helpers are those recorded at this
    point; no teams (the police's).

    "Export everything" also reads what the police's lists brought (other points' visits,
    official facts): the police would refuse a bundle holding them (`sync/rules.py`).
    """
    # the rows are raw (ids as the store holds them): compare with the point's stored forms
    # rather than build a UUID for every row
    forms: set[object] = set() if point_id is None else {point_id, point_id.hex, str(point_id)}

    def mine(value: object) -> bool:
        return value in forms or (
            value is not None and not isinstance(value, str) and _as_uuid(value) == point_id
        )

    visits = [r for r in found["visits"] if mine(r[3])]
    wanted = {r[1] for r in found["outcomes"]}
    at_point = {v for v, p in q.stored_visit_points_raw(session, wanted).items() if mine(p)}
    return {
        "visits": visits,
        "outcomes": [r for r in found["outcomes"] if r[1] in at_point],
        "facts": [],
        "corrections": [r for r in found.get("corrections", []) if mine(r[7])],
        "visit_helpers": [r for r in found.get("visit_helpers", []) if mine(r[6])],
        **{
            section: [r for r in found.get(section, []) if mine(r[_POINT_AT[section]])]
            for section in ("receivers", "accounts")
        },
    }


# where each payment section names the point that recorded the event
_POINT_AT = {s: COLUMNS[s].index("support_point_id") for s in ("receivers", "accounts")}


def _as_uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def write_bundle(
    session: Session,
    folder: Path,
    stem: str,
    sections: dict[str, Any],
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
    encoded: bool = False,
) -> Path:
    """Seal store rows into a bundle, write it, read it back, and log the export.

    The file gets a free name in the folder; the log row joins the caller's transaction.
    Raises before writing if cancelled. `encoded`: the sections are a JSON body already
    (a summary), not store rows.
    """
    data = encode_bundle(
        sections if encoded else {name: encode_rows(rows) for name, rows in sections.items()},
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
    peers_q.save(
        session,
        t.SyncExport(
            recipient=recipient.key_id.hex(),
            sequence=sequence,
            kind=kind,
            created_at=created,
            file_name=target.name,
            digest=verify_bundle(data).digest,
            events=events,
            full=full,
        ),
    )
    return target

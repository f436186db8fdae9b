"""Lists back to the points: official lists and confirmations, from the police."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.permissions import Action
from fieldapp.services.bulk import bulk_work
from fieldapp.services.clock import utc_now
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.sync.common import (
    enrolled_points,
    own_identity,
    peer_keys,
    slug,
)
from fieldapp.services.sync.export import ExportResult, write_bundle
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import check as check_actor
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.sync_peers import StoreSession as Session
from fieldapp.sync.bundle import (
    KIND_LISTS,
)
from fieldapp.sync.errors import SyncError
from fieldapp.sync.keys import (
    ROLE_COMMUNE,
    Identity,
    Keyring,
    format_fingerprint,
    parse_fingerprint,
)
from fieldapp.sync.payload import EVENT_SECTIONS

# A lists bundle holds at most this many citizens (with ≈ 2 facts each: a few MB sealed).
CITIZENS_PER_BUNDLE = 50_000


def export_lists(
    uow: UnitOfWork,
    keyring: Keyring,
    folder: Path,
    *,
    points: Sequence[str] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    actor: dm.User,
    citizens_per_bundle: int = CITIZENS_PER_BUNDLE,
) -> list[ExportResult]:
    """At the police: official lists and confirmations back to points (all enrolled if None).

    Each point gets the citizens of the village(s) the police chose for it at enrolment, with
    their facts, visits and outcomes, signed by the police and encrypted to that point's key.
    More than `citizens_per_bundle` citizens go as consecutive numbered bundles, read and
    sealed one personal-ID range at a time: memory stays flat however big the villages.
    A point whose village was never chosen is refused (before any file is written): sending
    it the whole commune would hand every citizen's details to one village's laptop.
    """
    check_actor(uow, actor, Action.EXPORT_LISTS)
    progress = progress or NullProgress()
    own = own_identity(keyring, ROLE_COMMUNE)
    folder = Path(folder)
    results: list[ExportResult] = []
    with bulk_work(), uow:
        session = uow.repo.session
        peers = enrolled_points(session)
        if points is not None:
            wanted = {parse_fingerprint(p).hex() for p in points}
            unknown = wanted - {p.fingerprint for p in peers}
            if unknown:
                raise NotFoundError(
                    "sync.peer_unknown", fingerprint=format_fingerprint(bytes.fromhex(min(unknown)))
                )
            peers = [p for p in peers if p.fingerprint in wanted]
        villages = {peer.fingerprint: q.peer_villages(session, peer.fingerprint) for peer in peers}
        for peer in peers:  # all checked before any file is written
            if not villages[peer.fingerprint]:
                raise SyncError(
                    "sync.point_village_unknown",
                    point=peer.name,
                    fingerprint=format_fingerprint(bytes.fromhex(peer.fingerprint)),
                )
        for index, peer in enumerate(peers):
            check_cancelled(progress)
            progress.report(index, len(peers))
            chosen = villages[peer.fingerprint]
            parts: list[tuple[str, str | None] | None] = [None]
            if q.count_citizens_of_villages(session, chosen) > citizens_per_bundle:
                parts = list(q.citizen_ranges(session, citizens_per_bundle, villages=chosen))
            for number, part in enumerate(parts):
                check_cancelled(progress)
                found = q.events_for_citizens(session, chosen, citizens=part)
                if number == 0:
                    found |= q.teams_of_villages(session, chosen)
                elif not found["citizens"]:
                    continue
                results.append(_write_part(session, folder, own, peer, found, now, progress))
                del found
        uow.commit()
    progress.report(len(results), len(results))
    return results


def _write_part(
    session: Session,
    folder: Path,
    own: Identity,
    peer: t.SyncPeer,
    found: dict[str, list[tuple]],
    now: datetime | None,
    progress: Progress,
) -> ExportResult:
    """One lists bundle for a point: these citizens with what they refer to, sealed and written."""
    sections = q.with_references(session, found)
    recipient = peer_keys(peer)
    sequence = q.next_sequence(session, peer.fingerprint)
    created = now or utc_now()
    events = sum(len(sections[s]) for s in EVENT_SECTIONS)
    target = write_bundle(
        session,
        folder,
        f"danh-sach_{slug(peer.name)}_{created:%Y-%m-%d}_so-{sequence:04d}",
        sections,
        kind=KIND_LISTS,
        sender=own,
        recipient=recipient,
        commune_id=own.public.commune_id or uuid.UUID(int=0),
        sequence=sequence,
        created=created,
        events=events,
        full=True,
        progress=progress,
    )
    return ExportResult(target, sequence, events, len(sections["citizens"]), recipient.fingerprint)

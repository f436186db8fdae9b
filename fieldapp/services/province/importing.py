"""At the province: communes' summary bundles in, each file standing or falling alone.

The rules of the bundle envelope are those of the points' bundles at the commune
(`services/sync/importing.py`, `docs/sync-format.md`): the signature first, then trust (an
unknown commune key is held aside until enrolled; a revoked one refused; a summary for another
province refused), replay and sequence checks, then the body (`sync/summary.py`), whose
impossible figures refuse the file naming the commune, the day and the figure. The walk over
the files is the commune's (`services/sync/file_import.py`), in one transaction with a
savepoint per file: 600 communes' files commit once, a refused one is rolled back alone.

For each day a summary reports, the figures of the summary with the highest sequence number
stand: a later summary replaces an earlier one, an older one arriving late changes nothing
(and says so). So any set of summaries, in any order, imported twice, gives the same figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.permissions import Action
from fieldapp.domain.summary import CommuneSummary
from fieldapp.services.clock import local_today, utc_now
from fieldapp.services.progress import NullProgress, Progress
from fieldapp.services.sync.common import REVOKED, own_identity
from fieldapp.services.sync.file_import import Source, import_each
from fieldapp.services.sync.importing import _check_sequence, _hold_aside, bundle_files
from fieldapp.services.sync.reporting import (
    IMPORTED,
    QUARANTINED,
    REPLAYED,
    FileResult,
    ImportReport,
)
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import check as check_actor
from fieldapp.store import province_queries as pq
from fieldapp.store import sync_peers as peers_q
from fieldapp.store import tables as t
from fieldapp.store.sync_peers import StoreSession as Session
from fieldapp.sync.bundle import KIND_SUMMARY, VerifiedBundle, decrypt_bundle, verify_bundle
from fieldapp.sync.errors import BundleRefusedError, UnknownSignerError
from fieldapp.sync.keys import ROLE_COMMUNE, ROLE_PROVINCE, Identity, Keyring, format_fingerprint
from fieldapp.sync.summary import decode_summary

OLDER = "older"  # a file whose every day is held from a newer summary: nothing changed


def import_summaries(
    uow: UnitOfWork,
    keyring: Keyring,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    actor: dm.User,
) -> ImportReport:
    """Import summary bundles (files or folders); each file stands or falls on its own."""
    check_actor(uow, actor, Action.IMPORT_SUMMARIES)
    identity = own_identity(keyring, ROLE_PROVINCE)
    files = bundle_files(paths)
    if not files:
        raise NotFoundError("sync.no_bundles_found")
    sources: list[Source] = [(p.name, p) for p in files]
    return _import(uow, identity, sources, progress or NullProgress())


def accept_held(uow: UnitOfWork, keyring: Keyring, sender: str, *, actor: dm.User) -> ImportReport:
    """Import the summaries held aside from a commune key enrolled since."""
    check_actor(uow, actor, Action.IMPORT_SUMMARIES)
    identity = own_identity(keyring, ROLE_PROVINCE)
    with uow:
        rows = peers_q.held_from(uow.repo.session, sender)
    return _import(uow, identity, list(rows), NullProgress())


def _import(
    uow: UnitOfWork, identity: Identity, sources: list[Source], progress: Progress
) -> ImportReport:
    """One transaction for the whole import, a savepoint per file: one commit, not 600."""
    today = local_today()
    known = _Known()

    def open_and_store(uow: UnitOfWork, name: str, data: bytes) -> FileResult:
        return _open_and_store(uow.repo.session, identity, name, data, today, known)

    return import_each(uow, sources, open_and_store, progress=progress, what="summary", batch=True)


class _Known:
    """The keys and communes, read once per import (an import changes neither).

    Each file would otherwise look its key and its commune up again: two queries of about a
    dozen per file, 1,200 for a day's 600 communes (a round trip each on a server).
    """

    def __init__(self) -> None:
        self._peers: dict[str, t.SyncPeer] | None = None
        self._communes: dict[Any, t.ProvinceCommune] = {}

    def peer(self, session: Session, key_id: str) -> t.SyncPeer | None:
        """The key with this id (hex), if known."""
        if self._peers is None:
            self._peers = peers_q.peers_by_key(session)
            self._communes = {c.commune_id: c for c in pq.communes(session) if c.commune_id}
        return self._peers.get(key_id)

    def commune(self, commune_id: Any) -> t.ProvinceCommune | None:
        """The province's commune enrolled with this commune id (after `peer`)."""
        return self._communes.get(commune_id)


def _open_and_store(
    session: Session, identity: Identity, name: str, data: bytes, today: Any, known: _Known
) -> FileResult:
    bundle = verify_bundle(data, file=name)
    header = bundle.header
    sender = header.sender_key_id.hex()
    try:
        peer = _check_trust(session, identity, bundle, name, known)
    except UnknownSignerError as err:
        _hold_aside(session, bundle, name)
        return FileResult(name, QUARANTINED, err.message_id, err.params, sender)
    commune = known.commune(header.commune_id)
    commune_name = commune.name if commune is not None else peer.name
    if peers_q.was_imported(session, bundle.digest):
        params = {"file": name, "sender": commune_name, "sequence": header.sequence}
        return FileResult(name, REPLAYED, "sync.replayed", params, sender, header.sequence)
    _check_sequence(session, peer, bundle, name)
    body = decrypt_bundle(bundle, identity, file=name)
    summary = decode_summary(body, commune_id=header.commune_id, today=today, file=name)
    summary.commune_name = commune_name  # the province's name for it, not the sender's label
    replaced, kept = _store(session, bundle, summary)
    peers_q.save(
        session,
        t.SyncImport(
            digest=bundle.digest,
            sender=sender,
            sequence=header.sequence,
            imported_at=utc_now(),
            file_name=name,
            new_events=len(replaced),
            known_events=len(kept),
        ),
    )
    peers_q.release_held(session, [bundle.digest])
    params = {
        "file": name,
        "commune": commune_name,
        "days": ", ".join(d.strftime("%d/%m") for d in replaced),
        "kept": ", ".join(d.strftime("%d/%m") for d in kept),
        "sequence": header.sequence,
    }
    if not replaced:
        message, status = "summary.older_nothing_changed", IMPORTED
    elif kept:
        message, status = "summary.imported_some_older", IMPORTED
    else:
        message, status = "summary.imported", IMPORTED
    result = FileResult(name, status, message, params, sender, header.sequence)
    result.new_events, result.known_events = len(replaced), len(kept)
    return result


def _check_trust(
    session: Session, identity: Identity, bundle: VerifiedBundle, name: str, known: _Known
) -> t.SyncPeer:
    header = bundle.header
    if header.kind != KIND_SUMMARY:
        raise BundleRefusedError("summary.wrong_kind", file=name)
    if header.recipient_key_id != identity.public.key_id:
        raise BundleRefusedError("summary.other_province", file=name, sender=header.sender_label)
    fingerprint = format_fingerprint(header.sender_key_id)
    peer = known.peer(session, header.sender_key_id.hex())
    if peer is None:
        raise UnknownSignerError(
            "summary.unknown_commune", file=name, fingerprint=fingerprint,
            sender=header.sender_label,
        )  # fmt: skip
    if peer.status == REVOKED:
        raise BundleRefusedError(
            "sync.revoked_signer", file=name, fingerprint=fingerprint, sender=peer.name
        )
    if peer.role != ROLE_COMMUNE or peer.commune_id != header.commune_id:
        raise BundleRefusedError("sync.damaged", file=name)
    return peer


def _store(
    session: Session, bundle: VerifiedBundle, summary: CommuneSummary
) -> tuple[list[Any], list[Any]]:
    """Each day of the summary replaces the stored one unless that came from a newer summary.

    Sequences count per key: a day stored from another key (the commune's old key, revoked
    since, for only the enrolled key's summaries get here) is replaced by the new key's.
    """
    header = bundle.header
    sender = header.sender_key_id.hex()
    replaced, kept = [], []
    for day in summary.days:
        held = pq.held_summary(session, header.commune_id, day.day)
        if held is not None and held.sender == sender and held.sequence > header.sequence:
            kept.append(day.day)
            continue
        rows = [
            pq.figure_row(
                summary.commune_id,
                day.day,
                row.kind,
                row.key,
                summary.unit_name(row.kind, row.key),
                row.figures,
            )
            for row in day.rows
        ]
        pq.replace_day(
            session,
            t.ProvinceSummary(
                commune_id=header.commune_id,
                day=day.day,
                sequence=header.sequence,
                digest=bundle.digest,
                sender=sender,
                imported_at=utc_now(),
            ),
            rows,
            held=held,
        )
        replaced.append(day.day)
    return replaced, kept

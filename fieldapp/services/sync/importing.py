"""Import: verify, decrypt, validate, and add bundles as a set union, one transaction each."""

from __future__ import annotations

import logging
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.permissions import Action
from fieldapp.domain.text import fold
from fieldapp.services import report_timelines
from fieldapp.services.clock import utc_now
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.sync.common import REVOKED
from fieldapp.services.sync.file_import import import_each
from fieldapp.services.sync.reporting import (
    IMPORTED,
    QUARANTINED,
    REPLAYED,
    FileResult,
    ImportReport,
)
from fieldapp.services.sync.rules import check_point_bundle, drop_official_copies
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import check as check_actor
from fieldapp.store import sync_peers as peers_q
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.corrections import reapply as reapply_corrections
from fieldapp.store.lists_queries import sqlite_bulk_writes
from fieldapp.store.sync_peers import StoreSession as Session
from fieldapp.sync.bundle import (
    BUNDLE_SUFFIX,
    KIND_EVENTS,
    KIND_LISTS,
    VerifiedBundle,
    decrypt_bundle,
    verify_bundle,
)
from fieldapp.sync.errors import (
    BundleRefusedError,
    SyncError,
    UnknownSignerError,
)
from fieldapp.sync.keys import (
    ROLE_COMMUNE,
    ROLE_POINT,
    Identity,
    Keyring,
    format_fingerprint,
)
from fieldapp.sync.payload import EVENT_SECTIONS, DecodedPayload, decode_payload

_log = logging.getLogger(__name__)
# A sender's next bundle is newest + 1; a few lost sticks leave gaps. A number this far ahead
# is not a lost stick: it would make every later number look "missing".
MAX_SEQUENCE_JUMP = 1000
# Bundles from keys not enrolled yet are kept (encrypted) until the point is enrolled.
MAX_HELD_BUNDLES = 200
MAX_HELD_FILE_BYTES = 32 * 1024 * 1024
MAX_HELD_BYTES = 256 * 1024 * 1024


@dataclass
class _Accepted:
    result: FileResult
    bundle: VerifiedBundle
    payload: DecodedPayload


def bundle_files(paths: Iterable[Path]) -> list[Path]:
    """The files to import: files as given, folders searched for bundles (sorted)."""
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found.extend(
                p
                for p in sorted(path.rglob(f"*{BUNDLE_SUFFIX}"))
                if p.is_file() and not p.name.startswith(".")
            )
        else:
            found.append(path)
    return found


def import_bundles(
    uow: UnitOfWork,
    keyring: Keyring,
    paths: Iterable[Path],
    *,
    progress: Progress | None = None,
    actor: dm.User,
) -> ImportReport:
    """Verify, decrypt, validate and add bundles as a set union, each in its own transaction.

    At the police: points' events. At a point: lists from the police. Bad files are refused
    one by one (nothing of them stored, the others still go in); bundles from keys not
    enrolled are held aside.
    """
    check_actor(uow, actor, Action.IMPORT_BUNDLES)
    identity = keyring.load()
    files = bundle_files(paths)
    if not files:
        raise NotFoundError("sync.no_bundles_found")
    sources: list[tuple[str, Path | bytes]] = [(path.name, path) for path in files]
    return _import(uow, identity, sources, progress=progress or NullProgress())


def accept_quarantined(uow: UnitOfWork, identity: Identity, sender: str) -> ImportReport:
    """Import the bundles held aside from a key that is now enrolled."""
    with uow:
        rows = peers_q.held_from(uow.repo.session, sender)
    sources: list[tuple[str, Path | bytes]] = list(rows)
    if not sources:
        return ImportReport()
    return _import(uow, identity, sources, progress=NullProgress())


def _import(
    uow: UnitOfWork,
    identity: Identity,
    sources: list[tuple[str, Path | bytes]],
    *,
    progress: Progress,
) -> ImportReport:
    """Each bundle in its own transaction: one bad or hostile file never costs the others."""

    def open_and_store(uow: UnitOfWork, name: str, data: bytes) -> FileResult:
        session = uow.repo.session
        result, accepted = _open_one(session, identity, name, data)
        if accepted is None:
            return result
        check_cancelled(progress)
        # a big page cache and no per-row foreign-key probes (the payload's reference check
        # and the order of `_store` keep the keys right), until this file's commit
        with sqlite_bulk_writes(session):
            current = report_timelines.cache_is_current(uow)
            changed = _store(session, [accepted])
            # the figures' per-citizen status follows the events, in this transaction: only
            # citizens a row was really written about (a bundle of known events folds nobody)
            report_timelines.refold_touched(uow, changed, was_current=current)
            uow.commit()
        return result

    return import_each(uow, sources, open_and_store, progress=progress)


def _open_one(
    session: Session, identity: Identity, name: str, data: bytes
) -> tuple[FileResult, _Accepted | None]:
    """What to do with one file: refuse it, hold it aside, call it a replay, or accept it."""
    bundle = verify_bundle(data, file=name)
    header = bundle.header
    try:
        peer = _check_trust(session, identity, bundle, name)
    except UnknownSignerError as err:
        _hold_aside(session, bundle, name)
        return FileResult(
            name, QUARANTINED, err.message_id, err.params, header.sender_key_id.hex()
        ), None
    sender = header.sender_key_id.hex()
    if peers_q.was_imported(session, bundle.digest):
        return FileResult(
            name,
            REPLAYED,
            "sync.replayed",
            {"file": name, "sender": peer.name, "sequence": header.sequence},
            sender,
            header.sequence,
        ), None
    try:
        _check_sequence(session, peer, bundle, name)
        payload = decode_payload(
            decrypt_bundle(bundle, identity, file=name), file=name, now=utc_now()
        )
        if header.kind == KIND_EVENTS:
            assert peer.point_id is not None  # `_check_trust` refuses a point without one
            check_point_bundle(session, payload, peer.point_id, name)
            drop_official_copies(session, payload)
    except BundleRefusedError as err:
        err.params.setdefault("point", peer.name)
        raise
    result = FileResult(name, IMPORTED, "sync.imported", {"file": name}, sender, header.sequence)
    return result, _Accepted(result, bundle, payload)


def _check_trust(
    session: Session, identity: Identity, bundle: VerifiedBundle, name: str
) -> t.SyncPeer:
    """The enrolled sender of a bundle meant for us: police take events, points take lists."""
    header = bundle.header
    own = identity.public
    police = own.role == ROLE_COMMUNE
    fingerprint = format_fingerprint(header.sender_key_id)
    if header.kind != (KIND_EVENTS if police else KIND_LISTS):
        raise BundleRefusedError("sync.wrong_kind", file=name)
    peer = peers_q.peer(session, header.sender_key_id.hex())
    if police:
        if header.recipient_key_id != own.key_id or header.commune_id != own.commune_id:
            raise BundleRefusedError("sync.other_commune", file=name)
        if header.sender_point_id is None:
            raise BundleRefusedError("sync.no_point_id", file=name)
        if peer is None:
            raise UnknownSignerError(
                "sync.unknown_signer",
                file=name,
                fingerprint=fingerprint,
                sender=header.sender_label,
            )
    else:
        if header.recipient_key_id != own.key_id:
            raise BundleRefusedError("sync.not_for_this_point", file=name)
        if peer is None or peer.role != ROLE_COMMUNE:
            raise BundleRefusedError("sync.unknown_commune_key", file=name, fingerprint=fingerprint)
    if peer.status == REVOKED:
        raise BundleRefusedError(
            "sync.revoked_signer", file=name, fingerprint=fingerprint, sender=peer.name
        )
    if police and (peer.role != ROLE_POINT or peer.point_id is None):
        # Enrolled before points had to say which point they are: no rule could hold it.
        raise BundleRefusedError("sync.peer_without_point", file=name, sender=peer.name)
    if police and header.sender_point_id != peer.point_id:
        raise BundleRefusedError("sync.damaged", file=name)
    return peer


def _check_sequence(session: Session, peer: t.SyncPeer, bundle: VerifiedBundle, name: str) -> None:
    """Each sender numbers its bundles 1, 2, 3...: a number used twice or far ahead is refused."""
    sequence = bundle.header.sequence
    used = q.imported_sequences(session, peer.fingerprint)
    if sequence in used:
        raise BundleRefusedError("sync.sequence_reused", file=name, sequence=sequence)
    newest = max(used, default=0)
    if sequence > newest + MAX_SEQUENCE_JUMP:
        raise BundleRefusedError("sync.sequence_jump", file=name, sequence=sequence, newest=newest)


def _hold_aside(session: Session, bundle: VerifiedBundle, name: str) -> None:
    """Keep a bundle from an unknown key, within limits: a stick of junk cannot fill the disk."""
    if peers_q.is_held(session, bundle.digest):
        return
    size = len(bundle.header_bytes) + len(bundle.ciphertext) + len(bundle.signature)
    count, held_bytes = q.held_aside(session)
    if (
        size > MAX_HELD_FILE_BYTES
        or count >= MAX_HELD_BUNDLES
        or held_bytes + size > MAX_HELD_BYTES
    ):
        raise BundleRefusedError(
            "sync.quarantine_full",
            file=name,
            sender=bundle.header.sender_label,
            fingerprint=format_fingerprint(bundle.header.sender_key_id),
        )
    header = bundle.header
    peers_q.save(
        session,
        t.SyncQuarantine(
            digest=bundle.digest,
            sender=header.sender_key_id.hex(),
            sender_label=header.sender_label,
            sequence=header.sequence,
            file_name=name,
            received_at=utc_now(),
            data=bundle.header_bytes + bundle.ciphertext + bundle.signature,
        ),
    )


def _store(session: Session, accepted: list[_Accepted]) -> set[str]:
    """The set union: new ids inserted, known ids left alone; citizens merged by rank.

    Returns the citizens whose stored rows changed: an event of theirs was inserted, their
    own row was inserted or updated by the merge, or a correction was applied to it again.
    """
    changed: set[str] = set()
    if not accepted:
        return changed
    local_commune = q.local_commune_id(session)
    _match_villages(session, accepted)
    for section in ("villages", "points", "users", *EVENT_SECTIONS):
        if section == "facts":  # keyed by (personal ID, id): found again by both
            pairs = {(r["personal_id"], r["id"]) for a in accepted for r in a.payload.rows(section)}
            seen = q.existing_facts(session, pairs)
        else:
            all_ids = {row["id"] for a in accepted for row in a.payload.rows(section)}
            seen = q.existing_keys(session, section, all_ids)
        fresh: list[dict[str, Any]] = []
        for item in accepted:
            new = known = 0
            for row in item.payload.rows(section):
                if row["id"] in seen:
                    known += 1
                    continue
                seen.add(row["id"])
                new += 1
                fresh.append(_complete(section, row, local_commune))
                if section in EVENT_SECTIONS:
                    changed.add(row["personal_id"])
            if section in EVENT_SECTIONS:
                item.result.new_events += new
                item.result.known_events += known
        if section == "villages" and fresh and local_commune is None:
            raise SyncError("sync.commune_not_set_up")
        if section == "visits":
            # Citizens first: visits, outcomes and facts refer to them.
            incoming = [r for a in accepted for r in a.payload.rows("citizens")]
            q.merge_citizens(session, incoming, changed=changed)
        if section == "users":
            _store_police_rows(session, accepted)
        q.insert_new(session, section, fresh)
    # Merged citizen rows may predate a correction: the latest correction of each field wins.
    corrected = {r["personal_id"] for a in accepted for r in a.payload.rows("corrections")}
    corrected |= {r["personal_id"] for a in accepted for r in a.payload.rows("citizens")}
    # most citizens have no correction at all: one keyed read finds those who do
    reapply_corrections(session, q.with_corrections(session, corrected), changed=changed)
    now = utc_now()
    for item in accepted:
        header = item.bundle.header
        peers_q.save(
            session,
            t.SyncImport(
                digest=item.bundle.digest,
                sender=header.sender_key_id.hex(),
                sequence=header.sequence,
                imported_at=now,
                file_name=item.result.file,
                new_events=item.result.new_events,
                known_events=item.result.known_events,
            ),
        )
        if header.kind == KIND_LISTS:
            # What the police sent must not travel back as this point's own news.
            q.mark_exported(
                session,
                {s: [r["id"] for r in item.payload.rows(s)] for s in EVENT_SECTIONS},
                0,
            )
        item.result.params = {
            "file": item.result.file,
            "new": item.result.new_events,
            "known": item.result.known_events,
        }
        if item.result.new_events == 0:
            item.result.message_id = "sync.nothing_new"
    peers_q.release_held(session, [a.bundle.digest for a in accepted])
    return changed


def _store_police_rows(session: Session, accepted: list[_Accepted]) -> None:
    """At a point, from the police only: their village teams and members, as they are now.

    A point's own bundle never gets here with any (`sync/rules.py` refuses it); units and
    rosters stay at the police (they never send them).
    """
    for item in accepted:
        if item.bundle.header.kind != KIND_LISTS:
            continue
        for section in ("teams", "team_members"):
            q.put_police_rows(session, section, item.payload.rows(section))


def _match_villages(session: Session, accepted: list[_Accepted]) -> None:
    """A point's village that the police know by name (set up on both sides) is the police's.

    Points are set up on their own laptops, so the same "Thôn 3" may carry another id there.
    Ids the store knows stay; an unknown id whose name matches a stored village is replaced
    by the stored id in the bundle's points and citizens, and its row dropped.
    """
    incoming = [r for a in accepted for r in a.payload.rows("villages")]
    if not incoming:
        return
    known_ids = q.existing_keys(session, "villages", {r["id"] for r in incoming})
    by_name = q.villages_by_folded_name(session)
    remap = {
        r["id"]: by_name[fold(r["name"])].hex  # the payload's form of an id
        for r in incoming
        if r["id"] not in known_ids and fold(r["name"]) in by_name
    }
    if not remap:
        return
    for item in accepted:
        sections = item.payload.sections
        sections["villages"] = [r for r in item.payload.rows("villages") if r["id"] not in remap]
        for section in ("points", "citizens", "teams"):
            for row in item.payload.rows(section):
                if row["village_id"] in remap:
                    row["village_id"] = remap[row["village_id"]]


_NO_SIGN_IN = {"failed_pins": 0, "locked": False, "pin_change_needed": False}


def _complete(section: str, row: dict[str, Any], local_commune: uuid.UUID | None) -> dict[str, Any]:
    """Columns the bundle does not carry: secrets never travel, remote users cannot sign in."""
    if section == "villages":
        return row | {"commune_id": local_commune, "name_folded": fold(row["name"])}
    if section == "users":
        return row | {"pin_hash": "", "active": False} | _NO_SIGN_IN
    return row

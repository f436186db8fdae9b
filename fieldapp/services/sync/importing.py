"""Import: verify, decrypt, validate, and add bundles as a set union in one transaction."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.text import fold
from fieldapp.services.bulk import bulk_work
from fieldapp.services.clock import utc_now
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.sync.common import REVOKED
from fieldapp.services.sync.reporting import (
    IMPORTED,
    QUARANTINED,
    REFUSED,
    REPLAYED,
    FileResult,
    ImportReport,
    summaries,
)
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.corrections import reapply as reapply_corrections
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
    Identity,
    Keyring,
    format_fingerprint,
)
from fieldapp.sync.payload import EVENT_SECTIONS, DecodedPayload, decode_payload


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
) -> ImportReport:
    """Verify, decrypt, validate and add bundles as a set union, in one transaction.

    At the police: points' events. At a point: lists from the police. Bad files are refused
    one by one (nothing of them stored); bundles from keys not enrolled are held aside.
    """
    identity = keyring.load()
    files = bundle_files(paths)
    if not files:
        raise NotFoundError("sync.no_bundles_found")
    sources: list[tuple[str, bytes | OSError]] = []
    for path in files:
        try:
            sources.append((path.name, path.read_bytes()))
        except OSError as err:
            sources.append((path.name, err))
    return _import(uow, identity, sources, progress=progress or NullProgress())


def accept_quarantined(uow: UnitOfWork, identity: Identity, sender: str) -> ImportReport:
    """Import the bundles held aside from a key that is now enrolled."""
    with uow:
        rows = uow.repo.session.execute(
            select(t.SyncQuarantine.file_name, t.SyncQuarantine.data).where(
                t.SyncQuarantine.sender == sender
            )
        ).all()
    sources: list[tuple[str, bytes | OSError]] = [(name, bytes(data)) for name, data in rows]
    if not sources:
        return ImportReport()
    return _import(uow, identity, sources, progress=NullProgress())


def _import(
    uow: UnitOfWork,
    identity: Identity,
    sources: list[tuple[str, bytes | OSError]],
    *,
    progress: Progress,
) -> ImportReport:
    report = ImportReport()
    total = len(sources) + 1
    with bulk_work(), uow:
        session = uow.repo.session
        peers = {r.fingerprint: r for r in session.execute(select(t.SyncPeer)).scalars()}
        seen_digests = set(session.execute(select(t.SyncImport.digest)).scalars())
        accepted: list[_Accepted] = []
        for index, (name, data) in enumerate(sources):
            check_cancelled(progress)
            progress.report(index, total)
            result = _open_one(session, identity, peers, seen_digests, name, data, accepted)
            report.files.append(result)
        check_cancelled(progress)
        progress.report(len(sources), total)
        _store(session, identity, accepted)
        check_cancelled(progress)
        report.senders = summaries(session, peers, report.files)
        uow.commit()
    progress.report(total, total)
    return report


def _open_one(
    session: Session,
    identity: Identity,
    peers: dict[str, t.SyncPeer],
    seen_digests: set[str],
    name: str,
    data: bytes | OSError,
    accepted: list[_Accepted],
) -> FileResult:
    if isinstance(data, OSError):
        return FileResult(name, REFUSED, "sync.unreadable", {"file": name})
    try:
        bundle = verify_bundle(data, file=name)
        peer = _check_trust(identity, peers, bundle, name)
        header = bundle.header
        sender = header.sender_key_id.hex()
        if bundle.digest in seen_digests:
            return FileResult(
                name,
                REPLAYED,
                "sync.replayed",
                {"file": name, "sender": peer.name, "sequence": header.sequence},
                sender,
                header.sequence,
            )
        payload = decode_payload(decrypt_bundle(bundle, identity, file=name), file=name)
        if header.kind == KIND_EVENTS:
            _check_own_events(payload, peer, name)
    except UnknownSignerError as err:
        _hold_aside(session, bundle, name)
        return FileResult(
            name, QUARANTINED, err.message_id, err.params, bundle.header.sender_key_id.hex()
        )
    except BundleRefusedError as err:
        return FileResult(name, REFUSED, err.message_id, err.params)
    seen_digests.add(bundle.digest)
    result = FileResult(
        name, IMPORTED, "sync.imported", {"file": name}, sender, bundle.header.sequence
    )
    accepted.append(_Accepted(result, bundle, payload))
    return result


def _check_trust(
    identity: Identity, peers: dict[str, t.SyncPeer], bundle: VerifiedBundle, name: str
) -> t.SyncPeer:
    """The enrolled sender of a bundle meant for us: police take events, points take lists."""
    header = bundle.header
    own = identity.public
    police = own.role == ROLE_COMMUNE
    fingerprint = format_fingerprint(header.sender_key_id)
    if header.kind != (KIND_EVENTS if police else KIND_LISTS):
        raise BundleRefusedError("sync.wrong_kind", file=name)
    peer = peers.get(header.sender_key_id.hex())
    if police:
        if header.recipient_key_id != own.key_id or header.commune_id != own.commune_id:
            raise BundleRefusedError("sync.other_commune", file=name)
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
    if police and peer.point_id is not None and header.sender_point_id != peer.point_id:
        raise BundleRefusedError("sync.damaged", file=name)
    return peer


def _check_own_events(payload: DecodedPayload, peer: t.SyncPeer, name: str) -> None:
    """A point may only speak for itself: its visits must be at that point."""
    for index, row in enumerate(payload.rows("visits")):
        if peer.point_id is not None and row["support_point_id"] != peer.point_id:
            raise BundleRefusedError("sync.foreign_events", file=name, row=index + 1)


def _hold_aside(session: Session, bundle: VerifiedBundle, name: str) -> None:
    if session.get(t.SyncQuarantine, bundle.digest) is not None:
        return
    header = bundle.header
    session.add(
        t.SyncQuarantine(
            digest=bundle.digest,
            sender=header.sender_key_id.hex(),
            sender_label=header.sender_label,
            sequence=header.sequence,
            file_name=name,
            received_at=utc_now(),
            data=bundle.header_bytes + bundle.ciphertext + bundle.signature,
        )
    )


def _store(session: Session, identity: Identity, accepted: list[_Accepted]) -> None:
    """The set union: new ids inserted, known ids left alone; citizens merged by rank."""
    if not accepted:
        return
    local_commune = q.local_commune_id(session)
    _match_villages(session, accepted)
    for section in ("villages", "points", "users", "visits", "outcomes", "facts", "corrections"):
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
                item.result.new_events += new
                item.result.known_events += known
        if section == "villages" and fresh and local_commune is None:
            raise SyncError("sync.commune_not_set_up")
        if section == "visits":
            # Citizens first: visits, outcomes and facts refer to them.
            q.merge_citizens(session, [r for a in accepted for r in a.payload.rows("citizens")])
        q.insert_new(session, section, fresh)
    # Merged citizen rows may predate a correction: the latest correction of each field wins.
    corrected = {r["personal_id"] for a in accepted for r in a.payload.rows("corrections")}
    corrected |= {r["personal_id"] for a in accepted for r in a.payload.rows("citizens")}
    reapply_corrections(session, corrected)
    now = utc_now()
    for item in accepted:
        header = item.bundle.header
        session.add(
            t.SyncImport(
                digest=item.bundle.digest,
                sender=header.sender_key_id.hex(),
                sequence=header.sequence,
                imported_at=now,
                file_name=item.result.file,
                new_events=item.result.new_events,
                known_events=item.result.known_events,
            )
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
    session.execute(
        t.SyncQuarantine.__table__.delete().where(  # type: ignore[attr-defined]
            t.SyncQuarantine.digest.in_([a.bundle.digest for a in accepted])  # type: ignore[attr-defined]
        )
    )
    session.flush()


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
        r["id"]: by_name[fold(r["name"])]
        for r in incoming
        if r["id"] not in known_ids and fold(r["name"]) in by_name
    }
    if not remap:
        return
    for item in accepted:
        sections = item.payload.sections
        sections["villages"] = [r for r in item.payload.rows("villages") if r["id"] not in remap]
        for section in ("points", "citizens"):
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

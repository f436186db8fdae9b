"""Use cases of the sync area: keys, enrolment, exporting and importing bundles.

The police hold the commune's identity; every support point holds its own. Points send their
events to the police; the police send official lists and confirmations back. Each import is one
transaction for all the bundles given; a refused file stores nothing.
"""

from __future__ import annotations

import base64
import contextlib
import os
import re
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlmodel import Session

from fieldapp.domain.errors import ConflictError, NotFoundError
from fieldapp.domain.text import fold
from fieldapp.services.clock import utc_now
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.setup import this_point
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.engine import data_folder, sqlite_path
from fieldapp.sync.atomic import read_back, write_atomically
from fieldapp.sync.bundle import (
    BUNDLE_SUFFIX,
    KIND_EVENTS,
    KIND_LISTS,
    VerifiedBundle,
    decrypt_bundle,
    encode_bundle,
    verify_bundle,
)
from fieldapp.sync.errors import (
    BundleRefusedError,
    ExportWriteError,
    SyncError,
    UnknownSignerError,
)
from fieldapp.sync.keys import (
    CARD_SUFFIX,
    ROLE_COMMUNE,
    ROLE_POINT,
    Identity,
    Keyring,
    PublicKeys,
    card_bytes,
    format_fingerprint,
    parse_card,
    parse_fingerprint,
)
from fieldapp.sync.payload import EVENT_SECTIONS, DecodedPayload, decode_payload, encode_rows

ENV_KEYS = "FIELDAPP_KEYS"
ENROLLED = "enrolled"
REVOKED = "revoked"


# Keys and enrolment ----------------------------------------------------------------------------
def keyring_for(db_url: str) -> Keyring:
    """Where the keys live: $FIELDAPP_KEYS, else beside the SQLite store, else the data folder."""
    explicit = os.environ.get(ENV_KEYS)
    if explicit:
        return Keyring(Path(explicit).expanduser())
    path = sqlite_path(db_url)
    return Keyring((path.parent if path is not None else data_folder()) / "keys")


def create_commune_keys(
    uow: UnitOfWork, keyring: Keyring, *, name: str | None = None
) -> PublicKeys:
    """At the police, once: the commune's key pair, tied to this store's commune."""
    with uow:
        communes = uow.repo.communes()
    if not communes:
        raise NotFoundError("sync.commune_not_set_up")
    commune = communes[0]
    label = name or f"Công an {commune.name}"
    identity = keyring.create(ROLE_COMMUNE, label, commune_id=commune.id, point_id=None)
    return identity.public


def ensure_point_keys(uow: UnitOfWork, keyring: Keyring) -> PublicKeys:
    """At a point: its signing and encryption keys, made on first use."""
    if keyring.exists():
        identity = keyring.load()
        if identity.public.role != ROLE_POINT:
            raise SyncError("sync.not_a_point")
        return identity.public
    point = this_point(uow)
    return keyring.create(ROLE_POINT, point.name, commune_id=None, point_id=point.id).public


def export_key_card(keyring: Keyring, folder: Path) -> Path:
    """Write this installation's key card (public keys and fingerprint) to a folder."""
    public = keyring.load().public
    kind = "cong-an" if public.role == ROLE_COMMUNE else "diem"
    target = Path(folder) / f"the-khoa_{kind}_{_slug(public.name)}{CARD_SUFFIX}"
    data = card_bytes(public)
    write_atomically(target, data)
    if not read_back(target, data):
        raise ExportWriteError("sync.verify_failed", file=target.name)
    return target


def import_commune_card(
    uow: UnitOfWork, keyring: Keyring, path: Path, *, fingerprint: str | None = None
) -> PublicKeys:
    """At a point: trust the commune police's key card (after comparing its fingerprint)."""
    card = _read_card(path)
    if card.role != ROLE_COMMUNE:
        raise SyncError("sync.card_not_commune")
    _check_typed_fingerprint(card, fingerprint)
    ensure_point_keys(uow, keyring)
    with uow:
        session = uow.repo.session
        current = _commune_peer(session)
        if current is not None and current.fingerprint != card.key_id.hex():
            raise ConflictError("sync.commune_card_differs", fingerprint=card.fingerprint)
        if current is None:
            session.add(_peer_row(card))
        uow.commit()
    return card


def enrol_point(
    uow: UnitOfWork,
    keyring: Keyring,
    *,
    card_path: Path | None = None,
    fingerprint: str | None = None,
) -> tuple[PublicKeys, ImportReport]:
    """At the police: trust a point's key, from its key card or from a held-aside bundle.

    The fingerprint a person read on the point's screen must match when given (it is required
    without a card). Bundles held aside from that key are imported right away.
    """
    own = _own(keyring, ROLE_COMMUNE)
    if card_path is not None:
        card = _read_card(card_path)
        if card.role != ROLE_POINT:
            raise SyncError("sync.card_not_point")
        _check_typed_fingerprint(card, fingerprint)
    elif fingerprint is not None:
        card = _card_from_quarantine(uow, parse_fingerprint(fingerprint).hex())
    else:
        raise SyncError("sync.enrol_needs_card")
    with uow:
        session = uow.repo.session
        row = session.get(t.SyncPeer, card.key_id.hex())
        if row is None:
            session.add(_peer_row(card))
        elif row.status == REVOKED:
            raise ConflictError("sync.key_revoked", fingerprint=card.fingerprint)
        uow.commit()
    report = accept_quarantined(uow, own, card.key_id.hex())
    return card, report


def revoke_point(uow: UnitOfWork, fingerprint: str) -> PeerInfo:
    """At the police: stop trusting a point's key (lost laptop); its bundles are refused."""
    key = parse_fingerprint(fingerprint).hex()
    with uow:
        row = uow.repo.session.get(t.SyncPeer, key)
        if row is None:
            raise NotFoundError(
                "sync.peer_unknown", fingerprint=format_fingerprint(bytes.fromhex(key))
            )
        row.status = REVOKED
        row.revoked_at = utc_now()
        uow.repo.session.add(row)
        info = _peer_info(row)
        uow.commit()
    return info


@dataclass(frozen=True, slots=True)
class PeerInfo:
    """A trusted key as the screens show it."""

    fingerprint: str
    role: str
    name: str
    point_id: uuid.UUID | None
    status: str


@dataclass(frozen=True, slots=True)
class HeldBundle:
    """A bundle from a key not enrolled yet."""

    fingerprint: str
    sender: str
    sequence: int
    file_name: str
    received_at: datetime


@dataclass(frozen=True, slots=True)
class KeysOverview:
    """What `keys show` and the keys screen display."""

    own: PublicKeys | None
    peers: tuple[PeerInfo, ...]
    held: tuple[HeldBundle, ...]


def keys_overview(uow: UnitOfWork, keyring: Keyring) -> KeysOverview:
    """The fingerprint of this installation, the keys it trusts, and bundles held aside."""
    own = keyring.load().public if keyring.exists() else None
    with uow:
        session = uow.repo.session
        peers = tuple(
            _peer_info(r)
            for r in session.execute(select(t.SyncPeer).order_by(t.SyncPeer.name)).scalars()
        )
        held = tuple(
            HeldBundle(
                format_fingerprint(bytes.fromhex(r.sender)),
                r.sender_label,
                r.sequence,
                r.file_name,
                r.received_at,
            )
            for r in session.execute(
                select(
                    t.SyncQuarantine.sender,
                    t.SyncQuarantine.sender_label,
                    t.SyncQuarantine.sequence,
                    t.SyncQuarantine.file_name,
                    t.SyncQuarantine.received_at,
                ).order_by(t.SyncQuarantine.received_at)
            )
        )
    return KeysOverview(own, peers, held)


# Export ----------------------------------------------------------------------------------------
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
    own = _own(keyring, ROLE_POINT)
    folder = Path(folder)
    progress.report(0, 4)
    with uow:
        session = uow.repo.session
        commune = _commune_peer(session)
        if commune is None:
            raise SyncError("sync.no_commune_card")
        recipient = _public(commune)
        events, unmarked = q.events_to_export(session, everything=everything)
        count = sum(len(v) for v in events.values())
        if count == 0:
            return ExportResult(None, 0, 0, 0, recipient.fingerprint)
        check_cancelled(progress)
        progress.report(1, 4)
        sections = q.with_references(session, events)
        sequence = q.next_sequence(session, recipient.key_id.hex())
        created = now or utc_now()
        data = encode_bundle(
            {name: encode_rows(rows) for name, rows in sections.items()},
            kind=KIND_EVENTS,
            sender=own,
            recipient=recipient,
            commune_id=commune.commune_id or uuid.UUID(int=0),
            sequence=sequence,
            created_at=created,
        )
        check_cancelled(progress)
        progress.report(2, 4)
        target = _free_name(
            folder, f"{_slug(own.public.name)}_{created:%Y-%m-%d}_goi-{sequence:04d}"
        )
        _write_and_check(target, data)
        progress.report(3, 4)
        q.mark_exported(session, unmarked, sequence)
        session.add(
            t.SyncExport(
                recipient=recipient.key_id.hex(),
                sequence=sequence,
                kind=KIND_EVENTS,
                created_at=created,
                file_name=target.name,
                digest=verify_bundle(data).digest,
                events=count,
                full=everything,
            )
        )
        uow.commit()
    progress.report(4, 4)
    return ExportResult(target, sequence, count, len(sections["citizens"]), recipient.fingerprint)


def export_lists(
    uow: UnitOfWork,
    keyring: Keyring,
    folder: Path,
    *,
    points: Sequence[str] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> list[ExportResult]:
    """At the police: official lists and confirmations back to points (all enrolled if None).

    Each point gets the citizens of its village with their facts, visits and outcomes, signed
    by the police and encrypted to that point's key.
    """
    progress = progress or NullProgress()
    own = _own(keyring, ROLE_COMMUNE)
    folder = Path(folder)
    results: list[ExportResult] = []
    with uow:
        session = uow.repo.session
        peers = _enrolled_points(session)
        if points is not None:
            wanted = {parse_fingerprint(p).hex() for p in points}
            unknown = wanted - {p.fingerprint for p in peers}
            if unknown:
                raise NotFoundError(
                    "sync.peer_unknown", fingerprint=format_fingerprint(bytes.fromhex(min(unknown)))
                )
            peers = [p for p in peers if p.fingerprint in wanted]
        for index, peer in enumerate(peers):
            check_cancelled(progress)
            progress.report(index, len(peers))
            point = uow.repo.get_support_point(peer.point_id) if peer.point_id else None
            village = point.village_id if point else None
            sections = q.with_references(session, q.events_for_citizens(session, village))
            recipient = _public(peer)
            sequence = q.next_sequence(session, peer.fingerprint)
            created = now or utc_now()
            data = encode_bundle(
                {name: encode_rows(rows) for name, rows in sections.items()},
                kind=KIND_LISTS,
                sender=own,
                recipient=recipient,
                commune_id=own.public.commune_id or uuid.UUID(int=0),
                sequence=sequence,
                created_at=created,
            )
            target = _free_name(
                folder, f"danh-sach_{_slug(peer.name)}_{created:%Y-%m-%d}_so-{sequence:04d}"
            )
            _write_and_check(target, data)
            events = sum(len(sections[s]) for s in EVENT_SECTIONS)
            session.add(
                t.SyncExport(
                    recipient=peer.fingerprint,
                    sequence=sequence,
                    kind=KIND_LISTS,
                    created_at=created,
                    file_name=target.name,
                    digest=verify_bundle(data).digest,
                    events=events,
                    full=True,
                )
            )
            results.append(
                ExportResult(
                    target, sequence, events, len(sections["citizens"]), recipient.fingerprint
                )
            )
        uow.commit()
    progress.report(len(results), len(results))
    return results


# Import ----------------------------------------------------------------------------------------
IMPORTED = "imported"
REPLAYED = "replayed"
REFUSED = "refused"
QUARANTINED = "quarantined"


@dataclass
class FileResult:
    """What happened to one file."""

    file: str
    status: str
    message_id: str
    params: dict[str, Any] = field(default_factory=dict)
    sender: str | None = None  # key id, hex
    sequence: int | None = None
    new_events: int = 0
    known_events: int = 0


@dataclass
class SenderSummary:
    """Per point (or the police, at a point): what this import brought and what is missing."""

    sender: str
    fingerprint: str
    name: str
    new_events: int
    known_events: int
    newest_sequence: int
    missing: list[int]


@dataclass
class ImportReport:
    """The result screen: per file and per sender."""

    files: list[FileResult] = field(default_factory=list)
    senders: list[SenderSummary] = field(default_factory=list)

    @property
    def new_events(self) -> int:
        """Events stored by this import."""
        return sum(f.new_events for f in self.files)

    @property
    def refused(self) -> list[FileResult]:
        """Files refused or held aside."""
        return [f for f in self.files if f.status in (REFUSED, QUARANTINED)]


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
    with uow:
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
        report.senders = _summaries(session, peers, report.files)
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
    header = bundle.header
    own = identity.public
    sender = header.sender_key_id.hex()
    fingerprint = format_fingerprint(header.sender_key_id)
    if own.role == ROLE_COMMUNE:
        if header.kind != KIND_EVENTS:
            raise BundleRefusedError("sync.wrong_kind", file=name)
        if header.recipient_key_id != own.key_id or header.commune_id != own.commune_id:
            raise BundleRefusedError("sync.other_commune", file=name)
        peer = peers.get(sender)
        if peer is None:
            raise UnknownSignerError(
                "sync.unknown_signer",
                file=name,
                fingerprint=fingerprint,
                sender=header.sender_label,
            )
        if peer.status == REVOKED:
            raise BundleRefusedError(
                "sync.revoked_signer", file=name, fingerprint=fingerprint, sender=peer.name
            )
        if peer.point_id is not None and header.sender_point_id != peer.point_id:
            raise BundleRefusedError("sync.damaged", file=name)
        return peer
    if header.kind != KIND_LISTS:
        raise BundleRefusedError("sync.wrong_kind", file=name)
    if header.recipient_key_id != own.key_id:
        raise BundleRefusedError("sync.not_for_this_point", file=name)
    peer = peers.get(sender)
    if peer is None or peer.role != ROLE_COMMUNE:
        raise BundleRefusedError("sync.unknown_commune_key", file=name, fingerprint=fingerprint)
    if peer.status == REVOKED:
        raise BundleRefusedError(
            "sync.revoked_signer", file=name, fingerprint=fingerprint, sender=peer.name
        )
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
    for section in ("villages", "points", "users", "visits", "outcomes", "facts"):
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


def _complete(section: str, row: dict[str, Any], local_commune: uuid.UUID | None) -> dict[str, Any]:
    """Columns the bundle does not carry: secrets never travel, remote users cannot sign in."""
    if section == "villages":
        return row | {"commune_id": local_commune, "name_folded": fold(row["name"])}
    if section == "users":
        return row | {"pin_hash": "", "active": False}
    return row


def _summaries(
    session: Session, peers: dict[str, t.SyncPeer], files: list[FileResult]
) -> list[SenderSummary]:
    senders = sorted({f.sender for f in files if f.sender and f.status in (IMPORTED, REPLAYED)})
    summaries = []
    for sender in senders:
        peer = peers.get(sender)
        sequences = set(
            session.execute(
                select(t.SyncImport.sequence).where(t.SyncImport.sender == sender)
            ).scalars()
        )
        newest = max(sequences, default=0)
        mine = [f for f in files if f.sender == sender]
        summaries.append(
            SenderSummary(
                sender=sender,
                fingerprint=format_fingerprint(bytes.fromhex(sender)),
                name=peer.name if peer else sender,
                new_events=sum(f.new_events for f in mine),
                known_events=sum(f.known_events for f in mine),
                newest_sequence=newest,
                missing=sorted(set(range(1, newest + 1)) - sequences),
            )
        )
    return summaries


# Helpers ---------------------------------------------------------------------------------------
def _own(keyring: Keyring, role: str) -> Identity:
    identity = keyring.load()
    if identity.public.role != role:
        raise SyncError("sync.not_a_point" if role == ROLE_POINT else "sync.not_the_police")
    return identity


def _read_card(path: Path) -> PublicKeys:
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise SyncError("sync.unreadable", file=str(path)) from None
    return parse_card(data)


def _check_typed_fingerprint(card: PublicKeys, typed: str | None) -> None:
    if typed is not None and parse_fingerprint(typed) != card.key_id:
        raise SyncError("sync.fingerprint_mismatch", expected=typed, actual=card.fingerprint)


def _card_from_quarantine(uow: UnitOfWork, sender: str) -> PublicKeys:
    with uow:
        data = uow.repo.session.execute(
            select(t.SyncQuarantine.data).where(t.SyncQuarantine.sender == sender).limit(1)
        ).scalar()
    if data is None:
        raise NotFoundError(
            "sync.nothing_held", fingerprint=format_fingerprint(bytes.fromhex(sender))
        )
    return verify_bundle(bytes(data)).header.sender


def _peer_row(card: PublicKeys) -> t.SyncPeer:
    return t.SyncPeer(
        fingerprint=card.key_id.hex(),
        role=card.role,
        name=card.name,
        commune_id=card.commune_id,
        point_id=card.point_id,
        signing_key=base64.b64encode(card.signing_key).decode("ascii"),
        box_key=base64.b64encode(card.box_key).decode("ascii"),
        status=ENROLLED,
        enrolled_at=utc_now(),
    )


def _public(row: t.SyncPeer) -> PublicKeys:
    return PublicKeys(
        role=row.role,
        name=row.name,
        commune_id=row.commune_id,
        point_id=row.point_id,
        signing_key=base64.b64decode(row.signing_key),
        box_key=base64.b64decode(row.box_key),
    )


def _peer_info(row: t.SyncPeer) -> PeerInfo:
    return PeerInfo(
        format_fingerprint(bytes.fromhex(row.fingerprint)),
        row.role,
        row.name,
        row.point_id,
        row.status,
    )


def _commune_peer(session: Session) -> t.SyncPeer | None:
    stmt = select(t.SyncPeer).where(t.SyncPeer.role == ROLE_COMMUNE, t.SyncPeer.status == ENROLLED)
    return session.execute(stmt).scalars().first()


def _enrolled_points(session: Session) -> list[t.SyncPeer]:
    stmt = (
        select(t.SyncPeer)
        .where(t.SyncPeer.role == ROLE_POINT, t.SyncPeer.status == ENROLLED)
        .order_by(t.SyncPeer.name)
    )
    return list(session.execute(stmt).scalars())


def _slug(name: str) -> str:
    return re.sub(r"[^0-9a-z]+", "-", fold(name)).strip("-") or "fieldapp"


def _free_name(folder: Path, stem: str) -> Path:
    if not folder.is_dir():
        raise ExportWriteError("sync.no_folder", folder=str(folder))
    target = folder / f"{stem}{BUNDLE_SUFFIX}"
    counter = 2
    while target.exists():
        target = folder / f"{stem}-{counter}{BUNDLE_SUFFIX}"
        counter += 1
    return target


def _write_and_check(target: Path, data: bytes) -> None:
    write_atomically(target, data)
    ok = read_back(target, data)
    if ok:
        try:
            verify_bundle(target.read_bytes(), file=target.name)
        except (BundleRefusedError, OSError):
            ok = False
    if not ok:
        with contextlib.suppress(OSError):
            target.unlink()
        raise ExportWriteError("sync.verify_failed", file=target.name)


def gap_lines(report: ImportReport, lang: str = "vi") -> list[str]:
    """Lines like "Thôn 3: thiếu gói số 6", for every sender with missing bundles."""
    from fieldapp.i18n import tr

    return [
        tr("sync.gap", lang, point=s.name, numbers=", ".join(map(str, s.missing)))
        for s in report.senders
        if s.missing
    ]

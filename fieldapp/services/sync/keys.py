"""Keys and enrolment: this installation's identity, key cards, trusting and revoking points."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ConflictError, NotFoundError
from fieldapp.domain.permissions import Action
from fieldapp.domain.text import fold
from fieldapp.services.clock import utc_now
from fieldapp.services.setup import this_point
from fieldapp.services.sync.common import ENROLLED, REVOKED, commune_peer, own_identity, slug
from fieldapp.services.sync.importing import accept_quarantined
from fieldapp.services.sync.reporting import ImportReport
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import check as check_actor
from fieldapp.store import sync_peers as peers_q
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.atrest import key_anchor
from fieldapp.store.engine import data_folder, sqlite_path
from fieldapp.store.vault import StoreVault
from fieldapp.sync.atomic import read_back, write_atomically
from fieldapp.sync.bundle import (
    verify_bundle,
)
from fieldapp.sync.errors import (
    ExportWriteError,
    SyncError,
)
from fieldapp.sync.keys import (
    CARD_SUFFIX,
    ROLE_COMMUNE,
    ROLE_POINT,
    Keyring,
    PublicKeys,
    card_bytes,
    format_fingerprint,
    parse_card,
    parse_fingerprint,
)

ENV_KEYS = "FIELDAPP_KEYS"

if TYPE_CHECKING:
    from fieldapp.store.engine import StoreEngine


def keyring_for(db_url: str, engine: StoreEngine | None = None) -> Keyring:
    """The keys of the store at `db_url`.

    Private keys are in the store, wrapped by the store key; the public card is written to
    $FIELDAPP_KEYS, else beside the SQLite store, else the data folder.
    """
    explicit = os.environ.get(ENV_KEYS)
    vault = StoreVault(db_url, key_anchor(db_url), engine)
    if explicit:
        return Keyring(Path(explicit).expanduser(), vault)
    path = sqlite_path(db_url)
    return Keyring((path.parent if path is not None else data_folder()) / "keys", vault)


def create_commune_keys(
    uow: UnitOfWork, keyring: Keyring, *, name: str | None = None, actor: dm.User
) -> PublicKeys:
    """At the police, once: the commune's key pair, tied to this store's commune."""
    check_actor(uow, actor, Action.MANAGE_KEYS)
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
    kind = {ROLE_COMMUNE: "cong-an", ROLE_POINT: "diem"}.get(public.role, "cong-an-tinh")
    target = Path(folder) / f"the-khoa_{kind}_{slug(public.name)}{CARD_SUFFIX}"
    data = card_bytes(public)
    write_atomically(target, data)
    if not read_back(target, data):
        raise ExportWriteError("sync.verify_failed", file=target.name)
    return target


def import_commune_card(
    uow: UnitOfWork,
    keyring: Keyring,
    path: Path,
    *,
    fingerprint: str | None = None,
    actor: dm.User,
) -> PublicKeys:
    """At a point: trust the commune police's key card (after comparing its fingerprint)."""
    check_actor(uow, actor, Action.POINT_SETTINGS)
    card = read_card(path, role=ROLE_COMMUNE, wrong_role="sync.card_not_commune", typed=fingerprint)
    ensure_point_keys(uow, keyring)
    trust_upstream_card(uow, card, commune_peer, differs="sync.commune_card_differs")
    return card


def trust_upstream_card(
    uow: UnitOfWork,
    card: PublicKeys,
    current_of: Callable[[Any], Any],
    *,
    differs: str,
) -> None:
    """Keep the one key card this store reports to.

    The first is stored, the same again is nothing new, a different one is refused: a second
    upstream is a police decision (remove the first), never a silent swap.
    """
    with uow:
        session = uow.repo.session
        current = current_of(session)
        if current is not None and current.fingerprint != card.key_id.hex():
            raise ConflictError(differs, fingerprint=card.fingerprint)
        if current is None:
            peers_q.save(session, _peer_row(card))
        uow.commit()


def enrol_point(
    uow: UnitOfWork,
    keyring: Keyring,
    *,
    card_path: Path | None = None,
    fingerprint: str | None = None,
    actor: dm.User,
    villages: Sequence[str] = (),
) -> tuple[PublicKeys, ImportReport]:
    """At the police: trust a point's key, from its key card or from a held-aside bundle.

    The fingerprint a person read on the point's screen must match when given (it is required
    without a card); it covers the role and the point id. A key that names no point, or a
    point that already has an enrolled key, is refused. `villages` (names or ids) are the
    villages whose lists go back to that point. Bundles held aside from that key are
    imported right away.
    """
    check_actor(uow, actor, Action.MANAGE_KEYS)
    own = own_identity(keyring, ROLE_COMMUNE)
    if card_path is not None:
        card = read_card(
            card_path, role=ROLE_POINT, wrong_role="sync.card_not_point", typed=fingerprint
        )
    elif fingerprint is not None:
        card = _card_from_quarantine(uow, parse_fingerprint(fingerprint).hex())
    else:
        raise SyncError("sync.enrol_needs_card")
    if card.role != ROLE_POINT or card.point_id is None:
        raise SyncError("sync.card_no_point", fingerprint=card.fingerprint)
    key = card.key_id.hex()
    with uow:
        session = uow.repo.session
        chosen = _village_ids(uow, villages)
        row = peers_q.peer(session, key)
        if row is not None and row.status == REVOKED:
            raise ConflictError("sync.key_revoked", fingerprint=card.fingerprint)
        others = [k for k in q.enrolled_keys_of_point(session, card.point_id) if k != key]
        if others:
            raise ConflictError(
                "sync.point_enrolled_twice",
                name=card.name,
                fingerprint=format_fingerprint(bytes.fromhex(others[0])),
            )
        if row is None:
            peers_q.save(session, _peer_row(card))
            session.flush()
        if chosen:
            q.set_peer_villages(session, key, chosen)
        uow.commit()
    report = accept_quarantined(uow, own, card.key_id.hex())
    return card, report


def set_point_villages(
    uow: UnitOfWork, fingerprint: str, villages: Sequence[str], *, actor: dm.User
) -> PeerInfo:
    """At the police: choose (again) the villages whose lists go back to an enrolled point."""
    check_actor(uow, actor, Action.MANAGE_KEYS)
    key = parse_fingerprint(fingerprint).hex()
    with uow:
        row = uow.repo.session.get(t.SyncPeer, key)
        if row is None or row.role != ROLE_POINT:
            raise NotFoundError(
                "sync.peer_unknown", fingerprint=format_fingerprint(bytes.fromhex(key))
            )
        chosen = _village_ids(uow, villages)
        if not chosen:
            raise SyncError("sync.villages_needed")
        q.set_peer_villages(uow.repo.session, key, chosen)
        info = _peer_info(row)
        uow.commit()
    return info


def _village_ids(uow: UnitOfWork, villages: Sequence[str]) -> list[uuid.UUID]:
    """The police's villages, named by name (case and diacritics aside) or by id."""
    if not villages:
        return []
    stored = uow.repo.villages()
    by_name = {fold(v.name): v.id for v in stored}
    by_id = {str(v.id): v.id for v in stored} | {v.id.hex: v.id for v in stored}
    chosen = []
    for text in villages:
        found = by_id.get(text.strip().lower()) or by_name.get(fold(text))
        if found is None:
            raise NotFoundError("village.unknown", name=text)
        chosen.append(found)
    return chosen


def revoke_point(uow: UnitOfWork, fingerprint: str, *, actor: dm.User) -> PeerInfo:
    """At the police: stop trusting a point's key (lost laptop); its bundles are refused."""
    check_actor(uow, actor, Action.MANAGE_KEYS)
    key = parse_fingerprint(fingerprint).hex()
    with uow:
        row = peers_q.peer(uow.repo.session, key)
        if row is None:
            raise NotFoundError(
                "sync.peer_unknown", fingerprint=format_fingerprint(bytes.fromhex(key))
            )
        row.status = REVOKED
        row.revoked_at = utc_now()
        peers_q.save(uow.repo.session, row)
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
        peers = tuple(_peer_info(r) for r in peers_q.peers(uow.repo.session))
    return KeysOverview(own, peers, held_bundles(uow))


def held_bundles(uow: UnitOfWork) -> tuple[HeldBundle, ...]:
    """Bundles held aside from keys not enrolled, oldest first: what enrolling would import.

    Points' bundles at the commune, communes' summaries at the province.
    """
    with uow:
        return tuple(
            HeldBundle(
                format_fingerprint(bytes.fromhex(r.sender)),
                r.sender_label,
                r.sequence,
                r.file_name,
                r.received_at,
            )
            for r in peers_q.held_bundles(uow.repo.session)
        )


def read_card(path: Path, *, role: str, wrong_role: str, typed: str | None) -> PublicKeys:
    """A key card of the role expected, whose fingerprint is the one read out (if typed).

    Every place that trusts a card (a point the commune's, the commune a point's or the
    province's, the province a commune's) checks the same three things in the same order.
    """
    try:
        data = Path(path).read_bytes()
    except OSError:
        raise SyncError("sync.unreadable", file=str(path)) from None
    card = parse_card(data)
    if card.role != role:
        raise SyncError(wrong_role)
    if typed is not None and parse_fingerprint(typed) != card.key_id:
        raise SyncError("sync.fingerprint_mismatch", expected=typed, actual=card.fingerprint)
    return card


def _card_from_quarantine(uow: UnitOfWork, sender: str) -> PublicKeys:
    with uow:
        data = peers_q.held_bundle_data(uow.repo.session, sender)
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


def _peer_info(row: t.SyncPeer) -> PeerInfo:
    return PeerInfo(
        format_fingerprint(bytes.fromhex(row.fingerprint)),
        row.role,
        row.name,
        row.point_id,
        row.status,
    )

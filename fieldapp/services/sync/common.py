"""What the sync use cases share: enrolled keys, this installation's identity, file names."""

from __future__ import annotations

import base64
import contextlib
import re
from pathlib import Path

from fieldapp.domain.text import fold
from fieldapp.store import sync_peers as peers_q
from fieldapp.store import tables as t
from fieldapp.store.sync_peers import StoreSession as Session
from fieldapp.sync.atomic import read_back, write_atomically
from fieldapp.sync.bundle import (
    BUNDLE_SUFFIX,
    verify_bundle,
)
from fieldapp.sync.errors import (
    BundleRefusedError,
    ExportWriteError,
    SyncError,
)
from fieldapp.sync.keys import (
    ROLE_COMMUNE,
    ROLE_POINT,
    Identity,
    Keyring,
    PublicKeys,
)

ENROLLED = "enrolled"
REVOKED = "revoked"


def own_identity(keyring: Keyring, role: str) -> Identity:
    """The identity of this installation, which must have the given role."""
    identity = keyring.load()
    if identity.public.role != role:
        raise SyncError("sync.not_a_point" if role == ROLE_POINT else "sync.not_the_police")
    return identity


def peer_keys(row: t.SyncPeer) -> PublicKeys:
    """The public keys of a trusted peer, as stored."""
    return PublicKeys(
        role=row.role,
        name=row.name,
        commune_id=row.commune_id,
        point_id=row.point_id,
        signing_key=base64.b64decode(row.signing_key),
        box_key=base64.b64decode(row.box_key),
    )


def commune_peer(session: Session) -> t.SyncPeer | None:
    """At a point: the enrolled commune police key, if a card was imported."""
    return peers_q.first_peer(session, role=ROLE_COMMUNE, status=ENROLLED)


def enrolled_points(session: Session) -> list[t.SyncPeer]:
    """At the police: the points enrolled and not revoked, by name."""
    return peers_q.peers(session, role=ROLE_POINT, status=ENROLLED)


def slug(name: str) -> str:
    """A name as a file-name part: folded, lower case, dashes."""
    return re.sub(r"[^0-9a-z]+", "-", fold(name)).strip("-") or "fieldapp"


def free_name(folder: Path, stem: str) -> Path:
    """A bundle file name in the folder that is not taken yet (stem, stem-2, ...)."""
    if not folder.is_dir():
        raise ExportWriteError("sync.no_folder", folder=str(folder))
    target = folder / f"{stem}{BUNDLE_SUFFIX}"
    counter = 2
    while target.exists():
        target = folder / f"{stem}-{counter}{BUNDLE_SUFFIX}"
        counter += 1
    return target


def write_and_check(target: Path, data: bytes) -> None:
    """Write atomically, read back and verify; remove the file and raise if it differs."""
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

"""The communes' keys at the province: who is enrolled, whose key was revoked, what is held.

Revoking a commune's key (a stolen or lost laptop, a key card given out by mistake) makes
every later summary signed with it refused; the figures it sent before stay, as a bundle's
events stay at the commune when a point is revoked. The commune is enrolled again with its
new key card; the new key's summaries then replace the old key's, day by day.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.permissions import Action
from fieldapp.domain.text import fold, normalise_name
from fieldapp.services.clock import utc_now
from fieldapp.services.province.communes import ProvinceCommuneInfo, _info, communes
from fieldapp.services.sync.common import REVOKED
from fieldapp.services.sync.keys import HeldBundle, held_bundles
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import check as check_actor
from fieldapp.store import province_queries as pq
from fieldapp.store import sync_peers as peers_q
from fieldapp.store import tables as t
from fieldapp.sync.keys import parse_fingerprint


@dataclass(frozen=True, slots=True)
class CommuneKeys:
    """The communes with their key's state, and the summaries held from unknown keys."""

    communes: tuple[ProvinceCommuneInfo, ...]
    held: tuple[HeldBundle, ...]

    def count(self, status: str) -> int:
        """How many communes are "enrolled", "revoked" or "not_enrolled"."""
        return sum(1 for c in self.communes if c.status == status)


def commune_keys(uow: UnitOfWork, *, actor: dm.User) -> CommuneKeys:
    """What the desk's communes tab shows."""
    check_actor(uow, actor, Action.PROVINCE_SETTINGS)
    return CommuneKeys(tuple(communes(uow)), held_bundles(uow))


def revoke_commune(uow: UnitOfWork, commune: str, *, actor: dm.User) -> ProvinceCommuneInfo:
    """Stop trusting a commune's key; `commune` is its code, its name or the key's fingerprint."""
    check_actor(uow, actor, Action.PROVINCE_SETTINGS)
    with uow:
        session = uow.repo.session
        row = _find(pq.communes(session), commune)
        if row is None or row.fingerprint is None:
            raise NotFoundError("province.commune_not_enrolled", name=commune)
        peer = peers_q.peer(session, row.fingerprint)
        if peer is None:
            raise NotFoundError("province.commune_not_enrolled", name=commune)
        if peer.status != REVOKED:
            peer.status = REVOKED
            peer.revoked_at = utc_now()
            peers_q.save(session, peer)
        info = _info(row, peer)
        uow.commit()
    return info


def _find(rows: list[t.ProvinceCommune], wanted: str) -> t.ProvinceCommune | None:
    text = wanted.strip()
    key = fold(normalise_name(text))
    for row in rows:
        if text and (text == row.code or key == row.name_folded):
            return row
    try:
        hexed = parse_fingerprint(text).hex()
    except Exception:
        return None
    return next((r for r in rows if r.fingerprint == hexed), None)

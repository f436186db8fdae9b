"""At the commune police: the summary bundle for the province, and the province's key card."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path

from fieldapp.domain import model as dm
from fieldapp.domain.permissions import Action
from fieldapp.services.bulk import bulk_work
from fieldapp.services.clock import local_today, utc_now
from fieldapp.services.progress import NullProgress, Progress
from fieldapp.services.province.summary_build import commune_summary
from fieldapp.services.sync.common import ENROLLED, own_identity, peer_keys, slug
from fieldapp.services.sync.export import ExportResult, write_bundle
from fieldapp.services.sync.keys import read_card, trust_upstream_card
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import check as check_actor
from fieldapp.store import sync_peers as peers_q
from fieldapp.store import sync_queries as q
from fieldapp.sync.bundle import KIND_SUMMARY
from fieldapp.sync.errors import SyncError
from fieldapp.sync.keys import ROLE_COMMUNE, ROLE_PROVINCE, Keyring, PublicKeys
from fieldapp.sync.summary import encode_summary


def import_province_card(
    uow: UnitOfWork,
    keyring: Keyring,
    path: Path,
    *,
    fingerprint: str | None = None,
    actor: dm.User,
) -> PublicKeys:
    """At the commune police: trust the province police's key card (fingerprint compared)."""
    check_actor(uow, actor, Action.MANAGE_KEYS)
    card = read_card(
        path, role=ROLE_PROVINCE, wrong_role="summary.card_not_province", typed=fingerprint
    )
    own_identity(keyring, ROLE_COMMUNE)
    trust_upstream_card(
        uow,
        card,
        lambda session: peers_q.first_peer(session, role=ROLE_PROVINCE, status=ENROLLED),
        differs="summary.province_card_differs",
    )
    return card


def export_summary(
    uow: UnitOfWork,
    keyring: Keyring,
    folder: Path,
    *,
    days: Sequence[date] | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    actor: dm.User,
) -> ExportResult:
    """Write the commune's figures of these days (default: today) for the province.

    Signed by the commune's key, encrypted to the province's; numbered per recipient, so a
    later summary of the same day replaces the earlier one at the province. Counts only.
    """
    check_actor(uow, actor, Action.EXPORT_SUMMARY)
    progress = progress or NullProgress()
    own = own_identity(keyring, ROLE_COMMUNE)
    with uow:
        province = peers_q.first_peer(uow.repo.session, role=ROLE_PROVINCE, status=ENROLLED)
        if province is None:
            raise SyncError("summary.no_province_card")
        recipient, recipient_name = peer_keys(province), province.name
    chosen = sorted(set(days or [local_today()]))
    progress.report(0, 3)
    with bulk_work():
        summary = commune_summary(uow, chosen)
    progress.report(1, 3)
    body = encode_summary(summary)
    created = now or utc_now()
    with uow:
        session = uow.repo.session
        sequence = q.next_sequence(session, recipient.key_id.hex())
        last = chosen[-1]
        span = f"{chosen[0]:%Y-%m-%d}_{last:%Y-%m-%d}" if len(chosen) > 1 else f"{last:%Y-%m-%d}"
        target = write_bundle(
            session,
            Path(folder),
            f"tong-hop_{slug(summary.commune_name)}_{span}_so-{sequence:04d}",
            body,
            kind=KIND_SUMMARY,
            sender=own,
            recipient=recipient,
            commune_id=own.public.commune_id or uuid.UUID(int=0),
            sequence=sequence,
            created=created,
            events=0,
            full=False,
            progress=progress,
            encoded=True,
        )
        uow.commit()
    progress.report(3, 3)
    return ExportResult(target, sequence, 0, 0, recipient.fingerprint, recipient_name, (target,))

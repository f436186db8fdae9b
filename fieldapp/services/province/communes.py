"""The communes of a province: from a list of administrative units, and their enrolment.

A list of administrative units (.xlsx, .xls or .csv from the province's office, a title block
above a header row) names each commune with its code ("Mã xã" / "Mã đơn vị") and name
("Tên xã" / "Tên đơn vị"). Enrolment ties a commune of the list to its police's key card,
after the officer compared the fingerprint: from then on its summaries are accepted.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from pathlib import Path

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ConflictError, NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.text import fold, normalise_name
from fieldapp.ingest.columns import fold_header
from fieldapp.ingest.files import read_table
from fieldapp.services.sync.common import ENROLLED
from fieldapp.services.sync.keys import _peer_row, read_card
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.users import check as check_actor
from fieldapp.store import province_queries as pq
from fieldapp.store import sync_peers as peers_q
from fieldapp.store import tables as t
from fieldapp.store.sync_peers import StoreSession as Session
from fieldapp.sync.errors import SyncError
from fieldapp.sync.keys import ROLE_COMMUNE, PublicKeys, format_fingerprint

_CODE_HEADERS = ("ma xa", "ma don vi", "ma dvhc", "ma", "code")
_NAME_HEADERS = ("ten xa", "ten don vi", "ten dvhc", "ten", "name", "don vi")
_DISTRICT_HEADERS = ("huyen", "quan huyen", "district")
_PREFIXES = ("cong an ", "ca ")


@dataclass(frozen=True, slots=True)
class CommunesImported:
    """What a list of administrative units added."""

    added: int
    known: int
    file: str


@dataclass(frozen=True, slots=True)
class ProvinceCommuneInfo:
    """A commune as the province desk lists it."""

    id: uuid.UUID
    code: str
    name: str
    district: str
    enrolled: bool  # a key card was enrolled for it (it may have been revoked since)
    fingerprint: str
    revoked: bool = False  # its key was revoked: its summaries are refused until re-enrolled

    @property
    def status(self) -> str:
        """Its key's state as the desk and the CLI say it: enrolled, revoked, not enrolled."""
        if self.revoked:
            return "revoked"
        return "enrolled" if self.enrolled else "not_enrolled"


def import_communes(uow: UnitOfWork, path: Path, *, actor: dm.User) -> CommunesImported:
    """Add the communes of a list of administrative units (codes already known are kept)."""
    check_actor(uow, actor, Action.PROVINCE_SETTINGS)
    table = read_table(path)
    rows = list(table.iter_rows())
    header_at, columns = _find_header(rows, table.file_name)
    code_col, name_col, district_col = columns
    found: list[tuple[str, str, str]] = []
    for number, row in enumerate(rows[header_at + 1 :], start=header_at + 2):
        name = normalise_name(_cell(row, name_col))
        code = _cell(row, code_col).strip()
        if not name and not code:
            continue
        if not name or fold(name).startswith(("tong", "cong")):  # summary rows at the bottom
            if not name:
                raise ValidationError("province.list_row_no_name", file=table.file_name, row=number)
            continue
        found.append((code, name, normalise_name(_cell(row, district_col))))
    with uow:
        session = uow.repo.session
        existing = pq.communes(session)
        codes = {c.code for c in existing if c.code}
        names = {c.name_folded for c in existing}
        added = known = 0
        for code, name, district in found:
            if (code and code in codes) or (not code and fold(name) in names):
                known += 1
                continue
            pq.add(
                session,
                t.ProvinceCommune(
                    id=uuid.uuid4(),
                    code=code,
                    name=name,
                    name_folded=fold(name),
                    district=district,
                ),
            )
            codes.add(code)
            names.add(fold(name))
            added += 1
        uow.commit()
    return CommunesImported(added, known, table.file_name)


def _find_header(rows: list[list[object]], file: str) -> tuple[int, tuple[int, int, int | None]]:
    for index, row in enumerate(rows[:30]):
        folded = [fold_header(str(c)) if c is not None else "" for c in row]
        name_col = _first(folded, _NAME_HEADERS)
        code_col = _first(folded, _CODE_HEADERS, exclude=name_col)
        if name_col is not None and code_col is not None:
            return index, (code_col, name_col, _first(folded, _DISTRICT_HEADERS))
    raise ValidationError("province.list_no_header", file=file)


def _first(folded: list[str], wanted: tuple[str, ...], exclude: int | None = None) -> int | None:
    for header in wanted:
        for i, text in enumerate(folded):
            if i != exclude and text == header:
                return i
    return None


def _cell(row: list[object], col: int | None) -> str:
    if col is None or col >= len(row) or row[col] is None:
        return ""
    value = row[col]
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def communes(uow: UnitOfWork) -> list[ProvinceCommuneInfo]:
    """The province's communes, with their enrolment (and whether their key was revoked)."""
    with uow:
        session = uow.repo.session
        peers = peers_q.peers_by_key(session)
        return [_info(r, peers.get(r.fingerprint or "")) for r in pq.communes(session)]


def _info(row: t.ProvinceCommune, peer: t.SyncPeer | None = None) -> ProvinceCommuneInfo:
    fingerprint = format_fingerprint(bytes.fromhex(row.fingerprint)) if row.fingerprint else ""
    revoked = peer is not None and peer.status != ENROLLED
    return ProvinceCommuneInfo(
        row.id, row.code, row.name, row.district, row.fingerprint is not None, fingerprint, revoked
    )


def enrol_commune(
    uow: UnitOfWork,
    card_path: Path,
    *,
    commune: str | None = None,
    fingerprint: str | None = None,
    actor: dm.User,
) -> tuple[ProvinceCommuneInfo, PublicKeys]:
    """Trust a commune police's key card and tie it to a commune of the province.

    `commune` is its code or name in the list; without it the card's own name is matched
    ("Công an Xã Kiên Thọ" → "Xã Kiên Thọ"). A commune not in the list is added. A commune
    has one key: a new card (a lost laptop) is enrolled once the old key is revoked.
    """
    check_actor(uow, actor, Action.PROVINCE_SETTINGS)
    card = read_card(
        card_path, role=ROLE_COMMUNE, wrong_role="province.card_not_commune", typed=fingerprint
    )
    if card.commune_id is None:
        raise SyncError("province.card_not_commune")
    with uow:
        session = uow.repo.session
        row = _match(session, commune, card.name)
        taken = pq.commune_by_id(session, card.commune_id)
        if taken is not None and (row is None or taken.id != row.id):
            raise ConflictError("province.commune_enrolled_elsewhere", name=taken.name)
        if row is None:
            if commune is not None:
                raise NotFoundError("province.commune_unknown", name=commune)
            name = _strip_prefix(card.name)
            row = t.ProvinceCommune(
                id=uuid.uuid4(), code="", name=name, name_folded=fold(name), district=""
            )
        current = peers_q.peer(session, row.fingerprint) if row.fingerprint else None
        if (
            current is not None
            and current.fingerprint != card.key_id.hex()
            and current.status == ENROLLED
        ):  # one key per commune: the old one is revoked first
            raise ConflictError(
                "province.commune_has_key",
                name=row.name,
                fingerprint=format_fingerprint(bytes.fromhex(current.fingerprint)),
            )
        peer = peers_q.peer(session, card.key_id.hex())
        if peer is None:
            peers_q.save(session, _peer_row(card))
        elif peer.status != ENROLLED:
            raise ConflictError("province.key_revoked", fingerprint=card.fingerprint)
        row.commune_id = card.commune_id
        row.fingerprint = card.key_id.hex()
        pq.add(session, row)
        session.flush()
        info = _info(row)
        uow.commit()
    return info, card


def _match(session: Session, wanted: str | None, card_name: str) -> t.ProvinceCommune | None:
    if wanted is not None:
        return pq.commune_matching(session, fold(normalise_name(wanted)), wanted.strip())
    return pq.commune_matching(session, fold(_strip_prefix(card_name)))


def _strip_prefix(name: str) -> str:
    clean = normalise_name(name)
    folded = fold(clean)
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return clean[len(prefix) :].strip()
    return clean

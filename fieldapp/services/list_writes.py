"""Writing an import: new citizens, changed fields and new facts, in bulk, in order.

An official fact's id is uuid5 over the list kind, the file's SHA-256 and what the fact says,
so the same file imported twice gives the same ids and the second import adds nothing.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from fieldapp.domain.model import BeneficiaryGroup, FactField
from fieldapp.domain.status_history import FactTriple
from fieldapp.domain.text import fold, fold_name
from fieldapp.ingest.columns import ListKind
from fieldapp.ingest.rows import ListRow
from fieldapp.store import lists_queries as q
from fieldapp.store import tables as t

Said = tuple[list[tuple[str, str]], int, tuple[tuple[str, str, bytes], ...], tuple[FactTriple, ...]]
"""What a row says as facts ((field, value) pairs, as stored) and their digest; then what a
new citizen is told of it: the facts written ((field, value, the end of the fact id's name)),
and as the projection takes them ((field, value, list day)).

Rows saying the same share one `Said` (`WritePlan.said`): its list is never changed."""

NewCitizen = tuple[str, uuid.UUID | None, BeneficiaryGroup | None, Sequence[FactTriple]]
"""A citizen an import created: personal ID, village, group, the facts written about them."""

FACT_NAMESPACE = uuid.UUID("5b0c1d3e-7a4f-4e36-9a51-2f0d6c1b8e74")
_FACT_PREFIX = hashlib.sha1(FACT_NAMESPACE.bytes)


def fact_id(
    kind: ListKind, sha256: str, personal_id: str, fact: FactField, value: str
) -> uuid.UUID:
    """The same file saying the same thing always gives the same fact id."""
    digest = _FACT_PREFIX.copy()
    digest.update(f"{kind.value}|{sha256}|{personal_id}|{fact.value}|{value}".encode())
    return _uuid5_from_sha1(digest.digest())


def _file_digest(kind: ListKind, sha256: str) -> Any:
    """The SHA-1 state after the namespace and the file's part of every fact id's name."""
    digest = _FACT_PREFIX.copy()
    digest.update(f"{kind.value}|{sha256}|".encode())
    return digest


_EID_LEVEL = FactField.EID_LEVEL.value
_EID_ACTIVATED = FactField.EID_ACTIVATED.value
_BENEFIT_LINKED = FactField.BENEFIT_LINKED.value
_BENEFICIARY_GROUP = FactField.BENEFICIARY_GROUP.value
_PAYMENT_STATUS = FactField.PAYMENT_STATUS.value
_PROXY_NAME = FactField.PROXY_NAME.value
_GUARDIAN_NAME = FactField.GUARDIAN_NAME.value
_RECEIVER_ID = FactField.RECEIVER_ID.value
_RECEIVER_RELATION = FactField.RECEIVER_RELATION.value
_NEEDS_HELP = FactField.NEEDS_HELP.value
_HAS_SMARTPHONE = FactField.HAS_SMARTPHONE.value
_UPDATED = ("birth_date", "sex", "village_id", "address", "phone", "old_id", "beneficiary_group")
"""The citizen fields a list's non-empty value overwrites (`StoredCitizen[3:10]`)."""
_SAID_BOUND = 10_000
_VERSION_5 = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_VERSION_5_BITS = (5 << 76) | (0x8000 << 48)


def _uuid5_int(digest: bytes) -> int:
    """The 128-bit value of `uuid.uuid5` from its SHA-1 digest."""
    return (int.from_bytes(digest[:16], "big") & _VERSION_5) | _VERSION_5_BITS


def _uuid5_from_sha1(digest: bytes) -> uuid.UUID:
    """`uuid.uuid5`'s result from its SHA-1 digest, without `UUID.__init__`'s argument checks.

    An import makes 300,000 of these; the checks cost more than the hash. Equal to
    `uuid.UUID(bytes=digest[:16], version=5)` (a test holds it to that).
    """
    value = _uuid5_int(digest)
    made = object.__new__(uuid.UUID)
    object.__setattr__(made, "int", value)
    object.__setattr__(made, "is_safe", uuid.SafeUUID.unknown)
    return made


class WritePlan:
    """Turns valid rows into inserts and updates, one chunk at a time."""

    def __init__(
        self,
        kind: ListKind,
        sha256: str,
        file_name: str,
        source_kind: str,
        as_of: date,
        now: datetime,
        form: q.StorageForm,
        *,
        user_id: uuid.UUID | None = None,
    ) -> None:
        self.kind = kind
        self.sha256 = sha256
        self.file_name = file_name
        self.source_kind = source_kind
        self.as_of = as_of
        self.now = now.astimezone(UTC) if now.tzinfo else now
        self.user_id = user_id
        self.import_id: int | None = None  # the list's `list_import` row, made with its first fact
        self.citizens: list[tuple[Any, ...]] = []
        self.updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        self.facts: list[tuple[Any, ...]] = []
        self.changed_rows = 0
        # since the last `take_projected`: citizens this import created, with the facts it
        # wrote about them (the projection's input, held here instead of read back), and
        # the stored citizens whose row or facts it changed (folded again from the store)
        self.created: list[NewCitizen] = []
        self.touched: set[str] = set()
        self.file_digest = _file_digest(kind, sha256)
        self.stored_form = {name: form.converter(t.Citizen, name) for name in q.CITIZEN_FIELDS}
        self.id_form = form.processor(t.OfficialFact, "id")
        # SQLite keeps a fact's UUID as its 16 bytes: fact ids are made in that form directly
        probe = uuid.UUID(int=0xABC)
        self.byte_ids = self.id_form is not None and self.id_form(probe) == probe.bytes
        self.facts_added = 0
        self.citizens_added = 0
        self.citizens_updated = 0
        self.index_words = False  # the word index's trigger is paused: feed it here
        self.person = kind.value.encode()[:16]  # the list digest's kind (blake2b's `person`)
        self.update_forms = [self.stored_form[name] for name in _UPDATED]
        self._said: dict[tuple[Any, ...], Said] = {}

    def said(self, row: ListRow) -> Said:
        """The facts a row says and their digest, kept on the citizen (`list_digest`).

        The digest covers the list's kind and every (field, value) the row says: a stored
        citizen whose digest is the row's was told exactly this by the last list, and no other
        writer of facts has come since (they forget the digest), so none of it is news.
        """
        # A police list's rows say one of a few dozen things: each is made and hashed once
        key = (
            row.has_smartphone,
            row.eid_level,
            row.registered,
            row.activated,
            row.linked,
            row.group,
            row.payment,
            row.proxy_name,
            row.guardian_name,
            row.receiver_id,
            row.receiver_relation,
            row.note,
        )
        found = self._said.get(key)
        if found is None:
            facts = self._facts(row)
            digest = hashlib.blake2b(repr(facts).encode(), digest_size=8, person=self.person)
            # a new citizen: every fact but a "false" about a field nothing was known of
            fresh = tuple(
                (name, value, f"|{name}|{value}".encode())
                for name, value in facts
                if value != "false" or name == _HAS_SMARTPHONE
            )
            triples = tuple((name, value, self.as_of) for name, value, _ in fresh)
            found = (facts, int.from_bytes(digest.digest(), "big", signed=True), fresh, triples)
            if len(self._said) >= _SAID_BOUND:  # names and notes: a beneficiary list's vary
                self._said.clear()
            self._said[key] = found
        return found

    def needs_facts(self, said: Said, old: q.StoredCitizen | None) -> bool:
        """Whether the stored facts must be read to plan this row (a stored citizen, news)."""
        return old is not None and old.list_digest != said[1]

    def add(
        self,
        row: ListRow,
        old: q.StoredCitizen | None,
        latest: dict[tuple[str, str], str],
        known: set[Any] | None = None,
        said: Said | None = None,
    ) -> None:
        """Plan one row: a new citizen or the changed fields, and the facts that say news.

        A fact whose value is already the latest official one is not written again (a
        re-import, or next week's list repeating this week's), nor a "false" about a field
        nothing was known of: both would change no status and only grow the store (except
        "no smartphone", which says more than nothing known). A stored citizen whose list
        digest is the row's (`said`) is told nothing new: no fact is even looked at.
        """
        facts, digest, fresh, triples = said or self.said(row)
        if old is None:
            self._add_new(row, digest, fresh, triples)
            return
        changed = self._update(row, old, digest)
        if old.list_digest == digest:
            facts = []  # the last list said all this, and nothing has been said since
        prefix = f"{row.personal_id}|"
        pid = row.personal_id
        for field_name, value in facts:
            before = latest.get((pid, field_name)) if latest else None
            if before == value or (
                before is None and value == "false" and field_name != _HAS_SMARTPHONE
            ):
                continue
            digest = self.file_digest.copy()
            digest.update(f"{prefix}{field_name}|{value}".encode())
            fid: Any
            if self.byte_ids:
                fid = _uuid5_int(digest.digest()).to_bytes(16, "big")  # the stored form, as is
            else:
                fid = _uuid5_from_sha1(digest.digest())
            if known:
                stored_id = fid if self.id_form is None or self.byte_ids else self.id_form(fid)
                if stored_id in known:
                    continue  # this very file said it before (an older list came since)
            if latest:
                latest[(pid, field_name)] = value
            self.facts.append((fid, row.personal_id, field_name, value))
            self.facts_added += 1
            changed = True
        if changed:
            self.changed_rows += 1
            self.touched.add(pid)

    def _add_new(
        self,
        row: ListRow,
        digest: int,
        fresh: tuple[tuple[str, str, bytes], ...],
        triples: tuple[FactTriple, ...],
    ) -> None:
        """A citizen the store does not hold: no stored fact to compare, every fact is news.

        (Their ID is in no stored fact, nor in the latest values read for stored citizens.)
        """
        self._new_citizen(row, digest)
        pid = row.personal_id
        head = self.file_digest.copy()
        head.update(pid.encode())
        facts = self.facts
        for field_name, value, tail in fresh:
            hashed = head.copy()
            hashed.update(tail)  # the fact id's name: pid|field|value, as `add` makes it
            fid: Any
            if self.byte_ids:
                fid = _uuid5_int(hashed.digest()).to_bytes(16, "big")  # the stored form
            else:
                fid = _uuid5_from_sha1(hashed.digest())
            facts.append((fid, pid, field_name, value))
        self.facts_added += len(fresh)
        self.created.append((pid, row.village_id, row.group, triples))
        self.changed_rows += 1

    def _new_citizen(self, row: ListRow, digest: int) -> None:
        self.citizens.append(
            (
                row.personal_id,
                row.full_name,
                fold_name(row.full_name),
                row.birth_date,
                None if row.sex is None else str(row.sex),
                row.address,
                row.village_id,
                row.phone,
                row.old_id,
                None if row.group is None else str(row.group),
                None,  # has_smartphone: lists do not say
                "official_list",
                self.now,
                self.now,
                digest,
            )
        )
        self.citizens_added += 1

    def _update(self, row: ListRow, old: q.StoredCitizen, digest: int) -> bool:
        """The list's non-empty values win, except a name: only a diacritics fix is taken.

        The row's list digest is kept too; it alone is no change of the citizen (no new
        `updated_at`: a bundle would otherwise carry every citizen of a re-imported list).
        """
        fresh = (
            row.birth_date,
            None if row.sex is None else str(row.sex),
            row.village_id,
            row.address or None,
            row.phone,
            row.old_id,
            None if row.group is None else str(row.group),
        )
        # `old` is a tuple: its fields from birth date to group are `_UPDATED`, in order
        changes = {
            name: value
            for name, form, value, was in zip(
                _UPDATED, self.update_forms, fresh, old[3:10], strict=True
            )
            if value is not None and was != form(value)
        }
        if row.full_name != old.full_name and (
            old.name_source != "official_list" or _more_diacritics(row.full_name, old.full_name)
        ):
            changes["full_name"] = row.full_name
            changes["name_folded"] = fold_name(row.full_name)
            changes["name_source"] = "official_list"
        updated = bool(changes)
        if updated:
            changes["updated_at"] = self.now
            self.citizens_updated += 1
        if digest != old.list_digest:
            changes["list_digest"] = digest
        if changes:
            key = tuple(sorted(changes))
            self.updates.setdefault(key, []).append(changes | {"b_personal_id": row.personal_id})
        return updated

    def _facts(self, row: ListRow) -> list[tuple[str, str]]:
        """(field, value) pairs this row says; field names as stored (plain strings, fast)."""
        facts: list[tuple[str, str]] = []
        if row.has_smartphone is not None:
            facts.append((_HAS_SMARTPHONE, _bool(row.has_smartphone)))
        if self.kind is ListKind.POLICE:
            if row.eid_level is not None:
                facts.append((_EID_LEVEL, str(row.eid_level)))  # level 1 stays level 1
            elif row.registered is not False:
                facts.append((_EID_LEVEL, "2"))
            if row.activated is not None:
                facts.append((_EID_ACTIVATED, _bool(row.activated)))
            if row.linked is not None:
                facts.append((_BENEFIT_LINKED, _bool(row.linked)))
        elif self.kind is ListKind.BENEFICIARY:
            if row.group is not None:
                facts.append((_BENEFICIARY_GROUP, row.group.value))
            if row.payment is not None:
                facts.append((_PAYMENT_STATUS, row.payment.value))
            if row.proxy_name:
                facts.append((_PROXY_NAME, row.proxy_name))
            if row.guardian_name:
                facts.append((_GUARDIAN_NAME, row.guardian_name))
            if row.receiver_id:
                facts.append((_RECEIVER_ID, row.receiver_id))
            if row.receiver_relation:
                facts.append((_RECEIVER_RELATION, row.receiver_relation))
            if row.linked is not None:
                facts.append((_BENEFIT_LINKED, _bool(row.linked)))
        else:
            facts.append((_NEEDS_HELP, row.note or "true"))
        return facts

    def flush(self, session: Any) -> None:
        """Send what is planned so far: citizens first (facts refer to them)."""
        q.bulk_insert(session, t.Citizen, q.CITIZEN_KEYS, self.citizens)
        if self.index_words:
            q.index_words(session, [(c[0], c[2]) for c in self.citizens])
        for changes in self.updates.values():
            q.update_citizens(session, changes)
        if self.facts and self.import_id is None:
            self.import_id = q.list_import_id(
                session,
                source_kind=self.source_kind,
                source_file=self.file_name,
                as_of=self.as_of,
                imported_at=self.now,
                sha256=self.sha256,
                user_id=self.user_id,
            )
        rows = [(*fact, self.import_id) for fact in self.facts]
        stored = ("id", "import_id") if self.byte_ids else ("import_id",)
        q.bulk_insert(session, t.OfficialFact, q.FACT_KEYS, rows, stored=stored)
        self.citizens, self.facts = [], []
        self.updates = {}

    def take_projected(self) -> tuple[list[NewCitizen], set[str]]:
        """The citizens created and changed since the last call, for the report projection."""
        created, touched = self.created, self.touched
        self.created, self.touched = [], set()
        return created, touched


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _more_diacritics(new: str, old: str) -> bool:
    """'Nguyễn Văn An' improves on 'Nguyen Van An'; the reverse would lose information."""
    return fold(new) == fold(old) and sum(not c.isascii() for c in new) > sum(
        not c.isascii() for c in old
    )

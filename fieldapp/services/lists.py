"""Importing official lists: preview, then one transaction that imports all or the valid rows.

Re-importing the same file changes nothing: an official fact's id is derived from the list
kind, the file's SHA-256 and what the fact says, so a second import finds every fact already
there and every citizen already up to date. A name that disagrees with the stored one and an
ID written twice in a file are reported as row errors, never silently overwritten.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.model import FactField
from fieldapp.domain.text import fold, fold_words
from fieldapp.i18n import tr
from fieldapp.ingest.columns import (
    KIND_COLUMNS,
    ListColumn,
    ListKind,
    auto_mapping,
    find_header,
    fold_header,
    missing_required,
)
from fieldapp.ingest.files import NotAListError, RawTable, read_table
from fieldapp.ingest.rejected import write_rejected
from fieldapp.ingest.rows import ListRow, ParsedRows, RowError, parse_rows
from fieldapp.ingest.values import cell_text, village_key
from fieldapp.services.clock import local_today, utc_now
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import lists_queries as q
from fieldapp.store import tables as t

FACT_NAMESPACE = uuid.UUID("5b0c1d3e-7a4f-4e36-9a51-2f0d6c1b8e74")
SOURCE_KINDS = {
    ListKind.POLICE: "police_level2",
    ListKind.BENEFICIARY: "beneficiary_list",
    ListKind.HELP: "help_list",
}
_MAPPING_KEY = "lists.mapping.{kind}"
_WRITE_CHUNK = 5000
_BULK_CACHE_KIB = -65536  # 64 MB of SQLite page cache during an import
_WORDS = re.compile(r"[0-9a-z]+")  # fold_words on an already folded name
_FACT_PREFIX = hashlib.sha1(FACT_NAMESPACE.bytes)


@dataclass(slots=True)
class ListPreview:
    """What the user sees before importing: rows, mapping, errors. Kept to import from."""

    kind: ListKind
    table: RawTable
    header_index: int
    headers: tuple[str, ...]
    mapping: dict[int, ListColumn]
    parsed: ParsedRows
    conflicts: dict[int, list[RowError]] = field(default_factory=dict)
    today: date = field(default_factory=date.today)

    @property
    def missing(self) -> list[ListColumn]:
        """Required meanings no column is mapped to."""
        return missing_required(self.mapping, self.kind)

    @property
    def errors(self) -> dict[int, list[RowError]]:
        """Row errors by sheet row index: the file's own and those against the store."""
        merged = {i: list(e) for i, e in self.parsed.errors.items()}
        for index, errors in self.conflicts.items():
            merged.setdefault(index, []).extend(errors)
        return merged

    @property
    def error_list(self) -> list[RowError]:
        """All row errors in sheet order."""
        errors = self.errors
        return [e for i in sorted(errors) for e in errors[i]]

    @property
    def valid_rows(self) -> list[ListRow]:
        """The rows that would be imported."""
        return [r for r in self.parsed.rows if r.index not in self.conflicts]

    def sample(self, count: int = 20) -> list[tuple[int, list[str]]]:
        """The first data rows as the file shows them: (row number, cell texts)."""
        rows = self.table.rows
        start, end = self.parsed.start, self.parsed.end
        if end <= start:  # no ID column mapped: show what is below the header
            start, end = self.header_index + 1, len(rows)
        return [
            (i + 1, [cell_text(c) for c in rows[i]]) for i in range(start, min(end, start + count))
        ]


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import did; `rejected` rows are kept with their errors for the hand-back file."""

    imported: int
    unchanged: int
    rejected: int
    ids_restored: int
    facts_added: int
    citizens_added: int
    citizens_updated: int
    rejected_errors: dict[int, list[RowError]]


def preview_list(
    uow: UnitOfWork,
    path: str | Path,
    kind: ListKind | str,
    *,
    mapping: Mapping[int, ListColumn] | None = None,
    today: date | None = None,
) -> ListPreview:
    """Read a list file, find its header, map its columns (remembered ones first), check rows."""
    list_kind = _kind(kind)
    table = read_table(path)
    header = find_header(table.rows, list_kind)
    if header is None:
        raise NotAListError("lists.no_header", name=table.file_name)
    with uow:
        session = uow.repo.session
        remembered = _remembered(q.get_setting(session, _MAPPING_KEY.format(kind=list_kind.value)))
        chosen = (
            dict(mapping)
            if mapping is not None
            else _apply_remembered(header.headers, header.mapping, remembered, list_kind)
        )
        return _build(uow, list_kind, table, header.row_index, header.headers, chosen, today)


def remap(uow: UnitOfWork, preview: ListPreview, mapping: Mapping[int, ListColumn]) -> ListPreview:
    """The same file with another column mapping (the user changed a combo box)."""
    clean = {i: c for i, c in mapping.items() if c is not ListColumn.IGNORE}
    with uow:
        return _build(
            uow,
            preview.kind,
            preview.table,
            preview.header_index,
            preview.headers,
            clean,
            preview.today,
        )


def _build(
    uow: UnitOfWork,
    kind: ListKind,
    table: RawTable,
    header_index: int,
    headers: tuple[str, ...],
    mapping: dict[int, ListColumn],
    today: date | None,
) -> ListPreview:
    session = uow.repo.session
    day = today or local_today()
    villages = {village_key(name): vid for vid, name in q.village_names(session)}
    with _no_gc():
        parsed = parse_rows(table, header_index, headers, mapping, kind, villages, day)
    preview = ListPreview(kind, table, header_index, headers, mapping, parsed, today=day)
    stored = q.stored_names(session, [r.personal_id for r in parsed.rows])
    preview.conflicts = _name_conflicts(preview, stored)
    return preview


def import_list(
    uow: UnitOfWork,
    preview: ListPreview,
    *,
    valid_only: bool,
    as_of: date | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
) -> ImportResult:
    """Import the previewed list in one transaction.

    With errors and `valid_only` False nothing is written. A cancel (checked between chunks,
    raising `CancelledError`) or any exception rolls everything back.
    """
    progress = progress or NullProgress()
    if preview.missing:
        raise missing_column_error(preview.missing[0])
    stamp = now or utc_now()
    day = as_of or local_today(stamp)
    source_kind = SOURCE_KINDS[preview.kind]
    with uow:
        session = uow.repo.session
        rows = preview.parsed.rows
        # Names of all rows first (the all-or-nothing decision needs every conflict); whole
        # stored citizens and their facts are then read a chunk at a time, and only for IDs
        # the store has: memory stays bounded and a first import reads nothing more.
        names = q.stored_names(session, [r.personal_id for r in rows])
        preview.conflicts = _name_conflicts(preview, names)
        errors = preview.errors
        if errors and not valid_only:
            raise ValidationError("lists.has_errors", count=len(errors))
        valid = preview.valid_rows
        plan = _Plan(
            preview.kind,
            preview.table.sha256,
            preview.table.file_name,
            source_kind,
            day,
            stamp,
            q.StorageForm(session),
        )
        total = len(valid)
        progress.report(0, total)
        with _sqlite_bulk_writes(session):
            for start in range(0, total, _WRITE_CHUNK):
                check_cancelled(progress)
                chunk = valid[start : start + _WRITE_CHUNK]
                known = [r.personal_id for r in chunk if r.personal_id in names]
                stored = q.stored_citizens(session, known) if known else {}
                facts = q.existing_fact_ids(session, known, source_kind) if known else set()
                with _no_gc():
                    for row in chunk:
                        plan.add(row, stored.get(row.personal_id), facts)
                    plan.flush(session)
                progress.report(min(start + _WRITE_CHUNK, total), total)
            check_cancelled(progress)
            _remember(session, preview)
            uow.commit()
    return ImportResult(
        imported=plan.changed_rows,
        unchanged=total - plan.changed_rows,
        rejected=len(errors),
        ids_restored=preview.parsed.ids_restored,
        facts_added=plan.facts_added,
        citizens_added=plan.citizens_added,
        citizens_updated=plan.citizens_updated,
        rejected_errors=errors,
    )


def save_rejected(
    preview: ListPreview,
    errors: Mapping[int, list[RowError]],
    path: str | Path,
    *,
    lang: str = "vi",
) -> int:
    """Write the rejected rows, in the list's layout plus an error column; returns the count."""
    return write_rejected(path, preview.table, preview.header_index, errors, lang=lang)


def missing_column_error(column: ListColumn) -> ValidationError:
    """The error for a required column the mapping lacks, naming it in both languages."""
    message = f"lists.col.{column.value}"
    return ValidationError(
        "lists.missing_column", column_vi=tr(message, "vi"), column_en=tr(message, "en")
    )


def kind_columns(kind: ListKind | str) -> tuple[ListColumn, ...]:
    """The meanings a column of this kind of list can have (for the mapping combo boxes)."""
    return (ListColumn.IGNORE, *KIND_COLUMNS[_kind(kind)])


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
_NEEDS_HELP = FactField.NEEDS_HELP.value
_VERSION_5 = ~((0xF000 << 64) | (0xC000 << 48)) & ((1 << 128) - 1)
_VERSION_5_BITS = (5 << 76) | (0x8000 << 48)


def _uuid5_from_sha1(digest: bytes) -> uuid.UUID:
    """`uuid.uuid5`'s result from its SHA-1 digest, without `UUID.__init__`'s argument checks.

    An import makes 300,000 of these; the checks cost more than the hash. Equal to
    `uuid.UUID(bytes=digest[:16], version=5)` (a test holds it to that).
    """
    value = (int.from_bytes(digest[:16], "big") & _VERSION_5) | _VERSION_5_BITS
    made = object.__new__(uuid.UUID)
    object.__setattr__(made, "int", value)
    object.__setattr__(made, "is_safe", uuid.SafeUUID.unknown)
    return made


# --- internals -----------------------------------------------------------------------------


def _kind(kind: ListKind | str) -> ListKind:
    try:
        return ListKind(kind)
    except ValueError:
        raise ValidationError("lists.unknown_kind", kind=str(kind)) from None


def _remembered(raw: str | None) -> dict[str, str]:
    if not raw:
        return {}
    try:
        value = json.loads(raw)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


def _apply_remembered(
    headers: tuple[str, ...],
    automatic: Mapping[int, ListColumn],
    remembered: Mapping[str, str],
    kind: ListKind,
) -> dict[int, ListColumn]:
    """The user's earlier choices for the same header texts win over the automatic match."""
    if not remembered:
        return dict(automatic)
    allowed = {c.value for c in KIND_COLUMNS[kind]} | {ListColumn.IGNORE.value}
    chosen: dict[int, ListColumn] = {}
    decided: set[int] = set()
    for index, text in enumerate(headers):
        choice = remembered.get(fold_header(text)) if text else None
        if choice in allowed:
            decided.add(index)
            if choice != ListColumn.IGNORE.value:
                chosen[index] = ListColumn(choice)
    taken = set(chosen.values())
    for index, column in auto_mapping(headers, kind).items():
        if index not in decided and column not in taken:
            chosen[index] = column
            taken.add(column)
    return chosen


def _remember(session: Any, preview: ListPreview) -> None:
    choices = {
        fold_header(text): preview.mapping.get(i, ListColumn.IGNORE).value
        for i, text in enumerate(preview.headers)
        if text
    }
    key = _MAPPING_KEY.format(kind=preview.kind.value)
    q.set_setting(session, key, json.dumps(choices, ensure_ascii=False, sort_keys=True))


def _name_conflicts(
    preview: ListPreview, stored: Mapping[str, q.StoredName | q.StoredCitizen]
) -> dict[int, list[RowError]]:
    """Rows whose name disagrees with the stored name (folded), unless that was a garbled scan."""
    name_col = next((i for i, c in preview.mapping.items() if c is ListColumn.FULL_NAME), None)
    header = preview.headers[name_col] if name_col is not None else ""
    conflicts: dict[int, list[RowError]] = {}
    for row in preview.parsed.rows:
        old = stored.get(row.personal_id)
        if old is None or old.full_name == row.full_name:
            continue
        if fold(old.full_name) == fold(row.full_name) or _garbled_scan(old):
            continue
        conflicts[row.index] = [
            RowError(
                row.row_number,
                header,
                "lists.p.name_conflict",
                {"value": row.full_name, "stored": old.full_name},
            )
        ]
    return conflicts


def _garbled_scan(old: q.StoredName | q.StoredCitizen) -> bool:
    """A scanner that cannot type diacritics leaves '?' or junk: the official list wins."""
    return old.name_source == "scan" and any(
        not (ch.isalpha() or ch == " ") for ch in old.full_name
    )


class _Plan:
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
    ) -> None:
        self.kind = kind
        self.sha256 = sha256
        self.file_name = file_name
        self.source_kind = source_kind
        self.as_of = as_of
        self.now = now.astimezone(UTC) if now.tzinfo else now
        self.citizens: list[tuple[Any, ...]] = []
        self.tokens: list[tuple[str, str]] = []
        self.updates: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        self.renamed: dict[str, list[str]] = {}
        self.facts: list[tuple[Any, ...]] = []
        self.changed_rows = 0
        self.fold_cache: dict[str, tuple[str, tuple[str, ...]]] = {}
        self.file_digest = _file_digest(kind, sha256)
        self.form = form
        self.id_form = form.processor(t.OfficialFact, "id")
        self.facts_added = 0
        self.citizens_added = 0
        self.citizens_updated = 0

    def add(self, row: ListRow, old: q.StoredCitizen | None, known: set[Any]) -> None:
        """Plan one row: a new citizen or the changed fields, and the facts not yet stored."""
        changed = False
        if old is None:
            self._new_citizen(row)
            changed = True
        else:
            changed = self._update(row, old)
        prefix = f"{row.personal_id}|"
        for field_name, value in self._facts(row):
            digest = self.file_digest.copy()
            digest.update(f"{prefix}{field_name}|{value}".encode())
            fid = _uuid5_from_sha1(digest.digest())
            stored_id = fid if self.id_form is None else self.id_form(fid)
            if stored_id in known:
                continue
            known.add(stored_id)
            self.facts.append(
                (
                    fid,
                    row.personal_id,
                    field_name,
                    value,
                    self.source_kind,
                    self.file_name,
                    self.as_of,
                    self.now,
                )
            )
            self.facts_added += 1
            changed = True
        if changed:
            self.changed_rows += 1

    def _folded(self, name: str) -> tuple[str, tuple[str, ...]]:
        """Folded name and its sorted distinct words; names repeat a lot, so cached."""
        found = self.fold_cache.get(name)
        if found is None:
            folded = fold(name)
            found = folded, tuple(sorted(set(_WORDS.findall(folded))))
            self.fold_cache[name] = found
        return found

    def _new_citizen(self, row: ListRow) -> None:
        folded, tokens = self._folded(row.full_name)
        self.citizens.append(
            (
                row.personal_id,
                row.full_name,
                folded,
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
            )
        )
        self.citizens_added += 1
        pid = row.personal_id
        self.tokens.extend([(w, pid) for w in tokens])

    def _update(self, row: ListRow, old: q.StoredCitizen) -> bool:
        """The list's non-empty values win, except a name: only a diacritics fix is taken."""
        fresh: dict[str, Any] = {
            "birth_date": row.birth_date,
            "sex": None if row.sex is None else row.sex.value,
            "village_id": row.village_id,
            "address": row.address or None,
            "phone": row.phone,
            "old_id": row.old_id,
            "beneficiary_group": None if row.group is None else row.group.value,
        }
        form = self.form
        changes = {
            k: v
            for k, v in fresh.items()
            if v is not None and getattr(old, k) != form.value(t.Citizen, k, v)
        }
        if row.full_name != old.full_name and (
            old.name_source != "official_list" or _more_diacritics(row.full_name, old.full_name)
        ):
            changes["full_name"] = row.full_name
            changes["name_folded"] = fold(row.full_name)
            changes["name_source"] = "official_list"
            self.renamed[row.personal_id] = sorted(set(fold_words(row.full_name)))
        if not changes:
            return False
        changes["updated_at"] = self.now
        key = tuple(sorted(changes))
        self.updates.setdefault(key, []).append(changes | {"b_personal_id": row.personal_id})
        self.citizens_updated += 1
        return True

    def _facts(self, row: ListRow) -> list[tuple[str, str]]:
        """(field, value) pairs this row says; field names as stored (plain strings, fast)."""
        facts: list[tuple[str, str]] = []
        if self.kind is ListKind.POLICE:
            if row.registered is not False:
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
            if row.linked is not None:
                facts.append((_BENEFIT_LINKED, _bool(row.linked)))
        else:
            facts.append((_NEEDS_HELP, row.note or "true"))
        return facts

    def flush(self, session: Any) -> None:
        """Send what is planned so far: citizens first (facts refer to them)."""
        q.bulk_insert(session, t.Citizen, q.CITIZEN_KEYS, self.citizens)
        q.bulk_insert(session, t.CitizenNameToken, q.TOKEN_KEYS, self.tokens)
        for changes in self.updates.values():
            q.update_citizens(session, changes)
        q.replace_name_tokens(session, self.renamed)
        q.bulk_insert(session, t.OfficialFact, q.FACT_KEYS, self.facts)
        self.citizens, self.tokens, self.facts = [], [], []
        self.updates, self.renamed = {}, {}


@contextmanager
def _no_gc() -> Iterator[None]:
    """Bulk work makes millions of objects and no cycles: the cyclic GC only slows it.

    (Process-wide for the seconds an import takes; restored after, also on error.)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _sqlite_bulk_writes(session: Any) -> Iterator[None]:
    """On SQLite, a big page cache and no per-row foreign-key probes while the import writes.

    Measured on 100,000 rows (700,000 store rows): the foreign-key probes of the citizen
    index halve the insert speed. The import keeps the keys right by construction: a citizen
    is inserted before their tokens and facts, in the same transaction, and facts and
    tokens are only made for citizens stored or inserted. The pragma only applies outside a
    transaction, so it is set before the first write (the reads before it open none) and
    set back on the same DBAPI connection after the commit, or after ending a failed
    transaction; a test checks it is on again either way. Other databases: no change.
    """
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    raw = connection.connection.dbapi_connection
    relax = not raw.in_transaction
    if relax:
        raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute(f"PRAGMA cache_size={_BULK_CACHE_KIB}")
    try:
        yield
    finally:
        if raw.in_transaction:
            raw.rollback()  # a failure or a cancel: the unit of work rolls back anyway
        raw.execute("PRAGMA cache_size=-2000")
        if relax:
            raw.execute("PRAGMA foreign_keys=ON")


def _bool(value: bool) -> str:
    return "true" if value else "false"


def _more_diacritics(new: str, old: str) -> bool:
    """'Nguyễn Văn An' improves on 'Nguyen Van An'; the reverse would lose information."""
    return fold(new) == fold(old) and sum(not c.isascii() for c in new) > sum(
        not c.isascii() for c in old
    )


__all__ = [
    "ImportResult",
    "ListColumn",
    "ListKind",
    "ListPreview",
    "import_list",
    "kind_columns",
    "preview_list",
    "remap",
    "save_rejected",
]

"""Importing official lists: preview, then one transaction that imports all or the valid rows.

Re-importing the same file changes nothing: an official fact's id is derived from the list
kind, the file's SHA-256 and what the fact says, so a second import finds every fact already
there and every citizen already up to date. A name that disagrees with the stored one and an
ID written twice in a file are reported as row errors, never silently overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.text import fold
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
from fieldapp.services.bulk import bulk_work
from fieldapp.services.clock import local_today, utc_now
from fieldapp.services.list_writes import (
    FACT_NAMESPACE,
    WritePlan,
    fact_id,
    sqlite_bulk_writes,
)
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import lists_queries as q

SOURCE_KINDS = {
    ListKind.POLICE: "police_level2",
    ListKind.BENEFICIARY: "beneficiary_list",
    ListKind.HELP: "help_list",
}
_MAPPING_KEY = "lists.mapping.{kind}"
_WRITE_CHUNK = 5000


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
    with bulk_work():
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
        plan = WritePlan(
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
        with sqlite_bulk_writes(session):
            for start in range(0, total, _WRITE_CHUNK):
                check_cancelled(progress)
                chunk = valid[start : start + _WRITE_CHUNK]
                known = [r.personal_id for r in chunk if r.personal_id in names]
                stored = q.stored_citizens(session, known) if known else {}
                facts = q.existing_fact_ids(session, known, source_kind) if known else set()
                with bulk_work():
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


__all__ = [
    "FACT_NAMESPACE",
    "ImportResult",
    "ListColumn",
    "ListKind",
    "ListPreview",
    "fact_id",
    "import_list",
    "kind_columns",
    "preview_list",
    "remap",
    "save_rejected",
]

"""Importing official lists: preview, then one transaction that imports all or the valid rows.

Re-importing the same file changes nothing: an official fact's id is derived from the list
kind, the file's SHA-256 and what the fact says, so a second import finds every fact already
there and every citizen already up to date. A name that disagrees with the stored one and an
ID written twice in a file are reported as row errors, never silently overwritten.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from pathlib import Path
from typing import Any

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.text import fold
from fieldapp.i18n import tr
from fieldapp.i18n.formats import count_text
from fieldapp.ingest.columns import (
    KIND_COLUMNS,
    ListColumn,
    ListKind,
    UnmappedColumn,
    auto_mapping,
    find_header,
    fold_header,
    missing_required,
    parse_map_option,
    unmapped_columns,
)
from fieldapp.ingest.files import NotAListError, RawTable, read_table
from fieldapp.ingest.rejected import write_rejected
from fieldapp.ingest.rows import (
    DuplicateRule,
    DuplicateTracker,
    ListRow,
    ParsedRows,
    RowError,
    checked_rows,
    parse_rows,
)
from fieldapp.ingest.spill import RowSpill
from fieldapp.ingest.values import cell_text
from fieldapp.services import report_timelines, users
from fieldapp.services.bulk import bulk_work
from fieldapp.services.clock import local_today, utc_now
from fieldapp.services.list_writes import (
    FACT_NAMESPACE,
    WritePlan,
    fact_id,
)
from fieldapp.services.progress import NullProgress, Progress, check_cancelled
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.villages import VillagePlan
from fieldapp.services.villages import add_villages as insert_villages
from fieldapp.store import lists_queries as q
from fieldapp.store.chunks import chunked
from fieldapp.store.repository import SqlRepository

SOURCE_KINDS = {
    ListKind.POLICE: "police_level2",
    ListKind.BENEFICIARY: "beneficiary_list",
    ListKind.HELP: "help_list",
}
_MAPPING_KEY = "lists.mapping.{kind}"
_WRITE_CHUNK = 5000
_SAMPLE_CHARS = 200  # a cell shown in the preview: a 10 MB cell must not reach the table view


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
    unmapped: list[UnmappedColumn] = field(default_factory=list)
    villages: VillagePlan = field(default_factory=VillagePlan)
    spill: RowSpill | None = None  # a big file's valid rows, parsed once (see ingest.spill)
    duplicates: DuplicateRule = DuplicateRule.FULLER

    @property
    def notices(self) -> list[RowError]:
        """Warnings that do not stop the import: duplicates settled, missing birth dates."""
        return self.parsed.notice_list

    @property
    def converted_cells(self) -> int:
        """Old-font cells converted: those that looked odd, and those their column decided.

        A streamed file's held rows are its first 200: its count is the full pass's.
        """
        read = self.parsed.converted_read
        return (self.table.converted_cells if read is None else read) + (
            self.parsed.converted_ambiguous
        )

    @property
    def will_import(self) -> int:
        """How many rows an import of the valid rows would write."""
        return max(0, self.parsed.valid_count - len(self.conflicts))

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
        """The rows that would be imported (held in memory: small files only)."""
        return [r for r in self.parsed.rows if r.index not in self.conflicts]

    def iter_valid_rows(self) -> Iterator[ListRow]:
        """The rows to import, in personal-ID order (the store's indexes fill in order).

        A held file's rows are sorted here, a spilled file's come sorted (`RowSpill`); a big
        file with neither is read and checked again, a row at a time, in sheet order.
        """
        if self.parsed.kept:
            yield from sorted(self.valid_rows, key=_personal_id)
            return
        skip = self.parsed.superseded.keys() | self.conflicts.keys()
        if self.spill is not None:
            for row in self.spill:
                if row.index not in skip:
                    yield row
            return
        again = ParsedRows([], {}, kept=False)
        for row in checked_rows(
            self.table,
            self.header_index,
            self.headers,
            self.mapping,
            self.kind,
            self.villages.keys(),
            self.today,
            again,
        ):  # the villages being added are in keys() now, under the same ids
            if row.index not in skip:
                yield row

    def sample(self, count: int = 20) -> list[tuple[int, list[str]]]:
        """The first data rows as the file shows them: (row number, cell texts)."""
        rows = self.table.rows
        start, end = self.parsed.start, min(self.parsed.end, len(rows))
        if end <= start:  # no ID column mapped: show what is below the header
            start, end = self.header_index + 1, len(rows)
        return [
            (i + 1, [cell_text(c)[:_SAMPLE_CHARS] for c in rows[i]])
            for i in range(start, min(end, start + count))
        ]


_personal_id = attrgetter("personal_id")


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
    villages_added: tuple[str, ...] = ()
    restored_how: dict[str, int] = field(default_factory=dict)
    converted_cells: int = 0


def preview_list(
    uow: UnitOfWork,
    path: str | Path,
    kind: ListKind | str,
    *,
    mapping: Mapping[int, ListColumn] | None = None,
    map_options: Sequence[str] = (),
    add_villages: Collection[str] | bool = (),
    today: date | None = None,
    progress: Progress | None = None,
    duplicates: DuplicateRule | str = DuplicateRule.FULLER,
    villages: VillagePlan | None = None,
    tracker: DuplicateTracker | None = None,
    spill: bool = False,
) -> ListPreview:
    """Read a list file, find its header, map its columns (remembered ones first), check rows.

    `map_options` are the CLI's `"Header=field"` choices, over the automatic and remembered
    mapping. `add_villages` names the unknown villages to add with the import (True: every
    unknown one that is not a near-duplicate of an existing village). `duplicates` says which
    row stays when an ID is written twice with different data ("fuller" or "later").
    `villages`: a plan shared by the files of one list (`lists_several`), over `add_villages`.
    `spill`: keep the checked rows on disk even for a file small enough to hold (one of
    several: twenty held files would hold twenty files' rows).
    """
    list_kind = _kind(kind)
    rule = _duplicate_rule(duplicates)
    table = read_table(path, accept=lambda rows: find_header(rows, list_kind) is not None)
    header = find_header(table.rows, list_kind)
    if header is None:
        raise NotAListError("lists.no_header", name=table.file_name)
    with uow:
        remembered = _remembered(uow.repo.get_setting(_layout_key(list_kind, header.headers)))
        if not remembered:
            remembered = _remembered(
                uow.repo.get_setting(_MAPPING_KEY.format(kind=list_kind.value))
            )
        chosen = (
            dict(mapping)
            if mapping is not None
            else _apply_remembered(header.headers, header.mapping, remembered, list_kind)
        )
        for spec in map_options:
            index, column = parse_map_option(spec, header.headers, list_kind)
            chosen = {
                i: c for i, c in chosen.items() if c is not column or column is ListColumn.IGNORE
            }
            chosen.pop(index, None)
            if column is not ListColumn.IGNORE:
                chosen[index] = column
        return _build(
            uow,
            list_kind,
            table,
            header.row_index,
            header.headers,
            chosen,
            today,
            add_villages,
            progress,
            rule,
            villages,
            tracker,
            spill,
        )


def remap(
    uow: UnitOfWork,
    preview: ListPreview,
    mapping: Mapping[int, ListColumn] | None = None,
    *,
    add_villages: Collection[str] | bool | None = None,
    progress: Progress | None = None,
    duplicates: DuplicateRule | str | None = None,
    villages: VillagePlan | None = None,
    tracker: DuplicateTracker | None = None,
    spill: bool = False,
) -> ListPreview:
    """The same file with another column mapping, villages to add or duplicate rule."""
    chosen = preview.mapping if mapping is None else mapping
    clean = {i: c for i, c in chosen.items() if c is not ListColumn.IGNORE}
    adding = preview.villages.chosen if add_villages is None else add_villages
    with uow:
        return _build(
            uow,
            preview.kind,
            preview.table,
            preview.header_index,
            preview.headers,
            clean,
            preview.today,
            adding,
            progress,
            preview.duplicates if duplicates is None else _duplicate_rule(duplicates),
            villages,
            tracker,
            spill,
        )


def _build(
    uow: UnitOfWork,
    kind: ListKind,
    table: RawTable,
    header_index: int,
    headers: tuple[str, ...],
    mapping: dict[int, ListColumn],
    today: date | None,
    add_villages: Collection[str] | bool = (),
    progress: Progress | None = None,
    duplicates: DuplicateRule = DuplicateRule.FULLER,
    shared: VillagePlan | None = None,
    tracker: DuplicateTracker | None = None,
    to_disk: bool = False,
) -> ListPreview:
    """Check every row (streamed), then settle unknown villages and name conflicts.

    With a `shared` plan (several files of one list), a village another file is adding is
    still counted as unknown in this one (it gets the same id): the caller sums the counts.
    """
    session = uow.repo.session
    progress = progress or NullProgress()
    day = today or local_today()
    villages = shared or VillagePlan(q.village_names(session), add=add_villages)
    known = villages.stored_keys() if shared is not None else villages.keys()
    conflicts: dict[int, list[RowError]] = {}
    preview = ListPreview(
        kind, table, header_index, headers, mapping, ParsedRows([], {}), today=day
    )
    name_col = next((i for i, c in mapping.items() if c is ListColumn.FULL_NAME), None)
    name_header = headers[name_col] if name_col is not None else ""
    seen = [0]
    # A big file's checked rows go to disk; so do every file's of several (a province's list
    # in twenty files would otherwise hold twenty files' rows: 56 MB per 100,000)
    spill = RowSpill() if table.streamed or to_disk else None

    def check_chunk(rows: list[ListRow]) -> None:
        check_cancelled(progress)
        if spill is not None:
            spill.add(rows)
        stored = q.stored_names(session, [r.personal_id for r in rows])
        if stored:
            conflicts.update(_name_conflicts(rows, stored, name_header))
        seen[0] += len(rows)
        progress.report(seen[0], 0)

    with bulk_work():
        parsed = parse_rows(
            table,
            header_index,
            headers,
            mapping,
            kind,
            known,
            day,
            keep_rows=spill is None,
            on_chunk=check_chunk,
            resolve_village=villages.resolve,
            duplicates=duplicates,
            tracker=tracker,
        )
    preview.parsed = parsed
    preview.spill = spill
    preview.duplicates = duplicates
    if shared is None:
        villages.unknown = dict(parsed.unknown_villages)
    preview.conflicts = {i: e for i, e in conflicts.items() if i not in parsed.superseded}
    preview.villages = villages
    preview.unmapped = unmapped_columns(
        headers, mapping, table.rows[parsed.start : parsed.start + 200]
    )
    return preview


def import_list(
    uow: UnitOfWork,
    preview: ListPreview,
    *,
    valid_only: bool,
    as_of: date | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    actor: dm.User,
) -> ImportResult:
    """Import the previewed list in one transaction, a chunk of rows at a time.

    With errors and `valid_only` False nothing is written. A cancel (checked between chunks,
    raising `CancelledError`) or any exception rolls everything back. The villages the
    preview planned to add are added in the same transaction. Rows are streamed (a big file
    is read again): memory stays bounded whatever the file's size.
    """
    return import_previews(
        uow, [preview], valid_only=valid_only, as_of=as_of, progress=progress, now=now,
        actor=actor,
    )[0]  # fmt: skip


def import_previews(
    uow: UnitOfWork,
    previews: Sequence[ListPreview],
    *,
    valid_only: bool,
    as_of: date | None = None,
    progress: Progress | None = None,
    now: datetime | None = None,
    actor: dm.User,
) -> list[ImportResult]:
    """Import previewed files of one list in ONE transaction, with one progress across them.

    As `import_list`, file after file: an error in any file (without `valid_only`), a cancel
    or a crash leaves nothing of any file. With several files, errors name the file. The
    previews of several files must share their village plan (`lists_several.preview_lists`).
    """
    users.check(uow, actor, Action.IMPORT_LIST)
    several = len(previews) > 1
    plans = {id(p.villages): p.villages for p in previews}
    if len(plans) > 1 and any(plan.new for plan in plans.values()):
        raise ValueError("files adding villages must share one village plan")
    for preview in previews:
        if preview.kind not in SOURCE_KINDS:  # a team list or a roster: teams.py, units.py
            raise ValidationError("lists.kind_needs_owner", kind=preview.kind.value)
        if preview.missing:
            raise missing_column_error(preview.missing[0], _file_of(preview, several))
        errors = preview.errors
        if errors and not valid_only:
            raise _has_errors(preview, errors, several)
    progress = progress or NullProgress()
    stamp = now or utc_now()
    day = as_of or local_today(stamp)
    files = [_FileWrite(p, {i: list(e) for i, e in p.errors.items()}) for p in previews]
    with uow:
        session = uow.repo.session
        # the figures' per-citizen status follows the list, in this transaction, chunk by
        # chunk: new citizens from the values the import holds, changed ones read back
        projection = report_timelines.projection_writer(uow)
        planned = {name: vid for plan in plans.values() for name, vid in plan.new.items()}
        added = insert_villages(uow, planned) if planned else []
        if added:
            session.flush()
        form = q.StorageForm(session)
        total = sum(p.will_import for p in previews)
        done = 0
        progress.report(0, total)
        with q.sqlite_bulk_writes(session, q.LIST_CACHE_KIB):
            paused = q.pause_word_index(session)
            for write in files:
                preview = write.preview
                write.plan = WritePlan(
                    preview.kind,
                    preview.table.sha256,
                    preview.table.file_name,
                    SOURCE_KINDS[preview.kind],
                    day,
                    stamp,
                    form,
                    user_id=actor.id,  # who, on the file's list_import row
                )
                write.plan.index_words = paused is not None
                write.done = _write_file(
                    session, write, valid_only, several, progress, done, total, projection
                )
                done += write.done
            check_cancelled(progress)
            q.resume_word_index(session, paused)
            for write in files:
                _remember(uow.repo, write.preview)
            uow.commit()
    names = tuple(v.name for v in added)
    return [write.result(names if i == 0 else ()) for i, write in enumerate(files)]


@dataclass(slots=True)
class _FileWrite:
    """One file of an import: its preview, its rows refused, its write plan, rows done."""

    preview: ListPreview
    rejected: dict[int, list[RowError]]
    plan: WritePlan | None = None
    done: int = 0

    def result(self, villages_added: tuple[str, ...]) -> ImportResult:
        plan, preview = self.plan, self.preview
        assert plan is not None
        return ImportResult(
            imported=plan.changed_rows,
            unchanged=self.done - plan.changed_rows,
            rejected=len(self.rejected) + preview.parsed.errors_dropped,
            ids_restored=preview.parsed.ids_restored,
            facts_added=plan.facts_added,
            citizens_added=plan.citizens_added,
            citizens_updated=plan.citizens_updated,
            rejected_errors=self.rejected,
            villages_added=villages_added,
            restored_how=dict(preview.parsed.restored_how),
            converted_cells=preview.converted_cells,
        )


def _write_file(
    session: Any,
    write: _FileWrite,
    valid_only: bool,
    several: bool,
    progress: Progress,
    before: int,
    total: int,
    projection: report_timelines.ProjectionWriter,
) -> int:
    """Write one file's valid rows a chunk at a time; how many rows were written."""
    preview, plan = write.preview, write.plan
    assert plan is not None
    name_col = next((i for i, c in preview.mapping.items() if c is ListColumn.FULL_NAME), None)
    name_header = preview.headers[name_col] if name_col is not None else ""
    source_kind = SOURCE_KINDS[preview.kind]
    done = 0
    for chunk in chunked(preview.iter_valid_rows(), _WRITE_CHUNK):
        check_cancelled(progress)
        stored = q.stored_citizens(session, [r.personal_id for r in chunk])
        conflicts = _name_conflicts(chunk, stored, name_header) if stored else {}
        if conflicts:
            if not valid_only:
                raise _has_errors(preview, conflicts, several)
            write.rejected.update(conflicts)
            chunk = [r for r in chunk if r.index not in conflicts]
        said = [plan.said(r) for r in chunk]
        # stored citizens whose last list said otherwise: only their facts are read back
        known = (
            [
                r.personal_id
                for r, s in zip(chunk, said, strict=True)
                if plan.needs_facts(s, stored.get(r.personal_id))
            ]
            if stored
            else []
        )
        latest = q.latest_official_facts(session, known) if known else {}
        fact_ids = q.existing_fact_ids(session, known, source_kind) if known else set()
        with bulk_work():
            for row, says in zip(chunk, said, strict=True):
                plan.add(row, stored.get(row.personal_id), latest, fact_ids, says)
            plan.flush(session)
            _project(plan, projection)
        done += len(chunk)
        progress.report(min(before + done, total), total)
    return done


def _project(plan: WritePlan, projection: report_timelines.ProjectionWriter) -> None:
    """The report projection's rows of the citizens a chunk created or changed."""
    created, changed = plan.take_projected()
    for pid, village, group, facts in created:
        # a new citizen's row says nothing of a smartphone (lists do not): None, as stored
        if not projection.add_new(pid, village, group, None, facts):
            changed.add(pid)
    projection.flush()
    projection.refold(changed)


def _file_of(preview: ListPreview, several: bool) -> str | None:
    return preview.table.file_name if several else None


def _has_errors(
    preview: ListPreview, errors: Mapping[int, list[RowError]], several: bool
) -> ValidationError:
    """Nothing imported because of row errors; with several files, the file and a first row."""
    if not several:
        return ValidationError("lists.has_errors", count=len(errors))
    first = errors[min(errors)][0]
    return ValidationError(
        "lists.several.has_errors",
        file=preview.table.file_name,
        count=len(errors),
        first_vi=first.text("vi"),
        first_en=first.text("en"),
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


def missing_column_error(column: ListColumn, file_name: str | None = None) -> ValidationError:
    """The error for a required column the mapping lacks, named in both languages.

    With several files, the file lacking it is named too.
    """
    message = f"lists.col.{column.value}"
    both = {"column_vi": tr(message, "vi"), "column_en": tr(message, "en")}
    if file_name is not None:
        return ValidationError("lists.several.missing_column", file=file_name, **both)
    return ValidationError("lists.missing_column", **both)


def kind_columns(kind: ListKind | str) -> tuple[ListColumn, ...]:
    """The meanings a column of this kind of list can have (for the mapping combo boxes)."""
    return (ListColumn.IGNORE, *KIND_COLUMNS[_kind(kind)])


def _duplicate_rule(rule: DuplicateRule | str) -> DuplicateRule:
    try:
        return DuplicateRule(rule)
    except ValueError:
        raise ValidationError("lists.unknown_duplicate_rule", rule=str(rule)) from None


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


def _remember(repo: SqlRepository, preview: ListPreview) -> None:
    """The mapping is remembered for this layout (its header texts) and as the kind's default."""
    choices = {
        fold_header(text): preview.mapping.get(i, ListColumn.IGNORE).value
        for i, text in enumerate(preview.headers)
        if text
    }
    value = json.dumps(choices, ensure_ascii=False, sort_keys=True)
    repo.set_setting(_MAPPING_KEY.format(kind=preview.kind.value), value)
    repo.set_setting(_layout_key(preview.kind, preview.headers), value)


def _layout_key(kind: ListKind, headers: Sequence[str]) -> str:
    """A file layout: its kind and its folded header texts, hashed to a short key."""
    import hashlib

    layout = "|".join(fold_header(h) for h in headers if h)
    return f"lists.layout.{kind.value}.{hashlib.sha1(layout.encode()).hexdigest()[:16]}"


def _name_conflicts(
    rows: Sequence[ListRow], stored: Mapping[str, q.StoredName | q.StoredCitizen], header: str
) -> dict[int, list[RowError]]:
    """Rows whose name disagrees with the stored name (folded), unless that was a garbled scan."""
    conflicts: dict[int, list[RowError]] = {}
    for row in rows:
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
    "DuplicateRule",
    "ImportResult",
    "ListColumn",
    "ListKind",
    "ListPreview",
    "fact_id",
    "import_list",
    "import_previews",
    "kind_columns",
    "preview_list",
    "remap",
    "save_rejected",
]


def progress_line(done: int, total: int, rate: float, left: float | None, lang: str) -> str:
    """Such as "12.000 / 2.700.000 dòng · 9.500 dòng/giây · còn khoảng 4 phút 40 giây"."""

    def number(value: float) -> str:
        return count_text(round(value), lang)

    if total <= 0:
        return tr("lists.progress_reading", lang, done=number(done), rate=number(rate))
    if left is None:
        remaining = tr("lists.left_unknown", lang)
    elif left < 60:
        remaining = tr("lists.left_seconds", lang, seconds=int(left))
    else:
        remaining = tr("lists.left_minutes", lang, minutes=int(left // 60), seconds=int(left % 60))
    return tr(
        "lists.progress", lang, done=number(done), total=number(total), rate=number(rate),
        left=remaining,
    )  # fmt: skip

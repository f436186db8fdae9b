"""Turning a sheet's rows into checked list rows and row errors.

Knows cells and columns, not the store: villages arrive as a name → id map, and the checks
that need stored data (a name disagreeing with the stored one) are the service's.
"""

from __future__ import annotations

import itertools
import re
import uuid
from array import array
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from operator import itemgetter
from typing import Any

from fieldapp.domain.model import BeneficiaryGroup, PaymentStatus
from fieldapp.domain.personal_id import Sex
from fieldapp.domain.text import fold
from fieldapp.i18n import tr
from fieldapp.ingest import legacy
from fieldapp.ingest.columns import ListColumn, ListKind, is_column_numbers_row
from fieldapp.ingest.files import Cell, RawTable
from fieldapp.ingest.values import (
    CellError,
    check_id_against,
    is_blank,
    parse_birth,
    parse_eid_level,
    parse_group,
    parse_name,
    parse_payment,
    parse_phone,
    parse_sex,
    parse_text,
    parse_yes_no,
    restore_personal_id,
    village_key,
)

_TOTAL_WORDS = re.compile(r"^(tong|cong|total|tong cong|tong so)\b")
_CACHED_PARSERS: dict[ListColumn, Callable[[Cell], Any]] = {
    ListColumn.SEX: parse_sex,
    ListColumn.REGISTERED: parse_yes_no,
    ListColumn.ACTIVATED: parse_yes_no,
    ListColumn.LINKED: parse_yes_no,
    ListColumn.SMARTPHONE: parse_yes_no,
    ListColumn.BENEFICIARY_GROUP: parse_group,
    ListColumn.PAYMENT_STATUS: parse_payment,
    ListColumn.EID_LEVEL: parse_eid_level,
}
_BLANK_IS_UNKNOWN = (
    ListColumn.SEX,
    ListColumn.PAYMENT_STATUS,
    ListColumn.EID_LEVEL,
    ListColumn.SMARTPHONE,  # a blank cell: the list does not say
)
_FLAG_COLUMNS = (ListColumn.REGISTERED, ListColumn.ACTIVATED, ListColumn.LINKED)


class DuplicateRule(StrEnum):
    """Which row stays when one ID is written twice with different data (chosen per import)."""

    FULLER = "fuller"  # the row with more filled values; between equals, the later row
    LATER = "later"  # the later row: a list's later line is its correction


@dataclass(frozen=True, slots=True)
class RowError:
    """What is wrong with one row: its sheet row number, the column's header, the problem."""

    row: int
    column: str
    message_id: str
    params: dict[str, Any] = field(default_factory=dict)

    def problem(self, lang: str = "vi") -> str:
        """The problem alone, in a language."""
        return tr(self.message_id, lang, **self.params)

    def text(self, lang: str = "vi") -> str:
        """Such as "Dòng 17, cột 'Số CCCD': 11 chữ số, cần 12"."""
        if self.column:
            return tr(
                "lists.row_error",
                lang,
                row=self.row,
                column=self.column,
                problem=self.problem(lang),
            )
        return tr("lists.row_error_nocol", lang, row=self.row, problem=self.problem(lang))


@dataclass(slots=True)
class ListRow:
    """One valid row, its values normalised. `index` is its 0-based index in the sheet."""

    index: int
    personal_id: str
    full_name: str
    birth_date: date | None = None
    sex: Sex | None = None
    village_id: uuid.UUID | None = None
    address: str = ""
    phone: str | None = None
    old_id: str | None = None
    registered: bool | None = None
    activated: bool | None = None
    linked: bool | None = None
    group: BeneficiaryGroup | None = None
    payment: PaymentStatus | None = None
    proxy_name: str | None = None
    guardian_name: str | None = None
    receiver_id: str | None = None
    receiver_relation: str | None = None
    note: str | None = None
    eid_level: int | None = None
    has_smartphone: bool | None = None
    member_role: str | None = None  # team and roster lists: the cell's text, read by the service

    @property
    def row_number(self) -> int:
        """The row number the user sees in the spreadsheet."""
        return self.index + 1


@dataclass(slots=True)
class ParsedRows:
    """The outcome of parsing: valid rows, errors and notices by sheet row index, counters.

    `rows` is empty when the rows were not kept (a big file: the import reads it again);
    `superseded` maps a duplicate row that loses to the row kept in its place.
    """

    rows: list[ListRow]
    errors: dict[int, list[RowError]]
    ids_restored: int = 0
    data_rows: int = 0
    skipped_rows: int = 0
    start: int = 0  # sheet index of the first row below the header (and its (1)(2) row)
    end: int = 0  # sheet index past the last data row (the footer starts there)
    notices: dict[int, list[RowError]] = field(default_factory=dict)
    restored_how: dict[str, int] = field(default_factory=dict)
    superseded: dict[int, int] = field(default_factory=dict)
    unknown_villages: dict[str, int] = field(default_factory=dict)
    valid_count: int = 0
    kept: bool = True
    errors_dropped: int = 0
    converted_ambiguous: int = 0  # old-font cells decided by their column (legacy.resolve)
    converted_read: int | None = None  # a streamed file's old-font cells, every row counted

    @property
    def error_list(self) -> list[RowError]:
        """All errors, in sheet order."""
        return [e for index in sorted(self.errors) for e in self.errors[index]]

    @property
    def notice_list(self) -> list[RowError]:
        """Warnings that do not stop the import (duplicates settled, missing birth dates)."""
        return [e for index in sorted(self.notices) for e in self.notices[index]]

    def add_error(self, index: int, problems: list[RowError]) -> None:
        """Keep a row's errors; past a bound only their count (a file of 2 M bad rows)."""
        if len(self.errors) < MAX_KEPT_ERRORS or index in self.errors:
            self.errors.setdefault(index, []).extend(problems)
        else:
            self.errors_dropped += 1


MAX_KEPT_ERRORS = 200_000
_CACHE_BOUND = 100_000  # entries per value cache: bounded memory whatever the list's size
_SKIP = object()  # a blank cell in a column where blank means "not said"
_CHUNK = 5000


def parse_rows(
    table: RawTable,
    header_index: int,
    headers: tuple[str, ...],
    mapping: Mapping[int, ListColumn],
    kind: ListKind,
    villages: Mapping[str, uuid.UUID],
    today: date,
    *,
    keep_rows: bool = True,
    on_chunk: Callable[[list[ListRow]], None] | None = None,
    resolve_village: Callable[[str], uuid.UUID | None] | None = None,
    duplicates: DuplicateRule = DuplicateRule.FULLER,
    tracker: DuplicateTracker | None = None,
) -> ParsedRows:
    """Parse every data row below the header; blank, section and trailing total rows skipped.

    `villages` maps `village_key(name)` to the village's id. Rows are streamed from the file:
    `on_chunk` sees the valid rows a few thousand at a time (before duplicates are settled),
    and `keep_rows=False` keeps none of them in memory. With a `tracker` of several files'
    IDs, duplicates are left for its owner to settle over all the files.
    """
    result = ParsedRows([], {}, start=header_index + 1, kept=keep_rows)
    ids = tracker or DuplicateTracker()
    chunk: list[ListRow] = []
    rows = checked_rows(
        table, header_index, headers, mapping, kind, villages, today, result, resolve_village, ids
    )
    for row in rows:
        if keep_rows:
            result.rows.append(row)
        if on_chunk is not None:
            chunk.append(row)
            if len(chunk) >= _CHUNK:
                on_chunk(chunk)
                chunk = []
    if on_chunk is not None and chunk:
        on_chunk(chunk)
    id_col = next((i for i, c in mapping.items() if c is ListColumn.PERSONAL_ID), None)
    if tracker is not None:
        return result  # settled over every file (`settle_files`)
    if id_col is not None:
        ids.settle(result, headers[id_col], duplicates)
    if result.superseded and keep_rows:
        result.rows = [r for r in result.rows if r.index not in result.superseded]
    result.valid_count -= len(result.superseded)
    return result


def checked_rows(
    table: RawTable,
    header_index: int,
    headers: tuple[str, ...],
    mapping: Mapping[int, ListColumn],
    kind: ListKind,
    villages: Mapping[str, uuid.UUID],
    today: date,
    result: ParsedRows,
    resolve_village: Callable[[str], uuid.UUID | None] | None = None,
    tracker: DuplicateTracker | None = None,
) -> Iterator[ListRow]:
    """The valid rows, streamed; errors, notices and counters go into `result`.

    Rows without an ID after the last row with one are the footer (totals, signatures):
    they are held back until a row with an ID shows they were not.
    """
    by_column = {column: index for index, column in mapping.items()}
    id_col = by_column.get(ListColumn.PERSONAL_ID)
    name_col = by_column.get(ListColumn.FULL_NAME)
    stt_col = by_column.get(ListColumn.ROW_NUMBER)
    parser = _RowParser(headers, by_column, kind, villages, today)
    parser.resolve_village = resolve_village
    start = header_index + 1
    result.start = result.end = start
    pending: list[tuple[int, list[Cell]]] = []
    empty = 0
    last = -1
    old_font = sorted(table.legacy_columns)
    # a streamed file is read again here: its converted cells are counted on every row
    counted = [0] if table.streamed and table.legacy_encoding else None
    for index, row in enumerate(table.iter_rows(counted)):
        last = index
        if index < start or id_col is None:
            continue
        if old_font:
            row = _resolve_old_font(row, old_font, table.legacy_encoding or "", result)
        if index == start and is_column_numbers_row(row):
            start += 1
            result.start = result.end = start
            continue
        if is_blank(_get(row, id_col)) and not _numbered_person(row, stt_col, name_col):
            if any(not is_blank(c) for c in row):
                pending.append((index, row))
            else:  # an empty row is counted, not held: a sheet may claim a million of them
                empty += 1
            continue
        for held_index, held in pending:
            kept = _one(parser, result, held_index, held, stt_col, name_col, id_col, tracker)
            if kept is not None:
                yield kept
        result.skipped_rows += empty
        pending, empty = [], 0
        kept = _one(parser, result, index, row, stt_col, name_col, id_col, tracker)
        if kept is not None:
            yield kept
        result.end = index + 1
    if id_col is not None:
        # The rows held at the end are the footer.
        result.skipped_rows += max(0, last + 1 - max(result.end, start))
    result.unknown_villages = parser.unknown_villages
    result.restored_how = parser.restored_how
    if counted is not None:
        result.converted_read = counted[0]


def _resolve_old_font(
    row: list[Cell], columns: list[int], family: str, result: ParsedRows
) -> list[Cell]:
    """Cells of an old-font column that read well both ways ("Xãm Léc"): converted."""
    fixed = row
    for i in columns:
        cell = row[i] if i < len(row) else None
        if isinstance(cell, str) and not cell.isascii():
            new = legacy.resolve(cell, family)
            if new != cell:
                if fixed is row:
                    fixed = list(row)  # the table's own rows stay as read (remap parses again)
                fixed[i] = new
                result.converted_ambiguous += 1
    return fixed


def _one(
    parser: _RowParser,
    result: ParsedRows,
    index: int,
    row: list[Cell],
    stt_col: int | None,
    name_col: int | None,
    id_col: int,
    tracker: DuplicateTracker | None = None,
) -> ListRow | None:
    """One row checked: the valid row, or None (skipped, or its errors kept in `result`)."""
    if is_blank(_get(row, id_col)) and not _numbered_person(row, stt_col, name_col):
        filled = [c for c in row if not is_blank(c)]
        nameless = name_col is None or is_blank(_get(row, name_col))
        if (len(filled) <= 2 and nameless) or _is_total(filled):
            result.skipped_rows += 1
            parser.section(filled)
            return None
    parsed, problems, restored = parser.parse(index, row)
    if problems and _not_a_person(row, id_col, name_col):
        result.skipped_rows += 1  # a total under the IDs ("Tổng cộng" | 16), a signature
        return None
    result.data_rows += 1
    if restored:
        result.ids_restored += 1
    if problems:
        result.add_error(index, problems)
        return None
    assert parsed is not None
    if parser.notice is not None:
        result.notices.setdefault(index, []).append(parser.notice)
    result.valid_count += 1
    if tracker is not None:
        tracker.add(parsed, parser.last_cells)
    return parsed


class DuplicateTracker:
    """Every valid row's ID, packed in arrays (25 bytes a row), to settle duplicates at the end.

    The rule is the user's (`DuplicateRule`): the row with the most filled values (between
    equals, the later row), or simply the later row. Rows that say exactly the same keep the
    first. Never both dropped; every row not kept is reported, naming the kept one.
    """

    def __init__(self) -> None:
        self.ids = array("q")
        self.indexes = array("q")
        self.filled = array("b")
        self.digests = array("q")
        self.files = array("h")  # which file of several (`lists_several`): one list
        self.file = 0  # the file being parsed

    def add(self, row: ListRow, cells: tuple[Cell, ...]) -> None:
        """Remember one valid row; `cells` are its mapped cells as read, but the row number.

        The row's data is taken from its cells as read (C-level hashing and counting, for
        every row of a province's file): a cell not blank is data, and two rows whose cells
        are the same say the same thing.
        """
        self.ids.append(int(row.personal_id))
        self.indexes.append(row.index)
        self.filled.append(len(cells) - cells.count(None) - cells.count(""))
        self.digests.append(hash(cells))
        self.files.append(self.file)

    def settle(
        self, result: ParsedRows, id_header: str, rule: DuplicateRule = DuplicateRule.FULLER
    ) -> None:
        """Choose the kept row of each repeated ID; notices name both rows."""
        self.settle_files([result], [id_header], [], rule)

    def settle_files(
        self,
        results: list[ParsedRows],
        id_headers: list[str],
        file_names: list[str],
        rule: DuplicateRule = DuplicateRule.FULLER,
    ) -> None:
        """As `settle`, over the files of one list (a file's rows after an earlier file's).

        A notice about a row kept in another file names that file.
        """
        ordered = sorted(self.ids)
        repeated = {a for a, b in itertools.pairwise(ordered) if a == b}
        del ordered
        if not repeated:
            return
        groups: dict[int, list[int]] = {}
        for position, pid in enumerate(self.ids):
            if pid in repeated:
                groups.setdefault(pid, []).append(position)
        for positions in groups.values():
            files, indexes, filled = self.files, self.indexes, self.filled
            if len({self.digests[p] for p in positions}) == 1:
                keep = positions[0]  # plain repeats: the first stays, the copies are reported
            elif rule is DuplicateRule.LATER:
                keep = max(positions, key=lambda p: (files[p], indexes[p]))
            else:
                keep = max(positions, key=lambda p: (filled[p], files[p], indexes[p]))
            kept_index, kept_file = indexes[keep], files[keep]
            for p in positions:
                if p == keep:
                    continue
                index, file = indexes[p], files[p]
                same = self.digests[p] == self.digests[keep]
                message = "lists.p.duplicate_same" if same else _KEPT_MESSAGE[rule]
                params: dict[str, Any] = {"other": kept_index + 1}
                if file != kept_file:
                    message = message.replace("lists.p.", "lists.several.")
                    params["file"] = file_names[kept_file]
                results[file].superseded[index] = kept_index
                results[file].notices.setdefault(index, []).append(
                    RowError(index + 1, id_headers[file], message, params)
                )


_KEPT_MESSAGE = {
    DuplicateRule.FULLER: "lists.p.duplicate_kept",
    DuplicateRule.LATER: "lists.p.duplicate_later",
}


def _numbered_person(row: list[Cell], stt_col: int | None, name_col: int | None) -> bool:
    """A row with a row number and a name is a person, whatever else it lacks."""
    if stt_col is None or name_col is None or is_blank(_get(row, name_col)):
        return False
    number = _get(row, stt_col)
    if isinstance(number, int | float) and not isinstance(number, bool):
        return True
    return isinstance(number, str) and number.strip().isdigit()


def _not_a_person(row: list[Cell], id_col: int, name_col: int | None) -> bool:
    """A refused row that is about no one: a footer line under the list.

    No name, and a total word or no digit where the ID goes: "Tổng cộng" | "" | 16 (a
    COUNTA under the IDs), "Người lập" | "Kế toán" (a signature line).
    """
    if name_col is not None and not is_blank(_get(row, name_col)):
        return False
    if _is_total([c for c in row if not is_blank(c)]):
        return True
    id_cell = _get(row, id_col)
    return isinstance(id_cell, str) and not any("0" <= ch <= "9" for ch in id_cell)


def _is_total(filled: list[Cell]) -> bool:
    return any(isinstance(c, str) and _TOTAL_WORDS.match(fold(c)) for c in filled)


def receiver_id_text(text: str) -> str:
    """A receiver's ID as a list wrote it: Excel's lost leading zero put back (11 digits)."""
    digits = text[:-2] if text.endswith(".0") else text
    if digits.isascii() and digits.isdigit() and len(digits) == 11:
        return digits.zfill(12)
    return digits


def _get(row: list[Cell], index: int) -> Cell:
    return row[index] if index < len(row) else None


class _RowParser:
    """Per-column parsers, with caches for the columns that repeat a few values."""

    def __init__(
        self,
        headers: tuple[str, ...],
        by_column: Mapping[ListColumn, int],
        kind: ListKind,
        villages: Mapping[str, uuid.UUID],
        today: date,
    ) -> None:
        self.headers = headers
        self.col = by_column
        self.kind = kind
        self.villages = villages
        self.today = today
        self.caches: dict[ListColumn, dict[Cell, Any]] = {c: {} for c in _CACHED_PARSERS}
        self.village_cache: dict[Cell, uuid.UUID | CellError | None] = {}
        self.section_village: uuid.UUID | None = None
        self.name_cache: dict[str, str] = {}
        self.birth_cache: dict[Any, tuple[date | None, int] | CellError] = {}
        self.unknown_villages: dict[str, int] = {}
        self.unknown_cells: dict[Cell, str] = {}
        self.restored_how: dict[str, int] = {}
        self.notice: RowError | None = None
        self.resolve_village: Callable[[str], uuid.UUID | None] | None = None
        self.width = max(by_column.values(), default=0) + 1
        data_cols = sorted(i for c, i in by_column.items() if c is not ListColumn.ROW_NUMBER)
        self.cells_of: Callable[[list[Cell]], tuple[Cell, ...]] = (
            itemgetter(*data_cols)
            if len(data_cols) > 1
            else lambda r: tuple(r[i] for i in data_cols)
        )
        self.last_cells: tuple[Cell, ...] = ()
        self.i_name = by_column.get(ListColumn.FULL_NAME)
        self.i_phone = by_column.get(ListColumn.PHONE)
        self.i_address = by_column.get(ListColumn.ADDRESS)
        self.i_village = by_column.get(ListColumn.VILLAGE)
        self.i_old = by_column.get(ListColumn.OLD_ID)
        self.birth_cols = [
            (c, by_column[c])
            for c in (ListColumn.BIRTH_DATE, ListColumn.BIRTH_YEAR)
            if c in by_column
        ]
        self.cached_cols = [
            (c, by_column[c], _ATTR[c], self.caches[c]) for c in _ATTR if c in by_column
        ]
        self.text_cols = [
            (by_column[c], attr, c, self._text if c is ListColumn.NOTE else self._name)
            for c, attr in (
                (ListColumn.PROXY_NAME, "proxy_name"),
                (ListColumn.GUARDIAN_NAME, "guardian_name"),
                (ListColumn.RECEIVER_ID, "receiver_id"),
                (ListColumn.RECEIVER_RELATION, "receiver_relation"),
                (ListColumn.NOTE, "note"),
                (ListColumn.MEMBER_ROLE, "member_role"),
            )
            if c in by_column
        ]
        self.text_cache: dict[str, str] = {}
        self.id_checks: dict[tuple[str, int | None, Sex | None], Any] = {}

    def section(self, filled: list[Cell]) -> None:
        """A heading row such as "Thôn Đông Hòa" sets the village of the rows below it."""
        for cell in filled:
            if isinstance(cell, str):
                found = self.villages.get(village_key(re.sub(r"^[IVX0-9]+[.)]\s*", "", cell)))
                if found is not None:
                    self.section_village = found
                    return

    def _cached_value(self, column: ListColumn, cell: Cell) -> Any:
        """A cell's value for a column of few values: the value, a CellError or _SKIP."""
        cache = self.caches[column]
        if len(cache) > _CACHE_BOUND:
            cache.clear()
        if is_blank(cell):
            if column in _BLANK_IS_UNKNOWN:
                return _SKIP
            if column is ListColumn.BENEFICIARY_GROUP:
                return CellError("lists.p.empty")
        key = cell.strip() if isinstance(cell, str) else cell
        try:
            return _CACHED_PARSERS[column](key)
        except CellError as problem:
            return problem

    def _birth(self, cell: Cell) -> tuple[date | None, int]:
        """parse_birth, cached: a list of any size holds some 30,000 distinct birth dates."""
        cache = self.birth_cache
        key = cell if cell.__class__ is str else (cell.__class__, cell)  # 1 vs True vs 1.0
        found = cache.get(key)
        if found is None:
            if len(cache) > _CACHE_BOUND:
                cache.clear()
            try:
                found = parse_birth(cell, self.today)
            except CellError as problem:
                found = problem
            cache[key] = found
        if isinstance(found, CellError):
            raise found
        return found

    def _village(self, cell: Cell) -> uuid.UUID | None:
        try:
            value = self.village_cache[cell]
        except KeyError:
            found = self.villages.get(village_key(str(cell)))
            if found is None:
                name = parse_name(str(cell))
                self.unknown_cells[cell] = name
                if self.resolve_village is not None:
                    found = self.resolve_village(name)
            value = found if found is not None else CellError("lists.p.village", value=cell)
            self.village_cache[cell] = value
        unknown = self.unknown_cells.get(cell)
        if unknown is not None:  # counted on every row: the user sees how many rows each has
            self.unknown_villages[unknown] = self.unknown_villages.get(unknown, 0) + 1
        if isinstance(value, CellError):
            raise value
        return value

    def _name(self, cell: Cell) -> str:
        key = str(cell)
        name = self.name_cache.get(key)
        if name is None:
            if len(self.name_cache) > _CACHE_BOUND:
                self.name_cache.clear()
            name = self.name_cache[key] = parse_name(key)
        return name

    def _text(self, cell: Cell) -> str:
        """An address or a note (parse_text), cached: a village's addresses repeat."""
        key = str(cell)
        text = self.text_cache.get(key)
        if text is None:
            if len(self.text_cache) > _CACHE_BOUND:
                self.text_cache.clear()
            text = self.text_cache[key] = parse_text(key)
        return text

    def parse(self, index: int, row: list[Cell]) -> tuple[ListRow | None, list[RowError], bool]:
        """One row → (row or None, errors, whether the ID's zeros were restored)."""
        problems: list[RowError] = []
        number = index + 1
        col = self.col
        if len(row) < self.width:
            row = row + [None] * (self.width - len(row))

        def fail(column: ListColumn, problem: CellError) -> None:
            problems.append(
                RowError(number, self.headers[col[column]], problem.message_id, problem.params)
            )

        self.notice = None
        birth_year: int | None = None
        birth_date: date | None = None
        for column, i in self.birth_cols:
            cell = row[i]
            if birth_year is None and not is_blank(cell):
                try:
                    birth_date, birth_year = self._birth(cell)
                except CellError as problem:
                    fail(column, problem)
                    birth_year = -1
        restored = False
        personal_id = ""
        id_cell = row[col[ListColumn.PERSONAL_ID]]
        if is_blank(id_cell):
            fail(ListColumn.PERSONAL_ID, CellError("lists.p.empty"))
        else:
            try:
                known_year = birth_year if birth_year and birth_year > 0 else None
                personal_id, how = restore_personal_id(id_cell, known_year)
            except CellError as problem:
                fail(ListColumn.PERSONAL_ID, problem)
            else:
                if how is not None:
                    restored = True
                    self.restored_how[how] = self.restored_how.get(how, 0) + 1
        out = ListRow(index, personal_id, "")
        name_cell = row[self.i_name] if self.i_name is not None else None
        if is_blank(name_cell):
            if self.i_name is not None:
                fail(ListColumn.FULL_NAME, CellError("lists.p.empty"))
        else:
            try:
                out.full_name = self._name(name_cell)
            except CellError as problem:
                fail(ListColumn.FULL_NAME, problem)
        out.birth_date = birth_date
        if birth_year is None and self.birth_cols:
            i = self.birth_cols[0][1]
            self.notice = RowError(number, self.headers[i], "lists.p.no_birth_date")
        for column, i, attr, cache in self.cached_cols:
            cell = row[i]
            value = cache.get(cell, _SKIP)  # keyed by the cell as read: most rows hit
            if value is _SKIP and cell not in cache:
                value = cache[cell] = self._cached_value(column, cell)
            if value is _SKIP:
                continue
            if value.__class__ is CellError:
                fail(column, value)
                continue
            setattr(out, attr, value)
        if self.i_phone is not None:
            phone = row[self.i_phone]
            if not is_blank(phone):
                try:
                    out.phone = parse_phone(phone)
                except CellError as problem:
                    fail(ListColumn.PHONE, problem)
        if self.i_address is not None:
            address = row[self.i_address]
            if not is_blank(address):
                try:
                    out.address = self._text(address)
                except CellError as problem:
                    fail(ListColumn.ADDRESS, problem)
        village = row[self.i_village] if self.i_village is not None else None
        if not is_blank(village):
            try:
                out.village_id = self._village(village)
            except CellError as problem:
                fail(ListColumn.VILLAGE, problem)
        elif out.address:
            out.village_id = self.villages.get(village_key(out.address.split(",")[0]))
        if out.village_id is None:
            out.village_id = self.section_village
        for i, attr, column, parse in self.text_cols:
            cell = row[i]
            if not is_blank(cell):
                try:
                    setattr(out, attr, parse(cell))
                except CellError as problem:  # a note past 1,000 characters, a control
                    fail(column, problem)
        if out.receiver_id is not None:
            out.receiver_id = receiver_id_text(out.receiver_id)
        if self.i_old is not None:
            old = row[self.i_old]
            if not is_blank(old):
                old_text = str(int(old)) if isinstance(old, float) else str(old).strip()
                out.old_id = old_text.zfill(9) if old_text.isdigit() else old_text
        if personal_id and ((birth_year is not None and birth_year > 0) or out.sex is not None):
            year = birth_year if birth_year and birth_year > 0 else None
            key = (personal_id[3:6], year, out.sex)  # what the check reads: a few thousand
            mismatch = self.id_checks.get(key, _SKIP)
            if mismatch is _SKIP:
                if len(self.id_checks) > _CACHE_BOUND:
                    self.id_checks.clear()
                mismatch = self.id_checks[key] = check_id_against(personal_id, year, out.sex)
            if mismatch is not None:
                fail(ListColumn.PERSONAL_ID, CellError(mismatch[0], **mismatch[1]))
        if not problems:
            self.last_cells = self.cells_of(row)
        return (None if problems else out), problems, restored


_ATTR = {
    ListColumn.SEX: "sex",
    ListColumn.REGISTERED: "registered",
    ListColumn.ACTIVATED: "activated",
    ListColumn.LINKED: "linked",
    ListColumn.PAYMENT_STATUS: "payment",
    ListColumn.BENEFICIARY_GROUP: "group",
    ListColumn.EID_LEVEL: "eid_level",
    ListColumn.SMARTPHONE: "has_smartphone",
}

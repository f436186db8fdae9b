"""Reading list files as they come: xlsx, old xls, ods (python-calamine) and CSV.

A file's kind is told by its first bytes, not its name: an image renamed .xlsx gets a clear
message instead of a zip error. CSV encodings (UTF-8, UTF-8 with BOM, UTF-16, Windows-1258,
and the old TCVN3 and VNI font encodings) and delimiters (comma, semicolon, tab) are detected.

Files are checked before they are read whole (issue 13 item 7): size, a workbook's zip
members (a 293 KB xlsx can hold a 300-million-character string), rows and columns. A large
CSV is never read whole: `RawTable.iter_rows` streams it again for each pass.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import python_calamine as pc

from fieldapp.domain.errors import ValidationError
from fieldapp.ingest import html_table, legacy, limits, spreadsheet_xml

Cell = str | float | int | bool | date | datetime | None

_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_NOT_LISTS = (
    b"\x89PNG",
    b"\xff\xd8\xff",  # JPEG
    b"GIF8",
    b"%PDF",
    b"BM",  # BMP
    b"II*\x00",  # TIFF
    b"MM\x00*",
    b"RIFF",  # WEBP
)
_DELIMITERS = (",", ";", "\t")
_HEAD_ROWS = 200  # rows kept from a streamed file: header search, sample, title block
_READ_BLOCK = 1 << 20

# A cell past Excel's limit is refused by name below; one that never ends (an unclosed
# quote takes the rest of the file) stops the csv module itself, in bounded memory.
csv.field_size_limit(4 * limits.MAX_CELL_CHARS)


class NotAListError(ValidationError):
    """The file cannot be a list: an image, an encrypted workbook, an empty sheet."""


@dataclass(slots=True)
class RawTable:
    """A sheet's cells as read, with the file's identity.

    `rows[i]` is spreadsheet row `i + 1`: row numbers in messages are the ones the user sees.
    A big CSV is not held: `rows` then holds its first rows only (`streamed` is True) and
    `iter_rows()` reads the whole file again, a line at a time.
    """

    file_name: str
    sha256: str
    file_format: str
    sheet_name: str
    rows: list[list[Cell]]
    merged_rows: set[int] = field(default_factory=set)
    encoding: str | None = None
    delimiter: str | None = None
    path: Path | None = None
    streamed: bool = False
    legacy_encoding: str | None = None  # "tcvn3" / "vni" when cells were converted
    converted_cells: int = 0
    width: int = 0
    legacy_columns: frozenset[int] = frozenset()  # old-font columns (legacy.ColumnVotes)
    sheet: Any = None  # a streamed workbook's sheet (calamine), read again for each pass

    def iter_rows(self, counter: list[int] | None = None) -> Iterator[list[Cell]]:
        """Every row of the sheet, first to last (again from the file when streamed).

        `counter[0]` grows by each old-font cell converted while a streamed file is read
        again: the preview's pass counts every row's, not only the held rows'.
        """
        if not self.streamed:
            yield from self.rows
            return
        if self.sheet is not None:
            yield from _sheet_rows(self.sheet, self.legacy_encoding, self.file_name, counter)
            return
        assert self.path is not None and self.encoding is not None
        yield from _csv_rows(
            self.path, self.encoding, self.delimiter or ",", self.legacy_encoding, counter
        )


SheetCheck = Callable[[list[list[Cell]]], bool]


def read_table(path: str | Path, accept: SheetCheck | None = None) -> RawTable:
    """Read the sheet holding the list (or the CSV, or the HTML table) of a list file.

    A workbook's visible sheets are tried in order, then its hidden ones: the first one
    `accept` takes (the caller's header search), else the first holding any data. The
    file's kind is told by its bytes: a CSV or an HTML page named .xls is read as what it
    is. Any problem opening the file (a folder, a file Excel holds open) is one clear line.
    """
    file_path = Path(path)
    name = file_path.name
    try:
        return _read_table(file_path, name, accept)
    except IsADirectoryError:
        raise NotAListError("lists.file_is_folder", name=name) from None
    except FileNotFoundError:
        raise NotAListError("lists.file_missing", name=name) from None
    except PermissionError:
        raise NotAListError("lists.file_locked", name=name) from None
    except OSError:
        raise NotAListError("lists.file_os_error", name=name) from None


def _read_table(file_path: Path, name: str, accept: SheetCheck | None) -> RawTable:
    if file_path.is_dir():  # Windows opens a folder with PermissionError
        raise NotAListError("lists.file_is_folder", name=name)
    size = file_path.stat().st_size
    with file_path.open("rb") as handle:
        head = handle.read(4096)
    if size < 1024 and not head.strip():
        raise NotAListError("lists.file_empty", name=name)
    if any(head.startswith(magic) for magic in _NOT_LISTS):
        raise NotAListError("lists.file_image", name=name)
    if head.startswith((_OLE, _ZIP)):
        limits.check_workbook_size(name, size)
        data = file_path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if head.startswith(_OLE):
            if "EncryptedPackage".encode("utf-16-le") in data[:1_000_000]:
                raise NotAListError("lists.file_encrypted", name=name)
            return _read_workbook(data, name, digest, "xls", accept)
        fmt = "ods" if b"application/vnd.oasis.opendocument" in data[:200] else "xlsx"
        limits.check_zip_members(name, data)
        limits.check_sheet_areas(name, data)  # by the parts inside, whatever the name says
        limits.check_ods_area(name, data)
        return _read_workbook(data, name, digest, fmt, accept)
    if spreadsheet_xml.looks_like_spreadsheet_xml(head):  # before HTML: it has a <Table>
        limits.check_workbook_size(name, size)
        return _read_spreadsheet_xml(file_path, name, accept)
    if html_table.looks_like_html(head):
        limits.check_workbook_size(name, size)
        return _read_html(file_path, name, head)
    if not _looks_like_text(head):
        if file_path.suffix.lower() in (".xlsx", ".xls", ".ods", ".xlsm"):
            raise NotAListError("lists.file_unreadable", name=name)
        raise NotAListError("lists.file_not_text", name=name)
    limits.check_csv_size(name, size)
    return _read_csv(file_path, name)


_CONTROL = bytes(range(32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"")


def _looks_like_text(head: bytes) -> bool:
    """Text of some encoding: UTF-16 (zero bytes beside letters) or few control bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or detect_encoding(head).startswith("utf-16"):
        return True
    controls = len(head) - len(head.translate(None, _CONTROL))
    return controls <= len(head) // 100


def _read_html(path: Path, name: str, head: bytes) -> RawTable:
    """An HTML page's tables as one sheet, read whole (web exports are a commune's size)."""
    encoding = html_table.html_encoding(head)
    digest = hashlib.sha256()
    raw = bytearray()
    with path.open("rb") as handle:
        for block in html_table.file_blocks(handle):
            digest.update(block)
            raw += block
    data = bytes(raw)
    del raw
    if encoding is None:
        encoding = "utf-8" if detect_encoding(data[:65536]) == "utf-8" else "cp1258"
        if encoding == "utf-8":
            try:
                data.decode("utf-8")
            except UnicodeDecodeError:
                encoding = "cp1258"
    blocks = (data[i : i + _READ_BLOCK] for i in range(0, len(data), _READ_BLOCK))
    rows, merged = html_table.read_html_rows(blocks, encoding, name)
    if not any(_filled(row) for row in rows):  # type: ignore[arg-type]
        raise NotAListError("lists.file_empty", name=name)
    table = RawTable(name, digest.hexdigest(), "html", "", rows, merged)  # type: ignore[arg-type]
    table.width = max(len(r) for r in rows)
    _pad(table.rows, table.width)
    _convert_legacy(table)
    return table


def _read_spreadsheet_xml(path: Path, name: str, accept: SheetCheck | None) -> RawTable:
    """Excel 2003 XML: its worksheets in order, the first `accept` takes (as a workbook's)."""
    data = path.read_bytes()
    digest = hashlib.sha256(data).hexdigest()
    first: RawTable | None = None
    for sheet_name, rows, merged in spreadsheet_xml.read_sheets(data, name):
        if not any(_filled(row) for row in rows):
            continue
        table = RawTable(name, digest, "xml2003", sheet_name, rows, merged)  # type: ignore[arg-type]
        table.width = max(len(r) for r in rows)
        _pad(table.rows, table.width)
        _convert_legacy(table)
        if accept is None or accept(table.rows):
            return table
        first = first or table
    if first is None:
        raise NotAListError("lists.file_empty", name=name)
    return first


def _read_workbook(
    data: bytes, name: str, digest: str, fmt: str, accept: SheetCheck | None = None
) -> RawTable:
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise NotAListError("lists.file_encrypted", name=name) from None
    except BaseException as error:  # calamine raises several kinds, even a Rust panic
        _reraise_interrupts(error)
        raise NotAListError("lists.file_unreadable", name=name) from None
    first: RawTable | None = None
    try:
        for index in _sheet_order(book):
            table = _sheet_table(book, index, name, digest, fmt)
            if table is None:
                continue
            if accept is None or accept(table.rows):
                return table
            first = first or table
    except pc.PasswordError:
        raise NotAListError("lists.file_encrypted", name=name) from None
    except NotAListError:
        raise
    except BaseException as error:
        _reraise_interrupts(error)
        raise NotAListError("lists.file_unreadable", name=name) from None
    if first is not None:
        return first  # no sheet has a header: the caller says so about the first one
    raise NotAListError("lists.file_empty", name=name)


def _sheet_order(book: pc.CalamineWorkbook) -> list[int]:
    """Worksheets, visible ones first: a hidden sheet is a lookup table, rarely the list."""
    try:
        sheets = book.sheets_metadata
    except Exception:  # an old calamine or a format without the metadata
        return list(range(len(book.sheet_names)))
    visible = pc.SheetVisibleEnum.Visible
    shown = [i for i, s in enumerate(sheets) if s.visible == visible]
    hidden = [i for i, s in enumerate(sheets) if s.visible != visible]
    return [i for i in shown + hidden if sheets[i].typ == pc.SheetTypeEnum.WorkSheet] or list(
        range(len(sheets))
    )


def _sheet_table(
    book: pc.CalamineWorkbook, index: int, name: str, digest: str, fmt: str
) -> RawTable | None:
    """One sheet as a table, or None when it holds nothing."""
    sheet = book.get_sheet_by_index(index)
    sheet_name = sheet.name
    limits.check_sheet_shape(name, sheet.total_height, sheet.total_width)
    if sheet.total_height > limits.WORKBOOK_HELD_ROWS:
        return _streamed_sheet(sheet, name, digest, fmt, sheet_name)
    rows = sheet.to_python(skip_empty_area=False)
    if not any(_filled(row) for row in rows):
        return None
    table = RawTable(name, digest, fmt, sheet_name, rows, _merged_rows(sheet))
    table.width = max((len(r) for r in rows), default=0)
    _convert_legacy(table)
    return table


def _streamed_sheet(
    sheet: pc.CalamineSheet, name: str, digest: str, fmt: str, sheet_name: str
) -> RawTable | None:
    """A big sheet: its first rows held (header, sample), the rest made a row at a time.

    calamine holds the sheet's cells in its own compact form; what is not held is the Python
    list of every row (several times that size). Old-font detection and column votes are
    taken on the held rows, and applied to every row as it is read.
    """
    head: list[list[Cell]] = []
    for row in _sheet_rows(sheet, None, name):
        head.append(row)
        if len(head) >= _HEAD_ROWS:
            break
    if not any(_filled(row) for row in head):
        return None
    table = RawTable(name, digest, fmt, sheet_name, head, _merged_rows(sheet), streamed=True)
    table.sheet = sheet
    table.width = max(sheet.total_width, max((len(r) for r in head), default=0))
    _convert_legacy(table)
    return table


def _sheet_rows(
    sheet: pc.CalamineSheet, family: str | None, name: str, counter: list[int] | None = None
) -> Iterator[list[Cell]]:
    """A sheet's rows from its first (row 1), as `to_python(skip_empty_area=False)` gives them."""
    left = (sheet.start or (0, 0))[1]  # iter_rows starts at the first used column
    pad: list[Cell] = [""] * left
    try:
        for row in sheet.iter_rows():
            cells: list[Cell] = pad + row if left else row
            if family is not None:
                fixed = [
                    legacy.convert_cell(c, family) if isinstance(c, str) and c else c for c in cells
                ]
                if counter is not None:
                    counter[0] += sum(a is not b for a, b in zip(fixed, cells, strict=True))
                cells = fixed
            yield cells
    except BaseException as error:  # a Rust panic mid-sheet, as when reading whole
        _reraise_interrupts(error)
        raise NotAListError("lists.file_unreadable", name=name) from None


def _reraise_interrupts(error: BaseException) -> None:
    """A Rust panic (pyo3's PanicException) is a BaseException: keep only Ctrl+C and exit."""
    if isinstance(error, KeyboardInterrupt | SystemExit | GeneratorExit):
        raise error


def _convert_legacy(table: RawTable) -> None:
    """TCVN3 / VNI cell text (Latin-1 look-alikes) to Unicode, counted."""
    family = legacy.detect_family(_texts(table.rows[:2000]))
    if family is None:
        return
    converted = 0
    votes = legacy.ColumnVotes(family)
    for row in table.rows:
        for i, cell in enumerate(row):
            if isinstance(cell, str) and cell:
                fixed = legacy.convert_cell(cell, family)
                votes.see(i, cell, fixed)
                if fixed != cell:
                    row[i] = fixed
                    converted += 1
    table.legacy_encoding, table.converted_cells = family, converted
    table.legacy_columns = votes.columns()


def _texts(rows: list[list[Cell]]) -> Iterator[str]:
    for row in rows:
        for cell in row:
            if isinstance(cell, str) and cell:
                yield cell


def _merged_rows(sheet: pc.CalamineSheet) -> set[int]:
    """Rows (0-based) covered by a merged range: the title block is usually one."""
    try:
        ranges = sheet.merged_cell_ranges or []
    except Exception:  # not every format reports merges
        return set()
    rows: set[int] = set()
    for (top, _left), (bottom, _right) in ranges:
        rows.update(range(top, bottom + 1))
    return rows


def _filled(row: list[Cell]) -> bool:
    """Any cell holding more than white space (a CSV of ";;;" and " " lines is empty)."""
    return any(
        cell not in ("", None) and not (isinstance(cell, str) and cell.isspace()) for cell in row
    )


def detect_encoding(data: bytes) -> str:
    """The Python codec of a CSV's bytes: BOMs first, then UTF-8, then Windows-1258.

    `data` may be a leading sample of the file: a multi-byte character cut at its end is
    not held against UTF-8.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4000]
    if sample and sample.count(0) > len(sample) // 4:
        # UTF-16 without BOM: ASCII letters have a zero byte beside them.
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    try:
        codecs.getincrementaldecoder("utf-8")("strict").decode(data, final=False)
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8"


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter giving the most lines with the same (more than one) number of fields.

    Only each line's first 8 KB is looked at: a line of any length cannot make it fail.
    """
    short = [ln[: limits.SNIFF_LINE_CHARS] for ln in lines]
    best, best_score = ",", -1
    for delimiter in _DELIMITERS:
        counts: dict[int, int] = {}
        try:
            for row in csv.reader(short, delimiter=delimiter):
                if len(row) > 1:
                    counts[len(row)] = counts.get(len(row), 0) + 1
        except csv.Error:
            continue
        score = max(counts.values(), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(path: Path, name: str) -> RawTable:
    """Hash the file and check its encoding in one pass; keep it whole only when small."""
    digest = hashlib.sha256()
    utf8 = codecs.getincrementaldecoder("utf-8")("strict")
    is_utf8 = True
    head = b""
    lines = _LineLengths(name)
    with path.open("rb") as handle:
        while block := handle.read(_READ_BLOCK):
            digest.update(block)
            lines.see(block)
            if len(head) < 65536:
                head += block[: 65536 - len(head)]
            if is_utf8:
                try:
                    utf8.decode(block)
                except UnicodeDecodeError:
                    is_utf8 = False
    encoding = detect_encoding(head)
    if not is_utf8 and _begins_as_utf8(head):
        # A BOM, or UTF-8 letters before the first byte that is not: that line was pasted
        # from a file of another encoding. Read as Windows-1258 every UTF-8 letter would be
        # garbled; read as UTF-8 that line would be. The line is named instead.
        raise NotAListError("lists.csv_mixed_encoding", name=name, row=_first_bad_line(path))
    if encoding == "utf-8" and not is_utf8:
        encoding = "cp1258"
    family = legacy.detect_csv_family(head) if encoding == "cp1258" else None
    if family is not None:
        encoding = "latin-1"  # the bytes are font codes: each one becomes one character
    delimiter = _sniff_file(path, encoding, name)
    streamed = path.stat().st_size > limits.CSV_HELD_BYTES
    table = RawTable(
        name, digest.hexdigest(), "csv", "", [], set(), encoding, delimiter, path, True
    )
    table.legacy_encoding = family
    rows: list[list[Cell]] = []
    converted = 0
    votes = legacy.ColumnVotes(family) if family is not None else None
    for row in _csv_rows(path, encoding, delimiter, family, counter=(counted := [0]), votes=votes):
        if not streamed or len(rows) < _HEAD_ROWS:
            rows.append(row)
        elif streamed:
            break
    converted = counted[0]
    if not any(_filled(row) for row in rows):
        raise NotAListError("lists.file_empty", name=name)
    table.rows = rows
    table.width = max(len(row) for row in rows)
    table.streamed = streamed
    table.converted_cells = converted
    table.legacy_columns = votes.columns() if votes is not None else frozenset()
    if not streamed:
        _pad(rows, table.width)
    return table


class _LineLengths:
    """No line longer than a list's row can be, checked on the raw blocks (C-level finds).

    The csv module builds a whole line before anything can look at it: one line of 1 GB
    without a line break (or of 100 million commas) would be held whole, however its cells
    are checked after. Lines of 2 MB or more cannot be rows: refused, by line number.
    """

    def __init__(self, name: str) -> None:
        self.name, self.run, self.line = name, 0, 1

    def see(self, block: bytes) -> None:
        first = min((i for i in (block.find(b"\n"), block.find(b"\r")) if i >= 0), default=-1)
        if first < 0:
            self.run += len(block)
        else:
            self.run += first
            if self.run <= _MAX_LINE_BYTES:
                self.line += block.count(b"\n") or block.count(b"\r")
                self.run = len(block) - 1 - max(block.rfind(b"\n"), block.rfind(b"\r"))
        if self.run > _MAX_LINE_BYTES:
            raise NotAListError(
                "lists.cell_too_long", name=self.name, row=self.line, limit=limits.MAX_CELL_CHARS
            )


_MAX_LINE_BYTES = 2 * _READ_BLOCK  # longer than a block: such a line spans two of them


def _begins_as_utf8(head: bytes) -> bool:
    """A UTF-8 BOM, or UTF-8 multi-byte letters before the first byte that is not UTF-8."""
    if head.startswith(b"\xef\xbb\xbf"):
        return True
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        return not head[: error.start].isascii()
    return not head.isascii()


def _first_bad_line(path: Path) -> int:
    """The number of the first line that is not UTF-8 (read again: an error path only)."""
    with path.open("rb") as handle:
        for number, line in enumerate(handle, start=1):
            try:
                line.decode("utf-8")
            except UnicodeDecodeError:
                return number
    return 0


def _sniff_file(path: Path, encoding: str, name: str) -> str:
    lines: list[str] = []
    with path.open("r", encoding=encoding, errors="replace", newline="") as handle:
        for _ in range(60):
            line = handle.readline(limits.SNIFF_LINE_CHARS * 16)
            if not line:
                break
            if line.strip():
                lines.append(line.rstrip("\r\n"))
    if any("\x00" in ln for ln in lines):
        raise NotAListError("lists.file_not_text", name=name)
    return sniff_delimiter(lines)


def _pad(rows: list[list[Cell]], width: int) -> None:
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))


def _composed(row: list[str]) -> list[str]:
    return [c if c.isascii() else unicodedata.normalize("NFC", c) for c in row]


def _csv_rows(
    path: Path,
    encoding: str,
    delimiter: str,
    family: str | None,
    counter: list[int] | None = None,
    votes: legacy.ColumnVotes | None = None,
) -> Iterator[list[Cell]]:
    """The CSV's rows, decoded, tones composed (NFC), old font encodings converted."""
    name = path.name
    try:
        with path.open("r", encoding=encoding, newline="") as handle:
            reader = csv.reader(handle, delimiter=delimiter)
            # Whole-row checks in C (`map`, `join`): this loop runs for every line of a
            # province-sized file; the per-cell Python work is for cells that need it.
            for number, row in enumerate(reader, start=1):
                if row and max(map(len, row)) > limits.MAX_CELL_CHARS:
                    raise NotAListError(
                        "lists.cell_too_long", name=name, row=number, limit=limits.MAX_CELL_CHARS
                    )
                if family is not None:
                    out: list[Cell] = []
                    for i, cell in enumerate(row):
                        if cell:
                            fixed = legacy.convert_cell(cell, family)
                            if fixed != cell and counter is not None:
                                counter[0] += 1
                            if votes is not None:
                                votes.see(i, cell, fixed)
                            cell = fixed
                        out.append(cell)
                    row = out  # type: ignore[assignment]
                    joined = "\x1f".join(row)  # type: ignore[arg-type]
                else:
                    joined = "\x1f".join(row)
                    if not joined.isascii():
                        # Windows-1258 writes tone marks as combining characters: compose,
                        # the whole line at once (the separator is a starter: nothing
                        # composes across it).
                        composed = unicodedata.normalize("NFC", joined)
                        if composed != joined:
                            parts = composed.split("\x1f")
                            row = parts if len(parts) == len(row) else _composed(row)
                if "\x00" in joined:
                    raise NotAListError("lists.file_not_text", name=name)
                if len(row) > limits.MAX_COLUMNS:
                    raise NotAListError(
                        "lists.too_many_columns", name=name, limit=limits.MAX_COLUMNS
                    )
                yield row  # type: ignore[misc]
    except UnicodeDecodeError:
        raise NotAListError("lists.file_not_text", name=name) from None
    except csv.Error as error:
        if "field larger than field limit" in str(error):
            raise NotAListError(
                "lists.cell_too_long", name=name, row=reader.line_num, limit=limits.MAX_CELL_CHARS
            ) from None
        raise NotAListError("lists.file_not_text", name=name) from None

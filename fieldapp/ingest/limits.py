"""Sane limits for list files, checked before anything is read whole (issue 13 item 7).

The numbers are far above any real list (a province's 2.7 million people fit) and far below
what hurts a village laptop: a 293 KB xlsx whose one shared string expands to 300 million
characters is refused from its zip directory, in milliseconds, before calamine sees it.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO
from typing import Any

from fieldapp.domain.errors import ValidationError

MAX_WORKBOOK_BYTES = 200 * 2**20  # an xlsx of Excel's full 1,048,576 rows is ~60 MB
MAX_CSV_BYTES = 4 * 2**30  # 2.7 M rows of a police list are ~350 MB
CSV_HELD_BYTES = 16 * 2**20  # above this a CSV is streamed, never held whole
WORKBOOK_HELD_ROWS = 150_000  # above this a sheet's rows are made a row at a time, never all
MAX_MEMBER_BYTES = 1 * 2**30  # one sheet's XML, uncompressed
MAX_UNZIPPED_BYTES = 2 * 2**30  # every member together
MAX_RATIO = 200  # uncompressed / compressed for a big member; real sheets stay under 30
RATIO_FROM_BYTES = 16 * 2**20  # small members may compress as they like
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell's text
SNIFF_LINE_CHARS = 8192


class FileTooBigError(ValidationError):
    """A list file beyond the limits: refused before it is read."""


def check_workbook_size(name: str, size: int) -> None:
    """A workbook is read into memory: its file size is bounded first."""
    if size > MAX_WORKBOOK_BYTES:
        raise FileTooBigError(
            "lists.file_too_big",
            name=name,
            size_mb=size // 2**20,
            limit_mb=MAX_WORKBOOK_BYTES // 2**20,
        )


def check_csv_size(name: str, size: int) -> None:
    """A CSV is streamed, but a 40 GB file is still not a list."""
    if size > MAX_CSV_BYTES:
        raise FileTooBigError(
            "lists.file_too_big", name=name, size_mb=size // 2**20, limit_mb=MAX_CSV_BYTES // 2**20
        )


def check_zip_members(name: str, data: bytes) -> None:
    """The zip directory's sizes: a member too big or compressed like a bomb is refused."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # calamine reports a damaged file in its own way
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(1, member.compress_size)
        if (
            member.file_size > MAX_MEMBER_BYTES
            or total > MAX_UNZIPPED_BYTES
            or (member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO)
        ):
            raise FileTooBigError("lists.file_bomb", name=name, member=member.filename)
        if member.file_size > RATIO_FROM_BYTES and member.filename.endswith(_TEXT_MEMBERS):
            _check_text_runs(name, archive_data=data, member=member.filename)


_TEXT_MEMBERS = ("sharedStrings.xml", "content.xml")
_MAX_RUN_BYTES = 4 * MAX_CELL_CHARS  # UTF-8 and entities, generously


def _check_text_runs(name: str, *, archive_data: bytes, member: str) -> None:
    """No text between two tags longer than a cell may hold, read a block at a time."""
    run = 0
    with zipfile.ZipFile(BytesIO(archive_data)) as archive, archive.open(member) as handle:
        while block := handle.read(1 << 20):
            last = block.rfind(b"<")
            if last < 0:
                run += len(block)
            else:
                first = block.find(b"<")
                pieces = block[first:last].split(b"<")
                longest = max((len(p) for p in pieces), default=0)
                if run + first > _MAX_RUN_BYTES or longest > _MAX_RUN_BYTES:
                    break
                run = len(block) - last
            if run > _MAX_RUN_BYTES:
                break
        else:
            return
    raise FileTooBigError("lists.file_bomb", name=name, member=member)


def check_sheet_shape(name: str, rows: int, columns: int) -> None:
    """A sheet with more rows or columns than Excel allows is not a list."""
    if rows > MAX_ROWS + 1 or columns > MAX_COLUMNS:
        raise FileTooBigError("lists.sheet_too_big", name=name, rows=rows, columns=columns)


# calamine holds a sheet's used area as one dense grid of 32-byte cells: Excel's full
# 1,048,576 rows of 26 columns (A-Z) pass, ~870 MB; three stray cells at XFD do not.
MAX_SHEET_CELLS = 26 * MAX_ROWS
_WIDE_REF = re.compile(rb' r="([A-Z]{2,3})[0-9]')  # a cell beyond column Z
_ANY_REF = re.compile(rb' r="[A-Z]{0,3}([0-9]{1,9})"')  # a row's or a cell's row number
_SCAN_BLOCK = 4 << 20


def check_sheet_areas(name: str, data: bytes) -> None:
    """No worksheet whose used area (first to last cell) is too big to hold as a grid.

    calamine allocates the whole rectangle between a sheet's first and last cells: three
    cells at A1 and XFD1048576 (a 7 KB file) ask for 512 GB, and a failed allocation in
    Rust aborts the process (no exception). The cell references in each worksheet's XML
    are read here, a block at a time, before calamine sees the file: first the columns
    beyond Z (none in most lists: then the area cannot pass the limit), then, for a wide
    sheet only, the rows.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            for member in archive.infolist():
                path = member.filename
                if path.startswith("xl/worksheets/") and path.endswith(".bin"):
                    raise FileTooBigError("lists.file_xlsb", name=name)
                if path.startswith("xl/worksheets/") and path.endswith(".xml"):
                    width = _largest(archive, path, _WIDE_REF, _column_number, 26)
                    if width * MAX_ROWS <= MAX_SHEET_CELLS:
                        continue
                    height = _largest(archive, path, _ANY_REF, int, 1)
                    if width * height > MAX_SHEET_CELLS:
                        raise FileTooBigError(
                            "lists.sheet_area_too_big",
                            name=name,
                            rows=height,
                            columns=width,
                            last_cell=f"{_column_letters(width)}{height}",
                        )
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # calamine reports a damaged file in its own way


def _largest(
    archive: zipfile.ZipFile, member: str, pattern: re.Pattern[bytes], value: Any, floor: int
) -> int:
    """The largest value of a reference the pattern finds in a member, a block at a time."""
    largest, tail = floor, b""
    with archive.open(member) as handle:
        while block := handle.read(_SCAN_BLOCK):
            text = tail + block
            cut = text.rfind(b"<")  # a tag cut by the block's end is read with the next
            if cut <= 0:
                cut = len(text)
            text, tail = text[:cut], text[cut:]
            found = set(pattern.findall(text))
            if found:
                largest = max(largest, max(map(value, found)))
    found = set(pattern.findall(tail))
    return max(largest, max(map(value, found))) if found else largest


def _column_number(letters: bytes) -> int:
    number = 0
    for byte in letters:
        number = number * 26 + byte - 64
    return number


def _column_letters(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_ODS_TAG = re.compile(rb"<(/?)table:(table-row|table-cell|covered-table-cell|table)\b([^>]*?)(/?)>")
_REPEAT = re.compile(rb'number-(?:columns|rows)-repeated="([0-9]{1,9})"')
MAX_REPEATED_CELLS = 2**20  # values a spreadsheet wrote once and told to repeat


def check_ods_area(name: str, data: bytes) -> None:
    """An ods sheet's used area and its repeated values, before calamine expands them.

    ODF writes runs of equal cells and rows once with `number-columns-repeated` /
    `number-rows-repeated`: a 1 KB file can ask for 16,384 × 1,000 copies of a value (20 s
    and 1.6 GB to read), or put one value past a million empty rows and 16,384 empty
    columns (a grid calamine cannot allocate). The tags are read here, a block at a time.
    """
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive, archive.open("content.xml") as handle:
            _scan_ods(name, handle)
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, EOFError):
        return  # calamine reports a damaged file in its own way


class _OdsArea:
    """Where the filled cells of the sheet being read reach, and how many are copies."""

    def __init__(self) -> None:
        self.rows = self.columns = 0  # the used area of the current table
        self.row = 0  # rows above the current one
        self.repeat = 1  # the current row's repeat
        self.column = 0  # columns left of the current cell
        self.width = 0  # the current row's last filled column
        self.filled = 0  # the current row's filled cells, repeats counted
        self.copies = 0  # cells made by repeating a filled one

    def cell(self, attrs: bytes, closed: bool) -> None:
        found = _REPEAT.search(attrs)
        count = int(found.group(1)) if found else 1
        self.column += count
        if not closed or b"value-type" in attrs:
            self.width = self.column
            self.filled += count
            self.copies += count - 1

    def end_row(self) -> None:
        if self.width:
            self.rows = self.row + self.repeat
            self.columns = max(self.columns, self.width)
            self.copies += self.filled * (self.repeat - 1)
        self.row += self.repeat
        self.repeat, self.column, self.width, self.filled = 1, 0, 0, 0


def _scan_ods(name: str, handle: object) -> None:
    area, tail = _OdsArea(), b""
    while True:
        block = handle.read(_SCAN_BLOCK)  # type: ignore[attr-defined]
        text = tail + block
        cut = text.rfind(b"<") if block else len(text)
        if cut <= 0:
            cut = len(text)
        text, tail = text[:cut], text[cut:]
        for closing, tag, attrs, closed in _ODS_TAG.findall(text):
            if tag == b"table-row":
                if closing:
                    area.end_row()
                else:
                    found = _REPEAT.search(attrs)
                    area.repeat = int(found.group(1)) if found else 1
                    if closed:
                        area.end_row()
            elif tag == b"table":
                area = _OdsArea() if not closing else area
            elif not closing:
                area.cell(attrs, bool(closed))
            if area.rows * area.columns > MAX_SHEET_CELLS or area.copies > MAX_REPEATED_CELLS:
                raise FileTooBigError(
                    "lists.sheet_area_too_big",
                    name=name,
                    rows=area.rows,
                    columns=area.columns,
                    last_cell=f"{_column_letters(area.columns)}{area.rows}",
                )
        if not block:
            return

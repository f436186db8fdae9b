"""Reading list files as they come: xlsx, old xls, ods (python-calamine) and CSV.

A file's kind is told by its first bytes, not its name: an image renamed .xlsx gets a clear
message instead of a zip error. CSV encodings (UTF-8, UTF-8 with BOM, UTF-16, Windows-1258)
and delimiters (comma, semicolon, tab) are detected.
"""

from __future__ import annotations

import csv
import hashlib
import io
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import python_calamine as pc

from fieldapp.domain.errors import ValidationError

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


class NotAListError(ValidationError):
    """The file cannot be a list: an image, an encrypted workbook, an empty sheet."""


@dataclass(slots=True)
class RawTable:
    """A sheet's cells as read, with the file's identity.

    `rows[i]` is spreadsheet row `i + 1`: row numbers in messages are the ones the user sees.
    """

    file_name: str
    sha256: str
    file_format: str
    sheet_name: str
    rows: list[list[Cell]]
    merged_rows: set[int] = field(default_factory=set)
    encoding: str | None = None
    delimiter: str | None = None


def read_table(path: str | Path) -> RawTable:
    """Read the first sheet holding data (or the CSV) of a list file."""
    file_path = Path(path)
    name = file_path.name
    try:
        data = file_path.read_bytes()
    except FileNotFoundError:
        raise NotAListError("lists.file_missing", name=name) from None
    digest = hashlib.sha256(data).hexdigest()
    head = data[:16]
    if len(data) < 1024 and not data.strip():
        raise NotAListError("lists.file_empty", name=name)
    if any(head.startswith(magic) for magic in _NOT_LISTS):
        raise NotAListError("lists.file_image", name=name)
    if head.startswith(_OLE):
        if "EncryptedPackage".encode("utf-16-le") in data[:1_000_000]:
            raise NotAListError("lists.file_encrypted", name=name)
        return _read_workbook(data, name, digest, "xls")
    if head.startswith(_ZIP):
        fmt = "ods" if b"application/vnd.oasis.opendocument" in data[:200] else "xlsx"
        return _read_workbook(data, name, digest, fmt)
    if file_path.suffix.lower() in (".xlsx", ".xls", ".ods", ".xlsm"):
        raise NotAListError("lists.file_unreadable", name=name)
    return _read_csv(data, name, digest)


def _read_workbook(data: bytes, name: str, digest: str, fmt: str) -> RawTable:
    try:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except pc.PasswordError:
        raise NotAListError("lists.file_encrypted", name=name) from None
    except Exception:  # calamine raises several kinds for damaged files
        raise NotAListError("lists.file_unreadable", name=name) from None
    try:
        for index, sheet_name in enumerate(book.sheet_names):
            sheet = book.get_sheet_by_index(index)
            rows = sheet.to_python(skip_empty_area=False)
            if any(_filled(row) for row in rows):
                merged = _merged_rows(sheet)
                return RawTable(name, digest, fmt, sheet_name, rows, merged)
    except pc.PasswordError:
        raise NotAListError("lists.file_encrypted", name=name) from None
    except Exception:
        raise NotAListError("lists.file_unreadable", name=name) from None
    raise NotAListError("lists.file_empty", name=name)


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
    return any(cell not in ("", None) for cell in row)


def detect_encoding(data: bytes) -> str:
    """The Python codec of a CSV's bytes: BOMs first, then UTF-8, then Windows-1258."""
    if data.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4000]
    if sample and sample.count(0) > len(sample) // 4:
        # UTF-16 without BOM: ASCII letters have a zero byte beside them.
        return "utf-16-le" if sample[1::2].count(0) > sample[0::2].count(0) else "utf-16-be"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "cp1258"
    return "utf-8"


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter giving the most lines with the same (more than one) number of fields."""
    best, best_score = ",", -1
    for delimiter in _DELIMITERS:
        counts: dict[int, int] = {}
        for row in csv.reader(lines, delimiter=delimiter):
            if len(row) > 1:
                counts[len(row)] = counts.get(len(row), 0) + 1
        score = max(counts.values(), default=0)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _read_csv(data: bytes, name: str, digest: str) -> RawTable:
    encoding = detect_encoding(data)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        raise NotAListError("lists.file_not_text", name=name) from None
    if "\x00" in text:
        raise NotAListError("lists.file_not_text", name=name)
    # Windows-1258 writes tone marks as combining characters: compose them.
    text = unicodedata.normalize("NFC", text)
    lines = text.splitlines()
    delimiter = sniff_delimiter([ln for ln in lines[:60] if ln.strip()])
    rows: list[list[Cell]] = [
        list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ]
    if not any(_filled(row) for row in rows):
        raise NotAListError("lists.file_empty", name=name)
    width = max(len(row) for row in rows)
    for row in rows:
        if len(row) < width:
            row.extend([""] * (width - len(row)))
    return RawTable(name, digest, "csv", "", rows, set(), encoding, delimiter)

"""An "Excel" file that is really Excel 2003 XML (SpreadsheetML), as older web systems export.

`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet">` with `<Worksheet>`,
`<Table>`, `<Row ss:Index>`, `<Cell ss:Index ss:MergeAcross ss:MergeDown>` and typed
`<Data ss:Type="String|Number|DateTime|Boolean">`. Read with the standard library's expat
(entity expansion is bounded by expat itself; a DOCTYPE is refused before parsing), one
worksheet at a time, positions bounded as they are read.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime
from io import BytesIO

from fieldapp.domain.errors import ValidationError
from fieldapp.ingest import limits

_NS = "{urn:schemas-microsoft-com:office:spreadsheet}"
MARK = b"urn:schemas-microsoft-com:office:spreadsheet"

Cell = str | float | datetime | bool


def looks_like_spreadsheet_xml(head: bytes) -> bool:
    """Excel 2003 XML by its first bytes."""
    text = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<?xml") and MARK in head and b"<Workbook" in head


def read_sheets(data: bytes, name: str) -> Iterator[tuple[str, list[list[Cell]], set[int]]]:
    """Each worksheet: (its name, its rows as calamine lays them out, rows holding a merge)."""
    if b"<!DOCTYPE" in data[:4096] or b"<!ENTITY" in data:
        raise ValidationError("lists.file_unreadable", name=name)
    sheet_name = ""
    rows: list[list[Cell]] = []
    merged: set[int] = set()
    row: list[Cell] | None = None
    row_index = column = 0
    cells = 0
    try:
        for event, element in ET.iterparse(BytesIO(data), events=("start", "end")):
            tag = element.tag
            if event == "start":
                if tag == _NS + "Worksheet":
                    sheet_name = element.get(_NS + "Name", "")
                    rows, merged, row_index = [], set(), 0
                elif tag == _NS + "Row":
                    row_index = _position(element, row_index + 1, limits.MAX_ROWS, name)
                    while len(rows) < row_index - 1:
                        rows.append([])
                    row, column = [], 0
                elif tag == _NS + "Cell" and row is not None:
                    column = _position(element, column + 1, limits.MAX_COLUMNS, name)
                    if len(row) < column - 1:  # cells jumped over by ss:Index
                        cells += column - 1 - len(row)
                        row.extend([""] * (column - 1 - len(row)))
                continue
            if tag == _NS + "Cell" and row is not None:
                row.append(_value(element.find(_NS + "Data")))
                across = _number(element.get(_NS + "MergeAcross"), limits.MAX_COLUMNS)
                if across:
                    merged.add(row_index - 1)
                    row.extend([""] * across)
                    column += across
                cells += 1 + across
                if cells > limits.MAX_SHEET_CELLS:
                    raise ValidationError(
                        "lists.sheet_too_big", name=name, rows=row_index, columns=column
                    )
                element.clear()
            elif tag == _NS + "Row" and row is not None:
                rows.append(row)
                row = None
                element.clear()
            elif tag == _NS + "Worksheet":
                yield sheet_name, rows, merged
                element.clear()
    except ET.ParseError:
        raise ValidationError("lists.file_unreadable", name=name) from None


def _position(element: ET.Element, default: int, limit: int, name: str) -> int:
    """A Row's or Cell's ss:Index (1-based, jumping over blanks), bounded."""
    index = _number(element.get(_NS + "Index"), limit + 1)
    if not index:
        return default
    if index > limit or index < default:
        raise ValidationError("lists.file_unreadable", name=name)
    return index


def _number(text: str | None, limit: int) -> int:
    if text is None or not (text.isascii() and text.isdigit()):
        return 0
    return min(int(text), limit)


def _value(data: ET.Element | None) -> Cell:
    """A Data element's typed value; text of an unknown type stays text."""
    if data is None:
        return ""
    text = "".join(data.itertext())
    kind = data.get(_NS + "Type", "String")
    if kind == "Number":
        try:
            return float(text)
        except ValueError:
            return text
    if kind == "DateTime":
        try:
            return datetime.fromisoformat(text.rstrip("Z")[:19])
        except ValueError:
            return text
    if kind == "Boolean":
        return text.strip() == "1"
    return text

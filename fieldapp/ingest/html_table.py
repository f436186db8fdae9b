"""An "Excel" file that is really an HTML table: how government web systems export lists.

The police's and social-security offices' web applications offer "Xuất Excel" and send an
HTML page named .xls (Excel opens it with a warning). Its rows are `<tr>`, its cells `<td>`
or `<th>` with `colspan`/`rowspan`, empty cells hold `&nbsp;`, and numbers kept as text by a
`mso-number-format` style. The cells come out as calamine gives a merged range: the text in
the first cell, blanks in the others. Bounded: a cell, a row's width and the whole grid are
checked while parsing, never after.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from html.parser import HTMLParser

from fieldapp.domain.errors import ValidationError
from fieldapp.ingest import limits

_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9_\-]+)""", re.IGNORECASE)
_BLOCK = 1 << 20


def looks_like_html(head: bytes) -> bool:
    """An HTML page (with a table) by its first bytes, whatever the file is named."""
    text = _head_text(head).lstrip().lower()
    if not text.startswith("<"):
        return False
    return "<table" in text or "<html" in text or text.startswith("<!doctype html")


def _head_text(head: bytes) -> str:
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="replace")
    return head.removeprefix(b"\xef\xbb\xbf").decode("latin-1")


def html_encoding(head: bytes) -> str | None:
    """The page's codec: its BOM, else its `charset`; None when it says nothing."""
    if head.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    found = _CHARSET.search(head)
    if found is None:
        return None
    try:
        return codecs.lookup(found.group(1).decode("ascii")).name
    except LookupError:
        return None


def read_html_rows(
    blocks: Iterator[bytes], encoding: str, name: str
) -> tuple[list[list[str]], set[int]]:
    """Every `<tr>` of the page's tables as a row of cell texts; rows holding a colspan."""
    parser = _TableParser(name)
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        for block in blocks:
            parser.feed(decoder.decode(block))
        parser.feed(decoder.decode(b"", final=True))
        parser.close()
    except UnicodeDecodeError:
        raise ValidationError("lists.file_not_text", name=name) from None
    parser.end_row()
    return parser.rows, parser.merged


def file_blocks(handle: object) -> Iterator[bytes]:
    """A binary file's bytes a block at a time."""
    while block := handle.read(_BLOCK):  # type: ignore[attr-defined]
        yield block


class _TableParser(HTMLParser):
    """Rows and cells of every table, spans laid out, sizes bounded as they are read."""

    def __init__(self, name: str) -> None:
        super().__init__(convert_charrefs=True)
        self.name = name
        self.rows: list[list[str]] = []
        self.merged: set[int] = set()
        self.row: list[str] | None = None
        self.cell: list[str] | None = None
        self.cell_chars = 0
        self.span = (1, 1)
        self.covered: dict[int, int] = {}  # column → rows still covered by a rowspan above
        self.cells = 0
        self.skip = 0  # inside <script> / <style>

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "tr":
            self.end_row()
            self.row = []
        elif tag in ("td", "th"):
            self.end_cell()
            if self.row is None:
                self.row = []
            found = dict(attrs)
            self.span = (
                _span(found.get("colspan"), limits.MAX_COLUMNS),
                _span(found.get("rowspan"), limits.MAX_ROWS),
            )
            self.cell, self.cell_chars = [], 0
        elif tag == "br" and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th"):
            self.end_cell()
        elif tag in ("tr", "table"):
            self.end_row()

    def handle_data(self, data: str) -> None:
        if self.cell is None or self.skip:
            return
        self.cell.append(data)
        self.cell_chars += len(data)
        if self.cell_chars > limits.MAX_CELL_CHARS:
            raise ValidationError(
                "lists.cell_too_long",
                name=self.name,
                row=len(self.rows) + 1,
                limit=limits.MAX_CELL_CHARS,
            )

    def end_cell(self) -> None:
        """Place the open cell after the columns a rowspan above still covers."""
        if self.cell is None or self.row is None:
            return
        row = self.row
        while self.covered.get(len(row), 0) > 0:
            row.append("")
        text = " ".join("".join(self.cell).split())  # HTML white space, &nbsp; included
        if not text.isascii():
            text = unicodedata.normalize("NFC", text)
        columns, rows = self.span
        if columns > 1:
            self.merged.add(len(self.rows))
        if rows > 1:
            for column in range(len(row), len(row) + columns):
                self.covered[column] = rows  # counted down at each row's end: rows - 1 below
        row.append(text)
        row.extend([""] * (columns - 1))
        self.cells += columns
        if len(row) > limits.MAX_COLUMNS:
            raise ValidationError(
                "lists.too_many_columns", name=self.name, limit=limits.MAX_COLUMNS
            )
        if self.cells > limits.MAX_SHEET_CELLS:
            raise ValidationError(
                "lists.sheet_too_big", name=self.name, rows=len(self.rows), columns=len(row)
            )
        self.cell = None

    def end_row(self) -> None:
        """Close the open row; the rowspans above count one row down."""
        self.end_cell()
        if self.row is None:
            return
        row = self.row
        while self.covered.get(len(row), 0) > 0:  # trailing columns covered from above
            row.append("")
        self.covered = {c: n - 1 for c, n in self.covered.items() if n > 1}
        self.rows.append(row)
        self.row = None
        if len(self.rows) > limits.MAX_ROWS:
            raise ValidationError(
                "lists.sheet_too_big", name=self.name, rows=len(self.rows), columns=len(row)
            )


def _span(value: str | None, limit: int) -> int:
    """A colspan/rowspan attribute, 1 when absent or not a number, capped."""
    if value is None:
        return 1
    digits = value.strip()
    if not (digits.isascii() and digits.isdigit()):
        return 1
    return max(1, min(int(digits), limit))

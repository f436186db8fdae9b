"""Formula-safe spreadsheet cells: every xlsx the app writes puts text through here.

openpyxl stores any string that starts with "=" as a formula. A village, point, wave or
person's name from a list, a scan or a bundle (say `=HYPERLINK("http://x","y")`) must never
become live in a report sent upward or in the rejected rows handed back: a string is always
written as a text cell, and one that a spreadsheet would read as a formula if retyped
(=, +, -, @, or a tab/carriage return first) also gets Excel's "quote prefix", so editing
the cell keeps it text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def looks_like_formula(text: str) -> bool:
    """True if a spreadsheet would take this text for a formula or a command."""
    return text.startswith(FORMULA_STARTS)


def put(sheet: Any, row: int, column: int, value: object) -> Any:
    """Write one value into a cell; text stays text. Returns the cell for styling."""
    cell = sheet.cell(row=row, column=column)
    set_value(cell, value)
    return cell


def set_value(cell: Any, value: object) -> None:
    """Give a cell its value; a string is a text cell, never a formula."""
    cell.value = value
    if isinstance(value, str):
        cell.data_type = "s"
        if looks_like_formula(value):
            cell.quotePrefix = True


def text_cell(sheet: Any, value: object) -> Any:
    """A cell of a streaming (write-only) sheet holding `value`, text kept text."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet)
    set_value(cell, value)
    return cell


def safe_value(sheet: Any, value: object) -> object:
    """What a streaming sheet's row may hold: the value, or a text cell in its place.

    A text cell for a string a spreadsheet would read as a formula (openpyxl makes "=..."
    one); any other value goes as it is.
    """
    if isinstance(value, str) and looks_like_formula(value):
        return text_cell(sheet, value)
    return value


def append_row(sheet: Any, values: Iterable[object]) -> int:
    """Add a row after the last one (as openpyxl's `append`), formula-safe; its number."""
    sheet.append(list(values))
    row = int(sheet.max_row)
    for cell in sheet[row]:
        if isinstance(cell.value, str):
            set_value(cell, cell.value)
    return row

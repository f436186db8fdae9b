"""Rejected rows as an xlsx in the list's own layout, plus an error column, to hand back."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from fieldapp.documents.xlsx_cells import append_row, set_value
from fieldapp.i18n import tr
from fieldapp.ingest.files import Cell, RawTable
from fieldapp.ingest.rows import RowError

_ERROR_FILL = PatternFill("solid", fgColor="FFF2CC")


def write_rejected(
    path: str | Path,
    table: RawTable,
    header_index: int,
    errors: Mapping[int, Sequence[RowError]],
    *,
    lang: str = "vi",
) -> int:
    """Write the title block, the header row and each rejected row with its errors.

    Cells keep their original values (an ID typed as a number stays a number), so whoever
    made the list recognises their own rows; returns how many rows were written.
    """
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = (table.sheet_name or "Sheet1")[:31]
    width = max((len(r) for r in table.rows[: header_index + 1]), default=1)
    error_col = width + 1
    for index in range(header_index + 1):
        row = table.rows[index]
        append_row(sheet, [_safe(c) for c in row])
        filled = [c for c in row if c not in ("", None)]
        if index in table.merged_rows and len(filled) == 1 and width > 1:
            # The title block: one text merged across the table, as in the original.
            sheet.merge_cells(
                start_row=index + 1, start_column=1, end_row=index + 1, end_column=width
            )
            sheet.cell(row=index + 1, column=1).alignment = Alignment(horizontal="center")
    header_cell = sheet.cell(row=header_index + 1, column=error_col)
    set_value(header_cell, tr("lists.error_column", lang))
    header_cell.font = Font(bold=True)
    written = 0
    for index, raw in _rows_at(table, errors.keys()):
        row = [_safe(c) for c in raw]
        row += [None] * (width - len(row))
        row.append("; ".join(e.text(lang) for e in errors[index]))
        append_row(sheet, row)
        cell = sheet.cell(row=sheet.max_row, column=error_col)
        cell.fill = _ERROR_FILL
        cell.alignment = Alignment(wrap_text=True)
        written += 1
    sheet.column_dimensions[get_column_letter(error_col)].width = 60
    book.save(str(path))
    return written


def _rows_at(table: RawTable, indexes: Iterable[int]) -> Iterator[tuple[int, list[Cell]]]:
    """The sheet rows at these indexes, in order; a streamed file is read again for them."""
    wanted = sorted(indexes)
    if not table.streamed:
        yield from ((i, table.rows[i]) for i in wanted)
        return
    keep = set(wanted)
    for index, row in enumerate(table.iter_rows()):
        if index in keep:
            yield index, row


def _safe(cell: object) -> object:
    """Openpyxl refuses some control characters; a list never needs them."""
    if isinstance(cell, str):
        return "".join(ch for ch in cell if ch >= " " or ch in "\t\n")
    return cell

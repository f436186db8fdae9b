"""Draw a report description as an xlsx workbook to send on (one sheet, same words as the PDF).

Counts stay numbers and percentages are numbers with a percent format, so the province can
add communes up without retyping anything.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from fieldapp.documents.report_model import Cell, CellKind, ReportDocument
from fieldapp.documents.report_model import Table as ReportTable
from fieldapp.documents.xlsx_cells import put

_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")
_BOLD = Font(bold=True)
_WRAP_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
_WRAP_TOP = Alignment(vertical="top", wrap_text=True)


def _value(value: Cell, kind: CellKind) -> object:
    if kind is CellKind.PERCENT and isinstance(value, int | float):
        return value / 100.0
    return value


def _write_table(sheet: Worksheet, row: int, table: ReportTable) -> int:
    for col, column in enumerate(table.columns, start=1):
        cell = put(sheet, row, col, column.header)
        cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEAD_FILL, _BOX, _WRAP_CENTRE
    sheet.row_dimensions[row].height = 45
    row += 1
    body = [*table.rows, *([table.total] if table.total is not None else [])]
    for index, values in enumerate(body):
        is_total = table.total is not None and index == len(body) - 1
        for col, (value, column) in enumerate(zip(values, table.columns, strict=True), start=1):
            cell = put(sheet, row, col, _value(value, column.kind))
            cell.border = _BOX
            if column.kind is CellKind.TEXT:
                cell.alignment = _WRAP_TOP
            elif column.kind is CellKind.PERCENT:
                cell.number_format = "0.00%"
            elif column.kind is CellKind.COUNT:
                cell.number_format = "#,##0"
            if is_total:
                cell.font = _BOLD
        row += 1
    return row


def _columns(table: ReportTable) -> int:
    return len(table.columns)


def render_xlsx(document: ReportDocument, target: Path | BytesIO) -> None:
    """Write the report as a one-sheet workbook to a path or a buffer."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = document.sheet_name.replace("/", "-")
    width = max([len(s.table.columns) for s in document.sections if s.table is not None] or [6])
    split = max(2, width // 3)

    def merged(row: int, first: int, last: int, text: str, *, bold: bool = False) -> None:
        if last > first:
            sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
        cell = put(sheet, row, first, text)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        if bold:
            cell.font = _BOLD

    merged(1, 1, split, document.issuer_parent)
    merged(1, split + 1, width, document.country, bold=True)
    merged(2, 1, split, document.issuer, bold=True)
    merged(2, split + 1, width, document.motto, bold=True)
    merged(3, 1, split, document.number)
    merged(3, split + 1, width, document.place_date)
    merged(5, 1, width, document.title, bold=True)
    merged(6, 1, width, document.subject, bold=True)
    merged(7, 1, width, document.period_text)
    row = 9
    if document.addressee:
        merged(row, 1, width, document.addressee)
        row += 2
    for section in document.sections:
        if section.heading:
            put(sheet, row, 1, section.heading).font = _BOLD
            row += 1
        for text in section.paragraphs:
            sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            cell = put(sheet, row, 1, text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            sheet.row_dimensions[row].height = 32
            row += 1
        if section.table is not None:
            row = _write_table(sheet, row, section.table)
        if section.note:
            put(sheet, row, 1, section.note)
            row += 1
        row += 1
    for line in document.recipients:
        put(sheet, row, 1, line)
        row += 1
    merged(row - len(document.recipients), split + 1, width, document.signer, bold=True)
    merged(row - len(document.recipients) + 1, split + 1, width, document.sign_note)
    if document.signer_name:
        name_row = max(row + 1, row - len(document.recipients) + 5)
        merged(name_row, split + 1, width, document.signer_name, bold=True)

    # the widest table's column weights set the widths (a weight of 1 is 12.5 characters)
    tables = [s.table for s in document.sections if s.table is not None]
    widest = max(tables, key=_columns, default=None)
    weights = [c.width for c in widest.columns] if widest is not None else [0.5, 2.4]
    weights += [1.0] * (width - len(weights))
    for col, weight in enumerate(weights, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = max(6.0, weight * 12.5)
    wide = document.landscape if document.landscape is not None else width > 8
    sheet.page_setup.orientation = "landscape" if wide else "portrait"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.save(target)

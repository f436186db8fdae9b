"""Generated list files that look like the real ones: a title block of merged rows, Vietnamese
headers, a "(1) (2) (3)" row, IDs stored as numbers (leading zeros lost), dates as cells and
as text, and a footer with a total and a signature line. All people are synthetic.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

from fieldapp.demo.generator import SyntheticCommune, generate_commune
from fieldapp.domain import model as dm
from fieldapp.domain.personal_id import Sex

TITLE = (
    "CÔNG AN XÃ KIÊN BÌNH",
    "DANH SÁCH CÔNG DÂN ĐÃ CÓ TÀI KHOẢN ĐỊNH DANH ĐIỆN TỬ MỨC 2",
    "(Trích xuất từ phần mềm DC01 ngày 20/05/2026)",
)
POLICE_HEADER = (
    "STT",
    "Họ và tên",
    "Số CCCD/Số định danh cá nhân",
    "Ngày, tháng, năm sinh",
    "Giới tính",
    "Thôn",
    "SĐT",
    "Đã kích hoạt",
    "Tích hợp ASXH",
)
FOOTER = (("Tổng cộng: {n} người",), (), ("", "Người lập biểu", "", "", "", "Trưởng Công an xã"))


def commune(n: int = 30, seed: int = 3) -> SyntheticCommune:
    """A synthetic commune without events, to build lists from."""
    return generate_commune(n, seed=seed, events=False, villages=5)


def police_rows(
    citizens: Sequence[dm.Citizen], villages: dict, *, numeric_ids: bool = True
) -> list[list[object]]:
    """Data rows of a police level-2 list; every third activated, every fifth linked."""
    rows: list[list[object]] = []
    for i, c in enumerate(citizens):
        rows.append(
            [
                i + 1,
                c.full_name,
                int(c.personal_id) if numeric_ids else c.personal_id,
                c.birth_date,
                "Nam" if c.sex is Sex.MALE else "Nữ",
                villages[c.village_id],
                int(c.phone) if c.phone else "",
                "x" if i % 3 == 0 else "",
                "Đã tích hợp" if i % 5 == 0 else "Chưa",
            ]
        )
    return rows


def write_xlsx(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    title: Sequence[str] = TITLE,
    numbers_row: bool = True,
    footer: bool = True,
) -> Path:
    """An xlsx with a merged title block, the header, a (1)(2)(3) row, rows and a footer."""
    book = openpyxl.Workbook()
    sheet = book.active
    width = len(header)
    for line in title:
        sheet.append([line])
        r = sheet.max_row
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        sheet.cell(r, 1).font = Font(bold=True)
        sheet.cell(r, 1).alignment = Alignment(horizontal="center")
    sheet.append([])
    sheet.append(list(header))
    if numbers_row:
        sheet.append([f"({i + 1})" for i in range(width)])
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "DD/MM/YYYY"
    if footer:
        sheet.append([])
        for line in FOOTER:
            sheet.append([part.format(n=len(rows)) for part in line])
    book.save(path)
    return path


def write_xls(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """An old .xls (BIFF8, xlwt) with a merged title row and date cells."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("DS")
    date_style = xlwt.easyxf(num_format_str="DD/MM/YYYY")
    sheet.write_merge(0, 0, 0, len(header) - 1, TITLE[1])
    for col, text in enumerate(header):
        sheet.write(2, col, text)
    for r, row in enumerate(rows, start=3):
        for col, value in enumerate(row):
            if isinstance(value, date):
                sheet.write(r, col, value, date_style)
            elif value not in ("", None):
                sheet.write(r, col, value)
    sheet.write(len(rows) + 4, 0, "Tổng cộng")
    book.save(str(path))
    return path


def write_ods(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]) -> Path:
    """An .ods (odfpy) with a spanned title row, numbers and dates as real values."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name="Danh sach")

    def add_row(values: Sequence[object], span: int = 0) -> None:
        tr = TableRow()
        for i, value in enumerate(values):
            if value in ("", None):
                tr.addElement(TableCell())
                continue
            if isinstance(value, date):
                cell = TableCell(valuetype="date", datevalue=value.isoformat())
                cell.addElement(P(text=value.strftime("%d/%m/%Y")))
            elif isinstance(value, int | float):
                cell = TableCell(valuetype="float", value=value)
                cell.addElement(P(text=str(value)))
            else:
                kwargs = {"numbercolumnsspanned": span} if span and i == 0 else {}
                cell = TableCell(valuetype="string", **kwargs)
                cell.addElement(P(text=str(value)))
            tr.addElement(cell)
        table.addElement(tr)

    add_row([TITLE[1]], span=len(header))
    add_row([])
    add_row(header)
    for row in rows:
        add_row(row)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path


def write_csv(
    path: Path,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    encoding: str = "utf-8",
    delimiter: str = ",",
    title: bool = True,
) -> Path:
    """A CSV as Excel or the police software saves it: dates as dd/mm/yyyy text."""

    def text(value: object) -> str:
        if isinstance(value, date):
            return value.strftime("%d/%m/%Y")
        return "" if value is None else str(value)

    if encoding == "cp1258":
        buffer = io.StringIO(newline="")
        _write_rows(buffer, header, rows, text, delimiter, title)
        path.write_bytes(cp1258_bytes(buffer.getvalue()))
        return path
    with path.open("w", encoding=encoding, newline="") as handle:
        _write_rows(handle, header, rows, text, delimiter, title)
    return path


_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def cp1258_bytes(text: str) -> bytes:
    """Encode as Windows does: vowel shapes precomposed (â, ơ, ư), tone marks combining."""
    out = []
    for ch in text:
        try:
            out.append(ch.encode("cp1258"))
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", ch)
            tones = "".join(p for p in parts if p in _TONES)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            out.append((base + tones).encode("cp1258"))
    return b"".join(out)


def _write_rows(handle, header, rows, text, delimiter, title):
    writer = csv.writer(handle, delimiter=delimiter)
    if title:
        writer.writerow([TITLE[1]])
    writer.writerow(header)
    for row in rows:
        writer.writerow([text(v) for v in row])

"""List files shaped the way commune, police and social-security offices really make them,
and hostile ones, generated at test time (issue 14: "expect this to be re-tried with other
real-shaped files"). Synthetic people only (`lists_builders.commune`).
"""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import openpyxl
from lists_builders import cp1258_bytes
from openpyxl.styles import Alignment, Font

from fieldapp.demo.generator import SyntheticCommune
from fieldapp.domain.personal_id import Sex

NBSP, ZWSP = "\u00a0", "\u200b"
EXCEL_EPOCH = date(1899, 12, 30)

TITLE = (
    "BẢO HIỂM XÃ HỘI HUYỆN NÔNG CỐNG",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "DANH SÁCH NGƯỜI HƯỞNG LƯƠNG HƯU, TRỢ CẤP BHXH HẰNG THÁNG",
    "(Kèm theo Công văn số 123/BHXH-CĐ ngày 02/6/2026)",
)


def village_names(data: SyntheticCommune) -> dict:
    """Village id → name."""
    return {v.id: v.name for v in data.villages}


def serial(day: date) -> int:
    """Excel's serial number of a day (what a date cell holds without its format)."""
    return (day - EXCEL_EPOCH).days


def sex_text(sex: Sex | None) -> str:
    """Nam / Nữ as the lists write it."""
    return "Nam" if sex is Sex.MALE else "Nữ"


# --- xlsx -------------------------------------------------------------------------------


def two_row_header_xlsx(path: Path, data: SyntheticCommune) -> Path:
    """A commune's list: five title rows, a two-row header with merged group cells
    ("Thông tin cá nhân" over "Họ và tên | Số định danh | Ngày sinh", "STT" merged down),
    STT as a formula with its cached value, IDs as numbers, a blank row mid-list, a total
    and signature lines below. Columns not in the usual order.
    """
    names = village_names(data)
    book = openpyxl.Workbook()
    sheet = book.active
    width = 8
    for r, line in enumerate(TITLE, start=1):
        sheet.cell(r, 1, line).font = Font(bold=True)
        sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=width)
        sheet.cell(r, 1).alignment = Alignment(horizontal="center")
    top, sub = 7, 8
    sheet.cell(top, 1, "STT")
    sheet.merge_cells(start_row=top, start_column=1, end_row=sub, end_column=1)
    sheet.cell(top, 2, "Thông tin cá nhân")
    sheet.merge_cells(start_row=top, start_column=2, end_row=top, end_column=4)
    for col, text in enumerate(("Họ và tên", "Số định danh cá nhân", "Ngày sinh"), start=2):
        sheet.cell(sub, col, text)
    sheet.cell(top, 5, "Giới tính")
    sheet.merge_cells(start_row=top, start_column=5, end_row=sub, end_column=5)
    sheet.cell(top, 6, "Nơi cư trú")
    sheet.cell(sub, 6, "Thôn")
    sheet.cell(top, 7, "Tình trạng tài khoản")
    sheet.merge_cells(start_row=top, start_column=7, end_row=top, end_column=8)
    sheet.cell(sub, 7, "Đã kích hoạt")
    sheet.cell(sub, 8, "Tích hợp ASXH")
    r = sub
    for i, c in enumerate(data.citizens):
        r += 1
        if i == 3:  # a blank row in the middle of the list
            r += 1
        sheet.cell(r, 1, f"=ROW()-{sub}")
        sheet.cell(r, 2, c.full_name)
        sheet.cell(r, 3, int(c.personal_id))
        sheet.cell(r, 4, c.birth_date).number_format = "DD/MM/YYYY"
        sheet.cell(r, 5, sex_text(c.sex))
        sheet.cell(r, 6, names[c.village_id])
        sheet.cell(r, 7, "x" if i % 2 == 0 else "")
        sheet.cell(r, 8, "Đã tích hợp" if i % 3 == 0 else "Chưa")
    last = r
    sheet.cell(last + 1, 1, "Tổng cộng")
    sheet.cell(last + 1, 3, f"=COUNTA(C{sub + 1}:C{last})")
    sheet.cell(last + 3, 2, "Người lập biểu")
    sheet.cell(last + 3, 6, "TM. UBND XÃ")
    sheet.cell(last + 4, 6, "CHỦ TỊCH")
    sheet.cell(last + 7, 2, "Nguyễn Văn Lập")
    book.save(path)
    cached = {f"A{row}": str(row - sub) for row in range(sub + 1, last + 1)}
    cached[f"C{last + 1}"] = str(len(data.citizens))
    return with_cached_values(path, cached)


def with_cached_values(path: Path, values: dict[str, str]) -> Path:
    """Give openpyxl's formula cells the cached values Excel would have saved with them."""
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    sheet = members["xl/worksheets/sheet1.xml"].decode()

    def fill(match: re.Match[str]) -> str:
        ref = match.group(1)
        return f'<c r="{ref}"><f>{match.group(2)}</f><v>{values.get(ref, "")}</v></c>'

    sheet = re.sub(r'<c r="([A-Z]+\d+)"><f>([^<]*)</f><v\s*/></c>', fill, sheet)
    members["xl/worksheets/sheet1.xml"] = sheet.encode()
    return write_zip(path, members)


def write_zip(path: Path, members: dict[str, bytes]) -> Path:
    """Write an archive's members back ([Content_Types].xml first, as Office does)."""
    order = sorted(members, key=lambda n: n != "[Content_Types].xml")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in order:
            archive.writestr(name, members[name])
    return path


MESSY_HEADER = ("TT", "Số CCCD", "Họ và tên", "Ngày sinh", "Giới tính", "Thôn", "Ghi chú")


def messy_rows(data: SyntheticCommune) -> tuple[list[list[object]], dict[int, str]]:
    """Rows with every way an ID, a date and a name arrive, and which rows must be refused.

    Returns the rows (citizen i on row i) and {citizen index: why it is refused}.
    """
    names = village_names(data)
    rows: list[list[object]] = []
    refused: dict[int, str] = {}
    for i, c in enumerate(data.citizens):
        pid, born, name = c.personal_id, c.birth_date, c.full_name
        ways_id: list[object] = [
            int(pid),  # a number: zero lost
            f"{pid[:3]} {pid[3:6]} {pid[6:9]} {pid[9:]}",
            f"{pid[:3]}.{pid[3:6]}.{pid[6:9]}.{pid[9:]}",
            f"'{pid}",
            f"{NBSP}{pid}{NBSP}",
            f"{pid[:6]}{ZWSP}{pid[6:]}",
            f"{ZWSP}{pid}",
            pid,
        ]
        ways_born: list[object] = [
            born,
            serial(born),  # a number cell without its date format
            born.strftime("%d/%m/%Y"),
            born.strftime("%d/%m/%Y") + NBSP,
            born.year,  # "Năm sinh" typed in the date column
            str(born.year),
            born.strftime("%d-%m-%Y"),
        ]
        ways_name = [name, name.replace(" ", NBSP), f"{name}{ZWSP}", f" {name} "]
        rows.append(
            [
                i + 1,
                ways_id[i % len(ways_id)],
                ways_name[i % len(ways_name)],
                ways_born[i % len(ways_born)],
                sex_text(c.sex),
                names[c.village_id],
                "",
            ]
        )
    # A CSV opened in Excel and saved: the ID shown in scientific notation, digits lost.
    sci = len(rows) - 1
    pid = data.citizens[sci].personal_id
    rows[sci][1] = f"{int(pid):.5E}"  # "3.80692E+10"
    refused[sci] = "scientific"
    # The same saved again as xlsx: a number that kept six significant digits.
    rounded = len(rows) - 2
    pid = data.citizens[rounded].personal_id
    rows[rounded][1] = int(float(f"{int(pid):.5E}"))  # 38069200000
    refused[rounded] = "rounded"
    return rows, refused


def messy_xlsx(path: Path, data: SyntheticCommune, *, list_sheet: int = 1) -> Path:
    """Several sheets: an instructions sheet first, a hidden code sheet, the list after them;
    a title block, blank rows in the middle, a total row and signatures below."""
    rows, _ = messy_rows(data)
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = "Hướng dẫn"
    guide.append(["Hướng dẫn nhập liệu"])
    guide.append(["Cột Ngày sinh ghi theo dạng dd/mm/yyyy; cột Số CCCD ghi đủ 12 số"])
    codes = book.create_sheet("DM")
    codes.append(["Mã thôn", "Tên thôn", "Số hộ"])
    for n, v in enumerate(data.villages, start=1):
        codes.append([n, v.name, 100 + n])
    codes.sheet_state = "hidden"
    sheet = book.create_sheet("DS doi tuong", index=list_sheet + 1)
    for line in TITLE[3:]:
        sheet.append([line])
        sheet.merge_cells(
            start_row=sheet.max_row, start_column=1, end_row=sheet.max_row, end_column=7
        )
    sheet.append([])
    sheet.append(list(MESSY_HEADER))
    for n, row in enumerate(rows):
        if n == 2:
            sheet.append([])
            sheet.append([])
        sheet.append(row)
        date_cell = sheet.cell(sheet.max_row, 4)
        if isinstance(date_cell.value, date):
            date_cell.number_format = "DD/MM/YYYY"
    sheet.append(["Tổng cộng", "", f"{len(rows)} người"])
    sheet.append([])
    sheet.append(["", "Người lập", "", "", "Kế toán", "", "Giám đốc"])
    book.save(path)
    return path


def empty_first_sheet_xlsx(path: Path, header: Sequence[str], rows: Sequence[Sequence[object]]):
    """The list on the second sheet, the first left empty."""
    book = openpyxl.Workbook()
    book.active.title = "Sheet1"
    sheet = book.create_sheet("Sheet2")
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    book.save(path)
    return path


# --- files that are not what their name says -------------------------------------------


def html_xls(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[object]], *, bom: bool = False
) -> Path:
    """A government web system's "Excel" export: an HTML table saved as .xls, with a
    colspan title, `&nbsp;` in empty cells, entities, and IDs kept as text by
    `mso-number-format`."""
    parts = [
        '<html xmlns:o="urn:schemas-microsoft-com:office:office" '
        'xmlns:x="urn:schemas-microsoft-com:office:excel">',
        '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">',
        "<style>.txt{mso-number-format:'\\@';}</style></head><body>",
        '<table border="1">',
        f'<tr><td colspan="{len(header)}" align="center"><b>{html.escape(TITLE[3])}</b></td></tr>',
        f'<tr><td colspan="{len(header)}">&nbsp;</td></tr>',
        "<tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>",
    ]
    for row in rows:
        cells = []
        for value in row:
            text = value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value)
            shown = html.escape(text) if text else "&nbsp;"
            cells.append(f'<td class="txt">{shown}</td>')
        parts.append("<tr>\n" + "\n".join(cells) + "\n</tr>")
    parts.append(f'<tr><td colspan="2"><b>Tổng cộng</b></td><td>{len(rows)}</td></tr>')
    parts.append("</table></body></html>")
    text = "\r\n".join(parts)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return path


def csv_text(
    header: Sequence[str], rows: Sequence[Sequence[object]], *, delimiter: str = ","
) -> str:
    """A CSV's text: dates as dd/mm/yyyy, a one-cell title line first."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([TITLE[3]])
    writer.writerow(list(header))
    for row in rows:
        writer.writerow([v.strftime("%d/%m/%Y") if isinstance(v, date) else v for v in row])
    return buffer.getvalue()


def write_csv_as(path: Path, text: str, encoding: str) -> Path:
    """Write a CSV's text as Excel or an office's software would: "utf-8-sig", "utf-16"
    (Excel's "Unicode Text", tab-separated, BOM), "cp1258" with decomposed tones."""
    if encoding == "cp1258":
        path.write_bytes(cp1258_bytes(text))
    else:
        path.write_bytes(text.encode(encoding))
    return path


def police_rows_plain(data: SyntheticCommune) -> list[list[object]]:
    """Police-list rows with IDs as 12-digit text, the way a CSV keeps them."""
    names = village_names(data)
    return [
        [i + 1, c.full_name, c.personal_id, c.birth_date, sex_text(c.sex), names[c.village_id]]
        for i, c in enumerate(data.citizens)
    ]


PLAIN_HEADER = ("STT", "Họ và tên", "Số định danh cá nhân", "Ngày sinh", "Giới tính", "Thôn")


# --- hostile ----------------------------------------------------------------------------


def sheet_xml(body: str, dimension: str = "A1") -> bytes:
    """A worksheet part around `body` (the <sheetData> rows)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData></worksheet>'
    ).encode()


def xlsx_with_sheet(path: Path, sheet: bytes) -> Path:
    """A minimal valid xlsx whose one sheet is `sheet` (as `sheet_xml` makes it)."""
    book = openpyxl.Workbook()
    book.active.append(["x"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members["xl/worksheets/sheet1.xml"] = sheet
    return write_zip(path, members)


def header_cells(row: int = 1) -> str:
    """Inline-string header cells: enough for the header search to find an ID column."""
    return (
        f'<c r="A{row}" t="inlineStr"><is><t>Số CCCD</t></is></c>'
        f'<c r="B{row}" t="inlineStr"><is><t>Họ và tên</t></is></c>'
    )


def corner_xlsx(path: Path, last_row: int, last_column: str) -> Path:
    """A few cells, one of them far away: a sheet that claims a huge area."""
    body = (
        f'<row r="1">{header_cells()}</row>'
        f'<row r="{last_row}"><c r="{last_column}{last_row}"><v>1</v></c></row>'
    )
    return xlsx_with_sheet(path, sheet_xml(body, f"A1:{last_column}{last_row}"))


def bomb_xlsx(path: Path, rows: int) -> Path:
    """A zip bomb: a sheet of `rows` identical rows, compressed a thousand times over."""
    row = '<row><c t="inlineStr"><is><t>x</t></is></c><c><v>1</v></c></row>'
    book = openpyxl.Workbook()
    book.active.append(["x"])
    book.save(path)
    with zipfile.ZipFile(path) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    head = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<sheetData><row r="1">{header_cells()}</row>'
    ).encode()
    tail = b"</sheetData></worksheet>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as out:
            out.write(head)
            block = row.encode() * 20_000
            for _ in range(rows // 20_000):
                out.write(block)
            out.write(tail)
    return path


ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def ods_cell(value: str = "", repeat: int = 1) -> str:
    """An ODF cell: a string, or an empty one; repeated as LibreOffice compresses runs."""
    times = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    if not value:
        return f"<table:table-cell{times}/>"
    return (
        f'<table:table-cell{times} office:value-type="string"><text:p>{value}</text:p>'
        "</table:table-cell>"
    )


def ods_row(cells: str, repeat: int = 1) -> str:
    times = f' table:number-rows-repeated="{repeat}"' if repeat > 1 else ""
    return f"<table:table-row{times}>{cells}</table:table-row>"


def ods_with_rows(path: Path, rows: str) -> Path:
    """A minimal .ods whose one sheet holds `rows` (as `ods_row` makes them)."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {ODS_NS} office:version="1.2"><office:body>'
        f'<office:spreadsheet><table:table table:name="DS">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type='
        '"application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry '
        'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
    return path


def spreadsheet_xml(
    path: Path, header: Sequence[str], rows: Sequence[Sequence[object]], *, first_sheet: bool = True
) -> Path:
    """Excel 2003 XML ("XML Spreadsheet 2003") named .xls, as older web systems export:
    a cover sheet first, a merged title (MergeAcross), a row and a cell placed by ss:Index,
    numbers, dates and text typed."""

    def cell(value: object, extra: str = "") -> str:
        if isinstance(value, date):
            stamp = f"{value.isoformat()}T00:00:00.000"
            return f'<Cell{extra}><Data ss:Type="DateTime">{stamp}</Data></Cell>'
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f'<Cell{extra}><Data ss:Type="Number">{value}</Data></Cell>'
        if value in ("", None):
            return ""
        return f'<Cell{extra}><Data ss:Type="String">{html.escape(str(value))}</Data></Cell>'

    cover = (
        '<Worksheet ss:Name="Bia"><Table><Row><Cell><Data ss:Type="String">'
        "Báo cáo trích xuất từ hệ thống</Data></Cell></Row></Table></Worksheet>"
    )
    last = len(header) - 1
    across = f' ss:MergeAcross="{last}"'
    body = [f"<Row>{cell(TITLE[3], across)}</Row>"]
    body.append('<Row ss:Index="3">' + "".join(cell(h) for h in header) + "</Row>")
    for row in rows:
        cells, skipped = [], False
        for i, value in enumerate(row):
            if value in ("", None):
                skipped = True
                continue
            cells.append(cell(value, f' ss:Index="{i + 1}"' if skipped else ""))
            skipped = False
        body.append("<Row>" + "".join(cells) + "</Row>")
    text = (
        '<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n'
        '<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" '
        'xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">'
        + (cover if first_sheet else "")
        + '<Worksheet ss:Name="DS"><Table>'
        + "".join(body)
        + "</Table></Worksheet></Workbook>"
    )
    path.write_text(text, encoding="utf-8")
    return path

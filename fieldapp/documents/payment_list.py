"""The monthly payment list: accounts added or changed since the last list (`docs/payment-list.md`).

A neutral description (`PaymentList`: a summary and one sheet per beneficiary group, rows by
village) and its xlsx renderer. Every text cell goes through `xlsx_cells.put`, so a name like
`=HYPERLINK(...)` stays text; personal IDs and account numbers are text too (leading zeros).
"""

from __future__ import annotations

from dataclasses import dataclass
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from fieldapp.documents.xlsx_cells import put
from fieldapp.i18n import tr

HEADER_ROW = 4  # on every sheet: title, period, masking note, then the column headers
# (column, width in characters); headers are the catalogue's `paylist.col.<column>`
COLUMNS: tuple[tuple[str, float], ...] = (
    ("number", 5),
    ("village", 16),
    ("full_name", 24),
    ("personal_id", 16),
    ("holder", 18),
    ("receiver_name", 22),
    ("relation", 12),
    ("receiver_id", 16),
    ("bank", 12),
    ("account", 20),
    ("change", 12),
    ("recorded_on", 12),
)
SUMMARY_COLUMNS = ("group", "village", "new", "changed", "total")


@dataclass(frozen=True, slots=True)
class PaymentListRow:
    """One beneficiary whose payment details were added or changed (texts as printed)."""

    village: str
    full_name: str
    personal_id: str
    holder: str
    receiver_name: str
    relation: str
    receiver_id: str
    bank: str
    account: str  # masked but the last 4 digits, unless the police chose to show them
    change: str  # "Bổ sung" or "Thay đổi"
    recorded_on: str  # dd/mm/yyyy
    is_new: bool


@dataclass(frozen=True, slots=True)
class GroupSheet:
    """One beneficiary group's rows, sorted by village then name."""

    name: str  # the sheet's name (a group's label, at most 31 characters)
    title: str
    rows: tuple[PaymentListRow, ...]


@dataclass(frozen=True, slots=True)
class PaymentList:
    """The whole list: what the summary and each group sheet say."""

    title: str
    period: str
    masking_note: str
    sheets: tuple[GroupSheet, ...]

    @property
    def row_count(self) -> int:
        """How many beneficiaries the list holds."""
        return sum(len(s.rows) for s in self.sheets)


_THIN = Side(style="thin", color="000000")
_BOX = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEAD_FILL = PatternFill("solid", fgColor="E8E8E8")
_BOLD = Font(bold=True)
_WRAP = Alignment(horizontal="center", vertical="center", wrap_text=True)


def render_payment_list(document: PaymentList, target: Path | BytesIO, lang: str = "vi") -> None:
    """Write the list as a workbook: the summary sheet first, then one sheet per group."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = tr("paylist.summary_sheet", lang)
    _head(summary, document, len(SUMMARY_COLUMNS), document.title)
    for col, header in enumerate(SUMMARY_COLUMNS, start=1):
        _header_cell(summary, HEADER_ROW, col, tr(f"paylist.col.{header}", lang))
        summary.column_dimensions[get_column_letter(col)].width = 26 if col <= 2 else 12
    row = HEADER_ROW + 1
    for sheet in document.sheets:
        villages: dict[str, list[int]] = {}
        for item in sheet.rows:
            counts = villages.setdefault(item.village, [0, 0])
            counts[0 if item.is_new else 1] += 1
        for village, (new, changed) in villages.items():
            for col, value in enumerate((sheet.title, village, new, changed, new + changed), 1):
                put(summary, row, col, value).border = _BOX
            row += 1
    put(summary, row, 1, tr("paylist.col.total", lang)).font = _BOLD
    put(summary, row, 5, document.row_count).font = _BOLD
    for sheet in document.sheets:
        _group_sheet(book.create_sheet(sheet.name), document, sheet, lang)
    book.save(target)


def _head(sheet: object, document: PaymentList, width: int, title: str) -> None:
    for row, text in ((1, title), (2, document.period), (3, document.masking_note)):
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)  # type: ignore[attr-defined]
        cell = put(sheet, row, 1, text)
        cell.alignment = Alignment(horizontal="center", wrap_text=True)
        if row == 1:
            cell.font = _BOLD


def _header_cell(sheet: object, row: int, col: int, text: str) -> None:
    cell = put(sheet, row, col, text)
    cell.font, cell.fill, cell.border, cell.alignment = _BOLD, _HEAD_FILL, _BOX, _WRAP


def _group_sheet(sheet: object, document: PaymentList, group: GroupSheet, lang: str) -> None:
    _head(sheet, document, len(COLUMNS), f"{document.title}: {group.title}")
    for col, (header, width) in enumerate(COLUMNS, start=1):
        _header_cell(sheet, HEADER_ROW, col, tr(f"paylist.col.{header}", lang))
        sheet.column_dimensions[get_column_letter(col)].width = width  # type: ignore[attr-defined]
    for index, item in enumerate(group.rows, start=1):
        values = (
            index, item.village, item.full_name, item.personal_id, item.holder,
            item.receiver_name, item.relation, item.receiver_id, item.bank, item.account,
            item.change, item.recorded_on,
        )  # fmt: skip
        for col, value in enumerate(values, start=1):
            put(sheet, HEADER_ROW + index, col, value).border = _BOX
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"  # type: ignore[attr-defined]
    sheet.page_setup.orientation = "landscape"  # type: ignore[attr-defined]

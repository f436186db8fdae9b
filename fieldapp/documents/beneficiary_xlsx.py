"""Draw the social-affairs office's file: a header row, then one row per beneficiary.

A second sheet says what the file is. The layout is docs/beneficiary-file.md; every text goes
through `xlsx_cells` (a name typed as "=..." stays text).
"""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from fieldapp.documents.xlsx_cells import safe_value, set_value, text_cell
from fieldapp.i18n import tr
from fieldapp.i18n.formats import count_text, date_text

LAYOUT_VERSION = "2"  # 2: four columns added on the right (the desk's receiver); none moved

# (code, width, value) in the file's stable order: codes are the layout's contract.
COLUMNS: tuple[tuple[str, float, Callable[[Any, str], object]], ...] = (
    ("no", 6, lambda r, _l: r.number),
    ("personal_id", 15, lambda r, _l: r.personal_id),
    ("full_name", 26, lambda r, _l: r.full_name),
    ("birth_date", 12, lambda r, _l: r.birth_date),
    ("village", 18, lambda r, _l: r.village),
    ("group", 26, lambda r, lang: tr(f"group.{r.group}", lang)),
    ("group_code", 18, lambda r, _l: r.group),
    ("payment", 26, lambda r, lang: tr(f"beneficiary_file.payment.{r.payment}", lang)),
    ("payment_code", 20, lambda r, _l: r.payment),
    ("has_account", 10, lambda r, lang: tr(f"beneficiary_file.yes_no.{r.has_account}", lang)),
    ("account_bank", 14, lambda r, _l: r.account_bank),
    ("account_opened_on", 12, lambda r, _l: r.account_opened_on),
    ("link", 20, lambda r, lang: tr(f"beneficiary_file.link.{r.link}", lang)),
    ("link_code", 11, lambda r, _l: r.link),
    ("proxy_name", 24, lambda r, _l: r.proxy_name),
    ("guardian_name", 24, lambda r, _l: r.guardian_name),
    ("last_visit", 12, lambda r, _l: r.last_visit),
    # layout 2: who receives the payment, as recorded at a desk (issue 19's receiver records)
    (
        "receiver",
        22,
        lambda r, lang: tr(f"beneficiary_file.receiver.{r.receiver}", lang) if r.receiver else "",
    ),
    ("receiver_code", 12, lambda r, _l: r.receiver),
    ("receiver_name", 24, lambda r, _l: r.receiver_name),
    ("receiver_relation", 14, lambda r, _l: r.receiver_relation),
)
COLUMN_CODES: tuple[str, ...] = tuple(code for code, _, _ in COLUMNS)
_DATES = {"birth_date", "account_opened_on", "last_visit"}
_TEXT = {"full_name", "village", "account_bank", "proxy_name", "guardian_name", "receiver_name",
         "receiver_relation"}  # fmt: skip
# a label column's text depends on one field only: each field value is labelled once
_LABELLED = {"group": "group", "payment": "payment", "has_account": "has_account",
             "link": "link", "receiver": "receiver"}  # fmt: skip
_BOLD = Font(bold=True)


def render_beneficiary_xlsx(made: Any, target: Path | BytesIO, lang: str = "vi") -> None:
    """Sheet 1: header row then one row per beneficiary; sheet 2: what the file is.

    A streaming (write-only) workbook: tens of thousands of rows are written as they come,
    each column's cells prepared by one function chosen once (labels looked up once per
    value, a styled cell only where a format is needed).
    """
    book = Workbook(write_only=True)
    sheet = book.create_sheet(tr("beneficiary_file.sheet", lang)[:31])
    for col, (_, width, _) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(col)].width = width
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(made.rows) + 1)}"
    wrap = Alignment(wrap_text=True, vertical="center")
    header = []
    for code, _, _ in COLUMNS:
        cell = text_cell(sheet, tr(f"beneficiary_file.col.{code}", lang))
        cell.font, cell.alignment = _BOLD, wrap
        header.append(cell)
    sheet.append(header)
    makers = [_column(sheet, code, value, lang) for code, _, value in COLUMNS]
    for row in made.rows:
        sheet.append([make(row) for make in makers])

    about = book.create_sheet(tr("beneficiary_file.about_sheet", lang)[:31])
    about.column_dimensions["A"].width = 48
    about.column_dimensions["B"].width = 40
    commune = made.commune.name if made.commune else ""
    agency = tr(f"reports.agency.{made.agency}", lang) if made.agency else ""
    lines = [
        (tr("beneficiary_file.about.title", lang), ""),
        (tr("beneficiary_file.about.commune", lang), commune),
        (tr("beneficiary_file.about.made_on", lang), date_text(made.made_on, lang)),
        (tr("beneficiary_file.about.agency", lang), agency or tr("beneficiary_file.all", lang)),
        (tr("beneficiary_file.about.rows", lang), count_text(len(made.rows), lang)),
        (tr("beneficiary_file.about.layout", lang), LAYOUT_VERSION),
        (tr("beneficiary_file.about.private", lang), ""),
    ]
    if not made.rows:
        lines.append((tr("beneficiary_file.none", lang), ""))
    for number, (label, value) in enumerate(lines, start=1):
        first = text_cell(about, label)
        if number == 1:
            first.font = _BOLD
        about.append([first, text_cell(about, value)])
    book.save(target)


def _column(
    sheet: Any, code: str, value: Callable[[Any, str], object], lang: str
) -> Callable[[Any], object]:
    """What one column writes for a row: a plain value, or a cell where one is needed."""
    # A formatted column reuses one cell, styled once: a row is written out as soon as it
    # is appended, so the next row may give the same cell its own value.
    if code in _DATES:
        day = WriteOnlyCell(sheet)
        day.number_format = "DD/MM/YYYY"

        def date_cell(row: Any) -> object:
            found = value(row, lang)
            if found is None:
                return None
            set_value(day, found)
            return day

        return date_cell
    if code == "personal_id":
        text = WriteOnlyCell(sheet)
        text.number_format = "@"  # text: the leading zero stays

        def personal_id(row: Any) -> object:
            set_value(text, value(row, lang))
            return text

        return personal_id
    if code in _LABELLED:
        field, labels = _LABELLED[code], {}

        def label(row: Any) -> object:
            key = getattr(row, field)
            found = labels.get(key, _NONE)
            if found is _NONE:
                found = labels[key] = safe_value(sheet, value(row, lang))
            return found

        return label
    if code in _TEXT:
        return lambda row: safe_value(sheet, value(row, lang))
    return lambda row: value(row, lang)


_NONE = object()

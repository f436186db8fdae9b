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
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from fieldapp.documents.xlsx_cells import put
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
_BOLD = Font(bold=True)


def render_beneficiary_xlsx(made: Any, target: Path | BytesIO, lang: str = "vi") -> None:
    """Sheet 1: header row then one row per beneficiary; sheet 2: what the file is."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = tr("beneficiary_file.sheet", lang)[:31]
    for col, (code, width, _) in enumerate(COLUMNS, start=1):
        cell = put(sheet, 1, col, tr(f"beneficiary_file.col.{code}", lang))
        cell.font = _BOLD
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(col)].width = width
    for index, row in enumerate(made.rows, start=2):
        for col, (code, _, value) in enumerate(COLUMNS, start=1):
            cell = put(sheet, index, col, value(row, lang))
            if code in _DATES and cell.value is not None:
                cell.number_format = "DD/MM/YYYY"
            elif code == "personal_id":
                cell.number_format = "@"  # text: the leading zero stays
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{max(1, len(made.rows) + 1)}"

    about = book.create_sheet(tr("beneficiary_file.about_sheet", lang)[:31])
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
        put(about, number, 1, label).font = _BOLD if number == 1 else Font()
        put(about, number, 2, value)
    about.column_dimensions["A"].width = 48
    about.column_dimensions["B"].width = 40
    book.save(target)

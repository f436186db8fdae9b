"""The social-affairs file written as a stream: every cell as its column says, text kept text.

`render_beneficiary_xlsx` writes a write-only workbook and prepares each column once (labels
looked up once per value, one formatted cell reused per column). Read back, every cell must
equal what the column's own value function gives for that row, in both languages, with
dates formatted as dates, the personal ID as text, and any text a spreadsheet would take for
a formula stored as text.
"""

from __future__ import annotations

import random
from datetime import date, datetime
from io import BytesIO

import pytest
from openpyxl import load_workbook

from fieldapp.documents.beneficiary_xlsx import COLUMNS, render_beneficiary_xlsx
from fieldapp.domain import model as dm
from fieldapp.services.beneficiary_file import BeneficiaryFile, BeneficiaryRow

HOSTILE = ['=HYPERLINK("http://x","y")', "+84912345678", "-1", "@SUM(A1)", "=1+1"]
NAMES = ["Nguyễn Thị Ánh", "Trần Văn Đức", "Lê Hoàng Yến", *HOSTILE]
TEXT_FIELDS = ("full_name", "village", "account_bank", "proxy_name", "guardian_name",
               "receiver_name", "receiver_relation")  # fmt: skip


def _rows(count: int) -> list[BeneficiaryRow]:
    rng = random.Random(7)

    def text() -> str:
        return rng.choice([*NAMES, ""])

    def day() -> date | None:
        return rng.choice([None, date(2026, 5, rng.randrange(1, 31))])

    rows = []
    for number in range(1, count + 1):
        receiver = rng.choice(["", "self", "proxy", "guardian"])
        rows.append(
            BeneficiaryRow(
                number=number,
                personal_id=f"0380{rng.randrange(10**8):08d}",
                full_name=text(),
                birth_date=day(),
                village=text(),
                group=rng.choice(list(dm.BeneficiaryGroup)).value,
                payment=rng.choice(
                    ["paid_to_account", "has_account_not_paid", "no_account", "not_classified"]
                ),
                has_account=rng.random() < 0.5,
                account_bank=text(),
                account_opened_on=day(),
                link=rng.choice(["approved", "submitted", "no"]),
                proxy_name=text(),
                guardian_name=text(),
                last_visit=day(),
                receiver=receiver,
                receiver_name=text() if receiver else "",
                receiver_relation=text() if receiver else "",
            )
        )
    return rows


def _expected(value: object) -> object:
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    return None if value == "" else value


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_cell_equals_its_column_and_text_stays_text(lang):
    rows = _rows(300)
    made = BeneficiaryFile(rows, None, date(2026, 6, 7), None)
    buffer = BytesIO()
    render_beneficiary_xlsx(made, buffer, lang)
    buffer.seek(0)
    sheet = load_workbook(buffer).worksheets[0]
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:U{len(rows) + 1}"
    header = next(sheet.iter_rows(max_row=1))
    assert all(cell.font.b for cell in header)
    written = list(sheet.iter_rows(min_row=2))
    assert len(written) == len(rows)
    hostile = 0
    for row, cells in zip(rows, written, strict=True):
        for (code, _, value), cell in zip(COLUMNS, cells, strict=True):
            expected = value(row, lang)
            assert cell.value == _expected(expected), (row.number, code)
            if code in ("birth_date", "account_opened_on", "last_visit") and expected:
                assert cell.number_format == "DD/MM/YYYY"
            if code == "personal_id":
                assert cell.data_type == "s" and cell.number_format == "@"
            if code in TEXT_FIELDS and expected in HOSTILE:
                assert cell.data_type == "s" and cell.quotePrefix, (row.number, code)
                hostile += 1
    assert hostile > 100  # the hostile names were really there, in every text column

"""Numbers, percentages and dates per language, and every face using the one module."""

from __future__ import annotations

import ast
from datetime import date, datetime
from pathlib import Path

from fieldapp.documents.report_model import CellKind, cell_text
from fieldapp.i18n.formats import (
    count_text,
    date_text,
    day_month_time_text,
    decimal_text,
    percent_text,
)

PACKAGE = Path(__file__).resolve().parents[1] / "fieldapp"


def test_vietnamese_numbers():
    assert count_text(2087, "vi") == "2.087"
    assert count_text(1234567, "vi") == "1.234.567"
    assert percent_text(13.6612, "vi") == "13,66%"
    assert decimal_text(22.3125, "vi") == "22,31"
    assert percent_text(None, "vi") == "—"


def test_english_numbers_are_english():
    assert count_text(2087, "en") == "2,087"
    assert count_text(1234567, "en") == "1,234,567"
    assert percent_text(13.6612, "en") == "13.66%"
    assert percent_text(50, "en", 1) == "50.0%"
    assert percent_text(None, "en") == "—"


def test_dates_are_day_first_in_both_languages():
    assert date_text(date(2026, 6, 5), "vi") == date_text(date(2026, 6, 5), "en") == "05/6/2026"
    assert date_text(date(2026, 2, 11)) == "11/02/2026"
    assert day_month_time_text(datetime(2026, 6, 3, 10, 0)) == "03/06 10:00"


def test_report_cells_in_each_language():
    assert cell_text(2087, CellKind.COUNT, "vi") == "2.087"
    assert cell_text(2087, CellKind.COUNT, "en") == "2,087"
    assert cell_text(13.66, CellKind.PERCENT, "vi") == "13,66"
    assert cell_text(13.66, CellKind.PERCENT, "en", percent_sign=True) == "13.66%"
    assert cell_text(None, CellKind.PERCENT, "en") == "—"
    assert cell_text(None, CellKind.COUNT, "en") == ""
    assert cell_text("Thôn Một", CellKind.TEXT, "en") == "Thôn Một"


def test_no_face_formats_numbers_by_hand():
    # The old way: f"{n:,}".replace(",", ".") and f"{x:.2f}".replace(".", ",") in each face.
    found = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "replace"
                and [getattr(a, "value", None) for a in node.args] in ([",", "."], [".", ","])
            ):
                found.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert found == [], "format numbers with fieldapp.i18n.formats: " + ", ".join(found)

"""English mode: counts written the English way, plurals that agree, report headers that
wrap between words (never inside one)."""

from __future__ import annotations

import re
from datetime import date
from io import BytesIO

import pytest
from pypdf import PdfReader
from reportlab.lib.styles import ParagraphStyle
from reports_builders import hand_commune

from fieldapp.documents.report_pdf import FONT_BOLD, _head_style, register_fonts
from fieldapp.domain.periods import day_period
from fieldapp.i18n import tr
from fieldapp.services import report_output
from fieldapp.services.report_document import build_document
from fieldapp.services.reports import compute_figures


def test_plurals_agree_with_the_count():
    assert tr("desk.home.count", "en", count=1) == "1 person to visit at home"
    assert tr("desk.home.count", "en", count=2) == "2 people to visit at home"
    assert tr("documents.printed", "en", pages=1) == "Sent 1 page to the printer"
    assert tr("documents.printed", "en", pages=3) == "Sent 3 pages to the printer"
    assert tr("signin.wrong_pin_left", "en", left=1).startswith("Wrong PIN (1 try left")
    assert tr("quit.unexported", "en", count=1).startswith("1 event is in no sync bundle")
    assert tr("quit.unexported", "en", count=5).startswith("5 events are in no sync bundle")
    # A count already written out as text agrees too (the report writes its own numbers).
    line = tr("reports.summary_activity", "en", visits="1", visited="2", activated="0",
              opened="0")  # fmt: skip
    assert line.startswith("In the period: 1 visit for 2 citizens")


def test_counts_are_written_the_language_s_way():
    assert tr("sync.imported", "en", file="a", new=2087, known=1).startswith(
        "Imported 'a': 2,087 new events, 1 already known"
    )
    assert "2.087" in tr("sync.imported", "vi", file="a", new=2087, known=1)
    assert tr("desk.home.count", "vi", count=1) == "1 người cần hỗ trợ tại nhà"


def test_a_plural_asked_of_a_value_that_is_no_count_does_not_crash():
    assert tr("desk.home.count", "en", count="many")  # falls back, never raises


@pytest.fixture
def hand(uow):
    data = hand_commune()
    data.save(uow())
    return data


def test_english_report_headers_keep_whole_words(uow, hand):
    document = build_document(compute_figures(uow(), day_period(date(2026, 6, 5))), lang="en")
    buffer = BytesIO()
    report_output.render(document, "pdf", buffer)
    text = " ".join(p.extract_text() for p in PdfReader(BytesIO(buffer.getvalue())).pages).split()
    words = {w for t in text for w in re.findall(r"[A-Za-z]{3,}", t)}
    headers = [c.header for s in document.sections if s.table for c in s.table.columns]
    assert any("cumulative" in h for h in headers)
    for header in headers:
        for word in re.findall(r"[A-Za-z]{3,}", header):
            assert word in words, f"'{word}' of '{header}' was cut"


def test_a_header_word_too_wide_for_its_column_shrinks_instead_of_splitting():
    register_fonts()
    style = ParagraphStyle("head", fontName=FONT_BOLD, fontSize=8, leading=9.6)
    assert _head_style("Target", 200, style) is style  # fits: unchanged
    smaller = _head_style("Activated, cumulative", 40, style)
    assert smaller.fontSize < 8 and smaller.splitLongWords == style.splitLongWords

"""Reports as PDF (text extracted with pypdf) and xlsx (read back with openpyxl)."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from actors import police_of
from openpyxl import load_workbook
from pypdf import PdfReader
from reports_builders import hand_commune

from fieldapp.domain.periods import day_period
from fieldapp.i18n.formats import date_text as vi_date
from fieldapp.i18n.formats import place_date_text as place_date
from fieldapp.services import report_output
from fieldapp.services.report_document import build_document
from fieldapp.services.reports import compute_figures

JUNE5 = date(2026, 6, 5)


@pytest.fixture
def hand(uow):
    data = hand_commune()
    data.save(uow())
    return data


def _pdf_text(document) -> str:
    buffer = BytesIO()
    report_output.render(document, "pdf", buffer)
    reader = PdfReader(BytesIO(buffer.getvalue()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_dates_are_written_the_administrative_way():
    assert place_date("Kiên Bình", JUNE5, "vi") == "Kiên Bình, ngày 05 tháng 6 năm 2026"
    assert place_date("Kiên Hải", date(2026, 2, 11), "vi") == "Kiên Hải, ngày 11 tháng 02 năm 2026"
    assert vi_date(JUNE5) == "05/6/2026"


def test_daily_pdf_by_village_says_the_hand_counted_figures(uow, hand):
    document = build_document(compute_figures(uow(), day_period(JUNE5)), by="village")
    text = _flat(_pdf_text(document))
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "CÔNG AN TỈNH THANH HÓA",
        "CÔNG AN XÃ THỬ NGHIỆM",
        "Thử Nghiệm, ngày 05 tháng 6 năm 2026",
        "BÁO CÁO",
        "Ngày 05/6/2026",
        "Toàn xã đã tích hợp 2/6 trường hợp",
        "đạt 33,33%",
        "II. KẾT QUẢ THEO THÔN",
        "Thôn Một",
        "Thôn Hai",
        "Tổng cộng",
        "Người có công với cách mạng",
        "Hưu trí xã hội",
        "TRƯỞNG CÔNG AN XÃ",
        "Nơi nhận:",
    ):
        assert expected in text, expected


def test_group_report_goes_to_each_agency(uow, hand):
    document = build_document(compute_figures(uow(), day_period(JUNE5)), by="group")
    text = _flat(_pdf_text(document))
    for agency in (
        "Bảo hiểm xã hội tỉnh",
        "Sở Nội vụ",
        "Sở Y tế",
        "Sở Giáo dục và Đào tạo",
    ):
        assert agency in text
    one = build_document(
        compute_figures(uow(), day_period(JUNE5)), by="group", agency="home_affairs"
    )
    text = _flat(_pdf_text(one))
    assert "Kính gửi: Sở Nội vụ" in text and "Sở Y tế" not in text


def test_point_report_names_points_and_the_lists_only_row(uow, hand):
    document = build_document(compute_figures(uow(), day_period(JUNE5)), by="point")
    text = _flat(_pdf_text(document))
    assert "Điểm Thôn Một" in text and "Điểm Thôn Hai" in text
    assert "Chưa đến điểm hỗ trợ (theo danh sách)" in text


def test_an_empty_period_says_so_instead_of_a_table(uow, hand):
    document = build_document(compute_figures(uow(), day_period(date(2026, 7, 1))))
    assert all(section.table is None for section in document.sections)
    text = _flat(_pdf_text(document))
    assert "Không có dữ liệu trong kỳ báo cáo" in text
    assert "Tổng cộng" not in text


def test_xlsx_reads_back_with_numbers(uow, hand, tmp_path):
    out = tmp_path / "daily.xlsx"
    report_output.write_report(
        uow(), "daily", out, fmt="xlsx", day=JUNE5, by="village", actor=police_of(uow)
    )
    sheet = load_workbook(out).active
    values = [[c for c in row] for row in sheet.iter_rows(values_only=True)]
    flat = [v for row in values for v in row if v is not None]
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in flat
    assert "Độc lập - Tự do - Hạnh phúc" in flat
    header = next(row for row in values if row[0] == "STT")
    village_row = next(row for row in values if row[1] == "Thôn Một")
    record = dict(zip(header, village_row, strict=True))
    assert record["Chỉ tiêu"] == 3
    assert record["Tích hợp lũy kế"] == 2
    assert record["Tỷ lệ tích hợp / mức 2 (%)"] == pytest.approx(2 / 3)
    total = next(row for row in values if row[1] == "Tổng cộng")
    assert dict(zip(header, total, strict=True))["Có TK ĐDĐT mức 2"] == 6


def test_english_report(uow, hand):
    document = build_document(compute_figures(uow(), day_period(JUNE5)), lang="en")
    text = _flat(_pdf_text(document))
    assert "SOCIALIST REPUBLIC OF VIETNAM" in text and "RESULTS BY VILLAGE" in text

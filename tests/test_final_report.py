"""Issue 18 item 5: the final report, wave by wave and for the whole campaign.

Hand-counted on `hand_commune()` (tests/reports_builders.py) with two waves (1-4 June, 5-10
June) and one home visit (E, at home on 2 June), reported on 6 June.
"""

from __future__ import annotations

from datetime import date

import pytest
from actors import police_of
from openpyxl import load_workbook
from pypdf import PdfReader
from reports_builders import an_id, hand_commune, local

from fieldapp.domain import model as dm
from fieldapp.services import campaign, report_output
from fieldapp.services.final_report import BLANK_LINES
from fieldapp.services.report_settings import save_report_settings

JUNE6 = date(2026, 6, 6)


@pytest.fixture
def hand(uow):
    data = hand_commune()
    e = data.citizens["E"]
    at_home = dm.VisitPlace.HOME
    point, user = data.points["P2"].id, data.user.id
    data.visits.append(
        dm.Visit(an_id(), e.personal_id, local(2026, 6, 2, 10), point, user, at_home)
    )
    data.save(uow())
    police = police_of(uow)
    campaign.add_wave(uow(), "Đợt 1", date(2026, 6, 1), date(2026, 6, 4), actor=police)
    campaign.add_wave(uow(), "Đợt 2", date(2026, 6, 5), date(2026, 6, 10), actor=police)
    return data


def _final(uow, **kwargs):
    return report_output.build_report(uow(), "final", day=JUNE6, actor=police_of(uow), **kwargs)


def _section(document, start):
    return next(s for s in document.sections if s.heading.startswith(start))


def test_waves_side_by_side_counted_by_hand(uow, hand):
    document = _final(uow)
    table = _section(document, "1. Kết quả từng đợt").table
    headers = [c.header for c in table.columns]
    rows = [dict(zip(headers, row, strict=True)) for row in [*table.rows, table.total]]
    wave1, wave2, whole = rows
    assert (wave1["Đợt"], wave2["Đợt"], whole["Đợt"]) == ("Đợt 1", "Đợt 2", "Toàn chiến dịch")
    assert wave2["Thời gian"] == "05/6/2026 - 06/6/2026"  # up to the report's day
    # wave 1: B activated (3 June), E at home (2 June) and activated (4 June 23:30)
    assert (wave1["Lượt hỗ trợ"], wave1["Lượt hỗ trợ tại nhà"], wave1["Số người được hỗ trợ"]) == (
        3, 1, 2,
    )  # fmt: skip
    assert (wave1["Kích hoạt ĐDĐT"], wave1["Tích hợp ASXH"], wave1["Mở TK ngân hàng"]) == (2, 0, 0)
    # wave 2: A, B, D twice, G on 5 June, F on 6 June; A sent a link, C's list says linked
    assert (wave2["Lượt hỗ trợ"], wave2["Lượt hỗ trợ tại nhà"], wave2["Số người được hỗ trợ"]) == (
        6, 0, 5,
    )  # fmt: skip
    linked = (wave2["Tích hợp ASXH"], wave2["Trong đó đã duyệt"])
    assert (wave2["Kích hoạt ĐDĐT"], *linked) == (3, 2, 1)
    assert wave2["Mở TK ngân hàng"] == 2  # A at MB, D at LPBank
    assert whole["Lượt hỗ trợ"] == 9 and whole["Lượt hỗ trợ tại nhà"] == 1
    assert whole["Số người được hỗ trợ"] == 6  # A, B, D, E, F, G
    assert (whole["Kích hoạt ĐDĐT"], whole["Tích hợp ASXH"]) == (5, 2)
    assert whole["Lũy kế tích hợp cuối kỳ"] == 2
    # level 2 on 6 June: A, B, C, D, G from lists, E and F through their activation
    assert whole["Tỷ lệ tích hợp/mức 2 cuối kỳ (%)"] == pytest.approx(100 * 2 / 7)
    assert wave1["Tỷ lệ tích hợp/mức 2 cuối kỳ (%)"] == pytest.approx(0.0)


def test_home_visits_after_the_report_day_count_in_no_wave_and_no_village(uow, hand):
    """Home visits on 8 and 9 June (wave 2, after the report's day of 6 June): the tables,
    read in one pass over every home visit, stay as counted by hand."""
    point, user = hand.points["P1"].id, hand.user.id
    at_home = dm.VisitPlace.HOME
    with uow() as u:
        for who, day in (("E", 8), ("A", 9)):
            pid = hand.citizens[who].personal_id
            u.repo.add_visit(dm.Visit(an_id(), pid, local(2026, 6, day, 9), point, user, at_home))
        u.commit()
    document = _final(uow)
    assert _section(document, "4. Hỗ trợ tại nhà").table.rows == [[1, "Thôn Hai", 1, 1]]
    waves = _section(document, "1. Kết quả từng đợt").table
    assert [row[4] for row in waves.rows] == [1, 0] and waves.total[4] == 1


def test_home_visits_by_village_and_points_and_villages_tables(uow, hand):
    document = _final(uow)
    home = _section(document, "4. Hỗ trợ tại nhà").table
    assert home.rows == [[1, "Thôn Hai", 1, 1]]
    assert home.total[2:] == [1, 1]
    villages = _section(document, "2. Kết quả theo thôn").table
    assert [r[1] for r in villages.rows] == ["Thôn Hai", "Thôn Một"]
    points = _section(document, "3. Kết quả theo điểm").table
    assert [r[1] for r in points.rows] == [
        "Điểm Thôn Hai",
        "Điểm Thôn Một",
        "Chưa đến điểm hỗ trợ (theo danh sách)",  # C: lists only
    ]


def test_narrative_parts_are_the_officers_text_or_lines_to_write_on(uow, hand, tmp_path):
    document = _final(uow)
    headings = [s.heading for s in document.sections]
    assert headings[0] == "I. KẾT QUẢ ĐẠT ĐƯỢC"
    assert headings[-3:] == [
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. BÀI HỌC KINH NGHIỆM",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]
    assert document.sections[-1].paragraphs == [BLANK_LINES, BLANK_LINES]
    save_report_settings(
        uow(),
        "final",
        {
            "narrative": {
                "results": "Toàn xã đạt 33,33%.",
                "shortcomings": "=cmd|' /C calc'!A0\n\nNgười cao tuổi đi lại khó khăn.",
            },
            "signer_name": "Lê Văn Thử",
        },
        actor=police_of(uow),
    )
    document = _final(uow)
    assert document.sections[0].paragraphs[-1] == "Toàn xã đạt 33,33%."
    shortcomings = _section(document, "II.").paragraphs
    assert shortcomings == ["=cmd|' /C calc'!A0", "Người cao tuổi đi lại khó khăn."]
    xlsx = tmp_path / "final.xlsx"
    report_output.save(document, "xlsx", xlsx)
    cells = [c for row in load_workbook(xlsx).active.iter_rows() for c in row if c.value]
    typed = next(c for c in cells if c.value == "=cmd|' /C calc'!A0")
    assert typed.data_type == "s"  # stored as text, written as text
    pdf = tmp_path / "final.pdf"
    report_output.save(document, "pdf", pdf)
    text = "".join(p.extract_text() for p in PdfReader(pdf).pages)
    assert "BÁO CÁO TỔNG KẾT" in text and "Lê Văn Thử" in text
    assert "Người cao tuổi đi lại khó khăn." in text


def test_a_campaign_without_waves_still_has_its_total(uow):
    hand_commune().save(uow())
    document = _final(uow)
    table = _section(document, "1. Kết quả từng đợt").table
    assert table.rows == [] and table.total[1] == "Toàn chiến dịch"

"""Issue 18 item 1: the People's Committee's daily report to each sector agency.

Counted by hand on `agency_commune()` (tests/agency_builders.py). The daily report ends at the
agency's deadline (14:00): K's account opened at 15:00 on 5 June counts on 6 June.
"""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from actors import police_of
from agency_builders import agency_commune
from openpyxl import load_workbook
from pypdf import PdfReader

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import ForbiddenError
from fieldapp.domain.report_windows import week_ending
from fieldapp.services import report_output
from fieldapp.services.agency_report import agency_figures, groups_of
from fieldapp.services.report_settings import (
    agency_code,
    report_settings,
    save_report_settings,
)
from fieldapp.services.reports import compute_figures

JUNE5, JUNE6 = date(2026, 6, 5), date(2026, 6, 6)
G = dm.BeneficiaryGroup


@pytest.fixture
def hand(uow):
    data = agency_commune()
    data.save(uow())
    return data


def _figures(uow, agency, day=JUNE5):
    period = report_output.resolve_period(uow(), "daily", day)
    return agency_figures(uow(), agency, period, report_settings(uow(), f"agency.{agency}"))


def _classes(tally):
    return tuple(
        tally.payment.get(k, 0)
        for k in ("paid_to_account", "has_account_not_paid", "no_account", "not_classified")
    )


def test_each_agency_gets_its_groups_counted_by_hand(uow, hand):
    social = _figures(uow, "social_security")
    assert social.groups == [G.INSURANCE_PENSION]
    assert _classes(social.total) == (1, 1, 0, 1)  # H paid, I not paid, J unclassified
    assert [(name, _classes(t)) for name, t in social.by_village] == [
        ("Thôn Hai", (0, 1, 0, 1)),
        ("Thôn Một", (1, 0, 0, 0)),
    ]

    home = _figures(uow, "home_affairs")
    assert home.groups == [G.MERIT]
    assert _classes(home.total) == (1, 0, 1, 0)  # C paid, M no account
    assert home.total.linked == 1  # C, linked in a list dated 5 June
    assert home.total.paid_rate == pytest.approx(50.0)
    assert [name for name, _ in home.by_village] == ["Thôn Một"]

    health = _figures(uow, "health")
    assert health.groups == [G.SOCIAL_PROTECTION, G.SOCIAL_PENSION]
    # D opened an account at 09:00 (before 14:00): no account → has an account, not paid;
    # K's account at 15:00 is after the deadline: still no account on 5 June.
    assert _classes(health.by_group[G.SOCIAL_PROTECTION]) == (0, 1, 1, 0)  # L, K
    assert _classes(health.by_group[G.SOCIAL_PENSION]) == (0, 1, 0, 0)  # D
    assert [(name, _classes(t)) for name, t in health.by_village] == [
        ("Thôn Hai", (0, 2, 0, 0)),
        ("Thôn Một", (0, 0, 1, 0)),
    ]

    education = _figures(uow, "education")
    assert education.groups == [G.EDUCATION]
    assert education.total.total == 0 and education.by_village == []


def test_the_daily_agency_report_ends_at_its_deadline(uow, hand):
    before = _figures(uow, "health", JUNE5)
    after = _figures(uow, "health", JUNE6)
    assert _classes(before.by_group[G.SOCIAL_PROTECTION]) == (0, 1, 1, 0)
    assert _classes(after.by_group[G.SOCIAL_PROTECTION]) == (0, 2, 0, 0)  # K, from 15:00
    # the agency's deadline is its own setting: at 16:00 K's 15:00 account counts on 5 June
    police = police_of(uow)
    save_report_settings(uow(), "agency.health", {"deadline": "16:00"}, actor=police)
    assert _classes(_figures(uow, "health", JUNE5).by_group[G.SOCIAL_PROTECTION]) == (0, 2, 0, 0)


def test_agency_totals_agree_with_the_report_figures(uow, hand):
    """A whole-days period: the agency figures and the group table count the same people."""
    period = week_ending(JUNE6)
    figures = compute_figures(uow(), period)
    by_group = {row.key: row.cumulative.payment for row in figures.by_group}
    for agency in ("social_security", "home_affairs", "health", "education"):
        found = agency_figures(uow(), agency, period, report_settings(uow(), f"agency.{agency}"))
        for group in groups_of(agency):
            assert found.by_group[group].payment == Counter(by_group[group.value]), group


@pytest.mark.parametrize(
    ("agency", "addressee", "groups"),
    [
        ("social-insurance", "Kính gửi: Bảo hiểm xã hội tỉnh Thanh Hóa", ["Lương hưu"]),
        ("home-affairs", "Kính gửi: Sở Nội vụ tỉnh Thanh Hóa", ["Người có công"]),
        ("health", "Kính gửi: Sở Y tế tỉnh Thanh Hóa", ["Bảo trợ xã hội", "Hưu trí xã hội"]),
        ("education", "Kính gửi: Sở Giáo dục và Đào tạo tỉnh Thanh Hóa", []),
    ],
)
def test_the_agency_report_is_addressed_to_it(uow, hand, tmp_path, agency, addressee, groups):
    police = police_of(uow)
    out = tmp_path / f"{agency}.pdf"
    document = report_output.write_report(
        uow(), "daily", out, day=JUNE5, agency=agency, actor=police
    )
    assert document.addressee == addressee
    assert document.issuer_parent == "ỦY BAN NHÂN DÂN"
    assert document.issuer == "XÃ THỬ NGHIỆM"
    assert document.signer == "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    assert document.period_text == "Từ 14:00 ngày 04/6/2026 đến 14:00 ngày 05/6/2026"
    assert any(addressee.removeprefix("Kính gửi: ") in line for line in document.recipients)
    text = "".join(page.extract_text() for page in PdfReader(out).pages)
    assert addressee in text
    tables = [s.table for s in document.sections if s.table is not None]
    if not groups:  # education: nobody in the lists
        assert not document.has_data and not tables
        assert "chưa có đối tượng thuộc phạm vi Sở Giáo dục và Đào tạo" in text
        return
    group_names = [row[1] for row in tables[0].rows]
    assert len(group_names) == len(groups)
    for name, expected in zip(group_names, groups, strict=True):
        assert str(name).startswith(expected)
    assert "Thôn" in str(tables[1].rows[0][1])


def test_settings_change_the_printed_lines_and_xlsx_keeps_them_as_text(uow, hand, tmp_path):
    police = police_of(uow)
    save_report_settings(
        uow(),
        "agency.social_security",
        {
            "signer_title": "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH",
            "signer_name": "Nguyễn Văn Thử",
            "number": "Số: 12/BC-UBND",
            "recipients": ["- BHXH tỉnh;", "=1+1", "- Lưu: VT."],
        },
        actor=police,
    )
    out = tmp_path / "bhxh.xlsx"
    report_output.write_report(
        uow(), "daily", out, fmt="xlsx", day=JUNE5, agency="social-insurance", actor=police
    )
    sheet = load_workbook(out).active
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value is not None}
    assert "Số: 12/BC-UBND" in cells and "Nguyễn Văn Thử" in cells
    assert "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH" in cells
    assert cells["=1+1"].data_type == "s"  # typed text stays text, never a formula
    # back to the default, one field at a time
    found = save_report_settings(
        uow(), "agency.social_security", {"signer_name": None}, actor=police
    )
    assert found.signer_name == "" and found.number == "Số: 12/BC-UBND"


def test_settings_refuse_bad_input_and_volunteers(uow, hand):
    police = police_of(uow)
    with pytest.raises(ValidationError):
        save_report_settings(uow(), "agency.health", {"issuer": "UBND\u202eXÃ"}, actor=police)
    with pytest.raises(ValidationError):
        save_report_settings(uow(), "agency.health", {"deadline": "25:00"}, actor=police)
    with pytest.raises(ValidationError):
        save_report_settings(uow(), "agency.nowhere", {"issuer": "X"}, actor=police)
    with pytest.raises(ForbiddenError):
        save_report_settings(uow(), "agency.health", {"issuer": "X"}, actor=hand.user)
    assert report_settings(uow(), "agency.health").issuer == "XÃ THỬ NGHIỆM"  # nothing stored
    with pytest.raises(ValidationError):
        agency_code("treasury")
    assert agency_code("social-insurance") == "social_security"

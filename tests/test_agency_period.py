"""Issue 18 item 1, session 4: what is new in each agency's period, and the desk's receiver.

Counted by hand on `agency_commune()` (tests/agency_builders.py) plus three events of 5 June:
  - I (insurance pension, Thôn Hai): a list dated 5 June says "paid to an account" (it had an
    account, not paid): moved to paid in 5 June's window;
  - P (education, Thôn Một, no account from 1 June): their own LPBank account recorded at a
    desk at 10:00 on 5 June: gains an account, "has an account, not paid";
  - L (social protection, Thôn Hai): a proxy recorded at a desk at 10:00 on 5 June
    (Trần Thị Nhận, "con"): a column of the social-affairs file;
  - K (social protection from a list only): activation failed at 09:00 on 5 June, no OTP:
    one difficulty in the health report, none in the others.
The daily window of 5 June runs from 4 June 14:00 to 5 June 14:00 (the agencies' deadline):
  social insurance  new paid 1 (I)                       at the end: paid H, I; J unclassified
  home affairs      newly linked 1 (C, a list dated 5 June)
  health            new account 1 (D, LPBank at 09:00); K's 15:00 account is 6 June's
  education         new account 1 (P)
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from actors import police_of
from agency_builders import agency_commune
from openpyxl import load_workbook
from pypdf import PdfReader
from reports_builders import local

from fieldapp.documents.beneficiary_xlsx import COLUMN_CODES, LAYOUT_VERSION
from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentAccount, PaymentHolder, PaymentReceiver
from fieldapp.services import report_output
from fieldapp.services.agency_report import agency_figures
from fieldapp.services.beneficiary_file import write_beneficiary_file
from fieldapp.services.report_settings import report_settings

JUNE1, JUNE5, JUNE6 = date(2026, 6, 1), date(2026, 6, 5), date(2026, 6, 6)
F = dm.FactField


@pytest.fixture
def hand(uow):
    h = agency_commune()
    h.a_fact("I", F.PAYMENT_STATUS, "paid_to_account", JUNE5)
    visit = h.a_visit("K", "P1", local(2026, 6, 5, 9))  # K's group is a list's, not the row's
    h.an_outcome(visit, dm.Step.EID_ACTIVATION, dm.Result.FAILED, reason=dm.FailureReason.NO_OTP)
    h.a_citizen("P", "V1")
    h.a_fact("P", F.EID_LEVEL, "2", JUNE1)
    h.a_fact("P", F.BENEFICIARY_GROUP, "education", JUNE1)
    h.a_fact("P", F.PAYMENT_STATUS, "no_account", JUNE1)
    h.save(uow())
    at_ten = local(2026, 6, 5, 10)
    with uow() as u:
        u.repo.add_payment_event(
            PaymentAccount(uuid.uuid4(), h.citizens["P"].personal_id, PaymentHolder.SELF,
                           "LPBank", "9876543210", at_ten, h.user.id)
        )  # fmt: skip
        u.repo.add_payment_event(
            PaymentReceiver(uuid.uuid4(), h.citizens["L"].personal_id, PaymentHolder.PROXY,
                            "Trần Thị Nhận", "con", None, at_ten, h.user.id)
        )  # fmt: skip
        u.commit()
    return h


def _figures(uow, agency, day=JUNE5):
    period = report_output.resolve_period(uow(), "daily", day)
    return agency_figures(uow(), agency, period, report_settings(uow(), f"agency.{agency}"))


def _new(tally) -> tuple[int, int, int]:
    return tally.new_paid, tally.new_account, tally.new_linked


def test_what_is_new_in_each_agencys_day_counted_by_hand(uow, hand):
    G = dm.BeneficiaryGroup  # noqa: N806
    social = _figures(uow, "social_security")
    assert _new(social.total) == (1, 0, 0)  # I moved to paid
    assert social.total.payment["paid_to_account"] == 2  # H, I at the end
    assert [(name, _new(t)) for name, t in social.by_village] == [
        ("Thôn Hai", (1, 0, 0)),
        ("Thôn Một", (0, 0, 0)),
    ]
    home = _figures(uow, "home_affairs")
    assert _new(home.total) == (0, 0, 1)  # C linked in a list dated 5 June
    health = _figures(uow, "health")
    assert _new(health.by_group[G.SOCIAL_PENSION]) == (0, 1, 0)  # D, at 09:00
    assert _new(health.by_group[G.SOCIAL_PROTECTION]) == (0, 0, 0)  # K's 15:00 is tomorrow's
    education = _figures(uow, "education")
    assert _new(education.total) == (0, 1, 0)  # P's own account, recorded at a desk
    assert education.total.payment == {"has_account_not_paid": 1}
    assert [name for name, _ in education.by_village] == ["Thôn Một"]
    # the next day: only K's account (15:00 on 5 June, after the deadline) is new
    assert _new(_figures(uow, "health", JUNE6).total) == (0, 1, 0)
    for agency in ("social_security", "home_affairs", "education"):
        assert _new(_figures(uow, agency, JUNE6).total) == (0, 0, 0), agency


def _pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_the_report_prints_what_is_new(uow, hand, tmp_path):
    out = tmp_path / "bhxh.pdf"
    report_output.write_report(
        uow(), "daily", out, day=JUNE5, agency="social-insurance", actor=police_of(uow)
    )
    text = _pdf_text(out)
    assert "Trong kỳ báo cáo: 1 đối tượng chuyển sang nhận chi trả qua tài khoản" in text
    assert "IV. Kết quả trong kỳ báo cáo theo nhóm đối tượng" in text
    assert "V. Kết quả trong kỳ báo cáo theo thôn" in text
    assert "VI. KHÓ KHĂN, VƯỚNG MẮC, PHÁT SINH" in text.upper()
    xlsx = tmp_path / "bhxh.xlsx"
    report_output.write_report(
        uow(), "daily", xlsx, fmt="xlsx", day=JUNE5, agency="social-insurance",
        actor=police_of(uow),
    )  # fmt: skip
    cells = [v for row in load_workbook(xlsx).active.iter_rows(values_only=True) for v in row]
    assert "Chuyển sang nhận qua tài khoản" in cells


def test_the_file_has_the_receiver_recorded_at_the_desk(uow, hand, tmp_path):
    out = tmp_path / "doi-tuong.xlsx"
    write_beneficiary_file(uow(), out, today=JUNE6, actor=police_of(uow))
    book = load_workbook(out)
    rows = list(book["Doi tuong"].iter_rows(values_only=True))
    assert rows[0][-4:] == (
        "Người nhận chi trả (ghi tại điểm)",
        "Mã người nhận",
        "Họ tên người nhận thay (ghi tại điểm)",
        "Quan hệ với đối tượng",
    )
    by_name = {r[2].removeprefix("Công Dân Thử "): dict(zip(COLUMN_CODES, r, strict=True))
               for r in rows[1:]}  # fmt: skip
    l_row = by_name["L"]
    assert (l_row["receiver"], l_row["receiver_code"]) == ("Người được ủy quyền", "proxy")
    assert (l_row["receiver_name"], l_row["receiver_relation"]) == ("Trần Thị Nhận", "con")
    assert l_row["proxy_name"] == "Người Nhận Thay"  # the list's name stays in its column
    assert {by_name[k]["receiver_code"] for k in by_name if k != "L"} == {None}  # blank
    p_row = by_name["P"]
    assert (p_row["payment_code"], p_row["has_account"]) == ("has_account_not_paid", "Có")
    assert p_row["account_opened_on"].date() == JUNE5
    about = [r for r in book["Thong tin"].iter_rows(values_only=True)]
    assert any(r[1] == LAYOUT_VERSION == "2" for r in about)


def test_an_agencys_difficulties_follow_the_group_a_list_gave(uow, hand, tmp_path):
    police = police_of(uow)
    health = report_output.build_report(uow(), "daily", day=JUNE5, agency="health", actor=police)
    text = " ".join(p for section in health.sections for p in section.paragraphs)
    assert "1 lượt thực hiện không thành công" in text  # K, a list's social protection
    home = report_output.build_report(
        uow(), "daily", day=JUNE5, agency="home-affairs", actor=police
    )
    text = " ".join(p for section in home.sections for p in section.paragraphs)
    assert "không có lượt hỗ trợ nào không thành công" in text
    assert health.subject.endswith("đối tượng bảo trợ xã hội, hưu trí xã hội")
    social = report_output.build_report(
        uow(), "daily", day=JUNE5, agency="social-insurance", actor=police
    )
    assert social.subject.endswith("đối tượng lương hưu, trợ cấp BHXH")  # not "bhxh"

"""Issue 18 items 2 and 4: the difficulties (failed steps by reason, step and village, the
referrals, the officer's paragraph) and the targets and deadlines per beneficiary group,
counted against a hand-counted commune and printed in every report (PDF and xlsx)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from io import BytesIO

import pytest
from actors import police_of
from openpyxl import load_workbook
from pypdf import PdfReader
from reports_builders import hand_commune, local

from fieldapp.domain import model as dm
from fieldapp.domain.deadlines import EVERYONE, GroupDeadline, progress, target_of
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.periods import day_period, week_period
from fieldapp.domain.permissions import ForbiddenError
from fieldapp.services import campaign_targets, difficulties, report_output
from fieldapp.services.reports import UNKNOWN, compute_figures

S, F, R = dm.Step, dm.FactField, dm.FailureReason
JUNE1, JUNE4, JUNE5 = date(2026, 6, 1), date(2026, 6, 4), date(2026, 6, 5)


@pytest.fixture
def hand(uow):
    """The hand-counted commune (test_reports_figures) and five citizens who met obstacles.

    On 5 June, counted by hand (B's failed link is the hand commune's own):
      failed: link / bank not verified 1 (B, Thôn Một); activation / no OTP 2 (K twice,
      Thôn Hai); activation / other 1 (L, Thôn Một)  → 4 attempts of 3 citizens (B, K, L)
      referred: bank account → bank 1 (K, Thôn Hai); level 2 → commune police 1 (L, Thôn Một)
      not counted: M's failure undone by a correction; N's failure on 4 June (in the week).
    Groups: C merit (linked), D and K social pension, Q insurance pensioner (level 2, not
    linked).
    """
    h = hand_commune()
    h.a_citizen("K", "V2")
    h.citizens["K"] = replace(h.citizens["K"], beneficiary_group=dm.BeneficiaryGroup.SOCIAL_PENSION)
    h.a_fact("K", F.EID_LEVEL, "2", JUNE1)
    visit = h.a_visit("K", "P2", local(2026, 6, 5, 8))
    h.an_outcome(visit, S.EID_ACTIVATION, dm.Result.FAILED, reason=R.NO_OTP)
    h.an_outcome(visit, S.EID_ACTIVATION, dm.Result.FAILED, reason=R.NO_OTP)
    sent = h.an_outcome(visit, S.BANK_ACCOUNT, dm.Result.REFERRED)
    h.outcomes[-1] = replace(sent, referred_to=dm.ReferralTarget.BANK)
    h.a_citizen("L", "V1")
    visit = h.a_visit("L", "P1", local(2026, 6, 5, 9))
    sent = h.an_outcome(visit, S.EID_APPLICATION, dm.Result.REFERRED)
    h.outcomes[-1] = replace(sent, referred_to=dm.ReferralTarget.COMMUNE_POLICE)
    h.an_outcome(visit, S.EID_ACTIVATION, dm.Result.FAILED, reason=R.OTHER)
    h.a_citizen("M", "V2")
    visit = h.a_visit("M", "P2", local(2026, 6, 5, 10))
    wrong = h.an_outcome(visit, S.EID_ACTIVATION, dm.Result.FAILED, reason=R.NETWORK_DOWN)
    h.a_correction(wrong, local(2026, 6, 5, 10, 5))
    h.a_citizen("N", "V1")
    visit = h.a_visit("N", "P1", local(2026, 6, 4, 9))
    h.an_outcome(visit, S.EID_ACTIVATION, dm.Result.FAILED, reason=R.NO_SMARTPHONE)
    h.a_citizen("Q", "V1")
    h.a_fact("Q", F.EID_LEVEL, "2", JUNE1)
    h.a_fact("Q", F.BENEFICIARY_GROUP, "insurance_pension", JUNE1)
    h.save(uow())
    return h


def _village(h, name: str) -> str:
    return str(h.villages[name].id)


def test_difficulties_of_a_day_match_the_hand_count(uow, hand):
    found = difficulties.compute_difficulties(uow(), day_period(JUNE5))
    assert dict(found.failed) == {
        ("benefit_link", "bank_not_verified"): 1,
        ("eid_activation", "no_otp"): 2,
        ("eid_activation", "other"): 1,
    }
    assert dict(found.referred) == {
        ("bank_account", "bank"): 1,
        ("eid_application", "commune_police"): 1,
    }
    assert (found.failed_total, found.referred_total, found.citizens) == (4, 2, 3)
    one, two = _village(hand, "V1"), _village(hand, "V2")
    assert dict(found.failed_by_village) == {
        (one, "bank_not_verified"): 1,
        (one, "other"): 1,
        (two, "no_otp"): 2,
    }
    assert dict(found.referred_by_village) == {(one, "commune_police"): 1, (two, "bank"): 1}
    assert found.reasons() == ["no_otp", "bank_not_verified", "other"]  # the picker's order
    assert found.steps() == ["eid_application", "eid_activation", "bank_account", "benefit_link"]
    order = [row.key for row in compute_figures(uow(), day_period(JUNE5)).by_village]
    assert found.villages() == [key for key in order if key in (one, two)]  # as the figures
    assert UNKNOWN not in found.villages()


def test_the_tables_say_the_hand_count(uow, hand):
    from fieldapp.services.report_sections import (
        difficulties_step_table,
        difficulties_village_table,
    )

    found = difficulties.compute_difficulties(uow(), day_period(JUNE5))
    table = difficulties_step_table(found)
    assert [c.header for c in table.columns] == [
        "STT", "Nguyên nhân", "Đăng ký tài khoản ĐDĐT mức 2", "Kích hoạt tài khoản ĐDĐT",
        "Mở tài khoản ngân hàng", "Tích hợp tài khoản an sinh xã hội", "Tổng",
    ]  # fmt: skip
    assert [row[1:] for row in table.rows] == [
        ["Không nhận được mã OTP", 0, 2, 0, 0, 2],
        ["Tài khoản ngân hàng chưa xác thực sinh trắc học", 0, 0, 0, 1, 1],
        ["Lý do khác", 0, 1, 0, 0, 1],
        ["Chuyển đến: Công an xã (đăng ký mức 2)", 1, 0, 0, 0, 1],
        ["Chuyển đến: Ngân hàng", 0, 0, 1, 0, 1],
    ]
    assert table.total[1:] == ["Tổng cộng", 1, 3, 1, 1, 6]
    villages = difficulties_village_table(found)
    by_name = {row[1]: row[2:] for row in villages.rows}
    # columns: no OTP, bank not verified, other, failed, to the police, to the bank
    assert by_name == {"Thôn Hai": [2, 0, 0, 2, 0, 1], "Thôn Một": [0, 1, 1, 2, 1, 0]}
    assert villages.total[2:] == [2, 1, 1, 4, 1, 1]


def test_the_week_adds_the_failure_of_4_june(uow, hand):
    found = difficulties.compute_difficulties(uow(), week_period(JUNE5))
    assert found.failed[("eid_activation", "no_smartphone")] == 1
    assert (found.failed_total, found.citizens) == (5, 4)


def test_a_day_with_no_difficulty_says_so(uow, hand):
    found = difficulties.compute_difficulties(uow(), day_period(date(2026, 6, 3)))
    assert not found.has_data
    document = report_output.build_report(
        uow(), "daily", day=date(2026, 6, 3), actor=police_of(uow)
    )
    text = _flat(_pdf_text(document))
    assert "KHÓ KHĂN, VƯỚNG MẮC, PHÁT SINH" in text
    assert "không có lượt hỗ trợ nào không thành công hoặc phải chuyển nơi khác" in text


def test_the_officers_paragraph_is_kept_for_the_day_as_text(uow, hand):
    police = police_of(uow)
    hostile = '=HYPERLINK("http://x","bấm") Mạng yếu ở Thôn Hai, đề nghị hỗ trợ thiết bị.'
    difficulties.set_difficulties_note(uow(), JUNE5, f"  {hostile}  ", actor=police)
    assert difficulties.difficulties_note(uow(), JUNE5) == hostile
    assert difficulties.difficulties_note(uow(), JUNE4) == ""  # another day's report: none
    with pytest.raises(ValidationError):
        difficulties.set_difficulties_note(uow(), JUNE5, "a\x00b", actor=police)
    volunteer = hand.user
    with pytest.raises(ForbiddenError):
        difficulties.set_difficulties_note(uow(), JUNE5, "x", actor=volunteer)
    assert difficulties.compute_difficulties(uow(), day_period(JUNE5)).note == hostile


def _pdf_text(document) -> str:
    buffer = BytesIO()
    report_output.render(document, "pdf", buffer)
    reader = PdfReader(BytesIO(buffer.getvalue()))
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_report_prints_the_three_sections(uow, hand, tmp_path):
    police = police_of(uow)
    note = "=1+2 Người cao tuổi không nhớ mật khẩu; đề nghị ngân hàng đến tận nhà."
    difficulties.set_difficulties_note(uow(), JUNE5, note, actor=police)
    for by in ("village", "point", "group"):
        document = report_output.build_report(uow(), "daily", day=JUNE5, by=by, actor=police)
        headings = [s.heading for s in document.sections]
        assert any("CÔNG DÂN ĐỦ ĐIỀU KIỆN" in h for h in headings), by
        assert any("CHỈ TIÊU, THỜI HẠN THEO NHÓM" in h for h in headings), by
        assert any("KHÓ KHĂN, VƯỚNG MẮC" in h for h in headings), by
    # by village: I-IV are the figures, then V, VI, VII
    document = report_output.build_report(uow(), "daily", day=JUNE5, actor=police)
    text = _flat(_pdf_text(document))
    assert "V. CÔNG DÂN ĐỦ ĐIỀU KIỆN TÍCH HỢP TÀI KHOẢN AN SINH XÃ HỘI" in text
    assert "VI. CHỈ TIÊU, THỜI HẠN THEO NHÓM ĐỐI TƯỢNG" in text
    assert "VII. KHÓ KHĂN, VƯỚNG MẮC, PHÁT SINH" in text
    assert (
        "4 lượt thực hiện không thành công và 2 lượt phải chuyển nơi khác giải quyết, "
        "của 3 công dân" in text
    )
    assert "Không nhận được mã OTP" in text
    assert "Người cao tuổi không nhớ mật khẩu" in text

    out = tmp_path / "bc.xlsx"
    report_output.save(document, "xlsx", out)
    sheet = load_workbook(out).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    typed = [c for c in cells if c.value == note]
    assert typed and all(c.data_type == "s" for c in typed)  # text, never a formula
    values = [c.value for c in cells]
    assert "Tổng lượt không thành công" in values
    assert "Chuyển đến: Ngân hàng" in values


def test_an_agencys_report_carries_its_own_groups_difficulties(uow, hand):
    police = police_of(uow)
    health = report_output.build_report(uow(), "daily", day=JUNE5, agency="health", actor=police)
    text = _flat(_pdf_text(health))  # K (social pension): twice no OTP, once sent to the bank
    assert "KHÓ KHĂN, VƯỚNG MẮC, PHÁT SINH" in text
    assert (
        "2 lượt thực hiện không thành công và 1 lượt phải chuyển nơi khác giải quyết, "
        "của 1 công dân" in text
    )
    merit = report_output.build_report(
        uow(), "daily", day=JUNE5, agency="home_affairs", actor=police
    )
    assert "không có lượt hỗ trợ nào không thành công" in _flat(_pdf_text(merit))  # C: none


def test_an_empty_period_still_says_there_were_no_difficulties(uow, hand):
    may1 = date(2026, 5, 1)
    document = report_output.build_report(uow(), "daily", day=may1, actor=police_of(uow))
    assert not document.has_data
    text = _flat(_pdf_text(document))
    assert "không có lượt hỗ trợ nào không thành công" in text


# Deadlines per group ----------------------------------------------------------------------------
def test_the_pace_needed_by_a_deadline():
    merit = GroupDeadline("merit", date(2026, 6, 15), 100, JUNE1)  # 14 days
    half_time = date(2026, 6, 8)  # 7 of 14 days gone
    assert not progress(merit, 10, 5, half_time).behind  # 50% done at 50% of the time
    assert progress(merit, 10, 4, half_time).behind
    late = progress(merit, 10, 9, date(2026, 6, 16))
    assert late.behind and late.days_left == -1 and late.needed_per_day is None
    done = progress(merit, 10, 10, date(2026, 6, 16))
    assert not done.behind and done.reached == 100.0
    assert progress(merit, 10, 0, half_time).needed_per_day == pytest.approx(10 / 8)
    assert target_of(3, 100) == 3 and target_of(3, 50) == 2  # rounded up
    assert not progress(merit, 0, 0, half_time).behind  # nobody in the group


def test_group_deadlines_match_the_hand_count(uow, hand):
    figures = compute_figures(uow(), day_period(JUNE5))
    rows = campaign_targets.deadline_progress(
        figures, campaign_targets.group_deadlines(uow()), JUNE5
    )
    by_group = {p.deadline.group: p for p in rows}
    # defaults from the seeds: pensioners 07/6, merit and the others 15/6, everyone 15/7
    assert by_group["insurance_pension"].deadline.deadline == date(2026, 6, 7)
    assert by_group["merit"].deadline.deadline == date(2026, 6, 15)
    assert by_group[EVERYONE].deadline.deadline == date(2026, 7, 15)
    pension = by_group["insurance_pension"]  # Q: 0 of 1, 2 days left, 4 of 6 days gone
    assert (pension.members, pension.target, pension.done, pension.days_left) == (1, 1, 0, 2)
    assert pension.behind
    merit = by_group["merit"]  # C linked on a list
    assert (merit.target, merit.done, merit.behind) == (1, 1, False)
    social = by_group["social_pension"]  # D, K: 0 of 2, 4 of 14 days gone
    assert (social.target, social.done, social.days_left, social.behind) == (2, 0, 10, True)
    everyone = by_group[EVERYONE]  # level 2: A B C D E G K Q = 8, linked A C = 2; 4/44 days
    assert (everyone.target, everyone.done, everyone.days_left) == (8, 2, 40)
    assert not everyone.behind
    assert by_group["education"].target == 0 and not by_group["education"].behind


def test_a_group_deadline_is_set_per_campaign(uow, hand):
    police = police_of(uow)
    campaign_targets.set_group_deadline(uow(), "merit", date(2026, 6, 30), percent=50, actor=police)
    chosen = {d.group: d for d in campaign_targets.group_deadlines(uow())}
    assert (chosen["merit"].deadline, chosen["merit"].percent) == (date(2026, 6, 30), 50)
    assert chosen["insurance_pension"].deadline == date(2026, 6, 7)  # the others unchanged
    with pytest.raises(ValidationError):
        campaign_targets.set_group_deadline(uow(), "nobody", date(2026, 6, 30), actor=police)
    with pytest.raises(ValidationError):
        campaign_targets.set_group_deadline(uow(), "merit", date(2026, 5, 1), actor=police)
    with pytest.raises(ForbiddenError):
        campaign_targets.set_group_deadline(uow(), "merit", date(2026, 6, 30), actor=hand.user)


def test_the_dashboard_carries_deadlines_and_difficulties(uow, hand):
    board = report_output.dashboard(uow(), actor=police_of(uow), today=JUNE5)
    assert {p.deadline.group for p in board.deadlines} >= {"merit", EVERYONE}
    assert board.difficulties is not None and board.difficulties.failed_total >= 4


def test_the_final_report_has_them_as_parts_of_its_results(uow, hand):
    police = police_of(uow)
    document = report_output.build_report(uow(), "final", day=JUNE5, actor=police)
    headings = [s.heading for s in document.sections]
    shortcomings = headings.index("II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN")
    start = headings.index("6. Phân loại chi trả theo nhóm đối tượng") + 1
    mine = headings[start:shortcomings]
    assert mine == [
        "7. Công dân đủ điều kiện tích hợp tài khoản an sinh xã hội",
        "8. Chỉ tiêu, thời hạn theo nhóm đối tượng",
        "9. Khó khăn, vướng mắc, phát sinh",
        "Khó khăn theo thôn (số lượt)",
    ]
    assert headings[-3:] == [
        "II. TỒN TẠI, HẠN CHẾ VÀ NGUYÊN NHÂN",
        "III. BÀI HỌC KINH NGHIỆM",
        "IV. ĐỀ XUẤT, KIẾN NGHỊ",
    ]

"""Issue 18 item 6: the daily report covers deadline to deadline, the weekly ends on its day.

Hand-counted on `agency_commune()` (deadline 14:00), then checked against the plain fold of
every citizen at the two moments, for several days and deadlines.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from actors import police_of
from agency_builders import agency_commune
from reports_builders import local

from fieldapp.domain import model as dm
from fieldapp.domain.periods import day_period
from fieldapp.domain.status import fold_status
from fieldapp.services import report_output
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.report_timelines import marks_of
from fieldapp.services.report_window import daily_window_figures
from fieldapp.services.reports import compute_figures
from fieldapp.store.beneficiary_queries import as_utc

JUNE5, JUNE6 = date(2026, 6, 5), date(2026, 6, 6)


@pytest.fixture
def hand(uow):
    data = agency_commune()
    data.save(uow())
    return data


def test_the_14_00_window_counted_by_hand(uow, hand):
    calendar = compute_figures(uow(), day_period(JUNE5))
    figures, window = daily_window_figures(uow(), JUNE5, time(14))
    assert window.starts_at == datetime(2026, 6, 4, 14, tzinfo=LOCAL_TZ)
    new, cum = figures.total.new, figures.total.cumulative
    # E activated at 23:30 on 4 June: after yesterday's deadline, so in today's report
    assert (calendar.total.new.activated, new.activated) == (2, 3)  # A, C (+ E)
    # K's MB account at 15:00 on 5 June: after today's deadline, so not in it
    assert calendar.total.new.opened_by_bank == Counter({"MB": 2, "LPBank": 1})
    assert new.opened_by_bank == Counter({"MB": 1, "LPBank": 1})
    assert cum.opened_by_bank == Counter({"MB": 1, "LPBank": 1})
    # visited: A, B, D, E (G at 14:00 and K at 15:00 are after the deadline)
    assert (calendar.total.new.visited, new.visited) == (5, 4)
    assert (calendar.visits_in_period, figures.visits_in_period) == (6, 5)
    villages = {r.name: r for r in figures.by_village}
    assert villages["Thôn Hai"].new.activated == 1  # E
    assert villages["Thôn Một"].new.opened == 1  # A's MB only
    points = {r.name: r for r in figures.by_point}
    assert points["Điểm Thôn Hai"].new.visited == 3  # B, D, E
    assert figures.has_data


def test_the_next_day_takes_what_came_after_the_deadline(uow, hand):
    figures, _ = daily_window_figures(uow(), JUNE6, time(14))
    new = figures.total.new
    assert new.opened_by_bank == Counter({"MB": 1})  # K at 15:00 on 5 June
    assert new.activated == 1  # F at 00:10 on 6 June
    assert new.visited == 3  # G (14:00, the start is included), K, F
    assert figures.total.cumulative.opened_by_bank == Counter({"MB": 2, "LPBank": 1})


def test_a_window_with_nothing_says_so(uow, hand, tmp_path):
    figures, _ = daily_window_figures(uow(), date(2026, 6, 20), time(14))
    assert not figures.has_data
    document = report_output.build_report(
        uow(), "daily", day=date(2026, 6, 20), actor=police_of(uow)
    )
    assert not document.has_data
    assert "Từ 14:00 ngày 19/6/2026 đến 14:00 ngày 20/6/2026" in document.sections[0].paragraphs[0]


def test_a_window_whose_only_events_come_before_the_deadline_is_not_empty(uow):
    """Events between midnight and the deadline are in both the calendar day and the window.

    They used to leave the window's "has data" unset, so the report printed "Không có dữ
    liệu trong kỳ báo cáo" above tables that counted them.
    """
    data = agency_commune()
    june20 = date(2026, 6, 20)
    data.an_outcome(data.a_visit("B", "P1", local(2026, 6, 20, 9)), dm.Step.BANK_ACCOUNT, bank="MB")
    data.save(uow())
    figures, _ = daily_window_figures(uow(), june20, time(14))
    assert figures.total.new.opened_by_bank == Counter({"MB": 1})
    assert figures.total.new.visited == 1
    assert figures.has_data
    document = report_output.build_report(uow(), "daily", day=june20, actor=police_of(uow))
    assert document.has_data
    text = "\n".join(p for section in document.sections for p in section.paragraphs)
    assert "Không có dữ liệu trong kỳ báo cáo" not in text


def _at(citizen, outcomes, facts, moment, fact_day):
    """The plain fold of what was known at a moment."""
    keep = [o for o in outcomes if as_utc(o.recorded_at) < moment]
    return marks_of(fold_status(citizen, keep, [f for f in facts if f.as_of <= fact_day]))


@pytest.mark.parametrize("deadline", [time(14), time(16), time(8, 30), time(0)])
@pytest.mark.parametrize("day", [date(2026, 6, 3), JUNE5, JUNE6])
def test_the_window_equals_the_plain_fold_at_its_two_moments(uow, hand, deadline, day):
    figures, window = daily_window_figures(uow(), day, deadline)
    expected_new: Counter[str] = Counter()
    expected_cum: Counter[str] = Counter()
    visited = visits = 0
    last_fact_day = day
    for citizen in hand.citizens.values():
        pid = citizen.personal_id
        outcomes = [o for o in hand.outcomes if o.personal_id == pid]
        facts = [f for f in hand.facts if f.personal_id == pid]
        before = _at(citizen, outcomes, facts, window.starts_at, day - timedelta(days=1))
        after = _at(citizen, outcomes, facts, window.ends_at, last_fact_day)
        for name in ("level2", "activated", "linked", "link_approved"):
            expected_cum[name] += getattr(after, name)
            expected_new[name] += getattr(after, name) and not getattr(before, name)
        expected_cum["opened"] += after.opened_at_bank is not None
        expected_new["opened"] += after.opened_at_bank is not None and before.opened_at_bank is None
        mine = [v for v in hand.visits if v.personal_id == pid and window.contains(v.occurred_at)]
        visits += len(mine)
        visited += bool(mine)
    new, cum = figures.total.new, figures.total.cumulative
    for name in ("level2", "activated", "linked", "link_approved"):
        assert getattr(new, name) == expected_new[name], name
        assert getattr(cum, name) == expected_cum[name], name
    assert (new.opened, cum.opened) == (expected_new["opened"], expected_cum["opened"])
    assert (new.visited, figures.visits_in_period) == (visited, visits)
    assert sum(r.cumulative.citizens for r in figures.by_village) == len(hand.citizens)
    assert sum(r.new.visited for r in figures.by_point) == visited


def test_the_daily_report_says_its_window(uow, hand):
    police = police_of(uow)
    document = report_output.build_report(uow(), "daily", day=JUNE5, actor=police)
    assert document.period_text == "Từ 14:00 ngày 04/6/2026 đến 14:00 ngày 05/6/2026"


def test_the_weekly_report_is_dated_its_last_day(uow, hand):
    police = police_of(uow)
    document = report_output.build_report(uow(), "weekly", day=JUNE5, actor=police)
    assert document.period_text == "Tuần từ 30/5/2026 đến 05/6/2026"
    assert document.place_date.endswith("ngày 05 tháng 6 năm 2026")


def test_a_daily_report_without_a_date_is_the_one_in_progress():
    from fieldapp.domain.report_windows import report_day_at

    before = datetime(2026, 6, 5, 15, 59, tzinfo=LOCAL_TZ)
    after = datetime(2026, 6, 5, 16, 0, tzinfo=LOCAL_TZ)
    assert report_day_at(before, time(16)) == JUNE5
    assert report_day_at(after, time(16)) == JUNE6  # what is recorded now goes in tomorrow's
    assert report_day_at(after, time(0)) == JUNE5  # 00:00: the calendar day

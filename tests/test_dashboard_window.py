"""Issue 18 item 6 on the dashboard: its "+N" figures are the daily report's, deadline to
deadline, not the calendar day's.

Counted by hand on the hand commune (deadline 14:00), for 5 June: the window runs from
4 June 14:00 to 5 June 14:00.
  level 2    E (its activation at 23:30 on 4 June proves it; the others were listed 1 June) → 1
  activated  A (08:00 on 5 June), E (23:30 on 4 June), C (linked on a list dated 5 June: a
             link proves the activation)                → 3 (the calendar day of 5 June: A, C)
  linked     A (submitted 08:00), C (a list dated 5 June)        → 2; of which approved C → 1
  opened     A (MB, 08:00), D (LPBank, 09:00)                     → 2
G's link (14:00, undone at 15:00) falls on the deadline: not in. On the real 5 June at
15:00, the report in progress is 6 June's: from 5 June 14:00, only F (activated at 00:10 on
6 June, which proves level 2) counts.
"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from actors import police_of
from reports_builders import hand_commune

from fieldapp.services import report_output
from fieldapp.services.clock import LOCAL_TZ

JUNE5 = date(2026, 6, 5)


@pytest.fixture
def hand(uow):
    h = hand_commune()
    h.save(uow())
    return h


def test_the_dashboards_today_is_the_daily_reports_window(uow, hand):
    board = report_output.dashboard(uow(), today=JUNE5, actor=police_of(uow))
    assert board.new_today == {
        "level2": 1,
        "activated": 3,
        "linked": 2,
        "link_approved": 1,
        "opened": 2,
    }
    assert report_output.since_text(board) == "từ 14:00 ngày 04/6/2026"
    assert board.figures.trend[-1].activated - board.figures.trend[-2].activated == 2  # calendar


def test_after_the_deadline_it_is_the_report_in_progress(uow, hand, monkeypatch):
    monkeypatch.setattr(report_output, "local_today", lambda: JUNE5)
    monkeypatch.setattr(
        report_output, "utc_now", lambda: datetime(2026, 6, 5, 15, 0, tzinfo=LOCAL_TZ)
    )
    board = report_output.dashboard(uow(), actor=police_of(uow))
    assert board.new_today == {
        "level2": 1,
        "activated": 1,
        "linked": 0,
        "link_approved": 0,
        "opened": 0,
    }
    assert report_output.since_text(board) == "từ 14:00 ngày 05/6/2026"

"""The deadline window's figures equal the plain fold at its two moments, table by table.

`daily_window_figures` takes the calendar day's figures and corrects only the citizens with
an event between a deadline and midnight, reading what it can from the projection and
folding only those whose events fall on both sides of a deadline on one day. Here every
citizen of a generated commune (events at every hour, corrections, later facts, payment
records, a citizen who moved) is folded from scratch at the window's start and end instead,
and every row of every table (villages, points, groups, total) must be equal, for every day
of the campaign and three deadlines.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, time, timedelta

import pytest
from reports_reference import read_events
from test_reports_projection import START, enrich, generated  # noqa: F401 (a fixture)

from fieldapp.domain.report_windows import daily_window
from fieldapp.domain.status import fold_status
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.report_timelines import marks_of
from fieldapp.services.report_window import daily_window_figures
from fieldapp.services.reports import UNKNOWN, Tally
from fieldapp.store.beneficiary_queries import as_utc

pytestmark = pytest.mark.postgres

DAYS = [START + timedelta(days=d) for d in range(0, 21, 2)]


def _at(events, citizen, moment, fact_day):
    pid = citizen.personal_id
    outcomes = [
        o for o in events.outcomes if o.personal_id == pid and as_utc(o.recorded_at) < moment
    ]
    facts = [f for f in events.facts if f.personal_id == pid and f.as_of <= fact_day]
    paid = [p for p in events.payments if p.personal_id == pid and as_utc(p.recorded_at) < moment]
    return marks_of(fold_status(citizen, outcomes, facts, paid))


def _folded(events, day: date, deadline: time) -> tuple[dict, int]:
    """Every table's rows, each citizen folded at the window's two moments."""
    window = daily_window(day, deadline, LOCAL_TZ)
    rows: dict[tuple[str, str], list[Tally]] = defaultdict(lambda: [Tally(), Tally()])
    visits = 0
    for citizen in events.citizens:
        pid = citizen.personal_id
        before = _at(events, citizen, window.starts_at, day - timedelta(days=1))
        after = _at(events, citizen, window.ends_at, day)
        mine = sorted(
            (as_utc(v.occurred_at), str(v.support_point_id))
            for v in events.visits
            if v.personal_id == pid and as_utc(v.occurred_at) < window.ends_at
        )
        inside = [v for v in mine if v[0] >= window.starts_at]
        visits += len(inside)
        point = max(mine)[1] if mine else UNKNOWN
        village = str(citizen.village_id) if citizen.village_id else UNKNOWN
        keys = [("village", village), ("point", point), ("total", "total")]
        if after.group is not None:
            keys.append(("group", after.group.value))
        for key in keys:
            cumulative, new = rows[key]
            cumulative.add(after)
            new.add_new(before, after)
            new.visited += bool(inside)
    return dict(rows), visits


def _shown(figures) -> dict[tuple[str, str], list[Tally]]:
    rows = {("total", "total"): [figures.total.cumulative, figures.total.new]}
    for table in ("village", "point", "group"):
        for row in figures.rows(table):
            if row.cumulative != Tally() or row.new != Tally():
                rows[(table, row.key)] = [row.cumulative, row.new]
    return rows


@pytest.mark.parametrize("deadline", [time(14), time(16), time(20, 30)])
def test_every_row_equals_the_plain_fold_at_the_two_moments(generated, uow, deadline):  # noqa: F811
    enrich(uow, generated)
    events = read_events(uow)
    corrected = 0
    for day in DAYS:
        figures, _ = daily_window_figures(uow(), day, deadline)
        expected, visits = _folded(events, day, deadline)
        assert _shown(figures) == expected, (day, deadline)
        assert figures.visits_in_period == visits
        corrected += expected[("total", "total")][1].visited
    assert corrected > 50  # the windows are not empty

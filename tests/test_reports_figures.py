"""Figures against a hand-counted commune, against the plain fold, and at day boundaries."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from reports_builders import hand_commune

from fieldapp.domain import model as dm
from fieldapp.domain.periods import Period, ReportKind, day_period, week_period
from fieldapp.domain.status import fold_status
from fieldapp.services import reports
from fieldapp.services.reports import UNKNOWN, compute_figures, marks_of
from fieldapp.store.report_queries import load_report_rows

JUNE5 = date(2026, 6, 5)


@pytest.fixture
def hand(uow):
    data = hand_commune()
    data.save(uow())
    return data


def _by_name(rows):
    return {row.name: row for row in rows}


def test_daily_figures_match_the_hand_count(uow, hand):
    figures = compute_figures(uow(), day_period(JUNE5))
    total = figures.total
    cum, new = total.cumulative, total.new

    assert figures.has_data
    assert (cum.citizens, cum.level2, cum.activated) == (7, 6, 4)
    assert (cum.link_waiting, cum.link_approved, cum.linked) == (1, 1, 2)
    assert cum.bank_account == 3
    assert cum.opened_by_bank == Counter({"MB": 1, "LPBank": 1})
    assert cum.key_indicator == pytest.approx(100 * 2 / 6)

    assert (new.level2, new.activated, new.linked, new.link_approved, new.link_waiting) == (
        0,
        2,
        2,
        1,
        1,
    )
    assert new.opened_by_bank == Counter({"MB": 1, "LPBank": 1})
    assert new.visited == 4  # A, B, D, G (D twice, counted once)
    assert figures.visits_in_period == 5

    villages = _by_name(figures.by_village)
    one, two = villages["Thôn Một"], villages["Thôn Hai"]
    assert (one.cumulative.citizens, one.cumulative.level2, one.cumulative.linked) == (3, 3, 2)
    assert (two.cumulative.citizens, two.cumulative.level2, two.cumulative.activated) == (4, 3, 1)
    assert two.cumulative.linked == 0
    assert one.target == 3 and two.target == 3  # default: everyone with a level-2 account

    points = {row.key: row for row in figures.by_point}
    p1, p2 = hand.points["P1"], hand.points["P2"]
    assert points[str(p1.id)].cumulative.citizens == 1  # A
    assert points[str(p2.id)].cumulative.citizens == 4  # B (last seen at P2), D, E, G
    assert points[UNKNOWN].cumulative.citizens == 2  # C (lists only), F (visited later)

    groups = {row.key: row.cumulative for row in figures.by_group}
    assert groups["merit"].payment == Counter({"paid_to_account": 1})
    assert groups["social_pension"].payment == Counter({"has_account_not_paid": 1})
    assert sum(sum(g.payment.values()) for g in groups.values()) == 2


def test_totals_are_the_sum_of_villages_and_of_points(uow, hand):
    figures = compute_figures(uow(), week_period(JUNE5))
    for by in ("village", "point"):
        rows = figures.rows(by)
        for name in ("citizens", "level2", "activated", "linked", "bank_account"):
            assert sum(getattr(r.cumulative, name) for r in rows) == getattr(
                figures.total.cumulative, name
            )
            assert sum(getattr(r.new, name) for r in rows) == getattr(figures.total.new, name)


def test_day_boundaries_follow_local_time(uow, hand):
    june4 = compute_figures(uow(), day_period(date(2026, 6, 4))).total.new
    june5 = compute_figures(uow(), day_period(JUNE5)).total.new
    june6 = compute_figures(uow(), day_period(date(2026, 6, 6))).total.new
    assert june4.activated == 1  # E at 23:30 local on 4 June
    assert june5.activated == 2  # A and C, not E, not F
    assert june6.activated == 1  # F at 00:10 local on 6 June


def test_trend_ends_at_the_cumulative_figures(uow, hand):
    period = Period(ReportKind.WAVE, date(2026, 6, 1), date(2026, 6, 7))
    figures = compute_figures(uow(), period)
    assert [p.day for p in figures.trend] == period.days
    by_day = {p.day: p for p in figures.trend}
    assert by_day[date(2026, 6, 2)].activated == 0
    assert by_day[date(2026, 6, 3)].activated == 1  # B
    assert by_day[date(2026, 6, 4)].activated == 2  # + E
    assert by_day[date(2026, 6, 5)].activated == 4  # + A, C
    assert by_day[date(2026, 6, 6)].activated == 5  # + F
    assert figures.trend[-1].linked == figures.total.cumulative.linked == 2


def test_an_empty_period_has_no_data(uow, hand):
    figures = compute_figures(uow(), day_period(date(2026, 7, 1)))
    assert not figures.has_data
    assert figures.total.cumulative.linked == 2  # the past still counts, cumulatively


def _plain_marks(data, until_day):
    """Each citizen's marks from fold_status over everything up to the end of a local day."""
    end = reports.utc_bounds([until_day])[-1]
    outcomes, facts = {}, {}
    for o in data.outcomes:
        if o.recorded_at < end:
            outcomes.setdefault(o.personal_id, []).append(o)
    for f in data.facts:
        if f.as_of <= until_day:
            facts.setdefault(f.personal_id, []).append(f)
    return {
        c.personal_id: marks_of(
            fold_status(c, outcomes.get(c.personal_id, []), facts.get(c.personal_id, []))
        )
        for c in data.citizens
    }


@pytest.mark.parametrize("day", [date(2026, 5, 19), date(2026, 5, 27), date(2026, 6, 8)])
def test_figures_equal_the_plain_fold_on_a_generated_commune(uow, small_commune, day):
    data = small_commune
    figures = compute_figures(uow(), day_period(day))
    after = _plain_marks(data, day)
    before = _plain_marks(data, day - timedelta(days=1))
    village_of = {c.personal_id: str(c.village_id) for c in data.citizens}
    rows = {r.key: r for r in figures.by_village}
    for name in ("level2", "activated", "link_waiting", "link_approved", "linked", "bank_account"):
        expected = Counter(village_of[p] for p, m in after.items() if getattr(m, name))
        got = {
            k: getattr(r.cumulative, name) for k, r in rows.items() if getattr(r.cumulative, name)
        }
        assert got == dict(expected), name
        new = sum(1 for p in after if getattr(after[p], name) and not getattr(before[p], name))
        assert figures.total.new.__getattribute__(name) == new, name
    opened = Counter(m.opened_at_bank for m in after.values() if m.opened_at_bank)
    assert figures.total.cumulative.opened_by_bank == opened
    payments = Counter((m.group, m.payment) for m in after.values() if m.group is not None)
    got_payments = Counter()
    for row in figures.by_group:
        for name, n in row.cumulative.payment.items():
            got_payments[(dm.BeneficiaryGroup(row.key), name)] += n
    assert got_payments == payments


def test_trend_equals_the_plain_fold_day_by_day(uow, small_commune):
    period = Period(ReportKind.WAVE, date(2026, 5, 18), date(2026, 6, 10))
    figures = compute_figures(uow(), period)
    for point in figures.trend[::4]:
        marks = _plain_marks(small_commune, point.day)
        assert point.linked == sum(m.linked for m in marks.values())
        assert point.activated == sum(m.activated for m in marks.values())
        assert point.level2 == sum(m.level2 for m in marks.values())


def test_loader_gives_the_same_events_as_the_repository(uow, small_commune):
    with uow() as u:
        rows = load_report_rows(
            u.repo.session, reports.utc_bounds([date(2026, 7, 1)])[-1], date(2026, 7, 1)
        )
        some = [c.personal_id for c in small_commune.citizens[:40]]
        for pid in some:
            assert sorted(rows.outcomes_of(pid), key=lambda o: o.id) == sorted(
                u.repo.outcomes_for(pid), key=lambda o: o.id
            )
            assert sorted(rows.facts_of(pid), key=lambda f: f.id) == sorted(
                u.repo.facts_for(pid), key=lambda f: f.id
            )

"""Issue 18's per-day figures for the province summary: eligible, failure reasons, home visits.

Counted by hand on the hand commune (deadline 14:00) with a few citizens either side of the
deadline, both ways a day can be read: the daily report's window (4 June 14:00 to 5 June
14:00) and the local day of 5 June.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from reports_builders import hand_commune, local

from fieldapp.domain import model as dm
from fieldapp.services import day_figures
from fieldapp.services.reports import UNKNOWN

S, F, R = dm.Step, dm.FactField, dm.FailureReason
JUNE1, JUNE5, JUNE6 = date(2026, 6, 1), date(2026, 6, 5), date(2026, 6, 6)
HOME = dm.VisitPlace.HOME


@pytest.fixture
def hand(uow):
    """The hand commune (A..G) and, around the 14:00 deadline:

    H (Thôn Hai): level 2 and a smartphone from the lists, LPBank account at 15:00 on 5 June
      → eligible at the end of 5 June, not yet at 14:00 (A and C are, in Thôn Một).
    K (Thôn Hai): activation failed, no OTP, at 15:00 on 4 June → in 5 June's window only.
    L (Thôn Một): activation failed, network down, and bank account referred to the bank at
      15:30 on 5 June → in the calendar day only (6 June's window).
    M (Thôn Hai, social pension): two home visits by P2 at 10:00 and 11:00 on 5 June.
    N (Thôn Một): a home visit by P1 at 15:00 on 4 June → 5 June's window only.
    O (Thôn Một): a home visit by P1 at 16:00 on 5 June → the calendar day only.
    """
    h = hand_commune()
    h.a_citizen("H", "V2")
    h.a_fact("H", F.EID_LEVEL, "2", JUNE1)
    h.a_fact("H", F.HAS_SMARTPHONE, "có", JUNE1)
    h.an_outcome(h.a_visit("H", "P2", local(2026, 6, 5, 15)), S.BANK_ACCOUNT, bank="LPBank")
    h.a_citizen("K", "V2")
    visit = h.a_visit("K", "P2", local(2026, 6, 4, 15))
    h.an_outcome(visit, S.EID_ACTIVATION, dm.Result.FAILED, reason=R.NO_OTP)
    h.a_citizen("L", "V1")
    visit = h.a_visit("L", "P1", local(2026, 6, 5, 15, 30))
    h.an_outcome(visit, S.EID_ACTIVATION, dm.Result.FAILED, reason=R.NETWORK_DOWN)
    h.an_outcome(visit, S.BANK_ACCOUNT, dm.Result.REFERRED)
    h.a_citizen("M", "V2")
    h.citizens["M"] = replace(h.citizens["M"], beneficiary_group=dm.BeneficiaryGroup.SOCIAL_PENSION)
    for key, point, at in (
        ("M", "P2", local(2026, 6, 5, 10)),
        ("M", "P2", local(2026, 6, 5, 11)),
        ("N", "P1", local(2026, 6, 4, 15)),
        ("O", "P1", local(2026, 6, 5, 16)),
    ):
        if key not in h.citizens:
            h.a_citizen(key, "V1")
        visit = h.a_visit(key, point, at)
        h.visits[-1] = replace(visit, place=HOME)
    h.save(uow())
    return h


def _v(h, name: str) -> str:
    return str(h.villages[name].id)


def _p(h, name: str) -> str:
    return str(h.points[name].id)


def test_the_eligible_at_the_deadline_and_at_the_end_of_the_day(uow, hand):
    window = day_figures.eligible_on(uow(), JUNE5)
    assert (window.window.starts_at, window.window.ends_at) == (
        local(2026, 6, 4, 14),
        local(2026, 6, 5, 14),
    )
    assert window.commune == 2  # A, C; H's account came at 15:00
    assert window.by_village == {_v(hand, "V1"): 2}
    assert window.by_point == {_p(hand, "P1"): 1, UNKNOWN: 1}  # A visited at P1; C never
    assert window.by_group == {"merit": 1}  # C
    day = day_figures.eligible_on(uow(), JUNE5, calendar_day=True)
    assert day.commune == 3
    assert day.by_village == {_v(hand, "V1"): 2, _v(hand, "V2"): 1}
    assert day.by_point == {_p(hand, "P1"): 1, _p(hand, "P2"): 1, UNKNOWN: 1}
    assert day_figures.eligible_on(uow(), JUNE6).commune == 3  # H by 6 June's deadline


def test_failure_reasons_counted_over_the_window_and_the_day(uow, hand):
    window = day_figures.failure_reasons_on(uow(), JUNE5)
    assert dict(window.commune) == {"bank_not_verified": 1, "no_otp": 1}  # B, K
    assert {k: dict(v) for k, v in window.by_village.items()} == {
        _v(hand, "V1"): {"bank_not_verified": 1},
        _v(hand, "V2"): {"no_otp": 1},
    }
    assert window.referred == 0
    day = day_figures.failure_reasons_on(uow(), JUNE5, calendar_day=True)
    assert dict(day.commune) == {"bank_not_verified": 1, "network_down": 1}  # B, L
    assert day.referred == 1  # L's account, to the bank
    after = day_figures.failure_reasons_on(uow(), JUNE6)
    assert dict(after.commune) == {"network_down": 1}
    assert after.referred == 1


def test_home_visits_counted_by_village_point_and_group(uow, hand):
    window = day_figures.home_visits_on(uow(), JUNE5)
    assert (window.visits.commune, window.people.commune) == (3, 2)  # M twice, N
    assert window.visits.by_village == {_v(hand, "V2"): 2, _v(hand, "V1"): 1}
    assert window.people.by_village == {_v(hand, "V2"): 1, _v(hand, "V1"): 1}
    assert window.visits.by_point == {_p(hand, "P2"): 2, _p(hand, "P1"): 1}
    assert window.visits.by_group == {"social_pension": 2}
    assert window.people.by_group == {"social_pension": 1}
    day = day_figures.home_visits_on(uow(), JUNE5, calendar_day=True)
    assert (day.visits.commune, day.people.commune) == (3, 2)  # M twice, O
    assert day.visits.by_village == {_v(hand, "V2"): 2, _v(hand, "V1"): 1}
    assert day_figures.home_visits_on(uow(), date(2026, 6, 7)).visits.commune == 0

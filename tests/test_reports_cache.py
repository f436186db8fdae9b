"""The report projection: derived from the fold, refreshed when a citizen's events change."""

from __future__ import annotations

import uuid
from datetime import date

from reports_builders import hand_commune, local
from sqlalchemy import delete, func, select

from fieldapp.domain import model as dm
from fieldapp.domain.periods import Period, ReportKind, day_period
from fieldapp.services.reports import compute_figures
from fieldapp.store import status_projection
from fieldapp.store import tables as t

JUNE5 = date(2026, 6, 5)


def _snapshot(figures):
    return (
        [(r.key, r.target, vars(r.cumulative), vars(r.new)) for r in figures.by_village],
        [(r.key, vars(r.cumulative), vars(r.new)) for r in figures.by_point],
        [(r.key, vars(r.cumulative)) for r in figures.by_group],
        figures.trend,
        figures.has_data,
    )


def _citizens_in_projection(uow) -> int:
    with uow() as u:
        return u.repo.session.execute(
            select(func.count(func.distinct(t.CitizenStatusSpan.personal_id)))
        ).scalar_one()


def test_projected_figures_equal_rebuilt_ones(uow, small_commune):
    period = Period(ReportKind.WAVE, date(2026, 5, 18), date(2026, 6, 10))
    first = _snapshot(compute_figures(uow(), period))
    assert _citizens_in_projection(uow) == len(small_commune.citizens)
    again = _snapshot(compute_figures(uow(), period))
    assert again == first
    with uow() as u:
        u.repo.session.execute(delete(t.CitizenStatusSpan))
        status_projection.mark_stale(u.repo.session)
        u.commit()
    assert _snapshot(compute_figures(uow(), period)) == first


def test_a_new_event_refreshes_that_citizen(uow):
    hand = hand_commune()
    hand.save(uow())
    before = compute_figures(uow(), day_period(JUNE5)).total.cumulative
    assert before.link_approved == 1
    # E's link is approved on 5 June at P2: a new event, so E's cached timeline is stale.
    citizen = hand.citizens["E"]
    visit = dm.Visit(
        uuid.uuid4(),
        citizen.personal_id,
        local(2026, 6, 5, 16),
        hand.points["P2"].id,
        hand.user.id,
    )
    outcome = dm.Outcome(
        uuid.uuid4(),
        visit.id,
        citizen.personal_id,
        dm.Step.BENEFIT_LINK,
        dm.Result.DONE,
        visit.occurred_at,
        hand.user.id,
    )
    with uow() as u:
        u.repo.add_visit(visit)
        u.repo.session.flush()
        u.repo.add_outcome(outcome)
        u.commit()
    after = compute_figures(uow(), day_period(JUNE5)).total.cumulative
    assert after.link_approved == 2
    assert after.linked == before.linked + 1


def test_a_new_list_fact_refreshes_that_citizen(uow):
    hand = hand_commune()
    hand.save(uow())
    assert compute_figures(uow(), day_period(JUNE5)).total.cumulative.level2 == 6
    fact = dm.OfficialFact(
        uuid.uuid4(),
        hand.citizens["F"].personal_id,
        dm.FactField.EID_LEVEL,
        "2",
        "list",
        "later.xlsx",
        date(2026, 6, 2),
    )
    with uow() as u:
        u.repo.add_fact(fact)
        u.commit()
    assert compute_figures(uow(), day_period(JUNE5)).total.cumulative.level2 == 7


def test_a_new_visit_or_an_edited_citizen_refreshes_the_cache(uow):
    from dataclasses import replace

    hand = hand_commune()
    hand.save(uow())
    figures = compute_figures(uow(), day_period(JUNE5))
    p1 = str(hand.points["P1"].id)
    assert {r.key: r.cumulative.citizens for r in figures.by_point}[p1] == 1
    citizen = hand.citizens["C"]
    visit = dm.Visit(
        uuid.uuid4(),
        citizen.personal_id,
        local(2026, 6, 5, 17),
        hand.points["P1"].id,
        hand.user.id,
    )
    with uow() as u:
        u.repo.add_visit(visit)
        u.commit()
    figures = compute_figures(uow(), day_period(JUNE5))
    assert {r.key: r.cumulative.citizens for r in figures.by_point}[p1] == 2
    assert figures.visits_in_period == 6
    # E becomes a beneficiary by an edit of the citizen record (no event)
    with uow() as u:
        edited = replace(hand.citizens["E"], beneficiary_group=dm.BeneficiaryGroup.EDUCATION)
        u.repo.update_citizen(edited, name_source="official_list")
        u.commit()
    groups = {r.key: r.cumulative for r in compute_figures(uow(), day_period(JUNE5)).by_group}
    assert groups["education"].citizens == 1

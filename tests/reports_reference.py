"""The figures as the plain fold gives them: every citizen folded from scratch, day by day.

No projection, no span, no memo, no SQL aggregate: for each citizen and each day, the
outcomes recorded on or before that local day and the facts dated on or before it go through
`fold_status`, and the citizen counts for what `marks_of` reads of the result. The report
projection must agree with this on every figure (tests/test_reports_projection.py).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from fieldapp.domain import model as dm
from fieldapp.domain.periods import Period
from fieldapp.domain.status import fold_status
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.report_timelines import marks_of
from fieldapp.services.reports import UNKNOWN, Tally


@dataclass
class Events:
    """Everything in a store, as domain objects."""

    citizens: list[dm.Citizen]
    visits: list[dm.Visit]
    outcomes: list[dm.Outcome]
    facts: list[dm.OfficialFact]
    payments: list = field(default_factory=list)  # receivers and accounts


def read_events(uow) -> Events:
    with uow() as u:
        repo = u.repo
        ids = [c.personal_id for c in _all_citizens(repo)]
        citizens = list(repo.citizens_by_ids(ids).values())
        visits = [v for pid in ids for v in repo.visits_for(pid)]
        outcomes = [o for pid in ids for o in repo.outcomes_for(pid)]
        facts = [f for pid in ids for f in repo.facts_for(pid)]
        payments = [p for pid in ids for p in repo.payments_for(pid)]
    return Events(citizens, visits, outcomes, facts, payments)


def _all_citizens(repo):
    from sqlalchemy import select

    from fieldapp.store import tables as t

    return [
        dm.Citizen(personal_id=pid, full_name="")
        for pid in repo.session.execute(select(t.Citizen.personal_id)).scalars()
    ]


def _local(moment) -> date:
    return moment.astimezone(LOCAL_TZ).date()


def plain_figures(events: Events, period: Period) -> dict:
    """Cumulative and new tallies per village, point and group, the trend and the visits."""
    first, last = period.days[0], period.days[-1]
    outcomes: dict[str, list[dm.Outcome]] = {}
    for o in events.outcomes:
        outcomes.setdefault(o.personal_id, []).append(o)
    facts: dict[str, list[dm.OfficialFact]] = {}
    for f in events.facts:
        facts.setdefault(f.personal_id, []).append(f)
    paid: dict[str, list] = {}
    for p in events.payments:
        paid.setdefault(p.personal_id, []).append(p)
    visits: dict[str, list[dm.Visit]] = {}
    for v in events.visits:
        visits.setdefault(v.personal_id, []).append(v)

    def marks(citizen: dm.Citizen, day: date):
        pid = citizen.personal_id
        return marks_of(
            fold_status(
                citizen,
                [o for o in outcomes.get(pid, ()) if _local(o.recorded_at) <= day],
                [f for f in facts.get(pid, ()) if f.as_of <= day],
                [p for p in paid.get(pid, ()) if _local(p.recorded_at) <= day],
            )
        )

    rows: dict[tuple[str, str], tuple[Tally, Tally]] = {}

    def row(kind: str, key: str) -> tuple[Tally, Tally]:
        return rows.setdefault((kind, key), (Tally(), Tally()))

    trend = [Counter() for _ in period.days]
    visits_in_period = 0
    has_data = False
    for citizen in events.citizens:
        pid = citizen.personal_id
        before, after = marks(citizen, first - timedelta(days=1)), marks(citizen, last)
        mine = [v for v in visits.get(pid, ()) if _local(v.occurred_at) <= last]
        point = UNKNOWN
        if mine:
            latest = max(
                mine, key=lambda v: (_local(v.occurred_at), v.occurred_at, str(v.support_point_id))
            )
            point = str(latest.support_point_id)
        in_period = sum(1 for v in mine if _local(v.occurred_at) >= first)
        visits_in_period += in_period
        village = UNKNOWN if citizen.village_id is None else str(citizen.village_id)
        keys = [("village", village), ("point", point)]
        if after.group is not None:
            keys.append(("group", after.group.value))
        for key in keys:
            new, cumulative = row(*key)
            cumulative.add(after)
            new.add_new(before, after)
            new.visited += in_period > 0
        has_data = has_data or in_period > 0
        previous = before
        for k, day in enumerate(period.days):
            now = marks(citizen, day)
            has_data = has_data or now != previous
            previous = now
            trend[k].update(
                level2=now.level2,
                activated=now.activated,
                linked=now.linked,
                link_approved=now.link_approved,
                opened=now.opened_at_bank is not None,
            )
    return {
        "rows": {key: (vars(new), vars(cum)) for key, (new, cum) in rows.items()},
        "trend": [
            (
                day,
                *(
                    trend[k][name]
                    for name in ("level2", "activated", "linked", "link_approved", "opened")
                ),
            )
            for k, day in enumerate(period.days)
        ],
        "visits": visits_in_period,
        "has_data": has_data,
    }


def shown_figures(figures) -> dict:
    """The same shape from what compute_figures returned (rows with no citizen left out)."""
    rows = {}
    for kind, table in (
        ("village", figures.by_village),
        ("point", figures.by_point),
        ("group", figures.by_group),
    ):
        for r in table:
            if r.cumulative.citizens or r.new.visited:
                rows[(kind, r.key)] = (vars(r.new), vars(r.cumulative))
    return {
        "rows": rows,
        "trend": [
            (p.day, p.level2, p.activated, p.linked, p.link_approved, p.opened)
            for p in figures.trend
        ],
        "visits": figures.visits_in_period,
        "has_data": figures.has_data,
    }

"""The report projection never drifts from the fold (issue 17).

Every figure the reports show (per village, point and group, cumulative and in the period,
the trend, the visits, "has data") is an SQL aggregate over `citizen_status`; here each is
compared with the plain fold of every citizen's events from scratch (tests/reports_reference)
on a generated commune with corrections, facts that change later, visits without outcomes
and a citizen who moved, for every day of the campaign and for weeks, a wave and the whole.
The projection is kept by every writer in its own transaction: the desk's repository writes,
a bundle import, a list import; after a change of the rules it is rebuilt whole.
"""

from __future__ import annotations

import random
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest
from actors import police_of
from lists_builders import POLICE_HEADER, commune, police_rows, write_xlsx
from reports_reference import plain_figures, read_events, shown_figures
from sqlalchemy import delete, func, select
from sync_world import make_world

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentAccount, PaymentHolder, PaymentReceiver
from fieldapp.domain.periods import Period, ReportKind, day_period
from fieldapp.services import lists, report_timelines
from fieldapp.services.reports import compute_figures
from fieldapp.store import status_projection as sp
from fieldapp.store import tables as t
from fieldapp.store.uow import SqlUnitOfWork

START = date(2026, 5, 20)
EVERY_DAY = [START + timedelta(days=d) for d in range(-2, 24)]


def periods() -> list[Period]:
    weeks = [
        Period(ReportKind.WEEKLY, START + timedelta(days=d), START + timedelta(days=d + 6))
        for d in range(-3, 22, 7)
    ]
    return [
        *(day_period(d) for d in EVERY_DAY),
        *weeks,
        Period(ReportKind.WAVE, date(2026, 5, 25), date(2026, 6, 3)),
        Period(ReportKind.FINAL, date(2026, 5, 1), date(2026, 6, 15)),
    ]


def assert_agrees_with_the_fold(uow, chosen: list[Period] | None = None) -> None:
    events = read_events(uow)
    for period in chosen or periods():
        shown = shown_figures(compute_figures(uow(), period))
        assert shown == plain_figures(events, period), period


def _when(day: date, hour: int = 3) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def enrich(uow, data) -> None:
    """Later events of every kind, written through the repository as the desk does."""
    rng = random.Random(5)
    user = data.users[0]
    visited = {o.personal_id for o in data.outcomes}
    by_citizen: dict[str, list[dm.Outcome]] = {}
    for o in data.outcomes:
        by_citizen.setdefault(o.personal_id, []).append(o)
    with uow() as u:
        repo = u.repo
        for n, citizen in enumerate(data.citizens[:120]):
            pid = citizen.personal_id
            day = START + timedelta(days=rng.randrange(3, 20))
            kind = n % 6
            if kind == 0 and pid in visited:  # a correction voids an earlier outcome
                wrong = rng.choice(by_citizen[pid])
                visit = dm.Visit(uuid.uuid4(), pid, _when(day), data.points[1].id, user.id)
                repo.add_visit(visit)
                repo.session.flush()
                repo.add_outcome(
                    dm.Outcome(
                        uuid.uuid4(), visit.id, pid, wrong.step, wrong.result, _when(day, 4),
                        user.id, corrects=wrong.id,
                    )
                )  # fmt: skip
            elif kind == 1:  # the police list says activated, later linked
                for name, value, later in (
                    (dm.FactField.EID_ACTIVATED, "có", 0),
                    (dm.FactField.BENEFIT_LINKED, "x", 4),
                ):
                    repo.add_fact(
                        dm.OfficialFact(
                            uuid.uuid4(), pid, name, value, "police_level2", "later.xlsx",
                            day + timedelta(days=later),
                        )
                    )  # fmt: skip
            elif kind == 2:  # a new list changes the group and the payment class
                for name, value in (
                    (dm.FactField.BENEFICIARY_GROUP, "merit"),
                    (dm.FactField.PAYMENT_STATUS, "paid_to_account"),
                ):
                    repo.add_fact(
                        dm.OfficialFact(
                            uuid.uuid4(), pid, name, value, "beneficiary_list", "b2.xlsx", day
                        )
                    )
            elif kind == 3:  # a visit at another point with nothing recorded
                point = data.points[rng.randrange(len(data.points))]
                repo.add_visit(dm.Visit(uuid.uuid4(), pid, _when(day, 9), point.id, user.id))
            elif kind == 4:  # a later list takes level 2 back to level 1
                repo.add_fact(
                    dm.OfficialFact(
                        uuid.uuid4(), pid, dm.FactField.EID_LEVEL, "1", "police_level2",
                        "l1.xlsx", day,
                    )
                )  # fmt: skip
            elif kind == 5 and n % 12 == 5:  # paid through a proxy, into the proxy's account
                for event in (
                    PaymentReceiver(
                        uuid.uuid4(), pid, PaymentHolder.PROXY, "Người Nhận Thay", "con",
                        None, _when(day), user.id,
                    ),
                    PaymentAccount(
                        uuid.uuid4(), pid, PaymentHolder.PROXY, "MB", "0123456789",
                        _when(day + timedelta(days=2)), user.id,
                    ),
                ):  # fmt: skip
                    repo.add_payment_event(event)
            elif kind == 5 and n % 18 == 11:  # their own account, recorded at a desk
                repo.add_payment_event(
                    PaymentAccount(
                        uuid.uuid4(), pid, PaymentHolder.SELF, "LPBank", "9876543210",
                        _when(day), user.id,
                    )
                )  # fmt: skip
            else:  # the citizen moved to another village, and has no smartphone
                moved = replace(
                    citizen, village_id=data.villages[(n + 1) % len(data.villages)].id,
                    has_smartphone=False,
                )  # fmt: skip
                repo.update_citizen(moved, name_source="official_list")
        u.commit()


@pytest.fixture
def generated(engine, uow):
    data = generate_commune(160, villages=6, seed=23, start=START, days=20)
    load_commune(engine, data)
    return data


def test_every_figure_equals_the_plain_fold_on_a_generated_commune(generated, uow):
    enrich(uow, generated)
    assert_agrees_with_the_fold(uow)
    with uow() as u:  # the writes above were folded in their own transaction
        assert sp.is_current(u.repo.session)


def test_the_desk_writes_keep_the_projection_current(generated, uow):
    compute_figures(uow(), day_period(START))  # builds it once
    folded: list[int] = []
    real = sp.rebuild_range

    def counting(*args, **kwargs):
        result = real(*args, **kwargs)
        folded.append(result[1])
        return result

    sp.rebuild_range = counting
    try:
        enrich(uow, generated)
        assert_agrees_with_the_fold(uow, [day_period(d) for d in EVERY_DAY[::5]])
    finally:
        sp.rebuild_range = real
    assert folded == []  # nothing rebuilt: the commit kept it


def test_a_write_that_rolls_back_leaves_the_projection_as_it_was(generated, uow):
    compute_figures(uow(), day_period(START))
    rows = _rows(uow)
    pid = generated.citizens[0].personal_id
    with uow() as u:
        u.repo.add_fact(
            dm.OfficialFact(
                uuid.uuid4(), pid, dm.FactField.EID_ACTIVATED, "có", "police", "x.xlsx", START
            )
        )
        # leaving without a commit
    assert _rows(uow) == rows
    assert_agrees_with_the_fold(uow, [day_period(START)])


def _rows(uow) -> list:
    with uow() as u:
        return list(
            u.repo.session.execute(
                select(t.CitizenStatusSpan).order_by(
                    t.CitizenStatusSpan.personal_id, t.CitizenStatusSpan.day_from
                )
            ).scalars()
        )


def test_new_rules_rebuild_it_whole_with_progress(generated, uow, monkeypatch):
    compute_figures(uow(), day_period(START))
    assert report_timelines.projection_is_current(uow())
    monkeypatch.setattr(sp, "RULES_VERSION", "other-rules")
    assert not report_timelines.projection_is_current(uow())
    monkeypatch.setattr(report_timelines, "REBUILD_CHUNK", 50)  # several steps, one transaction

    class Seen:
        cancelled = False

        def __init__(self) -> None:
            self.reports: list[tuple[int, int]] = []

        def report(self, done: int, total: int) -> None:
            self.reports.append((done, total))

    seen = Seen()
    compute_figures(uow(), day_period(START), progress=seen)
    assert seen.reports[0] == (0, 160) and seen.reports[-1] == (160, 160)
    assert len(seen.reports) >= 4
    assert report_timelines.projection_is_current(uow())
    assert_agrees_with_the_fold(uow, [day_period(d) for d in EVERY_DAY[::4]])


def test_an_emptied_projection_is_rebuilt(generated, uow):
    enrich(uow, generated)
    before = shown_figures(compute_figures(uow(), day_period(START + timedelta(days=9))))
    with uow() as u:
        u.repo.session.execute(delete(t.CitizenStatusSpan))
        sp.mark_stale(u.repo.session)
        u.commit()
    after = shown_figures(compute_figures(uow(), day_period(START + timedelta(days=9))))
    assert after == before
    with uow() as u:
        count = u.repo.session.execute(
            select(func.count(func.distinct(t.CitizenStatusSpan.personal_id)))
        ).scalar_one()
    assert count == 160


def test_a_bundle_import_keeps_the_projection_current_and_right(tmp_path):
    world = make_world(tmp_path, points=2, citizens=80)

    def uow():
        return SqlUnitOfWork(world.police)

    report_timelines.ensure_projection(uow())
    world.export(0)
    world.export(1)
    world.import_()
    assert report_timelines.timelines(uow()).folded == 0  # nothing left to rebuild
    assert_agrees_with_the_fold(uow, periods()[::3])


def test_a_bundle_folds_again_only_the_citizens_it_wrote_rows_about(tmp_path, monkeypatch):
    """Known events in a new file (an "export everything") write nothing, so fold nobody."""
    world = make_world(tmp_path, points=2, citizens=80)

    def uow():
        return SqlUnitOfWork(world.police)

    report_timelines.ensure_projection(uow())
    folded: list[str] = []
    refresh = sp.refresh

    def counting_refresh(session, personal_ids):
        chosen = set(personal_ids)
        folded.extend(chosen)
        return refresh(session, chosen)

    monkeypatch.setattr(sp, "refresh", counting_refresh)

    def visited(index: int) -> set[str]:
        point = world.data.points[index].id
        return {v.personal_id for v in world.data.visits if v.support_point_id == point}

    first = world.export(0)
    world.import_(first.path)
    assert set(folded) == visited(0) and len(folded) == len(visited(0))

    folded.clear()
    again = world.export(0, everything=True)  # the same events in a new file
    other = world.export(1)
    report = world.import_(again.path, other.path)
    assert [f.new_events for f in report.files] == [0, report.files[1].new_events]
    assert report.files[1].new_events > 0
    assert set(folded) == visited(1)  # none of point 0's citizens again
    assert report_timelines.timelines(uow()).folded == 0
    assert_agrees_with_the_fold(uow, periods()[::3])


def test_a_list_import_keeps_the_projection_current_and_right(tmp_path, engine, uow):
    data = commune(40, seed=9)
    load_commune(engine, replace(data, citizens=data.citizens[:10]), this_point=None)
    report_timelines.ensure_projection(uow())
    names = {v.id: v.name for v in data.villages}
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    result = lists.import_list(
        uow(), lists.preview_list(uow(), path, "police"), valid_only=True, actor=police_of(uow)
    )
    assert result.citizens_added == 30
    assert report_timelines.timelines(uow()).folded == 0
    assert_agrees_with_the_fold(uow, periods()[::3])

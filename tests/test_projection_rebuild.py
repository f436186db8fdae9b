"""A whole rebuild of the projection writes exactly the rows the writes kept as they went.

After a rules change (or a store marked stale) every citizen is rebuilt: those known from
lists alone set-based (one fold per distinct input, `store/projection_facts.py`), the others
folded in full from their events. Here a generated commune gets every kind of event through
the desk's and the lists' own paths (each keeps the projection as it writes): visits,
outcomes, corrections, payment records, moves, police lists at level 1 and 2 on several
days, a beneficiary list with groups and payment classes, new citizens known from lists
only, and two facts on one field and day that disagree. Then the table is rebuilt whole, in
several ranges, and must hold the very same rows, and the figures still equal the plain fold;
so must a rebuild range by range of a current table.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import timedelta

import pytest
from lists_builders import write_xlsx
from sqlalchemy import event
from test_lists_projection import (
    BENEFICIARY,
    POLICE,
    assert_projection_is_the_fold,
    beneficiary_rows,
    import_file,
    police_rows,
)
from test_reports_projection import START, enrich

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.domain import model as dm
from fieldapp.services import report_timelines
from fieldapp.store import projection_facts
from fieldapp.store import status_projection as sp
from fieldapp.store import tables as t
from fieldapp.store.engine import make_engine
from fieldapp.store.uow import SqlUnitOfWork

pytestmark = pytest.mark.postgres


def stored(uow) -> tuple[list[tuple], list[tuple]]:
    """Every projection row, and the shared statuses before any event, in key order."""
    s, b = sp.STORED, sp.BASES
    with uow() as u:
        connection = u.repo.session.connection()
        rows = connection.execute(s.select().order_by(s.c.personal_id, s.c.day_from)).all()
        bases = connection.execute(b.select().order_by(b.c.code)).all()
    return [tuple(r) for r in rows], [tuple(r) for r in bases]


def test_a_whole_rebuild_writes_the_rows_the_writes_kept(tmp_path, engine, uow, monkeypatch):
    data = generate_commune(200, villages=5, seed=41, start=START, days=18)
    known = {c.personal_id for c in data.citizens[:120]}

    def mine(events):
        return [e for e in events if e.personal_id in known]

    load_commune(
        engine,
        replace(
            data,
            citizens=data.citizens[:120],
            visits=mine(data.visits),
            outcomes=mine(data.outcomes),
            facts=mine(data.facts),
        ),
    )
    report_timelines.ensure_projection(uow())
    enrich(uow, data)  # the desk: corrections, visits, payment records, moves, list facts
    names = {v.id: v.name for v in data.villages}
    people = data.citizens
    lists = (
        (POLICE, police_rows(people[100:200], names, 1), "police", 3),  # 80 new citizens
        (BENEFICIARY, beneficiary_rows(people[150:200], names), "beneficiary", 5),
        (POLICE, police_rows(people[90:190], names, 2), "police", 8),  # the same fields again
    )
    for n, (header, rows, kind, day) in enumerate(lists):
        path = write_xlsx(tmp_path / f"list{n}.xlsx", header, rows)
        import_file(uow, path, kind, START + timedelta(days=day))
    with uow() as u:  # two facts on one field and one day that disagree: their ids decide
        for value in ("1", "2"):
            u.repo.add_fact(
                dm.OfficialFact(
                    uuid.uuid4(), people[197].personal_id, dm.FactField.EID_LEVEL, value,
                    "police_level2", f"sửa-{value}.xlsx", START + timedelta(days=10),
                )
            )  # fmt: skip
        u.commit()
    kept = stored(uow)
    assert len({row[0] for row in kept[0]}) == 200

    folded_in_full: list[str] = []
    refold = sp.SpanWriter.refold

    def counting(self, personal_ids):
        ids = list(personal_ids)
        folded_in_full.extend(ids)
        return refold(self, ids)

    monkeypatch.setattr(sp.SpanWriter, "refold", counting)
    monkeypatch.setattr(report_timelines, "REBUILD_CHUNK", 35)  # several ranges
    with uow() as u:
        u.repo.session.execute(t.CitizenStatusSpan.__table__.delete())
        sp.mark_stale(u.repo.session)
        u.commit()
    assert report_timelines.rebuild_projection(uow()) == 200

    assert stored(uow) == kept
    # the lists-only citizens were written set-based; the others (events, the two facts
    # that disagree) folded in full
    assert people[197].personal_id in folded_in_full
    assert set(folded_in_full) >= known & {o.personal_id for o in data.outcomes}
    assert len(folded_in_full) < 130
    assert_projection_is_the_fold(uow)

    # a current table rebuilt range by range, each range on its own (its own inputs)
    with uow() as u:
        after, count = None, 35
        while count == 35:
            after, count = sp.rebuild_range(u.repo.session, after, 35)
        u.commit()
    assert stored(uow) == kept


def test_a_seat_saves_while_a_rebuild_reads_and_the_rebuild_keeps_its_write(
    tmp_path, db_url, engine, uow, monkeypatch, on_postgres
):
    """After a rule change the rebuild reads every citizen's facts (seconds at a province)
    before it writes anything. Meanwhile another seat imports a list: it is not made to wait
    (no write lock is held while the rebuild reads), and the rebuild, whose reading is then
    stale, runs again: the projection and the figures hold what the seat saved."""
    if on_postgres:
        pytest.skip("SQLite's write lock and snapshots")
    data = generate_commune(60, villages=3, seed=17, start=START, days=10)
    load_commune(engine, data)
    report_timelines.ensure_projection(uow())
    seat = make_engine(db_url)  # a second process on the same store, that never waits
    event.listen(seat, "connect", lambda c, _r: c.execute("PRAGMA busy_timeout=0"))
    names = {v.id: v.name for v in data.villages}
    path = write_xlsx(tmp_path / "seat.xlsx", POLICE, police_rows(data.citizens[:40], names, 3))
    seat_result: list[object] = []
    fold_each_input = projection_facts._fold_each_input

    def then_the_seat_writes(*args, **kwargs):
        fold_each_input(*args, **kwargs)  # every input read: the rebuild writes next
        if not seat_result:
            seat_result.append(import_file(lambda: SqlUnitOfWork(seat), path, "police", START))

    monkeypatch.setattr(projection_facts, "_fold_each_input", then_the_seat_writes)
    monkeypatch.setattr(sp, "RULES_VERSION", "other-rules")  # a rule change: rebuilt whole
    assert report_timelines.rebuild_projection(uow()) == 60
    assert seat_result[0].imported == 30  # (the other ten said what the store knew)
    assert_projection_is_the_fold(uow)
    seat.dispose()


def test_on_postgresql_a_seat_waits_for_the_rebuild_and_the_projection_holds_its_write(
    tmp_path, db_url, engine, uow, monkeypatch, on_postgres
):
    """PostgreSQL refuses no write whose reading went stale: a seat that saved while the
    rebuild read would be written over by the rebuild's older inputs. So there the rebuild
    locks the projection's rows before it reads: the seat's list import, which must rewrite
    its citizens' rows, waits (here: gives up after its lock timeout, nothing saved), and
    the projection is the fold of what is stored."""
    if not on_postgres:
        pytest.skip("SQLite refuses the stale write (the test above)")
    data = generate_commune(60, villages=3, seed=17, start=START, days=10)
    load_commune(engine, data)
    report_timelines.ensure_projection(uow())
    seat = make_engine(db_url)

    def short_lock_wait(connection, _record):
        with connection.cursor() as cursor:
            cursor.execute("SET lock_timeout = '300ms'")
        connection.commit()

    event.listen(seat, "connect", short_lock_wait)
    names = {v.id: v.name for v in data.villages}
    path = write_xlsx(tmp_path / "seat.xlsx", POLICE, police_rows(data.citizens[:40], names, 3))
    seat_tried: list[BaseException | None] = []
    fold_each_input = projection_facts._fold_each_input

    def then_the_seat_writes(*args, **kwargs):
        fold_each_input(*args, **kwargs)
        if not seat_tried:
            try:
                import_file(lambda: SqlUnitOfWork(seat), path, "police", START)
                seat_tried.append(None)
            except Exception as error:  # the lock timeout, as the seat's own face shows it
                seat_tried.append(error)

    monkeypatch.setattr(projection_facts, "_fold_each_input", then_the_seat_writes)
    monkeypatch.setattr(sp, "RULES_VERSION", "other-rules")
    assert report_timelines.rebuild_projection(uow()) == 60
    assert seat_tried and seat_tried[0] is not None  # it waited for the rebuild's lock
    assert_projection_is_the_fold(uow)
    seat.dispose()

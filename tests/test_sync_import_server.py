"""Points' bundles into the test's own store: PostgreSQL in its pass, where ids are `uuid`.

The payload holds ids as 32 hex digits (SQLite's stored text); every bind and every
comparison with what the store holds must give the same set union on either database.
"""

import pytest
from sqlalchemy import select
from sync_world import counts, make_world

from fieldapp.services import sync as s
from fieldapp.store import tables as t
from fieldapp.store.uow import SqlUnitOfWork


def _events(engine) -> dict[str, set[tuple]]:
    visit, outcome = t.Visit, t.Outcome
    with SqlUnitOfWork(engine) as uow:
        visits = uow.session.execute(
            select(visit.id, visit.personal_id, visit.support_point_id, visit.user_id)
        )
        outcomes = uow.session.execute(
            select(outcome.id, outcome.visit_id, outcome.user_id, outcome.step, outcome.result)
        )
        return {"visits": set(map(tuple, visits)), "outcomes": set(map(tuple, outcomes))}


def test_points_bundles_go_into_either_database_as_a_set_union(tmp_path, engine):
    world = make_world(tmp_path / "world", points=2, citizens=40, police=engine)
    first, second = world.export(0), world.export(1)
    report = world.import_()
    assert [f.status for f in report.files] == [s.IMPORTED, s.IMPORTED]
    assert report.new_events == first.events + second.events > 0
    stored = _events(engine)
    for section in ("visits", "outcomes"):
        sent = _events(world.points[0])[section] | _events(world.points[1])[section]
        assert stored[section] == sent and sent
    # Known events in a new file: the store's users and visits are read back and compared
    # with the bundle's (the point's own rules), and nothing is written.
    before = counts(engine)
    again = world.export(0, everything=True)
    (file,) = world.import_(again.path).files
    assert file.status == s.IMPORTED
    assert (file.new_events, file.known_events) == (0, again.events)
    after = counts(engine)
    assert {k: v for k, v in after.items() if k != "sync_import"} == {
        k: v for k, v in before.items() if k != "sync_import"
    }
    assert _events(engine) == stored


@pytest.mark.parametrize(
    "case",
    [
        "test_another_points_user_cannot_be_claimed",
        "test_outcome_on_another_points_visit_is_refused",
        "test_correction_of_another_points_outcome_is_refused",
    ],
)
def test_a_point_is_held_to_what_the_store_holds_on_either_database(tmp_path, engine, case):
    """The point rules that compare a bundle with stored users, visits and outcomes.

    Their own tests (SQLite stores) run again on the test's store: on PostgreSQL the store
    answers with `uuid` values while the bundle holds ids as text.
    """
    import test_sync_hostile_points as hostile

    getattr(hostile, case)(make_world(tmp_path, points=2, citizens=40, police=engine))

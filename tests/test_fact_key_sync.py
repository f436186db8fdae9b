"""Lists back to a point: facts it holds already are known by (personal ID, id), new ones kept.

Facts are keyed by (personal ID, id) since migration 0024, with no index of the id alone:
the import finds a bundle's facts again by both (`sync_queries.existing_facts`).
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from actors import police_of
from sync_world import make_world

from fieldapp.domain import model as dm
from fieldapp.services import sync as s
from fieldapp.store import sync_queries as q


def _facts_of(uow, personal_ids: list[str]) -> list[dm.OfficialFact]:
    with uow as u:
        return sorted((f for pid in personal_ids for f in u.repo.facts_for(pid)), key=str)


def _lists_back(world) -> s.ImportReport:
    for stale in world.stick.iterdir():
        stale.unlink()
    mine = world.point_keys[0].load().public.fingerprint
    results = s.export_lists(
        world.police_uow(),
        world.police_keys,
        world.stick,
        points=[mine],
        actor=police_of(world.police_uow),
    )
    paths = [p for r in results for p in (r.paths or [r.path])]
    return s.import_bundles(
        world.point_uow(0), world.point_keys[0], paths, actor=world.point_user(0)
    )


@pytest.mark.parametrize("fast", [True, False])  # SQLite's driver path, and Core's
def test_a_point_keeps_one_copy_of_each_fact_and_takes_the_new_ones(tmp_path, monkeypatch, fast):
    monkeypatch.setattr(q, "FAST_SQLITE", fast)
    world = make_world(tmp_path, points=1, citizens=30)
    village = world.data.points[0].village_id
    people = [c.personal_id for c in world.data.citizens if c.village_id == village][:3]
    assert len(people) == 3

    def fact(n: int, pid: str, day: int) -> dm.OfficialFact:
        return dm.OfficialFact(
            uuid.UUID(int=0x7000 + n), pid, dm.FactField.EID_LEVEL, "2", "police_level2",
            f"ds-05{day:02d}.xlsx", date(2026, 5, day),
        )  # fmt: skip

    with world.police_uow() as uow:
        for n, pid in enumerate(people):
            uow.repo.add_fact(fact(n, pid, 1))
        uow.commit()
    first = _lists_back(world)
    assert {f.status for f in first.files} == {s.IMPORTED}
    assert _facts_of(world.point_uow(0), people) == _facts_of(world.police_uow(), people)

    later = fact(9, people[1], 8)  # next week's list says one thing more
    with world.police_uow() as uow:
        uow.repo.add_fact(later)
        uow.commit()
    again = _lists_back(world)
    assert {f.status for f in again.files} == {s.IMPORTED}
    assert again.new_events == 1  # the new fact; the three known ones found again
    assert sum(f.known_events for f in again.files) >= 3
    held = _facts_of(world.point_uow(0), people)
    assert held == _facts_of(world.police_uow(), people) and later in held and len(held) == 4

"""Lists back to a point in parts: a village set bigger than one bundle goes as numbered
bundles that a point imports to exactly what one bundle gives (issue 17, export at 2.7 M)."""

from __future__ import annotations

from actors import police_of
from sqlalchemy import select
from sync_world import make_world

from fieldapp.services import sync as s
from fieldapp.store import tables as t


def _lists_to_point_zero(world, **kwargs) -> list[s.ExportResult]:
    world.export(0)
    world.export(1)
    world.import_()
    for stale in world.stick.iterdir():
        stale.unlink()
    mine = world.point_keys[0].load().public.fingerprint
    return s.export_lists(
        world.police_uow(),
        world.police_keys,
        world.stick,
        points=[mine],
        actor=police_of(world.police_uow),
        **kwargs,
    )


def _point_zero_rows(world) -> dict[str, list[tuple]]:
    with world.point_uow(0) as uow:
        return {
            table.name: sorted(
                tuple(r)
                for r in uow.session.execute(
                    select(*(c for c in table.c if c.name not in ("created_at", "updated_at")))
                )  # each world stamped its own citizens when it was made
            )
            for table in (t.Citizen.__table__, t.Visit.__table__, t.Outcome.__table__)
        }


def test_lists_back_split_into_numbered_bundles_import_to_what_one_bundle_gives(tmp_path):
    whole = make_world(tmp_path / "whole", points=2, citizens=80)
    split = make_world(tmp_path / "split", points=2, citizens=80)
    (one,) = _lists_to_point_zero(whole)
    per = max(1, one.citizens // 3)
    parts = _lists_to_point_zero(split, citizens_per_bundle=per)
    assert 3 <= len(parts) <= 5 and all(p.citizens <= per for p in parts)
    assert [p.sequence for p in parts] == list(range(1, len(parts) + 1))
    assert [p.path.name.endswith(f"_so-{p.sequence:04d}.fieldsync") for p in parts] == [True] * (
        len(parts)
    )
    assert sum(p.citizens for p in parts) == one.citizens
    for world, paths in ((whole, [one.path]), (split, [p.path for p in parts])):
        report = s.import_bundles(
            world.point_uow(0), world.point_keys[0], paths, actor=world.point_user(0)
        )
        assert {f.status for f in report.files} == {s.IMPORTED}
    rows = _point_zero_rows(split)
    assert rows == _point_zero_rows(whole) and rows["citizen"]

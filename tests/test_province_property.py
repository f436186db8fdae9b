"""Summaries split and reordered, some twice, give the same province figures."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from province_world import commune_reporting_to, export_summary, make_province

from fieldapp.store import tables as t

pytestmark = pytest.mark.postgres

DAYS = [date(2026, 6, 5) + timedelta(days=i) for i in range(4)]


@pytest.fixture(scope="module")
def summaries(tmp_path_factory):
    """Summary files of one commune: days split several ways, and a day sent again after the
    commune imported a second point's bundle (a later sequence with other figures)."""
    root = tmp_path_factory.mktemp("property")
    province = make_province(root / "province")
    world = commune_reporting_to(
        province, root / "a", seed=66, name="Xã Kiên Bình", citizens=120, points=2
    )
    world.export(0)
    world.import_()
    out = root / "out"
    out.mkdir()
    files = [export_summary(world, out, *DAYS[:2]), export_summary(world, out, DAYS[2])]
    world.export(1)  # the second point's day arrives: the same days, other figures
    world.import_()
    files += [export_summary(world, out, *DAYS[1:]), export_summary(world, out, DAYS[3])]
    return province, world, files


def _figures(province) -> list[tuple]:
    with province.engine.connect() as conn:
        rows = conn.execute(
            t.ProvinceFigure.__table__.select().order_by("day", "unit_kind", "unit_key")
        ).all()
    return [tuple(r) for r in rows]


def _fresh_province(base, world, tag):
    province = make_province(base.root.parent / f"p-{tag}")
    province.keys = base.keys  # the summaries are sealed to the first province's key
    province.enrol(world)
    return province


_counter = iter(range(10_000))


def _figures_of(rows: list[tuple], day: date) -> list[tuple]:
    return [r for r in rows if r[1] == day or str(r[1]) == day.isoformat()]


def _named(rows: list[tuple], prefix: str) -> bool:
    """Some row carries a non-zero figure whose name starts so (the JSON is the last column)."""
    return any(
        value
        for row in rows
        for name, value in json.loads(row[-1]).items()
        if name.startswith(prefix)
    )


def _first_only(base, world, files) -> list[tuple]:
    """The figures if only the first summary had arrived (the later ones must change them)."""
    province = _fresh_province(base, world, f"first-{next(_counter)}")
    province.import_(files[0])
    return _figures(province)


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(order=st.permutations(range(4)), twice=st.lists(st.integers(0, 3), max_size=3))
def test_any_order_any_repeats_same_figures(summaries, order, twice):
    base, world, files = summaries
    reference = _fresh_province(base, world, f"ref-{next(_counter)}")
    reference.import_(*files)
    expected = _figures(reference)
    assert expected, "the reference holds figures"
    # issue 18's figures travel in the same rows: the property covers them too
    assert _named(expected, "eligible") and _named(expected, "reason.")
    assert _named(expected, "home_visits")
    assert _figures_of(expected, DAYS[1]) != _figures_of(_first_only(base, world, files), DAYS[1])

    shuffled = _fresh_province(base, world, f"mix-{next(_counter)}")
    for index in [*order, *twice]:
        shuffled.import_(files[index])
    assert _figures(shuffled) == expected

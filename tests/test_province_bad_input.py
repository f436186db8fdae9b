"""Bad summaries at the province: each refused in one line naming commune, day and figure;
nothing of a refused file stored; late or replayed summaries change nothing and say so."""

from __future__ import annotations

import pytest
from province_world import (
    DAY,
    commune_reporting_to,
    export_summary,
    make_province,
    seal_summary,
)

from fieldapp.i18n import tr
from fieldapp.services.province import figures as pf
from fieldapp.services.province.summary_build import commune_summary
from fieldapp.services.sync.reporting import IMPORTED, REFUSED
from fieldapp.sync.keys import ROLE_PROVINCE, new_identity
from fieldapp.sync.summary import encode_summary

pytestmark = pytest.mark.postgres


@pytest.fixture
def setting(tmp_path):
    province = make_province(tmp_path / "province")
    world = commune_reporting_to(province, tmp_path / "a", seed=66, name="Xã Kiên Bình")
    world.export(0)
    world.import_()
    province.enrol(world)
    return province, world


def _body(world, **changes):
    summary = commune_summary(world.police_uow(), [DAY])
    row = summary.days[0].commune_row()
    row.figures.update(changes)
    return summary


def _import_bytes(province, data, name="tong-hop.fieldsync"):
    path = province.root / name
    path.write_bytes(data)
    (result,) = province.import_(path).files
    return result, tr(result.message_id, "vi", **result.params)


def _nothing_stored(province):
    return all(c.last_day is None for c in pf.province_board(province.uow(), DAY).communes)


@pytest.mark.parametrize(
    ("changes", "figure"),
    [({"linked": 10_000}, "linked"), ({"level2": -3}, "level2"), ({"opened": "5"}, "opened")],
)
def test_impossible_figures_are_refused_naming_commune_day_and_figure(setting, changes, figure):
    province, world = setting
    data = seal_summary(world, province, encode_summary(_body(world, **changes)), sequence=1)
    result, line = _import_bytes(province, data)
    assert result.status == REFUSED
    assert "Xã Kiên Bình" in line and DAY.isoformat() in line and f"«{figure}»" in line
    assert _nothing_stored(province)


def test_a_village_the_commune_never_declared_is_refused(setting):
    province, world = setting
    summary = _body(world)
    gone = next(iter(summary.villages))
    del summary.villages[gone]
    result, line = _import_bytes(province, seal_summary(world, province, encode_summary(summary),
                                                        sequence=1))  # fmt: skip
    assert result.status == REFUSED and result.message_id == "summary.undeclared_village"
    assert "Xã Kiên Bình" in line and gone in line
    assert _nothing_stored(province)


def test_a_summary_for_another_province_is_refused(setting):
    province, world = setting
    elsewhere = new_identity(ROLE_PROVINCE, "Công an tỉnh Nghệ An", commune_id=None, point_id=None)
    data = seal_summary(
        world, province, encode_summary(_body(world)), sequence=1, recipient=elsewhere.public
    )
    result, line = _import_bytes(province, data)
    assert result.status == REFUSED and result.message_id == "summary.other_province"
    assert "tỉnh khác" in line
    assert _nothing_stored(province)


def test_a_day_in_the_future_changes_nothing_and_says_so(setting):
    from datetime import timedelta

    from fieldapp.services.clock import local_today

    province, world = setting
    summary = _body(world)
    summary.days[0].day = local_today() + timedelta(days=1)
    data = seal_summary(world, province, encode_summary(summary), sequence=1)
    result, line = _import_bytes(province, data)
    assert result.status == REFUSED and result.message_id == "summary.future_day"
    assert "sau ngày hôm nay" in line and "không thay đổi" in line
    assert _nothing_stored(province)


def test_an_older_summary_arriving_late_changes_nothing_and_says_so(setting, tmp_path):
    province, world = setting
    first = export_summary(world, tmp_path / "a")  # sequence 1
    second = export_summary(world, tmp_path / "a")  # sequence 2, the same day
    (result,) = province.import_(second).files
    assert result.status == IMPORTED
    before = pf.province_board(province.uow(), DAY).communes[0].counts
    (late,) = province.import_(first).files
    line = tr(late.message_id, "vi", **late.params)
    assert late.message_id == "summary.older_nothing_changed"
    assert "cũ hơn" in line and "không thay đổi" in line
    assert pf.province_board(province.uow(), DAY).communes[0].counts == before

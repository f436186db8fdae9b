"""The province level end to end: points → commune police → summaries → the province."""

from __future__ import annotations

import pytest
from province_world import DAY, commune_reporting_to, export_summary, make_province

from fieldapp.domain.periods import day_period
from fieldapp.services.province import figures as pf
from fieldapp.services.reports import compute_figures
from fieldapp.services.sync.reporting import IMPORTED, QUARANTINED, REPLAYED

pytestmark = pytest.mark.postgres


@pytest.fixture
def province(tmp_path):
    return make_province(tmp_path / "province")


def _commune_with_point_bundle(province, root, *, seed, name):
    world = commune_reporting_to(province, root, seed=seed, name=name)
    world.export(0)
    report = world.import_()
    assert all(f.status == IMPORTED for f in report.files), report.files
    return world


def test_two_communes_report_and_the_province_shows_each_communes_own_figures(province, tmp_path):
    kien_binh = _commune_with_point_bundle(province, tmp_path / "a", seed=66, name="Xã Kiên Bình")
    kien_tho = _commune_with_point_bundle(province, tmp_path / "b", seed=67, name="Xã Kiên Thọ")
    for world in (kien_binh, kien_tho):
        province.enrol(world)
        export_summary(world, province.inbox)

    report = province.import_()
    assert [f.status for f in report.files] == [IMPORTED, IMPORTED], report.files

    board = pf.province_board(province.uow(), DAY)
    assert board.province == "Thanh Hóa"
    lines = {line.name: line for line in board.communes}
    assert set(lines) == {"Xã Kiên Bình", "Xã Kiên Thọ"}
    for world in (kien_binh, kien_tho):
        own = compute_figures(world.police_uow(), day_period(DAY)).total
        line = lines[world.data.commune.name]
        assert line.reported_today
        assert line.counts["level2"] == own.cumulative.level2
        assert line.counts["linked"] == own.cumulative.linked
        assert line.counts["activated"] == own.cumulative.activated
        assert line.counts["opened"] == own.cumulative.opened
        assert line.counts["new_linked"] == own.new.linked
        assert line.counts["paid_to_account"] == own.cumulative.payment.get("paid_to_account", 0)
    assert board.total["level2"] == sum(lines[n].counts["level2"] for n in lines)
    assert sum(board.bands.values()) == 2
    # each group's payment classes as the agency's own report counts them (issue 18)
    for world in (kien_binh, kien_tho):
        assert _commune_agency_payments(world)  # the synthetic communes have beneficiaries
        assert _agency_payments(province, world) == _commune_agency_payments(world)


def _agency_payments(province, world) -> dict[str, dict[str, int]]:
    import json

    from sqlalchemy import select

    from fieldapp.store import tables as t

    figure = t.ProvinceFigure
    with province.engine.connect() as conn:
        rows = conn.execute(
            select(figure.unit_key, figure.figures).where(
                figure.commune_id == world.data.commune.id, figure.unit_kind == "group"
            )
        ).all()
    found = {}
    for key, text in rows:
        counts = {
            k.removeprefix("agency.payment."): v
            for k, v in json.loads(text).items()
            if k.startswith("agency.payment.") and v
        }
        if counts:
            found[key] = counts
    return found


def _commune_agency_payments(world) -> dict[str, dict[str, int]]:
    from fieldapp.services.agency_report import agency_figures
    from fieldapp.services.report_settings import report_settings
    from fieldapp.services.reports import AGENCIES

    found = {}
    for agency in AGENCIES:
        settings = report_settings(world.police_uow(), f"agency.{agency}")
        figures = agency_figures(world.police_uow(), agency, day_period(DAY), settings)
        for group, tally in figures.by_group.items():
            counts = {k: v for k, v in tally.payment.items() if v}
            if counts:
                found[group.value] = counts
    return found


def test_a_summary_from_an_unenrolled_commune_is_held_then_taken_at_enrolment(province, tmp_path):
    world = _commune_with_point_bundle(province, tmp_path / "a", seed=66, name="Xã Kiên Bình")
    export_summary(world, province.inbox)
    (result,) = province.import_().files
    assert result.status == QUARANTINED
    assert pf.province_board(province.uow(), DAY).communes == []
    province.enrol(world)
    (result,) = province.import_().files
    assert result.status == IMPORTED
    (line,) = pf.province_board(province.uow(), DAY).communes
    assert line.name == "Xã Kiên Bình"


def test_the_same_summary_twice_is_a_replay(province, tmp_path):
    world = _commune_with_point_bundle(province, tmp_path / "a", seed=66, name="Xã Kiên Bình")
    province.enrol(world)
    export_summary(world, province.inbox)
    province.import_()
    (again,) = province.import_().files
    assert again.status == REPLAYED


def test_communes_come_from_a_list_of_administrative_units_and_enrol_by_code(province, tmp_path):
    from fieldapp.services.province import communes as pc

    listing = tmp_path / "don-vi-hanh-chinh.csv"
    listing.write_text(
        "DANH SÁCH ĐƠN VỊ HÀNH CHÍNH CẤP XÃ\n"
        "Tỉnh Thanh Hóa\n"
        "\n"
        "STT,Mã xã,Tên xã\n"
        "1,15853,Xã Kiên Thọ\n"
        "2,15856,Xã Kiên Bình\n"
        "3,15859,Phường Hạc Thành\n"
        ",,Tổng cộng: 3 đơn vị\n",
        encoding="utf-8",
    )
    done = pc.import_communes(province.uow(), listing, actor=province.officer())
    assert (done.added, done.known) == (3, 0)
    again = pc.import_communes(province.uow(), listing, actor=province.officer())
    assert (again.added, again.known) == (0, 3)
    world = commune_reporting_to(province, tmp_path / "a", seed=66, name="Xã Kiên Bình Cũ")
    info = province.enrol(world, commune="15856")  # the card's name differs: chosen by code
    assert (info.code, info.name, info.enrolled) == ("15856", "Xã Kiên Bình", True)
    listed = {c.code: c for c in pc.communes(province.uow())}
    assert set(listed) == {"15853", "15856", "15859"}
    assert [c.code for c in listed.values() if c.enrolled] == ["15856"]
    # the dashboard lists every commune, the two silent ones as never reported
    board = pf.province_board(province.uow(), DAY)
    assert {c.name for c in board.communes} == {"Xã Kiên Thọ", "Xã Kiên Bình", "Phường Hạc Thành"}
    assert board.bands["none"] == 3 and len(board.not_reported) == 3

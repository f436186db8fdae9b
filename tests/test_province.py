"""The province level end to end: points → commune police → summaries → the province."""

from __future__ import annotations

import json
from collections import Counter
from datetime import datetime, time

import pytest
from province_world import DAY, commune_reporting_to, export_summary, make_province
from sqlalchemy import select

from fieldapp.domain import model as dm
from fieldapp.domain.periods import day_period
from fieldapp.domain.report_windows import daily_window, deadline_time
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.difficulties import compute_difficulties
from fieldapp.services.province import figures as pf
from fieldapp.services.province.report_campaign import campaign_table
from fieldapp.services.report_settings import report_settings
from fieldapp.services.report_window import daily_window_figures
from fieldapp.services.sync.reporting import IMPORTED, QUARANTINED, REPLAYED
from fieldapp.services.visits import register_visit
from fieldapp.store import tables as t

pytestmark = pytest.mark.postgres


@pytest.fixture
def province(tmp_path):
    return make_province(tmp_path / "province")


def _commune_with_point_bundle(province, root, *, seed, name, home_visits=0):
    world = commune_reporting_to(province, root, seed=seed, name=name)
    for citizen in world.data.citizens[:home_visits]:  # volunteers go to people's homes
        register_visit(
            world.point_uow(0),
            citizen.personal_id,
            user_id=world.point_user(0).id,
            point_id=world.data.points[0].id,
            place=dm.VisitPlace.HOME,
            now=datetime.combine(DAY, time(9, 30), tzinfo=LOCAL_TZ),
        )
    world.export(0)
    report = world.import_()
    assert all(f.status == IMPORTED for f in report.files), report.files
    return world


def test_two_communes_report_and_the_province_shows_each_communes_own_figures(province, tmp_path):
    kien_binh = _commune_with_point_bundle(
        province, tmp_path / "a", seed=66, name="Xã Kiên Bình", home_visits=3
    )
    kien_tho = _commune_with_point_bundle(
        province, tmp_path / "b", seed=67, name="Xã Kiên Thọ", home_visits=1
    )
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
        own = _daily_report(world)
        line = lines[world.data.commune.name]
        assert line.reported_today
        assert line.counts["level2"] == own.total.cumulative.level2
        assert line.counts["linked"] == own.total.cumulative.linked
        assert line.counts["activated"] == own.total.cumulative.activated
        assert line.counts["opened"] == own.total.cumulative.opened
        assert line.counts["new_linked"] == own.total.new.linked
        paid = own.total.cumulative.payment.get("paid_to_account", 0)
        assert line.counts["paid_to_account"] == paid
        # issue 18's figures: the eligible, failures by reason, home visits
        assert line.figure("eligible") == own.total.cumulative.eligible
        reasons, by_village = _daily_report_failures(world)
        assert line.reasons() == reasons
        assert _province_village_reasons(province, world) == by_village
        assert line.figure("home_visits") == _home_visits(world)
    assert lines["Xã Kiên Bình"].figure("home_visits") >= 3  # ours, and the demo data's
    assert lines["Xã Kiên Thọ"].figure("home_visits.people") >= 1
    assert sum(lines["Xã Kiên Bình"].reasons().values()) > 0  # the synthetic communes fail some
    assert all(lines[n].figure("eligible") > 0 for n in lines)
    # ... and the province's report shows them, per commune and in total
    table = campaign_table(board)
    shown = {row[1]: dict(zip([c.header for c in table.columns], row, strict=True))
             for row in table.rows}  # fmt: skip
    for name, line in lines.items():
        assert shown[name]["Đủ điều kiện"] == line.figure("eligible")
        assert shown[name]["Lượt hỗ trợ tại nhà"] == line.figure("home_visits")
        assert shown[name]["Tổng lượt không thành công"] == sum(line.reasons().values())
    assert table.total[2] == sum(line.figure("eligible") for line in lines.values())
    assert board.total["level2"] == sum(lines[n].counts["level2"] for n in lines)
    assert sum(board.bands.values()) == 2
    # each group's payment classes as the agency's own report counts them (issue 18)
    for world in (kien_binh, kien_tho):
        assert _commune_agency_payments(world)  # the synthetic communes have beneficiaries
        assert _agency_payments(province, world) == _commune_agency_payments(world)


def _daily_report(world):
    """The figures the commune's own daily report is drawn from (deadline to deadline)."""
    uow = world.police_uow()
    deadline = deadline_time(report_settings(uow, "daily").deadline)
    figures, _window = daily_window_figures(uow, DAY, deadline)
    return figures


def _daily_report_failures(world):
    """Failures by reason as the daily report's difficulties section counts them."""
    uow = world.police_uow()
    window = daily_window(DAY, deadline_time(report_settings(uow, "daily").deadline), LOCAL_TZ)
    found = compute_difficulties(uow, day_period(DAY), between=(window.starts_at, window.ends_at))
    commune, by_village = Counter(), {}
    for (_step, reason), count in found.failed.items():
        commune[reason] += count
    for (village, reason), count in found.failed_by_village.items():
        by_village.setdefault(village, Counter())[reason] += count
    return dict(commune), {v: dict(c) for v, c in by_village.items()}


def _province_village_reasons(province, world) -> dict[str, dict[str, int]]:
    found = {}
    for key, counts in _unit_figures(province, world, "village").items():
        reasons = {
            k.removeprefix("reason."): v for k, v in counts.items() if k.startswith("reason.")
        }
        if reasons:
            found[key] = reasons
    return found


def _home_visits(world) -> int:
    """Home visits in the daily report's window, counted by hand from the commune's store."""
    uow = world.police_uow()
    window = daily_window(DAY, deadline_time(report_settings(uow, "daily").deadline), LOCAL_TZ)
    home = select(t.Visit.occurred_at).where(t.Visit.place == dm.VisitPlace.HOME.value)
    with uow:
        moments = list(uow.repo.session.execute(home).scalars())
    return sum(window.starts_at <= m < window.ends_at for m in moments)


def _unit_figures(province, world, kind) -> dict[str, dict[str, int]]:
    figure = t.ProvinceFigure
    with province.engine.connect() as conn:
        rows = conn.execute(
            select(figure.unit_key, figure.figures).where(
                figure.commune_id == world.data.commune.id,
                figure.unit_kind == kind,
                figure.day == DAY,
            )
        ).all()
    return {key: json.loads(figures) for key, figures in rows}


def _agency_payments(province, world) -> dict[str, dict[str, int]]:
    found = {}
    for key, figures in _unit_figures(province, world, "group").items():
        counts = {
            k.removeprefix("agency.payment."): v
            for k, v in figures.items()
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


def test_a_summary_day_is_the_daily_reports_deadline_to_deadline(province, tmp_path):
    """A home visit after the 16:00 report of 7/6 is in the report (and summary) of 8/6."""
    from datetime import timedelta

    from fieldapp.services.province.summary_build import commune_summary

    world = commune_reporting_to(province, tmp_path / "a", seed=66, name="Xã Kiên Bình")
    world.export(0)
    world.import_()
    uow = world.police_uow()
    assert report_settings(uow, "daily").deadline == "16:00"
    before = _home_visits_by_day(commune_summary(uow, [DAY - timedelta(days=1), DAY]))
    register_visit(
        uow,
        world.data.citizens[0].personal_id,
        user_id=world.police_user().id,
        point_id=world.data.points[0].id,
        place=dm.VisitPlace.HOME,
        now=datetime.combine(DAY - timedelta(days=1), time(17, 0), tzinfo=LOCAL_TZ),
    )
    after = _home_visits_by_day(commune_summary(uow, [DAY - timedelta(days=1), DAY]))
    assert after[DAY - timedelta(days=1)] == before[DAY - timedelta(days=1)]
    assert after[DAY] == before[DAY] + 1


def _home_visits_by_day(summary) -> dict:
    return {d.day: d.commune_row().figures.get("home_visits", 0) for d in summary.days}


def test_the_summary_file_carries_no_citizen(province, tmp_path):
    """What reaches the province, decrypted: counts and unit names, no ID, name, phone, address."""
    from fieldapp.sync.bundle import decrypt_bundle, verify_bundle

    world = _commune_with_point_bundle(
        province, tmp_path / "a", seed=66, name="Xã Kiên Bình", home_visits=2
    )
    path = export_summary(world, province.inbox)
    body = decrypt_bundle(verify_bundle(path.read_bytes()), province.keys.load())
    text = json.dumps(body, ensure_ascii=False)
    assert '"home_visits"' in text and '"reason.' in text  # the figures are there
    for citizen in world.data.citizens:
        assert citizen.personal_id not in text
        assert citizen.full_name not in text
        assert not citizen.phone or citizen.phone not in text
        assert not citizen.address or citizen.address not in text

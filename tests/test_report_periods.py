"""Issue 18 item 6 beyond the daily report: a wave's report made while the wave runs, and
the CLI's difficulties of a day, which follow the daily report's deadline-to-deadline window."""

from __future__ import annotations

from datetime import date

from actors import police_of
from test_day_figures import hand  # noqa: F401 (a fixture: K failed at 15:00 on 4 June)

from fieldapp.services import campaign, report_output
from fieldapp.services.report_document import period_text


def test_a_running_waves_report_stops_at_its_day(uow, hand):  # noqa: F811
    police = police_of(uow)
    campaign.add_wave(uow(), "Đợt 1", date(2026, 6, 1), date(2026, 6, 30), actor=police)
    period = report_output.resolve_period(uow(), "wave", date(2026, 6, 5))
    assert (period.starts_on, period.ends_on) == (date(2026, 6, 1), date(2026, 6, 5))
    assert period_text(period, "vi") == (
        "Đợt 1 (từ 01/6/2026 đến 30/6/2026), số liệu đến hết ngày 05/6/2026"
    )
    named = report_output.resolve_period(uow(), "wave", date(2026, 6, 5), wave_name="Đợt 1")
    assert named == period
    ended = report_output.resolve_period(uow(), "wave", date(2026, 7, 2), wave_name="Đợt 1")
    assert (ended.starts_on, ended.ends_on) == (date(2026, 6, 1), date(2026, 6, 30))
    assert period_text(ended, "vi") == "Đợt 1 (từ 01/6/2026 đến 30/6/2026)"
    document = report_output.build_report(uow(), "wave", day=date(2026, 6, 5), actor=police)
    assert "ngày 05 tháng 6 năm 2026" in document.place_date  # dated its day, not the 30th
    assert document.period_text.endswith("số liệu đến hết ngày 05/6/2026")


def test_the_clis_difficulties_of_a_day_are_the_daily_reports(
    uow,
    hand,  # noqa: F811 (the fixture imported above)
    engine,
    capsys,
    monkeypatch,
):
    from test_reports_cli import act_as_police_env

    from fieldapp.cli.main import main

    police_of(uow)
    act_as_police_env(monkeypatch)
    db = str(engine.url).removeprefix("sqlite:///")
    assert main(["--db", db, "difficulties", "2026-06-05"]) == 0
    out = capsys.readouterr().out
    # B (10:00 on 5 June) and K (15:00 on 4 June, after that day's 14:00 deadline); not L
    # (15:30 on 5 June: the next day's report)
    assert "2 lượt thực hiện không thành công và 0 lượt phải chuyển" in out
    assert "Không nhận được mã OTP: 1" in out
    assert "Mất kết nối mạng" not in out

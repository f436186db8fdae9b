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


def test_the_daily_reports_difficulties_are_its_windows(uow, hand):  # noqa: F811
    document = report_output.build_report(
        uow(), "daily", day=date(2026, 6, 5), actor=police_of(uow)
    )
    text = " ".join(p for section in document.sections for p in section.paragraphs)
    assert "2 lượt thực hiện không thành công và 0 lượt phải chuyển" in text  # B, K; not L


def test_a_payment_record_after_the_deadline_is_the_next_days(uow, hand):  # noqa: F811
    """W (insurance pensioner, "no account" on the list of 1 June) has their own account
    recorded at a desk at 15:00 on 5 June, after the 14:00 deadline: "no account" in the
    daily report of 5 June, "has an account, not paid" from 6 June's; by the calendar day it
    would already count on 5 June."""
    import uuid

    from reports_builders import local

    from fieldapp.domain import model as dm
    from fieldapp.domain.payments import PaymentAccount, PaymentHolder
    from fieldapp.domain.periods import day_period
    from fieldapp.domain.report_windows import deadline_time
    from fieldapp.services.report_window import daily_window_figures
    from fieldapp.services.reports import compute_figures

    w = dm.Citizen("038090077777", "Công Dân Thử W", village_id=hand.villages["V1"].id)
    with uow() as u:
        u.repo.add_citizen(w, name_source="official_list")
        for name, value in (
            (dm.FactField.EID_LEVEL, "2"),
            (dm.FactField.BENEFICIARY_GROUP, "insurance_pension"),
            (dm.FactField.PAYMENT_STATUS, "no_account"),
        ):
            u.repo.add_fact(
                dm.OfficialFact(uuid.uuid4(), w.personal_id, name, value, "l", "l.xlsx",
                                date(2026, 6, 1))
            )  # fmt: skip
        u.repo.add_payment_event(
            PaymentAccount(uuid.uuid4(), w.personal_id, PaymentHolder.SELF, "MB", "0123456789",
                           local(2026, 6, 5, 15), hand.user.id)
        )  # fmt: skip
        u.commit()

    def pensioners(figures) -> dict[str, int]:
        row = next(r for r in figures.by_group if r.key == "insurance_pension")
        return {k: v for k, v in row.cumulative.payment.items() if v}

    deadline = deadline_time("14:00")
    assert pensioners(daily_window_figures(uow(), date(2026, 6, 5), deadline)[0]) == {
        "no_account": 1
    }
    assert pensioners(daily_window_figures(uow(), date(2026, 6, 6), deadline)[0]) == {
        "has_account_not_paid": 1
    }
    assert pensioners(compute_figures(uow(), day_period(date(2026, 6, 5)))) == {
        "has_account_not_paid": 1
    }


def test_a_wave_over_the_campaigns_days_shares_its_figures(uow, hand):  # noqa: F811
    """One wave from the first day of the campaign: its row is the campaign's, counted once."""
    from fieldapp.services.final_report import final_figures
    from fieldapp.services.reports import compute_figures

    police = police_of(uow)
    campaign.add_wave(uow(), "Đợt 1", date(2026, 6, 1), date(2026, 6, 30), actor=police)
    period = report_output.resolve_period(uow(), "final", date(2026, 6, 6))
    assert (period.starts_on, period.ends_on) == (date(2026, 6, 1), date(2026, 6, 6))
    whole = compute_figures(uow(), period)
    found = final_figures(uow(), period, whole)
    assert found.waves[0].figures is whole
    assert found.waves[0].figures.total.new.activated == 5  # B, E, A, C (by its link), F

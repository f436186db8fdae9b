"""Campaign settings: waves, targets, deadline; bad input refused with a clear message."""

from __future__ import annotations

from datetime import date

import pytest
from actors import police_of
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from reports_builders import hand_commune
from sqlmodel import SQLModel

from fieldapp.domain.errors import ConflictError, NotFoundError, ValidationError
from fieldapp.domain.periods import day_period
from fieldapp.i18n import error_text
from fieldapp.services import campaign, report_output
from fieldapp.services.reports import compute_figures
from fieldapp.store.migrate import declared_name


@pytest.fixture
def hand(uow):
    data = hand_commune()
    data.save(uow())
    return data


def test_waves_are_added_listed_and_found_by_folded_name(uow):
    campaign.add_wave(uow(), "Đợt 1", date(2026, 2, 1), date(2026, 2, 20), actor=police_of(uow))
    campaign.add_wave(uow(), "Đợt 2", date(2026, 2, 21), date(2026, 3, 15), actor=police_of(uow))
    assert [w.name for w in campaign.waves(uow())] == ["Đợt 1", "Đợt 2"]
    assert campaign.wave_named(uow(), "dot 2").starts_on == date(2026, 2, 21)


def test_an_overlapping_wave_is_refused(uow):
    campaign.add_wave(uow(), "Đợt 1", date(2026, 2, 1), date(2026, 2, 20), actor=police_of(uow))
    with pytest.raises(ConflictError) as caught:
        campaign.add_wave(
            uow(), "Đợt 2", date(2026, 2, 20), date(2026, 3, 15), actor=police_of(uow)
        )
    text = error_text(caught.value, "vi")
    assert "trùng thời gian" in text and "Đợt 1" in text and "20/02/2026" in text
    assert len(campaign.waves(uow())) == 1


def test_a_wave_ending_before_it_starts_is_refused(uow):
    with pytest.raises(ValidationError) as caught:
        campaign.add_wave(
            uow(), "Đợt 3", date(2026, 3, 30), date(2026, 3, 16), actor=police_of(uow)
        )
    assert error_text(caught.value, "en") == "The end 16/3/2026 is before the start 30/3/2026."


def test_a_wave_name_is_needed_and_unique(uow):
    with pytest.raises(ValidationError):
        campaign.add_wave(uow(), "  ", date(2026, 3, 1), date(2026, 3, 2), actor=police_of(uow))
    campaign.add_wave(uow(), "Đợt 1", date(2026, 3, 1), date(2026, 3, 2), actor=police_of(uow))
    with pytest.raises(ConflictError):
        campaign.add_wave(uow(), "đợt 1", date(2026, 4, 1), date(2026, 4, 2), actor=police_of(uow))


def test_a_target_below_what_is_done_is_refused(uow, hand):
    with pytest.raises(ValidationError) as caught:
        campaign.set_target(uow(), "thon mot", 1, actor=police_of(uow))
    assert "thấp hơn số đã tích hợp (2)" in error_text(caught.value, "vi")
    assert campaign.set_target(uow(), "thon mot", 2, actor=police_of(uow)) == "Thôn Một"
    campaign.set_target(uow(), "Thôn Hai", 40, actor=police_of(uow))
    rows = {r.name: r for r in compute_figures(uow(), day_period(date(2026, 6, 5))).by_village}
    assert rows["Thôn Một"].target == 2
    assert rows["Thôn Hai"].target == 40
    assert rows["Thôn Một"].target_reached == pytest.approx(100.0)


def test_bad_targets_and_villages(uow, hand):
    with pytest.raises(ValidationError):
        campaign.set_target(uow(), "Thôn Một", -1, actor=police_of(uow))
    with pytest.raises(NotFoundError):
        campaign.set_target(uow(), "Thôn Không Có", 5, actor=police_of(uow))


def test_report_deadline(uow, hand):
    assert campaign.report_deadline(uow()) == "14:00"
    assert campaign.set_report_deadline(uow(), "9:30", actor=police_of(uow)) == "09:30"
    assert campaign.report_deadline(uow()) == "09:30"
    with pytest.raises(ValidationError):
        campaign.set_report_deadline(uow(), "25:00", actor=police_of(uow))


def test_wave_report_needs_a_wave(uow, hand):
    with pytest.raises(ValidationError):
        report_output.resolve_period(uow(), "wave", date(2026, 6, 5))
    campaign.add_wave(
        uow(), "Đợt cao điểm", date(2026, 6, 1), date(2026, 6, 15), actor=police_of(uow)
    )
    period = report_output.resolve_period(uow(), "wave", date(2026, 6, 5))
    assert period.wave is not None and period.wave.name == "Đợt cao điểm"
    final = report_output.resolve_period(uow(), "final", date(2026, 6, 20))
    assert final.starts_on == date(2026, 6, 1) and final.ends_on == date(2026, 6, 20)
    with pytest.raises(NotFoundError):
        report_output.resolve_period(uow(), "wave", wave_name="Đợt 9")


def test_tables_match_migrations(engine):
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": declared_name})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []

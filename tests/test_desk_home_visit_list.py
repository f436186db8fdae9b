"""The home-visit list: who cannot travel, with address and phone, marks that travel in
bundles, an age set per point, a refresh after outcomes, and visits made earlier today."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from desk_helpers import ScriptedDialogs, a_new_person, desk_session, type_keys
from PySide6.QtCore import Qt, QTime
from PySide6.QtTest import QTest
from sync_world import make_world

from fieldapp.domain import model as dm
from fieldapp.domain.corrections import CorrectedField
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import ForbiddenError
from fieldapp.services import home_visits, visits
from fieldapp.services.clock import LOCAL_TZ, utc_now
from fieldapp.services.home_visits import HomeVisitReason, home_visit_list
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.desk_home_visits import COL_ADDRESS, COL_PHONE
from fieldapp.ui.main_window import MainWindow

TODAY = date(2026, 6, 1)


def a_person(uow, user, *, year: int, tail: str, phone: str = "0912345678") -> dm.Citizen:
    """Someone the lists do not have, created at the desk, in the first village."""
    with uow() as u:
        village = u.repo.villages()[0]
    person = dm.Citizen(
        full_name="Hà Thị Mơ",
        address="Xóm Giữa, Thôn 1",
        phone=phone,
        village_id=village.id,
        **a_new_person(year=year, tail=tail),
    )
    visits.create_citizen(uow(), person, source="manual", user_id=user.id)
    return person


def listed(uow, pid: str) -> home_visits.HomeVisitCandidate | None:
    return next((c for c in home_visit_list(uow(), today=TODAY) if c.citizen.personal_id == pid),
                None)  # fmt: skip


def test_a_mark_puts_someone_young_on_the_list_and_off_again(uow, small_commune):
    point, volunteer = small_commune.points[0], small_commune.users[0]
    young = a_person(uow, volunteer, year=1990, tail="730001")
    assert listed(uow, young.personal_id) is None
    mark = home_visits.mark_home_visit(
        uow(), young.personal_id, True, user_id=volunteer.id, point_id=point.id
    )
    assert (mark.field, mark.old_value, mark.new_value) == (
        CorrectedField.NEEDS_HOME_VISIT,
        "",
        "yes",
    )
    found = listed(uow, young.personal_id)
    assert found is not None and found.reasons == (HomeVisitReason.MARKED,)
    assert found.citizen.address == "Xóm Giữa, Thôn 1"
    assert found.masked_phone == "••••••5678"  # last 4 digits, as on every list
    home_visits.mark_home_visit(
        uow(), young.personal_id, False, user_id=volunteer.id, point_id=point.id
    )
    assert listed(uow, young.personal_id) is None
    with uow() as u:  # the citizen row is untouched: a mark is not a detail
        assert u.repo.get_citizen(young.personal_id).full_name == "Hà Thị Mơ"


def test_an_old_person_marked_as_able_to_come_is_off_the_list(uow, small_commune):
    point, volunteer = small_commune.points[0], small_commune.users[0]
    old = a_person(uow, volunteer, year=1940, tail="730002")
    assert listed(uow, old.personal_id).reasons == (HomeVisitReason.ELDERLY,)
    home_visits.mark_home_visit(
        uow(), old.personal_id, False, user_id=volunteer.id, point_id=point.id
    )
    assert listed(uow, old.personal_id) is None


def test_the_age_is_a_setting_of_the_point(uow, small_commune):
    volunteer = small_commune.users[0]
    seventy = a_person(uow, volunteer, year=1955, tail="730003")  # 71 on TODAY
    assert home_visits.elderly_age(uow()) == 75
    assert listed(uow, seventy.personal_id) is None
    home_visits.set_elderly_age(uow(), 70, actor=volunteer)
    assert listed(uow, seventy.personal_id).reasons == (HomeVisitReason.ELDERLY,)
    with pytest.raises(ValidationError, match="bad_age"):
        home_visits.set_elderly_age(uow(), 12, actor=volunteer)
    assert home_visits.elderly_age(uow()) == 70


def test_a_bank_officer_may_not_mark(uow, small_commune):
    from desk_helpers import add_user

    point = small_commune.points[0]
    officer = add_user(uow, "Cán bộ Ngân hàng", dm.Role.BANK_OFFICER, point.id)
    person = a_person(uow, small_commune.users[0], year=1990, tail="730004")
    with pytest.raises(ForbiddenError):
        home_visits.mark_home_visit(
            uow(), person.personal_id, True, user_id=officer.id, point_id=point.id
        )


def test_the_mark_travels_to_the_police_in_the_bundle(tmp_path):
    world = make_world(tmp_path, points=1)
    point = world.data.points[0]
    user = next(u for u in world.data.users if u.support_point_id == point.id)

    def point_uow():
        return SqlUnitOfWork(world.points[0])

    person = dm.Citizen(full_name="Lò Văn Pọm", address="Bản Mòng", **a_new_person(tail="730005"))
    visits.create_citizen(point_uow(), person, source="scan", user_id=user.id)
    visits.register_visit(point_uow(), person.personal_id, user_id=user.id, point_id=point.id)
    home_visits.mark_home_visit(
        point_uow(), person.personal_id, True, user_id=user.id, point_id=point.id
    )
    exported = world.export(0)
    world.import_()
    with world.police_uow() as police:
        (mark,) = police.repo.corrections_for(person.personal_id)
        assert (mark.field, mark.new_value, mark.user_id) == (
            CorrectedField.NEEDS_HOME_VISIT,
            "yes",
            user.id,
        )
    assert world.import_(exported.path).files[0].new_events == 0  # a set union


def test_a_visit_time_is_earlier_today(uow):
    now = datetime(2026, 6, 1, 15, 0, tzinfo=LOCAL_TZ)
    assert home_visits.check_visit_time(now - timedelta(hours=5), now) == now - timedelta(hours=5)
    with pytest.raises(ValidationError, match="time_future"):
        home_visits.check_visit_time(now + timedelta(minutes=10), now)
    with pytest.raises(ValidationError, match="time_not_today"):
        home_visits.check_visit_time(now - timedelta(hours=16), now)


# At the desk -----------------------------------------------------------------------------------
@pytest.fixture
def window(qtbot, uow, small_commune):
    win = MainWindow(
        desk_session(uow, small_commune.points[0], small_commune.users[0]),
        dialogs=ScriptedDialogs(),
    )
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


def test_the_page_shows_address_and_masked_phone(window, uow, small_commune):
    person = a_person(uow, small_commune.users[0], year=1938, tail="730006")
    window.show_page(1)
    page = window.home_page
    page.village.setCurrentIndex(0)
    row = next(r for r in range(page.model.rowCount())
               if page.model.rows()[r].citizen.personal_id == person.personal_id)  # fmt: skip
    assert page.model.data(page.model.index(row, COL_ADDRESS)) == "Xóm Giữa, Thôn 1"
    assert page.model.data(page.model.index(row, COL_PHONE)) == "••••••5678"
    assert "75 tuổi" in page.rule.text()


def test_the_list_refreshes_after_an_outcome(window, uow, small_commune):
    person = a_person(uow, small_commune.users[0], year=1938, tail="730007")
    window.show_page(1)
    page = window.home_page
    page.village.setCurrentIndex(0)
    pids = {c.citizen.personal_id for c in page.model.rows()}
    assert person.personal_id in pids
    page.table.selectRow(
        next(
            r
            for r in range(page.proxy.rowCount())
            if page.selected_at(r).citizen.personal_id == person.personal_id
        )
    )
    QTest.keyClick(window, Qt.Key.Key_H, Qt.KeyboardModifier.ControlModifier)
    assert window.card.citizen.personal_id == person.personal_id
    type_keys(window.scan_field, "5s", enter=False)  # benefit link submitted at home
    window.show_page(1)
    assert person.personal_id not in {c.citizen.personal_id for c in page.model.rows()}


def test_a_visit_made_earlier_today_is_recorded_with_its_time(window, uow, small_commune):
    person = a_person(uow, small_commune.users[0], year=1936, tail="730008")
    window.show_page(1)
    page = window.home_page
    page.village.setCurrentIndex(0)
    now = utc_now().astimezone(LOCAL_TZ)
    latest = page.visit_time.maximumTime()
    assert (latest.hour(), latest.minute()) == (now.hour, now.minute)  # never after now
    earlier = (now - timedelta(minutes=90)) if now.hour >= 2 else now
    page.visit_time.setTime(QTime(earlier.hour, earlier.minute))
    page.table.selectRow(
        next(
            r
            for r in range(page.proxy.rowCount())
            if page.selected_at(r).citizen.personal_id == person.personal_id
        )
    )
    page.request_visit()
    with uow() as u:
        (visit,) = u.repo.visits_for(person.personal_id)
    assert visit.place is dm.VisitPlace.HOME
    when = visit.occurred_at.astimezone(LOCAL_TZ)
    if earlier != now:
        assert (when.hour, when.minute) == (earlier.hour, earlier.minute)


def test_marking_from_the_desk_and_from_the_list(window, uow, small_commune):
    person = a_person(uow, small_commune.users[0], year=1995, tail="730009")
    type_keys(window.scan_field, person.personal_id)
    window.mark_home_action.trigger()
    assert "cần hỗ trợ tại nhà" in window.status_text()
    window.show_page(1)
    page = window.home_page
    page.village.setCurrentIndex(0)
    row = next(
        r
        for r in range(page.proxy.rowCount())
        if page.selected_at(r).citizen.personal_id == person.personal_id
    )
    page.table.selectRow(row)
    page.travels.click()
    assert person.personal_id not in {c.citizen.personal_id for c in page.model.rows()}
    with uow() as u:
        marks = [c.new_value for c in u.repo.corrections_for(person.personal_id)]
    assert marks == ["yes", "no"]

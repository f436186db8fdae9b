"""Correcting a citizen's details: events with who/when and the old value, travelling in
bundles; garbled scanned names never stored as is, and replaced by a later clean scan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from desk_helpers import a_new_person, qr_of
from sync_world import make_world

from fieldapp.domain import model as dm
from fieldapp.domain.corrections import CorrectedField as F
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.personal_id import Sex
from fieldapp.services import corrections, lookup, visits
from fieldapp.store.uow import SqlUnitOfWork


def a_scanned_stranger(uow, point, user, *, name: str, tail: str = "626262") -> dm.Citizen:
    """A citizen the lists do not have, created from a card's scan at this point."""
    person = dm.Citizen(full_name=name, address="Thôn 1", **a_new_person(tail=tail))
    visits.create_citizen(uow(), person, source="scan", user_id=user.id)
    visits.register_visit(uow(), person.personal_id, user_id=user.id, point_id=point.id)
    return person


@pytest.fixture
def point(small_commune):
    return small_commune.points[0]


@pytest.fixture
def volunteer(small_commune):
    return small_commune.users[0]


def test_a_name_with_question_marks_is_never_saved(uow, volunteer):
    person = dm.Citizen(full_name="Nguy?n Th? H??ng", **a_new_person(tail="111222"))
    with pytest.raises(ValidationError) as refused:
        visits.create_citizen(uow(), person, source="scan", user_id=volunteer.id)
    assert refused.value.message_id == "citizen.name_garbled"
    with pytest.raises(ValidationError):
        visits.create_citizen(uow(), replace(person, full_name="Lò Th\ufffd"), user_id=volunteer.id)
    with uow() as u:
        assert u.repo.get_citizen(person.personal_id) is None


def test_correcting_a_name_is_an_event_with_who_when_and_the_old_value(uow, point, volunteer):
    person = a_scanned_stranger(uow, point, volunteer, name="Nguyen Thi Huong")
    done = corrections.correct_citizen(
        uow(),
        person.personal_id,
        {F.FULL_NAME: "Nguyễn Thị Hường", F.SEX: Sex.FEMALE},
        user_id=volunteer.id,
        point_id=point.id,
    )
    (event,) = done.corrections  # the sex did not change: no event for it
    assert (event.field, event.old_value, event.new_value) == (
        F.FULL_NAME,
        "Nguyen Thi Huong",
        "Nguyễn Thị Hường",
    )
    assert event.user_id == volunteer.id and event.support_point_id == point.id
    card = lookup.look_up(uow(), person.personal_id)
    assert card.citizen.full_name == "Nguyễn Thị Hường"
    with uow() as u:
        assert [c.old_value for c in u.repo.corrections_for(person.personal_id)] == [
            "Nguyen Thi Huong"
        ]
    assert [c.personal_id for c in lookup.search(uow(), "nguyen thi huong")] == [person.personal_id]
    assert [c.personal_id for c in lookup.search(uow(), "hường")] == [person.personal_id]


def test_birth_date_sex_and_village_corrected_but_never_against_the_id(
    uow, point, volunteer, small_commune
):
    person = a_scanned_stranger(uow, point, volunteer, name="Lò Văn Páo", tail="737373")
    village = small_commune.villages[1]
    corrections.correct_citizen(
        uow(),
        person.personal_id,
        {F.BIRTH_DATE: date(1952, 4, 30), F.VILLAGE: village.id},
        user_id=volunteer.id,
        point_id=point.id,
    )
    with uow() as u:
        stored = u.repo.get_citizen(person.personal_id)
    assert (stored.birth_date, stored.village_id) == (date(1952, 4, 30), village.id)
    for wrong in ({F.BIRTH_DATE: date(1961, 4, 30)}, {F.SEX: Sex.MALE}):  # digits 4-6 disagree
        with pytest.raises(ValidationError):
            corrections.correct_citizen(
                uow(), person.personal_id, wrong, user_id=volunteer.id, point_id=point.id
            )
    with uow() as u:
        assert len(u.repo.corrections_for(person.personal_id)) == 2


def test_an_official_lists_name_is_corrected_by_the_police_not_at_a_point(
    uow, point, volunteer, small_commune
):
    listed = small_commune.citizens[3]  # loaded as from the police's list
    with pytest.raises(ValidationError) as refused:
        corrections.correct_citizen(
            uow(),
            listed.personal_id,
            {F.FULL_NAME: "Ai Đó Khác"},
            user_id=volunteer.id,
            point_id=point.id,
        )
    assert refused.value.message_id == "citizen.official_wins"
    with uow() as u:
        assert u.repo.get_citizen(listed.personal_id).full_name == listed.full_name
        assert u.repo.corrections_for(listed.personal_id) == []


def test_a_later_clean_scan_replaces_a_garbled_scan_name(uow, point, volunteer):
    person = a_scanned_stranger(uow, point, volunteer, name="Tran Thi Thuy", tail="848484")
    clean = dm.Citizen(
        personal_id=person.personal_id,
        full_name="Trần Thị Thủy",
        birth_date=person.birth_date,
        sex=person.sex,
        address="Thôn 1",
    )
    done = visits.register_visit(uow(), qr_of(clean), user_id=volunteer.id, point_id=point.id)
    assert done.card.citizen.full_name == "Trần Thị Thủy"
    with uow() as u:
        (event,) = u.repo.corrections_for(person.personal_id)
    assert (event.old_value, event.new_value, event.user_id) == (
        "Tran Thi Thuy",
        "Trần Thị Thủy",
        volunteer.id,
    )
    # ...and a garbled scan afterwards changes nothing back.
    garbled = qr_of(clean, name="Tr?n Th? Th?y")
    again = visits.register_visit(uow(), garbled, user_id=volunteer.id, point_id=point.id)
    assert again.card.citizen.full_name == "Trần Thị Thủy"


def test_a_clean_scan_never_replaces_an_official_name(uow, point, volunteer, small_commune):
    listed = small_commune.citizens[4]
    done = visits.register_visit(
        uow(),
        qr_of(listed, name=listed.full_name + " Anh"),
        user_id=volunteer.id,
        point_id=point.id,
    )
    assert done.card.citizen.full_name == listed.full_name
    with uow() as u:
        assert u.repo.corrections_for(listed.personal_id) == []


def test_corrections_travel_to_the_police_in_the_bundle(tmp_path):
    world = make_world(tmp_path, points=1)
    point = world.data.points[0]
    user = next(u for u in world.data.users if u.support_point_id == point.id)

    def point_uow():
        return SqlUnitOfWork(world.points[0])

    person = a_scanned_stranger(point_uow, point, user, name="Vang A Pao", tail="959595")
    corrections.correct_citizen(
        point_uow(),
        person.personal_id,
        {F.FULL_NAME: "Vàng A Páo"},
        user_id=user.id,
        point_id=point.id,
    )
    exported = world.export(0)
    report = world.import_()
    assert report.files[0].new_events >= 2  # the visit and the correction
    with world.police_uow() as police:
        assert police.repo.get_citizen(person.personal_id).full_name == "Vàng A Páo"
        (event,) = police.repo.corrections_for(person.personal_id)
        assert (event.old_value, event.user_id) == ("Vang A Pao", user.id)
    # A repeat import is a set union: nothing new, nothing changed.
    again = world.import_(exported.path)
    assert again.files[0].new_events == 0
    with world.police_uow() as police:
        assert len(police.repo.corrections_for(person.personal_id)) == 1
        assert police.repo.get_citizen(person.personal_id).full_name == "Vàng A Páo"


# At the desk -----------------------------------------------------------------------------------
@pytest.fixture
def desk_window(qtbot, uow, point, volunteer):
    from desk_helpers import ScriptedDialogs, desk_session

    from fieldapp.ui.main_window import MainWindow

    win = MainWindow(desk_session(uow, point, volunteer), dialogs=ScriptedDialogs())
    qtbot.addWidget(win)
    win.show()
    return win


def test_a_garbled_scan_of_a_new_citizen_must_be_corrected_before_saving(desk_window, uow):
    from desk_helpers import type_keys

    person = dm.Citizen(
        full_name="Nguyễn Thị Hương", address="Thôn 2", **a_new_person(tail="313131")
    )
    dialogs = desk_window.dialogs
    dialogs.new_citizen_fields = {}  # Enter at once, name as the scanner typed it
    type_keys(desk_window.scan_field, qr_of(person, name="Nguy?n Th? H??ng"))
    form = dialogs.last_form
    assert "máy quét không gõ được" in form.error.text()
    assert form.registered is None  # refused: nothing saved
    with uow() as u:
        assert u.repo.get_citizen(person.personal_id) is None
    form.full_name.setText("Nguyễn Thị Hương")  # the volunteer corrects it from the card
    form.save()
    with uow() as u:
        assert u.repo.get_citizen(person.personal_id).full_name == "Nguyễn Thị Hương"


def test_ctrl_e_corrects_the_name_from_the_card(desk_window, uow, point, volunteer):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    person = a_scanned_stranger(uow, point, volunteer, name="Ha Thi Mo", tail="414141")
    desk_window.scan_text(person.personal_id)
    desk_window.dialogs.correct_fields = {"full_name": "Hà Thị Mơ"}
    QTest.keyClick(desk_window, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert "correct" in desk_window.dialogs.asked
    assert desk_window.card.citizen.full_name == "Hà Thị Mơ"
    assert "Hà Thị Mơ" in desk_window.card_view.text()
    assert "Đã sửa Họ và tên của Hà Thị Mơ" in desk_window.status_text()
    with uow() as u:
        (event,) = u.repo.corrections_for(person.personal_id)
    assert (event.old_value, event.user_id) == ("Ha Thi Mo", volunteer.id)


def test_a_bank_officer_corrects_no_citizen_details_at_the_desk(uow, point, small_commune):
    """The permission table decides (CORRECT_DETAILS): a bank officer is refused, nothing stored."""
    from fieldapp.domain.permissions import Action, ForbiddenError, may

    assert not may(dm.Role.BANK_OFFICER, Action.CORRECT_DETAILS)
    assert may(dm.Role.VOLUNTEER, Action.CORRECT_DETAILS)
    officer = next(u for u in small_commune.users if u.role is dm.Role.BANK_OFFICER)
    person = small_commune.citizens[5]
    with pytest.raises(ForbiddenError):
        corrections.correct_citizen(
            uow(), person.personal_id, {F.FULL_NAME: "Tên Khác Hẳn"},
            user_id=officer.id, point_id=point.id,
        )  # fmt: skip
    with uow() as u:
        assert u.repo.corrections_for(person.personal_id) == []

"""The users screen applies the account rules: what it offers, and what the store then says."""

from __future__ import annotations

import pytest
from desk_helpers import desk_session

from fieldapp.demo.loader import DEMO_PIN
from fieldapp.domain import model as dm
from fieldapp.domain.errors import FieldAppError
from fieldapp.services import setup, users
from fieldapp.ui.users_screen import UsersDialog


def by_role(commune, role):
    return next(u for u in commune.users if u.role is role)


@pytest.fixture
def screen(qtbot, uow, small_commune):
    """The users screen as the commune police see it."""
    police = by_role(small_commune, dm.Role.COMMUNE_POLICE)
    session = desk_session(uow, small_commune.points[0], police)
    dialog = UsersDialog(session, [])
    qtbot.addWidget(dialog)
    return dialog


def states(dialog) -> dict[str, str]:
    return {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text()
        for r in range(dialog.table.rowCount())
    }


def test_the_police_are_not_offered_admin(screen):
    offered = {screen.role.itemData(i) for i in range(screen.role.count())}
    assert dm.Role.ADMIN.value not in offered
    assert {dm.Role.VOLUNTEER.value, dm.Role.BANK_OFFICER.value} <= offered
    assert screen.role.currentData() == dm.Role.BANK_OFFICER.value  # the usual visitor


def test_adding_checks_the_pin_policy_and_lists_the_new_user(screen, uow):
    screen.name.setText("Đỗ Văn Khải")
    screen.role.setCurrentIndex(screen.role.findData(dm.Role.VOLUNTEER.value))
    screen.pin.setText("12")
    screen.add()
    assert screen.added == [] and "PIN" in screen.message.text()
    screen.pin.setText("135791")
    screen.add()
    assert [u.name for u in screen.added] == ["Đỗ Văn Khải"]
    assert states(screen)["Đỗ Văn Khải"] == "Đang dùng"
    khai = setup.find_user(uow(), "Đỗ Văn Khải")
    assert users.sign_in(uow(), khai.id, "135791").id == khai.id


def test_nobody_is_offered_changes_to_a_user_above_them(screen, small_commune):
    admin = by_role(small_commune, dm.Role.ADMIN)
    screen.pick(admin.id)
    assert screen.picked().id == admin.id
    for button in (
        screen.rename_button,
        screen.pin_button,
        screen.deactivate_button,
        screen.unlock_button,
    ):
        assert not button.isEnabled()


def test_rename_new_pin_and_deactivate_a_volunteer(screen, uow, small_commune):
    volunteer = small_commune.users[0]
    screen.pick(volunteer.id)
    assert screen.rename_button.isEnabled() and screen.deactivate_button.isEnabled()
    screen.new_name.setText("Nguyễn Thị Hoa Mai")
    screen.rename_button.click()
    assert "Đã đổi tên" in screen.message.text()
    assert "Nguyễn Thị Hoa Mai" in states(screen)
    screen.pick(volunteer.id)
    screen.new_pin.setText("975310")
    screen.pin_button.click()
    assert "Đã đặt PIN mới" in screen.message.text()
    assert users.sign_in(uow(), volunteer.id, "975310").id == volunteer.id
    with pytest.raises(FieldAppError):
        users.sign_in(uow(), volunteer.id, DEMO_PIN)  # the old PIN no longer works
    screen.pick(volunteer.id)
    screen.deactivate_button.click()
    assert states(screen)["Nguyễn Thị Hoa Mai"] == "Đã ngừng"
    with pytest.raises(FieldAppError):
        users.sign_in(uow(), volunteer.id, "975310")
    screen.pick(volunteer.id)
    assert not screen.rename_button.isEnabled()  # nothing more to do to a deactivated user


def test_a_locked_user_is_unlocked_from_the_screen(screen, uow, small_commune):
    officer = by_role(small_commune, dm.Role.BANK_OFFICER)
    with uow() as u:
        u.repo.update_user(officer.id, locked=True)
        u.commit()
    screen.reload()
    assert states(screen)[officer.name].startswith("Bị khóa")
    screen.pick(officer.id)
    assert screen.unlock_button.isEnabled()
    screen.unlock_button.click()
    assert states(screen)[officer.name] == "Đang dùng"
    assert users.sign_in(uow(), officer.id, DEMO_PIN).id == officer.id

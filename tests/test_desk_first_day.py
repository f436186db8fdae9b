"""A first day at the desk: set-up, sample data that says so and goes away, the first user."""

from __future__ import annotations

from desk_helpers import ScriptedDialogs, desk_session
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.domain import model as dm
from fieldapp.services import setup
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.setup_dialog import SetupDialog
from fieldapp.ui.startup import sample_data_loader
from fieldapp.ui.tasks import InlineTaskRunner


def a_session(engine) -> DeskSession:
    return DeskSession(
        uow=lambda: SqlUnitOfWork(engine),
        runner=InlineTaskRunner(),
        data_location="/home/lan/.local/share/FieldApp/fieldapp.sqlite3",
    )


def test_tab_leaves_the_villages_box(qtbot, engine):
    dialog = SetupDialog(a_session(engine))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    dialog.villages.setFocus()
    QTest.keyClick(dialog.villages, Qt.Key.Key_Tab)
    assert "\t" not in dialog.villages.toPlainText()
    assert dialog.focusWidget() is dialog.point


def test_every_missing_field_is_named_at_once(qtbot, engine):
    dialog = SetupDialog(a_session(engine))
    qtbot.addWidget(dialog)
    dialog.province.setText("Thanh Hóa")
    dialog.pin.setText("12345678")
    dialog._save()
    said = dialog.error.text()
    for label in ("Xã / phường", "Các thôn", "Tên điểm hỗ trợ", "Họ tên người trực"):
        assert label in said
    assert "Nhập lại mã PIN" in said  # typed once only
    assert "thẻ khóa của Công an xã" in "".join(
        w.text() for w in dialog.findChildren(type(dialog.error))
    )
    assert not dialog.isVisible() or dialog.result() != dialog.DialogCode.Accepted
    assert dialog.result_setup is None


def test_the_first_user_is_an_admin_with_a_pin(qtbot, engine):
    session = a_session(engine)
    dialog = SetupDialog(session)
    qtbot.addWidget(dialog)
    dialog.commune.setText("Xã Kiên Bình")
    dialog.villages.setPlainText("Thôn Đông\nThôn Tây")
    dialog.point.setText("Nhà văn hóa Thôn Đông")
    dialog.point_village.setText("Thôn Đông")
    dialog.user.setText("Nguyễn Thị Lan")
    dialog.pin.setText("mai-la-ngay-moi")
    dialog.pin_again.setText("mai-la-ngay-moi")
    assert dialog.role.currentData() == dm.Role.ADMIN.value
    dialog._save()
    assert dialog.result_setup is not None
    (user,) = dialog.result_setup.users
    assert user.role is dm.Role.ADMIN
    assert setup.sign_in(session.uow(), user.id, "mai-la-ngay-moi").id == user.id


def test_sample_data_says_where_it_goes_and_who_can_sign_in(qtbot, engine):
    session = a_session(engine)
    dialog = SetupDialog(session, demo_loader=sample_data_loader(engine, session, citizens=80))
    qtbot.addWidget(dialog)
    assert session.data_location in dialog.demo_button.text()
    assert "DEMO" in dialog.demo_button.text()
    dialog.demo_button.click()
    shown = dialog.error.text()
    assert "Nguyễn Thị Lan — Tình nguyện viên — PIN: 246810" in shown
    assert "Trần Văn Minh — Cán bộ ngân hàng — PIN: 246810" in shown
    dialog.demo_button.click()  # continue
    assert dialog.result() == dialog.DialogCode.Accepted
    assert setup.is_demo_store(session.uow())
    lan = setup.find_user(session.uow(), "Nguyễn Thị Lan")
    assert setup.sign_in(session.uow(), lan.id, "246810").id == lan.id


def test_a_demo_store_says_demo_and_can_be_removed(qtbot, engine, uow):
    from fieldapp.demo.generator import generate_commune
    from fieldapp.demo.stores import load_demo_store, remove_demo_store

    data = generate_commune(60, seed=3)
    load_demo_store(engine, data, police=False)
    point = setup.this_point(uow())
    volunteer = setup.find_user(uow(), "Nguyễn Thị Lan")
    session = desk_session(uow, point, volunteer)
    session.demo = True
    session.remove_demo = lambda: remove_demo_store(engine)
    win = MainWindow(session, dialogs=ScriptedDialogs())
    qtbot.addWidget(win)
    win.show()
    assert "DEMO" in win.windowTitle()
    assert "DEMO" in win.header.text()
    assert "DEMO" in win.status_text() and "Xóa dữ liệu mẫu" in win.status_text()
    win.remove_demo_action.trigger()
    assert "confirm" in win.dialogs.asked
    with uow() as u:
        assert u.repo.count_citizens() == 0 and u.repo.communes() == []
    assert not setup.is_demo_store(uow())

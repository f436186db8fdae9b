"""Police land on the dashboard with a stick's import one key away; hidden menus, bank line."""

from __future__ import annotations

import uuid

from desk_helpers import ScriptedDialogs, add_user, desk_session, type_keys

from fieldapp.domain import model as dm
from fieldapp.i18n import tr
from fieldapp.services import sync
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.police_dashboard import PoliceDashboard
from fieldapp.ui.sync_import import ImportBundlesDialog


def _police(commune) -> dm.User:
    return next(u for u in commune.users if u.role is dm.Role.COMMUNE_POLICE)


def test_the_dashboard_imports_a_stick_with_ctrl_o_and_refreshes(
    qtbot, uow, small_commune, monkeypatch
):
    opened: list[ImportBundlesDialog] = []

    def import_three(dialog: ImportBundlesDialog) -> int:
        opened.append(dialog)
        stored = sync.FileResult("diem-1.fieldsync", sync.IMPORTED, "sync.imported", new_events=3)
        dialog.report = sync.ImportReport(files=[stored])
        return 1

    monkeypatch.setattr(ImportBundlesDialog, "exec", import_three)
    board = PoliceDashboard(desk_session(uow, small_commune.points[0], _police(small_commune)))
    qtbot.addWidget(board)
    board.show()
    assert board.import_button.isVisible()
    assert board.import_button.shortcut().toString() == "Ctrl+O"
    assert "Ctrl+O" in board.import_button.text()
    assert board.board is None
    board.import_button.click()
    assert opened and opened[0].parent() is board
    assert board.board is not None  # the figures were read again after the import


def test_nothing_imported_leaves_the_figures_alone(qtbot, uow, small_commune, monkeypatch):
    monkeypatch.setattr(ImportBundlesDialog, "exec", lambda dialog: 0)
    board = PoliceDashboard(desk_session(uow, small_commune.points[0], _police(small_commune)))
    qtbot.addWidget(board)
    board.import_stick()
    assert board.board is None


def test_the_desk_menu_import_has_the_same_key(qtbot, uow, small_commune):
    window = MainWindow(
        desk_session(uow, small_commune.points[0], _police(small_commune)),
        dialogs=ScriptedDialogs(),
    )
    qtbot.addWidget(window)
    importing = next(a for a in window.menu_tools.actions() if a.objectName() == "syncImport")
    assert importing.shortcut().toString() == "Ctrl+O"


def test_a_bank_officer_sees_no_empty_menu_and_is_told_to_call_a_volunteer(
    qtbot, uow, small_commune
):
    point = small_commune.points[0]
    officer = add_user(uow, "Cán bộ Ngân hàng Thử", dm.Role.BANK_OFFICER, point.id)
    dialogs = ScriptedDialogs()
    window = MainWindow(desk_session(uow, point, officer), dialogs=dialogs)
    qtbot.addWidget(window)
    window.show()
    for act in window.menuBar().actions():
        if act.isVisible():
            assert any(a.isVisible() and not a.isSeparator() for a in act.menu().actions())
    assert not window.menu_tools.menuAction().isVisible()
    assert not window.settings_action.isVisible()  # banks and language are the point's
    unknown = f"038{1}52{uuid.uuid4().int % 10**6:06d}"
    type_keys(window.scan_field, unknown)
    assert window.status_line.text() == tr("desk.bank.unknown", "vi")
    assert "new_citizen" not in dialogs.asked  # no form they cannot fill


def test_ctrl_f_is_in_the_key_line_and_in_f1(qtbot, uow, small_commune):
    window = MainWindow(
        desk_session(uow, small_commune.points[0], small_commune.users[0]),
        dialogs=ScriptedDialogs(),
    )
    qtbot.addWidget(window)
    assert "Ctrl+F" in window.shortcuts.text()
    assert "Ctrl+F" in tr("help.keys", "vi") and "Ctrl+F" in tr("help.keys", "en")
    assert "Ctrl+O" in tr("help.keys", "vi")


def test_the_police_start_on_the_dashboard_with_the_import_button(
    qtbot, engine, small_commune, monkeypatch
):
    from fieldapp.ui import startup
    from fieldapp.ui.desk_forms import SignInDialog

    police = _police(small_commune)

    def sign_in(dialog: SignInDialog) -> int:
        dialog.signed_in = police
        return 1

    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    window = startup.start_desk(engine, lang="vi")
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: getattr(window, "police_dashboard", None) is not None, timeout=3000)
    board = window.police_dashboard
    qtbot.addWidget(board)
    assert board.isVisible() and board.import_button.isVisible()
    assert board.import_button.shortcut().toString() == "Ctrl+O"
    window.session.runner.wait()


def test_a_volunteer_does_not_start_on_the_dashboard(qtbot, engine, small_commune, monkeypatch):
    from PySide6.QtTest import QTest

    from fieldapp.ui import startup
    from fieldapp.ui.desk_forms import SignInDialog

    volunteer = small_commune.users[0]

    def sign_in(dialog: SignInDialog) -> int:
        dialog.signed_in = volunteer
        return 1

    monkeypatch.setattr(SignInDialog, "exec", sign_in)
    window = startup.start_desk(engine, lang="vi")
    qtbot.addWidget(window)
    QTest.qWait(50)
    assert getattr(window, "police_dashboard", None) is None
    window.session.runner.wait()

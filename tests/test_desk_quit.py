"""Quitting with work no bundle carried: a reminder, with the export one button away."""

from __future__ import annotations

from desk_helpers import ScriptedDialogs, desk_session, type_keys

from fieldapp.ui.main_window import MainWindow


def a_desk(qtbot, uow, small_commune, choice: str) -> MainWindow:
    session = desk_session(uow, small_commune.points[0], small_commune.users[0])
    session.remind_export = True
    window = MainWindow(session, dialogs=ScriptedDialogs(quit_choice=choice))
    qtbot.addWidget(window)
    window.show()
    return window


def test_quitting_with_unexported_work_reminds_and_may_stay(qtbot, uow, small_commune):
    window = a_desk(qtbot, uow, small_commune, "stay")
    type_keys(window.scan_field, small_commune.citizens[60].personal_id)
    assert not window.quit_desk()  # Ctrl+Q; the person chose to stay
    (asked,) = [a for a in window.dialogs.asked if a.startswith("quit_reminder:")]
    assert int(asked.split(":")[1]) >= 1
    assert window.isVisible()
    window.dialogs.quit_choice = "quit"
    assert window.quit_desk()


def test_quitting_anyway_closes(qtbot, uow, small_commune):
    window = a_desk(qtbot, uow, small_commune, "quit")
    type_keys(window.scan_field, small_commune.citizens[61].personal_id)
    assert window.quit_desk()
    assert any(a.startswith("quit_reminder:") for a in window.dialogs.asked)

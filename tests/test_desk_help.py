"""F1 lists every key; About says the version and where the data is."""

from __future__ import annotations

from desk_helpers import ScriptedDialogs, desk_session

from fieldapp import __version__
from fieldapp.ui.help_about import TextPage
from fieldapp.ui.main_window import MainWindow


def test_f1_shows_every_key_and_about_the_version_and_data_folder(
    qtbot, uow, small_commune, monkeypatch
):
    shown: list[TextPage] = []
    monkeypatch.setattr(TextPage, "exec", lambda self: shown.append(self) or 0)
    session = desk_session(uow, small_commune.points[0], small_commune.users[0])
    session.data_location = "/home/lan/.local/share/FieldApp/fieldapp.sqlite3"
    window = MainWindow(session, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    window.show()
    assert window.help_action.shortcut().toString() == "F1"
    window.help_action.trigger()  # offscreen windows are not active: shortcuts do not fire
    page = shown[-1].body.text()
    for key in ("F2", "Ctrl+Z", "Ctrl+E", "Ctrl+N", "Ctrl+L", "Esc", "D / S / F / R"):
        assert key in page
    window.about_action.trigger()
    about = shown[-1].body.text()
    assert __version__ in about and session.data_location in about

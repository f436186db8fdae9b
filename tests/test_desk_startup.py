"""Start-up wiring: language from settings, sign-in before the desk."""

from __future__ import annotations

from fieldapp.services import settings
from fieldapp.ui import startup
from fieldapp.ui.desk_forms import SignInDialog


def test_start_desk_signs_in_and_uses_the_stored_language(
    qtbot, engine, uow, small_commune, monkeypatch
):
    settings.set_language(uow(), "en")
    volunteer = small_commune.users[0]

    def fake_exec(dialog: SignInDialog) -> int:
        assert dialog.lang == "en"
        dialog.signed_in = volunteer
        return 1

    monkeypatch.setattr(SignInDialog, "exec", fake_exec)
    window = startup.start_desk(engine)
    qtbot.addWidget(window)
    assert window.session.user == volunteer
    assert window.session.point == small_commune.points[0]
    assert window.lang == "en"
    window.session.runner.wait()


def test_start_desk_cancelled_sign_in_opens_nothing(engine, small_commune, monkeypatch):
    monkeypatch.setattr(SignInDialog, "exec", lambda _dialog: 0)
    assert startup.start_desk(engine, lang="vi") is None

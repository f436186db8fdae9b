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


def test_the_desk_with_the_threaded_runner(qtbot, uow, small_commune):
    """Production runs service calls on a worker thread; the card still arrives."""
    from desk_helpers import ScriptedDialogs, qr_of, type_keys

    from fieldapp.domain import model as dm
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.session import DeskSession
    from fieldapp.ui.tasks import TaskRunner

    session = DeskSession(
        uow=uow,
        runner=TaskRunner(),
        lang="vi",
        point=small_commune.points[0],
        user=small_commune.users[0],
    )
    window = MainWindow(session, dialogs=ScriptedDialogs())
    qtbot.addWidget(window)
    window.show()
    citizen = small_commune.citizens[40]
    type_keys(window.scan_field, qr_of(citizen))
    qtbot.waitUntil(lambda: window.visit is not None, timeout=5000)
    assert window.card.citizen.personal_id == citizen.personal_id
    type_keys(window.scan_field, "2d", enter=False)
    qtbot.waitUntil(lambda: bool(window.undo_stack), timeout=5000)
    with uow() as u:
        last = u.repo.outcomes_for(citizen.personal_id)[-1]
    assert (last.step, last.result) == (dm.Step.EID_ACTIVATION, dm.Result.DONE)
    session.runner.wait()

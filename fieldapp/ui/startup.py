"""Wiring at start-up, in one place: session, first-run setup, sign-in, the desk."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMainWindow
from sqlalchemy import Engine

from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.permissions import Action, may
from fieldapp.services import settings, setup, store_keys
from fieldapp.services.progress import Progress
from fieldapp.services.province.setup import is_province_store
from fieldapp.services.store_keys import connect_to_accounts
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.desk_forms import SignInDialog
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.qt_words import install_qt_words
from fieldapp.ui.session import DeskSession
from fieldapp.ui.setup_dialog import SetupDialog
from fieldapp.ui.store_lock import install_idle_lock
from fieldapp.ui.store_open import Unlocked
from fieldapp.ui.tasks import TaskRunner


def start_desk(
    engine: Engine, *, lang: str | None = None, unlocked: Unlocked | None = None
) -> QMainWindow | None:
    """The desk for this installation: setup on a new store, then sign-in, then the window.

    The language is the one chosen in settings unless `lang` (from --lang) says otherwise.
    Whoever unlocked the store with their PIN (`unlocked`) is signed in without asking again.
    """
    connect_to_accounts()  # issue 15: account changes (set-up too) keep the key slots in step
    session = DeskSession(uow=lambda: SqlUnitOfWork(engine), runner=TaskRunner(), lang="vi")
    session.lang = lang or settings.language(session.uow())
    install_qt_words(session.lang)
    session.data_location = engine.url.database or engine.url.render_as_string()
    session.remove_demo = lambda: _remove_demo(engine)
    if is_province_store(session.uow()):  # issue 20: the province police's desk
        return _start_province(session, unlocked)
    if not _load_point(session):
        dialog = SetupDialog(session, demo_loader=sample_data_loader(engine, session))
        if not dialog.exec():
            return None
        if is_province_store(session.uow()):
            return _start_province(session, unlocked)
        if not _load_point(session):
            return None
    session.demo = setup.is_demo_store(session.uow())
    session.remind_export = True
    assert session.point is not None
    if unlocked is not None:
        session.user = setup.sign_in(session.uow(), unlocked.user_id, unlocked.pin)
    else:
        users = setup.users_of_point(session.uow(), session.point.id)
        sign_in = SignInDialog(session, users)
        if not sign_in.exec() or sign_in.signed_in is None:
            return None
        session.user = sign_in.signed_in
    window = MainWindow(session)
    install_idle_lock(window, session)  # issue 15: the desk locks when left alone
    if may(session.user.role, Action.VIEW_REPORTS):  # police and admins start on the dashboard
        QTimer.singleShot(0, window, window.open_police_dashboard)
    return window


def _start_province(session: DeskSession, unlocked: Unlocked | None) -> QMainWindow | None:
    """A province store: its officers sign in to the province dashboard."""
    from fieldapp.ui.province_dashboard import ProvinceDashboard

    if unlocked is not None:
        session.user = setup.sign_in(session.uow(), unlocked.user_id, unlocked.pin)
    else:
        with session.uow() as uow:
            users = [u for u in uow.repo.users() if u.support_point_id is None]
        sign_in = SignInDialog(session, users)
        if not sign_in.exec() or sign_in.signed_in is None:
            return None
        session.user = sign_in.signed_in
    window = ProvinceDashboard(session)
    install_idle_lock(window, session)
    QTimer.singleShot(0, window, window.refresh)
    return window


def sample_data_loader(
    engine: Engine, session: DeskSession, *, citizens: int = 5000
) -> Callable[[Progress], list[tuple[str, str, str]]]:
    """The set-up dialog's "try with sample data": a demo point's store, PINs set.

    Returns who can sign in: (name, role, PIN), for the dialog to show.
    """

    def load(_progress: Progress) -> list[tuple[str, str, str]]:
        from fieldapp.demo.generator import generate_commune
        from fieldapp.demo.stores import load_demo_store

        signing = load_demo_store(engine, generate_commune(citizens), police=False)
        # issue 15: each demo PIN also opens the (encrypted) store next time
        store_keys.users_pins_set(SqlUnitOfWork(engine), [(s.user, s.pin) for s in signing])
        return [(s.user.name, s.user.role.value, s.pin) for s in signing]

    return load


def _remove_demo(engine: Engine) -> bool:
    """Empty the demo store; its demo users' key slots go too (issue 15)."""
    from fieldapp.demo.stores import remove_demo_store

    removed = remove_demo_store(engine)
    if removed:
        store_keys.prune_slots(SqlUnitOfWork(engine))
    return removed


def _load_point(session: DeskSession) -> bool:
    try:
        session.point = setup.this_point(session.uow())
    except NotFoundError:
        return False
    return True

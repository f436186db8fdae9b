"""Wiring at start-up, in one place: session, first-run setup, the main window."""

from __future__ import annotations

from sqlalchemy import Engine

from fieldapp.domain.errors import NotFoundError
from fieldapp.services import setup
from fieldapp.services.progress import Progress
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.setup_dialog import SetupDialog
from fieldapp.ui.tasks import TaskRunner


def start_desk(engine: Engine, *, lang: str = "vi") -> MainWindow | None:
    """The main window for this installation; asks for setup first on a new store."""
    session = DeskSession(uow=lambda: SqlUnitOfWork(engine), runner=TaskRunner(), lang=lang)
    if not _load_point(session):

        def demo(_progress: Progress) -> None:
            from fieldapp.demo.generator import generate_commune
            from fieldapp.demo.loader import load_commune

            load_commune(engine, generate_commune(5000))

        dialog = SetupDialog(session, demo_loader=demo)
        if not dialog.exec() or not _load_point(session):
            return None
    return MainWindow(session)


def _load_point(session: DeskSession) -> bool:
    try:
        session.point = setup.this_point(session.uow())
    except NotFoundError:
        return False
    users = setup.users_of_point(session.uow(), session.point.id)
    session.user = users[0] if users else None
    return True

"""What every screen gets: how to reach the services, the task runner, who is signed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from fieldapp.domain import model as dm
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.ui.tasks import TaskRunner


@dataclass
class DeskSession:
    """Passed to windows and dialogs instead of a global main-window object."""

    uow: Callable[[], UnitOfWork]
    runner: TaskRunner
    lang: str = "vi"
    point: dm.SupportPoint | None = None
    user: dm.User | None = None

"""What every screen gets: how to reach the services, the task runner, who is signed in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from fieldapp.domain import model as dm
from fieldapp.services.progress import Progress
from fieldapp.services.unit_of_work import UnitOfWork


class Runner(Protocol):
    """Runs a service call off the GUI thread (`ui.tasks.TaskRunner`; inline in tests)."""

    def run(
        self,
        work: Callable[[Progress], Any],
        *,
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None],
    ) -> Any:
        """Start `work`; exactly one callback follows, on the GUI thread."""


@dataclass
class DeskSession:
    """Passed to windows and dialogs instead of a global main-window object."""

    uow: Callable[[], UnitOfWork]
    runner: Any  # a Runner; Any keeps the runners' extra arguments (progress, cancel) usable
    lang: str = "vi"
    point: dm.SupportPoint | None = None
    user: dm.User | None = None
    demo: bool = False  # a store of sample data: the window says DEMO
    remove_demo: Callable[[], bool] | None = None  # empties a demo store (wired at start-up)
    remind_export: bool = False  # on quit, remind to export a bundle (the real app: True)
    data_location: str = ""  # where the store lives, for the About box and the demo button

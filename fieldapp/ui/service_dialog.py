"""A dialog whose buttons run services on the task runner and say the outcome in one line.

The teams and units screens share it: questions to the user are methods tests replace
(`ask_text`, `ask_open_file`, `ask_save_file`), a service call runs off the GUI thread, its
outcome (or its refusal, in the user's language) shows under the table, then the screen
reads itself again (`refresh`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QDialog, QInputDialog, QLabel, QWidget

from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.ui.qt_words import open_file_path, save_file_path
from fieldapp.ui.session import DeskSession

_RED = "#b3261e"
_LIST_FILES = "Excel / CSV (*.xlsx *.xls *.csv *.ods)"
_REPORT_FILES = "PDF (*.pdf);;Excel (*.xlsx)"


class ServiceDialog(QDialog):
    """`message` says what the last action did; subclasses give `refresh` and the titles."""

    OPEN_TITLE = ""  # message id of the file chooser's title (a list to import)
    SAVE_TITLE = ""  # message id of the save dialog's title (a report)

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.message = QLabel()
        self.message.setWordWrap(True)

    def refresh(self) -> None:
        """Read what the screen shows again (subclasses)."""

    # --- questions tests replace ---
    def ask_text(self, title: str, current: str = "") -> str:
        """A line of text from the user ("" when cancelled)."""
        text, ok = QInputDialog.getText(self, title, title, text=current)
        return text if ok else ""

    def ask_open_file(self) -> str:
        """A list file to import, from the stick or Documents ("" when cancelled)."""
        return open_file_path(self, tr(self.OPEN_TITLE, self.lang), _LIST_FILES)

    def ask_save_file(self, suggested: str) -> str:
        """Where to save a report, in Documents ("" when cancelled); .xlsx saves a sheet."""
        return save_file_path(self, tr(self.SAVE_TITLE, self.lang), suggested, _REPORT_FILES)

    # --- running and saying ---
    def run_action(
        self, action: Callable[[Callable[[], UnitOfWork]], Any], said: Callable[[Any], str]
    ) -> None:
        """Run `action(uow_factory)` on the runner; say `said(result)`, then refresh."""
        uow = self.session.uow

        def done(result: Any) -> None:
            self.say(said(result))
            self.refresh()

        self.session.runner.run(lambda _p: action(uow), on_success=done, on_failure=self.failed)

    def say(self, text: str, *, error: bool = False) -> None:
        """One line under the table; red for a refusal."""
        self.message.setStyleSheet(f"color: {_RED}" if error else "")
        self.message.setText(text)

    def failed(self, error: BaseException) -> None:
        """A refusal in the user's language; anything else named, not shown as a traceback."""
        if isinstance(error, FieldAppError):
            self.say(error_text(error, self.lang), error=True)
        else:
            self.say(tr("task.unexpected", self.lang, detail=type(error).__name__), error=True)

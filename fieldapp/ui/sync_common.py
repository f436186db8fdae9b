"""Shared bits of the sync screens: where the keys live, choosing a stick or a folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QPushButton, QWidget

from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import sync
from fieldapp.sync.drives import removable_drives
from fieldapp.sync.keys import Keyring
from fieldapp.ui.qt_words import choose_folder
from fieldapp.ui.session import DeskSession


def keyring_of(session: DeskSession) -> Keyring:
    """The keys beside the store the session works on (or in the data folder)."""
    engine = getattr(session.uow(), "engine", None)
    if engine is None:
        return sync.keyring_for("")
    return sync.keyring_for(engine.url.render_as_string(hide_password=False), engine)


def failure_text(error: Exception, lang: str) -> str:
    """A worker's error as one line for the user."""
    if isinstance(error, FieldAppError):
        return error_text(error, lang)
    return tr("task.unexpected", lang, detail=type(error).__name__)


class FolderPicker(QWidget):
    """A list of detected USB sticks, plus "Choose a folder…"."""

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.combo = QComboBox()
        self.combo.setObjectName("folderCombo")
        self.choose = QPushButton(tr("sync.ui.choose_folder", lang))
        self.choose.clicked.connect(self._choose)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.combo, 1)
        layout.addWidget(self.choose)
        self.refresh()

    def refresh(self) -> None:
        """Look for sticks again (one may have just been plugged in)."""
        self.combo.clear()
        for drive in removable_drives():
            self.combo.addItem(tr("sync.ui.drive", self.lang, path=str(drive)), str(drive))

    def set_folder(self, folder: Path) -> None:
        """Select a folder (adding it to the list)."""
        index = self.combo.findData(str(folder))
        if index < 0:
            self.combo.addItem(str(folder), str(folder))
            index = self.combo.count() - 1
        self.combo.setCurrentIndex(index)

    def folder(self) -> Path | None:
        """The chosen folder, if any."""
        data = self.combo.currentData()
        return None if data is None else Path(data)

    def _choose(self) -> None:
        chosen = choose_folder(self, tr("sync.ui.choose_folder", self.lang))
        if chosen:
            self.set_folder(Path(chosen))

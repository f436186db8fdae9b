"""Qt's own words in the desk's language, and where file dialogs open.

PySide6 ships no Vietnamese translation of Qt (no qtbase_vi.qm), so OK/Cancel, Save/Open and
the file dialog's "Look in:" stayed English on a Vietnamese desk. `CatalogueTranslator` answers
Qt's contexts from our own catalogue (`fieldapp/i18n/catalogue/qt_words.py`).

File dialogs used to start in the program's current folder (the install folder on Windows):
`documents_folder()` and `stick_or_documents()` give the user's Documents folder, or the USB
stick when one is plugged in and the file is meant for a stick.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QStandardPaths, QTranslator
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QWidget

from fieldapp.i18n import all_messages, tr
from fieldapp.sync.drives import removable_drives

_NAME = "fieldappQtWords"


class CatalogueTranslator(QTranslator):
    """Qt's words from the catalogue: ids `qt.<context>|<source>`, Vietnamese only."""

    def __init__(self, lang: str, parent: QCoreApplication | None = None) -> None:
        super().__init__(parent)  # the application owns it: it lives as long as it is used
        self.setObjectName(_NAME)
        self.lang = lang

    def translate(  # noqa: D102 - Qt's own signature
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        del disambiguation, n
        if self.lang != "vi":
            return None  # None (a null string), not "": Qt's English stays
        texts = all_messages().get(f"qt.{context}|{source}")
        return texts[0] if texts else None

    def isEmpty(self) -> bool:  # noqa: N802, D102
        return self.lang != "vi"


def install_qt_words(lang: str) -> QTranslator | None:
    """Translate Qt's own words into `lang` from now on (the previous one is removed)."""
    app = QCoreApplication.instance()
    if app is None:
        return None
    for old in app.findChildren(QTranslator, _NAME):
        app.removeTranslator(old)
        old.deleteLater()
    if lang != "vi":
        return None  # Qt speaks English by itself
    translator = CatalogueTranslator(lang, app)
    app.installTranslator(translator)
    return translator


def documents_folder() -> Path:
    """The user's Documents folder (their home when there is none), never the program's."""
    found = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if found and Path(found).is_dir():
        return Path(found)
    return Path.home()


def stick_or_documents() -> Path:
    """The first USB stick plugged in, else Documents: for files that travel on a stick."""
    drives = removable_drives()
    return drives[0] if drives else documents_folder()


def save_file_path(
    parent: QWidget | None, title: str, file_name: str, filters: str = "", *, stick: bool = False
) -> str:
    """Qt's save dialog, opened in Documents (or on the stick); '' when cancelled."""
    folder = stick_or_documents() if stick else documents_folder()
    path, _ = QFileDialog.getSaveFileName(parent, title, str(folder / file_name), filters)
    return path


def open_file_path(parent: QWidget | None, title: str, filters: str = "") -> str:
    """Qt's open dialog, opened on the stick if one is plugged in, else in Documents."""
    path, _ = QFileDialog.getOpenFileName(parent, title, str(stick_or_documents()), filters)
    return path


def open_file_paths(parent: QWidget | None, title: str, filters: str = "") -> list[str]:
    """Qt's open dialog for one file or several, opened on the stick or in Documents."""
    paths, _ = QFileDialog.getOpenFileNames(parent, title, str(stick_or_documents()), filters)
    return list(paths)


def choose_folder(parent: QWidget | None, title: str) -> str:
    """Qt's folder dialog, opened on the stick if one is plugged in, else in Documents."""
    return QFileDialog.getExistingDirectory(parent, title, str(stick_or_documents()))


def action_cancel_buttons(
    dialog: QDialog, lang: str, action: str, on_action: Callable[[], None]
) -> QDialogButtonBox:
    """The dialog's own action (its words, the default button) and Cancel, in our words."""
    box = QDialogButtonBox()
    box.addButton(action, QDialogButtonBox.ButtonRole.AcceptRole).setDefault(True)
    box.addButton(tr("button.cancel", lang), QDialogButtonBox.ButtonRole.RejectRole)
    box.accepted.connect(on_action)
    box.rejected.connect(dialog.reject)
    return box

"""The sync area's menu actions, added to the main window in one call."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from fieldapp.i18n import tr
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_export import ExportBundleDialog
from fieldapp.ui.sync_import import ImportBundlesDialog
from fieldapp.ui.sync_keys import open_keys_dialog


def add_sync_actions(menu: QMenu, session: DeskSession, parent: QWidget) -> list[QAction]:
    """Add "Export a bundle…", "Import bundles…" and "Sync keys…"; each opens its dialog."""
    export = QAction(tr("sync.ui.menu_export", session.lang), parent)
    export.setObjectName("syncExport")
    export.triggered.connect(lambda: ExportBundleDialog(session, parent=parent).exec())
    importing = QAction(tr("sync.ui.menu_import", session.lang), parent)
    importing.setObjectName("syncImport")
    importing.setShortcut("Ctrl+O")  # issue 12: the stick one key away
    importing.triggered.connect(lambda: ImportBundlesDialog(session, parent=parent).exec())
    keys = QAction(tr("sync.keys_ui.menu", session.lang), parent)
    keys.setObjectName("syncKeys")
    keys.triggered.connect(lambda: open_keys_dialog(session, parent))
    menu.addAction(export)
    menu.addAction(importing)
    menu.addAction(keys)
    return [export, importing, keys]

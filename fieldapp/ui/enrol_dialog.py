"""At the police: enrol a point's key card, with the villages whose lists go back to it.

The fingerprint is the one read on the point's screen; the villages are ticked from the
commune's list (the service refuses a name it does not know). Without a village ticked the
point is enrolled and its villages can be chosen later.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import tr
from fieldapp.ui.qt_words import action_cancel_buttons


class EnrolPointDialog(QDialog):
    """The fingerprint typed from the point's screen, and the point's villages ticked."""

    def __init__(self, lang: str, villages: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.setWindowTitle(tr("desk_finish.enrol.title", lang))
        self.fingerprint = QLineEdit()
        self.fingerprint.setMinimumWidth(380)
        self.villages = QListWidget()
        for name in villages:
            item = QListWidgetItem(name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.villages.addItem(item)
        self.villages.itemActivated.connect(self._toggle)
        self.message = QLabel()
        self.message.setStyleSheet("color: #b3261e; font-weight: bold")
        buttons = action_cancel_buttons(
            self, lang, tr("desk_finish.enrol.button", lang), self._accept_if_typed
        )
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(tr("sync.keys_ui.type_point_fp", lang)))
        layout.addWidget(self.fingerprint)
        layout.addWidget(QLabel(tr("desk_finish.enrol.villages", lang)))
        layout.addWidget(self.villages, 1)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def chosen_villages(self) -> list[str]:
        """The villages ticked, in list order."""
        return [
            self.villages.item(i).text()
            for i in range(self.villages.count())
            if self.villages.item(i).checkState() == Qt.CheckState.Checked
        ]

    def tick(self, names: Sequence[str]) -> None:
        """Tick these villages (the rest unticked)."""
        for i in range(self.villages.count()):
            item = self.villages.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.text() in names else Qt.CheckState.Unchecked
            )

    def _toggle(self, item: QListWidgetItem) -> None:
        checked = item.checkState() == Qt.CheckState.Checked
        item.setCheckState(Qt.CheckState.Unchecked if checked else Qt.CheckState.Checked)

    def _accept_if_typed(self) -> None:
        if not self.fingerprint.text().strip():
            self.message.setText(tr("desk_finish.enrol.no_fingerprint", self.lang))
            return
        self.accept()

"""The province desk's communes tab: keys (enrolled, revoked, none), held summaries, deadline.

Each commune's key, the summaries held from unknown keys, revoking a key, and the daily
report deadline, from `services.province.commune_keys` / `setup` on the task runner.
Revoking asks first, showing the commune's name and fingerprint, as enrolling does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, QTime
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import tr
from fieldapp.i18n.formats import date_text
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.progress import Progress
from fieldapp.services.province import commune_keys as ck
from fieldapp.services.province import setup as ps
from fieldapp.services.province.communes import ProvinceCommuneInfo
from fieldapp.services.sync.keys import HeldBundle
from fieldapp.ui.desk_today import ROW_ROLE
from fieldapp.ui.session import DeskSession
from fieldapp.ui.table_model import RowTableModel
from fieldapp.ui.teams_screen import table_view

_Index = QModelIndex | QPersistentModelIndex
Row = TypeVar("Row")
COL_CODE, COL_NAME, COL_DISTRICT, COL_STATUS, COL_FINGERPRINT = range(5)
STATUS_COLOURS = {"enrolled": "#b7e1cd", "revoked": "#f4c7c3", "not_enrolled": "#e8eaed"}
_COMMUNE_HEADERS = {
    COL_CODE: "province.keys.col.code",
    COL_NAME: "province.col.commune",
    COL_DISTRICT: "province.keys.col.district",
    COL_STATUS: "province.keys.col.status",
    COL_FINGERPRINT: "province.keys.col.fingerprint",
}


class _TextRows(RowTableModel[Row]):
    """Rows shown as text, the row object under ROW_ROLE, and a background per row."""

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Text (and tooltip), the row itself (ROW_ROLE), its colour if it has one."""
        row = self.row_at(index)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.BackgroundRole:
            return self.background(row)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self.text(row, index.column())
        return None

    def text(self, row: Row, column: int) -> str:
        """One cell's text."""
        raise NotImplementedError

    def background(self, row: Row) -> QColor | None:
        """The row's colour (none by default)."""
        return None


class CommunesModel(_TextRows[ProvinceCommuneInfo]):
    """One row per commune of the province, tinted by its key's state."""

    HEADERS = _COMMUNE_HEADERS

    def text(self, row: ProvinceCommuneInfo, column: int) -> str:
        """Code, name, district, the key's state, its fingerprint."""
        if column == COL_STATUS:
            return tr(f"province.keys.status.{row.status}", self.lang)
        values = {COL_CODE: row.code, COL_NAME: row.name, COL_DISTRICT: row.district,
                  COL_FINGERPRINT: row.fingerprint}  # fmt: skip
        return values.get(column, "")

    def background(self, row: ProvinceCommuneInfo) -> QColor | None:
        """Green enrolled, red revoked, grey not enrolled."""
        return QColor(STATUS_COLOURS[row.status])


COL_HELD_SENDER, COL_HELD_FINGERPRINT, COL_HELD_FILE, COL_HELD_RECEIVED = range(4)
_HELD_HEADERS = {
    COL_HELD_SENDER: "province.keys.col.sender",
    COL_HELD_FINGERPRINT: "province.keys.col.fingerprint",
    COL_HELD_FILE: "province.keys.col.file",
    COL_HELD_RECEIVED: "province.keys.col.received",
}


class HeldModel(_TextRows[HeldBundle]):
    """Summaries held aside from keys no commune is enrolled with (yet)."""

    HEADERS = _HELD_HEADERS

    def text(self, row: HeldBundle, column: int) -> str:
        """Who it says it is from, the key's fingerprint, the file, when it came."""
        received = row.received_at.astimezone(LOCAL_TZ)
        values = {
            COL_HELD_SENDER: row.sender,
            COL_HELD_FINGERPRINT: row.fingerprint,
            COL_HELD_FILE: row.file_name,
            COL_HELD_RECEIVED: f"{received:%H:%M} {date_text(received.date(), self.lang)}",
        }
        return values.get(column, "")


class CommunesPanel(QWidget):
    """Communes and their keys, the held summaries, revoke, and the report deadline."""

    def __init__(
        self,
        session: DeskSession,
        *,
        say: Callable[[str], None],
        failed: Callable[[Exception], None],
        changed: Callable[[], None],
    ) -> None:
        super().__init__()
        self.session, self.lang = session, session.lang
        self._say, self._failed, self._changed = say, failed, changed
        lang = self.lang
        self.counts = QLabel("")
        self.counts.setObjectName("keyCounts")
        self.counts.setStyleSheet("font-weight: bold")
        self.deadline = QTimeEdit()
        self.deadline.setObjectName("deadline")
        self.deadline.setDisplayFormat("HH:mm")
        self.save_deadline = QPushButton(tr("province.keys.save_deadline", lang))
        self.save_deadline.setObjectName("saveDeadline")
        self.save_deadline.clicked.connect(lambda: self.set_deadline())
        self.revoke = QPushButton(tr("province.keys.revoke", lang))
        self.revoke.setObjectName("revoke")
        self.revoke.clicked.connect(lambda: self.revoke_selected())
        self.model = CommunesModel(lang, self)
        self.table = table_view(self.model)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        self.held = HeldModel(lang, self)
        self.held_view = table_view(self.held)
        self.held_title = QLabel("")

        top = QHBoxLayout()
        top.addWidget(self.counts, 1)
        top.addWidget(QLabel(tr("province.keys.deadline", lang)))
        top.addWidget(self.deadline)
        top.addWidget(self.save_deadline)
        top.addSpacing(24)
        top.addWidget(self.revoke)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        below_layout.addWidget(self.held_title)
        below_layout.addWidget(self.held_view)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(self.table)
        split.addWidget(below)
        split.setSizes([420, 160])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(split, 1)
        self._selection_changed()

    # reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The communes' keys, the held summaries and the deadline, on the runner."""
        session = self.session
        actor = session.user
        assert actor is not None

        def work(_progress: Progress) -> tuple[ck.CommuneKeys, str]:
            return ck.commune_keys(session.uow(), actor=actor), ps.report_deadline(session.uow())

        session.runner.run(work, on_success=self.show_keys, on_failure=self._failed)

    def show_keys(self, found: tuple[ck.CommuneKeys, str]) -> None:
        """Draw what `refresh` read."""
        keys, deadline = found
        lang = self.lang
        self.model.set_rows(list(keys.communes))
        self.held.set_rows(list(keys.held))
        self.counts.setText(
            tr(
                "province.keys.counts",
                lang,
                enrolled=keys.count("enrolled"),
                revoked=keys.count("revoked"),
                not_enrolled=keys.count("not_enrolled"),
                held=len(keys.held),
            )
        )
        self.held_title.setText(tr("province.keys.held_title", lang, count=len(keys.held)))
        hour, minute = (int(part) for part in deadline.split(":"))
        self.deadline.setTime(QTime(hour, minute))
        self._selection_changed()

    def selected(self) -> ProvinceCommuneInfo | None:
        """The commune chosen in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        return self.model.data(rows[0], ROW_ROLE) if rows else None

    def _selection_changed(self, *_args: object) -> None:
        chosen = self.selected()
        self.revoke.setEnabled(chosen is not None and chosen.status == "enrolled")

    # actions ---------------------------------------------------------------------------------
    def revoke_selected(self, *, confirmed: bool = False) -> None:
        """Revoke the chosen commune's key once the officer confirmed name and fingerprint."""
        chosen = self.selected()
        if chosen is None or chosen.status != "enrolled":
            return
        lang = self.lang
        if not confirmed:
            answer = QMessageBox.question(
                self,
                tr("province.keys.revoke", lang),
                tr("province.keys.confirm_revoke", lang, name=chosen.name,
                   fingerprint=chosen.fingerprint),
            )  # fmt: skip
            if answer != QMessageBox.StandardButton.Yes:
                return
        session, actor = self.session, self.session.user
        assert actor is not None
        target = chosen.code or chosen.fingerprint

        def work(_progress: Progress) -> str:
            info = ck.revoke_commune(session.uow(), target, actor=actor)
            return tr("province.keys.revoked", lang, name=info.name, fingerprint=info.fingerprint)

        session.runner.run(work, on_success=self._done, on_failure=self._failed)

    def set_deadline(self, value: str | None = None) -> None:
        """Keep the deadline typed (HH:MM); the dashboard's late list follows it."""
        text = value or self.deadline.time().toString("HH:mm")
        session, actor, lang = self.session, self.session.user, self.lang
        assert actor is not None

        def work(_progress: Progress) -> str:
            saved = ps.set_report_deadline(session.uow(), text, actor=actor)
            return tr("province.keys.deadline_saved", lang, value=saved)

        session.runner.run(work, on_success=self._done, on_failure=self._failed)

    def _done(self, text: str) -> None:
        self._say(text)
        self.refresh()
        self._changed()

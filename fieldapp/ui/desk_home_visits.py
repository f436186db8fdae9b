"""Home visits: who should be visited at home, by village, and recording such a visit.

The list and its rule come from `fieldapp.services.home_visits`; this page only shows them.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import model as dm
from fieldapp.domain.text import fold
from fieldapp.i18n import tr
from fieldapp.i18n.describe import next_steps_text
from fieldapp.services.home_visits import HomeVisitCandidate
from fieldapp.ui.desk_today import FILTER_ROLE, ROW_ROLE, SORT_ROLE, FoldingFilterProxy
from fieldapp.ui.table_model import RowTableModel

COL_NAME, COL_AGE, COL_VILLAGE, COL_GROUP, COL_REASONS, COL_NEXT = range(6)
COLUMNS = (COL_NAME, COL_AGE, COL_VILLAGE, COL_GROUP, COL_REASONS, COL_NEXT)
_HEADERS = {
    COL_NAME: "desk.home.col.name",
    COL_AGE: "desk.home.col.age",
    COL_VILLAGE: "desk.home.col.village",
    COL_GROUP: "desk.home.col.group",
    COL_REASONS: "desk.home.col.reasons",
    COL_NEXT: "desk.home.col.next",
}
_Index = QModelIndex | QPersistentModelIndex


class HomeVisitsModel(RowTableModel[HomeVisitCandidate]):
    """One row per citizen to visit at home."""

    HEADERS = _HEADERS

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text, the candidate (ROW_ROLE), sort and filter keys."""
        row = self.row_at(index)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(row, index.column())
        if role == SORT_ROLE:
            if index.column() == COL_AGE:
                return row.age if row.age is not None else -1
            return fold(self._text(row, index.column()))
        if role == FILTER_ROLE:
            return fold(" ".join(self._text(row, c) for c in COLUMNS))
        return None

    def _text(self, row: HomeVisitCandidate, column: int) -> str:
        lang = self.lang
        if column == COL_NAME:
            return row.citizen.full_name
        if column == COL_AGE:
            return "" if row.age is None else str(row.age)
        if column == COL_VILLAGE:
            return row.village_name
        if column == COL_GROUP:
            group = row.status.beneficiary_group
            return "" if group is None else tr(f"group.{group.value}", lang)
        if column == COL_REASONS:
            return ", ".join(tr(f"desk.home.reason.{r.value}", lang) for r in row.reasons)
        lines = next_steps_text(row.status, lang)
        return lines[0] if lines else ""


class HomeVisitsPage(QWidget):
    """Village picker, the list, and "record a home visit" (Enter or Ctrl+H)."""

    village_changed = Signal(object)  # village id or None
    visit_requested = Signal(object)  # HomeVisitCandidate

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.model = HomeVisitsModel(lang, self)
        self.proxy = FoldingFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.village = QComboBox()
        self.village.setMinimumWidth(240)
        self.village.currentIndexChanged.connect(self._village_picked)
        self.count = QLabel()
        self.count.setStyleSheet("font-weight: bold")
        rule = QLabel(tr("desk.home.rule", lang))
        rule.setWordWrap(True)
        rule.setStyleSheet("color: #5f6368")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_VILLAGE, Qt.SortOrder.AscendingOrder)  # stable: by name
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(COL_NEXT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (COL_NAME, 200),
            (COL_AGE, 50),
            (COL_VILLAGE, 130),
            (COL_GROUP, 190),
            (COL_REASONS, 250),
        ):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _index: self.request_visit())
        self.record = QPushButton(tr("desk.action.home_visit", lang) + "  (Ctrl+H)")
        self.record.clicked.connect(self.request_visit)
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("desk.home.village", lang)))
        top.addWidget(self.village)
        top.addWidget(self.count, 1)
        top.addWidget(self.record)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(rule)
        layout.addWidget(self.table, 1)

    def set_villages(self, villages: Sequence[dm.Village]) -> None:
        """Fill the village picker ("all villages" first)."""
        self.village.blockSignals(True)
        self.village.clear()
        self.village.addItem(tr("desk.home.all_villages", self.lang), None)
        for village in villages:
            self.village.addItem(village.name, str(village.id))
        self.village.blockSignals(False)

    def current_village_id(self) -> uuid.UUID | None:
        """The picked village's id, or None for all villages."""
        data = self.village.currentData()
        return uuid.UUID(data) if data else None

    def select_village(self, village_id: uuid.UUID | None) -> None:
        """Pick a village by id (the point's own, at first)."""
        index = self.village.findData(str(village_id) if village_id else None)
        if index >= 0:
            self.village.setCurrentIndex(index)

    def set_rows(self, rows: Sequence[HomeVisitCandidate]) -> None:
        """Show a new list."""
        self.model.set_rows(rows)
        self.count.setText(tr("desk.home.count", self.lang, count=len(rows)))
        if rows:
            self.table.selectRow(0)

    def selected(self) -> HomeVisitCandidate | None:
        """The candidate under the cursor."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, ROW_ROLE)

    def request_visit(self) -> None:
        """Ask the desk to record a home visit for the selected citizen."""
        self.visit_requested.emit(self.selected())

    def _village_picked(self, _index: int) -> None:
        self.village_changed.emit(self.current_village_id())

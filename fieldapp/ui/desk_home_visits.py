"""Home visits: who cannot come to the point, by village, and recording such a visit.

The list and its rule come from `fieldapp.services.home_visits`; this page only shows them,
with the address and the phone (last 4 digits, as on every list), and the time of a visit
done earlier in the day.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTime,
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
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import model as dm
from fieldapp.domain.text import fold
from fieldapp.i18n import tr
from fieldapp.i18n.describe import next_steps_text
from fieldapp.services.clock import LOCAL_TZ, utc_now
from fieldapp.services.home_visits import HomeVisitCandidate
from fieldapp.ui.desk_today import FILTER_ROLE, ROW_ROLE, SORT_ROLE, FoldingFilterProxy
from fieldapp.ui.table_model import RowTableModel

COL_NAME, COL_AGE, COL_VILLAGE, COL_ADDRESS, COL_PHONE, COL_REASONS, COL_NEXT = range(7)
COLUMNS = (COL_NAME, COL_AGE, COL_VILLAGE, COL_ADDRESS, COL_PHONE, COL_REASONS, COL_NEXT)
_HEADERS = {
    COL_NAME: "desk.home.col.name",
    COL_AGE: "desk.home.col.age",
    COL_VILLAGE: "desk.home.col.village",
    COL_ADDRESS: "desk_finish.home.col.address",
    COL_PHONE: "desk_finish.home.col.phone",
    COL_REASONS: "desk.home.col.reasons",
    COL_NEXT: "desk.home.col.next",
}
NOW_SLACK_SECONDS = 120  # a time within two minutes of now is "now"
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
        if column == COL_ADDRESS:
            return row.citizen.address
        if column == COL_PHONE:
            return row.masked_phone
        if column == COL_REASONS:
            return ", ".join(tr(f"desk.home.reason.{r.value}", lang) for r in row.reasons)
        lines = next_steps_text(row.status, lang)
        return lines[0] if lines else ""


class HomeVisitsPage(QWidget):
    """Village picker, the list, and "record a home visit" (Enter or Ctrl+H)."""

    village_changed = Signal(object)  # village id or None
    visit_requested = Signal(object)  # HomeVisitCandidate
    can_travel = Signal(object)  # HomeVisitCandidate: marked as able to come to the point

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
        self.rule = QLabel(tr("desk.home.rule", lang, age=75))
        self.rule.setWordWrap(True)
        self.rule.setStyleSheet("color: #5f6368")
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
            (COL_NAME, 180),
            (COL_AGE, 45),
            (COL_VILLAGE, 120),
            (COL_ADDRESS, 250),
            (COL_PHONE, 105),
            (COL_REASONS, 200),
        ):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _index: self.request_visit())
        self.record = QPushButton(tr("desk.action.home_visit", lang) + "  (Ctrl+H)")
        self.record.clicked.connect(self.request_visit)
        self.visit_time = QTimeEdit()  # a visit done earlier today: its time, not after now
        self.visit_time.setDisplayFormat("HH:mm")
        self.visit_time.setObjectName("visitTime")
        self.travels = QPushButton(tr("desk_finish.home.can_travel", lang))
        self.travels.clicked.connect(lambda: self.can_travel.emit(self.selected()))
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("desk.home.village", lang)))
        top.addWidget(self.village)
        top.addWidget(self.count, 1)
        top.addWidget(self.travels)
        top.addWidget(QLabel(tr("desk_finish.home.visit_time", lang)))
        top.addWidget(self.visit_time)
        top.addWidget(self.record)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.rule)
        layout.addWidget(self.table, 1)
        self.reset_time()

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

    def set_rows(self, rows: Sequence[HomeVisitCandidate], age: int | None = None) -> None:
        """Show a new list (and the age it was built with)."""
        self.model.set_rows(rows)
        self.count.setText(tr("desk.home.count", self.lang, count=len(rows)))
        if age is not None:
            self.rule.setText(tr("desk.home.rule", self.lang, age=age))
        if rows:
            self.table.selectRow(0)
        self.reset_time()

    def reset_time(self, now: datetime | None = None) -> None:
        """The time picker back to now, which is also the latest it allows."""
        moment = (now or utc_now()).astimezone(LOCAL_TZ)
        current = QTime(moment.hour, moment.minute)
        self.visit_time.setMaximumTime(current)
        self.visit_time.setTime(current)

    def visit_at(self, now: datetime | None = None) -> datetime | None:
        """When the visit was made: None for now, else today at the picked time (local)."""
        moment = (now or utc_now()).astimezone(LOCAL_TZ)
        picked = self.visit_time.time()
        chosen = moment.replace(hour=picked.hour(), minute=picked.minute(), second=0,
                                microsecond=0)  # fmt: skip
        if abs((moment - chosen).total_seconds()) < NOW_SLACK_SECONDS:
            return None
        return chosen

    def selected(self) -> HomeVisitCandidate | None:
        """The candidate under the cursor."""
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.proxy.data(index, ROW_ROLE)

    def selected_at(self, row: int) -> HomeVisitCandidate | None:
        """The candidate shown on a row of the (sorted, filtered) table."""
        return self.proxy.data(self.proxy.index(row, COL_NAME), ROW_ROLE)

    def request_visit(self) -> None:
        """Ask the desk to record a home visit for the selected citizen."""
        self.visit_requested.emit(self.selected())

    def _village_picked(self, _index: int) -> None:
        self.village_changed.emit(self.current_village_id())

"""Today: the day's visits at this point, a sortable, filterable table with counts.

`TodayModel` is a plain table model over `VisitLine`s (tested without widgets): named
column constants, `ROW_ROLE` gives the line itself, `set_rows()` resets, `upsert()` sends
`dataChanged` for one row. `FoldingFilterProxy` filters ignoring case and diacritics.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.personal_id import PersonalId
from fieldapp.domain.status import active_outcomes
from fieldapp.domain.text import fold
from fieldapp.i18n import tr
from fieldapp.services import desk
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.lookup import VisitLine
from fieldapp.ui.table_model import RowTableModel

COL_TIME, COL_NAME, COL_ID, COL_PLACE, COL_USER, COL_OUTCOMES = range(6)
COLUMNS = (COL_TIME, COL_NAME, COL_ID, COL_PLACE, COL_USER, COL_OUTCOMES)
_HEADERS = {
    COL_TIME: "desk.today.col.time",
    COL_NAME: "desk.today.col.name",
    COL_ID: "desk.today.col.id",
    COL_PLACE: "desk.today.col.place",
    COL_USER: "desk.today.col.user",
    COL_OUTCOMES: "desk.today.col.outcomes",
}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
FILTER_ROLE = Qt.ItemDataRole.UserRole + 3

_Index = QModelIndex | QPersistentModelIndex


def outcomes_text(line: VisitLine, lang: str) -> str:
    """'Kích hoạt tài khoản ĐDĐT: Đã xong; …' for the visit's outcomes that still count."""
    shown = active_outcomes(line.outcomes)
    if not shown:
        return tr("desk.today.no_outcome", lang)
    return "; ".join(
        f"{tr('step.' + o.step.value, lang)}: {tr('result.' + o.result.value, lang)}" for o in shown
    )


class TodayModel(RowTableModel[VisitLine]):
    """The day's visits, one row per visit."""

    HEADERS = _HEADERS

    def row_of(self, visit_id: uuid.UUID) -> int:
        """The row of a visit, or -1."""
        return next((i for i, r in enumerate(self._rows) if r.visit.id == visit_id), -1)

    def upsert(self, line: VisitLine) -> None:
        """Update one visit's row (dataChanged), or add it at the top when new."""
        row = self.row_of(line.visit.id)
        if row >= 0:
            self._rows[row] = line
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))
            return
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, line)
        self.endInsertRows()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text to show, the line itself (ROW_ROLE), sort keys and folded filter text."""
        line = self.row_at(index)
        if line is None:
            return None
        column = index.column()
        if role == ROW_ROLE:
            return line
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._text(line, column)
        if role == SORT_ROLE:
            if column == COL_TIME:
                return line.visit.occurred_at.timestamp()
            return fold(self._text(line, column))
        if role == FILTER_ROLE:
            return fold(" ".join(self._text(line, c) for c in COLUMNS))
        return None

    def _text(self, line: VisitLine, column: int) -> str:
        visit = line.visit
        if column == COL_TIME:
            return f"{visit.occurred_at.astimezone(LOCAL_TZ):%H:%M}"
        if column == COL_NAME:
            return line.citizen_name
        if column == COL_ID:
            return PersonalId(visit.personal_id).masked
        if column == COL_PLACE:
            return tr(f"place.{visit.place.value}", self.lang)
        if column == COL_USER:
            return line.user_name
        return outcomes_text(line, self.lang)


class FoldingFilterProxy(QSortFilterProxyModel):
    """Sorts by SORT_ROLE, filters on FILTER_ROLE: "huong" finds "Hương"."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._query = ""
        self.setSortRole(SORT_ROLE)

    def set_query(self, text: str) -> None:
        """Filter by a folded text."""
        if hasattr(self, "beginFilterChange"):  # Qt 6.9+
            self.beginFilterChange()
            self._query = fold(text)
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:  # pragma: no cover - older Qt
            self._query = fold(text)
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:  # noqa: N802
        """A row matches when its folded text holds the folded query."""
        if not self._query:
            return True
        model = self.sourceModel()
        text = model.data(model.index(source_row, 0, source_parent), FILTER_ROLE)
        return self._query in (text or "")


def counts_text(lines: Sequence[VisitLine], lang: str) -> str:
    """'12 lượt · Đã xong 8 · …'."""
    counts = desk.count_outcomes(lines)
    return tr(
        "desk.today.counts",
        lang,
        visits=len(lines),
        **{result.value: count for result, count in counts.items()},
    )


class TodayPage(QWidget):
    """The table, its filter box and the counts per outcome; Enter on a row opens its card."""

    row_opened = Signal(object)  # the VisitLine of the row

    def __init__(self, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lang = lang
        self.model = TodayModel(lang, self)
        self.proxy = FoldingFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(tr("desk.today.filter", lang))
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.proxy.set_query)
        self.counts = QLabel()
        self.counts.setStyleSheet("font-weight: bold")
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_TIME, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(COL_OUTCOMES, QHeaderView.ResizeMode.Stretch)
        for column, width in ((COL_TIME, 60), (COL_NAME, 220), (COL_ID, 140), (COL_PLACE, 150)):
            self.table.setColumnWidth(column, width)
        self.table.setColumnWidth(COL_USER, 170)
        self.table.activated.connect(self._open_row)  # Enter or double-click
        self.model.modelReset.connect(self._recount)
        self.model.dataChanged.connect(self._recount)
        self.model.rowsInserted.connect(self._recount)
        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.counts)
        layout.addWidget(self.table, 1)
        self._recount()

    def _open_row(self, index: QModelIndex) -> None:
        line = self.proxy.data(index, ROW_ROLE)
        if line is not None:
            self.row_opened.emit(line)

    def _recount(self, *_args: object) -> None:
        self.counts.setText(counts_text(self.model.rows(), self.lang))

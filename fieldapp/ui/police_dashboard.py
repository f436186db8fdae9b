"""The commune police's dashboard: key figures, bars by village, a line per day, tables.

The figures are computed on the task runner (a busy line shows meanwhile); the screen only
draws what `report_output.dashboard` returns. Tables show the same tables the reports print.
"""

from __future__ import annotations

import textwrap
from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QFont, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.documents.report_model import Cell, CellKind, Table, cell_text
from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.i18n.formats import count_text, date_text, day_month_time_text, percent_text
from fieldapp.services import report_output
from fieldapp.services.progress import Progress
from fieldapp.services.report_document import (
    banks_table,
    payment_table,
    period_text,
    units_table,
)
from fieldapp.services.report_output import since_text
from fieldapp.services.reports import UNKNOWN
from fieldapp.ui.fit import fit_to_screen
from fieldapp.ui.report_charts import Bar, BarChart, LineChart, Series
from fieldapp.ui.session import DeskSession

ModelIndex = QModelIndex | QPersistentModelIndex


class ReportTableModel(QAbstractTableModel):
    """A report table (columns with kinds, rows of cells) for a QTableView; sorts by value."""

    ROW_ROLE = Qt.ItemDataRole.UserRole + 1
    SORT_ROLE = Qt.ItemDataRole.UserRole + 2

    def __init__(self, lang: str = "vi") -> None:
        super().__init__()
        self.lang = lang
        self.table: Table | None = None
        self._rows: list[list[Cell]] = []

    def set_table(self, table: Table) -> None:
        """Show another table (body and total row)."""
        self.beginResetModel()
        self.table = table
        self._rows = [*table.rows, *([table.total] if table.total is not None else [])]
        self.endResetModel()

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        """Body rows plus the total."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: N802, B008
        """The table's columns."""
        return 0 if parent.isValid() or self.table is None else len(self.table.columns)

    def headerData(  # noqa: N802
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column headers from the report's own words."""
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and self.table is not None
        ):
            return textwrap.fill(self.table.columns[section].header, 14)
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Formatted text, alignment, bold totals, raw values for sorting, the row itself."""
        if not index.isValid() or self.table is None:
            return None
        value = self._rows[index.row()][index.column()]
        kind = self.table.columns[index.column()].kind
        is_total = self.table.total is not None and index.row() == len(self._rows) - 1
        if role == Qt.ItemDataRole.DisplayRole:
            return cell_text(value, kind, self.lang, percent_sign=True)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if kind is CellKind.TEXT:
                return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and is_total:
            font = QFont()
            font.setBold(True)
            return font
        if role == self.SORT_ROLE:
            # the total row always sorts last
            if is_total:
                return (1, 0)
            return (0, -1 if value is None else value)
        if role == self.ROW_ROLE:
            return self._rows[index.row()]
        return None


class _SortProxy(QSortFilterProxyModel):
    def lessThan(self, left: ModelIndex, right: ModelIndex) -> bool:  # noqa: N802
        a = left.data(ReportTableModel.SORT_ROLE)
        b = right.data(ReportTableModel.SORT_ROLE)
        try:
            return bool(a < b)
        except TypeError:
            return str(a) < str(b)


def _table_view(model: ReportTableModel) -> QTableView:
    proxy = _SortProxy()
    proxy.setSourceModel(model)
    view = QTableView()
    view.setModel(proxy)
    view.setSortingEnabled(True)
    view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setDefaultSectionSize(22)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.proxy = proxy  # type: ignore[attr-defined]  # keep a reference
    return view


class _Figure(QFrame):
    """One key figure: a big number and what it is."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.value = QLabel("—")
        font = self.value.font()
        font.setPointSizeF(font.pointSizeF() + 7)
        font.setBold(True)
        self.value.setFont(font)
        self.detail = QLabel("")
        self.detail.setWordWrap(True)  # banks listed one after another: wrap, do not widen
        self.caption = QLabel(caption)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)


class PoliceDashboard(QWidget):
    """Opens at once with a busy line; fills in when the runner brings the figures."""

    def __init__(
        self,
        session: DeskSession,
        *,
        today: date | None = None,
        open_report: Any = None,
        open_import: Any = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.lang = session.lang
        self.today = today
        self._open_report = open_report
        self._open_import = open_import
        self.board: report_output.Dashboard | None = None
        self.setWindowTitle(tr("reports.dashboard.title", self.lang))
        fit_to_screen(self, 1366, 768)  # the date axis must not end under the taskbar

        self.heading = QLabel(tr("reports.dashboard.title", self.lang))
        heading_font = self.heading.font()
        heading_font.setPointSizeF(heading_font.pointSizeF() + 4)
        heading_font.setBold(True)
        self.heading.setFont(heading_font)
        self.status = QLabel("")
        self.status.setWordWrap(True)  # a long "no new data in ..." line must not widen the window
        self.status.setStyleSheet("color: #5f6368")
        self.refresh_button = QPushButton(tr("reports.dashboard.refresh", self.lang))
        self.refresh_button.clicked.connect(self.refresh)
        self.report_button = QPushButton(tr("reports.dashboard.make_report", self.lang))
        self.report_button.clicked.connect(self._on_make_report)
        # issue 12: the stick brought from the points is one key away (Ctrl+O)
        self.import_button = QPushButton(tr("desk_finish.dashboard.import", self.lang))
        self.import_button.setObjectName("importStick")
        self.import_button.setShortcut(QKeySequence("Ctrl+O"))
        self.import_button.setStyleSheet("font-weight: bold")
        self.import_button.clicked.connect(self.import_stick)
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.import_button)
        top.addWidget(self.refresh_button)
        top.addWidget(self.report_button)

        self.key_figure = _Figure(tr("reports.dashboard.key", self.lang))
        self.activated_figure = _Figure(tr("reports.dashboard.activated", self.lang))
        self.linked_figure = _Figure(tr("reports.dashboard.linked", self.lang))
        self.opened_figure = _Figure(tr("reports.dashboard.opened", self.lang))
        figures_row = QGridLayout()
        for column, widget in enumerate(
            (self.key_figure, self.activated_figure, self.linked_figure, self.opened_figure)
        ):
            figures_row.addWidget(widget, 0, column)

        self.bars = BarChart(lang=self.lang)
        self.trend = LineChart(lang=self.lang)
        charts = QSplitter(Qt.Orientation.Vertical)
        charts.addWidget(self.bars)
        charts.addWidget(self.trend)
        charts.setSizes([430, 230])

        self.village_model = ReportTableModel(self.lang)
        self.point_model = ReportTableModel(self.lang)
        self.group_model = ReportTableModel(self.lang)
        self.bank_model = ReportTableModel(self.lang)
        self.tabs = QTabWidget()
        for model, key in (
            (self.village_model, "tab_village"),
            (self.point_model, "tab_point"),
            (self.group_model, "tab_group"),
            (self.bank_model, "tab_bank"),
        ):
            self.tabs.addTab(_table_view(model), tr(f"reports.dashboard.{key}", self.lang))
        from fieldapp.ui.dashboard_panels import CampaignPanels  # issue 18: three more tabs

        self.campaign_panels = CampaignPanels(self.tabs, figures_row, self.lang)
        self.silent_title = QLabel(tr("reports.dashboard.silent", self.lang))
        bold = self.silent_title.font()
        bold.setBold(True)
        self.silent_title.setFont(bold)
        self.silent = QListWidget()
        self.silent.setMaximumHeight(96)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.tabs, 1)
        right_layout.addWidget(self.silent_title)
        right_layout.addWidget(self.silent)

        body = QSplitter(Qt.Orientation.Horizontal)
        body.addWidget(charts)
        body.addWidget(right)
        body.setSizes([560, 800])

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addLayout(figures_row)
        layout.addWidget(body, 1)

    # Loading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the figures on the runner; show the busy line meanwhile."""
        self._busy(True)
        uow, today, actor = self.session.uow, self.today, self.session.user

        def work(progress: Progress) -> report_output.Dashboard:
            return report_output.dashboard(uow(), today=today, progress=progress, actor=actor)

        self.session.runner.run(
            work,
            on_success=self.show_board,
            on_failure=self._failed,
            on_progress=self._rebuilding,
        )

    def _rebuilding(self, done: int, total: int) -> None:
        """The figures report progress only while the projection is rebuilt (rules changed)."""
        self.status.setText(
            tr("reports.projection.rebuilding", self.lang, done=f"{done:,}", total=f"{total:,}")
        )

    def _busy(self, busy: bool) -> None:
        self.status.setText(tr("reports.dashboard.loading", self.lang) if busy else "")
        self.refresh_button.setEnabled(not busy)
        self.report_button.setEnabled(not busy)

    def _failed(self, error: Exception) -> None:
        self._busy(False)
        if isinstance(error, FieldAppError):
            self.status.setText(error_text(error, self.lang))
        else:
            self.status.setText(tr("task.unexpected", self.lang, detail=type(error).__name__))

    # Showing ---------------------------------------------------------------------------------
    def show_board(self, board: report_output.Dashboard) -> None:
        """Draw everything from the computed dashboard."""
        self._busy(False)
        self.board = board
        lang = self.lang
        figures = board.figures
        total = figures.total.cumulative
        self.heading.setText(
            f"{tr('reports.dashboard.title', lang)} — {figures.commune_name} — "
            f"{date_text(board.today, lang)}"
        )
        status = tr("reports.dashboard.deadline", lang, deadline=figures.report_deadline)
        if not figures.has_data:
            period = period_text(figures.period, lang)
            status = f"{tr('reports.dashboard.no_data', lang, period=period)}   ·   {status}"
        self.status.setText(status)
        today = board.new_today
        day = since_text(board, lang)
        self.key_figure.value.setText(percent_text(total.key_indicator, lang))
        self.key_figure.detail.setText(
            f"{count_text(total.linked, lang)} / {count_text(total.level2, lang)}"
        )
        self.activated_figure.value.setText(count_text(total.activated, lang))
        self.activated_figure.detail.setText(f"+{count_text(today['activated'], lang)} ({day})")
        self.linked_figure.value.setText(
            f"{count_text(total.link_waiting, lang)} / {count_text(total.link_approved, lang)}"
        )
        self.linked_figure.detail.setText(f"+{count_text(today['linked'], lang)} ({day})")
        self.opened_figure.value.setText(count_text(total.opened, lang))
        banks = ", ".join(
            f"{name if name != '?' else tr('reports.unknown_bank', lang)} {count}"
            for name, count in total.opened_by_bank.most_common(4)
        )
        self.opened_figure.detail.setText(banks)

        self.bars.set_bars(
            tr("reports.dashboard.bars", lang),
            [
                Bar(row.name, row.cumulative.linked, row.target or row.cumulative.level2)
                for row in figures.by_village
                if row.key != UNKNOWN
            ],
        )
        self.trend.set_series(
            tr("reports.dashboard.trend", lang, period=period_text(figures.period, lang)),
            [f"{p.day.day:02d}/{p.day.month:02d}" for p in figures.trend],
            [
                Series(tr("reports.col.linked", lang), [p.linked for p in figures.trend]),
                Series(tr("reports.col.approved", lang), [p.link_approved for p in figures.trend]),
                Series(tr("reports.col.opened", lang), [p.opened for p in figures.trend]),
            ],
        )
        self.village_model.set_table(units_table(figures, "village", lang))
        self.point_model.set_table(units_table(figures, "point", lang))
        self.group_model.set_table(payment_table(figures, lang))
        self.bank_model.set_table(banks_table(figures, lang))
        self.campaign_panels.show(board)  # issue 18: eligible, group deadlines, difficulties

        self.silent.clear()
        silent = [p for p in board.points if not p.sent_today]
        if not silent:
            self.silent.addItem(tr("reports.dashboard.silent_none", lang))
        for point in silent:
            if point.newest is None:
                self.silent.addItem(tr("reports.dashboard.never", lang, point=point.name))
            else:
                when = day_month_time_text(point.newest, self.lang)
                self.silent.addItem(
                    tr("reports.dashboard.last_seen", lang, point=point.name, when=when)
                )
        self.silent_title.setText(f"{tr('reports.dashboard.silent', lang)} ({len(silent)})")

    def import_stick(self) -> None:
        """Ctrl+O: import every bundle on a stick; the figures refresh when anything came."""
        if self._open_import is not None:
            imported = self._open_import()
        else:
            from fieldapp.ui.sync_import import ImportBundlesDialog

            dialog = ImportBundlesDialog(self.session, parent=self)
            dialog.exec()
            imported = dialog.report is not None and dialog.report.new_events > 0
        if imported:
            self.refresh()

    def _on_make_report(self) -> None:
        if self._open_report is not None:
            self._open_report()
            return
        from fieldapp.ui.report_dialog import ReportDialog

        dialog = ReportDialog(self.session, parent=self, today=self.today)
        dialog.exec()

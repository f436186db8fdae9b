"""The dashboard's panels for issue 18: the eligible, the groups' deadlines, the difficulties.

Three tabs beside the dashboard's tables, drawn from what `report_output.dashboard` computed
(nothing counted here): the eligible by village, each group's done / target and days left
(in red when behind the pace needed), and the period's failed steps by reason and by village
with the referrals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain.deadlines import DeadlineProgress
from fieldapp.i18n import tr
from fieldapp.i18n.formats import count_text, percent_text
from fieldapp.services.report_output import Dashboard
from fieldapp.services.report_sections import (
    deadlines_table,
    difficulties_step_table,
    difficulties_village_table,
    eligibility_table,
)
from fieldapp.services.reports import percent
from fieldapp.ui.police_dashboard import ModelIndex, ReportTableModel, _Figure, _table_view

_RED = QColor("#b3261e")


def _model_and_view(lang: str) -> tuple[ReportTableModel, QTableView]:
    model = ReportTableModel(lang)
    return model, _table_view(model)


class DeadlineModel(ReportTableModel):
    """The deadlines table; a group behind the pace needed is written in red."""

    def __init__(self, lang: str = "vi") -> None:
        super().__init__(lang)
        self.behind: list[bool] = []

    def set_rows(self, rows: list[DeadlineProgress]) -> None:
        """Show the groups' progress; remember which are behind."""
        self.behind = [p.behind for p in rows]
        self.set_table(deadlines_table(rows, self.lang))

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Red text on the rows that are behind; the rest as every report table."""
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.row() < len(self.behind)
            and self.behind[index.row()]
        ):
            return QBrush(_RED)
        return super().data(index, role)


class CampaignPanels:
    """The three tabs, added to the dashboard's tab widget, filled from each new board."""

    def __init__(self, tabs: QTabWidget, figures_row: QGridLayout, lang: str) -> None:
        self.lang = lang
        self.eligible_figure = _Figure(tr("dashboard18.figure.eligible", lang))
        figures_row.addWidget(self.eligible_figure, 0, figures_row.columnCount())
        self.eligible_model, eligible_view = _model_and_view(lang)
        self.eligible_line = QLabel("")
        self.eligible_line.setWordWrap(True)
        self.deadline_model = DeadlineModel(lang)
        deadline_view = _table_view(self.deadline_model)
        self.deadline_line = QLabel("")
        self.deadline_line.setWordWrap(True)
        self.reason_model, reason_view = _model_and_view(lang)
        self.village_model, village_view = _model_and_view(lang)
        self.difficulty_line = QLabel("")
        self.difficulty_line.setWordWrap(True)
        split = QSplitter(Qt.Orientation.Vertical)
        split.addWidget(reason_view)
        split.addWidget(village_view)
        tabs.addTab(_page(self.eligible_line, eligible_view), tr("dashboard18.tab.eligible", lang))
        tabs.addTab(_page(self.deadline_line, deadline_view), tr("dashboard18.tab.deadlines", lang))
        tabs.addTab(_page(self.difficulty_line, split), tr("dashboard18.tab.difficulties", lang))

    def show(self, board: Dashboard) -> None:
        """Fill the tabs from a computed dashboard."""
        lang, figures = self.lang, board.figures
        total = figures.total.cumulative
        self.eligible_model.set_table(eligibility_table(figures, lang))
        self.eligible_figure.value.setText(count_text(total.eligible, lang))
        self.eligible_figure.detail.setText(
            tr(
                "dashboard18.figure.eligible_detail",
                lang,
                rate=percent_text(percent(total.linked, total.eligible), lang),
            )
        )
        self.eligible_line.setText(
            tr(
                "dashboard18.eligible",
                lang,
                eligible=count_text(total.eligible, lang),
                level2=count_text(total.level2, lang),
                linked=count_text(total.linked, lang),
                rate=percent_text(percent(total.linked, total.eligible), lang),
            )
        )
        self.deadline_model.set_rows(board.deadlines)
        behind = [p for p in board.deadlines if p.behind]
        self.deadline_line.setText(
            tr("dashboard18.behind", lang, count=len(behind))
            if behind
            else tr("dashboard18.on_pace", lang)
        )
        self.deadline_line.setStyleSheet(f"color: {_RED.name()}" if behind else "")
        found = board.difficulties
        if found is None:
            return
        self.reason_model.set_table(difficulties_step_table(found, lang))
        self.village_model.set_table(difficulties_village_table(found, lang))
        if found.has_data:
            text = tr(
                "difficulties.summary",
                lang,
                failed=count_text(found.failed_total, lang),
                citizens=count_text(found.citizens, lang),
                referred=count_text(found.referred_total, lang),
            )
        else:
            text = tr("difficulties.none", lang)
        self.difficulty_line.setText(text)


def _page(line: QLabel, body: QWidget) -> QWidget:
    page = QWidget()
    layout = QVBoxLayout(page)
    layout.setContentsMargins(4, 4, 4, 4)
    layout.addWidget(line)
    layout.addWidget(body, 1)
    return page

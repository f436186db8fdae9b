"""Schools, organisations and offices at the desk (police, admins): rosters and figures.

One table of units, those below target first (in red), with members, level 2, activated,
linked, the percentage and the deadline; a unit is added by name, its roster imported from
its own list (the list importer, kind `roster`), and the summary or one unit's report saved.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import teams as dt
from fieldapp.i18n import tr
from fieldapp.i18n.formats import date_text, percent_text
from fieldapp.services import lists, team_reports, units
from fieldapp.ui.service_dialog import ServiceDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.table_model import Index, RowTableModel
from fieldapp.ui.teams_screen import ROW_ROLE, report_format, table_view

(
    U_NAME, U_KIND, U_MEMBERS, U_LEVEL2, U_ACTIVATED, U_LINKED, U_PERCENT, U_TARGET, U_DEADLINE,
    U_STANDING,
) = range(10)  # fmt: skip
_HEADERS = {
    U_NAME: "teams.col.unit",
    U_KIND: "teams.col.kind",
    U_MEMBERS: "teams.col.members",
    U_LEVEL2: "reports.col.level2",
    U_ACTIVATED: "teams.col.activated",
    U_LINKED: "teams.col.linked",
    U_PERCENT: "teams.col.linked_rate",
    U_TARGET: "teams.col.unit_target",
    U_DEADLINE: "teams.col.deadline",
    U_STANDING: "teams.col.standing",
}
_RED = "#b3261e"


class UnitsModel(RowTableModel[dt.UnitTally]):
    """Units with their figures, in the order the service gives (below target first)."""

    HEADERS = _HEADERS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text, red for a unit below target, or the tally itself (ROW_ROLE)."""
        tally = self.row_at(index)
        if tally is None:
            return None
        if role == ROW_ROLE:
            return tally
        if role == Qt.ItemDataRole.ForegroundRole and index.column() in (U_PERCENT, U_STANDING):
            return QColor(_RED) if tally.below_target else None
        if role == Qt.ItemDataRole.TextAlignmentRole and U_MEMBERS <= index.column() <= U_TARGET:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self.text(tally, index.column())

    def text(self, tally: dt.UnitTally, column: int) -> str:
        """What one cell says."""
        unit, lang = tally.unit, self.lang
        return {
            U_NAME: unit.name,
            U_KIND: tr(f"units.kind.{unit.kind.value}", lang),
            U_MEMBERS: str(tally.members),
            U_LEVEL2: str(tally.level2),
            U_ACTIVATED: str(tally.activated),
            U_LINKED: str(tally.linked),
            U_PERCENT: percent_text(tally.percent, lang),
            U_TARGET: f"{unit.target_percent}%",
            U_DEADLINE: date_text(unit.deadline, lang),
            U_STANDING: tr("units.below" if tally.below_target else "units.reached", lang),
        }[column]


class UnitsDialog(ServiceDialog):
    """The units' table, and adding, importing and reporting under it."""

    OPEN_TITLE = "units.dialog.import"
    SAVE_TITLE = "units.dialog.report"

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        lang = self.lang
        self.setWindowTitle(tr("units.dialog.title", lang))
        self.resize(1280, 640)
        self.model = UnitsModel(lang)
        self.view = table_view(self.model)
        header = self.view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(U_NAME, QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for key, slot in (
            ("add", self.add_unit),
            ("import", self.import_roster),
            ("report", self.save_summary),
            ("report_one", self.save_unit_report),
        ):
            button = QPushButton(tr(f"units.dialog.{key}", lang))
            button.clicked.connect(slot)
            self.buttons[key] = button
            row.addWidget(button)
        row.addStretch(1)
        close = QPushButton(tr("lists.dialog.close", lang))
        close.clicked.connect(self.accept)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(f"<b>{tr('units.report.subject', lang)}</b>"))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.message)
        layout.addLayout(row)
        self.refresh()

    # --- questions tests replace (and those of ServiceDialog) ---
    def ask_kind(self) -> dt.UnitKind | None:
        """School, organisation or office (None when cancelled)."""
        names = [tr(f"units.kind.{k.value}", self.lang) for k in dt.UnitKind]
        title = tr("units.dialog.kind", self.lang)
        chosen, ok = QInputDialog.getItem(self, title, title, names, 0, False)
        return list(dt.UnitKind)[names.index(chosen)] if ok else None

    # --- reading ---
    def refresh(self) -> None:
        """Read every unit's figures on the runner."""
        uow, actor = self.session.uow, self.session.user
        self.session.runner.run(
            lambda _p: units.unit_tallies(uow(), actor=actor),
            on_success=self._show,
            on_failure=self.failed,
        )

    def _show(self, tallies: list[dt.UnitTally]) -> None:
        self.model.set_rows(tallies)
        below = sum(t.below_target for t in tallies)
        self.note.setText(tr("units.note", self.lang, below=below, count=len(tallies)))

    def selected(self) -> dt.UnitTally | None:
        """The unit picked in the table."""
        rows = self.view.selectionModel().selectedRows()
        tally = self.model.data(rows[0], ROW_ROLE) if rows else None
        return tally if isinstance(tally, dt.UnitTally) else None

    # --- actions ---
    def add_unit(self) -> None:
        """Ask a name and a kind, and add the unit (deadline 15/6/2026, target 100 %)."""
        name = self.ask_text(tr("units.dialog.add", self.lang))
        kind = self.ask_kind() if name.strip() else None
        if kind is not None:
            actor = self.session.user
            self.run_action(lambda uow: units.add_unit(uow(), name, kind=kind, actor=actor),
                      lambda unit: tr("units.added", self.lang, name=unit.name))  # fmt: skip

    def import_roster(self) -> None:
        """The selected unit's roster from its own list."""
        picked = self.selected()
        if picked is None:
            self.say(tr("units.dialog.pick_unit", self.lang), error=True)
            return
        path = self.ask_open_file()
        if not path:
            return
        name, actor = picked.unit.name, self.session.user

        def action(uow: Any) -> units.RosterImported:
            preview = lists.preview_list(uow(), path, "roster")
            return units.import_roster(uow(), preview, name, actor=actor)

        self.run_action(action, lambda r: tr(
            "units.imported", self.lang, unit=r.unit.name, added=r.added, kept=r.kept,
            removed=r.removed, citizens=r.citizens_added, rejected=r.rejected,
        ))  # fmt: skip

    def save_summary(self) -> None:
        """The summary across units, PDF or xlsx."""
        path = self.ask_save_file("bao-cao-cac-don-vi.pdf")
        if path:
            out, actor, lang = Path(path), self.session.user, self.lang
            self.run_action(
                lambda uow: team_reports.write_units_report(
                    uow(), out, fmt=report_format(out), lang=lang, actor=actor),
                lambda found: tr("units.report_written", lang, units=len(found), path=str(out)),
            )  # fmt: skip

    def save_unit_report(self) -> None:
        """The selected unit's report with its members (personal data: police, admins)."""
        picked = self.selected()
        if picked is None:
            self.say(tr("units.dialog.pick_unit", self.lang), error=True)
            return
        path = self.ask_save_file("bao-cao-don-vi.pdf")
        if path:
            out, actor, lang, name = Path(path), self.session.user, self.lang, picked.unit.name
            self.run_action(
                lambda uow: team_reports.write_unit_report(
                    uow(), name, out, fmt=report_format(out), lang=lang, actor=actor),
                lambda found: tr("units.unit_written", lang, unit=name, members=len(found[1]),
                                 path=str(out)),
            )  # fmt: skip

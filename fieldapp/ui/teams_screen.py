"""Village teams at the desk (police, admins): each village's team, its members and tallies.

A team is chosen by its village; its members show with phones masked, their desk user, their
target and what their help came to. Members come from the team's list (the list importer,
kind `team`) or one at a time; reports and the leader's door-to-door list are saved as PDF
or xlsx. Every read and write runs on the task runner; file and text questions are methods
that tests replace (`ask_*`).
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import teams as dt
from fieldapp.domain.phone import mask_phone
from fieldapp.i18n import tr
from fieldapp.i18n.formats import percent_text
from fieldapp.services import lists, team_reports, team_tallies, teams
from fieldapp.services.progress import Progress
from fieldapp.ui.service_dialog import ServiceDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.table_model import Index, RowTableModel

ROW_ROLE = Qt.ItemDataRole.UserRole + 1


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One member as the screen lists them: who, how to reach them (masked), their tally."""

    member: dt.TeamMember
    user_name: str
    tally: dt.HelperTally
    target_percent: float | None


(
    M_NAME, M_ROLE, M_PHONE, M_USER, M_TARGET, M_VISITS, M_ACTIVATIONS, M_LINKS, M_ACCOUNTS,
) = range(9)  # fmt: skip


_MEMBER_HEADERS = {  # short headers: nine columns fit a 1366-pixel screen
    M_NAME: "teams.col.name",
    M_ROLE: "teams.col.role",
    M_PHONE: "teams.screen.phone",
    M_USER: "teams.screen.user",
    M_TARGET: "teams.screen.target",
    M_VISITS: "teams.screen.visits",
    M_ACTIVATIONS: "teams.screen.activations",
    M_LINKS: "teams.screen.links",
    M_ACCOUNTS: "teams.screen.accounts",
}


class MembersModel(RowTableModel[MemberRow]):
    """A team's members: leader first, phones masked, tallies beside."""

    HEADERS = _MEMBER_HEADERS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text to show, or the row itself (ROW_ROLE)."""
        row = self.row_at(index)
        if row is None:
            return None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= M_TARGET:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return self._text(row, index.column())

    def _text(self, row: MemberRow, column: int) -> str:
        member, tally = row.member, row.tally
        if column == M_NAME:
            return member.full_name
        if column == M_ROLE:
            text = tr(f"teams.role.{member.role.value}", self.lang)
            return text + (f" · {tr('teams.leader', self.lang)}" if member.leader else "")
        if column == M_PHONE:
            return mask_phone(member.phone or "")
        if column == M_USER:
            return row.user_name
        if column == M_TARGET:
            if member.target is None:
                return ""
            return f"{member.target} ({percent_text(row.target_percent, self.lang)})"
        values = {
            M_VISITS: tally.visits,
            M_ACTIVATIONS: tally.activations,
            M_LINKS: tally.links,
            M_ACCOUNTS: tally.accounts,
        }
        return str(values[column])


T_VILLAGE, T_MEMBERS, T_LEADER = range(3)


_TEAM_HEADERS = {  # the team's own name is in the summary above the members
    T_VILLAGE: "reports.col.village",
    T_MEMBERS: "teams.screen.members",
    T_LEADER: "teams.leader",
}


class TeamsModel(RowTableModel[teams.TeamLine]):
    """Every team: its village, name, size (flagged below ten) and leader."""

    HEADERS = _TEAM_HEADERS

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        """Text, a red size when the team is too small, or the line (ROW_ROLE)."""
        line = self.row_at(index)
        if line is None:
            return None
        if role == ROW_ROLE:
            return line
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == T_MEMBERS:
            from PySide6.QtGui import QColor

            return QColor("#b3261e") if line.too_small else None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (line.village, str(line.members), line.leader)[index.column()]


def table_view(model: RowTableModel[Any]) -> QTableView:
    """A read-only table of whole rows, one picked at a time (the teams and units screens)."""
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    return view


class TeamsDialog(ServiceDialog):
    """The commune's village teams; one village's members, with actions under them."""

    OPEN_TITLE = "teams.dialog.import"
    SAVE_TITLE = "teams.dialog.report"

    def __init__(self, session: DeskSession, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        lang = self.lang
        self.setWindowTitle(tr("teams.dialog.title", lang))
        self.resize(1280, 680)
        self.village_combo = QComboBox()
        self.village_combo.currentIndexChanged.connect(lambda _i: self._show_members())
        self.set_team_button = QPushButton(tr("teams.dialog.set_team", lang))
        self.set_team_button.clicked.connect(self.set_team)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.teams_model = TeamsModel(lang)
        self.teams_view = table_view(self.teams_model)
        self.teams_view.clicked.connect(self._team_clicked)
        self.members_model = MembersModel(lang)
        self.members_view = table_view(self.members_model)
        header = self.members_view.horizontalHeader()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(M_ROLE, QHeaderView.ResizeMode.Stretch)
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (
            ("add_member", self.add_member),
            ("import", self.import_list),
            ("target", self.set_target),
            ("leader", self.make_leader),
            ("remove", self.remove_member),
            ("report", self.save_report),
            ("door_list", self.save_door_list),
        ):
            button = QPushButton(tr(f"teams.dialog.{key}", lang))
            button.clicked.connect(slot)
            self.buttons[key] = button
        close = QPushButton(tr("lists.dialog.close", lang))
        close.clicked.connect(self.accept)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("teams.dialog.village", lang)))
        top.addWidget(self.village_combo, 1)
        top.addWidget(self.set_team_button)
        left = QVBoxLayout()
        left.addWidget(QLabel(f"<b>{tr('teams.dialog.teams', lang)}</b>"))
        left.addWidget(self.teams_view, 1)
        right = QVBoxLayout()
        right.addWidget(self.summary)
        right.addWidget(self.members_view, 1)
        actions = QHBoxLayout()
        for key in ("add_member", "import", "target", "leader", "remove"):
            actions.addWidget(self.buttons[key])
        actions.addStretch(1)
        right.addLayout(actions)
        middle = QHBoxLayout()
        middle.addLayout(left, 1)
        middle.addLayout(right, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.buttons["report"])
        bottom.addWidget(self.buttons["door_list"])
        bottom.addStretch(1)
        bottom.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(middle, 1)
        layout.addWidget(self.message)
        layout.addLayout(bottom)
        self.tallies: dict[Any, team_tallies.TeamTally] = {}
        self.refresh()

    # --- questions tests replace (and those of ServiceDialog) ---
    def ask_member(self) -> dict[str, Any] | None:
        """A new member's name, role and phone (None when cancelled)."""
        name = self.ask_text(tr("teams.dialog.member_name", self.lang))
        if not name.strip():
            return None
        roles = [tr(f"teams.role.{r.value}", self.lang) for r in dt.TeamRole]
        chosen, ok = QInputDialog.getItem(
            self, tr("teams.col.role", self.lang), tr("teams.col.role", self.lang), roles, 0, False
        )
        role = list(dt.TeamRole)[roles.index(chosen)] if ok else dt.TeamRole.OTHER
        phone = self.ask_text(tr("teams.col.phone", self.lang))
        return {"full_name": name, "role": role, "phone": phone or None}

    # --- reading ---
    def village(self) -> str:
        """The chosen village's name."""
        return self.village_combo.currentText()

    def refresh(self) -> None:
        """Read villages, teams and tallies on the runner."""
        uow, actor = self.session.uow, self.session.user

        def work(_progress: Progress) -> tuple[list[str], list[teams.TeamLine], list[Any]]:
            with uow() as u:
                villages = [v.name for v in u.repo.villages()]
            return villages, teams.teams(uow()), team_tallies.team_tallies(uow(), actor=actor)

        self.session.runner.run(work, on_success=self._show, on_failure=self.failed)

    def _show(self, found: tuple[list[str], list[teams.TeamLine], list[Any]]) -> None:
        villages, lines, tallies = found
        keep = self.village()
        self.tallies = {t.team.village_id: t for t in tallies}
        self.teams_model.set_rows(lines)
        self.village_combo.blockSignals(True)
        self.village_combo.clear()
        self.village_combo.addItems(villages)
        if keep in villages:
            self.village_combo.setCurrentText(keep)
        elif lines:
            self.village_combo.setCurrentText(lines[0].village)
        self.village_combo.blockSignals(False)
        self._show_members()

    def _team_clicked(self, index: QModelIndex) -> None:
        line = self.teams_model.data(index, ROW_ROLE)
        if isinstance(line, teams.TeamLine):
            self.village_combo.setCurrentText(line.village)

    def _show_members(self) -> None:
        village = self.village()
        line = next((t for t in self.teams_model.rows() if t.village == village), None)
        if line is None:
            self.members_model.set_rows([])
            self.summary.setText(tr("teams.none", self.lang, village=village))
            return
        text = "<b>" + escape(tr(
            "teams.line", self.lang, team=line.team.name, village=line.village,
            members=line.members, leader=line.leader or "—",
        )) + "</b>"  # fmt: skip
        if line.too_small:
            small = tr("teams.too_small", self.lang, count=line.members, least=dt.MIN_TEAM_SIZE)
            text += f"<br><span style='color:#b3261e'>{escape(small)}</span>"
        self.summary.setText(text)
        tally = self.tallies.get(line.team.village_id)
        uow = self.session.uow

        def work(_progress: Progress) -> list[MemberRow]:
            _, members = teams.members(uow(), village)
            counted = {m.member.id: m for m in tally.members} if tally else {}
            return [
                MemberRow(
                    m.member,
                    m.user_name,
                    counted[m.member.id].tally if m.member.id in counted else dt.HelperTally(),
                    counted[m.member.id].target_percent if m.member.id in counted else None,
                )
                for m in members
            ]

        self.session.runner.run(work, on_success=self.members_model.set_rows,
                                on_failure=self.failed)  # fmt: skip

    def selected_member(self) -> dt.TeamMember | None:
        """The member picked in the table."""
        rows = self.members_view.selectionModel().selectedRows()
        row = self.members_model.data(rows[0], ROW_ROLE) if rows else None
        return row.member if isinstance(row, MemberRow) else None

    # --- actions ---
    def set_team(self) -> None:
        """Make the village's team (or rename it)."""
        village, actor = self.village(), self.session.user
        line = next((t for t in self.teams_model.rows() if t.village == village), None)
        name = self.ask_text(
            tr("teams.dialog.team_name", self.lang),
            line.team.name if line else teams.default_team_name(village),
        )
        if name.strip():
            self.run_action(
                lambda uow: teams.set_team(uow(), village, name, actor=actor),
                lambda team: tr("teams.set", self.lang, team=team.name, village=village),
            )

    def add_member(self) -> None:
        """Add one member to the village's team."""
        answers = self.ask_member()
        if answers:
            village, actor = self.village(), self.session.user
            self.run_action(
                lambda uow: teams.add_member(uow(), village, actor=actor, **answers),
                lambda m: tr("teams.member_added", self.lang, name=m.full_name, team=village),
            )

    def import_list(self) -> None:
        """The team's list into the village's team (the list importer, kind `team`)."""
        path = self.ask_open_file()
        if not path:
            return
        village, actor = self.village(), self.session.user

        def action(uow: Any) -> teams.TeamImported:
            preview = lists.preview_list(uow(), path, "team")
            return teams.import_team(uow(), preview, village, actor=actor)

        def said(done: teams.TeamImported) -> str:
            return tr(
                "teams.imported", self.lang, team=done.team.name, added=done.added,
                updated=done.updated, rejected=done.rejected,
            )  # fmt: skip

        self.run_action(action, said)

    def set_target(self) -> None:
        """The selected member's target (empty: none)."""
        member = self.selected_member()
        if member is None:
            return
        text = self.ask_text(tr("teams.col.target", self.lang), str(member.target or ""))
        self._change(member, target=text.strip() or None)

    def make_leader(self) -> None:
        """The selected member leads the team."""
        member = self.selected_member()
        if member is not None:
            self._change(member, leader=True)

    def remove_member(self) -> None:
        """Take the selected member off the team (their past help still counts)."""
        member = self.selected_member()
        if member is not None:
            self._change(member, active=False)

    def _change(self, member: dt.TeamMember, **changes: Any) -> None:
        actor = self.session.user
        self.run_action(
            lambda uow: teams.change_member(uow(), member.id, actor=actor, **changes),
            lambda m: tr("teams.member_changed", self.lang, name=m.full_name),
        )

    def save_report(self) -> None:
        """The teams' report since the start of the campaign, PDF or xlsx."""
        path = self.ask_save_file("bao-cao-to-de-an-06.pdf")
        if not path:
            return
        out, actor, lang = Path(path), self.session.user, self.lang

        def action(uow: Any) -> list[team_tallies.TeamTally]:
            fmt = report_format(out)
            return team_reports.write_teams_report(uow(), out, fmt=fmt, lang=lang, actor=actor)

        self.run_action(
            action, lambda found: tr("teams.report_written", lang, teams=len(found), path=path)
        )

    def save_door_list(self) -> None:
        """The team leader's door-to-door list of the chosen village."""
        path = self.ask_save_file("danh-sach-den-tung-ho.pdf")
        if not path:
            return
        out, actor, lang, village = Path(path), self.session.user, self.lang, self.village()

        def action(uow: Any) -> Any:
            return team_reports.write_team_door_list(
                uow(), village, out, fmt=report_format(out), lang=lang, actor=actor
            )

        def said(found: Any) -> str:
            return tr("door_list.written", lang, people=len(found.rows), village=village,
                      path=path)  # fmt: skip

        self.run_action(action, said)


def report_format(path: Path) -> str:
    """A spreadsheet for a name ending .xlsx, else a PDF."""
    return "xlsx" if path.suffix.lower() == ".xlsx" else "pdf"

"""The desk's quick pick: which village-team member brought the citizen in.

A combo box beside the scan field, empty until a visit is open; the point's own village team
comes first. Choosing a member records it on the open visit at once (a later choice replaces
it); the signed-in user is recorded with the visit anyway. Focus goes back to the scan field
so the next scan is never typed into the combo.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from fieldapp.domain import model as dm
from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.services import teams
from fieldapp.services.progress import Progress
from fieldapp.ui.session import DeskSession


class HelperPicker(QWidget):
    """The "Người đưa đến: [member ▾]" line for the open visit."""

    def __init__(
        self,
        session: DeskSession,
        say: Callable[[str, bool], None],
        back_to_scan: Callable[[], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.lang = session.lang
        self.say = say
        self.back_to_scan = back_to_scan
        self.visit: dm.Visit | None = None
        self.combo = QComboBox()
        self.combo.setMinimumContentsLength(22)
        self.combo.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.combo.setToolTip(tr("teams.helper.tip", self.lang))
        self.combo.activated.connect(self._picked)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(tr("teams.helper.label", self.lang)))
        layout.addWidget(self.combo)
        self._fill([])
        self.setEnabled(False)
        self.load()

    def load(self) -> None:
        """Read the members the desk may pick (the point's team first), off the GUI thread."""
        uow = self.session.uow
        point = self.session.point.id if self.session.point else None
        self.session.runner.run(
            lambda _p: teams.helper_choices(uow(), point),
            on_success=self._fill,
            on_failure=lambda _e: None,  # no teams yet: the pick stays empty
        )

    def _fill(self, choices: list[teams.HelperChoice]) -> None:
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(tr("teams.helper.nobody", self.lang), None)
        for choice in choices:
            self.combo.addItem(choice.label, choice.member.id)
        self.combo.blockSignals(False)
        self.setVisible(bool(choices))

    def show_visit(self, visit: dm.Visit | None) -> None:
        """A visit opened (or none): show who was picked for it, if anyone."""
        same = visit is not None and self.visit is not None and visit.id == self.visit.id
        self.visit = visit
        self.setEnabled(visit is not None)
        if same:
            return
        self.combo.setCurrentIndex(0)
        if visit is None or self.combo.count() <= 1:
            return  # no team to pick from: no read on the runner the scans share
        uow, visit_id = self.session.uow, visit.id

        def shown(member: object) -> None:
            if self.visit is not None and self.visit.id == visit_id and member is not None:
                index = self.combo.findData(member.id)  # type: ignore[attr-defined]
                self.combo.setCurrentIndex(max(index, 0))

        self.session.runner.run(
            lambda _p: teams.helper_of(uow(), visit_id), on_success=shown,
            on_failure=lambda _e: None,
        )  # fmt: skip

    def pick(self, member_id: uuid.UUID) -> None:
        """Choose a member for the open visit (what a click on the list does)."""
        index = self.combo.findData(member_id)
        if index >= 0:
            self.combo.setCurrentIndex(index)
            self._picked(index)

    def _picked(self, index: int) -> None:
        member_id = self.combo.itemData(index)
        visit, user = self.visit, self.session.user
        self.back_to_scan()
        if visit is None or member_id is None or user is None:
            return
        uow, name = self.session.uow, self.combo.itemText(index)

        def work(_progress: Progress) -> None:
            teams.record_helper(uow(), visit.id, member_id, user_id=user.id)

        def failed(error: Exception) -> None:
            text = (
                error_text(error, self.lang)
                if isinstance(error, FieldAppError)
                else str(type(error).__name__)
            )
            self.say(text, True)

        self.session.runner.run(
            work, on_success=lambda _r: self.say(tr("teams.helper_set", self.lang, name=name),
                                                 False),
            on_failure=failed,
        )  # fmt: skip

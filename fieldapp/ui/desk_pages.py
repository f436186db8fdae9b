"""The desk's other pages: home visits and today, loaded through the session's runner.

`DeskPages` is handed everything it uses (the controller, the tabs, the two pages, how to
show a page); it holds no state of the window's.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QTabWidget

from fieldapp.domain import model as dm
from fieldapp.i18n import tr
from fieldapp.services import desk, home_visits
from fieldapp.services.lookup import VisitLine
from fieldapp.services.progress import Progress
from fieldapp.ui.desk_controller import DeskController
from fieldapp.ui.desk_home_visits import HomeVisitsPage
from fieldapp.ui.desk_today import TodayPage


class DeskPages:
    """Home visits and today: refresh, open a row, record a home visit."""

    def __init__(
        self,
        desk_: DeskController,
        tabs: QTabWidget,
        home_page: HomeVisitsPage | None,
        today_page: TodayPage | None,
        show_page: Callable[[int], None],
    ) -> None:
        self.desk = desk_
        self.tabs = tabs
        self.home_page = home_page
        self.today_page = today_page
        self.show_page = show_page
        self.home_stale = False  # an outcome was recorded since the list was built
        if home_page is not None:
            home_page.village_changed.connect(self.refresh_home_visits)
            home_page.visit_requested.connect(self.record_home_visit)
            home_page.can_travel.connect(lambda c: self.mark_home_visit(c, needed=False))
        if today_page is not None:
            today_page.row_opened.connect(self.open_today_row)
        tabs.currentChanged.connect(self.tab_changed)

    @property
    def session(self):  # noqa: ANN201 - the controller's DeskSession
        """The desk's session."""
        return self.desk.session

    def set_villages(self, villages: Sequence[dm.Village]) -> None:
        """Fill the home-visit page's village list."""
        if self.home_page is not None:
            self.home_page.set_villages(villages)

    def tab_changed(self, index: int) -> None:
        """Load a page when it is shown the first time (home visits) or every time (today)."""
        page = self.tabs.widget(index)
        if page is self.home_page and self.home_page is not None:
            if self.home_page.village.count() and self.home_page.model.rowCount() == 0:
                point = self.session.point
                if point is not None and point.village_id is not None:
                    self.home_page.select_village(point.village_id)
                self.refresh_home_visits(self.home_page.current_village_id())
            elif self.home_stale:
                self.refresh_home_visits(self.home_page.current_village_id())
            self.home_page.reset_time()
            self.home_page.table.setFocus()
        elif page is self.today_page:
            self.refresh_today()

    def refresh_home_visits(self, village_id: uuid.UUID | None = None) -> None:
        """Reload the home-visit list of a village (all when None)."""
        if self.home_page is None:
            return
        page, uow = self.home_page, self.session.uow
        page.count.setText(tr("desk.home.loading", self.session.lang))
        self.home_stale = False

        def work(_progress: Progress) -> tuple[list[home_visits.HomeVisitCandidate], int]:
            return home_visits.home_visit_list(uow(), village_id=village_id), (
                home_visits.elderly_age(uow())
            )

        self.session.runner.run(
            work, on_success=lambda found: page.set_rows(*found), on_failure=self.desk.show_error
        )

    def outcome_recorded(self) -> None:
        """The list may have changed: rebuilt now if on show, else when next shown."""
        self.home_stale = True
        if self.home_page is not None and self.tabs.currentWidget() is self.home_page:
            self.refresh_home_visits(self.home_page.current_village_id())

    def mark_home_visit(
        self, candidate: home_visits.HomeVisitCandidate | None, *, needed: bool
    ) -> None:
        """Mark the picked citizen (or the open card's) as needing a home visit, or not."""
        lang, session = self.session.lang, self.session
        card = self.desk.card
        citizen = candidate.citizen if candidate else card.citizen if card else None
        if citizen is None or session.user is None or session.point is None:
            self.desk.view.show_status(tr("desk.home.pick_first", lang), error=True)
            return
        pid, user_id, point_id, uow = (
            citizen.personal_id,
            session.user.id,
            session.point.id,
            session.uow,
        )

        def done(_mark: object) -> None:
            key = "desk_finish.home.marked" if needed else "desk_finish.home.unmarked"
            self.desk.view.show_status(tr(key, lang, name=citizen.full_name))
            self.outcome_recorded()

        self.session.runner.run(
            lambda _p: home_visits.mark_home_visit(
                uow(), pid, needed, user_id=user_id, point_id=point_id
            ),
            on_success=done,
            on_failure=self.desk.show_error,
        )

    def record_home_visit(self, candidate: home_visits.HomeVisitCandidate | None) -> None:
        """A home visit for the picked citizen: the card opens on the desk page."""
        if candidate is None:
            self.desk.view.show_status(tr("desk.home.pick_first", self.session.lang), error=True)
            return
        at = self.home_page.visit_at() if self.home_page is not None else None
        self.desk.view.focus_scan()
        self.desk.scan(candidate.citizen.personal_id, place=dm.VisitPlace.HOME, at=at)

    def home_visit_shortcut(self) -> None:
        """Ctrl+H: on the home-visit page, visit the picked citizen; elsewhere, go there."""
        if self.home_page is not None and self.tabs.currentWidget() is self.home_page:
            self.home_page.request_visit()
        else:
            self.show_page(1)

    def open_today_row(self, line: VisitLine) -> None:
        """Enter (or a double-click) on a row of today: that visit's card, to add outcomes."""
        self.show_page(0)
        self.desk.open_visit(line.visit)

    def refresh_today(self) -> None:
        """Reload today's visits at this point."""
        if self.today_page is None or self.session.point is None:
            return
        page, uow, point_id = self.today_page, self.session.uow, self.session.point.id
        self.session.runner.run(
            lambda _p: desk.visits_today(uow(), point_id),
            on_success=page.model.set_rows,
            on_failure=self.desk.show_error,
        )

    def refresh_current(self) -> None:
        """F5: reload the page on show."""
        page = self.tabs.currentWidget()
        if page is self.today_page:
            self.refresh_today()
        elif page is self.home_page and self.home_page is not None:
            self.refresh_home_visits(self.home_page.current_village_id())

    def focus_filter(self) -> None:
        """The today page's filter box."""
        if self.today_page is not None:
            self.tabs.setCurrentWidget(self.today_page)
            self.today_page.filter_box.setFocus()

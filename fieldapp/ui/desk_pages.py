"""The desk's other pages and settings: home visits, today, users, language and banks.

A mixin of `MainWindow`: it loads the pages' rows through the session's task runner and
opens the forms through the window's `dialogs`.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING

from fieldapp.domain import model as dm
from fieldapp.i18n import tr
from fieldapp.services import desk, home_visits, settings, setup
from fieldapp.services.progress import Progress

if TYPE_CHECKING:
    from fieldapp.ui.desk_forms import DeskDialogs
    from fieldapp.ui.desk_home_visits import HomeVisitsPage
    from fieldapp.ui.desk_today import TodayPage
    from fieldapp.ui.session import DeskSession


class DeskPages:
    """Home visits, today, switching user, users and settings."""

    # Provided by MainWindow.
    session: DeskSession
    dialogs: DeskDialogs
    villages: list[dm.Village]
    home_page: HomeVisitsPage | None
    today_page: TodayPage | None

    # Home visits and today -------------------------------------------------------------------
    def _load_villages(self) -> None:
        uow = self.session.uow

        def loaded(villages: list[dm.Village]) -> None:
            self.villages = villages
            if self.home_page is not None:
                self.home_page.set_villages(villages)

        self.session.runner.run(
            lambda _p: desk.villages(uow()), on_success=loaded, on_failure=self._show_error
        )

    def _tab_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if page is self.home_page and self.home_page is not None:
            if self.home_page.village.count() and self.home_page.model.rowCount() == 0:
                point = self.session.point
                if point is not None and point.village_id is not None:
                    self.home_page.select_village(point.village_id)
                self.refresh_home_visits(self.home_page.current_village_id())
            self.home_page.table.setFocus()
        elif page is self.today_page:
            self.refresh_today()

    def refresh_home_visits(self, village_id: uuid.UUID | None = None) -> None:
        """Reload the home-visit list of a village (all when None)."""
        if self.home_page is None:
            return
        page, uow = self.home_page, self.session.uow
        page.count.setText(tr("desk.home.loading", self.lang))

        def work(_progress: Progress) -> list[home_visits.HomeVisitCandidate]:
            return home_visits.home_visit_list(uow(), village_id=village_id)

        self.session.runner.run(work, on_success=page.set_rows, on_failure=self._show_error)

    def record_home_visit(self, candidate: home_visits.HomeVisitCandidate | None) -> None:
        """A home visit for the picked citizen: the card opens on the desk page."""
        if candidate is None:
            self.show_status(tr("desk.home.pick_first", self.lang), error=True)
            return
        self.focus_scan()
        self.scan_text(candidate.citizen.personal_id, place=dm.VisitPlace.HOME)

    def _home_visit_shortcut(self) -> None:
        if self.home_page is not None and self.tabs.currentWidget() is self.home_page:
            self.home_page.request_visit()
        else:
            self.show_page(1)

    def refresh_today(self) -> None:
        """Reload today's visits at this point."""
        if self.today_page is None or self.session.point is None:
            return
        page, uow, point_id = self.today_page, self.session.uow, self.session.point.id
        self.session.runner.run(
            lambda _p: desk.visits_today(uow(), point_id),
            on_success=page.model.set_rows,
            on_failure=self._show_error,
        )

    def _refresh_current(self) -> None:
        page = self.tabs.currentWidget()
        if page is self.today_page:
            self.refresh_today()
        elif page is self.home_page and self.home_page is not None:
            self.refresh_home_visits(self.home_page.current_village_id())

    def _focus_filter(self) -> None:
        if self.today_page is not None:
            self.tabs.setCurrentWidget(self.today_page)
            self.today_page.filter_box.setFocus()

    # Users and settings ---------------------------------------------------------------------
    def switch_user(self) -> None:
        """Ctrl+L: another volunteer or a bank officer takes the desk."""
        point = self.session.point
        if point is None:
            return
        uow = self.session.uow

        def pick(users: list[dm.User]) -> None:
            user = self.dialogs.sign_in(self.session, users)
            if user is not None:
                self.session.user = user
                self._clear_card()
                self._build()
                self.show_status(tr("desk.signin.welcome", self.lang, user=user.name))
                self.refresh_today()
                if self.home_page is not None:
                    self.home_page.set_villages(self.villages)
            self.focus_scan()

        self._run(lambda _p: setup.users_of_point(uow(), point.id), on_success=pick)  # type: ignore[arg-type]

    def open_users(self) -> None:
        """Ctrl+U: who can sign in here; add the bank officer visiting today."""
        point = self.session.point
        if point is None or self.session.user is None:
            return
        uow = self.session.uow

        def edit(users: list[dm.User]) -> None:
            added = self.dialogs.users(self.session, users)
            if added:
                names = ", ".join(u.name for u in added)
                self.show_status(tr("desk.users.added", self.lang, name=names))
            self.focus_scan()

        self._run(lambda _p: setup.users_of_point(uow(), point.id), on_success=edit)  # type: ignore[arg-type]

    def open_settings(self) -> None:
        """Ctrl+,: language and banks."""
        uow = self.session.uow

        def edit(banks: list[str]) -> None:
            lang = self.dialogs.settings(self.session, banks)
            if lang is not None:
                self.session.lang = lang
                self._build()
                self.refresh_today()
                if self.home_page is not None:
                    self.home_page.set_villages(self.villages)
                self.show_status(tr("desk.settings.saved", self.lang))
            self.focus_scan()

        self._run(lambda _p: settings.banks(uow()), on_success=edit)  # type: ignore[arg-type]

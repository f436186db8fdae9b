"""The support point desk: scan → card → outcomes in a keystroke or two.

The window shows what the services return and sends every store call through the
session's task runner. Pages: the desk (scan field, card, outcome panel), home visits,
today. A bank officer gets the desk alone, with two buttons.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from html import escape

import shiboken6
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QMenuBar,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import model as dm
from fieldapp.domain.permissions import Action, may
from fieldapp.i18n import tr
from fieldapp.services import desk
from fieldapp.services.lookup import CitizenCard, VisitLine
from fieldapp.ui.backup_restore import add_backup_actions
from fieldapp.ui.card_view import CitizenCardView
from fieldapp.ui.desk_controller import DeskController
from fieldapp.ui.desk_forms import DeskDialogs
from fieldapp.ui.desk_home_visits import HomeVisitsPage
from fieldapp.ui.desk_outcomes import OutcomePanel
from fieldapp.ui.desk_pages import DeskPages
from fieldapp.ui.desk_today import TodayPage
from fieldapp.ui.fit import fit_to_screen
from fieldapp.ui.qt_words import install_qt_words
from fieldapp.ui.scan_catcher import ScanCatcher, close_open_dialogs
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_menu import add_sync_actions

_ERROR_STYLE = "color: #b3261e; font-weight: bold; font-size: 12pt"
_OK_STYLE = "color: #1b7f3b; font-weight: bold; font-size: 12pt"
_HINT_STYLE = "color: #8a5a00; font-weight: bold; font-size: 12pt"


def _settle(area: QScrollArea) -> None:
    """Fit a scroll area's widget to its viewport once the window is laid out."""
    if shiboken6.isValid(area) and area.widget() is not None:
        area.widget().resize(area.viewport().size())


class ScanField(QLineEdit):
    """The scan field. Empty, it also takes the desk's one-key shortcuts (1–5, D/S/F/R).

    Typed IDs and card QRs always start with a 0 (province codes are 001-096), so a 1-5
    or a letter in an empty field can only be a shortcut.
    """

    def __init__(self, on_key: Callable[[str], bool], on_escape: Callable[[], None]) -> None:
        super().__init__()
        self.on_key = on_key
        self.on_escape = on_escape

    def event(self, event: QEvent) -> bool:
        """Leave Ctrl+Z to the desk's undo (a correcting event), not the field's own."""
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and event.matches(QKeySequence.StandardKey.Undo)
        ):
            return False
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Shortcuts in an empty field; everything else is typing."""
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.on_escape()
            return
        plain = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier in (
            Qt.KeyboardModifier.NoModifier,
            Qt.KeyboardModifier.ShiftModifier,
        )
        if plain and not self.text() and event.text() and self.on_key(event.text()):
            event.accept()
            return
        super().keyPressEvent(event)


def hide_empty_menus(bar: QMenuBar) -> None:
    """A menu with nothing the role may use is hidden, not shown empty (issue 12)."""
    for act in bar.actions():
        menu = act.menu()
        if isinstance(menu, QMenu):
            act.setVisible(any(a.isVisible() and not a.isSeparator() for a in menu.actions()))


class MainWindow(QMainWindow):
    """The desk's window: renders what its `DeskController` says and forwards keys to it.

    `MainWindow(session)` works in tests; `dialogs` can be scripted.
    """

    def __init__(
        self,
        session: DeskSession,
        *,
        dialogs: DeskDialogs | None = None,
        catch_scans: bool = True,
    ) -> None:
        super().__init__()
        self.session = session
        self.dialogs = dialogs or DeskDialogs(self)
        self.desk = DeskController(session, view=self, ask=self.dialogs)
        self.catcher: ScanCatcher | None = None
        self._caught_scan = ""
        self._export_reminded = False
        fit_to_screen(self, 1366, 768)
        self._build()
        if catch_scans:
            self.catcher = ScanCatcher(
                self.scan_field,
                self,
                on_scan=self.scan_from_anywhere,
                on_half_scan=self._half_scan,
            )
            self.catcher.install()
        self.desk.load_villages()
        self.pages.refresh_today()
        if session.demo:
            self.show_status(tr("demo.status", self.lang), hint=True)

    # What the controller holds, read by the window, tests and screenshots.
    @property
    def visit(self) -> dm.Visit | None:
        """The open visit."""
        return self.desk.visit

    @property
    def card(self) -> CitizenCard | None:
        """The open card."""
        return self.desk.card

    @property
    def pending_step(self) -> dm.Step | None:
        """The step picked, waiting for its result key."""
        return self.desk.pending_step

    @property
    def undo_stack(self) -> list[tuple[dm.Outcome, ...]]:
        """What Ctrl+Z undoes, last first."""
        return self.desk.undo_stack

    @property
    def villages(self) -> list[dm.Village]:
        """The commune's villages."""
        return self.desk.villages

    @property
    def steps(self) -> tuple[dm.Step, ...]:
        """The steps keys 1-5 pick."""
        return self.desk.steps

    @property
    def lang(self) -> str:
        """The desk's language (the session's)."""
        return self.session.lang

    @property
    def role(self) -> dm.Role:
        """The signed-in user's role (a volunteer's desk when nobody is signed in)."""
        return self.desk.role

    @property
    def bank_mode(self) -> bool:
        """True for a bank officer: scan and account openings only."""
        return self.desk.bank_mode

    def _build(self) -> None:
        """Build (or rebuild, after a language or user change) every widget."""
        lang = self.lang
        install_qt_words(lang)  # Qt's own buttons follow a language change too
        title = tr("app.title", lang)
        if self.session.demo:
            title += " — " + tr("demo.title_mark", lang)
        self.setWindowTitle(title)
        self.header = QLabel(self._header_text())
        self.header.setTextFormat(Qt.TextFormat.RichText)
        self.header.setObjectName("header")
        self.header.setStyleSheet("font-size: 11pt; padding: 2px")

        self.scan_field = ScanField(self.desk.key, self.desk.escape)
        self.scan_field.setObjectName("scanField")
        self.scan_field.setPlaceholderText(tr("scan.placeholder", lang))
        self.scan_field.setClearButtonEnabled(True)
        font = self.scan_field.font()
        font.setPointSize(font.pointSize() + 4)
        self.scan_field.setFont(font)
        self.scan_field.returnPressed.connect(self._on_scan_field)
        if self.catcher is not None:
            self.catcher.scan_field = self.scan_field
        self.add_button = QPushButton(tr("desk.action.new_citizen", lang) + "  (Ctrl+N)")
        self.add_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button.clicked.connect(self.desk.new_citizen)
        self.add_button.setVisible(not self.bank_mode)
        self.status_line = QLabel()
        self.status_line.setObjectName("statusLine")
        self.status_line.setTextFormat(Qt.TextFormat.PlainText)
        self.status_line.setWordWrap(True)
        self.status_line.setMinimumHeight(28)
        self.status_line.setSizePolicy(  # a long unbroken scan must not widen the window
            QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred
        )

        self.card_view = CitizenCardView(lang)
        self.card_view.configure(steps=self.steps, full=not self.bank_mode)
        self.outcomes = OutcomePanel(lang, self.steps, bank_mode=self.bank_mode)
        self.outcomes.setFixedWidth(350)
        self.outcomes.step_picked.connect(self.desk.pick_step)
        self.outcomes.result_picked.connect(self.desk.pick_result)
        self.outcomes.account_opened.connect(self.desk.account_opened)
        self.outcomes.biometric_done.connect(
            lambda: self.desk.record(dm.Step.BIOMETRIC_VERIFIED, dm.Result.DONE)
        )
        self.outcomes.undo_requested.connect(self.desk.undo)
        self.outcomes.show_id_requested.connect(self.toggle_id)

        scan_row = QHBoxLayout()
        scan_label = QLabel(f"<b>{tr('desk.scan.label', lang)}</b>")
        scan_row.addWidget(scan_label)
        scan_row.addWidget(self.scan_field, 1)
        scan_row.addWidget(self.add_button)
        # --- teams (issue 19): the team member who brought the citizen in, a quick pick.
        self.helper_picker = None
        if not self.bank_mode and may(self.role, Action.PICK_HELPER):
            from fieldapp.ui.helper_picker import HelperPicker

            self.helper_picker = HelperPicker(
                self.session, lambda text, error: self.show_status(text, error=error),
                self.focus_scan,
            )  # fmt: skip
            scan_row.addWidget(self.helper_picker)
        panel = QScrollArea()  # never forces the window taller than a laptop screen
        panel.setWidget(self.outcomes)
        panel.setWidgetResizable(True)
        panel.setFrameShape(QFrame.Shape.NoFrame)
        panel.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        panel.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        panel.setFixedWidth(self.outcomes.width() + 14)
        body = QHBoxLayout()
        body.addWidget(self.card_view, 1)
        body.addWidget(panel)
        desk_page = QWidget()
        desk_layout = QVBoxLayout(desk_page)
        desk_layout.addLayout(scan_row)
        desk_layout.addWidget(self.status_line)
        desk_layout.addLayout(body, 1)

        self.tabs = QTabWidget()
        self.tabs.setTabBarAutoHide(True)
        self.tabs.addTab(desk_page, tr("desk.tab.desk", lang) + " (Ctrl+1)")
        self.home_page: HomeVisitsPage | None = None
        self.today_page: TodayPage | None = None
        if not self.bank_mode:
            self.home_page = HomeVisitsPage(lang)
            self.tabs.addTab(self.home_page, tr("desk.tab.home_visits", lang) + " (Ctrl+2)")
            self.today_page = TodayPage(lang)
            self.tabs.addTab(self.today_page, tr("desk.tab.today", lang) + " (Ctrl+3)")
        self.pages = DeskPages(
            self.desk, self.tabs, self.home_page, self.today_page, self.show_page
        )
        self.pages.set_villages(self.desk.villages)

        self.shortcuts = QLabel(
            tr("desk.shortcuts.bank" if self.bank_mode else "desk.shortcuts", lang)
        )
        self.shortcuts.setStyleSheet("color: #5f6368")
        self.shortcuts.setWordWrap(True)
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.shortcuts)
        self.setCentralWidget(central)
        # Messages show in the status line above the card; the status bar keeps a copy for
        # areas that read `statusBar().currentMessage()`, hidden to save a laptop's height.
        self.statusBar().hide()
        self._build_menus()
        self.render_panel()
        if self.card is not None:
            self.render_card(desk.card_for_role(self.card, self.role))
        QTimer.singleShot(30, lambda: _settle(panel))  # a rebuilt panel showed a stray scroll bar
        self.focus_scan()

    def _build_menus(self) -> None:
        lang = self.lang
        bar = self.menuBar()
        bar.clear()
        self.menu_desk = bar.addMenu(tr("desk.menu.desk", lang))
        self.menu_view = bar.addMenu(tr("desk.menu.view", lang))
        self.menu_tools = bar.addMenu(tr("menu.tools", lang))
        self._fill_tools_menu(self.menu_tools)
        self._add_area_menus()
        self.menu_settings = bar.addMenu(tr("desk.menu.settings", lang))

        def action(menu: object, key: str, shortcut: str, slot: Callable[[], None]) -> QAction:
            act = QAction(tr(key, lang), self)
            act.setShortcut(QKeySequence(shortcut))
            act.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            act.triggered.connect(lambda _checked=False: slot())
            menu.addAction(act)  # type: ignore[attr-defined]
            return act

        self.focus_action = action(self.menu_desk, "desk.action.focus_scan", "F2", self.focus_scan)
        self.undo_action = action(self.menu_desk, "desk.action.undo", "Ctrl+Z", self.desk.undo)
        self.show_id_action = action(
            self.menu_desk, "desk.action.show_id", "Ctrl+I", self.toggle_id
        )
        if not self.bank_mode:
            self.new_citizen_action = action(
                self.menu_desk, "desk.action.new_citizen", "Ctrl+N", self.desk.new_citizen
            )
            self.correct_action = action(
                self.menu_desk, "desk.action.correct", "Ctrl+E", self.desk.correct_details
            )
            self.home_visit_action = action(
                self.menu_desk, "desk.action.home_visit", "Ctrl+H", self.pages.home_visit_shortcut
            )
            self.mark_home_action = action(
                self.menu_desk,
                "desk_finish.home.mark_action",
                "Ctrl+M",
                lambda: self.pages.mark_home_visit(None, needed=True),
            )
            # payments (issue 19): who receives a beneficiary's payment (a proxy, a guardian)
            self.receiver_action = action(
                self.menu_desk, "payments.action.receiver", "Ctrl+R", self.desk.record_receiver
            )
        # payments (issue 19): the account it goes into (bank officers record these too)
        self.account_action = action(
            self.menu_desk, "payments.action.account", "Ctrl+K", self.desk.record_account
        )
        self.menu_desk.addSeparator()
        self.switch_user_action = action(
            self.menu_desk, "desk.action.switch_user", "Ctrl+L", self.desk.switch_user
        )
        action(self.menu_desk, "desk.action.quit", "Ctrl+Q", self.quit_desk)
        for number, key in enumerate(
            ("desk.tab.desk", "desk.tab.home_visits", "desk.tab.today")[: self.tabs.count()]
        ):
            action(self.menu_view, key, f"Ctrl+{number + 1}", lambda n=number: self.show_page(n))
        action(self.menu_view, "desk.action.refresh", "F5", self.pages.refresh_current)
        action(self.menu_desk, "desk.action.search", "Ctrl+F", self.desk.search_by_name)
        self.settings_action = action(
            self.menu_settings, "desk.action.settings", "Ctrl+,", self.desk.open_settings
        )
        if self.session.demo and self.session.remove_demo is not None:
            self.remove_demo_action = QAction(tr("demo.remove_action", lang), self)
            self.remove_demo_action.triggered.connect(self.remove_sample_data)
            self.menu_settings.addAction(self.remove_demo_action)
        self.menu_help = self.menuBar().addMenu(tr("desk.menu.help", lang))
        self.help_action = action(self.menu_help, "help.action", "F1", self.show_help)
        self.about_action = QAction(tr("about.action", lang), self)
        self.about_action.triggered.connect(self.show_about)
        self.menu_help.addAction(self.about_action)
        self.settings_action.setVisible(may(self.role, Action.POINT_SETTINGS))
        self.point_settings_action = QAction(tr("desk_finish.point.menu", lang), self)
        self.point_settings_action.triggered.connect(self.open_point_settings)
        self.point_settings_action.setVisible(may(self.role, Action.POINT_SETTINGS))
        self.menu_settings.addAction(self.point_settings_action)
        self.change_pin_action = QAction(tr("desk_finish.pin.menu", lang), self)
        self.change_pin_action.triggered.connect(self.change_my_pin)
        self.change_pin_action.setVisible(self.session.user is not None)
        self.menu_settings.addAction(self.change_pin_action)
        if may(self.role, Action.MANAGE_USERS):
            self.users_action = action(
                self.menu_settings, "desk.action.users", "Ctrl+U", self.desk.manage_users
            )
        hide_empty_menus(self.menuBar())

    def show_help(self) -> None:
        """F1: every key on one page."""
        from fieldapp.ui.help_about import help_page

        self.help = help_page(self.lang, bank_mode=self.bank_mode, parent=self)
        self.help.exec()
        self.focus_scan()

    def show_about(self) -> None:
        """The version and the data folder."""
        from fieldapp.ui.help_about import about_page

        self.about = about_page(self.lang, self.session.data_location, parent=self)
        self.about.exec()
        self.focus_scan()

    def _fill_tools_menu(self, menu: QMenu) -> None:
        """The tools menu, rebuilt with the window (language or user change).

        Other areas add their actions here (lists import, sync bundles, printing, reports),
        each in a few lines marked with a comment naming the area, e.g.
        `menu.addAction(tr("lists.menu.import", self.lang), self.open_lists_import)`.
        Their screens get `self.session` (never this window) and run through its runner.
        """
        menu.setToolTipsVisible(True)
        if self.bank_mode:  # a bank officer records account openings, nothing else
            return
        # --- lists (issue 5): import a police / beneficiary / "who to help" list.
        import_list = menu.addAction(tr("lists.dialog.menu", self.lang))
        import_list.triggered.connect(self.open_list_import)
        # --- lists (issue 14): villages and points added or renamed after set-up.
        self.villages_action = menu.addAction(tr("villages.dialog.menu", self.lang))
        self.villages_action.triggered.connect(self.open_villages)
        self.villages_action.setVisible(may(self.role, Action.CAMPAIGN_SETTINGS))
        # --- sync --- (issue 6): export a bundle to a stick, import bundles from one.
        add_sync_actions(menu, self.session, self)
        # --- at rest (issue 15): encrypted backup to a stick, restore one (police, admins).
        if may(self.role, Action.EXPORT_PERSONAL_DATA):
            add_backup_actions(menu, self.session, self)
        # reports (issue 7): the police dashboard and report files, police and admins only.
        self.reports_action = menu.addAction(tr("reports.dashboard.menu", self.lang))
        self.reports_action.triggered.connect(self.open_police_dashboard)
        self.reports_action.setVisible(may(self.role, Action.VIEW_REPORTS))
        # payments (issue 19): the monthly payment list, police and admins only.
        self.payment_list_action = menu.addAction(tr("paylist.menu", self.lang))
        self.payment_list_action.triggered.connect(self.open_payment_list)
        self.payment_list_action.setVisible(may(self.role, Action.EXPORT_PAYMENT_LIST))
        self.campaign_action = menu.addAction(tr("campaign_ui.menu", self.lang))
        self.campaign_action.triggered.connect(self.open_campaign_settings)
        self.campaign_action.setVisible(may(self.role, Action.CAMPAIGN_SETTINGS))
        # --- door-to-door list (issue 18 item 7): per village, for the team leaders' rounds.
        self.door_list_action = menu.addAction(tr("door_list.menu", self.lang))
        self.door_list_action.triggered.connect(self.open_door_list)
        self.door_list_action.setVisible(may(self.role, Action.EXPORT_PERSONAL_DATA))
        # --- teams and units (issue 19): village teams; schools and organisations.
        self.teams_action = menu.addAction(tr("teams.menu", self.lang))
        self.teams_action.triggered.connect(self.open_teams)
        self.teams_action.setVisible(may(self.role, Action.MANAGE_TEAMS))
        self.units_action = menu.addAction(tr("units.menu", self.lang))
        self.units_action.triggered.connect(self.open_units)
        self.units_action.setVisible(may(self.role, Action.MANAGE_UNITS))
        # province (issue 20): the day's summary for the province police (counts only).
        self.summary_action = menu.addAction(tr("province.ui.export_summary", self.lang))
        self.summary_action.triggered.connect(self.open_summary_export)
        self.summary_action.setVisible(may(self.role, Action.EXPORT_SUMMARY))

    def _add_area_menus(self) -> None:
        """Other areas' own menus, rebuilt with the window; none for a bank officer."""
        if self.bank_mode:
            return
        # --- documents (issue 8): guide sheet, leaflet, slips ---
        from fieldapp.ui.printing import PrintingMenu

        self.printing = PrintingMenu(self, self.session)

    def open_point_settings(self) -> None:
        """The point's opening days and hours, and the home-visit age (issue 12)."""
        from fieldapp.ui.point_settings import PointSettingsDialog

        dialog = PointSettingsDialog(self.session, self)
        self.point_settings = dialog
        if dialog.exec() and dialog.saved:
            self.show_status(tr("desk_finish.point.saved", self.lang))
            self.pages.outcome_recorded()  # the age may have changed the list
        self.focus_scan()

    def change_my_pin(self) -> None:
        """The signed-in user's own PIN (the store's key slot follows, issue 15)."""
        from fieldapp.ui.pin_change import ChangePinDialog

        dialog = ChangePinDialog(self.session, self)
        self.pin_dialog = dialog
        if dialog.exec() and dialog.changed:
            self.show_status(tr("desk_finish.pin.changed", self.lang))
        self.focus_scan()

    def open_payment_list(self) -> None:  # payments (issue 19)
        """The monthly payment list: what changed since the last, export, history."""
        from fieldapp.ui.payment_list_dialog import PaymentListDialog

        PaymentListDialog(self.session, self).exec()

    def open_door_list(self) -> None:
        """The team leader's door-to-door list for a village (police and admins)."""
        from fieldapp.ui.door_list_dialog import DoorListDialog

        DoorListDialog(self.session, self).exec()

    def open_campaign_settings(self) -> None:  # reports
        """Waves, village targets, the report deadline and the banks (police and admins)."""
        from fieldapp.ui.campaign_settings import CampaignSettingsDialog

        CampaignSettingsDialog(self.session, self).exec()

    def open_police_dashboard(self) -> None:  # reports
        """Open the police dashboard (reports) and start computing its figures."""
        from fieldapp.ui.police_dashboard import PoliceDashboard  # reports

        self.police_dashboard = PoliceDashboard(self.session)  # reports
        self.police_dashboard.show()  # reports
        self.police_dashboard.refresh()  # reports

    def open_summary_export(self) -> None:  # province
        """The commune's summary for the province, to a stick."""
        from fieldapp.ui.summary_export import SummaryExportDialog

        SummaryExportDialog(self.session, parent=self).exec()

    def open_teams(self) -> None:  # teams (issue 19)
        """Village teams: members, targets, reports (police and admins)."""
        from fieldapp.ui.teams_screen import TeamsDialog

        TeamsDialog(self.session, self).exec()

    def open_units(self) -> None:  # teams (issue 19)
        """Schools, organisations and offices: rosters and figures (police and admins)."""
        from fieldapp.ui.units_screen import UnitsDialog

        UnitsDialog(self.session, self).exec()

    def open_list_import(self) -> None:
        """lists: the import dialog, modal over the desk."""
        from fieldapp.ui.lists_import import ListImportDialog

        dialog = ListImportDialog(self.session, self)
        dialog.exec()

    def open_villages(self) -> None:
        """lists: villages and support points, added or renamed later."""
        from fieldapp.ui.villages_dialog import VillagesDialog

        VillagesDialog(self.session, self).exec()

    def _header_text(self) -> str:
        lang = self.lang
        parts = []
        if self.session.point is not None:
            parts.append(escape(tr("header.point", lang, point=self.session.point.name)))
        user = self.session.user
        if user is not None:
            who = tr("desk.header.role", lang, user=user.name, role=user.role.value)
            parts.append(escape(tr("header.user", lang, user=who)))
            if desk.is_bank_mode(user.role):
                parts.append(f"<b>{escape(tr('desk.header.bank_mode', lang))}</b>")
        else:
            parts.append(escape(tr("desk.scan.not_signed_in", lang)))
        if self.session.demo:
            mark = escape(tr("demo.title_mark", lang))
            parts.insert(
                0, f"<span style='background:#b3261e;color:white'>&nbsp;{mark}&nbsp;</span>"
            )
        return " &nbsp;·&nbsp; ".join(parts)

    # Small helpers ---------------------------------------------------------------------------
    def focus_scan(self) -> None:
        """Back to the desk page with the keyboard in the scan field."""
        if self.tabs.currentIndex() != 0:
            self.tabs.setCurrentIndex(0)
        self.scan_field.setFocus(Qt.FocusReason.OtherFocusReason)
        self.scan_field.selectAll()

    def show_page(self, index: int) -> None:
        """Switch to a page (Ctrl+1/2/3)."""
        self.tabs.setCurrentIndex(index)
        if index == 0:
            self.focus_scan()

    def show_status(self, text: str, *, error: bool = False, hint: bool = False) -> None:
        """One line in the status area (above the card, and the status bar); errors in red."""
        style = _ERROR_STYLE if error else _HINT_STYLE if hint else _OK_STYLE
        if self.status_line.styleSheet() != style:
            self.status_line.setStyleSheet(style)
        self.status_line.setText(text)
        self.statusBar().showMessage(text)  # hidden copy, for areas that read it there

    def status_text(self) -> str:
        """What the status area says now (for tests and screenshots)."""
        return self.status_line.text()

    def render_card(self, card: CitizenCard | None) -> None:
        """Show a card (already cut to what the role may see), or clear it."""
        if card is None:
            self.card_view.clear_card()
            return
        self.card_view.current_visit_id = self.visit.id if self.visit else None
        self.card_view.show_card(card)
        if self.helper_picker is not None:  # teams (issue 19)
            self.helper_picker.show_visit(self.visit)

    def render_panel(self) -> None:
        """The outcome panel follows the open card and the picked step."""
        self.outcomes.update_state(has_card=self.visit is not None, pending=self.pending_step)

    def visit_line_changed(self, line: VisitLine) -> None:
        """Today's row of the open visit."""
        if self.today_page is not None:
            self.today_page.model.upsert(line)
        self.pages.outcome_recorded()  # the home-visit list follows (issue 12)

    def rebuild(self) -> None:
        """Another user or language: every widget again, and the pages reloaded."""
        self._build()
        self.pages.refresh_today()

    def villages_loaded(self, villages: Sequence[dm.Village]) -> None:
        """The villages arrived: the home-visit page's list."""
        self.pages.set_villages(villages)

    # Scans ---------------------------------------------------------------------------------
    def _on_scan_field(self) -> None:
        text = self.scan_field.text()
        self.scan_field.clear()
        if text.strip():
            self.scan_from_anywhere(text)

    def scan_from_anywhere(self, text: str) -> None:
        """A scanner burst caught anywhere (the scan field, another page, a dialog, the card).

        An open dialog is cancelled first (it was about the previous citizen); the scan is
        handled once the dialog's own loop has ended.
        """
        self.desk.note_scan()
        self._caught_scan = text
        if close_open_dialogs(self):
            self.desk.scan_notice = tr("desk.scan.dialog_cancelled", self.lang)
            QTimer.singleShot(0, self, self._handle_caught_scan)
        else:
            self._handle_caught_scan()

    def _handle_caught_scan(self) -> None:
        text, self._caught_scan = self._caught_scan, ""
        if not text:
            return
        if not self.isActiveWindow():
            self.raise_()
            self.activateWindow()
        self.focus_scan()
        self.desk.scan(text)

    def scan_text(self, text: str, *, place: dm.VisitPlace = dm.VisitPlace.AT_POINT) -> None:
        """Register a visit for what was scanned or typed (the controller does it)."""
        self.desk.scan(text, place=place)

    def _half_scan(self) -> None:
        self.scan_field.clear()
        self.show_status(tr("desk.scan.half", self.lang), error=True)

    # Kept for callers that drive the window (tests, screenshots, benches) -----------------------
    def record(self, step: dm.Step, result: dm.Result, **details: object) -> None:
        """Save one outcome on the open visit."""
        self.desk.record(step, result, **details)  # type: ignore[arg-type]

    def undo(self) -> None:
        """Ctrl+Z."""
        self.desk.undo()

    def new_citizen(self) -> None:
        """Ctrl+N."""
        self.desk.new_citizen()

    def _desk_key(self, text: str) -> bool:
        return self.desk.key(text)

    def _escape(self) -> None:
        self.desk.escape()

    def refresh_today(self) -> None:
        """Reload the today page."""
        self.pages.refresh_today()

    def switch_user(self) -> None:
        """Ctrl+L."""
        self.desk.switch_user()

    def open_users(self) -> None:
        """Ctrl+U."""
        self.desk.manage_users()

    def open_settings(self) -> None:
        """Ctrl+,."""
        self.desk.open_settings()

    def toggle_id(self) -> None:
        """Ctrl+I: show or mask the full personal ID on the card."""
        if self.card is not None:
            self.card_view.toggle_id()
        self.focus_scan()

    def remove_sample_data(self) -> None:
        """Settings → Remove sample data: empty this demo store, then close (set-up next)."""
        remove = self.session.remove_demo
        if not self.session.demo or remove is None:
            return
        if not self.dialogs.confirm(
            tr("demo.remove_action", self.lang), tr("demo.remove_confirm", self.lang)
        ):
            return

        def removed(done: bool) -> None:
            if done:
                self.session.demo = False
                self.close()

        self.session.runner.run(
            lambda _p: remove(), on_success=removed, on_failure=self.desk.show_error
        )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        """Closed from the title bar (or Alt+F4): the same reminder as Ctrl+Q."""
        if event.spontaneous() and not self._export_reminded and self._remind_to_export():
            event.ignore()
            return
        self._stop_catching()
        super().closeEvent(event)

    def quit_desk(self) -> bool:
        """Ctrl+Q: True when the desk closed.

        Before quitting with work no bundle carried yet, a reminder with the export button.
        """
        if self._remind_to_export():
            return False
        self._export_reminded = True
        return self.close()

    def _remind_to_export(self) -> bool:
        """True to stay open (the person chose to export, or to stay)."""
        if not self.session.remind_export or self.bank_mode or self.session.point is None:
            return False
        from fieldapp.services import sync

        try:
            waiting = sync.unexported_events(self.session.uow())
        except Exception:
            return False
        if not waiting:
            return False
        choice = self.dialogs.quit_reminder(self.lang, waiting)
        if choice == "export":
            from fieldapp.ui.sync_export import ExportBundleDialog

            ExportBundleDialog(self.session, parent=self).exec()
            return True
        return choice == "stay"

    def _stop_catching(self) -> None:
        """Stop catching keys when the desk closes."""
        if self.catcher is not None:
            self.catcher.uninstall()

"""The province police's desk: every commune ranked, the bands in colour, who has not reported.

Figures come from `services.province.figures.province_board` on the task runner; the tables
are the ones the province's daily report prints (`services/province/report.py`), so screen
and paper say the same numbers. Summaries, enrolment, the commune list and the report files
are one button each; each opens a file dialog (stubbed in tests) and runs on the runner.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from fieldapp.domain import model as dm
from fieldapp.i18n import tr
from fieldapp.i18n.formats import count_text, date_text, percent_text
from fieldapp.services.clock import local_today
from fieldapp.services.progress import Progress
from fieldapp.services.province import communes as pc
from fieldapp.services.province import figures as pf
from fieldapp.services.province import importing as pi
from fieldapp.services.province import report as pr
from fieldapp.ui.police_dashboard import ReportTableModel, _table_view
from fieldapp.ui.province_communes import CommunesPanel
from fieldapp.ui.qt_words import choose_folder, open_file_path, save_file_path
from fieldapp.ui.report_charts import LineChart, Series
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_common import failure_text, keyring_of

# The province's bands, as coloured on its slides: red at 0%, orange below 15%, green at 50%.
BAND_COLOURS = {
    pf.BAND_ZERO: QColor("#f4c7c3"),
    pf.BAND_LOW: QColor("#fce8b2"),
    pf.BAND_MIDDLE: QColor("#ffffff"),
    pf.BAND_HIGH: QColor("#b7e1cd"),
    pf.BAND_NONE: QColor("#e8eaed"),
}
BAND_TEXT = {pf.BAND_ZERO: "#a50e0e", pf.BAND_LOW: "#8a5a00", pf.BAND_MIDDLE: "#3c4043",
             pf.BAND_HIGH: "#0d652d", pf.BAND_NONE: "#5f6368"}  # fmt: skip


class RankingModel(ReportTableModel):
    """The ranking table, each commune's row tinted by its band."""

    def __init__(self, lang: str = "vi") -> None:
        super().__init__(lang)
        self.bands: list[str] = []

    def set_board(self, board: pf.ProvinceBoard) -> None:
        """Show the board's communes, ranked."""
        self.bands = [line.band for line in board.communes]
        self.set_table(pr.ranking_table(board, self.lang))

    def data(self, index: Any, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """The report cell, on its band's colour."""
        if (
            role == Qt.ItemDataRole.BackgroundRole
            and index.isValid()
            and index.row() < len(self.bands)
        ):
            return BAND_COLOURS[self.bands[index.row()]]
        return super().data(index, role)


class _BandBox(QFrame):
    """One band: its colour, its name, how many communes."""

    def __init__(self, band: str, lang: str) -> None:
        super().__init__()
        self.setObjectName(f"band_{band}")
        colour = BAND_COLOURS[band].name()
        self.setStyleSheet(
            f"#band_{band} {{ background: {colour}; border: 1px solid #c0c4c8; "
            "border-radius: 4px; }"
        )
        self.count = QLabel("—")
        font = self.count.font()
        font.setPointSizeF(font.pointSizeF() + 6)
        font.setBold(True)
        self.count.setFont(font)
        self.count.setStyleSheet(f"color: {BAND_TEXT[band]}")
        caption = QLabel(tr(f"province.band.{band}", lang))
        caption.setStyleSheet(f"color: {BAND_TEXT[band]}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 4, 10, 4)
        layout.addWidget(self.count, alignment=Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(caption, alignment=Qt.AlignmentFlag.AlignHCenter)


class ProvinceDashboard(QMainWindow):
    """The province desk's one window."""

    def __init__(self, session: DeskSession, *, day: date | None = None) -> None:
        super().__init__()
        self.session = session
        self.lang = lang = session.lang
        self.day = day or local_today()
        self.board: pf.ProvinceBoard | None = None
        self.last_message = ""
        self.setWindowTitle(tr("province.dashboard.title", lang))
        self.headline = QLabel(tr("province.ui.loading", lang))
        self.headline.setObjectName("headline")
        self.headline.setWordWrap(True)
        font = self.headline.font()
        font.setPointSizeF(font.pointSizeF() + 2)
        font.setBold(True)
        self.headline.setFont(font)
        self.late = QLabel("")
        self.late.setObjectName("late")
        self.late.setWordWrap(True)
        self.late.setStyleSheet("color: #a50e0e; font-weight: bold")
        self.band_boxes = {band: _BandBox(band, lang) for band in pf.BANDS}
        bands = QHBoxLayout()
        for box in self.band_boxes.values():
            bands.addWidget(box)
        self.ranking = RankingModel(lang)
        self.ranking_view = _table_view(self.ranking)
        self.groups = ReportTableModel(lang)
        self.groups_view = _table_view(self.groups)
        # one group's paid-to-account rate in every commune (the department extracts' table)
        self.group_choice = QComboBox()
        self.group_choice.setObjectName("groupChoice")
        for group in dm.BeneficiaryGroup:
            self.group_choice.addItem(tr(f"group.{group.value}", lang), group.value)
        self.group_choice.currentIndexChanged.connect(self._show_group_communes)
        self.group_communes = ReportTableModel(lang)
        self.group_communes_view = _table_view(self.group_communes)
        self.trend_model = ReportTableModel(lang)
        self.trend_view = _table_view(self.trend_model)
        self.chart = LineChart(lang=lang)
        self.not_reported = QLabel("")
        self.not_reported.setWordWrap(True)
        self.not_reported.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.status = QLabel("")
        self.status.setObjectName("status")
        self.status.setWordWrap(True)

        tabs = QTabWidget()
        tabs.addTab(self.ranking_view, tr("province.ui.tab_ranking", lang))
        groups = QSplitter(Qt.Orientation.Vertical)
        groups.addWidget(self.groups_view)
        below = QWidget()
        below_layout = QVBoxLayout(below)
        below_layout.setContentsMargins(0, 0, 0, 0)
        choice_line = QHBoxLayout()
        choice_line.addWidget(QLabel(tr("province.ui.group_communes", lang)))
        choice_line.addWidget(self.group_choice)
        choice_line.addStretch(1)
        below_layout.addLayout(choice_line)
        below_layout.addWidget(self.group_communes_view)
        groups.addWidget(below)
        tabs.addTab(groups, tr("province.ui.tab_groups", lang))
        trend = QSplitter(Qt.Orientation.Vertical)
        trend.addWidget(self.chart)
        trend.addWidget(self.trend_view)
        tabs.addTab(trend, tr("province.ui.tab_trend", lang))
        tabs.addTab(self.not_reported, tr("province.ui.tab_not_reported", lang))
        self.communes_panel = CommunesPanel(
            session, say=self._say, failed=self._failed, changed=self._refresh_board
        )
        tabs.addTab(self.communes_panel, tr("province.keys.tab", lang))
        self.tabs = tabs

        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for key, slot in (
            ("import", self.import_summaries),
            ("enrol", self.enrol_commune),
            ("communes", self.import_communes),
            ("report_pdf", lambda: self.write_report("pdf")),
            ("report_xlsx", lambda: self.write_report("xlsx")),
            ("refresh", self.refresh),
        ):
            button = QPushButton(tr(f"province.ui.{key}", lang))
            button.setObjectName(key)
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
        buttons.addStretch(1)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.headline)
        layout.addWidget(self.late)
        layout.addLayout(bands)
        layout.addWidget(tabs, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.setCentralWidget(body)
        self.resize(1366, 768)

    # figures ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Compute the board and read the communes' keys on the runner, then draw them."""
        self._refresh_board()
        self.communes_panel.refresh()

    def _refresh_board(self) -> None:
        session, day = self.session, self.day

        def work(_progress: Progress) -> pf.ProvinceBoard:
            return pf.province_board(session.uow(), day)

        session.runner.run(work, on_success=self.show_board, on_failure=self._failed)

    def show_board(self, board: pf.ProvinceBoard) -> None:
        """Draw a computed board."""
        self.board = board
        lang = self.lang
        reported = len(board.communes) - len(board.not_reported)
        self.headline.setText(
            tr(
                "province.dashboard.line",
                lang,
                province=board.province,
                day=date_text(board.day, lang),
                linked=count_text(board.total.get("linked", 0), lang),
                level2=count_text(board.total.get("level2", 0), lang),
                rate=percent_text(board.rate, lang),
                reported=reported,
                communes=len(board.communes),
                deadline=board.deadline,
            )
        )
        late = board.past_deadline and board.not_reported
        self.late.setText(
            tr(
                "province.dashboard.late",
                lang,
                deadline=board.deadline,
                count=len(board.not_reported),
            )
            if late
            else ""
        )
        for band, box in self.band_boxes.items():
            box.count.setText(count_text(board.bands[band], lang))
        self.ranking.set_board(board)
        self.groups.set_table(pr.groups_table(board, lang))
        self._show_group_communes()
        self.trend_model.set_table(pr.trend_table(board, lang))
        self.chart.set_series(
            tr("province.ui.trend_title", lang),
            [date_text(t.day, lang) for t in board.trend],
            [
                Series(tr("reports.col.level2", lang), [t.level2 for t in board.trend]),
                Series(tr("reports.col.linked", lang), [t.linked for t in board.trend]),
            ],
        )
        names = [c.name for c in board.not_reported]
        self.not_reported.setText(
            tr("province.ui.not_reported", lang, count=len(names), deadline=board.deadline)
            + ("\n" + "\n".join(names) if names else "")
        )
        self.tabs.setTabText(3, tr("province.ui.tab_not_reported_n", lang, count=len(names)))

    def _show_group_communes(self) -> None:
        if self.board is None:
            return
        group = dm.BeneficiaryGroup(self.group_choice.currentData())
        self.group_communes.set_table(pr.group_by_commune_table(self.board, group, self.lang))

    # actions ---------------------------------------------------------------------------------
    def import_summaries(self, paths: list[Path] | None = None) -> None:
        """Summaries from a stick (files or a folder), then the board again."""
        if paths is None:
            folder = choose_folder(self, tr("province.ui.import", self.lang))
            if not folder:
                return
            paths = [Path(folder)]
        session, keyring, actor = self.session, keyring_of(self.session), self.session.user
        assert actor is not None

        def work(_progress: Progress) -> Any:
            return pi.import_summaries(session.uow(), keyring, paths, actor=actor)

        session.runner.run(work, on_success=self._imported, on_failure=self._failed)

    def _imported(self, report: Any) -> None:
        lines = [tr(f.message_id, self.lang, **f.params) for f in report.files]
        self._say("\n".join(lines))
        self.refresh()

    def enrol_commune(self, card: Path | None = None, fingerprint: str | None = None) -> None:
        """A commune's key card (fingerprint compared), then what it sent before enrolment."""
        if card is None:
            chosen = open_file_path(self, tr("province.ui.enrol", self.lang), "*.fieldkey")
            if not chosen:
                return
            card = Path(chosen)
            fingerprint = self._confirm_card(card)
            if fingerprint is None:
                return
        session, keyring, actor = self.session, keyring_of(self.session), self.session.user
        assert actor is not None

        def work(_progress: Progress) -> str:
            info, public = pc.enrol_commune(
                session.uow(), card, fingerprint=fingerprint, actor=actor
            )
            held = pi.accept_held(session.uow(), keyring, public.key_id.hex(), actor=actor)
            lines = [
                tr("province.enrolled", self.lang, name=info.name, fingerprint=public.fingerprint)
            ]
            lines += [tr(f.message_id, self.lang, **f.params) for f in held.files]
            return "\n".join(lines)

        session.runner.run(work, on_success=self._done, on_failure=self._failed)

    def _confirm_card(self, card: Path) -> str | None:
        """Show the card's name and fingerprint: enrol only once the officer compared them."""
        from fieldapp.sync.errors import SyncError
        from fieldapp.sync.keys import parse_card

        try:
            public = parse_card(card.read_bytes())
        except (OSError, SyncError) as error:
            self._failed(error if isinstance(error, SyncError) else SyncError("sync.not_a_card"))
            return None
        answer = QMessageBox.question(
            self,
            tr("province.ui.enrol", self.lang),
            tr("province.ui.compare", self.lang, name=public.name, fingerprint=public.fingerprint),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return None
        return public.fingerprint

    def import_communes(self, path: Path | None = None) -> None:
        """The list of administrative units (xlsx, xls, csv)."""
        if path is None:
            chosen = open_file_path(
                self, tr("province.ui.communes", self.lang), "*.xlsx *.xls *.csv"
            )
            if not chosen:
                return
            path = Path(chosen)
        session, actor = self.session, self.session.user
        assert actor is not None

        def work(_progress: Progress) -> str:
            done = pc.import_communes(session.uow(), path, actor=actor)
            return tr(
                "province.communes_imported",
                self.lang,
                file=done.file,
                added=done.added,
                known=done.known,
            )

        session.runner.run(work, on_success=self._done, on_failure=self._failed)

    def write_report(self, fmt: str, target: Path | None = None) -> None:
        """The province's daily report as a PDF or xlsx file."""
        if target is None:
            name = f"bao-cao-tinh-{self.day.isoformat()}.{fmt}"
            title = tr(f"province.ui.report_{fmt}", self.lang)
            chosen = save_file_path(self, title, name, f"*.{fmt}")
            if not chosen:
                return
            target = Path(chosen)
        session, day, lang, actor = self.session, self.day, self.lang, self.session.user
        assert actor is not None

        def work(_progress: Progress) -> str:
            pr.write_province_report(
                session.uow(), target, day=day, fmt=fmt, lang=lang, actor=actor
            )
            return tr("reports.written", lang, path=str(target))

        session.runner.run(work, on_success=self._say, on_failure=self._failed)

    def _done(self, text: str) -> None:
        self._say(text)
        self.refresh()

    def _say(self, text: str) -> None:
        self.last_message = text
        self.status.setStyleSheet("")
        self.status.setText(text)

    def _failed(self, error: Exception) -> None:
        self.last_message = failure_text(error, self.lang)
        self.status.setStyleSheet("color: #a50e0e; font-weight: bold")
        self.status.setText(self.last_message)

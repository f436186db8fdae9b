"""The police dashboard and the report dialog, offscreen, with a synchronous runner."""

from __future__ import annotations

import uuid
from datetime import date

from actors import police_of
from PySide6.QtCore import Qt
from reports_builders import hand_commune

from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.police_dashboard import PoliceDashboard, ReportTableModel
from fieldapp.ui.report_dialog import ReportDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner


def _session(qtbot, engine) -> DeskSession:
    hand_commune().save(SqlUnitOfWork(engine))
    return DeskSession(
        uow=lambda: SqlUnitOfWork(engine),
        runner=InlineTaskRunner(),
        lang="vi",
        user=police_of(engine),
    )


def test_dashboard_shows_the_figures(qtbot, engine):
    session = _session(qtbot, engine)
    board = PoliceDashboard(session, today=date(2026, 6, 5))
    qtbot.addWidget(board)
    board.refresh()
    assert board.key_figure.value.text() == "33,33%"
    assert board.key_figure.detail.text() == "2 / 6"
    assert board.linked_figure.value.text() == "1 / 1"
    assert board.status.text() == "Hạn báo cáo hằng ngày: trước 14:00"
    assert [b.label for b in board.bars.bars] == ["Thôn Hai", "Thôn Một"]
    assert board.trend.series[0].values[-1] == 2
    model = board.village_model
    assert model.rowCount() == 3  # two villages and the total
    names = [model.data(model.index(r, 1)) for r in range(model.rowCount())]
    assert names == ["Thôn Hai", "Thôn Một", "Tổng cộng"]
    assert model.data(model.index(2, 1), Qt.ItemDataRole.FontRole).bold()
    # both points saw someone on 5 June: nobody is silent
    assert board.silent.item(0).text() == "Tất cả các điểm đã gửi dữ liệu hôm nay."


def test_the_english_dashboard_writes_english_numbers(qtbot, engine):
    session = _session(qtbot, engine)
    session.lang = "en"
    board = PoliceDashboard(session, today=date(2026, 6, 5))
    qtbot.addWidget(board)
    board.refresh()
    assert board.key_figure.value.text() == "33.33%"
    key = next(c for c in range(board.village_model.columnCount()) if "%" in
               board.village_model.headerData(c, Qt.Orientation.Horizontal))  # fmt: skip
    assert board.village_model.data(board.village_model.index(1, key)) == "66.67%"
    assert board.bars.lang == board.trend.lang == "en"


def test_dashboard_lists_points_silent_today(qtbot, engine):
    session = _session(qtbot, engine)
    board = PoliceDashboard(session, today=date(2026, 6, 4))
    qtbot.addWidget(board)
    board.refresh()
    lines = [board.silent.item(i).text() for i in range(board.silent.count())]
    assert lines == ["Điểm Thôn Một — lần cuối: 03/06 10:00"]


def test_report_table_model_without_widgets():
    from operator import itemgetter

    from fieldapp.documents.report_model import CellKind, Column, Table

    model = ReportTableModel()
    model.set_table(
        Table.of(
            [
                Column("Thôn", itemgetter(0), CellKind.TEXT),
                Column("Tỷ lệ", itemgetter(1), CellKind.PERCENT),
            ],
            [("Thôn Một", 33.333), ("Thôn Hai", None)],
            ("Tổng cộng", 12.5),
        )
    )
    assert model.data(model.index(0, 1)) == "33,33%"
    assert model.data(model.index(1, 1)) == "—"
    assert model.data(model.index(2, 1), ReportTableModel.SORT_ROLE) == (1, 0)


def test_report_dialog_makes_and_saves_a_file(qtbot, engine, tmp_path):
    session = _session(qtbot, engine)
    dialog = ReportDialog(session, today=date(2026, 6, 5))
    qtbot.addWidget(dialog)
    target = tmp_path / "bao-cao"
    dialog.choose_path = lambda suggested: str(target)  # no file dialog in tests
    dialog.format.setCurrentIndex(dialog.format.findData("xlsx"))
    dialog.by.setCurrentIndex(dialog.by.findData("point"))
    qtbot.mouseClick(dialog.generate, Qt.MouseButton.LeftButton)
    assert dialog.saved_path == tmp_path / "bao-cao.xlsx"
    assert dialog.saved_path.exists()
    assert dialog.message.text().startswith("Đã lưu:")
    assert not dialog.wave.isEnabled()


def test_report_dialog_says_why_a_wave_report_fails(qtbot, engine, tmp_path):
    session = _session(qtbot, engine)
    dialog = ReportDialog(session, today=date(2026, 6, 5))
    qtbot.addWidget(dialog)
    dialog.choose_path = lambda suggested: str(tmp_path / "x.pdf")
    dialog.kind.setCurrentIndex(dialog.kind.findData("wave"))
    qtbot.mouseClick(dialog.generate, Qt.MouseButton.LeftButton)
    assert "Chưa có đợt nào chứa ngày 05/06/2026" in dialog.message.text()
    assert dialog.saved_path is None


def test_main_window_opens_the_dashboard_from_the_menu(qtbot, engine):
    from fieldapp.ui.main_window import MainWindow

    session = _session(qtbot, engine)
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.reports_action in window.menu_tools.actions()
    window.reports_action.trigger()
    qtbot.addWidget(window.police_dashboard)
    assert window.police_dashboard.board is not None


def test_the_reports_menu_is_for_the_police(qtbot, engine):
    from fieldapp.domain import model as dm
    from fieldapp.ui.main_window import MainWindow

    session = _session(qtbot, engine)
    point = dm.SupportPoint(uuid.uuid4(), "Điểm thử")
    for role, visible in (
        (dm.Role.VOLUNTEER, False),
        (dm.Role.BANK_OFFICER, False),
        (dm.Role.COMMUNE_POLICE, True),
        (dm.Role.ADMIN, True),
    ):
        session.point = point
        session.user = dm.User(uuid.uuid4(), "Người Dùng", role, point.id)
        window = MainWindow(session)
        qtbot.addWidget(window)
        action = getattr(window, "reports_action", None)  # a bank officer's desk has no tools
        assert (action is not None and action.isVisible()) is visible


def test_dashboard_says_when_the_period_is_empty(qtbot, engine):
    session = _session(qtbot, engine)
    board = PoliceDashboard(session, today=date(2026, 8, 1))
    qtbot.addWidget(board)
    board.refresh()
    assert board.status.text().startswith("Chưa có dữ liệu mới trong kỳ")
    assert board.key_figure.value.text() == "28,57%"  # cumulative: 2 linked of 7 (F since 6/6)


def test_dashboard_says_it_is_rebuilding_after_a_rules_change(qtbot, engine, monkeypatch):
    from fieldapp.store import status_projection

    session = _session(qtbot, engine)
    board = PoliceDashboard(session, today=date(2026, 6, 5))
    qtbot.addWidget(board)
    board.refresh()  # the projection is built under the current rules
    shown: list[str] = []
    real = board.status.setText
    monkeypatch.setattr(board.status, "setText", lambda text: (shown.append(text), real(text)))
    board.refresh()
    assert not any("dựng lại" in text for text in shown)  # nothing to rebuild
    monkeypatch.setattr(status_projection, "RULES_VERSION", "next-rules")
    board.refresh()
    assert "Quy tắc tính đã thay đổi: đang dựng lại số liệu của từng công dân (7/7)…" in shown
    assert board.key_figure.value.text() == "33,33%"  # the same figures once rebuilt

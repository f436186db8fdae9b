"""The desk's import dialog with hostile and disguised list files (issue 14): one clear
line in the dialog, nothing imported, the dialog still usable; a web export imports."""

from __future__ import annotations

from dataclasses import replace

import openpyxl
import pytest
from actors import police_of
from lists_builders import commune
from real_shapes import PLAIN_HEADER, corner_xlsx, html_xls, police_rows_plain
from sqlalchemy import text

from fieldapp.demo.loader import load_commune
from fieldapp.ui.lists_import import ListImportDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner


@pytest.fixture
def data():
    return commune(8, seed=31)


@pytest.fixture
def session(engine, uow, data):
    load_commune(engine, replace(data, citizens=[]), this_point=None)
    return DeskSession(uow=uow, runner=InlineTaskRunner(), user=police_of(uow))


def _citizens(engine):
    with engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM citizen")).scalar_one()


def _dialog(qtbot, session):
    dialog = ListImportDialog(session)
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: corner_xlsx(p / "ds.xlsx", 1_048_576, "XFD"), "XFD1048576"),
        (lambda p: (p / "thu_muc.xlsx").mkdir() or p / "thu_muc.xlsx", "thư mục"),
        (lambda p: (p / "rong.csv").write_bytes(b"") or p / "rong.csv", "không có dữ liệu"),
    ],
)
def test_a_hostile_file_is_one_line_in_the_dialog(qtbot, session, engine, tmp_path, make, words):
    dialog = _dialog(qtbot, session)
    dialog.load_file(make(tmp_path))
    message = dialog.message.text()
    assert words in message and "\n" not in message
    assert not dialog.import_button.isEnabled()
    assert _citizens(engine) == 0


def test_a_web_export_named_xls_imports_from_the_dialog(qtbot, session, engine, tmp_path, data):
    path = html_xls(tmp_path / "DanhSach.xls", PLAIN_HEADER, police_rows_plain(data))
    dialog = _dialog(qtbot, session)
    dialog.load_file(path)
    assert dialog.preview is not None and dialog.preview.error_list == []
    assert dialog.import_button.isEnabled()
    dialog.start_import()
    assert _citizens(engine) == len(data.citizens)


def test_a_ten_megabyte_cell_is_shown_cut_short(qtbot, session, tmp_path, data):
    book = openpyxl.Workbook()
    book.active.append(["Số CCCD", "Họ và tên", "Ghi chú"])
    c = data.citizens[0]
    book.active.append([c.personal_id, c.full_name, "x" * 10_000_000])
    path = tmp_path / "o_lon.xlsx"
    book.save(path)
    dialog = _dialog(qtbot, session)
    dialog.load_file(path)
    sample = dialog.preview.sample(5)
    assert sample and max(len(cell) for _n, cells in sample for cell in cells) <= 200

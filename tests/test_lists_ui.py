"""The import dialog, offscreen, with a synchronous task runner and stubbed file dialogs."""

from __future__ import annotations

from dataclasses import replace

import openpyxl
import pytest
from actors import police_of
from lists_builders import POLICE_HEADER, commune, police_rows, write_xlsx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox

from fieldapp.demo.loader import load_commune
from fieldapp.ingest.columns import ListColumn
from fieldapp.ui.lists_import import ListImportDialog, PreviewTableModel
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner


@pytest.fixture
def data():
    return commune(15, seed=21)


@pytest.fixture
def session(engine, uow, data):
    load_commune(engine, replace(data, citizens=[]), this_point=None)
    return DeskSession(uow=uow, runner=InlineTaskRunner(), user=police_of(uow))


@pytest.fixture
def list_file(tmp_path, data):
    names = {v.id: v.name for v in data.villages}
    rows = police_rows(data.citizens, names)
    rows[3][2] = 3819001234  # a bad ID: 10 digits
    return write_xlsx(tmp_path / "danh_sach_muc2.xlsx", POLICE_HEADER, rows)


def test_preview_model_without_widgets():
    model = PreviewTableModel("vi")
    model.set_rows(["Số CCCD", "Họ và tên"], [(6, ["038190012345", "Lê Thị Hoa"])], {6: ["x"]})
    assert model.rowCount() == 1 and model.columnCount() == 3
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Dòng"
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Họ và tên"
    assert model.data(model.index(0, 2)) == "Lê Thị Hoa"
    assert model.data(model.index(0, 0), PreviewTableModel.ROW_ROLE)[2] == ["x"]
    assert model.data(model.index(0, 1), Qt.ItemDataRole.BackgroundRole) is not None


def test_pick_preview_remap_import_and_save_rejected(qtbot, session, list_file, data, tmp_path):
    dialog = ListImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.ask_open_path = lambda: str(list_file)
    dialog.choose_button.click()

    assert dialog.preview is not None
    assert dialog.preview_model.rowCount() == len(data.citizens)
    assert dialog.errors_list.count() == 1
    assert "10 chữ số, cần 12" in dialog.errors_list.item(0).text()
    assert dialog.import_button.isEnabled()

    # The user says the phone column is not to be used.
    phone_col = POLICE_HEADER.index("SĐT")
    combo = dialog.mapping_table.cellWidget(phone_col, 1)
    assert isinstance(combo, QComboBox) and combo.currentData() == ListColumn.PHONE.value
    combo.setCurrentIndex(combo.findData(ListColumn.IGNORE.value))
    assert phone_col not in dialog.preview.mapping

    # Choosing a meaning another column has moves it: one meaning, one column.
    def choose(col, meaning):
        combo = dialog.mapping_table.cellWidget(col, 1)  # the table is refilled each time
        combo.setCurrentIndex(combo.findData(meaning.value))

    choose(0, ListColumn.FULL_NAME)
    assert dialog.preview.mapping[0] is ListColumn.FULL_NAME and 1 not in dialog.preview.mapping
    choose(1, ListColumn.FULL_NAME)
    choose(0, ListColumn.ROW_NUMBER)
    assert dialog.preview.mapping[1] is ListColumn.FULL_NAME
    assert dialog.preview.mapping[0] is ListColumn.ROW_NUMBER

    # Importing everything is refused because of the bad row; the message says so.
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "Có 1 dòng lỗi" in dialog.message.text()
    assert dialog.pages.currentIndex() == 0

    dialog.valid_only.setChecked(True)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    assert dialog.result.imported == len(data.citizens) - 1 and dialog.result.rejected == 1
    assert "Đã nhập 14 dòng" in dialog.result_label.text()
    dialog.grab().save(str(tmp_path / "result.png"))

    out = tmp_path / "tra_lai.xlsx"
    dialog.ask_save_path = lambda suggested: str(out)
    assert dialog.save_rejected_button.isEnabled()
    dialog.save_rejected_button.click()
    sheet = openpyxl.load_workbook(out).active
    assert "10 chữ số" in sheet.cell(sheet.max_row, len(POLICE_HEADER) + 1).value
    with session.uow() as u:
        assert u.repo.count_citizens() == len(data.citizens) - 1
        assert u.repo.get_citizen(data.citizens[0].personal_id).phone is None


def test_cancel_rolls_back(qtbot, session, list_file, data):
    dialog = ListImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load_file(list_file)
    dialog.valid_only.setChecked(True)
    real_run = session.runner.run

    def run_and_cancel(work, **callbacks):
        def cancelling(progress):
            progress.cancel()  # the user pressed Cancel as soon as it started
            return work(progress)

        return real_run(cancelling, **callbacks)

    session.runner.run = run_and_cancel
    dialog.start_import()
    assert "Đã hủy" in dialog.message.text()
    with session.uow() as u:
        assert u.repo.count_citizens() == 0


def test_a_file_that_is_not_a_list(qtbot, session, tmp_path):
    fake = tmp_path / "anh_chup.xlsx"
    fake.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    dialog = ListImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load_file(fake)
    assert "hình ảnh" in dialog.message.text()
    assert not dialog.import_button.isEnabled()


def test_the_desk_menu_opens_the_dialog(qtbot, session, monkeypatch):
    opened = []
    monkeypatch.setattr(ListImportDialog, "exec", lambda self: opened.append(self) or 0)
    window = MainWindow(session)
    qtbot.addWidget(window)
    actions = [a for a in window.menu_tools.actions() if a.text() == "Nhập danh sách…"]
    assert len(actions) == 1
    actions[0].trigger()
    assert len(opened) == 1


def test_saving_rejected_rows_to_a_folder_that_does_not_exist(qtbot, session, list_file, tmp_path):
    dialog = ListImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load_file(list_file)
    dialog.valid_only.setChecked(True)
    dialog.start_import()
    dialog.ask_save_path = lambda suggested: str(tmp_path / "khong_co" / "x.xlsx")
    dialog.save_rejected()
    assert "Không lưu được" in dialog.result_label.text()


def test_import_on_the_real_worker_thread(qtbot, engine, uow, data, list_file):
    from fieldapp.ui.tasks import TaskRunner

    load_commune(engine, replace(data, citizens=[]), this_point=None)
    runner = TaskRunner()
    session = DeskSession(uow=uow, runner=runner, user=police_of(uow))
    dialog = ListImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load_file(list_file)
    qtbot.waitUntil(lambda: dialog.preview is not None, timeout=10000)
    dialog.valid_only.setChecked(True)
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.pages.currentIndex() == 1, timeout=20000)
    assert dialog.result.imported == len(data.citizens) - 1
    runner.wait()


def test_fresh_install_ticks_new_villages_and_imports(qtbot, engine, uow, data, tmp_path):
    """No village typed at set-up: the dialog lists the list's villages; ticked ones are added."""
    from fieldapp.services import setup

    setup.set_up_point(
        uow(), commune_name="Xã Kiên Bình", province="", village_names=[], point_name="NVH",
        point_village=None, users=[],
    )  # fmt: skip
    names = {v.id: v.name for v in data.villages}
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    session = DeskSession(uow=uow, runner=InlineTaskRunner(), user=police_of(uow))
    dialog = ListImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    assert not dialog.villages_box.isHidden()
    counts = {}
    for c in data.citizens:
        counts[names[c.village_id]] = counts.get(names[c.village_id], 0) + 1
    listed = [dialog.villages_list.item(i).text() for i in range(dialog.villages_list.count())]
    assert sorted(listed) == sorted(f"{n} ({k} dòng)" for n, k in counts.items())
    assert len(dialog.preview.errors) == len(data.citizens)  # not added yet: every row refused
    for i in range(dialog.villages_list.count()):
        dialog.villages_list.item(i).setCheckState(Qt.CheckState.Checked)
    assert dialog.preview.errors == {}
    assert sorted(dialog.checked_villages()) == sorted(counts)
    dialog.import_button.click()
    assert dialog.result is not None and dialog.result.imported == len(data.citizens)
    assert "Đã thêm" in dialog.result_label.text()
    with uow() as u:
        assert sorted(v.name for v in u.repo.villages()) == sorted(counts)
        assert u.repo.count_citizens() == len(data.citizens)


def test_the_dialog_lets_the_later_of_two_rows_win(qtbot, session, data, tmp_path):
    names = {v.id: v.name for v in data.villages}
    rows = police_rows(data.citizens, names)
    poorer = list(rows[0])
    poorer[6] = ""  # the later row has no phone
    path = write_xlsx(tmp_path / "dup.xlsx", POLICE_HEADER, [*rows, poorer])
    dialog = ListImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.load_file(path)
    assert dialog.preview.duplicates == "fuller"
    assert "dòng nhiều thông tin hơn" in dialog.errors_list.item(0).text()
    dialog.duplicates_combo.setCurrentIndex(dialog.duplicates_combo.findData("later"))
    assert dialog.preview.duplicates == "later"
    assert "(dòng sau)" in dialog.errors_list.item(0).text()
    dialog.import_button.click()
    assert dialog.result is not None and dialog.result.imported == len(data.citizens)
    with session.uow() as u:
        assert u.repo.get_citizen(data.citizens[0].personal_id).phone is None


def test_villages_dialog_adds_and_renames(qtbot, session, data):
    from fieldapp.ui.villages_dialog import VillagesDialog

    dialog = VillagesDialog(session)
    qtbot.addWidget(dialog)
    before = dialog.villages.count()
    answers = iter(["Thôn Mới Lập", "Thôn Mới Đổi"])
    dialog.ask_text = lambda *_args: next(answers)
    dialog.add_village()
    assert dialog.villages.count() == before + 1
    assert "Đã thêm thôn «Thôn Mới Lập»" in dialog.message.text()
    item = dialog.villages.findItems("Thôn Mới Lập", Qt.MatchFlag.MatchExactly)[0]
    dialog.villages.setCurrentItem(item)
    dialog.rename_village()
    assert dialog.villages.findItems("Thôn Mới Đổi", Qt.MatchFlag.MatchExactly)
    dialog.ask_text = lambda *_args: data.villages[0].name.upper()
    dialog.add_village()
    assert "đã có thôn" in dialog.message.text()


def test_villages_dialog_adds_and_renames_a_support_point(qtbot, session, data):
    from fieldapp.ui.villages_dialog import VillagesDialog

    dialog = VillagesDialog(session)
    qtbot.addWidget(dialog)
    before = dialog.points.count()
    answers = iter(["Nhà văn hóa Xóm Mới", "Nhà văn hóa Xóm Giữa"])
    dialog.ask_text = lambda *_args: next(answers)
    dialog.add_point()
    assert dialog.points.count() == before + 1
    item = dialog.points.findItems("Nhà văn hóa Xóm Mới", Qt.MatchFlag.MatchExactly)[0]
    dialog.points.setCurrentItem(item)
    dialog.rename_point()
    assert dialog.points.findItems("Nhà văn hóa Xóm Giữa", Qt.MatchFlag.MatchExactly)
    assert not dialog.points.findItems("Nhà văn hóa Xóm Mới", Qt.MatchFlag.MatchExactly)


def test_several_files_chosen_at_once_import_as_one_list(qtbot, session, data, tmp_path):
    """Multi-select in the file dialog: one preview per file, errors by file, one import."""
    names = {v.id: v.name for v in data.villages}
    rows = police_rows(data.citizens, names)
    rows[9][2] = 3819001234  # a bad ID in the second file
    first = write_xlsx(tmp_path / "xa_a.xlsx", POLICE_HEADER, rows[:7])
    second = write_xlsx(tmp_path / "xa_b.xlsx", POLICE_HEADER, rows[7:])
    dialog = ListImportDialog(session)
    qtbot.addWidget(dialog)
    dialog.ask_open_path = lambda: [str(first), str(second)]
    dialog.choose_button.click()

    assert dialog.several is not None and dialog.file_combo.count() == 2
    assert "2 tệp" in dialog.file_edit.text() and "xa_b.xlsx" in dialog.file_edit.text()
    assert dialog.preview_model.rowCount() == 7  # the first file shown
    dialog.file_combo.setCurrentIndex(1)
    assert dialog.preview_model.rowCount() == len(rows) - 7
    errors = [dialog.errors_list.item(i).text() for i in range(dialog.errors_list.count())]
    assert errors == [errors[0]] and errors[0].startswith("Tệp «xa_b.xlsx»: Dòng ")
    assert "2 tệp: 15 dòng dữ liệu, 1 dòng lỗi" in dialog.summary.text()

    # The whole list is refused for one bad row; nothing of the good file is written.
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert "xa_b.xlsx" in dialog.message.text() and dialog.pages.currentIndex() == 0
    with session.uow() as u:
        assert u.repo.count_citizens() == 0

    # Cancel in the middle leaves nothing either.
    dialog.valid_only.setChecked(True)
    real_run = session.runner.run

    def run_and_cancel(work, **callbacks):
        def cancelling(progress):
            progress.cancel()
            return work(progress)

        return real_run(cancelling, **callbacks)

    session.runner.run = run_and_cancel
    dialog.start_import()
    assert "Đã hủy" in dialog.message.text()
    with session.uow() as u:
        assert u.repo.count_citizens() == 0
    session.runner.run = real_run

    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    assert dialog.pages.currentIndex() == 1
    assert "2 tệp, một lần nhập: đã nhập 14 dòng" in dialog.result_label.text()
    rejected = [dialog.rejected_list.item(i).text() for i in range(dialog.rejected_list.count())]
    assert len(rejected) == 1 and rejected[0].startswith("Tệp «xa_b.xlsx»: Dòng ")
    dialog.resize(1366, 768)
    dialog.ask_save_path = lambda suggested: str(tmp_path / "tra_lai.xlsx")
    dialog.save_rejected_button.click()
    assert (tmp_path / "tra_lai_xa_b.xlsx").exists()
    with session.uow() as u:
        assert u.repo.count_citizens() == len(data.citizens) - 1

"""Qt's own buttons and file dialogs speak Vietnamese; file dialogs open in Documents."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import (
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)

from fieldapp.ui import qt_words
from fieldapp.ui.qt_words import install_qt_words


@pytest.fixture
def vietnamese():
    install_qt_words("vi")
    yield
    install_qt_words("en")


def test_ok_cancel_yes_no_save_open_are_vietnamese(qtbot, vietnamese):
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok
        | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Save
        | QDialogButtonBox.StandardButton.Open
    )
    qtbot.addWidget(box)
    words = {b.text().replace("&", "") for b in box.buttons()}
    assert words == {"Đồng ý", "Hủy", "Lưu", "Mở"}
    question = QMessageBox()
    qtbot.addWidget(question)
    question.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    assert {b.text().replace("&", "") for b in question.buttons()} == {"Có", "Không"}


def test_qt_file_dialog_says_look_in_and_save_in_vietnamese(qtbot, vietnamese, tmp_path):
    dialog = QFileDialog(None, "Lưu báo cáo", str(tmp_path))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    qtbot.addWidget(dialog)
    dialog.show()
    labels = {w.text().replace("&", "") for w in dialog.findChildren(QLabel)}
    assert {"Tìm trong:", "Tên tệp:", "Kiểu tệp:"} <= labels
    buttons = {w.text().replace("&", "") for w in dialog.findChildren(QPushButton)}
    assert {"Lưu", "Hủy"} <= buttons
    assert not {"Save", "Cancel", "Look in:"} & (labels | buttons)


def test_english_keeps_qt_english(qtbot):
    install_qt_words("vi")
    install_qt_words("en")  # a language change replaces the translator
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
    qtbot.addWidget(box)
    assert box.buttons()[0].text().replace("&", "") == "OK"


def test_save_dialogs_open_in_documents_never_the_program_folder(monkeypatch, tmp_path):
    documents = tmp_path / "Documents"
    documents.mkdir()
    monkeypatch.setattr(qt_words, "documents_folder", lambda: documents)
    monkeypatch.setattr(qt_words, "removable_drives", lambda: [])
    asked: list[str] = []

    def fake_save(parent, title, start, filters=""):
        asked.append(start)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", fake_save)
    monkeypatch.chdir(tmp_path)  # the program folder
    from fieldapp.ui.printing import PrintingMenu

    PrintingMenu.ask_save_path(type("M", (), {"window": None, "lang": "vi"})(), "phieu-hen")
    assert Path(asked[-1]) == documents / "phieu-hen.pdf"


def test_open_and_folder_dialogs_start_on_the_plugged_stick(monkeypatch, tmp_path):
    stick = tmp_path / "USB"
    stick.mkdir()
    monkeypatch.setattr(qt_words, "removable_drives", lambda: [stick])
    started: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getExistingDirectory",
        lambda parent, title, start: started.append(start) or "",
    )
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda parent, title, start, filters="": started.append(start) or ("", ""),
    )
    qt_words.choose_folder(None, "Chọn USB")
    qt_words.open_file_path(None, "Chọn danh sách", "Excel (*.xlsx)")
    assert started == [str(stick), str(stick)]


def test_documents_folder_is_a_real_folder():
    assert qt_words.documents_folder().is_dir()


def test_words_we_do_not_know_stay_as_qt_says_them(qtbot, vietnamese):
    from PySide6.QtCore import QCoreApplication

    assert QCoreApplication.translate("QFileDialog", "Nothing we translate") == (
        "Nothing we translate"
    )


def test_qt_print_dialog_is_vietnamese(qtbot, vietnamese):
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    printer = QPrinter()  # the dialog does not own it: keep it alive
    dialog = QPrintDialog(printer)
    dialog.show()
    words = {w.text().replace("&", "") for w in dialog.findChildren(QPushButton)}
    words |= {w.text().replace("&", "") for w in dialog.findChildren(QLabel)}
    title = dialog.windowTitle()
    dialog.close()
    dialog.deleteLater()
    assert {"In", "Hủy", "Số bản:"} <= words and title == "In"


def test_every_file_dialog_goes_through_qt_words():
    """A new screen calling QFileDialog's static functions directly would open in the program's
    folder: every one goes through `save_file_path` / `open_file_path` / `choose_folder`."""
    import re

    ui = Path(qt_words.__file__).parent
    direct = re.compile(r"QFileDialog\.get(SaveFileName|OpenFileNames?|ExistingDirectory)")
    found = [
        path.name
        for path in sorted(ui.glob("*.py"))
        if path.name != "qt_words.py" and direct.search(path.read_text(encoding="utf-8"))
    ]
    assert found == []

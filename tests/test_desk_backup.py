"""Issue 15: the desk's backup and restore screens (police and admins)."""

from __future__ import annotations

from pathlib import Path

import pytest
from desk_helpers import desk_session
from PySide6.QtWidgets import QMessageBox
from stores import RECOVERY_CODES

from fieldapp.store.engine import sqlite_path
from fieldapp.ui.backup_restore import RecoveryCodeDialog, RestoreDialog, back_up


class Chooser:
    def __init__(self, folder: Path | None = None, file: Path | None = None) -> None:
        self.folder, self.file = folder, file

    def backup_folder(self, parent, lang):
        return self.folder

    def restore_file(self, parent, lang):
        return self.file


@pytest.fixture
def quiet_boxes(monkeypatch):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: said.append(text))
    return said


def test_backup_then_restore_from_the_desk(qtbot, uow, small_commune, tmp_path, db_url,
                                           quiet_boxes, monkeypatch):  # fmt: skip
    session = desk_session(uow, small_commune.points[0], small_commune.users[0])
    back_up(session, None, Chooser(folder=tmp_path / "usb"))
    (copy,) = (tmp_path / "usb").glob("*.fieldbackup")
    assert "Đã sao lưu" in quiet_boxes[-1]
    not_backup = tmp_path / "list.csv"
    not_backup.write_text("personal_id\n")
    dialog = RestoreDialog(session, Chooser(file=not_backup))
    qtbot.addWidget(dialog)
    dialog._choose()
    assert "không phải bản sao lưu" in dialog.error.text() and dialog.path is None
    dialog.files = Chooser(file=copy)
    dialog._choose()
    monkeypatch.setattr("PySide6.QtWidgets.QApplication.closeAllWindows", lambda *_: None)
    dialog.restore()
    assert dialog.restored is not None and dialog.restored.kept_aside is not None
    assert "mở lại" in quiet_boxes[-1]


def test_the_recovery_code_is_shown_as_text_and_qr(qtbot, db_url):
    code = RECOVERY_CODES[sqlite_path(db_url)]
    dialog = RecoveryCodeDialog("vi", code)
    qtbot.addWidget(dialog)
    assert dialog.code.text() == code
    assert not dialog.qr.pixmap().isNull()

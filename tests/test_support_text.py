"""About shows where the log is; "copy diagnostics" gives support the facts, never personal data."""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QApplication

from fieldapp import __version__
from fieldapp.services.diagnostics import (
    hide_password,
    last_log_lines,
    set_up_logging,
    support_text,
)
from fieldapp.ui.help_about import about_page

QR = "038090012345|123456789|Lê Văn Nam|01011990|Nam|Thôn Tây Sơn|01012022"


def test_database_url_password_is_hidden():
    url = "postgresql+psycopg://canbo:Mat-khau-1@10.0.0.5/fieldapp"
    assert hide_password(url) == "postgresql+psycopg://canbo:***@10.0.0.5/fieldapp"
    assert hide_password("/data/fieldapp.sqlite3") == "/data/fieldapp.sqlite3"


def test_log_tail_is_the_last_lines_masked_again(tmp_path):
    log = tmp_path / "fieldapp.log"
    lines = [f"2026-11-26 07:00:{n:02d} INFO fieldapp: line {n}" for n in range(40)]
    log.write_text("\n".join([*lines, "written before the filter: 038090012345"]) + "\n")
    tail = last_log_lines(3, log)
    assert tail[:2] == lines[-2:]
    assert "038090012345" not in tail[2] and tail[2].startswith("written before the filter: ")
    assert last_log_lines(3, tmp_path / "none.log") == []


def test_about_shows_the_log_and_copies_diagnostics_without_personal_data(
    qtbot, tmp_path, monkeypatch
):
    monkeypatch.setenv("FIELDAPP_LOG_DIR", str(tmp_path / "Nhật ký"))
    path = set_up_logging()
    try:
        logging.getLogger("fieldapp.sync").warning("bundle from %s refused", "Nhà văn hóa")
        logging.getLogger("fieldapp.desk").error("scan %s phone 0912 345 678 failed", QR)
    finally:
        for handler in logging.getLogger("fieldapp").handlers:
            handler.flush()
    page = about_page("vi", "/home/lan/.local/share/FieldApp/fieldapp.sqlite3")
    qtbot.addWidget(page)
    assert str(path) in page.body.text()
    page.copy_button.click()
    copied = QApplication.clipboard().text()
    assert copied.startswith(f"FieldApp {__version__} (")
    assert f"Tệp nhật ký: {path}" in copied
    assert "Cơ sở dữ liệu: /home/lan/.local/share/FieldApp/fieldapp.sqlite3" in copied
    assert "bundle from Nhà văn hóa refused" in copied  # what support needs is there
    for personal in ("038090012345", "Lê Văn Nam", "0912 345 678", "01011990"):
        assert personal not in copied
    assert "không có dữ liệu cá nhân" in page.copied.text()


def test_support_text_in_english():
    text = support_text("en", store_location="sqlite://")
    assert "System: " in text and "Log file: " in text and "Python 3." in text

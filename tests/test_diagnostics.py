"""The support text: the facts support asks for, and never a citizen's personal data."""

from pathlib import Path

from fieldapp import __version__
from fieldapp.diagnostics import diagnostics_text, hide_password, last_lines, scrub


def test_scrub_masks_ids_phones_and_mail_but_keeps_dates_and_times():
    line = (
        "2026-11-26 05:50:01,123 WARNING scan 038090012345 phone 0912 345 678 / +84 912.345.678"
        " / 0987654321 mail lan@example.vn"
    )
    assert scrub(line) == (
        "2026-11-26 05:50:01,123 WARNING scan ### phone ### / ### / ### mail ###"
    )


def test_log_tail_is_the_last_lines_scrubbed(tmp_path):
    log = tmp_path / "fieldapp.log"
    log.write_text(
        "".join(f"line {n}\n" for n in range(100)) + "import 038090012345 failed\n",
        encoding="utf-8",
    )
    tail = last_lines(log, count=3)
    assert tail == ["line 98", "line 99", "import ### failed"]
    assert last_lines(tmp_path / "missing.log") == []
    assert last_lines(None) == []


def test_database_url_password_is_hidden():
    url = "postgresql+psycopg://canbo:Mat-khau-1@10.0.0.5/fieldapp"
    assert hide_password(url) == "postgresql+psycopg://canbo:***@10.0.0.5/fieldapp"
    assert hide_password("sqlite:////data/fieldapp.sqlite3") == "sqlite:////data/fieldapp.sqlite3"


def test_diagnostics_name_version_system_folders_and_log(tmp_path):
    log = tmp_path / "Nhật ký" / "fieldapp.log"
    log.parent.mkdir()
    log.write_text("2026-11-26 07:00:00 INFO export-bundle ok\n", encoding="utf-8")
    text = diagnostics_text(
        "vi", data_folder=tmp_path, store=f"sqlite:///{tmp_path}/x.sqlite3", log_file=log,
        qt_version="6.11.3",
    )  # fmt: skip
    lines = text.splitlines()
    assert lines[0].startswith(f"FieldApp {__version__} (")
    assert "Python 3." in lines[1] and "Qt 6.11.3" in lines[1]
    assert f"Thư mục dữ liệu: {tmp_path}" in lines
    assert f"Tệp nhật ký: {log}" in lines
    assert lines[-1] == "2026-11-26 07:00:00 INFO export-bundle ok"
    assert "System:" in diagnostics_text(
        "en", data_folder=Path("."), store="sqlite://", log_file=None
    )

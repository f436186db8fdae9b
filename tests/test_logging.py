"""The support log and the faces' error lines never carry personal data (issue 13, item 13)."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fieldapp.services import diagnostics

QR = "038090012345|123456789|Lê Văn Nam|01011990|Nam|Thôn Tây Sơn|01012022"
ADMIN = ("Quản Trị Viên", "quan-tri-2468")
VOLUNTEER = ("Trần Thị Mai", "246810")
# The personal data the session uses: none of it may reach the log or an unasked output.
LIST_PEOPLE = [
    ("079185001122", "Hoàng Thị Lụa", "0912345678"),
    ("001090003344", "Đặng Văn Khoa", "0387654321"),
]
SECRETS = ["038090012345", "123456789", "Lê Văn Nam", "246810", "quan-tri-2468"] + [
    value for person in LIST_PEOPLE for value in person
]


def test_the_filter_masks_ids_phones_names_and_sql_parameters(tmp_path, monkeypatch):
    monkeypatch.setenv(diagnostics.ENV_LOG_DIR, str(tmp_path))
    path = diagnostics.set_up_logging()
    log = logging.getLogger("fieldapp.test")
    log.warning("scan of %s by %s", QR, "someone")
    log.warning("citizen 038090012345 phone 0912345678 / +84 912 345 678, old id 123456789")
    log.warning("row {'full_name': 'Hoàng Thị Lụa', 'phone': '0387654321'}; name=Đặng Văn Khoa")
    try:
        raise RuntimeError(
            "(sqlite3.OperationalError) database is locked [SQL: INSERT INTO citizen "
            "(personal_id, full_name) VALUES (?, ?)] [parameters: ('079185001122', 'Lụa')]"
        )
    except RuntimeError as error:
        diagnostics.log_unexpected(error, face="test")
    for handler in logging.getLogger("fieldapp").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    assert "RuntimeError" in text and "database is locked" in text  # still useful to support
    for secret in (
        "038090012345",
        "0912345678",
        "912 345 678",
        "123456789",
        "Lê Văn Nam",
        "Hoàng Thị Lụa",
        "0387654321",
        "Đặng Văn Khoa",
        "079185001122",
        "Lụa",
    ):
        assert secret not in text, secret  # fmt: skip
    assert diagnostics.log_path() == path and path.parent == tmp_path


def test_database_errors_never_carry_their_parameters(engine):
    from sqlalchemy import text
    from sqlalchemy.exc import StatementError

    with pytest.raises(StatementError) as caught, engine.connect() as connection:
        connection.execute(
            text("SELECT * FROM no_such_table WHERE x = :pid"), {"pid": "038090012345"}
        )
    assert "038090012345" not in str(caught.value)


def _cli(args, env, *, check_code=None):
    done = subprocess.run(
        [sys.executable, "-m", "fieldapp.cli.main", *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip
    if check_code is not None:
        assert done.returncode == check_code, done.stderr
    return done


def test_a_whole_session_leaves_no_personal_data_in_the_log_or_unasked_output(tmp_path):
    """init, a demo-like list, scans, an import, a bundle export, a DB error under a lock."""
    db = tmp_path / "point" / "fieldapp.sqlite3"
    logs = tmp_path / "logs"
    env = {k: v for k, v in os.environ.items() if not k.startswith("FIELDAPP_")}
    env |= {"FIELDAPP_LOG_DIR": str(logs), "FIELDAPP_KEYS": str(tmp_path / "keys"),
            "FIELDAPP_USER": ADMIN[0], "FIELDAPP_PIN": ADMIN[1],
            "PYTHONIOENCODING": "utf-8"}  # fmt: skip
    base = ["--db", str(db)]
    unasked: list[str] = []  # outputs nobody asked to show personal data
    asked: list[str] = []  # the card a scan shows, on purpose

    def run(*args, code=0, shows_data=False, **extra):
        done = _cli([*base, *args], env | extra, check_code=code)
        (asked if shows_data else unasked).append(done.stdout)
        unasked.append(done.stderr)
        return done

    run("init", "--commune", "Xã Kiên Bình", "--village", "Thôn Tây Sơn", "--point",
        "Nhà văn hóa Thôn Tây Sơn", "--point-village", "Thôn Tây Sơn",
        "--user", f"{ADMIN[0]}:admin:{ADMIN[1]}",
        "--user", f"{VOLUNTEER[0]}:volunteer:{VOLUNTEER[1]}")  # fmt: skip
    rows = ["STT,Họ và tên,Số CCCD,Ngày sinh,Giới tính,Thôn,Số điện thoại,Trạng thái"]
    for n, (pid, name, phone) in enumerate(LIST_PEOPLE, start=1):
        rows.append(f"{n},{name},{pid},01/01/1985,Nữ,Thôn Tây Sơn,{phone},Đã kích hoạt")
    rows.append(
        f'3,=HYPERLINK("http://x";"Bấm"),12345,01/01/1985,Nữ,Thôn Tây Sơn,{LIST_PEOPLE[0][2]},'
    )
    csv = tmp_path / "danh-sach.csv"
    csv.write_text("\n".join(rows) + "\n", encoding="utf-8")
    run("import-list", str(csv), "--kind", "police", "--valid-only",
        "--rejected-out", str(tmp_path / "loi.xlsx"), code=None)  # fmt: skip
    scan = run("scan", QR, "--create", "--user", VOLUNTEER[0], shows_data=True,
               FIELDAPP_USER=VOLUNTEER[0], FIELDAPP_PIN=VOLUNTEER[1])  # fmt: skip
    assert scan.returncode == 0, scan.stderr
    volunteer = {"FIELDAPP_USER": VOLUNTEER[0], "FIELDAPP_PIN": VOLUNTEER[1]}
    run("scan", LIST_PEOPLE[0][0], shows_data=True, **volunteer)
    run("status", "038090012345", FIELDAPP_USER="Nobody", code=3)
    run("keys", "init-point")
    run("export-bundle", "--to", str(tmp_path / "stick"), code=None)
    run("scan", QR, FIELDAPP_USER=VOLUNTEER[0], FIELDAPP_PIN="999999", code=3)  # a wrong PIN

    # A database error under a held write lock: one clear line, the traceback only in the log.
    from fieldapp.services import protection
    from fieldapp.store.migrate import open_store

    protection.unlock_with_pin(f"sqlite:///{db}", *VOLUNTEER)  # the store is encrypted at rest
    engine = open_store(f"sqlite:///{db}")
    with engine.connect() as holder:
        holder.exec_driver_sql("BEGIN IMMEDIATE")
        holder.exec_driver_sql("UPDATE app_user SET failed_pins = failed_pins")
        # a new card: the scan must write (the sign-in itself writes nothing)
        new_card = "038190054321|987654321|Trần Thị Hoa|05051990|Nữ|Thôn Tây Sơn|01012022"
        locked = run("scan", new_card, "--create", code=None, **volunteer)
        holder.rollback()
    engine.dispose()
    assert locked.returncode != 0
    err_lines = [line for line in locked.stderr.splitlines() if line.strip()]
    assert len(err_lines) == 1 and "Traceback" not in locked.stderr, locked.stderr
    assert "fieldapp.log" in err_lines[0]

    log_text = "\n".join(p.read_text(encoding="utf-8") for p in logs.glob("fieldapp.log*"))
    assert "OperationalError" in log_text  # the support log has what support needs
    everything = "\n".join(unasked) + "\n" + log_text
    for secret in SECRETS:
        assert secret not in everything, secret
    assert "Lê Văn Nam" in "\n".join(asked)  # the scan did show the card it was asked for
    assert Path(tmp_path / "loi.xlsx").exists()


def test_the_desk_logs_the_unexpected_and_shows_one_line(qtbot, tmp_path, monkeypatch, capsys):
    from PySide6.QtWidgets import QMessageBox

    from fieldapp.ui.app import install_excepthook
    from fieldapp.ui.tasks import InlineTaskRunner

    monkeypatch.setenv(diagnostics.ENV_LOG_DIR, str(tmp_path))
    shown = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, line: shown.append(line))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # restored after the test
    install_excepthook("vi")
    try:
        raise KeyError("full_name='Lê Văn Nam' 038090012345")
    except KeyError as error:
        sys.excepthook(type(error), error, error.__traceback__)
    failures = []

    def work(_progress):
        raise ZeroDivisionError("phone 0912345678")

    InlineTaskRunner().run(work, on_success=print, on_failure=failures.append)
    for handler in logging.getLogger("fieldapp").handlers:
        handler.flush()
    log_text = diagnostics.log_path().read_text(encoding="utf-8")
    assert "KeyError" in log_text and "ZeroDivisionError" in log_text
    assert "Lê Văn Nam" not in log_text and "038090012345" not in log_text
    assert "0912345678" not in log_text
    assert len(shown) == 1 and "fieldapp.log" in shown[0] and "Lê Văn Nam" not in shown[0]
    assert isinstance(failures[0], ZeroDivisionError)
    assert capsys.readouterr().err.strip() == shown[0]

import re

import pytest

from fieldapp.cli.main import main

QR = "038090012345|123456789|Lê Văn Nam|01011990|Nam|Thôn Tây Sơn|01012022"


@pytest.fixture
def run(db_url, capsys):
    def run(*args):
        code = main(["--db", db_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture
def set_up(run):
    code, out, _ = run(
        "init",
        "--commune",
        "Xã Kiên Bình",
        "--province",
        "Thanh Hóa",
        "--village",
        "Thôn Tây Sơn",
        "--point",
        "Nhà văn hóa Thôn Tây Sơn",
        "--point-village",
        "Thôn Tây Sơn",
        "--user",
        "Trần Thị Mai:volunteer",
    )
    assert code == 0
    assert "Nhà văn hóa Thôn Tây Sơn" in out
    return out


def test_scan_of_an_unknown_card_is_offered_then_created_on_request(run, set_up):
    code, _, err = run("scan", QR)
    assert code == 4
    assert "Chưa có công dân" in err and "No citizen" in err
    code, out, _ = run("scan", QR, "--create")
    assert code == 0
    assert "Lê Văn Nam" in out and "Cần đăng ký tài khoản định danh điện tử mức 2" in out


def test_outcome_then_status_then_search(run, set_up):
    _, out, _ = run("scan", QR, "--create")
    visit_id = re.search(r"lượt hỗ trợ ([0-9a-f-]{36})", out).group(1)
    code, out, _ = run("outcome", visit_id, "eid_application", "done")
    assert code == 0 and "Đã ghi kết quả" in out
    code, out, _ = run("status", "038090012345")
    assert code == 0
    assert re.search(r"Đăng ký tài khoản ĐDĐT mức 2: Đã xong", out)
    code, out, _ = run("search", "le van nam")
    assert code == 0 and "Lê Văn Nam" in out
    code, out, _ = run("search", "khong co ai")
    assert code == 4
    code, out, _ = run("today")
    assert code == 0 and "Lê Văn Nam" in out


def test_errors_are_in_vietnamese_then_english_or_english_alone(run, set_up):
    code, _, err = run("status", "03809001234")
    assert code == 3
    assert err.strip() == (
        "Số định danh cá nhân: 11 chữ số, cần 12 (Personal ID: 11 digits, 12 needed)"
    )
    code, _, err = run("--lang", "en", "scan", "038090012345|1|2")
    assert code == 3 and err.strip().startswith("The QR code is incomplete")


def test_a_failed_outcome_needs_a_reason(run, set_up):
    _, out, _ = run("scan", QR, "--create")
    visit_id = re.search(r"([0-9a-f-]{36})", out).group(1)
    code, _, err = run("outcome", visit_id, "eid_activation", "failed")
    assert code == 3 and "lý do" in err
    code, _, _ = run("outcome", visit_id, "eid_activation", "failed", "--reason", "no_otp")
    assert code == 0


def test_commands_before_setup_say_what_to_do(run):
    code, _, err = run("scan", QR)
    assert code == 4 and "fieldapp init" in err


def test_demo_loads_a_synthetic_commune_once(run):
    code, out, _ = run("demo", "--citizens", "300")
    assert code == 0 and "300 công dân, 25 thôn" in out
    code, _, err = run("demo", "--citizens", "300")
    assert code == 5 and "Dữ liệu đã có" in err


def test_usage_errors_exit_2(run):
    code, _, _ = run("outcome", "not-a-uuid", "eid_activation", "done")
    assert code == 2


def test_backup_is_encrypted_and_restores_on_a_new_laptop(run, set_up, tmp_path, db_url, capsys):
    from pathlib import Path

    from stores import RECOVERY_CODES

    from fieldapp.store import keychain
    from fieldapp.store.engine import sqlite_path

    if not db_url.startswith("sqlite"):
        pytest.skip("a database server has its own backups")
    def run_on(path, *args):
        code = main(["--db", str(path), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    run("scan", QR, "--create")
    code, out, _ = run("backup", "--to", str(tmp_path / "usb"))
    assert code == 0 and "Đã sao lưu" in out
    (copy,) = (tmp_path / "usb").glob("fieldapp-backup-*.fieldbackup")
    raw = copy.read_bytes()
    assert "Lê Văn Nam".encode() not in raw and b"038090012345" not in raw
    new_laptop = tmp_path / "new-laptop" / "fieldapp.sqlite3"
    recovery = RECOVERY_CODES[sqlite_path(db_url)]  # shown once when the store was made
    code, out, err = run_on(new_laptop, "restore", str(copy))
    assert code == 3 and "mã khôi phục" in err
    assert not new_laptop.exists()  # nothing written
    code, out, err = run_on(new_laptop, "restore", str(copy), "--recovery-code", recovery)
    assert code == 0, err
    keychain.forget(new_laptop)  # a new process: only the code unwraps the key
    code, out, err = run_on(new_laptop, "restore", str(copy), "--recovery-code", recovery)
    assert code == 0 and "giữ tại" in out
    assert len(list(Path(new_laptop.parent).glob("*.before-restore-*"))) >= 1
    code, out, _ = run_on(new_laptop, "status", "038090012345")
    assert code == 0 and "Lê Văn Nam" in out


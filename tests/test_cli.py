import re

import pytest

from fieldapp.cli.main import main

QR = "038090012345|123456789|Lê Văn Nam|01011990|Nam|Thôn Tây Sơn|01012022"


@pytest.fixture
def run(db_url, capsys):
    def run(*args, pin=None):
        if pin is not None:
            with pytest.MonkeyPatch.context() as patch:
                patch.setenv("FIELDAPP_PIN", pin)
                code = main(["--db", db_url, *args])
        else:
            code = main(["--db", db_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


ADMIN_PASSPHRASE = "quan-tri-2468"
VOLUNTEER_PIN = "246810"


@pytest.fixture
def set_up(run, monkeypatch):
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
        f"Quản Trị Viên:admin:{ADMIN_PASSPHRASE}",
        "--user",
        f"Trần Thị Mai:volunteer:{VOLUNTEER_PIN}",
    )
    assert code == 0
    assert "Nhà văn hóa Thôn Tây Sơn" in out
    monkeypatch.setenv("FIELDAPP_USER", "Trần Thị Mai")
    monkeypatch.setenv("FIELDAPP_PIN", VOLUNTEER_PIN)


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


def test_a_db_path_that_does_not_exist_is_refused_not_created(tmp_path, capsys):
    typo = tmp_path / "fieldap.sqlite3"
    assert main(["--db", str(typo), "status", "038090012345"]) == 4
    assert "fieldapp init" in capsys.readouterr().err
    assert not typo.exists()  # nothing created silently


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
    code, _, err = run("backup", "--to", str(tmp_path / "usb"))
    assert code == 8 and "xuất dữ liệu cá nhân" in err  # a volunteer may not take it all away
    code, out, _ = run(
        "--user", "Quản Trị Viên", "backup", "--to", str(tmp_path / "usb"), pin=ADMIN_PASSPHRASE
    )
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


def test_cli_acts_as_a_signed_in_user_and_only_within_their_role(run, set_up, monkeypatch):
    admin = ("--user", "Quản Trị Viên")
    monkeypatch.setenv("FIELDAPP_NEW_PIN", ADMIN_PASSPHRASE)
    code, _, err = run("users", "add", "Kẻ Mạo Danh", "--role", "admin")  # as the volunteer
    assert code == 8 and "Tình nguyện viên không được quản lý người dùng" in err
    code, _, err = run(*admin, "users", "add", "Kẻ Mạo Danh", "--role", "admin", pin="sai-mat-khau")
    assert code == 3 and "Sai mã PIN" in err
    monkeypatch.setenv("FIELDAPP_NEW_PIN", "135790")
    code, out, _ = run(*admin, "users", "add", "Phạm Văn Long", "--role", "bank_officer",
                       pin=ADMIN_PASSPHRASE)  # fmt: skip
    assert code == 0 and "Đã thêm Phạm Văn Long" in out
    officer = ("--user", "Phạm Văn Long")
    code, _, err = run(*officer, "scan", QR, "--create", pin="135790")  # a bank officer
    assert code == 8 and "thêm công dân" in err
    code, _, err = run(*officer, "search", "le van nam", pin="135790")
    assert code in (0, 4)
    for wrong in range(3):
        run(*officer, "search", "le van nam", pin=f"00000{wrong}")
    code, _, err = run(*officer, "search", "le van nam", pin="000009")
    assert code == 3 and "chờ" in err  # backing off
    code, out, _ = run(*admin, "users", "list", pin=ADMIN_PASSPHRASE)
    assert code == 0 and "Phạm Văn Long" in out and "Trần Thị Mai" in out
    assert (
        run(*admin, "users", "rename", "Phạm Văn Long", "Phạm Long", pin=ADMIN_PASSPHRASE)[0] == 0
    )
    assert run(*admin, "users", "unlock", "Phạm Long", pin=ADMIN_PASSPHRASE)[0] == 0
    monkeypatch.setenv("FIELDAPP_NEW_PIN", "975310")
    assert run(*admin, "users", "set-pin", "Phạm Long", pin=ADMIN_PASSPHRASE)[0] == 0
    assert run("--user", "Phạm Long", "search", "nam", pin="975310")[0] in (0, 4)
    assert run(*admin, "users", "deactivate", "Phạm Long", pin=ADMIN_PASSPHRASE)[0] == 0
    code, _, err = run("--user", "Phạm Long", "search", "nam", pin="975310")
    assert code == 3 and "ngừng hoạt động" in err


def test_personal_data_commands_need_a_user_but_help_does_not(run, set_up, monkeypatch):
    monkeypatch.delenv("FIELDAPP_USER")
    monkeypatch.delenv("FIELDAPP_PIN")
    code, _, err = run("status", "038090012345")
    assert code == 3 and "--user" in err
    code, out, _ = run("--help")
    assert code == 0 and "users" in out


def test_a_user_changes_their_own_pin_with_the_old_one(run, set_up, monkeypatch):
    monkeypatch.setenv("FIELDAPP_NEW_PIN", "864200")
    code, _, err = run("users", "set-pin", "Trần Thị Mai", pin="000000")  # a wrong old PIN
    assert code == 3 and "Sai mã PIN" in err
    code, out, _ = run("--user", "Trần Thị Mai", "users", "set-pin", "Trần Thị Mai", pin="246810")
    assert code == 0 and "Đã đặt mã PIN mới" in out
    assert run("--user", "Trần Thị Mai", "search", "nam", pin="864200")[0] in (0, 4)
    code, _, err = run("--user", "Trần Thị Mai", "users", "set-pin", "Quản Trị Viên", pin="864200")
    assert code == 8  # nobody else's


def test_init_asks_for_the_pins_it_was_not_given(tmp_path):
    from click.testing import CliRunner

    from fieldapp.cli.main import build_cli

    db = str(tmp_path / "moi.sqlite3")
    result = CliRunner().invoke(
        build_cli(),
        ["--db", db, "init", "--commune", "Xã A", "--point", "Điểm 1", "--user", "Chủ:admin"],
        input="ngan\nngan\nquan-tri-2468\nquan-tri-2468\n",
        env={"FIELDAPP_PIN": None, "FIELDAPP_USER": None},
    )
    assert result.exit_code == 3 and "ít nhất 8 ký tự" in result.output  # not a passphrase
    result = CliRunner().invoke(
        build_cli(),
        ["--db", db, "init", "--commune", "Xã A", "--point", "Điểm 1", "--user", "Chủ:admin"],
        input="quan-tri-2468\nquan-tri-2468\n",
        env={"FIELDAPP_PIN": None, "FIELDAPP_USER": None},
    )
    assert result.exit_code == 0, result.output
    assert "quan-tri-2468" not in result.output  # never echoed

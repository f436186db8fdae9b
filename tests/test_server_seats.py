"""Several seats on one database server (issue 20): any seat unlocks with its officer's PIN.

The store key's slots live in the server database, so a seat needs no file from the seat
that ran `init`. Each seat is its own data folder (XDG_DATA_HOME); each command is a fresh
process as far as the store key goes (the key is forgotten after it).
"""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from fieldapp.cli.main import main
from fieldapp.services import users as accounts
from fieldapp.store import keychain
from fieldapp.store.atrest import key_anchor
from fieldapp.store.keyslots import new_recovery_code, slots_path_for
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork

pytestmark = pytest.mark.postgres
ADMIN, PIN = "Trần Văn An", "24681357"
OFFICER, OFFICER_PIN = "Lê Thị Bình", "97531864"
CODE = re.compile(r"[0-9A-Z]{4}(?:-[0-9A-Z]{4}){6}")


class Seats:
    """Run the CLI as one seat or another of the same office."""

    def __init__(self, url: str, root: Path, monkeypatch, capsys) -> None:
        self.url, self.root, self.monkeypatch, self.capsys = url, root, monkeypatch, capsys

    def run(self, seat: str, *args: str, user: str = ADMIN, pin: str = PIN, **env: str):
        """(exit code, stdout, stderr) of one command at `seat`, signed in as `user`."""
        self.monkeypatch.setenv("XDG_DATA_HOME", str(self.root / seat))
        self.monkeypatch.setenv("FIELDAPP_USER", user)
        self.monkeypatch.setenv("FIELDAPP_PIN", pin)
        for name in ("FIELDAPP_RECOVERY_CODE", "FIELDAPP_NEW_PIN"):
            self.monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            self.monkeypatch.setenv(name, value)
        self.capsys.readouterr()
        try:
            code = main(["--db", self.url, *args])
        finally:
            keychain.forget(key_anchor(self.url))  # the next command is a new process
        out = self.capsys.readouterr()
        return code, out.out, out.err

    def key_file(self, seat: str) -> Path:
        """Where `seat` kept the server's key file before issue 20's last step."""
        self.monkeypatch.setenv("XDG_DATA_HOME", str(self.root / seat))
        return slots_path_for(key_anchor(self.url))


@pytest.fixture
def seats(empty_db_url, on_postgres, tmp_path, monkeypatch, capsys) -> Seats:
    """An office on one server: seat 1 ran `init` (admin) and added an officer."""
    if not on_postgres:
        pytest.skip("seats share a database server only on PostgreSQL")
    office = Seats(empty_db_url, tmp_path, monkeypatch, capsys)
    init = ["init", "--commune", "Xã Kiên Bình", "--village", "Thôn Tây Sơn"]
    init += ["--point", "Nhà văn hóa", "--user", f"{ADMIN}:admin:{PIN}"]
    code, out, _err = office.run("seat-1", *init)
    assert code == 0
    office.recovery_code = CODE.search(out).group(0)
    add = ["users", "add", OFFICER, "--role", "commune_police"]
    assert office.run("seat-1", *add, FIELDAPP_NEW_PIN=OFFICER_PIN)[0] == 0
    return office


def _slot_row(url: str) -> dict | None:
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            body = connection.execute(text("SELECT body FROM store_key_slots")).scalar()
    finally:
        engine.dispose()
    return None if body is None else json.loads(body)


def test_a_second_seat_unlocks_with_a_pin_and_no_file_copied(seats):
    assert not seats.key_file("seat-1").exists()  # the database holds the slots, not seat 1
    code, out, _err = seats.run("seat-2", "users", "list", user=OFFICER, pin=OFFICER_PIN)
    assert code == 0
    assert ADMIN in out and OFFICER in out
    assert not seats.key_file("seat-2").exists()
    # and seat 2 may change things seat 1 then sees: a new PIN for the officer
    code, _out, _err = seats.run(
        "seat-2", "users", "set-pin", OFFICER, user=ADMIN, FIELDAPP_NEW_PIN="13572468"
    )
    assert code == 0
    assert seats.run("seat-1", "users", "list", user=OFFICER, pin="13572468")[0] == 0
    assert seats.run("seat-1", "users", "list", user=OFFICER, pin=OFFICER_PIN)[0] != 0


def test_a_wrong_pin_is_refused_and_counts_on_every_seat(seats):
    code, out, err = seats.run("seat-2", "users", "list", user=OFFICER, pin="11112222")
    assert code != 0
    assert "Sai mã PIN" in err and OFFICER not in out
    failures = [s["failures"] for s in _slot_row(seats.url)["slots"] if s["kind"] == "user"]
    assert sorted(failures) == [0, 1]  # kept in the database: seat 1 sees it too
    assert seats.run("seat-1", "users", "list", user=OFFICER, pin=OFFICER_PIN)[0] == 0


def test_a_user_removed_at_one_seat_cannot_unlock_at_another(seats):
    assert seats.run("seat-2", "users", "list", user=OFFICER, pin=OFFICER_PIN)[0] == 0
    assert seats.run("seat-1", "users", "deactivate", OFFICER)[0] == 0
    code, _out, err = seats.run("seat-2", "users", "list", user=OFFICER, pin=OFFICER_PIN)
    assert code != 0 and "Sai mã PIN" in err
    assert seats.run("seat-2", "users", "list")[0] == 0  # the admin still opens it


def test_the_recovery_code_opens_a_fresh_seat(seats):
    # The code unlocks (it is tried before any PIN); the admin then signs in as usual.
    recovery = seats.recovery_code
    code, out, _err = seats.run("seat-3", "users", "list", FIELDAPP_RECOVERY_CODE=recovery)
    assert code == 0 and OFFICER in out
    assert not seats.key_file("seat-3").exists()
    # a code of no installation is refused there, even with the admin's right PIN at hand
    wrong = new_recovery_code()
    code, _out, err = seats.run("seat-4", "users", "list", FIELDAPP_RECOVERY_CODE=wrong)
    assert code != 0 and "khôi phục" in err


def test_a_user_added_in_a_transaction_that_is_not_committed_gets_no_slot(seats):
    """The slot is written in the account's own transaction: both or neither."""
    seats.run("seat-1", "users", "list")  # unlocks at seat 1 ...
    seats.monkeypatch.setenv("XDG_DATA_HOME", str(seats.root / "seat-1"))
    from fieldapp.services import protection, store_keys

    protection.unlock_with_pin(seats.url, ADMIN, PIN)
    store_keys.connect_to_accounts()
    engine = open_store(seats.url)
    try:
        uow = SqlUnitOfWork(engine)
        before = _slot_row(seats.url)
        with uow:
            admin = next(u for u in uow.repo.users() if u.name == ADMIN)
            accounts.add_user_in(
                uow, admin, name="Phạm Văn Cường", role=admin.role, pin="86421357", point_id=None
            )
            # no commit: leaving the block rolls the account back, and its slot with it
        assert _slot_row(seats.url) == before
    finally:
        engine.dispose()
        keychain.forget(key_anchor(seats.url))
    code, _out, _err = seats.run("seat-2", "users", "list", user="Phạm Văn Cường", pin="86421357")
    assert code != 0


def test_a_seat_with_an_old_key_file_keeps_working_and_the_file_moves_in_once(seats):
    """A server set up before the slots moved into the database: seat 1 had the file."""
    slots = _slot_row(seats.url)
    file = seats.key_file("seat-1")
    file.write_text(json.dumps(slots))
    engine = create_engine(seats.url)
    with engine.begin() as connection:
        connection.execute(text("DELETE FROM store_key_slots"))
    engine.dispose()

    assert seats.run("seat-1", "users", "list", user=OFFICER, pin=OFFICER_PIN)[0] == 0
    assert _slot_row(seats.url)["installation"] == slots["installation"]
    assert not file.exists()  # the database is the truth from now on
    assert seats.run("seat-2", "users", "list", user=OFFICER, pin=OFFICER_PIN)[0] == 0


def test_nothing_secret_reaches_the_log(seats, caplog):
    caplog.set_level(logging.DEBUG, logger="fieldapp")
    seats.run("seat-2", "users", "list", user=OFFICER, pin="11112222")
    seats.run("seat-2", "users", "list", user=OFFICER, pin=OFFICER_PIN)
    seats.run("seat-3", "users", "list", FIELDAPP_RECOVERY_CODE=seats.recovery_code)
    logged = caplog.text + "".join(
        p.read_text(errors="replace") for p in seats.root.rglob("*.log*")
    )
    slots = _slot_row(seats.url)["slots"]
    for secret in (PIN, OFFICER_PIN, "11112222", seats.recovery_code, OFFICER, ADMIN):
        assert secret not in logged
    for slot in slots:
        assert slot["wrapped"] not in logged


def test_the_desk_at_a_new_seat_asks_for_name_and_pin_only(seats, qtbot):
    from fieldapp.ui import store_open
    from fieldapp.ui.backup_restore import RecoveryCodeDialog
    from fieldapp.ui.store_lock import UnlockDialog

    seats.monkeypatch.setenv("XDG_DATA_HOME", str(seats.root / "seat-5"))
    shown: list[str] = []
    seats.monkeypatch.setattr(RecoveryCodeDialog, "exec", lambda self: shown.append("code"))

    def type_name_and_pin(dialog):
        dialog.name.setText(OFFICER)
        dialog.secret.setText(OFFICER_PIN)
        dialog._try()
        return 1

    seats.monkeypatch.setattr(UnlockDialog, "exec", type_name_and_pin)
    try:
        unlocked = store_open.prepare_desk_store(seats.url, "vi")
        assert isinstance(unlocked, store_open.Unlocked) and unlocked.pin == OFFICER_PIN
        assert keychain.key_for(key_anchor(seats.url)) is not None
    finally:
        keychain.forget(key_anchor(seats.url))
    assert shown == []  # no new store key, no new recovery code
    assert not seats.key_file("seat-5").exists()

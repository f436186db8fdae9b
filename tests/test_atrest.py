"""Issue 15: the store encrypted at rest, key slots, backups, restore, the old plain store."""

import shutil
import sqlite3
from pathlib import Path

import pytest
from conftest import CHEAP_KDF
from cryptography.hazmat.primitives import serialization
from sqlalchemy import text

from fieldapp.cli.main import main
from fieldapp.services import store_keys
from fieldapp.store import atrest, cipher, keychain
from fieldapp.store.backup import backup_sqlite, restore_backup
from fieldapp.store.engine import StoreLockedError, make_engine
from fieldapp.store.keyslots import (
    MAX_TRIES,
    KeySlots,
    SlotsDamagedError,
    UnlockError,
    new_recovery_code,
    slots_path_for,
)
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork

FIXTURE = Path(__file__).parent / "fixtures" / "plain_store_v0_1"
QR = "038090012345|123456789|Lê Văn Nam|01011990|Nam|Thôn Tây Sơn|01012022"
NAME, PID = "Lê Văn Nam".encode(), b"038090012345"
MAI, MAI_PIN = "Trần Thị Mai", "246810"
HUNG, HUNG_PIN = "Phạm Văn Hùng", "13579135"


def cli(store: Path, *args: str) -> int:
    return main(["--db", str(store), *args])


@pytest.fixture
def as_admin(monkeypatch):
    """Commands run as the admin (the CLI signs in with $FIELDAPP_USER / $FIELDAPP_PIN)."""
    monkeypatch.setenv("FIELDAPP_USER", HUNG)
    monkeypatch.setenv("FIELDAPP_PIN", HUNG_PIN)


@pytest.fixture
def point(tmp_path, capsys, as_admin):
    """A point set up by `init` (two users with PINs), a scanned citizen and its keys."""
    store = tmp_path / "laptop" / "fieldapp.sqlite3"
    code = cli(
        store, "init", "--commune", "Xã Kiên Bình", "--village", "Thôn Tây Sơn",
        "--point", "Nhà văn hóa Thôn Tây Sơn", "--user", f"{HUNG}:admin:{HUNG_PIN}",
        "--user", f"{MAI}:volunteer:{MAI_PIN}",
    )  # fmt: skip
    out = capsys.readouterr().out
    assert code == 0
    assert cli(store, "scan", QR, "--create") == 0
    assert cli(store, "keys", "init-point") == 0
    capsys.readouterr()
    recovery = next(line.strip() for line in out.splitlines() if line.count("-") == 6)
    return store, recovery


def new_process(store: Path) -> None:
    """What a fresh start knows: nothing unlocked."""
    keychain.forget(store)


def all_bytes(folder: Path) -> list[tuple[Path, bytes]]:
    return [(p, p.read_bytes()) for p in folder.rglob("*") if p.is_file()]


def test_a_copied_data_folder_yields_no_personal_data_and_no_private_key(point, tmp_path):
    store, _ = point
    copy = tmp_path / "stolen"
    shutil.copytree(store.parent, copy)
    files = all_bytes(copy)
    assert {p.name for p, _ in files} >= {"fieldapp.sqlite3", "fieldapp.sqlite3.keys"}
    for path, data in files:
        assert NAME not in data and PID not in data, path
        assert b"PRIVATE KEY" not in data, path
        with pytest.raises((ValueError, TypeError)):
            serialization.load_pem_private_key(data, password=None)
        with pytest.raises((ValueError, TypeError)):
            serialization.load_der_private_key(data, password=None)
    with pytest.raises(sqlite3.DatabaseError), sqlite3.connect(copy / "fieldapp.sqlite3") as raw:
        raw.execute("SELECT * FROM citizen").fetchall()
    with pytest.raises(StoreLockedError):
        make_engine(f"sqlite:///{copy / 'fieldapp.sqlite3'}")
    assert not cipher.opens_with(copy / "fieldapp.sqlite3", bytes(32))


def test_each_users_pin_opens_the_store_and_a_removed_users_does_not(point):
    store, _ = point
    for name, pin in ((MAI, MAI_PIN), (HUNG, HUNG_PIN)):
        new_process(store)
        atrest.unlock_with_pin(store, name, pin)
        assert keychain.key_for(store) is not None
    engine = open_store(f"sqlite:///{store}")
    with engine.connect() as connection:
        mai = connection.execute(text("SELECT id FROM app_user WHERE name = :n"), {"n": MAI})
        mai_id = mai.scalar_one()
    import uuid

    store_keys.user_removed(SqlUnitOfWork(engine), uuid.UUID(str(mai_id)))
    engine.dispose()
    new_process(store)
    with pytest.raises(UnlockError) as err:
        atrest.unlock_with_pin(store, MAI, MAI_PIN)
    assert err.value.message_id == "signin.wrong_pin"
    assert keychain.key_for(store) is None
    atrest.unlock_with_pin(store, HUNG, HUNG_PIN)


def test_the_cli_unlocks_with_user_and_pin_from_the_environment(point, monkeypatch, capsys):
    store, _ = point
    new_process(store)
    monkeypatch.delenv("FIELDAPP_USER")
    monkeypatch.delenv("FIELDAPP_PIN")
    assert cli(store, "status", "038090012345") == 9
    assert "mã hóa" in capsys.readouterr().err
    monkeypatch.setenv("FIELDAPP_USER", MAI)
    monkeypatch.setenv("FIELDAPP_PIN", "000000")
    assert cli(store, "status", "038090012345") == 3
    assert "Sai mã PIN" in capsys.readouterr().err
    monkeypatch.setenv("FIELDAPP_PIN", MAI_PIN)
    assert cli(store, "status", "038090012345") == 0
    assert "Lê Văn Nam" in capsys.readouterr().out


def test_wrong_pins_unlock_nothing_and_lock_the_slot(point):
    store, _ = point
    new_process(store)
    slots = KeySlots.load(slots_path_for(store))
    mai = slots.find_user(MAI)
    now = 1_000_000.0
    for attempt in range(MAX_TRIES):
        with pytest.raises(UnlockError) as err:
            slots.unlock_user(mai, "111111", now=now + attempt * 100)
    assert err.value.message_id == "keys.locked_out"
    with pytest.raises(UnlockError) as err:  # even the right PIN, until an admin unlocks
        KeySlots.load(slots_path_for(store)).unlock_user(mai, MAI_PIN, now=now + 10_000)
    assert err.value.message_id == "keys.locked_out"
    assert keychain.key_for(store) is None


def test_wrong_pins_back_off(point):
    store, _ = point
    slots = KeySlots.load(slots_path_for(store))
    mai = slots.find_user(MAI)
    for _ in range(3):
        with pytest.raises(UnlockError):
            slots.unlock_user(mai, "111111", now=0.0)
    with pytest.raises(UnlockError) as err:
        slots.unlock_user(mai, MAI_PIN, now=0.5)
    assert err.value.message_id == "keys.wait"
    assert slots.unlock_user(mai, MAI_PIN, now=100.0)


def test_recovery_code_opens_and_wrong_or_mistyped_codes_say_so(point):
    store, recovery = point
    new_process(store)
    with pytest.raises(UnlockError) as err:
        atrest.unlock_with_recovery(store, new_recovery_code())
    assert err.value.message_id == "keys.recovery_code_wrong"
    typo = recovery[:-1] + ("0" if recovery[-1] != "0" else "1")
    with pytest.raises(UnlockError) as err:
        atrest.unlock_with_recovery(store, typo)
    assert err.value.message_id == "keys.recovery_code_malformed"
    atrest.unlock_with_recovery(store, recovery.lower().replace("-", " "))
    assert keychain.key_for(store) is not None


def test_a_corrupted_slot_file_says_so(point):
    store, _ = point
    new_process(store)
    path = slots_path_for(store)
    path.write_bytes(path.read_bytes()[:200])
    with pytest.raises(SlotsDamagedError) as err:
        atrest.unlock_with_pin(store, MAI, MAI_PIN)
    assert err.value.message_id == "keys.slots_damaged"


def test_backup_restores_on_a_new_laptop_with_the_recovery_code(point, tmp_path):
    store, recovery = point
    first = backup_sqlite(f"sqlite:///{store}", tmp_path / "usb")
    second = backup_sqlite(f"sqlite:///{store}", tmp_path / "usb")
    assert first != second and first.exists() and second.exists()  # same minute, two files
    laptop = tmp_path / "new-laptop" / "fieldapp.sqlite3"
    with pytest.raises(UnlockError):
        restore_backup(first, laptop, recovery_code=new_recovery_code())
    assert not laptop.exists()
    restore_backup(first, laptop, recovery_code=recovery)
    new_process(laptop)
    atrest.unlock_with_pin(laptop, MAI, MAI_PIN)  # users' slots travel with the backup
    engine = open_store(f"sqlite:///{laptop}")
    with engine.connect() as connection:
        names = connection.execute(text("SELECT full_name FROM citizen")).scalars().all()
    engine.dispose()
    assert names == ["Lê Văn Nam"]


def test_the_point_keeps_its_identity_across_a_restore(point, tmp_path, capsys):
    store, recovery = point
    from fieldapp.services.sync import keyring_for

    fingerprint = keyring_for(f"sqlite:///{store}").load().public.fingerprint
    copy = backup_sqlite(f"sqlite:///{store}", tmp_path / "usb")
    laptop = tmp_path / "new-laptop" / "fieldapp.sqlite3"
    restore_backup(copy, laptop, recovery_code=recovery)
    assert not (laptop.parent / "keys").exists()  # nothing but the backup was carried over
    assert cli(laptop, "keys", "show") == 0
    assert fingerprint in capsys.readouterr().out


def test_bad_backups_are_refused_and_nothing_is_overwritten(point, tmp_path):
    store, _ = point
    good = backup_sqlite(f"sqlite:///{store}", tmp_path / "usb")

    def contents():
        with cipher.connect_store(store) as raw:
            return cipher.table_row_counts(raw), raw.execute("SELECT * FROM citizen").fetchall()

    before, slots_before = contents(), slots_path_for(store).read_bytes()
    truncated = tmp_path / "cut.fieldbackup"
    truncated.write_bytes(good.read_bytes()[:-5000])
    not_backup = tmp_path / "list.xlsx"
    not_backup.write_bytes(b"PK\x03\x04 not a backup")
    edited = tmp_path / "edited.fieldbackup"
    data = bytearray(good.read_bytes())
    data[-100] ^= 1
    edited.write_bytes(bytes(data))
    for path, message in (
        (truncated, "backup.truncated"),
        (not_backup, "backup.not_a_backup"),
        (edited, "backup.damaged"),
    ):
        with pytest.raises(Exception) as err:
            restore_backup(path, store)
        assert err.value.message_id == message
    # Another installation's backup, without its recovery code.
    other = tmp_path / "other" / "fieldapp.sqlite3"
    open_store(f"sqlite:///{other}").dispose()
    foreign = backup_sqlite(f"sqlite:///{other}", tmp_path / "usb2")
    with pytest.raises(Exception) as err:
        restore_backup(foreign, store)
    assert err.value.message_id == "backup.needs_recovery_code"
    assert contents() == before and slots_path_for(store).read_bytes() == slots_before
    assert not list(store.parent.glob("*before-restore*"))


def test_restore_over_a_store_with_a_stale_wal(point, tmp_path):
    store, _ = point
    good = backup_sqlite(f"sqlite:///{store}", tmp_path / "usb")
    # A crash: more visits written, the WAL left behind un-checkpointed.
    engine = open_store(f"sqlite:///{store}")
    with engine.begin() as connection:
        connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        connection.exec_driver_sql("UPDATE citizen SET phone = '0912345678'")
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_autocheckpoint=0")
        connection.exec_driver_sql("UPDATE citizen SET phone = '0987654321'")
        connection.commit()
        stale = Path(str(store) + "-wal").read_bytes()
    engine.dispose()
    Path(str(store) + "-wal").write_bytes(stale)
    assert len(stale) > 0
    result = restore_backup(good, store)
    engine = open_store(f"sqlite:///{store}")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA quick_check").scalar() == "ok"
        phones = connection.execute(text("SELECT phone FROM citizen")).scalars().all()
    engine.dispose()
    assert phones in ([None], [""])
    assert result.kept_aside is not None and result.kept_aside.exists()


# The plain store of the previous version ------------------------------------------------------
@pytest.fixture
def old_laptop(tmp_path, as_admin):
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE / "keys", folder / "keys")
    shutil.copy2(FIXTURE / "fieldapp.sqlite3", folder / "fieldapp.sqlite3")
    return folder / "fieldapp.sqlite3"


def test_a_plain_store_is_encrypted_on_first_start_and_loses_nothing(old_laptop, capsys):
    with sqlite3.connect(old_laptop) as raw:
        before = cipher.table_row_counts(raw)
        names_before = sorted(r[0] for r in raw.execute("SELECT full_name FROM citizen"))
    assert cli(old_laptop, "status", "038090012345") == 0
    out = capsys.readouterr().out
    assert "Lê Văn Nam" in out and "mã hóa" in out  # said once, with the recovery code
    recovery = next(line.strip() for line in out.splitlines() if line.count("-") == 6)
    new_process(old_laptop)
    folder = old_laptop.parent
    names = {p.name for p in folder.iterdir() if p.is_file()}
    copies = {n for n in names if n.startswith("fieldapp.before-migration-")}  # schema upgrade
    assert names - copies == {"fieldapp.sqlite3", "fieldapp.sqlite3.keys"}  # no plain copy left
    for path, data in all_bytes(folder):
        assert NAME not in data and PID not in data, path
    atrest.unlock_with_recovery(old_laptop, recovery)
    connection = cipher.connect(old_laptop, keychain.key_for(old_laptop))
    after = cipher.table_row_counts(connection)
    names_after = sorted(r[0] for r in connection.execute("SELECT full_name FROM citizen"))
    connection.close()
    kept = ("citizen", "visit", "outcome", "official_fact", "app_user", "village", "supportpoint",
            "commune")  # fmt: skip
    assert {k: after[k] for k in kept} == {k: before[k] for k in kept}  # (later schemas may
    assert names_after == names_before  # drop derived tables, e.g. name tokens for FTS)


def test_encrypting_a_plain_store_keeps_every_row_of_every_table(old_laptop):
    with sqlite3.connect(old_laptop) as raw:
        before = cipher.table_row_counts(raw)
    atrest.encrypt_plain_store(old_laptop)
    with cipher.connect_store(old_laptop) as connection:
        assert cipher.table_row_counts(connection) == before
    assert not cipher.is_plain_sqlite(old_laptop)
    assert not list(old_laptop.parent.glob("*plain*")) and not list(
        old_laptop.parent.glob("*.encrypting")
    )


def test_old_users_keep_their_pins_and_old_key_files_move_into_the_store(old_laptop, capsys):
    old_keys = old_laptop.parent / "keys"
    signing = serialization.load_pem_private_key(
        (old_keys / "signing.pem").read_bytes(), password=None
    )
    assert cli(old_laptop, "keys", "show") == 0
    shown = capsys.readouterr().out
    assert not (old_keys / "signing.pem").exists() and not (old_keys / "box.pem").exists()
    assert (old_keys / "identity.json").exists()  # the public card stays a file
    new_process(old_laptop)
    atrest.unlock_with_pin(old_laptop, MAI, MAI_PIN)  # slot made from the old PIN hash
    slots = KeySlots.load(slots_path_for(old_laptop))
    mai = next(s for s in slots.slots if s.get("user_id") == slots.find_user(MAI))
    assert "rewrap" not in mai and mai["kdf"]["params"] == CHEAP_KDF.text()  # fresh salt
    new_process(old_laptop)
    atrest.unlock_with_pin(old_laptop, MAI, MAI_PIN)
    with pytest.raises(UnlockError):
        atrest.unlock_with_pin(old_laptop, "Lê Thị Hoa", "")  # had no PIN: no slot
    public = signing.public_key().public_bytes_raw()
    from fieldapp.services.sync import keyring_for

    identity = keyring_for(f"sqlite:///{old_laptop}").load()
    assert identity.public.signing_key == public
    assert identity.public.fingerprint in shown


def test_account_changes_keep_the_slots_in_step(point, monkeypatch):
    store, _ = point

    def opens(name: str, pin: str) -> bool:
        new_process(store)
        try:
            atrest.unlock_with_pin(store, name, pin)
        except UnlockError:
            return False
        finally:
            keychain.forget(store)
        return True

    def as_admin(*args: str) -> int:
        atrest.unlock_with_pin(store, HUNG, HUNG_PIN)
        return cli(store, *args)

    monkeypatch.setenv("FIELDAPP_NEW_PIN", "135790")
    assert as_admin("users", "add", "Phạm Văn Long", "--role", "volunteer") == 0
    assert opens("Phạm Văn Long", "135790")  # a new user: a new slot
    assert as_admin("users", "rename", "Phạm Văn Long", "Phạm Long") == 0
    assert opens("Phạm Long", "135790") and not opens("Phạm Văn Long", "135790")
    monkeypatch.setenv("FIELDAPP_NEW_PIN", "975310")
    assert as_admin("users", "set-pin", "Phạm Long") == 0
    assert opens("Phạm Long", "975310") and not opens("Phạm Long", "135790")
    assert as_admin("users", "deactivate", "Phạm Long") == 0
    assert not opens("Phạm Long", "975310")  # deactivated: the slot is gone
    assert opens(MAI, MAI_PIN)


def test_restoring_over_a_store_in_use_is_for_the_police_or_an_admin(point, tmp_path, monkeypatch):
    store, _ = point
    copy = backup_sqlite(f"sqlite:///{store}", tmp_path / "usb")
    new_process(store)
    monkeypatch.setenv("FIELDAPP_USER", MAI)
    monkeypatch.setenv("FIELDAPP_PIN", MAI_PIN)
    assert cli(store, "restore", str(copy)) == 8  # a volunteer may not
    assert not list(store.parent.glob("*before-restore*"))
    new_process(store)
    monkeypatch.setenv("FIELDAPP_USER", HUNG)
    monkeypatch.setenv("FIELDAPP_PIN", HUNG_PIN)
    assert cli(store, "restore", str(copy)) == 0  # the admin, same installation: no code needed
    kept = {p.suffix for p in store.parent.glob("fieldapp.sqlite3.before-restore-*")}
    assert ".keys" in kept and len(kept) >= 2  # the store and its key slots, kept aside


def test_demo_pins_open_a_demo_store_and_nothing_once_it_is_emptied(tmp_path, monkeypatch):
    from fieldapp.demo.loader import DEMO_PASSPHRASE, DEMO_PIN
    from fieldapp.demo.stores import DEMO_NAMES
    from fieldapp.domain.model import Role

    store = tmp_path / "demo" / "fieldapp.sqlite3"
    volunteer, admin = DEMO_NAMES[Role.VOLUNTEER], DEMO_NAMES[Role.ADMIN]
    monkeypatch.setenv("FIELDAPP_USER", admin)
    monkeypatch.setenv("FIELDAPP_PIN", DEMO_PASSPHRASE)
    assert cli(store, "demo", "--citizens", "60") == 0
    new_process(store)
    atrest.unlock_with_pin(store, volunteer, DEMO_PIN)  # anyone trying the app can sign in
    assert cli(store, "demo", "--remove") == 0
    new_process(store)
    with pytest.raises(UnlockError):  # the printed demo PINs open nothing that follows
        atrest.unlock_with_pin(store, volunteer, DEMO_PIN)


def test_the_pin_that_opened_the_store_signs_in_once_and_a_locked_account_stays_locked(
    point, monkeypatch, capsys
):
    """One slow PIN check per command: the key slot's; the account's state still decides."""
    from fieldapp.services import pins

    store, _ = point
    checks: list[str] = []
    real_verify = pins.verify_pin
    monkeypatch.setattr(
        pins, "verify_pin", lambda pin, stored: checks.append(pin) or real_verify(pin, stored)
    )
    monkeypatch.setenv("FIELDAPP_USER", MAI)
    monkeypatch.setenv("FIELDAPP_PIN", MAI_PIN)
    new_process(store)
    assert cli(store, "status", "038090012345") == 0
    assert "Lê Văn Nam" in capsys.readouterr().out
    assert checks == []  # the slot's unwrap proved the PIN: no second hash of it

    engine = open_store(f"sqlite:///{store}")
    with SqlUnitOfWork(engine) as uow:
        mai = next(u for u in uow.repo.all_users() if u.name == MAI)
        uow.repo.update_user(mai.id, locked=True)
        uow.commit()
    engine.dispose()
    new_process(store)
    assert cli(store, "status", "038090012345") != 0  # her PIN opens the store, not her account
    captured = capsys.readouterr()
    assert "Lê Văn Nam" not in captured.out
    assert "khóa" in captured.err

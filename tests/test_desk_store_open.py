"""Issue 15: what the desk does before it opens the store (new key, unlock by name and PIN)."""

from __future__ import annotations

from fieldapp.store import keychain
from fieldapp.ui import store_open
from fieldapp.ui.backup_restore import RecoveryCodeDialog
from fieldapp.ui.store_lock import UnlockDialog


def test_a_new_store_gets_a_key_and_shows_its_recovery_code_once(tmp_path, monkeypatch, qtbot):
    shown: list[str] = []
    monkeypatch.setattr(RecoveryCodeDialog, "exec", lambda self: shown.append(self.code.text()))
    url = f"sqlite:///{tmp_path / 'laptop' / 'fieldapp.sqlite3'}"
    assert store_open.prepare_desk_store(url, "vi") is True
    assert len(shown) == 1 and shown[0].count("-") == 6
    assert keychain.key_for(tmp_path / "laptop" / "fieldapp.sqlite3") is not None


def test_a_locked_store_is_opened_by_name_and_pin(tmp_path, monkeypatch, qtbot):
    from fieldapp.cli.main import main

    store = tmp_path / "laptop" / "fieldapp.sqlite3"
    monkeypatch.setattr(RecoveryCodeDialog, "exec", lambda self: 1)
    admin = "Trần Thị Mai:admin:quan-tri-2468"
    assert main(["--db", str(store), "init", "--commune", "Xã A", "--village", "Thôn Đông",
                 "--point", "Điểm 1", "--user", admin]) == 0  # fmt: skip
    keychain.forget(store)  # the desk starts in a new process

    def type_wrong_then_right(dialog):
        dialog.name.setText("Trần Thị Mai")
        dialog.secret.setText("sai-mat-khau")
        dialog._try()
        assert "Sai mã PIN" in dialog.error.text() and dialog.result_value is None
        dialog.secret.setText("quan-tri-2468")
        dialog._try()
        return 1

    monkeypatch.setattr(UnlockDialog, "exec", type_wrong_then_right)
    unlocked = store_open.prepare_desk_store(f"sqlite:///{store}", "vi")
    assert isinstance(unlocked, store_open.Unlocked) and unlocked.pin == "quan-tri-2468"
    assert keychain.key_for(store) is not None
    keychain.forget(store)
    monkeypatch.setattr(UnlockDialog, "exec", lambda self: 0)  # Cancel: nothing opened
    assert store_open.prepare_desk_store(f"sqlite:///{store}", "vi") is False
    assert keychain.key_for(store) is None

"""Several seats on one database server: a seat without the first seat's key file (issue 20).

Before, such a seat made a store key of its own, printed a new recovery code and then
refused every PIN. Now it refuses to start, naming the file to copy and where.
"""

import shutil

import pytest

from fieldapp.cli.main import main
from fieldapp.store import keychain
from fieldapp.store.atrest import key_anchor
from fieldapp.store.keyslots import slots_path_for

pytestmark = pytest.mark.postgres
ADMIN, PIN = "Trần Văn An", "24681357"


def test_a_second_seat_is_told_to_copy_the_key_file_and_then_opens(
    empty_db_url, on_postgres, tmp_path, monkeypatch, capsys
):
    if not on_postgres:
        pytest.skip("seats share a database server only on PostgreSQL")
    monkeypatch.setenv("FIELDAPP_USER", ADMIN)
    monkeypatch.setenv("FIELDAPP_PIN", PIN)
    first, second = tmp_path / "seat-1", tmp_path / "seat-2"

    monkeypatch.setenv("XDG_DATA_HOME", str(first))
    init = ["init", "--commune", "Xã Kiên Bình", "--village", "Thôn Tây Sơn"]
    code = main(
        ["--db", empty_db_url, *init, "--point", "Nhà văn hóa", "--user", f"{ADMIN}:admin:{PIN}"]
    )
    assert code == 0
    key_file = slots_path_for(key_anchor(empty_db_url))
    assert key_file.exists()
    keychain.forget(key_anchor(empty_db_url))
    capsys.readouterr()

    monkeypatch.setenv("XDG_DATA_HOME", str(second))
    assert main(["--db", empty_db_url, "users", "list"]) != 0
    err = capsys.readouterr().err
    assert key_file.name in err and "chép tệp khóa" in err
    assert not slots_path_for(key_anchor(empty_db_url)).exists()  # no second key was made

    copy = slots_path_for(key_anchor(empty_db_url))
    copy.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(key_file, copy)
    assert main(["--db", empty_db_url, "users", "list"]) == 0
    assert ADMIN in capsys.readouterr().out

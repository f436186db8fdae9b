"""Each CLI command runs in its own process in real use: none may rely on a key left in memory.

The frozen smoke test found `keys export-card` refusing an encrypted store when run on its
own; in one test process the store key from an earlier command hid that.
"""

from test_sync_cli import sites  # noqa: F401  (the two-store fixture)

from fieldapp.store import atrest


def test_key_card_export_in_a_fresh_process_unlocks_the_store_first(sites):  # noqa: F811
    police, _point, stick, root = sites
    assert police("keys", "init-commune")[0] == 0
    atrest.lock(root / "police" / "fieldapp.sqlite3")  # as a new process starts: no key in memory
    code, out, err = police("keys", "export-card", "--to", str(stick))
    assert code == 0, err
    assert "Đã ghi thẻ khóa" in out

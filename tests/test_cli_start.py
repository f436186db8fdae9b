"""The CLI starts light: `--help` and `status` load only what they use (issue 17).

Start time itself is measured by bench/bench_scale.py's neighbour, `bench/bench_cli.py`;
these tests hold the reason it is short: which libraries a command loads.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from fieldapp.cli.main import main

HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "reportlab", "openpyxl", "cryptography", "PySide6")
QR = "038090012345|123456789|Lê Văn Nam|01011990|Nam|Thôn Tây Sơn|01012022"


# The list readers (legacy encodings, spreadsheet columns) and the printed documents' texts
READERS = ("fieldapp.ingest.columns", "fieldapp.ingest.files", "fieldapp.documents.content")


def loaded_after(args: list[str], **env_vars: str) -> set[str]:
    """The heavy libraries (and `READERS`) a fresh process has run after the CLI's `args`.

    Modules named by `cli/lazy.py` but never read are in `sys.modules` without having run.
    """
    code = (
        "import json, sys\n"
        "from fieldapp.cli.main import main\n"
        f"main({args!r})\n"
        "ran = [m for m, o in sys.modules.items() if type(o).__name__ != '_LazyModule']\n"
        "names = {m.split('.')[0] for m in ran} | set(ran)\n"
        f"print(json.dumps(sorted(names & set({(HEAVY + READERS)!r}))))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "FIELDAPP_DB"} | env_vars
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
    )
    return set(json.loads(out.stdout.strip().splitlines()[-1]))


def test_help_loads_no_database_pdf_spreadsheet_or_crypto_library():
    assert loaded_after(["--help"]) == set()


def test_status_opens_the_store_without_alembic_or_document_libraries(
    tmp_path, capsys, monkeypatch
):
    db = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    monkeypatch.setenv("FIELDAPP_USER", "Mai")  # status shows personal data: a signed-in user
    monkeypatch.setenv("FIELDAPP_PIN", "quan-tri-2468")
    assert main(["--db", db, "init", "--commune", "Xã A", "--village", "Thôn Tây Sơn",
                 "--point", "Điểm 1", "--user", "Mai:admin:quan-tri-2468"]) == 0  # fmt: skip
    assert main(["--db", db, "scan", QR, "--create"]) == 0
    capsys.readouterr()
    # A new process: the encrypted store is unlocked by the same user and PIN (issue 15).
    loaded = loaded_after(["--db", db, "status", "038090012345"])
    assert {"sqlalchemy", "sqlmodel"} <= loaded
    assert not loaded & {"alembic", "reportlab", "openpyxl", "PySide6", *READERS}

"""Render the door-to-door list's first PDF page into docs/screenshots/door-list-1.png.

Run from the worktree root: `.venv/bin/python docs/screenshots/door_list_screenshots.py`.
The data is the test's hand-built commune (`tests/test_door_list.py`), phones masked.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's fieldapp and test builders

from actors import police_of  # noqa: E402
from test_door_list import door_commune  # noqa: E402

from fieldapp.services import door_list  # noqa: E402
from fieldapp.store.migrate import open_store  # noqa: E402
from fieldapp.store.uow import SqlUnitOfWork  # noqa: E402

OUT = Path(__file__).resolve().parent


def main() -> None:
    """Build the commune in a temporary store, write the PDF, draw page 1 at 100 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{folder}/door.sqlite3")
        door_commune().save(SqlUnitOfWork(engine))
        pdf = Path(folder) / "door-list.pdf"
        door_list.write_door_list(
            SqlUnitOfWork(engine), "Thôn Đông Sơn", pdf, actor=police_of(engine)
        )
        engine.dispose()
        subprocess.run(
            ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile", str(pdf),
             str(OUT / "door-list-1")],
            check=True,
        )  # fmt: skip


if __name__ == "__main__":
    main()

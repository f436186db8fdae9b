"""Fresh stores for tests: migrate one template per session, copy the file per test.

Creating a store runs every Alembic migration with SQLite's FULL synchronous writes; under a
loaded machine that was most of the suite's time. A copy of a migrated, closed file is the same
store at schema head, made in a few milliseconds. On PostgreSQL the caller empties the server
database instead (see conftest.py).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from fieldapp.store.migrate import open_store

_template: Path | None = None


def template_store() -> Path:
    """The migrated template file, made on first use and removed when the process ends."""
    global _template
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="fieldapp-template-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "template.sqlite3"
        engine = open_store(f"sqlite:///{path}")
        engine.dispose()  # the last connection closing checkpoints the WAL into the file
        _template = path
    return _template


def new_store_url(path: Path) -> str:
    """Copy the template to `path` (which must not exist) and return its URL."""
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(template_store(), path)
    return f"sqlite:///{path}"


def new_store(path: Path) -> Engine:
    """A store at schema head in a new file at `path`, opened the way the app opens it."""
    return open_store(new_store_url(path))

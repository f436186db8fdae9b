"""Fresh stores for tests: migrate one template per session, copy the file per test.

Creating a store runs every Alembic migration with SQLite's FULL synchronous writes; under a
loaded machine that was most of the suite's time. A copy of a migrated, closed file is the same
store at schema head, made in a few milliseconds. On PostgreSQL the caller empties the server
database instead (see conftest.py).

Stores are encrypted at rest (issue 15): the template gets a key and a slots file; each copy
gets both, and its key is left unlocked in this process, as after a user's sign-in.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from sqlalchemy import Engine

from fieldapp.store import keychain
from fieldapp.store.keyslots import KeySlots, slots_path_for
from fieldapp.store.migrate import open_store

_template: Path | None = None
_template_key = b""
# The recovery code of every store a test made, by path (what `init` shows once).
RECOVERY_CODES: dict[Path, str] = {}


def new_test_store_key(path: Path) -> bytes:
    """A key and a slots file for a store about to be created, as `init` would make them."""
    key = os.urandom(32)
    slots, code = KeySlots.create(slots_path_for(path), key)
    slots.save()
    RECOVERY_CODES[path] = code
    return key


def template_store() -> Path:
    """The migrated template file, made on first use and removed when the process ends."""
    global _template, _template_key
    if _template is None:
        folder = Path(tempfile.mkdtemp(prefix="fieldapp-template-"))
        atexit.register(shutil.rmtree, folder, True)
        path = folder / "template.sqlite3"
        _template_key = new_test_store_key(path)
        keychain.remember(path, _template_key)
        engine = open_store(f"sqlite:///{path}")
        engine.dispose()  # the last connection closing checkpoints the WAL into the file
        _template = path
    return _template


def new_store_url(path: Path) -> str:
    """Copy the template (and its key slots) to `path` (which must not exist); its URL."""
    if path.exists():
        raise FileExistsError(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    template = template_store()
    shutil.copyfile(template, path)
    shutil.copyfile(slots_path_for(template), slots_path_for(path))
    keychain.remember(path, _template_key)
    RECOVERY_CODES[path] = RECOVERY_CODES[template]
    return f"sqlite:///{path}"


def new_store(path: Path) -> Engine:
    """A store at schema head in a new file at `path`, opened the way the app opens it."""
    return open_store(new_store_url(path))

"""The store keys this process has unlocked, by store file: an in-memory agent, never on disk.

Signing in (desk) or `--user` + PIN (CLI) unwraps the store key once and leaves it here, so
every engine, backup and raw connection on that file can open it without passing the key
through every layer. Keys are kept by resolved path, so two stores never share one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

STORE_KEY_BYTES = 32

_UNLOCKED: dict[str, bytes] = {}
# Tests set this to make a fresh key for every new store they create (never set in the app).
new_store_key_provider: Callable[[Path], bytes | None] | None = None


def _name(path: Path) -> str:
    return str(Path(path).expanduser().resolve())


def remember(path: Path, key: bytes) -> None:
    """Keep the unlocked key of the store at `path` for this process."""
    if len(key) != STORE_KEY_BYTES:
        raise ValueError("a store key is 32 bytes")
    _UNLOCKED[_name(path)] = bytes(key)


def forget(path: Path) -> None:
    """Drop the key of the store at `path` (the next open needs a PIN again)."""
    _UNLOCKED.pop(_name(path), None)


def key_for(path: Path) -> bytes | None:
    """The unlocked key of the store at `path`, if any."""
    return _UNLOCKED.get(_name(path))


def key_for_new_store(path: Path) -> bytes | None:
    """The key a store about to be created at `path` gets (tests only; None in the app)."""
    key = key_for(path)
    if key is None and new_store_key_provider is not None:
        key = new_store_key_provider(path)
        if key is not None:
            remember(path, key)
    return key

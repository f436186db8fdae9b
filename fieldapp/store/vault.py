"""Private key material kept in the store, wrapped by the store key (never in plain files).

The point's signing key and the police's keys sit in the store's local settings, each value
AES-256-GCM-encrypted under a key derived from the store key. On SQLite that is a second lock
inside the encrypted file; on a database server (not encrypted by FieldApp) it is the only one.
Being in the store, a point's identity moves with its backups.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from sqlalchemy import Engine
from sqlmodel import Session

from fieldapp.domain.errors import FieldAppError
from fieldapp.store import keychain
from fieldapp.store import tables as t
from fieldapp.store.engine import StoreLockedError, make_engine

_PREFIX = "secret."


class StoreVault:
    """Named secrets in one store; `anchor` is where its key is kept in the keychain."""

    def __init__(self, url: str, anchor: Path, engine: Engine | None = None) -> None:
        self.url = url
        self.anchor = anchor
        self._engine = engine

    def get(self, name: str) -> bytes | None:
        """The secret called `name`, or None if the store holds none."""
        with self._session() as session:
            row = session.get(t.Setting, _PREFIX + name)
            value = None if row is None else row.value
        if value is None:
            return None
        try:
            raw = base64.b64decode(value, validate=True)
            return AESGCM(self._wrapping_key()).decrypt(raw[:12], raw[12:], name.encode())
        except (InvalidTag, ValueError):
            raise FieldAppError("keys.secret_damaged", name=name) from None

    def put(self, name: str, data: bytes) -> None:
        """Keep `data` under `name`, wrapped; replaces an earlier value."""
        nonce = os.urandom(12)
        sealed = nonce + AESGCM(self._wrapping_key()).encrypt(nonce, data, name.encode())
        with self._session() as session:
            row = session.get(t.Setting, _PREFIX + name) or t.Setting(key=_PREFIX + name, value="")
            row.value = base64.b64encode(sealed).decode("ascii")
            session.add(row)
            session.commit()

    def _wrapping_key(self) -> bytes:
        key = keychain.key_for(self.anchor)
        if key is None:
            raise StoreLockedError()
        return HKDF(hashes.SHA256(), 32, None, b"FieldApp private keys v1").derive(key)

    @contextmanager
    def _session(self) -> Iterator[Session]:
        """A session on the given engine, or on one made for this call and closed after it.

        An engine left open would keep the WAL open until garbage collection.
        """
        engine = self._engine or make_engine(self.url)
        try:
            with Session(engine) as session:
                yield session
        finally:
            if engine is not self._engine:
                engine.dispose()

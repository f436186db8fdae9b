"""Errors of the sync layer: each names a catalogue message (`fieldapp/i18n/catalogue/sync.py`)."""

from __future__ import annotations

from typing import Any

from fieldapp.domain.errors import FieldAppError


class SyncError(FieldAppError):
    """A bundle or key that cannot be used; nothing of it is stored."""

    exit_code = 7

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id, **params)


class BundleRefusedError(SyncError):
    """A bundle file refused at import (damaged, foreign, unknown signer...)."""


class UnknownSignerError(BundleRefusedError):
    """Signed by a key the police have not enrolled: the bundle is held aside."""

    def __init__(self, message_id: str, *, fingerprint: str, sender: str, **params: Any) -> None:
        super().__init__(message_id, fingerprint=fingerprint, sender=sender, **params)
        self.fingerprint = fingerprint


class ExportWriteError(SyncError):
    """The destination could not take the bundle (full, read-only, removed)."""

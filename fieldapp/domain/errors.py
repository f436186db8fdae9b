"""Errors that carry a message id, so every face can say them in the user's language."""

from __future__ import annotations

from typing import Any


class FieldAppError(Exception):
    """Base error: a message id from the catalogue plus its parameters.

    The id is English and stable; the text a user reads comes from `fieldapp.i18n`.
    Parameters never hold personal data meant for logs: faces show them, logs do not.
    """

    exit_code = 1

    def __init__(self, message_id: str, **params: Any) -> None:
        super().__init__(message_id)
        self.message_id = message_id
        self.params = params

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message_id!r})"


class ValidationError(FieldAppError):
    """Input that breaks a rule: a field, a value, a format."""

    exit_code = 3


class NotFoundError(FieldAppError):
    """Something asked for by key that the store does not hold."""

    exit_code = 4


class ConflictError(FieldAppError):
    """An action that contradicts what is already stored."""

    exit_code = 5

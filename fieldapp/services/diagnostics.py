"""The support log: a rotating file in the data folder, with personal data masked.

What a support call needs (what failed, where, with which exception) goes to
`fieldapp.log`; personal data never does. Code does not log names, IDs or phones in the
first place; `PersonalDataFilter` is the second line of defence: it masks 12-digit IDs,
9-digit old IDs, phone numbers and the values of fields that hold names, in the message
and in the traceback. Both faces send unexpected errors here (`log_unexpected`) and show the
user one line (`unexpected_line`). `log_path()` is what the About box and "copy
diagnostics" show.
"""

from __future__ import annotations

import logging
import os
import re
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path

from fieldapp.i18n import tr
from fieldapp.store.engine import data_folder

ENV_LOG_DIR = "FIELDAPP_LOG_DIR"  # another folder for the log (tests, a stick for support)
LOG_NAME = "fieldapp.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
MASK = "[…]"

_ID = re.compile(r"(?<![0-9])[0-9]{9}(?:[0-9]{3})?(?![0-9])")  # 12-digit IDs, 9-digit old IDs
_PHONE = re.compile(r"(?<![0-9])(?:\+?84|0)[ .-]?[0-9](?:[ .-]?[0-9]){8}(?![0-9])")
_DIGIT_RUN = re.compile(r"(?<![0-9])[0-9]{10,}(?![0-9])")  # anything ID-like, lost zeros too
_NAME_FIELDS = (
    "full_name", "name", "proxy_name", "guardian_name", "citizen_name", "user_name", "address",
    "scanned_name", "old_value", "new_value", "Họ và tên", "Họ tên",
)  # fmt: skip
_FIELDS = "|".join(re.escape(f) for f in _NAME_FIELDS)
_FIELD_VALUE = re.compile(
    r"""(?P<key>['"]?(?:""" + _FIELDS + r""")['"]?\s*[:=]\s*)"""
    r"""(?P<value>'[^']*'|"[^"]*"|[^,;)\]}\n|]+)""",
    re.IGNORECASE,
)
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(|$))", re.DOTALL)
_QR = re.compile(r"[0-9]{12}\|[^\s]*")  # a chip card's QR text, whole


def mask(text: str) -> str:
    """The text with IDs, phones, name fields and SQL parameters replaced by a mark."""
    text = _SQL_PARAMETERS.sub("[parameters: " + MASK + "]", text)
    text = _QR.sub(MASK, text)
    text = _FIELD_VALUE.sub(lambda m: m.group("key") + MASK, text)
    text = _PHONE.sub(MASK, text)
    text = _DIGIT_RUN.sub(MASK, text)
    return _ID.sub(MASK, text)


class PersonalDataFilter(logging.Filter):
    """Masks personal data in every record (message, arguments and traceback)."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite the record in place; never drops it."""
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg, record.args = mask(message), None
        if record.exc_info:
            record.exc_text = mask("".join(traceback.format_exception(*record.exc_info)))
            record.exc_info = None
        if record.stack_info:
            record.stack_info = mask(record.stack_info)
        return True


class _MaskingFormatter(logging.Formatter):
    """Masks once more after formatting: a handler's own additions are covered too."""

    def format(self, record: logging.LogRecord) -> str:
        return mask(super().format(record))


def log_folder() -> Path:
    """Where the log lives: $FIELDAPP_LOG_DIR, else the user's data folder."""
    chosen = os.environ.get(ENV_LOG_DIR)
    return Path(chosen).expanduser() if chosen else data_folder()


def log_path() -> Path:
    """The support log's file (for the About box and "copy diagnostics")."""
    return log_folder() / LOG_NAME


def set_up_logging(level: int = logging.INFO) -> Path:
    """Send the app's log records to the rotating file (once per file); returns its path."""
    path = log_path()
    root = logging.getLogger("fieldapp")
    for handler in list(root.handlers):
        if getattr(handler, "_fieldapp_log", None) == path:
            return path
        if getattr(handler, "_fieldapp_log", None) is not None:
            root.removeHandler(handler)
            handler.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(
            path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
        )
    except OSError:
        return path  # a read-only data folder must not stop the app
    handler._fieldapp_log = path  # type: ignore[attr-defined]
    handler.addFilter(PersonalDataFilter())
    handler.setFormatter(_MaskingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    return path


def log_unexpected(error: BaseException, *, face: str) -> Path:
    """Write an unexpected error's traceback (masked, no SQL parameters) to the log."""
    path = set_up_logging()
    logging.getLogger(f"fieldapp.{face}").error(
        "unexpected %s", type(error).__name__, exc_info=(type(error), error, error.__traceback__)
    )
    return path


def unexpected_line(error: BaseException, lang: str = "vi") -> str:
    """The one line a person sees: what kind of error, and where the details are."""
    key = "app.unexpected_busy" if _is_busy(error) else "app.unexpected"
    return tr(key, lang, kind=type(error).__name__, path=str(log_path()))


def _is_busy(error: BaseException) -> bool:
    text = str(getattr(error, "orig", error)).lower()
    return "locked" in text or "busy" in text

"""The support log: a rotating file in the data folder, with personal data masked.

What a support call needs (what failed, where, with which exception) goes to
`fieldapp.log`; personal data never does. Code does not log names, IDs or phones in the
first place; `PersonalDataFilter` is the second line of defence: it masks 12-digit IDs,
9-digit old IDs, phone numbers, bank account numbers (6-19 digits, grouped or not) and the
values of fields that hold names or accounts, in the message and in the traceback. Both
faces send unexpected errors here (`log_unexpected`) and show the user one line
(`unexpected_line`). `log_path()` is what the About box shows, and `support_text()` what its
"copy diagnostics" button puts on the clipboard.
"""

from __future__ import annotations

import logging
import os
import platform
import re
import sys
import traceback
from collections import deque
from logging.handlers import RotatingFileHandler
from pathlib import Path

from fieldapp.i18n import tr
from fieldapp.store.engine import data_folder
from fieldapp.version import version_line

ENV_LOG_DIR = "FIELDAPP_LOG_DIR"  # another folder for the log (tests, a stick for support)
LOG_NAME = "fieldapp.log"
MAX_BYTES = 1_000_000
BACKUPS = 5
MASK = "[…]"

_ID = re.compile(r"(?<![0-9])[0-9]{9}(?:[0-9]{3})?(?![0-9])")  # 12-digit IDs, 9-digit old IDs
_PHONE = re.compile(r"(?<![0-9])(?:\+?84|0)[ .-]?[0-9](?:[ .-]?[0-9]){8}(?![0-9])")
_DIGIT_RUN = re.compile(r"(?<![0-9])[0-9]{10,}(?![0-9])")  # anything ID-like, lost zeros too
# Bank account numbers (issue 19): 6-19 digits, or written in groups as a bank card prints them
# ("0123 4567 8901", "0123.456.789"). Times and dates never match (groups of 2 or 4, or a ":").
_ACCOUNT = re.compile(r"(?<![0-9])(?:[0-9]{6,19}|[0-9]{3,4}(?:[ .][0-9]{3,4}){2,4})(?![0-9])")
_NAME_FIELDS = (
    "full_name", "name", "proxy_name", "guardian_name", "citizen_name", "user_name", "address",
    "scanned_name", "old_value", "new_value", "Họ và tên", "Họ tên",
    "receiver_name", "relation", "receiver_id", "account_number", "account", "Số tài khoản",
)  # fmt: skip
_FIELDS = "|".join(re.escape(f) for f in _NAME_FIELDS)
_FIELD_VALUE = re.compile(
    r"""(?P<key>['"]?(?:""" + _FIELDS + r""")['"]?\s*[:=]\s*)"""
    r"""(?P<value>'[^']*'|"[^"]*"|[^,;)\]}\n|]+)""",
    re.IGNORECASE,
)
_SQL_PARAMETERS = re.compile(r"\[parameters: .*?\](?=\s*(?:\(|$))", re.DOTALL)
# A chip card's QR text, whole: its name and address have spaces, so up to the line's end.
_QR = re.compile(r"[0-9]{12}\|[^\n]*")


def mask(text: str) -> str:
    """The text with IDs, phones, name fields and SQL parameters replaced by a mark."""
    text = _SQL_PARAMETERS.sub("[parameters: " + MASK + "]", text)
    text = _QR.sub(MASK, text)
    text = _FIELD_VALUE.sub(lambda m: m.group("key") + MASK, text)
    text = _PHONE.sub(MASK, text)
    text = _DIGIT_RUN.sub(MASK, text)
    text = _ID.sub(MASK, text)
    return _ACCOUNT.sub(MASK, text)


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


SUPPORT_LOG_LINES = 30


def last_log_lines(count: int = SUPPORT_LOG_LINES, path: Path | None = None) -> list[str]:
    """The log's last lines, masked once more (the file was masked when written)."""
    try:
        with (path or log_path()).open(encoding="utf-8", errors="replace") as stream:
            tail = deque(stream, maxlen=count)
    except OSError:
        return []
    return [mask(line.rstrip("\n")) for line in tail]


def hide_password(location: str) -> str:
    """A database URL without its password (a commune server's URL may carry one)."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", location)


def support_text(lang: str, *, store_location: str, qt_version: str | None = None) -> str:
    """What "copy diagnostics" puts on the clipboard for a support call: no personal data.

    Version and build, system, folders, then the log's last lines (masked).
    """
    frozen = bool(getattr(sys, "frozen", False))
    runtime = f"Python {platform.python_version()}" + (f", Qt {qt_version}" if qt_version else "")
    lines = [
        version_line(lang),
        f"{tr('diagnostics.system', lang)}: {platform.platform()} ({platform.machine()}); "
        f"{runtime}",
        f"{tr('diagnostics.frozen', lang)}: {tr(f'diagnostics.frozen.{frozen}', lang)}",
        f"{tr('diagnostics.data_folder', lang)}: {data_folder()}",
        f"{tr('diagnostics.store', lang)}: {hide_password(store_location)}",
        f"{tr('diagnostics.log_file', lang)}: {log_path()}",
        "",
        f"{tr('diagnostics.log_tail', lang, count=SUPPORT_LOG_LINES)}:",
        *last_log_lines(),
    ]
    return "\n".join(lines)

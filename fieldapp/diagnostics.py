"""What a volunteer reads out or pastes on a support call: version, machine, folders, log tail.

Never personal data: the log file is already written through the personal-data filter, and
every line copied here is scrubbed once more (long digit runs such as personal IDs and
phone numbers become ###), so a filter that missed something does not leak through here.
"""

from __future__ import annotations

import platform
import re
import sys
from collections import deque
from pathlib import Path

from fieldapp.i18n import tr
from fieldapp.version import version_line

LOG_LINES = 30
# 9+ digits in a row (personal IDs, old IDs, phones), or a phone written in groups.
_DIGIT_RUN = re.compile(r"(?:\+84[ .]?|\b0)\d{2,3}(?:[ .]\d{3,4}){2}\b|\d{9,}")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")


def scrub(line: str) -> str:
    """A log line with anything that looks like an ID, a phone number or an e-mail masked.

    Dates (2026-11-26) and times (05:50:01) are left alone: support needs them.
    """
    return _EMAIL.sub("###", _DIGIT_RUN.sub("###", line))


def hide_password(url: str) -> str:
    """A database URL without its password (a commune server's URL may carry one)."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def last_lines(log_file: Path | None, count: int = LOG_LINES) -> list[str]:
    """The log's last lines, scrubbed; none if there is no log yet."""
    if log_file is None:
        return []
    try:
        with log_file.open(encoding="utf-8", errors="replace") as stream:
            tail = deque(stream, maxlen=count)
    except OSError:
        return []
    return [scrub(line.rstrip("\n")) for line in tail]


def diagnostics_text(
    lang: str,
    *,
    data_folder: Path,
    store: str,
    log_file: Path | None,
    qt_version: str | None = None,
) -> str:
    """The whole text for the clipboard: one fact per line, then the log's tail."""
    machine = f"{platform.platform()} ({platform.machine()})"
    runtime = f"Python {platform.python_version()}" + (f", Qt {qt_version}" if qt_version else "")
    lines = [
        version_line(lang),
        f"{tr('diagnostics.system', lang)}: {machine}; {runtime}",
        f"{tr('diagnostics.frozen', lang)}: {tr(f'diagnostics.frozen.{_frozen()}', lang)}",
        f"{tr('diagnostics.data_folder', lang)}: {data_folder}",
        f"{tr('diagnostics.store', lang)}: {hide_password(store)}",
        f"{tr('diagnostics.log_file', lang)}: {log_file or '-'}",
        "",
        f"{tr('diagnostics.log_tail', lang, count=LOG_LINES)}:",
        *last_lines(log_file),
    ]
    return "\n".join(lines)


def _frozen() -> bool:
    return bool(getattr(sys, "frozen", False))

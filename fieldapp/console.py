"""UTF-8 on the console, whatever the machine's code page says.

A Vietnamese Windows runs its console in a legacy code page (cp1258 or cp437); output
redirected to a file or a pipe then takes that encoding, and "ễ" raises UnicodeEncodeError
half-way through a report. Both faces call `use_utf8_console()` first thing.
"""

from __future__ import annotations

import io
import sys


def use_utf8_console() -> None:
    """Make stdout and stderr write UTF-8; never fail over a character.

    A windowed build has no console at all (the streams are None): nothing to do there.
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(encoding="utf-8", errors="replace")

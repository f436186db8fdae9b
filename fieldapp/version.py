"""What this copy of FieldApp is: its version and, for a frozen build, when and from what.

The build script writes `resources/build.json` into the frozen folder only; a copy run from
source has none and says so. Support asks for this line first on a phone call.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from functools import cache
from importlib import resources

from fieldapp import __version__

BUILD_FILE = "build.json"


@dataclass(frozen=True, slots=True)
class BuildInfo:
    """The version, and the build's date (UTC) and commit when this is a frozen build."""

    version: str
    built_at: str | None = None  # "2026-11-26 05:50 UTC"
    commit: str | None = None

    @property
    def frozen(self) -> bool:
        """True in the folder PyInstaller made (no source files there)."""
        return self.built_at is not None


@cache
def build_info() -> BuildInfo:
    """Read the baked-in build record once; none means run from source."""
    record = resources.files("fieldapp.resources") / BUILD_FILE
    try:
        return parse_build_record(record.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return BuildInfo(__version__)


def parse_build_record(text: str) -> BuildInfo:
    """The record the build script writes: {"version", "built_at", "commit"}."""
    try:
        data = json.loads(text)
    except ValueError:
        return BuildInfo(__version__)
    return BuildInfo(
        version=str(data.get("version") or __version__),
        built_at=data.get("built_at"),
        commit=data.get("commit"),
    )


def version_line(lang: str | None = None) -> str:
    """One line for `--version`, About and diagnostics: the same words everywhere.

    With no language both are given (the CLI's `--version` runs before `--lang` is read).
    """
    from fieldapp.i18n import tr

    info = build_info()
    if info.frozen:
        detail = f"{info.built_at}, {info.commit}" if info.commit else str(info.built_at)
    else:
        vi, en = tr("version.from_source", "vi"), tr("version.from_source", "en")
        detail = tr("version.from_source", lang) if lang else f"{vi} / {en}"
    return f"FieldApp {info.version} ({detail})"


def is_frozen() -> bool:
    """True when running from the PyInstaller folder (sys.frozen is set by its bootloader)."""
    return bool(getattr(sys, "frozen", False))

"""Finding removable drives (USB sticks) to offer as export targets."""

from __future__ import annotations

import os
import string
from pathlib import Path

LINUX_MOUNT_ROOTS = (Path("/media"), Path("/run/media"))


def removable_drives(roots: tuple[Path, ...] = LINUX_MOUNT_ROOTS) -> list[Path]:
    """Mounted removable drives: drive letters on Windows, /media/USER/X elsewhere."""
    if os.name == "nt":  # pragma: no cover - exercised on Windows only
        return _windows_removable()
    found: list[Path] = []
    for root in roots:
        if not root.is_dir():
            continue
        for level1 in sorted(_dirs(root)):
            # /media/LABEL (Debian automount) or /media/USER/LABEL (udisks).
            inner = sorted(_dirs(level1))
            if inner and not os.path.ismount(level1):
                found.extend(p for p in inner if _usable(p))
            elif _usable(level1):
                found.append(level1)
    return found


def _dirs(folder: Path) -> list[Path]:
    try:
        return [p for p in folder.iterdir() if p.is_dir()]
    except OSError:
        return []


def _usable(path: Path) -> bool:
    return os.access(path, os.W_OK) or os.path.ismount(path)


def _windows_removable(kernel32: object | None = None) -> list[Path]:
    """Drive letters whose type is DRIVE_REMOVABLE (USB sticks, SD cards) and hold a medium.

    An empty card reader is removable too; it has no root folder, so it is left out.
    """
    if kernel32 is None:  # pragma: no cover - Windows only
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    drive_removable = 2
    bitmask = kernel32.GetLogicalDrives()  # type: ignore[attr-defined]
    found = []
    for index, letter in enumerate(string.ascii_uppercase):
        if bitmask & (1 << index):
            root = f"{letter}:\\"
            if kernel32.GetDriveTypeW(root) == drive_removable and os.path.isdir(root):  # type: ignore[attr-defined]
                found.append(Path(root))
    return found

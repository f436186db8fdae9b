"""Render issue 15's desk screens into docs/screenshots/atrest-*.png (offscreen).

Run from the worktree root:
`QT_QPA_PLATFORM=offscreen python docs/screenshots/atrest_screenshots.py`.
The unlock dialog, the recovery code shown once, and the locked desk after a scanner burst.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's fieldapp

from PySide6.QtWidgets import QApplication, QWidget

from fieldapp.store.keyslots import new_recovery_code
from fieldapp.ui.app import load_fonts
from fieldapp.ui.backup_restore import RecoveryCodeDialog
from fieldapp.ui.store_lock import LockScreen, UnlockDialog

OUT = Path(__file__).resolve().parent


def grab(widget: QWidget, name: str) -> None:
    """Show, size and save one dialog."""
    widget.show()
    widget.adjustSize()
    QApplication.processEvents()
    widget.grab().save(str(OUT / name))
    widget.hide()


def main() -> None:
    """The three screens, with synthetic names."""
    app = QApplication.instance() or QApplication([])
    load_fonts()
    unlock = UnlockDialog("vi", unlock_pin=lambda *_: None, unlock_recovery=lambda _c: None)
    unlock.name.setText("Trần Thị Mai")
    unlock.secret.setText("246810")
    grab(unlock, "atrest-unlock.png")
    grab(RecoveryCodeDialog("vi", new_recovery_code()), "atrest-recovery-code.png")
    lock = LockScreen("vi", "Trần Thị Mai")
    lock.error.setText("Máy đang khóa: không nhận mã quét. Nhập mã PIN để mở.")
    grab(lock, "atrest-locked.png")
    app.quit()


if __name__ == "__main__":
    main()

"""For the frozen-build smoke test: report the first window the desk shows, then close it.

Set FIELDAPP_SMOKE_REPORT to a file: once a window is up, its class and title go there as
JSON (with a screenshot beside it) and the window is dismissed, so the desk quits by itself.
A windowed build on Windows has no console, hence a file rather than stdout.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog, QWidget

ENV_SMOKE_REPORT = "FIELDAPP_SMOKE_REPORT"
GIVE_UP_SECONDS = 120.0


def install_smoke_probe(app: QApplication, report: Path) -> QTimer:
    """Poll the shown windows on the event loop (also inside a dialog's exec)."""
    timer = QTimer(app)
    timer.setInterval(250)
    deadline = time.monotonic() + GIVE_UP_SECONDS

    def check() -> None:
        window = _first_window()
        if window is None:
            if time.monotonic() > deadline:
                report.write_text(json.dumps({"widget": None}), encoding="utf-8")
                timer.stop()
                app.exit(3)
            return
        timer.stop()
        window.grab().save(str(report.with_suffix(".png")))
        shown = {"widget": type(window).__name__, "title": window.windowTitle()}
        report.write_text(json.dumps(shown, ensure_ascii=False), encoding="utf-8")
        if isinstance(window, QDialog):
            window.reject()
        else:
            window.close()

    timer.timeout.connect(check)
    timer.start()
    return timer


def _first_window() -> QWidget | None:
    modal = QApplication.activeModalWidget()
    if modal is not None and modal.isVisible():
        return modal
    shown = [w for w in QApplication.topLevelWidgets() if w.isVisible() and w.isWindow()]
    return shown[0] if shown else None

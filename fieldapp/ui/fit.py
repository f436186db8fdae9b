"""Windows and lists that fit a laptop's screen (1366×768 with a taskbar, often less).

`fit_to_screen` sizes a window to what it would like, but never beyond the screen's
available area less the title bar, and centres it there; `wrapping_list` makes a list of
messages wrap its lines instead of scrolling sideways.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QListView, QListWidget, QWidget

TITLE_BAR = 32  # what a window manager adds above the window, in pixels (about)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """At most `width`×`height`, within the screen's available area (taskbar excluded)."""
    screen = window.screen() or (window.parentWidget().screen() if window.parentWidget() else None)
    if screen is None:
        window.resize(width, height)
        return
    area = screen.availableGeometry()
    w = min(width, area.width())
    h = min(height, area.height() - TITLE_BAR)
    window.resize(w, h)
    window.move(
        area.x() + (area.width() - w) // 2, area.y() + max(0, (area.height() - h - TITLE_BAR) // 2)
    )


def wrapping_list(widget: QListWidget) -> QListWidget:
    """Long lines wrap inside the list's width; no sideways scrolling."""
    widget.setWordWrap(True)
    widget.setTextElideMode(Qt.TextElideMode.ElideNone)
    widget.setResizeMode(QListView.ResizeMode.Adjust)
    widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    widget.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
    widget.setUniformItemSizes(False)
    return widget

"""F1: every key of the desk on one page; About: the version and where the data lives.

What a volunteer reads out on a support call: the version line is `fieldapp --version`'s,
the folders are the store's and its keys'.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from fieldapp.i18n import tr
from fieldapp.version import version_line


class TextPage(QDialog):
    """A short page of text with one Close button (Esc or Enter)."""

    def __init__(self, title: str, html: str, lang: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.body = QLabel(html)
        self.body.setWordWrap(True)
        self.body.setTextInteractionFlags(self.body.textInteractionFlags())
        buttons = QDialogButtonBox()
        close = buttons.addButton(
            tr("desk.users.close", lang), QDialogButtonBox.ButtonRole.AcceptRole
        )
        close.setDefault(True)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.body)
        layout.addWidget(buttons)
        self.setMinimumWidth(620)


def help_page(lang: str, *, bank_mode: bool, parent: QWidget | None = None) -> TextPage:
    """Every key, grouped as the desk uses them."""
    keys = tr("help.keys.bank" if bank_mode else "help.keys", lang)
    rows = "".join(
        f"<tr><td><b>{escape(k)}</b>&nbsp;&nbsp;</td><td>{escape(v)}</td></tr>"
        for k, v in (line.split("\t", 1) for line in keys.splitlines())
    )
    html = f"<p>{escape(tr('help.intro', lang))}</p><table>{rows}</table>"
    return TextPage(tr("help.title", lang), html, lang, parent)


def about_page(lang: str, data_location: str, parent: QWidget | None = None) -> TextPage:
    """The version, and the data folder (the store; the keys live beside it)."""
    html = (
        f"<p><b>{escape(version_line(lang))}</b></p>"
        f"<p>{escape(tr('about.what', lang))}</p>"
        f"<p>{escape(tr('about.data', lang))}<br><code>{escape(data_location or '?')}</code></p>"
    )
    return TextPage(tr("about.title", lang), html, lang, parent)

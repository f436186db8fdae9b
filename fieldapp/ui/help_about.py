"""F1: every key of the desk on one page; About: the version and where the data lives.

What a volunteer reads out on a support call: the version line is `fieldapp --version`'s,
the folders are the store's and its keys', the log file's; "copy diagnostics" puts all of
that and the log's last lines (masked: no personal data) on the clipboard.
"""

from __future__ import annotations

from html import escape

from PySide6 import __version__ as qt_binding_version
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from fieldapp.i18n import tr
from fieldapp.services.diagnostics import log_path, support_text
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
        self.buttons = buttons
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


class AboutPage(TextPage):
    """About, with a button that copies the support text (never personal data)."""

    def __init__(self, lang: str, data_location: str, parent: QWidget | None = None) -> None:
        log = str(log_path())
        html = (
            f"<p><b>{escape(version_line(lang))}</b></p>"
            f"<p>{escape(tr('about.what', lang))}</p>"
            f"<p>{escape(tr('about.data', lang))}<br>"
            f"<code>{escape(data_location or '?')}</code></p>"
            f"<p>{escape(tr('diagnostics.log_file', lang))}:<br><code>{escape(log)}</code></p>"
        )
        super().__init__(tr("about.title", lang), html, lang, parent)
        self.lang, self.data_location = lang, data_location
        self.copy_button = QPushButton(tr("diagnostics.copy", lang))
        self.buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copied = QLabel("")
        self.copied.setWordWrap(True)
        self.layout().insertWidget(1, self.copied)
        self.copy_button.clicked.connect(self.copy_diagnostics)

    def copy_diagnostics(self) -> None:
        """Version, system, folders and the log's last lines, to paste into a message."""
        text = support_text(
            self.lang, store_location=self.data_location, qt_version=qt_binding_version
        )
        QApplication.clipboard().setText(text)
        self.copied.setText(tr("diagnostics.copied", self.lang))


def about_page(lang: str, data_location: str, parent: QWidget | None = None) -> AboutPage:
    """The version, the data folder (the store; the keys live beside it), the log file."""
    return AboutPage(lang, data_location, parent)

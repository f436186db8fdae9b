"""`fieldapp-desk`: start the desktop app on the embedded store (or `--db`)."""

from __future__ import annotations

import argparse
import os
import sys
from importlib import resources
from pathlib import Path

from fieldapp.console import use_utf8_console
from fieldapp.domain.errors import FieldAppError
from fieldapp.i18n import error_text, tr
from fieldapp.store.engine import resolve_database_url
from fieldapp.version import version_line


def display_available() -> bool:
    """On Linux a window needs X11 or Wayland (or an explicit Qt platform such as offscreen)."""
    if not sys.platform.startswith("linux"):
        return True
    return bool(
        os.environ.get("DISPLAY")
        or os.environ.get("WAYLAND_DISPLAY")
        or os.environ.get("QT_QPA_PLATFORM")
    )


def main(argv: list[str] | None = None) -> int:
    """Parse the options, check the display, open the store, show the window."""
    use_utf8_console()
    parser = argparse.ArgumentParser(prog="fieldapp-desk", description="FieldApp desktop")
    parser.add_argument("--db", help="SQLite file or database URL")
    parser.add_argument("--lang", choices=("vi", "en"), default=os.environ.get("FIELDAPP_LANG"))
    parser.add_argument("--version", action="version", version=version_line())
    args = parser.parse_args(argv)
    lang = args.lang or "vi"
    if not display_available():
        # Started through fieldapp.sh, the command-line face is `./fieldapp.sh cli`.
        cli = os.environ.get("FIELDAPP_CLI", "fieldapp")
        print(tr("app.no_display", lang, cli=cli), file=sys.stderr)
        return 2

    from PySide6.QtWidgets import QApplication

    from fieldapp.store.migrate import open_store
    from fieldapp.ui.startup import start_desk
    from fieldapp.ui.store_open import Unlocked, prepare_desk_store

    set_hidpi_policy()
    app = QApplication.instance() or QApplication(sys.argv[:1])
    install_excepthook(lang)
    from fieldapp.ui.qt_words import install_qt_words

    install_qt_words(lang)  # OK/Cancel and the file dialogs in Vietnamese (issue 12)
    if os.environ.get("FIELDAPP_SMOKE_REPORT"):
        from fieldapp.ui.smoke_probe import install_smoke_probe

        install_smoke_probe(app, Path(os.environ["FIELDAPP_SMOKE_REPORT"]))
    load_fonts()
    url = resolve_database_url(args.db)
    try:
        unlocked = prepare_desk_store(url, lang)  # issue 15: the store is encrypted at rest
    except FieldAppError as error:  # e.g. a server seat without the first seat's key file
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.critical(None, "FieldApp", error_text(error, lang))
        return 2
    if unlocked is False:
        return 0
    engine = open_store(url)
    window = start_desk(
        engine, lang=args.lang, unlocked=unlocked if isinstance(unlocked, Unlocked) else None
    )
    if window is None:
        return 0
    window.showMaximized()  # a laptop's whole screen, taskbar excluded
    return app.exec()


def install_excepthook(lang: str) -> None:
    """Unexpected errors (a slot, a callback): logged masked, one line to the person."""
    from fieldapp.services import diagnostics

    def hook(kind: type[BaseException], error: BaseException, tb: object) -> None:
        diagnostics.log_unexpected(error, face="desk")
        line = diagnostics.unexpected_line(error, lang)
        print(line, file=sys.stderr)
        from PySide6.QtWidgets import QApplication, QMessageBox

        if QApplication.instance() is not None:
            QMessageBox.critical(None, "FieldApp", line)

    sys.excepthook = hook


ENV_ROUNDING = "QT_SCALE_FACTOR_ROUNDING_POLICY"


def set_hidpi_policy() -> None:
    """Scale by exactly what Windows says (125 %, 150 %), not rounded to whole numbers.

    Qt 6's default is PassThrough already; said here so that it stays so: rounding would make
    a 1366×768 laptop at 150 % draw at 200 % (the dialogs no longer fit) and one at 125 % at
    100 % (small text). Support can still try another policy with the Qt variable above.
    Must run before the QApplication exists.
    """
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication

    if os.environ.get(ENV_ROUNDING) or QGuiApplication.instance() is not None:
        return
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(
        Qt.HighDpiScaleFactorRoundingPolicy.PassThrough
    )


def load_fonts() -> None:
    """Use the bundled DejaVu Sans so Vietnamese shows the same on every machine."""
    from PySide6.QtGui import QFont, QFontDatabase
    from PySide6.QtWidgets import QApplication

    fonts = resources.files("fieldapp.resources") / "fonts"
    family = None
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        with resources.as_file(fonts / name) as path:
            font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0 and family is None:
            family = QFontDatabase.applicationFontFamilies(font_id)[0]
    if family:
        QApplication.setFont(QFont(family, 10))


if __name__ == "__main__":
    sys.exit(main())

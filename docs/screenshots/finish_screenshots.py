"""Render the screens of issue 12's last pieces at 1366x768 into docs/screenshots/finish-*.png.

Run from the worktree root:
`QT_QPA_PLATFORM=offscreen python docs/screenshots/finish_screenshots.py [name ...]`.
Synthetic people only (a demo point's store); dialogs are drawn over the window.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's fieldapp
sys.path.insert(0, str(Path(__file__).resolve().parent))

from desk_screenshots import _Quiet
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget
from trust_screenshots import SIZE
from trust_screenshots import grab as trust_grab

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.stores import load_demo_store
from fieldapp.domain import model as dm
from fieldapp.services import setup
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.app import load_fonts
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.police_dashboard import PoliceDashboard
from fieldapp.ui.qt_words import install_qt_words
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner

OUT = Path(__file__).resolve().parent


def grab(window: QWidget, name: str, dialog: QDialog | None = None) -> None:
    """Save as finish-NAME.png (the trust script's grab, under another prefix)."""
    trust_grab(window, f"__{name}", dialog)
    (OUT / f"trust-__{name}.png").replace(OUT / f"finish-{name}.png")
    print(f"docs/screenshots/finish-{name}.png")


class Scenes:
    """A demo point's store and a desk per role."""

    def __init__(self) -> None:
        tmp = tempfile.mkdtemp()
        self.db = f"{tmp}/fieldapp.sqlite3"
        self.engine = open_store(f"sqlite:///{self.db}")
        self.data = generate_commune(2000)
        self.signing = load_demo_store(self.engine, self.data, police=False)
        self.point = setup.this_point(self.uow())

    def uow(self) -> SqlUnitOfWork:
        """A unit of work on the demo store."""
        return SqlUnitOfWork(self.engine)

    def user(self, role: dm.Role) -> dm.User:
        """The demo user with this role."""
        return next(s.user for s in self.signing if s.user.role is role)

    def session(self, role: dm.Role, lang: str = "vi") -> DeskSession:
        """A signed-in session with an inline runner."""
        return DeskSession(
            uow=self.uow,
            runner=InlineTaskRunner(),
            lang=lang,
            point=self.point,
            user=self.user(role),
            data_location=self.db,
        )

    def desk(self, role: dm.Role = dm.Role.VOLUNTEER, lang: str = "vi") -> MainWindow:
        """The desk, shown at 1366x768."""
        window = MainWindow(self.session(role, lang))
        window.dialogs = _Quiet(window)
        window.desk.ask = window.dialogs
        window.resize(*SIZE)
        window.show()
        return window


def dashboard(scenes: Scenes) -> None:
    """The police's dashboard with the stick import button (Ctrl+O)."""
    board = PoliceDashboard(scenes.session(dm.Role.COMMUNE_POLICE))
    board.resize(*SIZE)
    board.show()
    board.refresh()
    grab(board, "dashboard-import")


def file_dialog(scenes: Scenes) -> None:
    """Qt's own save dialog in Vietnamese, opened in Documents."""
    window = scenes.desk()
    install_qt_words("vi")
    dialog = QFileDialog(window, "Lưu tệp PDF", str(Path.home()))
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.selectFile("phieu-hen.pdf")
    dialog.resize(820, 480)
    grab(window, "file-dialog-vi", dialog)


def key_line(scenes: Scenes) -> None:
    """The desk with Ctrl+F in its key line."""
    grab(scenes.desk(), "desk-keys")


def slip_dialog(scenes: Scenes) -> None:
    """The slip dialog: the citizen on the card (ID masked), the next open day, the paper."""
    from fieldapp.services import documents
    from fieldapp.ui.slip_dialog import SlipDialog

    volunteer = scenes.user(dm.Role.VOLUNTEER)
    documents.set_point_info(scenes.uow(), opening_days=(0, 1, 2, 3, 4),
                             hours="7h30 - 11h00, 13h30 - 17h00", actor=volunteer)  # fmt: skip
    window = scenes.desk()
    here = [c for c in scenes.data.citizens if c.village_id == scenes.point.village_id]
    window.scan_text(here[3].personal_id)
    dialog = SlipDialog("vi", documents.default_return(scenes.uow()),
                        personal_id=here[3].personal_id, name=window.card.citizen.full_name,
                        parent=window)  # fmt: skip
    grab(window, "slip-dialog", dialog)


def point_settings(scenes: Scenes) -> None:
    """The point's opening days, hours and home-visit age."""
    from fieldapp.ui.point_settings import PointSettingsDialog

    window = scenes.desk()
    grab(window, "point-settings", PointSettingsDialog(window.session, window))


def home_visits(scenes: Scenes) -> None:
    """The home-visit list with address, masked phone and the visit time."""
    window = scenes.desk()
    window.show_page(1)
    grab(window, "home-visits")


def change_pin(scenes: Scenes) -> None:
    """Change my PIN, with a refusal shown."""
    from fieldapp.ui.pin_change import ChangePinDialog

    window = scenes.desk()
    dialog = ChangePinDialog(window.session, window)
    dialog.old_pin.setText("000000")
    dialog.new_pin.setText("735104")
    dialog.again.setText("735105")
    dialog.save()
    grab(window, "change-pin", dialog)


def recovery_code(scenes: Scenes) -> None:
    """The recovery code with its Print button."""
    from fieldapp.store.keyslots import new_recovery_code
    from fieldapp.ui.backup_restore import RecoveryCodeDialog

    window = scenes.desk()
    dialog = RecoveryCodeDialog("vi", new_recovery_code(), window, point_name=scenes.point.name)
    grab(window, "recovery-code", dialog)


def enrol(scenes: Scenes) -> None:
    """At the police: a point's fingerprint and its villages ticked."""
    from fieldapp.ui.enrol_dialog import EnrolPointDialog

    window = scenes.desk(dm.Role.VOLUNTEER)
    names = [v.name for v in scenes.data.villages][:9]
    dialog = EnrolPointDialog("vi", names, window)
    dialog.fingerprint.setText("3F2A 9C41 07BE 55D0 A1C3 4E7F 2B90 6D18")
    dialog.tick(names[1:3])
    dialog.resize(520, 460)
    grab(window, "enrol-villages", dialog)


def english(scenes: Scenes) -> None:
    """The English desk's home-visit list (plurals, numbers)."""
    window = scenes.desk(lang="en")
    window.show_page(1)
    grab(window, "home-visits-en")


def print_dialog(scenes: Scenes) -> None:
    """Qt's own print dialog in Vietnamese."""
    from PySide6.QtPrintSupport import QPrintDialog, QPrinter

    window = scenes.desk()
    install_qt_words("vi")
    printer = QPrinter()
    dialog = QPrintDialog(printer, window)
    grab(window, "print-dialog-vi", dialog)


SCENES: dict[str, Callable[[Scenes], None]] = {
    "print_dialog": print_dialog,
    "change_pin": change_pin,
    "recovery_code": recovery_code,
    "enrol": enrol,
    "english": english,
    "slip_dialog": slip_dialog,
    "point_settings": point_settings,
    "home_visits": home_visits,
    "dashboard": dashboard,
    "file_dialog": file_dialog,
    "key_line": key_line,
}


def main(names: list[str]) -> int:
    """Every scene, or the ones named."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_fonts()
    scenes = Scenes()
    for name in names or list(SCENES):
        SCENES[name](scenes)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

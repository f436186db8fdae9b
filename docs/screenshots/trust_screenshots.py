"""Render the screens of issue 12 at 1366x768 into docs/screenshots/trust-*.png (offscreen).

Run from the worktree root:
`QT_QPA_PLATFORM=offscreen python docs/screenshots/trust_screenshots.py`.
Synthetic people only (a demo store); dialogs are drawn over the window where they appear.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's fieldapp
sys.path.insert(0, str(Path(__file__).resolve().parent))

from desk_screenshots import _Quiet, qr_text
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.stores import remove_demo_store
from fieldapp.domain import model as dm
from fieldapp.domain.personal_id import Sex, sex_digit
from fieldapp.services import setup
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.app import load_fonts
from fieldapp.ui.desk_correct import CorrectDetailsDialog
from fieldapp.ui.desk_forms import NewCitizenDialog
from fieldapp.ui.help_about import about_page, help_page
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.setup_dialog import SetupDialog
from fieldapp.ui.startup import sample_data_loader
from fieldapp.ui.sync_keys import SyncKeysDialog
from fieldapp.ui.tasks import InlineTaskRunner
from fieldapp.ui.users_screen import UsersDialog

OUT = Path(__file__).resolve().parent
SIZE = (1366, 768)


def grab(window: QWidget, name: str, dialog: QDialog | None = None) -> None:
    """Save the window (and a dialog over it, with a dimmed backdrop) as trust-NAME.png."""
    QTest.qWait(80)
    shot = window.grab()
    if dialog is not None:
        dialog.adjustSize()
        dialog.show()
        QApplication.processEvents()
        over = dialog.grab()
        painter = QPainter(shot)
        painter.fillRect(shot.rect(), QColor(0, 0, 0, 70))
        x = max(0, (shot.width() - over.width()) // 2)
        y = max(0, (shot.height() - over.height()) // 3)
        painter.fillRect(x - 1, y - 1, over.width() + 2, over.height() + 2, QColor("#444"))
        painter.drawPixmap(QPoint(x, y), over)
        painter.end()
        dialog.hide()
    path = OUT / f"trust-{name}.png"
    shot.save(str(path))
    print(path.relative_to(OUT.parent.parent))


def main() -> int:
    """A demo point's store; the desk and the screens this issue changed."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_fonts()
    tmp = tempfile.mkdtemp()
    db = f"{tmp}/fieldapp.sqlite3"
    engine = open_store(f"sqlite:///{db}")

    def session(user: dm.User | None) -> DeskSession:
        return DeskSession(
            uow=lambda: SqlUnitOfWork(engine),
            runner=InlineTaskRunner(),
            lang="vi",
            point=None,
            user=user,
            data_location=db,
        )

    # First run: set-up with gaps, then sample data loaded.
    backdrop = QWidget()
    backdrop.resize(*SIZE)
    backdrop.setStyleSheet("background: #e8eaed")
    first = session(None)
    form = SetupDialog(first, demo_loader=sample_data_loader(engine, first, citizens=3000))
    form.commune.setText("Xã Kiên Bình")
    form.province.setText("Thanh Hóa")
    form.pin.setText("1234")
    form._save()
    grab(backdrop, "setup-missing", form)
    form.demo_button.click()
    grab(backdrop, "setup-sample-data", form)

    point = setup.this_point(SqlUnitOfWork(engine))
    lan = setup.find_user(SqlUnitOfWork(engine), "Nguyễn Thị Lan")
    police = setup.find_user(SqlUnitOfWork(engine), "Lê Văn Hùng")
    desk_session = session(lan)
    desk_session.point = point
    desk_session.demo = True
    desk_session.remove_demo = lambda: remove_demo_store(engine)
    window = MainWindow(desk_session)
    window.dialogs = _Quiet(window)
    window.desk.ask = window.dialogs
    window.resize(*SIZE)
    window.show()
    grab(window, "demo-desk")

    data = generate_commune(3000)  # the same commune the sample data came from
    here = [
        c for c in data.citizens if c.village_id == point.village_id and not c.full_name.isascii()
    ]
    window.scan_text(qr_text(here[0]))
    window._desk_key("2")
    window._desk_key("d")
    window.undo()
    grab(window, "undo-said")

    # A scan while the failure-reason dialog was open: cancelled, the next card shown.
    window.scan_text(qr_text(here[1]))
    window.desk.scan_notice = ""
    window.scan_from_anywhere(qr_text(here[2]))  # what the catcher does on a burst
    window.desk.scan_notice = ""
    from fieldapp.i18n import tr

    window.show_status(
        tr("desk.scan.dialog_cancelled", "vi")
        + " "
        + tr("scan.saved", "vi", name=here[2].full_name)
    )
    grab(window, "scan-cancelled-dialog")

    # Correcting a name from the card.
    official = window.card.name_source == "official_list"
    fix = CorrectDetailsDialog(
        desk_session, window.card.citizen, window.villages, window, official=official
    )
    grab(window, "correct-details", fix)

    # A garbled scan of a new citizen: the form insists on a correction.
    pid = f"038{sex_digit(Sex.FEMALE, 1951)}51{515151:06d}"
    stranger = dm.Citizen(
        personal_id=pid,
        full_name="Nguyễn Thị Hường",
        birth_date=__import__("datetime").date(1951, 2, 3),
        sex=Sex.FEMALE,
        address=f"{window.villages[0].name}, Xã Kiên Bình",
    )
    from fieldapp.domain.chip_qr import parse_chip_qr

    payload = parse_chip_qr(qr_text(stranger, name="Nguy?n Th? H??ng"))
    new = NewCitizenDialog(desk_session, window.villages, payload=payload, personal_id=pid)
    grab(window, "new-citizen-garbled", new)

    # Users, as the police see them.
    police_session = session(police)
    police_session.point = point
    grab(window, "users", UsersDialog(police_session, [], window))
    grab(window, "help", help_page("vi", bank_mode=False, parent=window))
    grab(window, "about", about_page("vi", db, parent=window))
    keys = SyncKeysDialog(desk_session, parent=window)
    grab(window, "sync-keys", keys)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.exit(main())

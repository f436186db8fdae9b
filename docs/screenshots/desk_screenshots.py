"""Render the desk's screens at 1366x768 into docs/screenshots/desk-*.png (offscreen).

Run from the worktree root: `QT_QPA_PLATFORM=offscreen python docs/screenshots/desk_screenshots.py`.
Synthetic people only. Dialogs are drawn over the window where they would appear.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's fieldapp

from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor, QPainter
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.domain import model as dm
from fieldapp.domain.chip_qr import ChipQrPayload, format_chip_qr
from fieldapp.domain.personal_id import PersonalId, Sex, sex_digit
from fieldapp.domain.text import fold
from fieldapp.services import setup
from fieldapp.services.pins import hash_pin
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.app import load_fonts
from fieldapp.ui.desk_forms import DeskDialogs, NewCitizenDialog, SignInDialog, UsersDialog
from fieldapp.ui.desk_pickers import BankDialog, ReasonDialog, ReferralDialog
from fieldapp.ui.desk_search import NameSearchDialog
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner

OUT = Path(__file__).resolve().parent
SIZE = (1366, 768)


class _Quiet(DeskDialogs):
    """Scripted answers so building the scenes never blocks."""

    bank: tuple[str, bool] | None = ("LPBank", True)
    reason: tuple[dm.FailureReason, str] | None = (dm.FailureReason.NO_OTP, "")

    def pick_bank(self, lang: str, banks: object) -> tuple[str, bool] | None:
        """The scripted bank."""
        return self.bank

    def pick_reason(self, lang: str, step: dm.Step) -> tuple[dm.FailureReason, str] | None:
        """The scripted reason."""
        return self.reason

    def pick_referral(self, lang: str) -> dm.ReferralTarget | None:
        """Always the commune police."""
        return dm.ReferralTarget.COMMUNE_POLICE

    form: QDialog | None = None

    def new_citizen(
        self,
        session: DeskSession,
        villages: list[dm.Village],
        *,
        payload: object,
        personal_id: str,
        place: dm.VisitPlace,
    ) -> None:
        """Build the real form (to draw it) but create nobody."""
        self.form = NewCitizenDialog(
            session,
            villages,
            payload=payload,
            personal_id=personal_id,
            place=place,  # type: ignore[arg-type]
        )
        return None


def grab(window: QWidget, name: str, dialog: QDialog | None = None) -> None:
    """Save the window (and a dialog centred over it, with a dimmed backdrop)."""
    QTest.qWait(80)  # let deferred layout settle
    shot = window.grab()
    if dialog is not None:
        dialog.adjustSize()
        dialog.show()
        QApplication.processEvents()
        over = dialog.grab()
        painter = QPainter(shot)
        painter.fillRect(shot.rect(), QColor(0, 0, 0, 70))
        x = (shot.width() - over.width()) // 2
        y = (shot.height() - over.height()) // 3
        painter.fillRect(x - 1, y - 1, over.width() + 2, over.height() + 2, QColor("#444"))
        painter.drawPixmap(QPoint(x, y), over)
        painter.end()
        dialog.hide()
    path = OUT / f"desk-{name}.png"
    shot.save(str(path))
    print(path.relative_to(OUT.parent.parent))


def scan(window: MainWindow, text: str) -> None:
    """Type like a scanner would, through the scan field."""
    window.scan_field.setText(text)
    window.scan_field.returnPressed.emit()


def qr_text(citizen: dm.Citizen, name: str | None = None) -> str:
    """The card QR of a synthetic citizen."""
    assert citizen.birth_date is not None and citizen.sex is not None
    return format_chip_qr(
        ChipQrPayload(
            PersonalId(citizen.personal_id),
            None,
            name or citizen.full_name,
            citizen.birth_date,
            citizen.sex,
            citizen.address,
            citizen.birth_date.replace(year=2021),
        )
    )


def main() -> int:
    """Build a synthetic point, drive the desk, save each screen."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_fonts()
    tmp = tempfile.mkdtemp()
    engine = open_store(f"sqlite:///{tmp}/shots.sqlite3")
    data = generate_commune(3000, seed=4)
    load_commune(engine, data)
    point = data.points[0]
    volunteer = data.users[0]
    officer = dm.User(dm.new_id(), "Vũ Thị Thu Trang", dm.Role.BANK_OFFICER, point.id)
    police = dm.User(dm.new_id(), "Đặng Quốc Hưng", dm.Role.COMMUNE_POLICE, None)
    with SqlUnitOfWork(engine) as uow:
        uow.repo.add_user(officer, pin_hash=hash_pin("2468"))
        uow.repo.add_user(police, pin_hash=hash_pin("1357"))
        uow.commit()

    def session(user: dm.User | None) -> DeskSession:
        return DeskSession(
            uow=lambda: SqlUnitOfWork(engine),
            runner=InlineTaskRunner(),
            lang="vi",
            point=point,
            user=user,
        )

    window = MainWindow(session(volunteer))
    window.dialogs = window.desk.ask = _Quiet(window)  # the controller asks through it
    window.resize(*SIZE)
    window.show()

    # Sign-in over an empty desk.
    users = setup.users_of_point(SqlUnitOfWork(engine), point.id)
    signin = SignInDialog(session(None), users, window)
    signin.user_box.setCurrentIndex(0)
    signin.pin.setText("1234")
    grab(window, "signin", signin)

    # Users: adding the bank officer visiting today.
    users_dialog = UsersDialog(session(volunteer), users, window)
    users_dialog.name.setText("Hoàng Minh Châu")
    users_dialog.pin.setText("2468")
    grab(window, "users", users_dialog)

    # A morning at the point: several scans with outcomes, for the card and today.
    here = [c for c in data.citizens if c.village_id == point.village_id]
    visited = {v.personal_id for v in data.visits}
    done_links = {
        o.personal_id
        for o in data.outcomes
        if o.step is dm.Step.BENEFIT_LINK and o.result is dm.Result.DONE
    }
    rich = next(
        c
        for c in here[10:]
        if c.beneficiary_group is not None
        and c.personal_id in visited
        and c.personal_id not in done_links
        and not c.full_name.isascii()
    )
    for citizen, keys in zip(here[:6], ("2d", "2f", "5s", "1r", "4d", "2d"), strict=False):
        scan(window, qr_text(citizen))
        window._desk_key(keys[0])
        window._desk_key(keys[1])
    scan(window, qr_text(rich, name=rich.full_name.encode("ascii", "ignore").decode()))
    grab(window, "card")
    window._desk_key("2")
    grab(window, "outcome-keys")

    grab(window, "outcome-reason", ReasonDialog("vi", dm.Step.EID_ACTIVATION, window))
    grab(window, "outcome-reason-link", ReasonDialog("vi", dm.Step.BENEFIT_LINK, window))
    finder = NameSearchDialog(session(volunteer), "vi", window)
    finder.query.setText(fold(rich.full_name).rsplit(" ", 1)[0])
    finder._timer.stop()
    finder._search()  # what the pause after typing starts
    grab(window, "name-search", finder)
    grab(window, "outcome-referral", ReferralDialog("vi", window))
    bank = BankDialog("vi", ["MB", "LPBank", "Agribank", "Vietcombank", "BIDV"], window)
    bank.bank_list.setCurrentRow(1)
    bank.biometric.setChecked(True)
    grab(window, "outcome-bank", bank)

    # Unknown citizen, from a garbled scan.
    pid = f"038{sex_digit(Sex.FEMALE, 1949)}49{424242:06d}"
    garbled = f"{pid}||Ph?m Th? Anh Tuy?t|05031949|N?|{here[0].address}|12042021"
    window._escape()
    scan(window, garbled)
    window.show_status(
        "Chưa có công dân với số định danh này trong danh sách. Thêm mới?", hint=True
    )
    grab(window, "new-citizen", window.dialogs.form)
    window.show_status("")
    typed = NewCitizenDialog(session(volunteer), window.villages, personal_id="")
    typed.full_name.setText("Lê Văn Thử")
    typed.birth_date.setText("31/02/1950")
    typed.save()
    grab(window, "new-citizen-typed", typed)

    # Bad input: two scans glued together.
    scan(window, qr_text(here[0]) + qr_text(here[1]))
    grab(window, "bad-input")

    # Home visits of the point's village.
    window.show_page(1)
    grab(window, "home-visits")

    # Today at this point.
    window.show_page(2)
    grab(window, "today")

    # English.
    window.session.lang = "en"
    window._build()
    window.refresh_today()
    scan(window, qr_text(rich))
    grab(window, "english")

    # Bank officer mode.
    bank_window = MainWindow(session(officer))
    bank_window.dialogs = _Quiet(bank_window)
    bank_window.resize(*SIZE)
    bank_window.show()
    scan(bank_window, qr_text(here[9]))
    bank_window._desk_key("1")
    grab(bank_window, "bank-officer")
    bank_window.close()
    window.close()
    engine.dispose()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Render issue 19's payment screens at 1366x768 into docs/screenshots/ (offscreen).

Run from the worktree root:
`QT_QPA_PLATFORM=offscreen python docs/screenshots/payments_screenshots.py`.
Synthetic people only. Dialogs are drawn over the window where they would appear
(`desk_screenshots.grab`), and the authorisation slip is rendered with pdftoppm.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))  # this checkout's fieldapp
sys.path.insert(0, str(Path(__file__).resolve().parent))

from desk_screenshots import SIZE, grab, qr_text, scan
from PySide6.QtWidgets import QApplication

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.documents.pdf import render_pdf
from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentHolder
from fieldapp.services import documents, lookup, payment_list, payments
from fieldapp.services.pins import hash_pin
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.app import load_fonts
from fieldapp.ui.desk_payments import AccountDialog, ReceiverDialog
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.payment_list_dialog import PaymentListDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner

OUT = Path(__file__).resolve().parent


def main() -> int:
    """Build a synthetic point, record a proxy and accounts, save each new screen."""
    app = QApplication.instance() or QApplication(sys.argv[:1])
    load_fonts()
    tmp = tempfile.mkdtemp()
    engine = open_store(f"sqlite:///{tmp}/shots.sqlite3")
    data = generate_commune(600, seed=4)
    load_commune(engine, data)
    point = data.points[0]
    volunteer = data.users[0]
    officer = dm.User(dm.new_id(), "Vũ Thị Thu Trang", dm.Role.BANK_OFFICER, point.id)
    police = dm.User(dm.new_id(), "Đặng Quốc Hưng", dm.Role.COMMUNE_POLICE, None)
    with SqlUnitOfWork(engine) as uow:
        uow.repo.add_user(officer, pin_hash=hash_pin("2468"))
        uow.repo.add_user(police, pin_hash=hash_pin("1357"))
        uow.commit()

    def session(user: dm.User) -> DeskSession:
        return DeskSession(
            uow=lambda: SqlUnitOfWork(engine), runner=InlineTaskRunner(), lang="vi",
            point=point if user.role is not dm.Role.COMMUNE_POLICE else None, user=user,
        )  # fmt: skip

    here = [c for c in data.citizens if c.village_id == point.village_id]
    old = next(
        c for c in here
        if c.beneficiary_group is not None and c.birth_date and c.birth_date.year < 1950
    )  # fmt: skip
    proxy = next(c for c in here if c.birth_date and 1975 < c.birth_date.year < 1995)
    window = MainWindow(session(volunteer))
    window.resize(*SIZE)
    window.show()
    scan(window, qr_text(old))

    # Ctrl+R: the proxy's card scanned into the form.
    card = lookup.look_up(SqlUnitOfWork(engine), old.personal_id)
    receiver = ReceiverDialog(session(volunteer), card)
    receiver.holder_choice.setCurrentIndex(list(PaymentHolder).index(PaymentHolder.PROXY))
    receiver.scan.setText(qr_text(proxy))
    receiver.scanned()
    receiver.relation.setCurrentText("con trai")
    grab(window, "payments-receiver", receiver)
    receiver.save()
    window.desk.show_card(receiver.done_.card)
    window.show_status("Đã ghi người nhận trợ cấp của " + old.full_name)
    grab(window, "payments-card-proxy")

    # The family's authorisation checklist (A5), as printed, before the account is known.
    pdf = render_pdf(documents.build_authorisation_slip(SqlUnitOfWork(engine), old.personal_id))
    slip = Path(tmp) / "slip.pdf"
    slip.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "110", "-singlefile", str(slip),
         str(OUT / "payments-authorisation-slip")],
        check=True,
    )  # fmt: skip
    print("docs/screenshots/payments-authorisation-slip.png")

    # Ctrl+K: the proxy's account.
    card = lookup.look_up(SqlUnitOfWork(engine), old.personal_id)
    account = AccountDialog(session(volunteer), card, ["MB", "LPBank", "Agribank"])
    account.holder_choice.setCurrentIndex(list(PaymentHolder).index(PaymentHolder.PROXY))
    account.bank.setCurrentText("Agribank")
    account.number.setText("330020512")
    account.save()  # refused: Agribank numbers have 13 digits
    grab(window, "payments-account-refused", account)
    account.number.setText("3300205123456")
    grab(window, "payments-account", account)
    account.save()
    window.desk.show_card(account.done_.card)
    window.show_status("Đã ghi tài khoản nhận trợ cấp của " + old.full_name)
    grab(window, "payments-card-account")

    # The bank officer's desk: the account form only.
    bank_window = MainWindow(session(officer))
    bank_window.resize(*SIZE)
    bank_window.show()
    scan(bank_window, qr_text(here[9]))
    card = lookup.look_up(SqlUnitOfWork(engine), here[9].personal_id)
    own = AccountDialog(session(officer), card, ["MB", "LPBank"])
    own.bank.setCurrentText("MB")
    own.number.setText("0123456789")
    grab(bank_window, "payments-bank-officer-account", own)
    own.save()

    # The police's monthly payment list.
    for citizen in here[20:26]:
        payments.record_account(
            SqlUnitOfWork(engine), citizen.personal_id, holder=PaymentHolder.SELF,
            bank="LPBank", account_number=f"0009{citizen.personal_id[-8:]}",
            user_id=volunteer.id, point_id=point.id,
        )  # fmt: skip
    police_window = MainWindow(session(police))
    police_window.resize(*SIZE)
    police_window.show()
    target = Path(tmp) / "ds.xlsx"
    payment_list.export_payment_list(SqlUnitOfWork(engine), target, actor=police)
    payments.record_account(
        SqlUnitOfWork(engine), here[21].personal_id, holder=PaymentHolder.SELF, bank="MB",
        account_number="0987654321", user_id=volunteer.id, point_id=point.id,
    )  # fmt: skip
    dialog = PaymentListDialog(session(police))
    grab(police_window, "payments-police-list", dialog)

    for w in (window, bank_window, police_window):
        w.close()
    engine.dispose()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())

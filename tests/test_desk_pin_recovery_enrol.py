"""Change my own PIN (the store's key slot follows); print the recovery code; enrol a point
with its villages ticked."""

from __future__ import annotations

import pytest
from desk_helpers import ScriptedDialogs, add_user, desk_session
from PySide6.QtPrintSupport import QPrinter
from stores import new_store

from fieldapp.domain import model as dm
from fieldapp.domain.errors import FieldAppError
from fieldapp.services import setup, store_keys, users
from fieldapp.store import sync_peers, sync_queries
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.sync.keys import Keyring
from fieldapp.ui.backup_restore import RecoveryCodeDialog
from fieldapp.ui.enrol_dialog import EnrolPointDialog
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.pin_change import ChangePinDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_keys import SyncKeysDialog
from fieldapp.ui.tasks import InlineTaskRunner
from tests.documents_helpers import page_sizes_mm, pdf_text

OLD, NEW = "482916", "735104"


@pytest.fixture
def lan(uow, small_commune):
    user = add_user(uow, "Trần Thị Lan", dm.Role.VOLUNTEER, small_commune.points[0].id, OLD)
    store_keys.users_pins_set(uow(), [(user, OLD)])  # her key slot, as set-up makes it
    store_keys.connect_to_accounts()
    return user


def test_change_my_pin_checks_the_old_one_and_rewraps_the_slot(qtbot, uow, small_commune, lan):
    session = desk_session(uow, small_commune.points[0], lan)
    dialog = ChangePinDialog(session)
    qtbot.addWidget(dialog)
    dialog.old_pin.setText("000000")
    dialog.new_pin.setText(NEW)
    dialog.again.setText(NEW)
    dialog.save()
    assert not dialog.changed and "PIN" in dialog.message.text()
    dialog.old_pin.setText(OLD)
    dialog.new_pin.setText(NEW)
    dialog.again.setText("735105")
    dialog.save()
    assert not dialog.changed and "không giống nhau" in dialog.message.text()
    dialog.old_pin.setText(OLD)
    dialog.new_pin.setText(NEW)
    dialog.again.setText(NEW)
    dialog.save()
    assert dialog.changed
    users.sign_in(uow(), lan.id, NEW)
    with pytest.raises(FieldAppError):
        users.sign_in(uow(), lan.id, OLD)
    store_keys.check_unlock_pin(uow(), lan, NEW)  # the new PIN opens the store
    with pytest.raises(FieldAppError):
        store_keys.check_unlock_pin(uow(), lan, OLD)


def test_a_new_pin_must_follow_the_policy(qtbot, uow, small_commune, lan):
    dialog = ChangePinDialog(desk_session(uow, small_commune.points[0], lan))
    qtbot.addWidget(dialog)
    dialog.old_pin.setText(OLD)
    dialog.new_pin.setText("12")
    dialog.again.setText("12")
    dialog.save()
    assert not dialog.changed and "6" in dialog.message.text()
    users.sign_in(uow(), lan.id, OLD)  # unchanged


def test_the_settings_menu_offers_change_my_pin(qtbot, uow, small_commune, lan, monkeypatch):
    shown: list[ChangePinDialog] = []
    monkeypatch.setattr(ChangePinDialog, "exec", lambda d: shown.append(d) or 0)
    window = MainWindow(desk_session(uow, small_commune.points[0], lan),
                        dialogs=ScriptedDialogs())  # fmt: skip
    qtbot.addWidget(window)
    assert window.change_pin_action in window.menu_settings.actions()
    window.change_pin_action.trigger()
    assert shown and "Trần Thị Lan" in [w.text() for w in shown[0].findChildren(type(
        shown[0].message))]  # fmt: skip


def test_the_recovery_code_prints_on_an_a6_sheet(qtbot, tmp_path):
    code = "K7QF-2M9X-T4PA-8HWD-3JNE-6RVC"
    dialog = RecoveryCodeDialog("vi", code, point_name="Nhà văn hóa Thôn Đông Hòa")
    qtbot.addWidget(dialog)
    out = tmp_path / "recovery.pdf"

    def pdf_printer() -> QPrinter:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(out))
        printer.setResolution(200)
        return printer

    dialog.make_printer = pdf_printer
    assert dialog.print_button.isVisible() or dialog.print_button.text()
    dialog.print_button.click()
    data = out.read_bytes()
    [(width, height)] = page_sizes_mm(data)
    assert (round(width), round(height)) == (105, 148)
    assert dialog.print_button.text() == "In mã khôi phục…"
    assert "Đã gửi 1 trang" in dialog.printed.text()


def test_the_recovery_sheet_says_the_code_in_words():
    from datetime import date

    from fieldapp.documents.pdf import render_pdf
    from fieldapp.documents.recovery_sheet import recovery_sheet

    pdf = render_pdf(recovery_sheet("K7QF-2M9X", "Điểm Đông Hòa", date(2026, 11, 26)))
    text = pdf_text(pdf)
    assert "K7QF-2M9X" in text and "Điểm Đông Hòa" in text and "công an xã" in text


def _site(tmp_path, name, role, villages):
    engine = new_store(tmp_path / name / "fieldapp.sqlite3")
    done = setup.set_up_point(
        SqlUnitOfWork(engine), commune_name="Xã Kiên Bình", province="Thanh Hóa",
        village_names=villages, point_name=f"Điểm {name}", point_village=villages[0],
        users=[setup.NewUser("Quản Trị", dm.Role.ADMIN, "quan-tri-2468"),
               setup.NewUser("Người Dùng", role, "24681012")],
    )  # fmt: skip
    session = DeskSession(uow=lambda: SqlUnitOfWork(engine), runner=InlineTaskRunner(),
                          point=done.point, user=done.users[1])  # fmt: skip
    return session, Keyring(tmp_path / name / "keys"), engine


def test_the_police_enrol_a_point_with_its_villages_ticked(qtbot, tmp_path):
    villages = ["Thôn Tây Sơn", "Thôn Đông Hòa", "Thôn Bắc Sơn"]
    police, police_keys, police_engine = _site(tmp_path, "police", dm.Role.COMMUNE_POLICE,
                                               villages)  # fmt: skip
    point, point_keys, _ = _site(tmp_path, "point", dm.Role.VOLUNTEER, villages)
    stick = tmp_path / "stick"
    stick.mkdir()
    at_police = SyncKeysDialog(police, police_keys)
    qtbot.addWidget(at_police)
    at_police.create_commune_keys()
    at_police.export_card(stick)
    (card,) = stick.glob("*.fieldkey")
    at_point = SyncKeysDialog(point, point_keys)
    qtbot.addWidget(at_point)
    at_point.import_commune_card(card, police_keys.load().public.fingerprint)
    point_stick = tmp_path / "point-stick"
    point_stick.mkdir()
    at_point.export_card(point_stick)
    (point_card,) = point_stick.glob("*.fieldkey")
    fingerprint = point_keys.load().public.fingerprint

    offered: list[list[str]] = []

    def answer(dialog: EnrolPointDialog) -> int:
        offered.append([dialog.villages.item(i).text() for i in range(dialog.villages.count())])
        dialog.fingerprint.setText(fingerprint)
        dialog.tick(["Thôn Đông Hòa", "Thôn Bắc Sơn"])
        return 1

    at_police._pick_card = lambda: point_card
    at_police.ask_enrol = answer
    at_police._enrol_point_from_dialog()
    assert sorted(offered[0]) == sorted(villages)
    assert "Đã đăng ký" in at_police.result.text()
    with SqlUnitOfWork(police_engine) as unit:
        by_id = {v.id: v.name for v in unit.repo.villages()}
        key = next(p.fingerprint for p in sync_peers.peers(unit.repo.session)
                   if p.role == "point")  # fmt: skip
        chosen = {by_id[v] for v in sync_queries.peer_villages(unit.repo.session, key)}
    assert chosen == {"Thôn Đông Hòa", "Thôn Bắc Sơn"}


def test_the_enrol_dialog_wants_a_fingerprint(qtbot):
    dialog = EnrolPointDialog("vi", ["Thôn A"])
    qtbot.addWidget(dialog)
    dialog._accept_if_typed()
    assert dialog.result() == 0 and "mã khóa" in dialog.message.text()

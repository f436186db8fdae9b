"""The family's authorisation checklist slip (issue 19; seed 003 "thủ tục ủy quyền")."""

from __future__ import annotations

import pytest
from desk_helpers import add_user

from fieldapp.documents.pdf import render_pdf
from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.payments import PaymentHolder
from fieldapp.services import documents, payments
from tests.documents_helpers import page_sizes_mm, pdf_text


@pytest.fixture
def recorded(uow, small_commune):
    point = small_commune.points[0]
    volunteer = add_user(uow, "Tình Nguyện", dm.Role.VOLUNTEER, point.id)

    def record(citizen, holder, **kw):
        return payments.record_receiver(
            uow(), citizen.personal_id, holder=holder, user_id=volunteer.id,
            point_id=point.id, **kw,
        )  # fmt: skip

    return record


def test_a_proxys_slip_lists_what_to_bring_with_boxes_to_tick(uow, small_commune, recorded):
    citizen = small_commune.citizens[11]
    recorded(citizen, PaymentHolder.PROXY, receiver_name="Lê Văn Nhận", relation="con trai")
    pdf = render_pdf(documents.build_authorisation_slip(uow(), citizen.personal_id))
    text = " ".join(pdf_text(pdf).split())
    assert page_sizes_mm(pdf) == [(148, 210)]  # one A5 sheet
    assert "PHIẾU HƯỚNG DẪN ỦY QUYỀN NHẬN TRỢ CẤP" in text
    assert citizen.full_name in text and citizen.personal_id not in text  # the ID masked
    assert "Người được ủy quyền: Lê Văn Nhận (con trai)" in text
    for item in ("Giấy ủy quyền nhận trợ cấp", "căn cước gắn chip của người nhận thay",
                 "Thẻ ngân hàng hoặc số tài khoản của người nhận thay"):  # fmt: skip
        assert f"☐ {item}" in text or item in text, item
    assert text.count("☐") == 4
    assert "không cần tự mở tài khoản" in text


def test_a_guardians_slip_asks_for_the_guardianship_papers(uow, small_commune, recorded):
    citizen = small_commune.citizens[12]
    recorded(citizen, PaymentHolder.GUARDIAN, receiver_name="Lê Thị Giám", relation="mẹ")
    pdf = render_pdf(documents.build_authorisation_slip(uow(), citizen.personal_id))
    text = " ".join(pdf_text(pdf).split())  # a long title wraps
    assert "NGƯỜI GIÁM HỘ" in text and "giấy chứng nhận đăng ký giám hộ" in text
    assert "Giấy ủy quyền" not in text


def test_no_slip_for_a_beneficiary_paid_directly(uow, small_commune, recorded):
    citizen = small_commune.citizens[13]
    recorded(citizen, PaymentHolder.SELF)
    with pytest.raises(ValidationError) as caught:
        documents.build_authorisation_slip(uow(), citizen.personal_id)
    assert caught.value.message_id == "payments.slip.not_through_receiver"


def test_printed_from_the_menu_for_the_citizen_on_the_card(
    qtbot, uow, small_commune, recorded, monkeypatch, tmp_path
):
    from PySide6.QtWidgets import QDialog

    from fieldapp.ui import printing
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.session import DeskSession
    from fieldapp.ui.tasks import InlineTaskRunner

    citizen = small_commune.citizens[14]
    recorded(citizen, PaymentHolder.PROXY, receiver_name="Lê Văn Nhận", relation="con")
    session = DeskSession(
        uow=uow, runner=InlineTaskRunner(), point=small_commune.points[0],
        user=small_commune.users[0],
    )  # fmt: skip
    window = MainWindow(session)
    qtbot.addWidget(window)
    window.scan_text(citizen.personal_id)
    asked = []

    def exec_(dialog):
        asked.append(dialog.id_field.text())  # prefilled with the card's citizen
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(printing.SlipRequestDialog, "exec", exec_)
    out = tmp_path / "uy-quyen.pdf"
    menu = window.printing
    monkeypatch.setattr(menu, "ask_print_or_save", lambda rendered: "save")
    monkeypatch.setattr(menu, "ask_save_path", lambda title: str(out))
    menu.print_authorisation()
    assert asked == [citizen.personal_id]
    assert "Lê Văn Nhận (con)" in pdf_text(out.read_bytes())


def test_once_the_receivers_account_is_recorded_the_slip_says_nothing_is_left(
    uow, small_commune, recorded
):
    citizen = small_commune.citizens[15]
    done = recorded(citizen, PaymentHolder.PROXY, receiver_name="Lê Văn Nhận", relation="con")
    payments.record_account(
        uow(), citizen.personal_id, holder=PaymentHolder.PROXY, bank="MB",
        account_number="0123456789", user_id=done.event.user_id, point_id=None,
    )  # fmt: skip
    pdf = render_pdf(documents.build_authorisation_slip(uow(), citizen.personal_id))
    text = " ".join(pdf_text(pdf).split())
    assert "không cần làm thêm" in text
    assert "☐" not in text and "0123456789" not in text

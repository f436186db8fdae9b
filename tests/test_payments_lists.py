"""Importing who receives the payment from the social-security list (issue 19)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from actors import police_of
from lists_builders import commune, write_xlsx

from fieldapp.demo.loader import load_commune
from fieldapp.domain.payments import PaymentHolder
from fieldapp.domain.status import Need
from fieldapp.ingest.columns import ListColumn, match_header
from fieldapp.services import lists, lookup, payments

HEADER = [
    "STT", "Họ và tên", "Số CCCD", "Nhóm đối tượng", "Hình thức chi trả",
    "Người được ủy quyền", "Số CCCD người được ủy quyền", "Quan hệ với đối tượng",
]  # fmt: skip


def test_headers_naming_the_receivers_id_are_not_the_beneficiarys():
    assert match_header("Số CCCD người được ủy quyền")[0] is ListColumn.RECEIVER_ID
    assert match_header("Số CCCD của người giám hộ")[0] is ListColumn.RECEIVER_ID
    assert match_header("Số CCCD")[0] is ListColumn.PERSONAL_ID
    assert match_header("Người được ủy quyền")[0] is ListColumn.PROXY_NAME
    assert match_header("Mối quan hệ")[0] is ListColumn.RECEIVER_RELATION


def test_a_proxy_with_id_and_relation_from_the_list_shows_on_the_card(tmp_path, engine, uow):
    data = commune(6, seed=19)
    load_commune(engine, replace(data, citizens=[]), this_point=None)
    old, other = data.citizens[0], data.citizens[1]
    rows = [
        [1, old.full_name, int(old.personal_id), "Bảo trợ xã hội", "Chưa có tài khoản",
         "Lê Văn Nhận", 38095012346, "con trai"],  # Excel lost the receiver's leading zero
        [2, other.full_name, int(other.personal_id), "Hưu trí xã hội", "Chưa có tài khoản",
         "", "", ""],
    ]  # fmt: skip
    path = write_xlsx(tmp_path / "bhxh.xlsx", HEADER, rows)
    preview = lists.preview_list(uow(), path, "beneficiary", today=date(2026, 6, 1))
    assert preview.error_list == []
    lists.import_list(uow(), preview, valid_only=False, actor=police_of(uow))
    card = lookup.look_up(uow(), old.personal_id)
    assert card.status.paid_via is PaymentHolder.PROXY
    assert card.status.missing == (Need.RECEIVER_ACCOUNT,)
    summary = payments.payment_summary(card)
    assert (summary.receiver_name, summary.relation) == ("Lê Văn Nhận", "con trai")
    assert summary.receiver_id_masked == "••••••••2346"
    assert lookup.look_up(uow(), other.personal_id).status.paid_via is None

"""The monthly payment list: only what changed since the last list, read back from the file."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta

import pytest
from actors import police_of
from desk_helpers import add_user
from openpyxl import load_workbook

from fieldapp.documents.payment_list import COLUMNS, HEADER_ROW
from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.payments import PaymentHolder
from fieldapp.domain.permissions import ForbiddenError
from fieldapp.domain.text import fold
from fieldapp.i18n import tr
from fieldapp.services import lookup, payment_list, payments

T0 = datetime(2026, 6, 1, 3, 0, tzinfo=UTC)


@pytest.fixture
def desk(uow, small_commune):
    point = small_commune.points[0]
    volunteer = add_user(uow, "Tình Nguyện", dm.Role.VOLUNTEER, point.id)
    return point, volunteer, police_of(uow)


def _account(uow, desk, citizen, number, *, holder=PaymentHolder.SELF, minutes=0, bank="MB"):
    point, volunteer, _ = desk
    payments.record_account(
        uow(), citizen.personal_id, holder=holder, bank=bank, account_number=number,
        user_id=volunteer.id, point_id=point.id, now=T0 + timedelta(minutes=minutes),
    )  # fmt: skip


def _read(path):
    """Every group sheet's rows as dicts keyed by the column ids, and the summary rows."""
    book = load_workbook(path)
    summary = book[tr("paylist.summary_sheet")]
    found = {}
    for sheet in book.worksheets[1:]:
        headers = [c.value for c in sheet[HEADER_ROW]]
        assert headers == [tr(f"paylist.col.{name}") for name, _ in COLUMNS]
        found[sheet.title] = [
            dict(zip([n for n, _ in COLUMNS], (c.value for c in row), strict=True))
            for row in sheet.iter_rows(min_row=HEADER_ROW + 1)
        ]
    totals = [
        [c.value for c in row] for row in summary.iter_rows(min_row=HEADER_ROW + 1) if row[1].value
    ]
    return found, totals, summary


def test_the_first_list_holds_everyone_with_an_account_and_the_layout_reads_back(
    uow, desk, small_commune, tmp_path
):
    point, volunteer, police = desk
    a, b = small_commune.citizens[2], small_commune.citizens[3]
    _account(uow, desk, a, "0123456789")
    payments.record_receiver(
        uow(), b.personal_id, holder=PaymentHolder.GUARDIAN, receiver_name="Lê Thị Giám",
        relation="mẹ", receiver_id="038095012346", user_id=volunteer.id, point_id=point.id,
        now=T0,
    )  # fmt: skip
    _account(uow, desk, b, "3300205123456", holder=PaymentHolder.GUARDIAN, bank="Agribank")
    done = payment_list.export_payment_list(
        uow(), tmp_path / "ds.xlsx", actor=police, now=T0 + timedelta(hours=1)
    )
    assert done.rows == 2 and not done.unmasked
    sheets, totals, summary = _read(done.path)
    rows = {r["personal_id"]: r for rs in sheets.values() for r in rs}
    assert set(rows) == {a.personal_id, b.personal_id}
    assert rows[a.personal_id]["account"] == "••••••6789"
    assert rows[a.personal_id]["holder"] == "Chính đối tượng"
    guardian = rows[b.personal_id]
    assert guardian["holder"] == "Người giám hộ" and guardian["receiver_name"] == "Lê Thị Giám"
    assert guardian["relation"] == "mẹ" and guardian["receiver_id"] == "038095012346"
    assert guardian["bank"] == "Agribank" and guardian["account"] == "•••••••••3456"
    assert guardian["change"] == "Bổ sung" and guardian["recorded_on"] == "01/6/2026"
    assert sum(t[4] for t in totals) == 2
    assert "4 số cuối" in summary.cell(3, 1).value
    assert summary.cell(2, 1).value.startswith("Lần xuất đầu tiên")


def test_the_next_list_holds_only_what_changed_since_the_last(uow, desk, small_commune, tmp_path):
    *_, police = desk
    a, b, c = small_commune.citizens[2:5]
    _account(uow, desk, a, "0123456789")
    _account(uow, desk, b, "1111222233")
    payment_list.export_payment_list(uow(), tmp_path / "june.xlsx", actor=police, now=T0)
    with pytest.raises(NotFoundError) as caught:
        payment_list.export_payment_list(uow(), tmp_path / "again.xlsx", actor=police)
    assert caught.value.message_id == "paylist.nothing"
    assert not (tmp_path / "again.xlsx").exists()
    _account(uow, desk, b, "9999888877", minutes=60 * 24 * 20)  # b changed bank account
    _account(uow, desk, c, "5555666677", minutes=60 * 24 * 21)  # c is new
    later = T0 + timedelta(days=30)
    done = payment_list.export_payment_list(uow(), tmp_path / "july.xlsx", actor=police, now=later)
    assert done.rows == 2
    sheets, _, summary = _read(done.path)
    rows = {r["personal_id"]: r for rs in sheets.values() for r in rs}
    assert set(rows) == {b.personal_id, c.personal_id}  # a did not change: not listed again
    assert rows[b.personal_id]["change"] == "Thay đổi" and rows[b.personal_id]["account"].endswith(
        "8877"
    )
    assert rows[c.personal_id]["change"] == "Bổ sung"
    assert summary.cell(2, 1).value.startswith("Từ lần xuất trước (10:00 01/6/2026)")
    history = payment_list.payment_list_history(uow(), actor=police)
    assert [h.rows for h in history] == [2, 2]
    assert history[0].user_name == police.name


def test_account_numbers_are_shown_only_when_the_police_choose(uow, desk, small_commune, tmp_path):
    *_, police = desk
    _account(uow, desk, small_commune.citizens[2], "0123456789")
    done = payment_list.export_payment_list(
        uow(), tmp_path / "full.xlsx", actor=police, unmasked=True
    )
    sheets, _, summary = _read(done.path)
    (row,) = [r for rs in sheets.values() for r in rs]
    assert row["account"] == "0123456789"
    assert "hiện đầy đủ" in summary.cell(3, 1).value
    assert payment_list.payment_list_history(uow(), actor=police)[0].unmasked


def test_rows_are_grouped_by_beneficiary_group_and_sorted_by_village(
    uow, desk, small_commune, tmp_path
):
    *_, police = desk
    chosen = small_commune.citizens[2:12]
    for i, citizen in enumerate(chosen):
        _account(uow, desk, citizen, f"01234567{i:02d}")
    done = payment_list.export_payment_list(uow(), tmp_path / "ds.xlsx", actor=police)
    sheets, totals, _ = _read(done.path)
    assert sum(len(rows) for rows in sheets.values()) == len(chosen) == done.rows
    for title, rows in sheets.items():
        assert [r["number"] for r in rows] == list(range(1, len(rows) + 1))
        villages = [r["village"] for r in rows]
        assert villages == sorted(villages, key=fold)
        for row in rows:  # each beneficiary on their own group's sheet
            group = lookup.look_up(uow(), row["personal_id"]).status.beneficiary_group
            expected = tr(f"group.{group.value}") if group else tr("paylist.no_group")
            assert title == expected[:31]  # Excel's longest sheet name
    assert sum(t[4] for t in totals) == len(chosen)


def test_formula_like_names_stay_text(uow, desk, small_commune, tmp_path):
    point, volunteer, police = desk
    citizen = small_commune.citizens[2]
    payments.record_receiver(
        uow(), citizen.personal_id, holder=PaymentHolder.PROXY,
        receiver_name="=HYPERLINK(\"http://x\",\"y\")", relation="+con", user_id=volunteer.id,
        point_id=point.id,
    )  # fmt: skip
    done = payment_list.export_payment_list(uow(), tmp_path / "ds.xlsx", actor=police)
    book = load_workbook(done.path)
    sheet = book.worksheets[1]
    cell = sheet.cell(HEADER_ROW + 1, 6)
    assert cell.data_type == "s" and cell.value.startswith("=HYPERLINK")
    assert sheet.cell(HEADER_ROW + 1, 7).quotePrefix


def test_only_police_and_admins_export_and_the_log_holds_no_data(
    uow, desk, small_commune, tmp_path, caplog
):
    _point, volunteer, police = desk
    _account(uow, desk, small_commune.citizens[2], "0123456789")
    with pytest.raises(ForbiddenError):
        payment_list.export_payment_list(uow(), tmp_path / "v.xlsx", actor=volunteer)
    assert not (tmp_path / "v.xlsx").exists()
    with caplog.at_level(logging.INFO, logger="fieldapp"):
        payment_list.export_payment_list(uow(), tmp_path / "p.xlsx", actor=police)
    logged = caplog.text
    assert "payment list exported: 1 rows" in logged
    assert "0123456789" not in logged and small_commune.citizens[2].personal_id not in logged
    assert small_commune.citizens[2].full_name not in logged


def test_the_police_dialog_exports_and_shows_the_history(
    qtbot, uow, desk, small_commune, tmp_path, monkeypatch
):
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.payment_list_dialog import PaymentListDialog
    from fieldapp.ui.session import DeskSession
    from fieldapp.ui.tasks import InlineTaskRunner

    *_, police = desk
    _account(uow, desk, small_commune.citizens[2], "0123456789")
    _account(uow, desk, small_commune.citizens[3], "1111222233")
    session = DeskSession(uow=uow, runner=InlineTaskRunner(), point=None, user=police)
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert window.payment_list_action.isVisible()
    dialog = PaymentListDialog(session)
    qtbot.addWidget(dialog)
    assert "Có 2 đối tượng" in dialog.pending.text() and dialog.export_button.isEnabled()
    target = tmp_path / "ds.xlsx"
    monkeypatch.setattr(dialog, "ask_save_path", lambda: str(target))
    dialog.unmasked.setChecked(True)
    dialog.export()
    assert target.exists() and "2 đối tượng" in dialog.result.text()
    assert not dialog.unmasked.isChecked()  # the choice was for that export only
    assert dialog.history.rowCount() == 1
    assert dialog.history.item(0, 1).text() == police.name
    assert dialog.history.item(0, 3).text() == "Có"
    assert "Có 0 đối tượng" in dialog.pending.text() and not dialog.export_button.isEnabled()


def test_a_volunteer_has_no_payment_list_entry(qtbot, uow, desk):
    from fieldapp.ui.main_window import MainWindow
    from fieldapp.ui.session import DeskSession
    from fieldapp.ui.tasks import InlineTaskRunner

    point, volunteer, _ = desk
    session = DeskSession(uow=uow, runner=InlineTaskRunner(), point=point, user=volunteer)
    window = MainWindow(session)
    qtbot.addWidget(window)
    assert not window.payment_list_action.isVisible()

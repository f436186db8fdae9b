"""Issue 18 item 8: the social-affairs office's file, read back cell by cell."""

from __future__ import annotations

import logging
from datetime import date, datetime

import pytest
from actors import POLICE_NAME, POLICE_PASSPHRASE, police_of
from agency_builders import agency_commune
from openpyxl import load_workbook
from stores import new_store

from fieldapp.cli.main import main
from fieldapp.documents.beneficiary_xlsx import COLUMN_CODES
from fieldapp.domain.permissions import ForbiddenError
from fieldapp.services.beneficiary_file import write_beneficiary_file
from fieldapp.store.uow import SqlUnitOfWork


@pytest.fixture
def hand(uow):
    data = agency_commune()
    data.save(uow())
    return data


def _rows(path):
    sheet = load_workbook(path)["Doi tuong"]
    rows = list(sheet.iter_rows(values_only=True))
    return rows[0], [dict(zip(COLUMN_CODES, r, strict=True)) for r in rows[1:]], sheet


def test_one_row_per_beneficiary_as_counted_by_hand(uow, hand, tmp_path, caplog):
    police = police_of(uow)
    out = tmp_path / "doi-tuong.xlsx"
    with caplog.at_level(logging.INFO):
        write_beneficiary_file(uow(), out, today=date(2026, 6, 7), actor=police)
    header, rows, sheet = _rows(out)
    assert header[:4] == ("STT", "Số định danh cá nhân", "Họ và tên", "Ngày sinh")
    # C, D, H..N: nine beneficiaries; Thôn Hai first (the store's village order)
    keys = [r["full_name"].removeprefix("Công Dân Thử ") for r in rows]
    assert keys == ["L", "D", "I", "J", "N", "C", "M", "K", "H"]  # by group within a village
    by_key = dict(zip(keys, rows, strict=True))
    d = by_key["D"]  # social pension, no account → LPBank opened 5 June at a point
    assert (d["group_code"], d["payment_code"]) == ("social_pension", "has_account_not_paid")
    assert (d["has_account"], d["account_bank"]) == ("Có", "LPBank")
    assert d["account_opened_on"] == datetime(2026, 6, 5)
    assert d["last_visit"] == datetime(2026, 6, 5)
    assert by_key["K"]["account_bank"] == "MB"  # opened at 15:00: the file is as of now
    assert by_key["C"]["link_code"] == "approved" and by_key["C"]["link"].startswith("Đã tích")
    assert by_key["J"]["payment_code"] == "not_classified"
    assert by_key["L"]["proxy_name"] == "Người Nhận Thay"
    guardian = sheet.cell(row=keys.index("M") + 2, column=COLUMN_CODES.index("guardian_name") + 1)
    assert guardian.value.startswith("=HYPERLINK") and guardian.data_type == "s"  # text
    pid = sheet.cell(row=2, column=2)
    assert pid.data_type == "s" and len(pid.value) == 12 and pid.value.startswith("038")
    assert by_key["I"]["last_visit"] is None
    # logged without any of the data
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "9 rows" in logged
    assert "Công Dân" not in logged and "038" not in logged and "Nhận Thay" not in logged


def test_one_agency_only_and_an_empty_file_says_so(uow, hand, tmp_path):
    police = police_of(uow)
    out = tmp_path / "yte.xlsx"
    made = write_beneficiary_file(uow(), out, agency="health", actor=police)
    assert sorted(r.group for r in made.rows) == [
        "social_pension",
        "social_protection",
        "social_protection",
    ]
    empty = tmp_path / "gd.xlsx"
    write_beneficiary_file(uow(), empty, agency="education", actor=police)
    header, rows, _ = _rows(empty)
    assert rows == [] and header[0] == "STT"
    about = [r[0] for r in load_workbook(empty)["Thong tin"].iter_rows(values_only=True)]
    assert "Chưa có đối tượng nào trong danh sách đã nhập." in about


def test_only_the_police_and_admins_export_it(uow, hand, tmp_path):
    with pytest.raises(ForbiddenError):
        write_beneficiary_file(uow(), tmp_path / "x.xlsx", actor=hand.user)
    assert not (tmp_path / "x.xlsx").exists()


def test_the_cli_writes_it(tmp_path, monkeypatch, capsys):
    path = tmp_path / "desk.sqlite3"
    engine = new_store(path)
    agency_commune().save(SqlUnitOfWork(engine))
    police_of(engine)
    engine.dispose()
    monkeypatch.setenv("FIELDAPP_USER", POLICE_NAME + " commune_police")
    monkeypatch.setenv("FIELDAPP_PIN", POLICE_PASSPHRASE)
    out = tmp_path / "bhxh.xlsx"
    args = ["--db", str(path), "beneficiary-file", "--agency", "social-insurance"]
    assert main([*args, "--out", str(out)]) == 0
    assert "Đã lưu danh sách 3 đối tượng" in capsys.readouterr().out
    _, rows, _ = _rows(out)
    assert {r["group_code"] for r in rows} == {"insurance_pension"}


def test_the_documented_layout_is_the_written_one():
    from pathlib import Path

    doc = (Path(__file__).parent.parent / "docs" / "beneficiary-file.md").read_text("utf-8")
    documented = [line.split("`")[1] for line in doc.splitlines() if line.startswith("| ") and
                  line.split("|")[2].strip().startswith("`")]  # fmt: skip
    assert tuple(documented) == COLUMN_CODES

"""The team leader's door-to-door list (issue 18, item 7), against a commune counted by hand.

Thôn Đông Sơn has seven people: four still need something (listed), one waits for the
link's approval and one is linked (not listed), one lives in another village. The order is
the round's: by address (house numbers by value, blank addresses last), then by name.
"""

from __future__ import annotations

import io
import logging
from datetime import date

import openpyxl
import pytest
from actors import POLICE_PASSPHRASE, police_of
from click.testing import CliRunner
from reports_builders import HandCommune, an_id, local

from fieldapp.cli.main import build_cli
from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError
from fieldapp.domain.permissions import ForbiddenError
from fieldapp.domain.personal_id import Sex
from fieldapp.domain.phone import mask_phone
from fieldapp.services import door_list
from fieldapp.store.uow import SqlUnitOfWork
from tests.documents_helpers import page_sizes_mm, pdf_text

TODAY = date(2026, 6, 6)
S, F, R = dm.Step, dm.FactField, dm.Result

# What the card says for each, as a reader of the list checks it.
LINK_BLOCKED = (
    "Cần mở tài khoản ngân hàng và xác thực sinh trắc học trước khi tích hợp "
    "tài khoản an sinh xã hội"
)
NEEDS_ALL = (
    "Cần đăng ký tài khoản định danh điện tử mức 2 tại Công an xã; "
    "Cần kích hoạt tài khoản định danh điện tử trên VNeID; " + LINK_BLOCKED
)


def _person(h: HandCommune, key: str, village: str, name: str, **kw: object) -> dm.Citizen:
    serial = len(h.citizens) + 1
    citizen = dm.Citizen(
        personal_id=f"0381900{serial:05d}",
        full_name=name,
        sex=Sex.FEMALE,
        village_id=h.villages[village].id,
        **kw,  # type: ignore[arg-type]
    )
    h.citizens[key] = citizen
    return citizen


def door_commune() -> HandCommune:
    commune = dm.Commune(an_id(), "Xã Kiên Bình", "Thanh Hóa", "14:00")
    villages = {
        "DS": dm.Village(an_id(), commune.id, "Thôn Đông Sơn"),
        "HA": dm.Village(an_id(), commune.id, "Thôn Hạ"),
        "CU": dm.Village(an_id(), commune.id, "Thôn Cuối"),
    }
    points = {"P1": dm.SupportPoint(an_id(), "Điểm Đông Sơn", villages["DS"].id)}
    user = dm.User(an_id(), "Tình Nguyện Viên", dm.Role.VOLUNTEER, points["P1"].id)
    h = HandCommune(commune, villages, points, user)
    june1 = date(2026, 6, 1)

    # Hương: nothing yet, never visited; Số 10 comes after Số 2.
    _person(h, "huong", "DS", "Nguyễn Thị Hương", birth_date=date(1950, 3, 4),
            address="Số 10, xóm Đình", phone="0912345678")  # fmt: skip
    # Bình: level 2, activated on 1 and 3 June: bank account and biometrics left.
    _person(h, "binh", "DS", "Trần Văn Bình", birth_date=date(1962, 7, 8),
            address="Số 2, xóm Đình", phone="0387654321")  # fmt: skip
    h.a_fact("binh", F.EID_LEVEL, "2", june1)
    h.a_visit("binh", "P1", local(2026, 6, 1, 9))
    h.an_outcome(h.a_visit("binh", "P1", local(2026, 6, 3, 10)), S.EID_ACTIVATION)
    # Giang: same house as Bình (name decides: Hoàng before Trần); visited at 06:30 local on
    # 4 June, which is still 3 June in UTC: the list says the commune's day.
    _person(h, "giang", "DS", "Hoàng Văn Giang", birth_date=date(1948, 1, 2),
            address="Số 2, xóm Đình", phone="0977000111")  # fmt: skip
    h.an_outcome(
        h.a_visit("giang", "P1", local(2026, 6, 4, 6, 30)),
        S.EID_APPLICATION,
        R.FAILED,
        reason=dm.FailureReason.PHONE_NOT_REGISTERED,
    )
    # Em: no address, no phone: listed last.
    _person(h, "em", "DS", "Đỗ Văn Em", birth_date=date(1980, 5, 5))
    # Cường: all done, the link submitted and waiting: nothing to do at the door.
    _person(h, "cuong", "DS", "Lê Văn Cường", address="Số 1, xóm Đình", phone="0900000001")
    h.a_fact("cuong", F.EID_LEVEL, "2", june1)
    visit = h.a_visit("cuong", "P1", local(2026, 6, 2, 9))
    for step in (S.EID_ACTIVATION, S.BANK_ACCOUNT, S.BIOMETRIC_VERIFIED):
        h.an_outcome(visit, step, bank="MB" if step is S.BANK_ACCOUNT else None)
    h.an_outcome(visit, S.BENEFIT_LINK, R.SUBMITTED)
    # Dung: linked (approved): not listed.
    _person(h, "dung", "DS", "Phạm Thị Dung", address="Số 3, xóm Đình")
    h.a_fact("dung", F.EID_LEVEL, "2", june1)
    visit = h.a_visit("dung", "P1", local(2026, 6, 2, 10))
    for step in (S.EID_ACTIVATION, S.BANK_ACCOUNT, S.BIOMETRIC_VERIFIED, S.BENEFIT_LINK):
        h.an_outcome(visit, step, bank="MB" if step is S.BANK_ACCOUNT else None)
    # Hoa lives in Thôn Hạ; her address would be a formula if a spreadsheet were careless.
    _person(h, "hoa", "HA", "Vũ Thị Hoa", address='=HYPERLINK("http://x","y")')
    # Thôn Cuối: its only citizen is linked.
    _person(h, "khoa", "CU", "Bùi Văn Khoa")
    h.a_fact("khoa", F.EID_LEVEL, "2", june1)
    visit = h.a_visit("khoa", "P1", local(2026, 6, 2, 11))
    for step in (S.EID_ACTIVATION, S.BANK_ACCOUNT, S.BIOMETRIC_VERIFIED, S.BENEFIT_LINK):
        h.an_outcome(visit, step, bank="MB" if step is S.BANK_ACCOUNT else None)
    return h


@pytest.fixture
def commune(engine):
    h = door_commune()
    h.save(SqlUnitOfWork(engine))
    return h


@pytest.fixture
def police(engine):
    return police_of(engine)


def _uow(engine):
    return SqlUnitOfWork(engine)


def test_who_is_listed_in_which_order_with_phones_masked(engine, commune, police):
    found = door_list.door_list(_uow(engine), "thon dong son", today=TODAY, actor=police)
    assert found.village.name == "Thôn Đông Sơn"
    assert [r.full_name for r in found.rows] == [
        "Hoàng Văn Giang",  # Số 2, H before T
        "Trần Văn Bình",  # Số 2
        "Nguyễn Thị Hương",  # Số 10
        "Đỗ Văn Em",  # no address: last
    ]
    assert [r.number for r in found.rows] == [1, 2, 3, 4]
    giang, binh, huong, em = found.rows
    assert (huong.birth_year, huong.address, huong.phone) == (1950, "Số 10, xóm Đình", "••••••5678")
    assert binh.phone == "••••••4321" and em.phone == "" and em.birth_year == 1980
    assert huong.missing == NEEDS_ALL and huong.last_visit is None
    assert binh.missing == LINK_BLOCKED
    assert binh.last_visit == date(2026, 6, 3)
    assert giang.last_visit == date(2026, 6, 4)  # the commune's day, not UTC's 3 June


def test_phones_shown_when_the_officer_chooses(engine, commune, police):
    found = door_list.door_list(_uow(engine), "Thôn Đông Sơn", show_phones=True, actor=police)
    assert [r.phone for r in found.rows] == ["0977000111", "0387654321", "0912345678", ""]


def test_mask_keeps_the_last_four_digits():
    assert mask_phone("0912345678") == "••••••5678"
    assert mask_phone("") == "" and mask_phone("123") == "123"


def test_a_village_with_nobody_left_says_so(engine, commune, police, tmp_path):
    out = tmp_path / "cuoi.pdf"
    with pytest.raises(NotFoundError, match="nobody_left"):
        door_list.write_door_list(_uow(engine), "Thôn Cuối", out, actor=police)
    assert not out.exists()
    with pytest.raises(NotFoundError, match="village.unknown"):
        door_list.door_list(_uow(engine), "Thôn Không Có", actor=police)


@pytest.mark.parametrize("role", [dm.Role.VOLUNTEER, dm.Role.BANK_OFFICER])
def test_a_volunteer_or_bank_officer_is_refused(engine, commune, tmp_path, role):
    someone = police_of(engine, role=role)
    out = tmp_path / "x.pdf"
    with pytest.raises(ForbiddenError):
        door_list.write_door_list(_uow(engine), "Thôn Đông Sơn", out, actor=someone)
    assert not out.exists()


def test_an_admin_may_export(engine, commune):
    admin = police_of(engine, role=dm.Role.ADMIN)
    assert len(door_list.door_list(_uow(engine), "Thôn Đông Sơn", actor=admin).rows) == 4


def test_pdf_is_a4_landscape_in_vietnamese_and_in_order(engine, commune, police, tmp_path):
    out = tmp_path / "dong-son.pdf"
    door_list.write_door_list(_uow(engine), "Thôn Đông Sơn", out, today=TODAY, actor=police)
    data = out.read_bytes()
    assert set(page_sizes_mm(data)) == {(297.0, 210.0)}
    text = " ".join(pdf_text(data).split())
    for words in (
        "DANH SÁCH ĐẾN TỪNG HỘ GIA ĐÌNH",
        "Công dân Thôn Đông Sơn còn cần hỗ trợ",
        "Còn 4 người (lập ngày 06/6/2026)",
        "CÔNG AN XÃ KIÊN BÌNH",
        "Kiên Bình, ngày 06 tháng 6 năm 2026",
        "Họ và tên",
        "Còn thiếu (việc cần làm tiếp)",
        "Số 10, xóm Đình",
        "Cần đăng ký tài khoản định danh điện tử mức 2",
        "03/6/2026",
        "04/6/2026",
        "Chưa đến",
        "5678",
        "☐",
        "NGƯỜI LẬP DANH SÁCH",
    ):
        assert words in text, words
    positions = [
        text.index(n) for n in ("Hoàng Văn Giang", "Trần Văn Bình", "Nguyễn Thị Hương", "Đỗ Văn Em")
    ]
    assert positions == sorted(positions)
    for absent in ("0912345678", "Lê Văn Cường", "Phạm Thị Dung", "Vũ Thị Hoa", "038190000"):
        assert absent not in text


def test_xlsx_reads_back_and_keeps_text_as_text(engine, commune, police, tmp_path):
    out = tmp_path / "dong-son.xlsx"
    door_list.write_door_list(
        _uow(engine), "Thôn Đông Sơn", out, fmt="xlsx", show_phones=True, actor=police
    )
    sheet = openpyxl.load_workbook(out).active
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    head = next(i for i, r in enumerate(rows) if r[1] == "Họ và tên")
    assert rows[head] == [
        "STT", "Họ và tên", "Năm sinh", "Địa chỉ", "Số điện thoại",
        "Còn thiếu (việc cần làm tiếp)", "Lần hỗ trợ gần nhất", "Đã đến", "Ghi chú",
    ]  # fmt: skip
    body = rows[head + 1 : head + 5]
    assert [r[1] for r in body] == [
        "Hoàng Văn Giang", "Trần Văn Bình", "Nguyễn Thị Hương", "Đỗ Văn Em",
    ]  # fmt: skip
    assert body[2][:7] == [3, "Nguyễn Thị Hương", "1950", "Số 10, xóm Đình", "0912345678",
                           NEEDS_ALL, "Chưa đến"]  # fmt: skip
    assert body[0][6] == "04/6/2026" and body[1][6] == "03/6/2026"
    assert all(r[7] == "☐" for r in body)
    assert sheet.page_setup.orientation == "landscape"

    ha = tmp_path / "ha.xlsx"
    door_list.write_door_list(_uow(engine), "Thôn Hạ", ha, fmt="xlsx", actor=police)
    sheet = openpyxl.load_workbook(ha).active
    address = next(c for r in sheet.iter_rows() for c in r if "HYPERLINK" in str(c.value))
    assert address.data_type == "s" and address.value.startswith("=HYPERLINK")


def test_the_export_is_logged_without_personal_data(engine, commune, police, tmp_path, caplog):
    out = tmp_path / "dong-son.pdf"
    with caplog.at_level(logging.INFO, logger="fieldapp.services.door_list"):
        door_list.write_door_list(
            _uow(engine), "Thôn Đông Sơn", out, show_phones=True, actor=police
        )
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "door-to-door list exported" in logged
    assert str(commune.villages["DS"].id) in logged and "4 rows" in logged
    for secret in ("Hương", "Nguyen", "0912345678", "5678", "038190000", "xóm Đình", police.name):
        assert secret not in logged


@pytest.fixture
def run(db_url, engine, commune, monkeypatch):
    def invoke(*args, user=dm.Role.COMMUNE_POLICE):
        someone = police_of(engine, role=user)
        monkeypatch.setenv("FIELDAPP_USER", someone.name)
        monkeypatch.setenv("FIELDAPP_PIN", POLICE_PASSPHRASE)
        return CliRunner().invoke(build_cli(), ["--db", db_url, *args], catch_exceptions=False)

    return invoke


def test_cli_writes_the_list_refuses_a_volunteer_and_says_nobody_left(run, tmp_path):
    out = tmp_path / "ds.pdf"
    result = run("print", "door-list", "--village", "Thôn Đông Sơn", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Đã lưu danh sách 4 người của Thôn Đông Sơn" in result.output
    assert "Trần Văn Bình" in pdf_text(out.read_bytes())
    xlsx = tmp_path / "ds.xlsx"
    result = run(
        "print", "door-list", "--village", "Thôn Đông Sơn", "--format", "xlsx",
        "--show-phones", "--out", str(xlsx),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert openpyxl.load_workbook(io.BytesIO(xlsx.read_bytes())).active is not None

    refused = tmp_path / "v.pdf"
    result = run(
        "print", "door-list", "--village", "Thôn Đông Sơn", "--out", str(refused),
        user=dm.Role.VOLUNTEER,
    )  # fmt: skip
    assert result.exit_code == ForbiddenError.exit_code and not refused.exists()

    result = run("print", "door-list", "--village", "Thôn Cuối", "--out", str(tmp_path / "c.pdf"))
    assert result.exit_code == NotFoundError.exit_code
    assert "không còn ai cần hỗ trợ" in result.output


def test_the_list_names_the_same_people_as_the_villages_slips(uow, small_commune):
    """One rule for "still needs something": the list and the slips of a village agree."""
    from fieldapp.services import documents

    police = police_of(uow)
    for village in small_commune.villages[:3]:
        found = door_list.door_list(uow(), village.name, actor=police)
        slips = documents.village_slips(uow(), village.name)
        assert len(found.rows) == slips.slips
        keys = [door_list.address_key(r.address) for r in found.rows]
        assert keys == sorted(keys)

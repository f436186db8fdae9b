"""Reading list files as they come, without a store: formats, encodings, headers, values."""

from __future__ import annotations

import io
import uuid
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from lists_builders import (
    POLICE_HEADER,
    commune,
    cp1258_bytes,
    police_rows,
    write_csv,
    write_ods,
    write_xls,
    write_xlsx,
)

from fieldapp.domain.personal_id import Sex
from fieldapp.domain.text import fold_words
from fieldapp.i18n import tr
from fieldapp.ingest.columns import ListColumn, ListKind, find_header, match_header
from fieldapp.ingest.files import NotAListError, detect_encoding, read_table, sniff_delimiter
from fieldapp.ingest.rejected import write_rejected
from fieldapp.ingest.rows import parse_rows
from fieldapp.ingest.values import (
    CellError,
    parse_birth,
    parse_group,
    parse_payment,
    parse_personal_id,
    parse_phone,
    parse_yes_no,
    village_key,
)

TODAY = date(2026, 5, 20)


@pytest.fixture(scope="module")
def data():
    return commune(12, seed=4)


@pytest.fixture(scope="module")
def names(data):
    return {v.id: v.name for v in data.villages}


def _parse(path: Path, data, kind: ListKind = ListKind.POLICE):
    table = read_table(path)
    header = find_header(table.rows, kind)
    assert header is not None
    villages = {village_key(v.name): v.id for v in data.villages}
    return (
        table,
        header,
        parse_rows(table, header.row_index, header.headers, header.mapping, kind, villages, TODAY),
    )


def _expect_same(parsed, data) -> None:
    assert parsed.error_list == []
    assert [r.personal_id for r in parsed.rows] == [c.personal_id for c in data.citizens]
    assert [r.full_name for r in parsed.rows] == [c.full_name for c in data.citizens]
    assert [r.birth_date for r in parsed.rows] == [c.birth_date for c in data.citizens]
    assert [r.village_id for r in parsed.rows] == [c.village_id for c in data.citizens]
    assert [r.phone for r in parsed.rows] == [c.phone for c in data.citizens]


def test_xlsx_with_title_block_numeric_ids_and_footer(tmp_path, data, names):
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    table, header, parsed = _parse(path, data)
    assert header.row_index == 4  # three merged title rows and a blank one above
    assert {0, 1, 2} <= table.merged_rows
    assert header.mapping[2] is ListColumn.PERSONAL_ID
    _expect_same(parsed, data)
    assert parsed.ids_restored == len(data.citizens)  # all start with 038: Excel ate the 0
    assert parsed.skipped_rows == 4  # blank, total, blank, signatures
    assert [r.activated for r in parsed.rows[:3]] == [True, False, False]
    assert parsed.rows[0].linked is True and parsed.rows[1].linked is False


def test_old_xls_written_by_xlwt(tmp_path, data, names):
    path = write_xls(tmp_path / "ds.xls", POLICE_HEADER, police_rows(data.citizens, names))
    table, _header, parsed = _parse(path, data)
    assert table.file_format == "xls"
    _expect_same(parsed, data)


def test_ods_written_by_odfpy(tmp_path, data, names):
    path = write_ods(tmp_path / "ds.ods", POLICE_HEADER, police_rows(data.citizens, names))
    table, _header, parsed = _parse(path, data)
    assert table.file_format == "ods"
    _expect_same(parsed, data)


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ";"), ("utf-16", "\t"), ("cp1258", ";"), ("cp1258", ",")],
)
def test_csv_encodings_and_delimiters(tmp_path, data, names, encoding, delimiter):
    rows = police_rows(data.citizens, names, numeric_ids=False)
    path = write_csv(
        tmp_path / "ds.csv", POLICE_HEADER, rows, encoding=encoding, delimiter=delimiter
    )
    table, _header, parsed = _parse(path, data)
    assert table.delimiter == delimiter
    _expect_same(parsed, data)


def test_cp1258_is_decoded_and_composed(tmp_path):
    raw = cp1258_bytes("Họ và tên;Số CCCD\nNguyễn Thị Hương;038190012345\n")
    assert "\u0303".encode("cp1258") in raw  # the tilde of "ễ" is a combining mark
    assert detect_encoding(raw) == "cp1258"
    path = tmp_path / "cp.csv"
    path.write_bytes(raw)
    table = read_table(path)
    assert table.rows[1][0] == "Nguyễn Thị Hương"  # NFC, not decomposed tone marks


def test_utf16_without_bom_is_detected(tmp_path):
    raw = "Họ và tên\tSố CCCD\nLê Thị Hoa\t038190012345\n".encode("utf-16-le")
    assert detect_encoding(raw) == "utf-16-le"
    path = tmp_path / "u16.csv"
    path.write_bytes(raw)
    table = read_table(path)
    assert table.delimiter == "\t" and table.rows[1] == ["Lê Thị Hoa", "038190012345"]


def test_csv_ids_saved_from_excel_lost_their_zero(tmp_path, data, names):
    rows = police_rows(data.citizens, names, numeric_ids=True)  # 11-digit text in the CSV
    path = write_csv(tmp_path / "ds.csv", POLICE_HEADER, rows)
    _table, _header, parsed = _parse(path, data)
    _expect_same(parsed, data)
    assert parsed.ids_restored == len(data.citizens)


def test_sniffing_ignores_a_one_cell_title():
    lines = ["DANH SÁCH", "a;b;c", "1;2,5;3", "4;5;6"]
    assert sniff_delimiter(lines) == ";"


def test_not_lists_get_clear_messages(tmp_path):
    png = tmp_path / "danh_sach.xlsx"
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    with pytest.raises(NotAListError) as err:
        read_table(png)
    assert err.value.message_id == "lists.file_image"
    assert "hình ảnh" in tr(err.value.message_id, "vi", **err.value.params)

    empty = tmp_path / "trong.xlsx"
    openpyxl.Workbook().save(empty)
    with pytest.raises(NotAListError) as err:
        read_table(empty)
    assert err.value.message_id == "lists.file_empty"

    broken = tmp_path / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(100))
    with pytest.raises(NotAListError) as err:
        read_table(broken)
    assert err.value.message_id == "lists.file_unreadable"

    with pytest.raises(NotAListError) as err:
        read_table(tmp_path / "khong_co.xlsx")
    assert err.value.message_id == "lists.file_missing"


def test_password_protected_workbook(tmp_path):
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = tmp_path / "plain.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["Số CCCD", "Họ và tên"])
    book.save(plain)
    encrypted = tmp_path / "matkhau.xlsx"
    out = io.BytesIO()
    with plain.open("rb") as handle:
        OOXMLFile(handle).encrypt("MatKhau@2026", out)
    encrypted.write_bytes(out.getvalue())
    with pytest.raises(NotAListError) as err:
        read_table(encrypted)
    assert err.value.message_id == "lists.file_encrypted"
    assert "mật khẩu" in tr("lists.file_encrypted", "vi", name="matkhau.xlsx")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Số CCCD", ListColumn.PERSONAL_ID),
        ("Số ĐDCN", ListColumn.PERSONAL_ID),
        ("Số định danh", ListColumn.PERSONAL_ID),
        ("So dinh danh", ListColumn.PERSONAL_ID),
        ("SỐ CMND/CCCD", ListColumn.PERSONAL_ID),
        ("Số CCCD/Số định danh cá nhân (12 số)", ListColumn.PERSONAL_ID),
        ("Họ và tên", ListColumn.FULL_NAME),
        ("HỌ TÊN", ListColumn.FULL_NAME),
        ("Ngày sinh", ListColumn.BIRTH_DATE),
        ("Ngày, tháng, năm sinh", ListColumn.BIRTH_DATE),
        ("Năm sinh", ListColumn.BIRTH_YEAR),
        ("Thôn", ListColumn.VILLAGE),
        ("Địa chỉ", ListColumn.ADDRESS),
        ("SĐT", ListColumn.PHONE),
        ("Số điện thoại", ListColumn.PHONE),
        ("Tình trạng kích hoạt tài khoản", ListColumn.ACTIVATED),
        ("Đã tích hợp tài khoản an sinh xã hội", ListColumn.LINKED),
        ("Nhóm đối tượng", ListColumn.BENEFICIARY_GROUP),
        ("Hình thức chi trả", ListColumn.PAYMENT_STATUS),
        ("Người được ủy quyền", ListColumn.PROXY_NAME),
        ("Người giám hộ", ListColumn.GUARDIAN_NAME),
    ],
)
def test_header_synonyms(text, expected):
    found = match_header(text)
    assert found is not None and found[0] is expected


def test_two_row_header_and_unknown_columns():
    rows = [
        ["UBND XÃ KIÊN BÌNH", "", "", "", ""],
        ["STT", "Họ tên", "Số định danh", "Tình trạng", ""],
        ["", "", "", "Kích hoạt", "Tích hợp"],
        [1, "Lê Văn An", "038090012345", "x", ""],
    ]
    header = find_header(rows, ListKind.POLICE)
    assert header is not None and header.row_index == 2
    assert header.mapping[3] is ListColumn.ACTIVATED
    assert header.mapping[4] is ListColumn.LINKED


def test_personal_ids():
    assert parse_personal_id(38190012345.0) == ("038190012345", True)
    assert parse_personal_id(1090012345) == ("001090012345", True)
    assert parse_personal_id("038190012345") == ("038190012345", False)
    assert parse_personal_id(" 038 190 012 345 ") == ("038190012345", False)
    with pytest.raises(CellError) as err:
        parse_personal_id("0381900123")
    assert err.value.message_id == "lists.p.id_length" and err.value.params == {"count": 10}
    with pytest.raises(CellError) as err:
        parse_personal_id("999190012345")
    assert err.value.message_id == "lists.p.id_province"
    with pytest.raises(CellError):
        parse_personal_id("03819001234A")
    assert parse_personal_id("038-190-012-345") == ("038190012345", False)
    with pytest.raises(CellError) as err:
        parse_personal_id("3,81901E+10")
    assert err.value.message_id == "lists.p.id_scientific"
    assert "Văn bản" in tr(err.value.message_id, "vi", **err.value.params)


def test_phones():
    assert parse_phone(912345678.0) == "0912345678"
    assert parse_phone("+84 912 345 678") == "0912345678"
    assert parse_phone("091.234.5678") == "0912345678"
    assert parse_phone("0912345678") == "0912345678"  # a CSV's usual cell, as it is
    # a landline, no leading 0, full-width digits
    for refused in ("0241234567", "1912345678", "０９１２３４５６７８"):
        with pytest.raises(CellError):
            parse_phone(refused)


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (date(1957, 3, 9), (date(1957, 3, 9), 1957)),
        (datetime(1957, 3, 9), (date(1957, 3, 9), 1957)),
        ("09/03/1957", (date(1957, 3, 9), 1957)),
        ("9/3/57", (date(1957, 3, 9), 1957)),
        ("9/3/05", (date(2005, 3, 9), 2005)),
        ("09-03-1957", (date(1957, 3, 9), 1957)),
        ("09.03.1957", (date(1957, 3, 9), 1957)),
        ("1957-03-09", (date(1957, 3, 9), 1957)),
        ("09031957", (date(1957, 3, 9), 1957)),
        (20888.0, (date(1957, 3, 9), 1957)),  # an Excel serial number
        ("20888", (date(1957, 3, 9), 1957)),
        (1957.0, (None, 1957)),  # the birth year alone
        ("1957", (None, 1957)),
    ],
)
def test_birth_dates(cell, expected):
    assert parse_birth(cell, TODAY) == expected


@pytest.mark.parametrize("cell", ["31/02/1990", "abc", "1/1/2030", "3000"])
def test_bad_birth_dates(cell):
    with pytest.raises(CellError):
        parse_birth(cell, TODAY)


def test_yes_no_groups_payments():
    assert [parse_yes_no(v) for v in ("x", "X", "Có", "Đã kích hoạt", 1.0)] == [True] * 5
    assert [parse_yes_no(v) for v in ("", None, "chưa", "Chưa kích hoạt", "0")] == [False] * 5
    with pytest.raises(CellError):
        parse_yes_no("hỏi lại")
    assert parse_group("Người có công với cách mạng").value == "merit"
    assert parse_group("BTXH").value == "social_protection"
    assert parse_group("Hưu trí xã hội").value == "social_pension"
    assert parse_group("Lương hưu, trợ cấp BHXH hằng tháng").value == "insurance_pension"
    assert parse_payment("Đã nhận chi trả qua tài khoản").value == "paid_to_account"
    assert (
        parse_payment("Đã có tài khoản nhưng chưa nhận chi trả qua tài khoản").value
        == "has_account_not_paid"
    )
    assert parse_payment("Chưa có tài khoản").value == "no_account"
    assert parse_payment("no_account").value == "no_account"


def test_bad_rows_of_every_kind(tmp_path, data, names):
    good = police_rows(data.citizens[:4], names)
    c = data.citizens[4]
    bad = [
        [5, "Trần Văn Bình", 3819001234, date(1990, 1, 1), "Nam", "", "", "", ""],  # 10 digits
        [6, "", c.personal_id, c.birth_date, "", "", "", "", ""],  # no name
        [7, "Phạm Thị Cúc", "038190A12345", "", "", "", "", "", ""],  # letters
        [8, "Đỗ Văn Dũng", "038095012345", "31/02/1995", "", "", "", "", ""],  # no such date
        [9, "Lý Thị Em", "038195012345", date(1995, 5, 5), "Nam", "", "", "", ""],  # sex digit
        [10, "Vũ Văn Phúc", "038090012345", date(1991, 5, 5), "", "", "", "", ""],  # year digits
        [11, "Hồ Văn Giang", "038090012346", "", "", "Thôn Không Có", "", "", ""],  # village
        [12, "Mai Văn Hải", "038090012347", "", "", "", "024123456", "", ""],  # landline
        [13, "Ngô Văn Khải", "038090012348", "", "", "", "", "hỏi lại", ""],  # not yes/no
        [14, "Lê Văn Long", "038090012349", "", "Namm", "", "", "", ""],  # sex
        good[0][:1] + good[0][1:],  # the same ID as the first row, same content
    ]
    path = write_xlsx(tmp_path / "bad.xlsx", POLICE_HEADER, good + bad)
    table, header, parsed = _parse(path, data)
    errors = parsed.errors
    first_data = header.row_index + 2  # the (1)(2)(3) row sits between
    texts = {i + 1: [e.text("vi") for e in es] for i, es in errors.items()}
    assert len(parsed.rows) == 4
    assert len(errors) == len(bad) - 1  # the repeated row is a notice: the first copy is kept
    notices = {e.row: e.text("vi") for e in parsed.notice_list if "trùng" in e.text("vi")}
    row_of_bad = first_data + 4 + 1  # sheet row number of the first bad row
    assert texts[row_of_bad] == [
        f"Dòng {row_of_bad}, cột 'Số CCCD/Số định danh cá nhân': 10 chữ số, cần 12"
    ]
    assert "đang để trống" in texts[row_of_bad + 1][0]
    assert "không phải dãy số" in texts[row_of_bad + 2][0]
    assert "không tồn tại" in texts[row_of_bad + 3][0]
    assert "giới tính" in texts[row_of_bad + 4][0]
    assert "năm sinh 1991" in texts[row_of_bad + 5][0]
    assert "không có thôn «Thôn Không Có»" in texts[row_of_bad + 6][0]
    assert "di động" in texts[row_of_bad + 7][0]
    assert "có hay chưa" in texts[row_of_bad + 8][0]
    assert "Nam hoặc Nữ" in texts[row_of_bad + 9][0]
    assert f"trùng hệt dòng {first_data + 1}" in notices[row_of_bad + 10]
    english = errors[row_of_bad - 1][0].text("en")
    assert english == (
        f"Row {row_of_bad}, column 'Số CCCD/Số định danh cá nhân': 10 digits, 12 needed"
    )

    out = tmp_path / "rejected.xlsx"
    assert write_rejected(out, table, header.row_index, errors) == len(bad) - 1
    sheet = openpyxl.load_workbook(out).active
    assert sheet.cell(1, 1).value == "CÔNG AN XÃ KIÊN BÌNH"
    assert "A1:I1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[header.row_index + 1]] == [*POLICE_HEADER, "Lỗi"]
    first_rejected = [c.value for c in sheet[header.row_index + 2]]
    assert first_rejected[1] == "Trần Văn Bình" and "10 chữ số" in first_rejected[-1]


def test_duplicate_ids_that_disagree_keep_one_by_the_stated_rule(tmp_path, data, names):
    rows = police_rows(data.citizens[:3], names)
    changed = list(rows[0])
    changed[1] = "Tên Khác Hẳn"
    poorer = list(rows[1])
    poorer[6] = ""  # no phone: less data than the first copy
    path = write_xlsx(tmp_path / "dup.xlsx", POLICE_HEADER, [*rows, changed, poorer], footer=False)
    _table, header, parsed = _parse(path, data)
    first = header.row_index + 3  # sheet row of the first data row (below the (1)(2) row)
    # Never both dropped: equal data → the later row wins; more data → that row wins.
    kept = {r.personal_id: r for r in parsed.rows}
    assert set(kept) == {c.personal_id for c in data.citizens[:3]}
    assert kept[data.citizens[0].personal_id].full_name == "Tên Khác Hẳn"
    assert kept[data.citizens[1].personal_id].row_number == first + 1
    assert parsed.error_list == []
    texts = [e.text("vi") for e in parsed.notice_list]
    column = "cột 'Số CCCD/Số định danh cá nhân'"
    assert f"Dòng {first}, {column}: cùng số định danh với dòng {first + 3}" in texts[0]
    assert f"Dòng {first + 4}" in texts[1] and f"giữ dòng {first + 1}" in texts[1]


def test_the_later_row_rule_keeps_the_later_row_even_with_less_data(tmp_path, data, names):
    from fieldapp.ingest.rows import DuplicateRule

    rows = police_rows(data.citizens[:2], names)
    poorer = list(rows[0])
    poorer[6] = ""  # the correction has no phone: "fuller" keeps the first, "later" this one
    path = write_xlsx(tmp_path / "dup.xlsx", POLICE_HEADER, [*rows, poorer], footer=False)
    table, header, fuller = _parse(path, data)
    villages = {village_key(v.name): v.id for v in data.villages}
    later = parse_rows(
        table, header.row_index, header.headers, header.mapping, ListKind.POLICE, villages,
        TODAY, duplicates=DuplicateRule.LATER,
    )  # fmt: skip
    first = header.row_index + 3
    pid = data.citizens[0].personal_id
    assert {r.personal_id: r.row_number for r in fuller.rows}[pid] == first
    assert {r.personal_id: r.row_number for r in later.rows}[pid] == first + 2
    assert [e.text("vi") for e in later.notice_list] == [
        f"Dòng {first}, cột 'Số CCCD/Số định danh cá nhân': cùng số định danh với dòng "
        f"{first + 2} nhưng thông tin khác: giữ dòng {first + 2} (dòng sau)"
    ]
    assert "giữ dòng" in fuller.notice_list[0].text("vi")
    assert f"Dòng {first + 2}" in fuller.notice_list[0].text("vi")


def test_a_person_without_an_id_is_an_error_not_a_heading(tmp_path, data):
    c = data.citizens[0]
    header = ("STT", "Họ và tên", "Số CCCD", "Ngày sinh")
    rows = [[1, c.full_name, c.personal_id, c.birth_date], [2, "Lê Văn Mất", "", ""]]
    path = write_xlsx(tmp_path / "noid.xlsx", header, rows, numbers_row=False, footer=False)
    _table, _header, parsed = _parse(path, data)
    assert [e.text("vi") for e in parsed.error_list] == ["Dòng 7, cột 'Số CCCD': đang để trống"]
    rows.append([3, data.citizens[1].full_name, data.citizens[1].personal_id, ""])
    path = write_xlsx(tmp_path / "noid2.xlsx", header, rows, numbers_row=False, footer=False)
    _table, _header, parsed = _parse(path, data)
    assert [e.text("vi") for e in parsed.error_list] == ["Dòng 7, cột 'Số CCCD': đang để trống"]
    assert len(parsed.rows) == 2
    rows[1][1] = "Công Tằng Tôn Nữ Mai"  # folds to "cong ...", like a "Cộng" total line
    path = write_xlsx(tmp_path / "noid3.xlsx", header, rows, numbers_row=False, footer=False)
    _table, _header, parsed = _parse(path, data)
    assert [e.message_id for e in parsed.error_list] == ["lists.p.empty"]


def test_section_rows_give_the_village(tmp_path, data):
    village = data.villages[1]
    c = data.citizens[0]
    rows = [
        [village.name.upper(), "", "", "", ""],
        [1, c.full_name, c.personal_id, c.birth_date, ""],
    ]
    header = ("STT", "Họ và tên", "Số CCCD", "Ngày sinh", "Ghi chú")
    path = write_xlsx(tmp_path / "sec.xlsx", header, rows, numbers_row=False)
    _table, _header, parsed = _parse(path, data)
    assert parsed.rows[0].village_id == village.id


def test_beneficiary_columns(tmp_path, data):
    c = data.citizens[0]
    header = ("TT", "Họ tên đối tượng", "Số định danh", "Năm sinh", "Địa chỉ", "Nhóm đối tượng",
              "Hình thức chi trả", "Người được ủy quyền", "Người giám hộ")  # fmt: skip
    row = [1, c.full_name, c.personal_id, c.birth_date.year,
           f"{data.villages[2].name}, Xã Kiên Bình", "Bảo trợ xã hội", "Chưa có tài khoản",
           "Nguyễn  Văn   Phụ", ""]  # fmt: skip
    path = write_xlsx(tmp_path / "bt.xlsx", header, [row])
    _table, _hdr, parsed = _parse(path, data, ListKind.BENEFICIARY)
    assert parsed.error_list == []
    r = parsed.rows[0]
    assert r.group.value == "social_protection" and r.payment.value == "no_account"
    assert r.proxy_name == "Nguyễn Văn Phụ" and r.guardian_name is None
    assert r.birth_date is None and r.village_id == data.villages[2].id
    assert isinstance(r.village_id, uuid.UUID)


def test_the_search_key_is_the_folded_words_of_the_name():
    from fieldapp.domain.text import fold_name

    for name in ("Nguyễn Thị Hương", "Đặng  Văn-Đức", "Lê O'Brien 2"):
        assert fold_name(name) == " ".join(fold_words(name))


def test_sex_parsing_feeds_id_check():
    from fieldapp.ingest.values import check_id_against

    assert check_id_against("038190012345", 1990, Sex.FEMALE) is None
    assert check_id_against("038190012345", 1990, Sex.MALE)[0] == "lists.p.id_sex"
    assert check_id_against("038290012345", 1990, None)[0] == "lists.p.id_century"

"""Lists shaped as commune, police and social-security offices really make them (issue 14:
"expect this to be re-tried with other real-shaped files"): two-row merged headers,
several sheets, formulas, every way an ID, a date or a name arrives, web exports named .xls,
CSVs of every encoding Excel writes. Synthetic people only."""

from __future__ import annotations

from datetime import date

import openpyxl
import pytest
import xlwt
from actors import police_of
from lists_builders import commune, write_ods
from real_shapes import (
    NBSP,
    PLAIN_HEADER,
    ZWSP,
    csv_text,
    empty_first_sheet_xlsx,
    html_xls,
    messy_rows,
    messy_xlsx,
    police_rows_plain,
    two_row_header_xlsx,
    write_csv_as,
)

from fieldapp.cli.main import main
from fieldapp.ingest.columns import ListColumn, ListKind, find_header
from fieldapp.ingest.files import read_table
from fieldapp.ingest.rows import parse_rows
from fieldapp.ingest.values import CellError, parse_name, restore_personal_id, village_key
from fieldapp.services import lists

TODAY = date(2026, 5, 20)
INIT = ("--commune", "Xã Kiên Bình", "--point", "Nhà văn hóa", "--user", "Mai:admin:quan-tri-2468")


@pytest.fixture
def cli(db_url, capsys, monkeypatch):
    """Run the CLI on the test's store as its admin: (exit code, stdout, stderr)."""
    monkeypatch.setenv("FIELDAPP_USER", "Mai")
    monkeypatch.setenv("FIELDAPP_PIN", "quan-tri-2468")

    def run(*args):
        code = main(["--db", db_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


@pytest.fixture(scope="module")
def data():
    return commune(16, seed=14)


def _parse(path, data, kind=ListKind.POLICE):
    table = read_table(path, accept=lambda rows: find_header(rows, kind) is not None)
    header = find_header(table.rows, kind)
    assert header is not None, table.rows[:10]
    villages = {village_key(v.name): v.id for v in data.villages}
    parsed = parse_rows(
        table, header.row_index, header.headers, header.mapping, kind, villages, TODAY
    )
    return table, header, parsed


def _all_people(parsed, data, *, except_rows=()):
    """Every citizen but those refused is read with its ID, name, date and village."""
    wanted = [c for i, c in enumerate(data.citizens) if i not in except_rows]
    got = {r.personal_id: r for r in parsed.rows}
    assert sorted(got) == sorted(c.personal_id for c in wanted)
    for c in wanted:
        row = got[c.personal_id]
        assert row.full_name == c.full_name
        assert row.village_id == c.village_id
        assert row.birth_date in (c.birth_date, None)


def test_two_row_header_with_merged_group_cells_formulas_and_a_count_under_the_ids(tmp_path, data):
    path = two_row_header_xlsx(tmp_path / "ds_xa.xlsx", data)
    _table, header, parsed = _parse(path, data)
    meanings = {header.headers[i]: c for i, c in header.mapping.items()}
    # "STT" and "Giới tính" are merged down from the group row above the found header row
    assert meanings["STT"] is ListColumn.ROW_NUMBER
    assert meanings["Giới tính"] is ListColumn.SEX
    assert meanings["Số định danh cá nhân"] is ListColumn.PERSONAL_ID
    # The "Tổng cộng" row holds a COUNTA (16) under the IDs: a footer, not a person
    assert parsed.error_list == []
    _all_people(parsed, data)
    assert [r.sex for r in parsed.rows] == [c.sex for c in data.citizens]
    assert all(r.birth_date is not None for r in parsed.rows)


def test_the_list_sheet_after_instructions_and_a_hidden_code_sheet(tmp_path, data):
    path = messy_xlsx(tmp_path / "bhxh.xlsx", data)
    table, _header, _parsed = _parse(path, data)
    assert table.sheet_name == "DS doi tuong"


def test_every_way_an_id_a_date_and_a_name_arrive(tmp_path, data):
    """Numbers, spaces, dots, apostrophes, &nbsp; and zero-width spaces; serial, text and
    year-only dates; a scientific-notation ID and a rounded number refused by row."""
    _rows, refused = messy_rows(data)
    path = messy_xlsx(tmp_path / "bhxh.xlsx", data)
    table, _header, parsed = _parse(path, data)
    by_row = {e.row: e.message_id for e in parsed.error_list}
    assert sorted(by_row.values()) == ["lists.p.id_rounded", "lists.p.id_scientific"]
    assert set(by_row) == {table_row(table, i) for i in refused}
    _all_people(parsed, data, except_rows=refused)
    assert not any(ZWSP in r.full_name or NBSP in r.full_name for r in parsed.rows)
    years_only = [r for r in parsed.rows if r.birth_date is None]
    assert years_only  # "1956" and 1956 in the date column: the year, no date made up
    assert parsed.skipped_rows >= 4  # blank rows, total, signatures


def table_row(table, index):
    """The sheet row number of citizen `index` (its "TT" cell is index + 1)."""
    for number, row in enumerate(table.rows, start=1):
        if row and isinstance(row[0], int | float) and row[0] == index + 1:
            return number
    raise AssertionError(index)


def test_an_empty_first_sheet(tmp_path, data):
    path = empty_first_sheet_xlsx(tmp_path / "ds.xlsx", PLAIN_HEADER, police_rows_plain(data))
    table, _header, parsed = _parse(path, data)
    assert table.sheet_name == "Sheet2"
    assert parsed.error_list == []
    _all_people(parsed, data)


@pytest.mark.parametrize("bom", [False, True])
def test_a_web_systems_html_table_named_xls(tmp_path, data, bom):
    path = html_xls(tmp_path / "DanhSach.xls", PLAIN_HEADER, police_rows_plain(data), bom=bom)
    table, header, parsed = _parse(path, data)
    assert table.file_format == "html"
    assert header.row_index == 2  # title (colspan), blank (&nbsp;), header
    assert parsed.error_list == []  # the "Tổng cộng" | 16 row is the footer
    _all_people(parsed, data)


def test_a_csv_named_xls_and_an_old_xls_named_xlsx(tmp_path, data):
    text = csv_text(PLAIN_HEADER, police_rows_plain(data))
    _table, _h, parsed = _parse(write_csv_as(tmp_path / "export.xls", text, "utf-8"), data)
    _all_people(parsed, data)

    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("DS")
    for col, title in enumerate(PLAIN_HEADER):
        sheet.write(0, col, title)
    for r, row in enumerate(police_rows_plain(data), start=1):
        for col, value in enumerate(row):
            sheet.write(r, col, value.strftime("%d/%m/%Y") if isinstance(value, date) else value)
    path = tmp_path / "that_la_xls.xlsx"
    book.save(str(path))
    table, _h, parsed = _parse(path, data)
    assert table.file_format == "xls"
    _all_people(parsed, data)


def test_ods(tmp_path, data):
    path = write_ods(tmp_path / "ds.ods", PLAIN_HEADER, police_rows_plain(data))
    _table, _h, parsed = _parse(path, data)
    _all_people(parsed, data)


@pytest.mark.parametrize(
    ("suffix", "encoding", "delimiter"),
    [
        (".csv", "utf-8", ","),
        (".csv", "utf-8-sig", ","),
        (".txt", "utf-16", "\t"),  # Excel's "Unicode Text"
        (".csv", "utf-16", "\t"),
        (".csv", "cp1258", ";"),  # decomposed tones, a Vietnamese Windows' list separator
    ],
)
def test_csv_as_excel_and_offices_write_them(tmp_path, data, suffix, encoding, delimiter):
    rows = [[*r, ""] for r in police_rows_plain(data)]
    rows[2][6] = "dòng 1\r\ndòng 2"  # a quoted field with a line break inside
    rows[4] = [*rows[4], "", ""]  # ragged: trailing empty fields
    text = csv_text((*PLAIN_HEADER, "Ghi chú"), rows, delimiter=delimiter)
    path = write_csv_as(tmp_path / f"ds{suffix}", text, encoding)
    _table, _h, parsed = _parse(path, data)
    assert parsed.error_list == []
    _all_people(parsed, data)


def test_quoted_newlines_and_ragged_rows_in_a_csv(tmp_path, data):
    rows = [[*r, ""] for r in police_rows_plain(data)]
    rows[1][6] = "Ở nhà con gái\nxóm bên"  # a note over two lines
    rows[3] = rows[3][:5]  # a short row: no village, no note
    rows[5] = [*rows[5], "thừa", "thừa nữa"]
    path = write_csv_as(
        tmp_path / "ds.csv", csv_text((*PLAIN_HEADER, "Ghi chú"), rows), "utf-8-sig"
    )
    _table, header, parsed = _parse(path, data)
    assert parsed.error_list == []
    assert {r.personal_id for r in parsed.rows} == {c.personal_id for c in data.citizens}
    note = {r.personal_id: r.note for r in parsed.rows}[data.citizens[1].personal_id]
    assert note == "Ở nhà con gái xóm bên"
    assert header.headers[6] == "Ghi chú"


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("038 069 228 786", "038069228786"),
        ("038.069.228.786", "038069228786"),
        ("'038069228786", "038069228786"),
        ("\u2019038069228786", "038069228786"),  # a typographic apostrophe
        (f"{NBSP}038069228786{NBSP}", "038069228786"),
        (f"038{NBSP}069{NBSP}228{NBSP}786", "038069228786"),
        (f"038069{ZWSP}228786", "038069228786"),
        ("\ufeff038069228786", "038069228786"),
        (38069228786, "038069228786"),
        (38069228786.0, "038069228786"),
        ("38069228786.0", "038069228786"),  # a number written out by a script
        ("038069228786.0", "038069228786"),
        ("38.069.228.786", "038069228786"),  # thousands dots; the birth year confirms
    ],
)
def test_ids_with_spaces_dots_apostrophes_and_invisible_characters(cell, expected):
    assert restore_personal_id(cell, 1969)[0] == expected


@pytest.mark.parametrize("cell", ["3.80692E+10", "3,80692E+10", 38069200000, 38069200000.0])
def test_ids_excel_rounded_are_refused_not_restored(cell):
    with pytest.raises(CellError) as err:
        restore_personal_id(cell, 1969)
    assert err.value.message_id in ("lists.p.id_scientific", "lists.p.id_rounded")


def test_a_real_id_ending_in_zeros_is_taken_when_written_as_text():
    assert restore_personal_id("038069200000", 1969)[0] == "038069200000"


def test_names_lose_invisible_characters():
    assert parse_name(f"Mai{NBSP}Ngọc{ZWSP} Nhung\u00ad") == "Mai Ngọc Nhung"


# --- through the service and the CLI: what is stored ------------------------------------


def test_the_messy_workbook_imports_its_valid_rows_clean(tmp_path, store, uow, data):
    _rows, refused = messy_rows(data)
    path = messy_xlsx(tmp_path / "bhxh.xlsx", data)
    preview = lists.preview_list(uow(), path, "police", today=TODAY)
    assert len(preview.errors) == len(refused)
    result = lists.import_list(uow(), preview, valid_only=True, actor=police_of(uow))
    assert result.imported == len(data.citizens) - len(refused)
    with uow() as u:
        for i, c in enumerate(data.citizens):
            stored = u.repo.get_citizen(c.personal_id)
            if i in refused:
                assert stored is None
            else:
                assert stored.full_name == c.full_name  # no zero-width space kept
                assert u.repo.search_citizens(c.full_name.split()[-1])


def test_a_web_export_imports_from_the_cli(tmp_path, cli, data):
    village_args = [a for v in data.villages for a in ("--village", v.name)]
    code, _out, err = cli("init", *INIT, *village_args)
    assert code == 0, err
    path = html_xls(tmp_path / "DanhSach.xls", PLAIN_HEADER, police_rows_plain(data))
    code, out, err = cli("import-list", str(path), "--kind", "police")
    assert code == 0, err
    assert "Traceback" not in err
    assert f"{len(data.citizens)}" in out
    code, out, _err = cli("status", data.citizens[0].personal_id)
    assert data.citizens[0].full_name in out


@pytest.mark.parametrize("cell", ["00/00/1956", "00/05/1956", "05/1956", "00001956", "1956", 1956])
def test_a_birth_known_by_its_year_only(cell):
    from fieldapp.ingest.values import parse_birth

    assert parse_birth(cell, TODAY) == (None, 1956)


def test_excel_2003_xml_named_xls(tmp_path, data):
    from real_shapes import spreadsheet_xml

    rows = police_rows_plain(data)
    for row in rows[::3]:
        row[4] = ""  # a blank sex cell: the next cell placed by ss:Index
    path = spreadsheet_xml(tmp_path / "BaoCao.xls", PLAIN_HEADER, rows)
    table, header, parsed = _parse(path, data)
    assert (table.file_format, table.sheet_name) == ("xml2003", "DS")  # past the cover sheet
    assert header.row_index == 2
    assert parsed.error_list == []
    _all_people(parsed, data)
    assert all(r.birth_date is not None for r in parsed.rows)  # typed DateTime cells


def test_a_sep_line_and_header_cells_with_line_breaks(tmp_path, data):
    text = "sep=;\r\n" + csv_text(PLAIN_HEADER, police_rows_plain(data), delimiter=";")
    _table, _h, parsed = _parse(write_csv_as(tmp_path / "ds.csv", text, "utf-8-sig"), data)
    _all_people(parsed, data)

    book = openpyxl.Workbook()
    book.active.append(["STT", "Họ và\ntên", "Số CCCD\n(12 số)", "Ngày, tháng,\nnăm sinh", "Thôn"])
    for row in police_rows_plain(data):
        book.active.append([row[0], row[1], row[2], row[3], row[5]])
    book.save(tmp_path / "alt_enter.xlsx")
    _table, header, parsed = _parse(tmp_path / "alt_enter.xlsx", data)
    assert len(header.mapping) == 5
    _all_people(parsed, data)

"""Lists as real offices make them (issue 14): fresh installs, unknown columns, lost zeros,
duplicates, account levels, old font encodings, hostile sizes. Synthetic people only."""

from __future__ import annotations

import uuid
import zipfile
from datetime import date

import pytest
from actors import police_of
from lists_builders import POLICE_HEADER, commune, police_rows, write_csv, write_xlsx
from sqlalchemy import text

from fieldapp.cli.main import main
from fieldapp.ingest import legacy
from fieldapp.ingest.columns import ListKind, find_header
from fieldapp.ingest.files import NotAListError, read_table, sniff_delimiter
from fieldapp.ingest.limits import FileTooBigError
from fieldapp.ingest.rows import parse_rows
from fieldapp.ingest.values import village_key
from fieldapp.services import lists

TODAY = date(2026, 5, 20)


@pytest.fixture
def data():
    return commune(12, seed=14)


@pytest.fixture
def run(db_url, capsys, monkeypatch):
    monkeypatch.setenv("FIELDAPP_USER", "Mai")  # the store's admin, set up by `_init`
    monkeypatch.setenv("FIELDAPP_PIN", "quan-tri-2468")

    def run(*args):
        code = main(["--db", db_url, *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _init(run, *villages):
    args = [
        "init",
        "--commune",
        "Xã Kiên Bình",
        "--point",
        "Nhà văn hóa",
        "--user",
        "Mai:admin:quan-tri-2468",
    ]
    for v in villages:
        args += ["--village", v]
    code, out, err = run(*args)
    assert code == 0, err
    return out


def _count(db_url, table):
    from fieldapp.store.engine import make_engine  # the store is encrypted: its key is set

    engine = make_engine(db_url)
    with engine.connect() as conn:
        value = conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()
    engine.dispose()
    return value


def test_fresh_install_imports_with_add_villages(tmp_path, run, db_url, data, names):
    _init(run)  # no villages typed at set-up
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    code, _out, err = run("import-list", str(path), "--kind", "police")
    assert code != 0
    first = data.villages[0].name
    assert f"«{first}» chưa có trong xã" in err and "--add-villages" in err
    code, _out, err = run("import-list", str(path), "--kind", "police", "--valid-only")
    assert code != 0 and "0 dòng" in err  # never "imported 0 rows" with exit 0
    assert _count(db_url, "citizen") == 0
    code, out, err = run("import-list", str(path), "--kind", "police", "--add-villages")
    assert code == 0, err
    assert f"Đã thêm {len(set(names.values()))} thôn" in out
    assert _count(db_url, "citizen") == len(data.citizens)
    assert _count(db_url, "village") == len(set(names.values()))


def test_init_again_adds_villages_without_a_second_point_or_user(run, db_url):
    _init(run)
    out = _init(run, "Thôn Đông")
    assert "đã được thiết lập" in out
    assert _count(db_url, "supportpoint") == 1 and _count(db_url, "app_user") == 1
    assert _count(db_url, "village") == 1


def test_villages_and_points_added_and_renamed_later(run, db_url):
    _init(run)
    assert run("villages", "add", "Thôn Đông", "Thôn Tây")[0] == 0
    code, _out, err = run("villages", "add", "thon dong")
    assert code != 0 and "đã có thôn «Thôn Đông»" in err
    assert run("villages", "rename", "Thôn Tây", "Thôn Tây Sơn")[0] == 0
    assert run("points", "add", "Nhà văn hóa Thôn Đông", "--village", "Thôn Đông")[0] == 0
    assert run("points", "rename", "Nhà văn hóa", "Nhà văn hóa Trung tâm")[0] == 0
    _code, out, _err = run("villages", "list")
    assert out.split("\n")[:2] == ["Thôn Đông", "Thôn Tây Sơn"]
    _code, out, _err = run("points", "list")
    assert "Nhà văn hóa Trung tâm" in out and _count(db_url, "supportpoint") == 2


def test_near_duplicate_villages_are_flagged_not_added(tmp_path, run, db_url, data, names):
    _init(run, "Thôn Đông Hòa")
    rows = police_rows(data.citizens[:2], names)
    rows[0][5] = "Thôn ĐôngHòa"  # spacing lost
    rows[1][5] = "Thôn Mới"
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, rows)
    code, _out, err = run("import-list", str(path), "--kind", "police", "--add-villages")
    assert "giống thôn «Thôn Đông Hòa»" in err
    assert code != 0  # the flagged row is an error: nothing imported
    assert _count(db_url, "village") == 1


def test_unmapped_headers_named_with_samples_and_map_option(tmp_path, run, db_url, data):
    _init(run)
    header = ("TT", "Họ tên", "CCCD", "NS", "GT", "Diện hưởng", "HT nhận", "Mã hộ")
    rows = [
        [
            i + 1,
            c.full_name,
            c.personal_id,
            c.birth_date,
            "Nam" if c.sex.value == "male" else "Nữ",
            "Người có công",
            "Chuyển khoản",
            f"H{i:03d}",
        ]
        for i, c in enumerate(data.citizens[:4])
    ]
    path = write_csv(tmp_path / "bt.csv", header, rows)
    code, _out, err = run("import-list", str(path), "--kind", "beneficiary", "--dry-run")
    assert code == 0
    assert "Cột «Mã hộ» không được dùng (ví dụ: «H000», «H001», «H002»)" in err
    assert "--map" in err
    code, _out, err = run("import-list", str(path), "--kind", "beneficiary", "--map", "Mã hộ=note")
    assert code == 0, err and "Mã hộ" not in err
    assert _count(db_url, "official_fact") >= 8  # group and payment for each of the four
    # The layout's mapping is remembered: the next import needs no --map.
    code, _out, err = run("import-list", str(path), "--kind", "beneficiary", "--dry-run")
    assert "Mã hộ" not in err


@pytest.mark.parametrize(
    "header",
    ["Trang thai", "Trạng thái", "TRẠNG  THÁI", "Đã kích hoạt"],
)
def test_status_header_written_any_way_is_recognised(header, tmp_path, uow, engine, data, names):
    from dataclasses import replace

    from fieldapp.demo.loader import load_commune

    load_commune(engine, replace(data, citizens=[]), this_point=None)
    head = ("STT", "Họ và tên", "Số CCCD", "Ngày sinh", header)
    rows = [
        [i + 1, c.full_name, c.personal_id, c.birth_date, "Đã kích hoạt"]
        for i, c in enumerate(data.citizens)
    ]
    path = write_csv(tmp_path / "a.csv", head, rows)
    preview = lists.preview_list(uow(), path, "police", today=TODAY)
    assert preview.unmapped == []
    result = lists.import_list(uow(), preview, valid_only=False, actor=police_of(uow))
    assert result.facts_added == 2 * len(data.citizens)  # level 2 and activated, each row


def test_text_ids_that_lost_zeros_restored_when_the_birth_year_agrees(tmp_path, uow, engine, data):
    from dataclasses import replace

    from fieldapp.demo.loader import load_commune

    load_commune(engine, replace(data, citizens=[]), this_point=None)
    head = ("STT", "Họ và tên", "Số ĐDCN", "Ngày sinh")
    rows = [
        [1, "Lê Văn An", "38090012345", "01/02/1990"],  # 11 digits, 1990: restored
        [2, "Lê Thị Bình", "1195012345", "03/04/1995"],  # 10 digits (Hà Nội 001): restored
        [3, "Lê Văn Cường", "38085012345", "01/02/1990"],  # padded, year 85 ≠ 1990: refused
        [4, "Lê Văn Dũng", "38090012346", ""],  # no birth date to check: ambiguous, refused
        [5, "Lê Văn Em", "038090012347", ""],  # a whole ID, no birth date: imported, reported
    ]
    path = write_csv(tmp_path / "z.csv", head, rows)
    preview = lists.preview_list(uow(), path, "police", today=TODAY)
    assert [r.personal_id for r in preview.valid_rows] == [
        "038090012345",
        "001195012345",
        "038090012347",
    ]
    assert preview.parsed.restored_how == {"text_11": 1, "text_10": 1}
    problems = {e.row: e.message_id for e in preview.error_list}
    assert list(problems.values()) == ["lists.p.id_restore_mismatch", "lists.p.id_ambiguous"]
    assert [n.text("vi") for n in preview.notices] == ["Dòng 7, cột 'Ngày sinh': thiếu ngày sinh"]


def test_level_one_is_stored_as_level_one(tmp_path, uow, engine, data):
    from dataclasses import replace

    from fieldapp.demo.loader import load_commune

    load_commune(engine, replace(data, citizens=[]), this_point=None)
    head = ("STT", "Họ và tên", "Số CCCD", "Ngày sinh", "Mức độ tài khoản ĐDĐT")
    rows = [
        [i + 1, c.full_name, c.personal_id, c.birth_date, "Mức 1" if i % 2 else "Mức 2"]
        for i, c in enumerate(data.citizens[:4])
    ]
    path = write_xlsx(tmp_path / "m.xlsx", head, rows)
    preview = lists.preview_list(uow(), path, "police", today=TODAY)
    lists.import_list(uow(), preview, valid_only=False, actor=police_of(uow))
    with uow() as u:
        levels = [
            [f.value for f in u.repo.facts_for(c.personal_id) if f.field.value == "eid_level"]
            for c in data.citizens[:4]
        ]
    assert levels == [["2"], ["1"], ["2"], ["1"]]


WORDS = ["Nguyễn Văn Hùng", "Thôn Đông Hòa", "Lê Thị Ngọc Ánh", "Trần Quốc Tuấn", "Mường Khương"]


def test_every_letter_with_every_tone_round_trips():
    for vowel in legacy._VOWELS:
        for tone in range(6):
            letter = legacy._tone(vowel, tone)
            assert legacy.tcvn3_to_unicode(legacy.unicode_to_tcvn3(letter)) == letter
            for case in (letter, letter.upper()):
                assert legacy.vni_to_unicode(legacy.unicode_to_vni(case)) == case
    assert legacy.tcvn3_to_unicode(legacy.unicode_to_tcvn3("đ")) == "đ"
    # Published examples.
    assert legacy.tcvn3_to_unicode("B¸t X¸t") == "Bát Xát"
    assert legacy.tcvn3_to_unicode("M\xadêng Kh\xad¬ng") == "Mường Khương"
    assert legacy.vni_to_unicode("Xin chaøo caùc baïn") == "Xin chào các bạn"


@pytest.mark.parametrize("family", ["tcvn3", "vni"])
def test_old_encodings_in_csv_and_xlsx_are_converted_and_counted(family, tmp_path, data):
    encode = legacy.unicode_to_tcvn3 if family == "tcvn3" else legacy.unicode_to_vni
    head = ("STT", "Họ và tên", "Số CCCD", "Thôn")
    rows = [
        [i + 1, encode(w), f"0380900123{i:02d}", encode("Thôn Đông Hòa")]
        for i, w in enumerate(WORDS)
    ]
    xlsx = write_xlsx(tmp_path / "old.xlsx", head, rows, title=())
    table = read_table(xlsx)
    assert table.legacy_encoding == family and table.converted_cells == 2 * len(WORDS)
    assert "Thôn" in table.rows[1]  # the Unicode header template is left alone
    names = [r[1] for r in table.rows if r and r[0] not in ("STT", "(1)", None, "")]
    assert names[: len(WORDS)] == WORDS
    csv_path = tmp_path / "old.csv"
    lines = [",".join(encode(h) for h in head)] + [",".join(str(c) for c in r) for r in rows]
    csv_path.write_bytes("\r\n".join(lines).encode("latin-1"))
    table = read_table(csv_path)
    # Header cells typed in the same font are converted when they look odd ("Hä vµ tªn").
    assert table.legacy_encoding == family and table.converted_cells > 2 * len(WORDS)
    assert table.rows[0][1] == "Họ và tên"
    assert [r[1] for r in table.rows[1:]] == WORDS


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_streamed_file_counts_old_font_cells_on_every_row(fmt, tmp_path, uow, monkeypatch):
    """A file too big to hold keeps its first rows only: its count still covers every row."""
    from fieldapp.ingest import files, limits

    encode = legacy.unicode_to_tcvn3
    head = ("STT", "Họ và tên", "Số CCCD", "Thôn")
    rows = [
        [i + 1, encode(WORDS[i % len(WORDS)]), f"038090012{i:03d}", encode("Thôn Đông Hòa")]
        for i in range(40)
    ]
    if fmt == "xlsx":
        path = write_xlsx(tmp_path / "old.xlsx", head, rows, title=())
    else:
        path = tmp_path / "old.csv"
        lines = [",".join(encode(h) for h in head)] + [",".join(str(c) for c in r) for r in rows]
        path.write_bytes("\r\n".join(lines).encode("latin-1"))
    held = lists.preview_list(uow(), path, "police", today=TODAY)
    header_cells = 2 if fmt == "csv" else 0  # "Hä vµ tªn", "Th«n" typed in the font too
    assert not held.table.streamed
    assert held.converted_cells == 2 * len(rows) + header_cells
    monkeypatch.setattr(limits, "WORKBOOK_HELD_ROWS", 5)
    monkeypatch.setattr(limits, "CSV_HELD_BYTES", 0)
    monkeypatch.setattr(files, "_HEAD_ROWS", 10)
    big = lists.preview_list(uow(), path, "police", today=TODAY)
    assert big.table.streamed and len(big.table.rows) == 10
    assert big.table.converted_cells < 2 * len(rows)  # the held rows' alone
    assert big.converted_cells == held.converted_cells  # every row's name and village


def test_a_cell_that_reads_well_both_ways_is_decided_by_its_column(tmp_path, data):
    """'Xãm Léc' is plain Vietnamese and TCVN3 for 'Xóm Lộc': in a TCVN3 column, converted;
    the same text in a column typed in Unicode stays as it is."""
    enc = legacy.unicode_to_tcvn3
    head = ("STT", "Họ và tên", "Số CCCD", "Ngày sinh", "Thôn")
    villages = ["Thôn Đông Hòa", "Xóm Lộc", "Thôn Đông Hòa", "Xóm Lộc"]
    names = ["Nguyễn Văn Hùng", "Lê Thị Ngọc Ánh", "Trần Quốc Tuấn", "Hà Bé"]
    rows = [
        [i + 1, name if i == 3 else enc(name), f"03809000{i:04d}", "01/01/1990", enc(v)]
        for i, (name, v) in enumerate(zip(names, villages, strict=True))
    ]  # "Hà Bé" typed in Unicode in a TCVN3 column: the column decides, it becomes "Hà Bộ"
    assert enc("Xóm Lộc") == "Xãm Léc" and legacy.is_ambiguous("Xãm Léc", "tcvn3")
    xlsx = write_xlsx(tmp_path / "old.xlsx", head, rows, title=(), numbers_row=False)
    csv_path = tmp_path / "old.csv"
    lines = [",".join(enc(h) for h in head)] + [",".join(str(c) for c in r) for r in rows]
    csv_path.write_bytes("\r\n".join(lines).encode("latin-1"))
    for path in (xlsx, csv_path):
        table = read_table(path)
        assert table.legacy_encoding == "tcvn3" and 4 in table.legacy_columns
        header = find_header(table.rows, ListKind.POLICE)
        ids = {village_key(v): uuid.uuid4() for v in ("Thôn Đông Hòa", "Xóm Lộc")}
        parsed = parse_rows(
            table, header.row_index, header.headers, header.mapping, ListKind.POLICE, ids, TODAY
        )
        assert parsed.error_list == []
        assert [r.village_id for r in parsed.rows] == [ids[village_key(v)] for v in villages]
        assert [r.full_name for r in parsed.rows] == [*names[:3], "Hà Bộ"]
        assert parsed.converted_ambiguous == 3  # two villages and the name
        assert table.rows[header.row_index][4] == "Thôn"  # the header is not resolved
    unicode_file = write_csv(tmp_path / "u.csv", head, [[1, "Xãm Léc", "038090000001", "", ""]])
    table = read_table(unicode_file)
    assert table.legacy_encoding is None and table.legacy_columns == frozenset()


def test_unicode_and_cp1258_files_are_not_taken_for_old_encodings(tmp_path, data, names):
    rows = police_rows(data.citizens, names)
    for encoding in ("utf-8", "cp1258"):
        path = write_csv(tmp_path / f"u_{encoding}.csv", POLICE_HEADER, rows, encoding=encoding)
        table = read_table(path)
        assert table.legacy_encoding is None and table.converted_cells == 0
        assert table.rows[2][1] == data.citizens[0].full_name


def test_a_shared_string_bomb_is_refused_from_the_zip_directory(tmp_path):
    path = tmp_path / "bomb.xlsx"
    write_xlsx(path, ("STT", "Họ và tên", "Số CCCD"), [[1, "A", "038090012345"]])
    with zipfile.ZipFile(path) as src:
        parts = {n: src.read(n) for n in src.namelist()}
    big = (
        b'<sst xmlns="x" count="1" uniqueCount="1"><si><t>'
        + b"A" * 300_000_000
        + b"</t></si></sst>"
    )
    parts["xl/sharedStrings.xml"] = big
    bomb = tmp_path / "bomb2.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out:
        for name, body in parts.items():
            out.writestr(name, body)
    del big, parts
    assert bomb.stat().st_size < 400_000
    with pytest.raises(FileTooBigError) as err:
        read_table(bomb)
    assert err.value.message_id == "lists.file_bomb"


def test_long_csv_lines_do_not_crash(tmp_path):
    long_line = "x" * 200_000
    assert sniff_delimiter([long_line, "a,b,c", "1,2,3"]) == ","
    path = tmp_path / "long.csv"
    path.write_text("STT,Họ và tên,Số CCCD\n1," + long_line + ",038090012345\n", encoding="utf-8")
    with pytest.raises(NotAListError) as err:
        read_table(path)
    assert err.value.message_id == "lists.cell_too_long"


def test_a_rust_panic_in_calamine_becomes_a_clear_error(tmp_path, monkeypatch):
    import python_calamine as pc

    class PanicException(BaseException):  # as pyo3_runtime.PanicException
        pass

    def panic(*_args, **_kwargs):
        raise PanicException("index out of bounds")

    path = write_xlsx(tmp_path / "ok.xlsx", ("STT", "Họ và tên", "Số CCCD"), [[1, "A", "1"]])
    monkeypatch.setattr(pc.CalamineWorkbook, "from_filelike", panic)
    with pytest.raises(NotAListError) as err:
        read_table(path)
    assert err.value.message_id == "lists.file_unreadable"


def test_level_one_needs_an_upgrade_and_is_not_in_the_denominator():
    from fieldapp.domain import model as dm
    from fieldapp.domain.status import Need, StepState, fold_status
    from fieldapp.i18n.describe import next_steps_text

    def fact(field, value):
        return dm.OfficialFact(
            uuid.uuid4(), "038090012345", field, value, "police_level2", "ds.xlsx",
            date(2026, 5, 20),
        )  # fmt: skip

    level1 = [fact(dm.FactField.EID_LEVEL, "1"), fact(dm.FactField.EID_ACTIVATED, "true")]
    status = fold_status(None, [], level1)
    # Activated in VNeID, but level 1: the key indicator's denominator counts level 2 only.
    assert status.state(dm.Step.EID_APPLICATION) is StepState.NOT_STARTED
    assert status.missing[0] is Need.LEVEL2_UPGRADE
    assert "nâng cấp lên mức 2" in next_steps_text(status, "vi")[0]
    level2 = fold_status(None, [], [fact(dm.FactField.EID_LEVEL, "2")])
    assert level2.state(dm.Step.EID_APPLICATION) is StepState.DONE


def test_progress_line_says_rows_per_second_and_time_left():
    assert lists.progress_line(12_000, 2_700_000, 9_500.4, 283.0, "vi") == (
        "12.000 / 2.700.000 dòng · 9.500 dòng/giây · còn khoảng 4 phút 43 giây"
    )
    assert lists.progress_line(5_000, 0, 2_000.0, None, "en") == (
        "Reading and checking: 5,000 rows · 2,000 rows/s"
    )

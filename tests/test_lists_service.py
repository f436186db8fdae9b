"""The import service: one transaction, valid-only or nothing, idempotence, conflicts."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import openpyxl
import pytest
from actors import act_as_police, police_of
from builders import name_word_index
from lists_builders import (
    POLICE_HEADER,
    commune,
    police_rows,
    write_csv,
    write_ods,
    write_xls,
    write_xlsx,
)
from sqlalchemy import text

from fieldapp.cli.main import main as cli_main
from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.status import StepState, fold_status
from fieldapp.ingest.columns import ListColumn
from fieldapp.services import lists
from fieldapp.services.progress import CancelledError
from fieldapp.store import lists_queries

TABLES = ("citizen", "official_fact", "setting")


@pytest.fixture
def data():
    return commune(25, seed=8)


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def snapshot(engine) -> dict[str, list]:
    with engine.connect() as conn:
        tables = {t: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {t}")))) for t in TABLES}
        return tables | {"name words": name_word_index(conn)}


def test_police_list_creates_citizens_and_facts(tmp_path, store, uow, data, names):
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    preview = lists.preview_list(uow(), path, "police", today=date(2026, 5, 20))
    assert preview.error_list == [] and preview.missing == []
    assert len(preview.sample(5)) == 5
    reports = []

    class Watch:
        cancelled = False

        def report(self, done, total):
            reports.append((done, total))

    result = lists.import_list(
        uow(), preview, valid_only=False, progress=Watch(), actor=police_of(uow)
    )
    n = len(data.citizens)
    assert (result.imported, result.unchanged, result.rejected, result.ids_restored) == (
        n,
        0,
        0,
        n,
    )
    assert reports[0] == (0, n) and reports[-1] == (n, n)
    with uow() as u:
        first = data.citizens[0]
        stored = u.repo.get_citizen(first.personal_id)
        assert stored.full_name == first.full_name and stored.village_id == first.village_id
        assert stored.birth_date == first.birth_date and stored.phone == first.phone
        facts = u.repo.facts_for(first.personal_id)
        assert {(f.field, f.value) for f in facts} == {
            (dm.FactField.EID_LEVEL, "2"),
            (dm.FactField.EID_ACTIVATED, "true"),
            (dm.FactField.BENEFIT_LINKED, "true"),
        }
        assert {f.source_kind for f in facts} == {"police_level2"}
        sha = preview.table.sha256
        assert {f.id for f in facts} == {
            lists.fact_id(preview.kind, sha, f.personal_id, f.field, f.value) for f in facts
        }
        assert {f.source_file for f in facts} == {"ds.xlsx"}
        status = fold_status(stored, [], facts)
        assert status.state(dm.Step.EID_ACTIVATION) is StepState.DONE
        assert u.repo.search_citizens(first.full_name.split()[-1])


def test_reimporting_the_same_file_changes_nothing(tmp_path, store, uow, data, names):
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    lists.import_list(
        uow(), lists.preview_list(uow(), path, "police"), valid_only=False, actor=police_of(uow)
    )
    before = snapshot(store)
    again = lists.import_list(
        uow(), lists.preview_list(uow(), path, "police"), valid_only=False, actor=police_of(uow)
    )
    assert (again.imported, again.unchanged, again.rejected) == (0, len(data.citizens), 0)
    assert snapshot(store) == before


def test_a_newer_list_adds_only_what_changed(tmp_path, store, uow, data, names):
    rows = police_rows(data.citizens, names)
    lists.import_list(
        uow(),
        lists.preview_list(uow(), write_xlsx(tmp_path / "a.xlsx", POLICE_HEADER, rows), "police"),
        valid_only=False,
        actor=police_of(uow),
        as_of=date(2026, 5, 20),
    )
    rows[1][7] = "x"  # row 2 was not activated; now it is
    preview = lists.preview_list(
        uow(), write_xlsx(tmp_path / "b.xlsx", POLICE_HEADER, rows), "police"
    )
    result = lists.import_list(
        uow(), preview, valid_only=False, as_of=date(2026, 6, 1), actor=police_of(uow)
    )
    # A new file is a new source: every row gets facts of its own date; citizens are unchanged.
    assert result.citizens_added == 0 and result.citizens_updated == 0
    with uow() as u:
        facts = u.repo.facts_for(data.citizens[1].personal_id)
        status = fold_status(u.repo.get_citizen(data.citizens[1].personal_id), [], facts)
        assert status.state(dm.Step.EID_ACTIVATION) is StepState.DONE


def test_errors_mean_nothing_unless_valid_only(tmp_path, store, uow, data, names):
    rows = police_rows(data.citizens[:5], names)
    rows[2][2] = 3819001234  # ten digits
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, rows)
    preview = lists.preview_list(uow(), path, "police")
    before = counts(store)
    with pytest.raises(ValidationError) as err:
        lists.import_list(uow(), preview, valid_only=False, actor=police_of(uow))
    assert err.value.message_id == "lists.has_errors" and err.value.params == {"count": 1}
    assert counts(store) == before
    result = lists.import_list(uow(), preview, valid_only=True, actor=police_of(uow))
    assert (result.imported, result.rejected) == (4, 1)
    out = tmp_path / "tra_lai.xlsx"
    assert lists.save_rejected(preview, result.rejected_errors, out) == 1
    sheet = openpyxl.load_workbook(out).active
    last = [c.value for c in sheet[sheet.max_row]]
    assert last[2] == 3819001234 and "10 chữ số, cần 12" in last[-1]


def test_a_name_that_disagrees_is_reported_not_overwritten(tmp_path, store, uow, data, names):
    someone = data.citizens[0]
    with uow() as u:
        u.repo.add_citizen(replace(someone, full_name="Tạ Thị Khác"), name_source="official_list")
        u.commit()
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    preview = lists.preview_list(uow(), path, "police")
    assert [e.message_id for e in preview.error_list] == ["lists.p.name_conflict"]
    assert "Tạ Thị Khác" in preview.error_list[0].text("vi")
    result = lists.import_list(uow(), preview, valid_only=True, actor=police_of(uow))
    assert result.rejected == 1 and result.imported == len(data.citizens) - 1
    with uow() as u:
        assert u.repo.get_citizen(someone.personal_id).full_name == "Tạ Thị Khác"
        assert u.repo.facts_for(someone.personal_id) == []


def test_the_list_fixes_a_scan_without_diacritics(tmp_path, store, uow, data, names):
    someone = data.citizens[0]
    from fieldapp.domain.text import fold

    bare = fold(someone.full_name).title()
    with uow() as u:
        u.repo.add_citizen(replace(someone, full_name=bare), name_source="scan")
        u.commit()
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    result = lists.import_list(
        uow(), lists.preview_list(uow(), path, "police"), valid_only=False, actor=police_of(uow)
    )
    assert result.citizens_updated == 1 and result.rejected == 0
    with uow() as u:
        assert u.repo.get_citizen(someone.personal_id).full_name == someone.full_name
        assert u.repo.search_citizens(fold(someone.full_name))  # the word index follows the name


def test_a_crash_mid_import_leaves_the_store_unchanged(
    tmp_path, store, uow, data, names, monkeypatch
):
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    preview = lists.preview_list(uow(), path, "police")
    before = snapshot(store)
    real = lists_queries.bulk_insert

    def crash_on_facts(session, model, keys, rows, **options):
        real(session, model, keys, rows, **options)
        if model.__name__ == "OfficialFact":
            raise OSError("disk pulled out")

    monkeypatch.setattr(lists_queries, "bulk_insert", crash_on_facts)
    with pytest.raises(OSError):
        lists.import_list(uow(), preview, valid_only=False, actor=police_of(uow))
    assert snapshot(store) == before
    assert _foreign_keys_on(store)


def test_cancel_leaves_the_store_unchanged(tmp_path, store, uow, data, names):
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    preview = lists.preview_list(uow(), path, "police")
    before = snapshot(store)

    class CancelAfterWork:
        cancelled = False

        def report(self, done, total):
            if done > 0:
                self.cancelled = True

    with pytest.raises(CancelledError):
        lists.import_list(
            uow(), preview, valid_only=False, progress=CancelAfterWork(), actor=police_of(uow)
        )
    assert snapshot(store) == before


def test_the_mapping_is_remembered_per_kind(tmp_path, store, uow, data, names):
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    preview = lists.preview_list(uow(), path, "police")
    phone_col = POLICE_HEADER.index("SĐT")
    assert preview.mapping[phone_col] is ListColumn.PHONE
    changed = dict(preview.mapping)
    changed[phone_col] = ListColumn.IGNORE
    preview = lists.remap(uow(), preview, changed)
    assert phone_col not in preview.mapping
    lists.import_list(uow(), preview, valid_only=False, actor=police_of(uow))
    with uow() as u:
        assert u.repo.get_citizen(data.citizens[0].personal_id).phone is None
    again = lists.preview_list(uow(), path, "police")
    assert phone_col not in again.mapping
    other = lists.preview_list(uow(), path, "help")
    assert other.mapping[phone_col] is ListColumn.PHONE


def test_beneficiary_and_help_lists(tmp_path, store, uow, data, names):
    header = ("STT", "Họ và tên", "Số định danh", "Năm sinh", "Thôn", "Đối tượng",
              "Tình trạng chi trả", "Người được ủy quyền")  # fmt: skip
    groups = ["Người có công", "Bảo trợ xã hội", "Hưu trí xã hội"]
    payments = ["Đã nhận chi trả qua tài khoản", "Chưa có tài khoản", ""]
    rows = [
        [
            i + 1,
            c.full_name,
            c.personal_id,
            c.birth_date.year,
            names[c.village_id],
            groups[i % 3],
            payments[i % 3],
            "Trần Văn Phụ" if i == 0 else "",
        ]
        for i, c in enumerate(data.citizens[:6])
    ]
    path = write_csv(tmp_path / "bt.csv", header, rows, encoding="cp1258", delimiter=";")
    preview = lists.preview_list(uow(), path, "beneficiary")
    assert preview.error_list == []
    result = lists.import_list(uow(), preview, valid_only=False, actor=police_of(uow))
    assert result.imported == 6
    with uow() as u:
        c0 = data.citizens[0]
        assert u.repo.get_citizen(c0.personal_id).beneficiary_group is dm.BeneficiaryGroup.MERIT
        facts = {(f.field, f.value) for f in u.repo.facts_for(c0.personal_id)}
        assert (dm.FactField.PAYMENT_STATUS, "paid_to_account") in facts
        assert (dm.FactField.PROXY_NAME, "Trần Văn Phụ") in facts
        assert all(f.source_kind == "beneficiary_list" for f in u.repo.facts_for(c0.personal_id))
        c2 = data.citizens[2]
        assert dm.FactField.PAYMENT_STATUS not in {
            f.field for f in u.repo.facts_for(c2.personal_id)
        }

    help_rows = [[1, data.citizens[0].full_name, data.citizens[0].personal_id, "Mắt kém"]]
    help_path = write_xlsx(
        tmp_path / "hotro.xlsx", ("STT", "Họ tên", "Số CCCD", "Ghi chú"), help_rows
    )
    result = lists.import_list(
        uow(), lists.preview_list(uow(), help_path, "help"), valid_only=False, actor=police_of(uow)
    )
    assert result.imported == 1
    with uow() as u:
        facts = {(f.field, f.value) for f in u.repo.facts_for(data.citizens[0].personal_id)}
        assert (dm.FactField.NEEDS_HELP, "Mắt kém") in facts


def test_a_beneficiary_list_without_a_group_column(tmp_path, store, uow, data, names):
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    preview = lists.preview_list(uow(), path, "beneficiary")
    assert preview.missing == [ListColumn.BENEFICIARY_GROUP]
    with pytest.raises(ValidationError) as err:
        lists.import_list(uow(), preview, valid_only=True, actor=police_of(uow))
    assert err.value.message_id == "lists.missing_column"


def test_cli_import_list(tmp_path, store, db_url, data, names, capsys, monkeypatch):
    act_as_police(monkeypatch, store)
    rows = police_rows(data.citizens, names)
    rows[0][2] = 12345  # far too short
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, rows)
    out = tmp_path / "loi.xlsx"
    code = cli_main(["--db", db_url, "import-list", str(path), "--kind", "police"])
    assert code == 3
    err = capsys.readouterr().err
    assert "cột 'Số CCCD/Số định danh cá nhân': 5 chữ số, cần 12" in err
    assert "(Row" in err and "Không nhập gì" not in err
    code = cli_main(
        [
            "--db",
            db_url,
            "import-list",
            str(path),
            "--kind",
            "police",
            "--valid-only",
            "--rejected-out",
            str(out),
        ]
    )
    assert code == 0
    said = capsys.readouterr().out
    assert f"Đã nhập {len(rows) - 1} dòng" in said and out.exists()
    code = cli_main(
        [
            "--db",
            db_url,
            "--lang",
            "en",
            "import-list",
            str(path),
            "--kind",
            "police",
            "--valid-only",
        ]
    )
    assert code == 0
    said = capsys.readouterr()
    assert f"0 rows imported, {len(rows) - 1} unchanged" in said.out
    assert "Row " in said.err and "Dòng" not in said.err


def test_cli_chooses_which_of_two_rows_with_one_id_stays(
    tmp_path, store, db_url, data, names, capsys, monkeypatch, uow
):
    act_as_police(monkeypatch, store)
    rows = police_rows(data.citizens[:3], names)
    poorer = list(rows[0])
    poorer[6] = ""  # a later row without the phone
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, [*rows, poorer])
    args = ["--db", db_url, "import-list", str(path), "--kind", "police", "--dry-run"]
    assert cli_main([*args, "--duplicates", "fuller"]) == 0
    assert "(dòng nhiều thông tin hơn" in capsys.readouterr().err
    assert cli_main([*args[:-1], "--duplicates", "later"]) == 0
    assert "giữ dòng 10 (dòng sau)" in capsys.readouterr().err
    with uow() as u:
        assert u.repo.get_citizen(data.citizens[0].personal_id).phone is None
    assert cli_main([*args, "--duplicates", "first"]) != 0


def test_cli_refuses_an_image(tmp_path, db_url, store, capsys, monkeypatch):
    act_as_police(monkeypatch, store)
    fake = tmp_path / "anh.xlsx"
    fake.write_bytes(b"\xff\xd8\xff\xe0" + bytes(64))
    assert cli_main(["--db", db_url, "import-list", str(fake), "--kind", "help"]) == 3
    assert "hình ảnh" in capsys.readouterr().err


def test_fact_ids_are_uuid5_of_what_the_file_says():
    import uuid

    from fieldapp.ingest.columns import ListKind

    made = lists.fact_id(ListKind.POLICE, "ab12", "038190012345", dm.FactField.EID_LEVEL, "2")
    expected = uuid.uuid5(lists.FACT_NAMESPACE, "police|ab12|038190012345|eid_level|2")
    assert made == expected and made.version == 5 and hash(made) == hash(expected)
    assert str(made) == str(expected)


def _foreign_keys_on(engine) -> bool:
    if engine.dialect.name != "sqlite":
        return True  # always enforced on PostgreSQL
    with engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1


def _cache_size(engine) -> int:
    with engine.connect() as conn:
        return conn.exec_driver_sql("PRAGMA cache_size").scalar_one()


def test_foreign_keys_are_on_again_after_an_import(tmp_path, store, uow, data, names, monkeypatch):
    """Also the page cache: the import's 256 MB must not stay with the desk's connection."""
    if store.dialect.name != "sqlite":
        pytest.skip("SQLite's foreign-key pragma only")
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    cache_before = _cache_size(store)
    lists.import_list(
        uow(), lists.preview_list(uow(), path, "police"), valid_only=False, actor=police_of(uow)
    )
    assert _foreign_keys_on(store)
    assert _cache_size(store) == cache_before > lists_queries.LIST_CACHE_KIB
    real = lists_queries.bulk_insert

    def crash(session, model, keys, rows):
        raise OSError("disk pulled out")

    monkeypatch.setattr(lists_queries, "bulk_insert", crash)
    other = write_xlsx(tmp_path / "ds2.xlsx", POLICE_HEADER, police_rows(data.citizens[:3], names))
    with pytest.raises(OSError):
        lists.import_list(
            uow(),
            lists.preview_list(uow(), other, "police"),
            valid_only=False,
            actor=police_of(uow),
        )
    monkeypatch.setattr(lists_queries, "bulk_insert", real)
    assert _foreign_keys_on(store)
    # And the store still refuses a fact about nobody.
    with store.connect() as conn, pytest.raises(Exception, match="FOREIGN KEY"):
        conn.exec_driver_sql(
            "INSERT INTO official_fact (id, personal_id, field, value, import_id) "
            "VALUES (x'00', '000000000000', 'f', 'v', (SELECT min(id) FROM list_import))"
        )


def test_small_write_chunks_give_the_same_store(tmp_path, store, uow, data, names, monkeypatch):
    monkeypatch.setattr(lists, "_WRITE_CHUNK", 4)
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    reports = []

    class Watch:
        cancelled = False

        def report(self, done, total):
            reports.append(done)

    first = lists.import_list(
        uow(),
        lists.preview_list(uow(), path, "police"),
        valid_only=False,
        progress=Watch(),
        actor=police_of(uow),
    )
    assert first.imported == len(data.citizens) and len(reports) > 5
    before = snapshot(store)
    again = lists.import_list(
        uow(), lists.preview_list(uow(), path, "police"), valid_only=False, actor=police_of(uow)
    )
    assert again.unchanged == len(data.citizens) and snapshot(store) == before
    # A later list gives one citizen a new phone: only that citizen is updated.
    rows = police_rows(data.citizens, names)
    rows[5][6] = 912000111
    result = lists.import_list(
        uow(),
        lists.preview_list(uow(), write_xlsx(tmp_path / "ds2.xlsx", POLICE_HEADER, rows), "police"),
        valid_only=False,
        actor=police_of(uow),
    )
    assert result.citizens_updated == 1 and result.citizens_added == 0
    with uow() as u:
        assert u.repo.get_citizen(data.citizens[5].personal_id).phone == "0912000111"
        assert u.repo.get_citizen(data.citizens[6].personal_id).phone == data.citizens[6].phone


def test_the_word_index_holds_every_imported_name_and_its_trigger_comes_back(
    tmp_path, store, uow, data, names
):
    """The import feeds the name index itself (faster than the trigger), then restores it."""
    from fieldapp.domain.text import fold_name

    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    preview = lists.preview_list(uow(), path, "police")
    lists.import_list(uow(), preview, valid_only=False, actor=police_of(uow))
    with store.connect() as conn:
        expected = sorted(
            {(w, c.personal_id) for c in data.citizens for w in fold_name(c.full_name).split()}
        )
        assert name_word_index(conn) == expected
        if conn.dialect.name == "sqlite":
            triggers = conn.execute(
                text("SELECT name FROM sqlite_master WHERE type = 'trigger'")
            ).scalars()
            assert "citizen_name_word_insert" in set(triggers)


def test_a_big_csv_is_parsed_once_and_imports_as_a_small_one(
    tmp_path, store, uow, data, names, monkeypatch
):
    """A CSV too big to hold keeps its checked rows on disk: the same rows, errors, notices."""
    from fieldapp.ingest import limits

    rows = police_rows(data.citizens, names, numeric_ids=False)
    rows.append(list(rows[2]))  # a plain repeat
    changed = list(rows[4])
    changed[6] = ""  # the same ID with less data
    rows.append(changed)
    rows[7][2] = "12345"  # a bad ID
    path = write_csv(tmp_path / "ds.csv", POLICE_HEADER, rows)
    held = lists.preview_list(uow(), path, "police")
    monkeypatch.setattr(limits, "CSV_HELD_BYTES", 0)
    big = lists.preview_list(uow(), path, "police")
    assert not held.table.streamed and big.table.streamed
    assert big.parsed.rows == [] and big.spill is not None
    assert list(big.iter_valid_rows()) == list(held.iter_valid_rows())
    assert big.error_list == held.error_list and len(big.error_list) == 1
    assert big.notices == held.notices and len(big.notices) == 2
    result = lists.import_list(uow(), big, valid_only=True, actor=police_of(uow))
    assert result.citizens_added == len(data.citizens) - 1


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "ods", "csv"])
def test_a_big_workbook_is_read_a_row_at_a_time_and_imports_as_a_small_one(
    tmp_path, store, uow, data, names, monkeypatch, fmt
):
    """Above the limit a sheet's rows are made one at a time (calamine's iter_rows): the
    preview holds only the first rows, yet finds the same rows, errors and rejected rows."""
    from fieldapp.ingest import limits

    rows = police_rows(data.citizens, names)
    rows[-2][2] = 12345  # a bad ID near the end, beyond the rows held
    writer = {"xlsx": write_xlsx, "xls": write_xls, "ods": write_ods, "csv": write_csv}[fmt]
    path = writer(tmp_path / f"ds.{fmt}", POLICE_HEADER, rows)
    held = lists.preview_list(uow(), path, "police")
    monkeypatch.setattr(limits, "WORKBOOK_HELD_ROWS", 5)
    monkeypatch.setattr(limits, "CSV_HELD_BYTES", 0)
    monkeypatch.setattr("fieldapp.ingest.files._HEAD_ROWS", 10)
    big = lists.preview_list(uow(), path, "police")
    assert big.table.streamed and len(big.table.rows) == 10 < len(rows)
    assert list(big.iter_valid_rows()) == list(held.iter_valid_rows())
    assert big.error_list == held.error_list and len(big.error_list) == 1
    assert big.sample(3) == held.sample(3)
    out = tmp_path / "loi.xlsx"
    assert lists.save_rejected(big, big.errors, out) == 1
    sheet = openpyxl.load_workbook(out).active
    assert str(sheet.cell(sheet.max_row, 3).value) == "12345"
    result = lists.import_list(uow(), big, valid_only=True, actor=police_of(uow))
    assert result.citizens_added == len(data.citizens) - 1


def test_a_newer_list_writes_only_the_facts_that_changed(tmp_path, store, uow, data, names):
    """Lean rows (issue 17): next week's list repeating this week's writes one fact per change."""
    rows = police_rows(data.citizens, names)
    first = write_xlsx(tmp_path / "tuan1.xlsx", POLICE_HEADER, rows)
    lists.import_list(
        uow(), lists.preview_list(uow(), first, "police"), valid_only=False,
        actor=police_of(uow), as_of=date(2026, 5, 20),
    )  # fmt: skip
    before = counts(store)
    rows[1][7] = "x"  # one person activated since
    newer = write_xlsx(tmp_path / "tuan2.xlsx", POLICE_HEADER, rows)
    result = lists.import_list(
        uow(), lists.preview_list(uow(), newer, "police"), valid_only=False,
        actor=police_of(uow), as_of=date(2026, 5, 27),
    )  # fmt: skip
    assert (result.imported, result.unchanged, result.facts_added) == (1, len(rows) - 1, 1)
    after = counts(store)
    assert after["citizen"] == before["citizen"]
    assert after["official_fact"] == before["official_fact"] + 1

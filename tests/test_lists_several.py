"""One list in several files (issue 14 item 7): one import, one transaction, one progress."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from actors import act_as_police, police_of
from builders import name_word_index
from lists_builders import POLICE_HEADER, commune, police_rows, write_csv, write_xlsx
from sqlalchemy import text

from fieldapp.cli.main import main as cli_main
from fieldapp.demo.loader import load_commune
from fieldapp.domain.errors import ValidationError
from fieldapp.i18n import error_text
from fieldapp.services import lists_several
from fieldapp.services.progress import CancelledError

TABLES = ("citizen", "official_fact", "village", "setting")
TODAY = date(2026, 5, 20)


@pytest.fixture
def data():
    return commune(30, seed=21)


def snapshot(engine) -> dict[str, list]:
    with engine.connect() as conn:
        tables = {t: sorted(map(tuple, conn.execute(text(f"SELECT * FROM {t}")))) for t in TABLES}
        return tables | {"name words": name_word_index(conn)}


def three_files(tmp_path, data, names, rows=None):
    """The commune's police list cut in three: an xlsx, a CSV and another xlsx."""
    rows = rows or police_rows(data.citizens, names)
    a, b, c = rows[:10], rows[10:20], rows[20:]
    return [
        write_xlsx(tmp_path / "huyen_a.xlsx", POLICE_HEADER, a),
        write_csv(tmp_path / "huyen_b.csv", POLICE_HEADER, b),
        write_xlsx(tmp_path / "huyen_c.xlsx", POLICE_HEADER, c),
    ]


class Watch:
    """A progress that records every report, and cancels once past `cancel_after` rows."""

    def __init__(self, cancel_after: int | None = None) -> None:
        self.reports: list[tuple[int, int]] = []
        self.cancel_after = cancel_after
        self.cancelled = False

    def report(self, done: int, total: int) -> None:
        self.reports.append((done, total))
        if self.cancel_after is not None and done > self.cancel_after:
            self.cancelled = True


def test_three_files_import_as_one_list_with_one_progress(tmp_path, store, uow, data, names):
    paths = three_files(tmp_path, data, names)
    reading = Watch()
    several = lists_several.preview_lists(uow(), paths, "police", today=TODAY, progress=reading)
    assert [p.table.file_name for p in several.files] == [p.name for p in paths]
    assert several.error_lines() == [] and several.will_import == len(data.citizens)
    assert several.data_rows == len(data.citizens)
    # each file's checked rows wait on disk, not in memory (twenty files would hold twenty)
    assert all(p.parsed.rows == [] and p.spill is not None for p in several.files)
    watch = Watch()
    result = lists_several.import_lists(
        uow(), several, valid_only=False, progress=watch, actor=police_of(uow)
    )
    assert result.imported == len(data.citizens) and result.rejected == 0
    assert [(name, r.imported) for name, r in result.files] == [
        ("huyen_a.xlsx", 10),
        ("huyen_b.csv", 10),
        ("huyen_c.xlsx", len(data.citizens) - 20),
    ]
    # one progress across the files: one total, counts that only grow, ending at the total
    totals = {total for _, total in watch.reports}
    assert totals == {len(data.citizens)}
    done = [d for d, _ in watch.reports]
    assert done == sorted(done) and done[-1] == len(data.citizens) and len(set(done)) > 3
    ids = [c.personal_id for c in data.citizens]
    with uow() as u:
        assert set(u.repo.citizens_by_ids(ids)) == set(ids) and u.repo.count_citizens() == len(ids)


def test_a_new_village_named_in_two_files_is_added_once(tmp_path, engine, uow, data, names):
    load_commune(engine, replace(data, citizens=[], villages=data.villages[:1]), this_point=None)
    paths = three_files(tmp_path, data, names)
    several = lists_several.preview_lists(uow(), paths, "police", add_villages=True)
    assert several.villages.unknown  # every other village, counted over the three files
    assert sum(several.villages.unknown.values()) == sum(
        1 for c in data.citizens if c.village_id != data.villages[0].id
    )
    result = lists_several.import_lists(uow(), several, valid_only=False, actor=police_of(uow))
    assert sorted(result.villages_added) == sorted(v.name for v in data.villages[1:])
    with uow() as u:
        villages = {v.name: v.id for v in u.repo.villages()}
        found = u.repo.citizens_by_ids([c.personal_id for c in data.citizens])
        citizens = {pid: c.village_id for pid, c in found.items()}
    assert len(villages) == len(data.villages)  # no village twice
    expected = {c.personal_id: villages[names[c.village_id]] for c in data.citizens}
    assert citizens == expected


def test_cancel_in_the_last_file_leaves_nothing_of_any_file(tmp_path, store, uow, data, names):
    paths = three_files(tmp_path, data, names)
    several = lists_several.preview_lists(uow(), paths, "police")
    before = snapshot(store)
    watch = Watch(cancel_after=20)  # the first two files are written by then
    with pytest.raises(CancelledError):
        lists_several.import_lists(
            uow(), several, valid_only=False, progress=watch, actor=police_of(uow)
        )
    assert max(d for d, _ in watch.reports) > 20
    assert snapshot(store) == before


def test_an_error_names_its_file_and_row_and_nothing_is_imported(tmp_path, store, uow, data, names):
    rows = police_rows(data.citizens, names)
    rows[13][2] = 12345  # the 4th person of the second file
    paths = three_files(tmp_path, data, names, rows)
    several = lists_several.preview_lists(uow(), paths, "police")
    bad_row = several.files[1].error_list[0].row
    assert several.error_lines() == [
        f"Tệp «huyen_b.csv»: Dòng {bad_row}, cột 'Số CCCD/Số định danh cá nhân': 5 chữ số, cần 12"
    ]
    assert "File 'huyen_b.csv': Row" in several.error_lines("en")[0]
    before = snapshot(store)
    with pytest.raises(ValidationError) as refused:
        lists_several.import_lists(uow(), several, valid_only=False, actor=police_of(uow))
    said = error_text(refused.value, "vi")
    assert "huyen_b.csv" in said and f"Dòng {bad_row}" in said
    assert snapshot(store) == before
    result = lists_several.import_lists(uow(), several, valid_only=True, actor=police_of(uow))
    assert result.imported == len(data.citizens) - 1 and result.rejected == 1
    assert [name for name, r in result.files if r.rejected] == ["huyen_b.csv"]


@pytest.mark.parametrize("rule", ["fuller", "later"])
def test_a_person_in_two_files_is_settled_by_the_duplicate_rule_over_all_files(
    tmp_path, store, uow, data, names, rule
):
    """The files are one list: an ID in two files is one row kept by the user's rule (a later
    file's row is the later row), the other reported by file and row, never both dropped."""
    rows = police_rows(data.citizens, names)
    again = list(rows[2])  # the 3rd person of the first file, again in the third file
    again[1] = "Phạm Thị Khác"
    rows.append(again)
    paths = three_files(tmp_path, data, names, rows)
    several = lists_several.preview_lists(uow(), paths, "police", duplicates=rule)
    assert several.error_lines() == []
    first_row = several.files[0].sample(3)[2][0]
    later_row = several.files[2].sample(len(rows))[-1][0]
    kept = "(dòng sau)" if rule == "later" else "(dòng nhiều thông tin hơn; bằng nhau thì dòng sau)"
    assert several.notice_lines() == [
        f"Tệp «huyen_a.xlsx»: Dòng {first_row}, cột 'Số CCCD/Số định danh cá nhân': cùng số "
        f"định danh với dòng {later_row} của tệp «huyen_c.xlsx» nhưng thông tin khác: giữ "
        f"dòng đó {kept}"
    ]
    assert several.will_import == len(data.citizens)
    result = lists_several.import_lists(uow(), several, valid_only=False, actor=police_of(uow))
    assert result.imported == len(data.citizens) and result.rejected == 0
    with uow() as u:
        assert u.repo.get_citizen(data.citizens[2].personal_id).full_name == "Phạm Thị Khác"


def test_a_name_the_store_knows_otherwise_is_refused_by_file_and_row(
    tmp_path, store, uow, data, names
):
    rows = police_rows(data.citizens, names)
    paths = three_files(tmp_path, data, names, rows)
    lists_several.import_lists(
        uow(), lists_several.preview_lists(uow(), paths[2:], "police"), valid_only=False,
        actor=police_of(uow),
    )  # fmt: skip
    rows[25][1] = "Phạm Thị Khác"  # next week's third file names a stored person otherwise
    paths = three_files(tmp_path, data, names, rows)
    several = lists_several.preview_lists(uow(), paths, "police")
    assert several.error_lines()[0].startswith("Tệp «huyen_c.xlsx»: Dòng ")
    assert "Phạm Thị Khác" in several.error_lines()[0]
    before = snapshot(store)
    with pytest.raises(ValidationError) as refused:
        lists_several.import_lists(uow(), several, valid_only=False, actor=police_of(uow))
    assert "huyen_c.xlsx" in error_text(refused.value, "vi")
    assert snapshot(store) == before


def test_cli_imports_several_files_in_one_call(
    tmp_path, store, uow, db_url, data, names, capsys, monkeypatch
):
    act_as_police(monkeypatch, store)
    rows = police_rows(data.citizens, names)
    rows[25][2] = 12345
    paths = [str(p) for p in three_files(tmp_path, data, names, rows)]
    args = ["--db", db_url, "import-list", *paths, "--kind", "police"]
    assert cli_main(args) == 3
    err = capsys.readouterr().err
    assert "Tệp «huyen_c.xlsx»: Dòng" in err and "5 chữ số, cần 12" in err
    with uow() as u:
        assert u.repo.count_citizens() == 0
    out = tmp_path / "loi.xlsx"
    assert cli_main([*args, "--valid-only", "--rejected-out", str(out)]) == 0
    said = capsys.readouterr().out
    assert f"3 tệp, một lần nhập: đã nhập {len(data.citizens) - 1} dòng" in said
    assert (tmp_path / "loi_huyen_c.xlsx").exists() and not (tmp_path / "loi_huyen_a.xlsx").exists()
    with uow() as u:
        assert u.repo.count_citizens() == len(data.citizens) - 1


def test_account_levels_and_smartphones_survive_the_rows_kept_on_disk(
    tmp_path, store, uow, data, names
):
    """Several files' checked rows wait on disk: a level-1 holder must not come back as level
    2, nor a "no smartphone" as nothing said (issue 14 item 5; issue 18 item 3)."""
    header = (*POLICE_HEADER, "Mức độ tài khoản ĐDĐT", "Điện thoại thông minh")
    rows = [
        [*row, "Mức 1" if i % 2 else "Mức 2", "Có" if i % 3 else "Không"]
        for i, row in enumerate(police_rows(data.citizens, names))
    ]
    paths = [
        write_xlsx(tmp_path / "huyen_a.xlsx", header, rows[:15]),
        write_csv(tmp_path / "huyen_b.csv", header, rows[15:]),
    ]
    several = lists_several.preview_lists(uow(), paths, "police", today=TODAY)
    assert all(p.spill is not None for p in several.files)
    lists_several.import_lists(uow(), several, valid_only=False, actor=police_of(uow))
    said = {}
    with uow() as u:
        for c in data.citizens:
            facts = {f.field.value: f.value for f in u.repo.facts_for(c.personal_id)}
            said[c.personal_id] = (facts.get("eid_level"), facts.get("has_smartphone"))
    assert said == {
        c.personal_id: ("1" if i % 2 else "2", "true" if i % 3 else "false")
        for i, c in enumerate(data.citizens)
    }


@pytest.mark.parametrize("shape", ["one held file", "one streamed CSV", "three files"])
def test_each_row_is_parsed_once_from_preview_to_import(
    tmp_path, store, uow, data, names, monkeypatch, shape
):
    """One path for one file and several (issue 14): the import writes the rows the preview
    checked (held, or kept on disk) and never reads and parses the file again."""
    from fieldapp.ingest import limits, rows

    parsed: list[int] = []
    parse = rows._RowParser.parse

    def counting(self, index, row):
        parsed.append(index)
        return parse(self, index, row)

    monkeypatch.setattr(rows._RowParser, "parse", counting)
    if shape == "three files":
        paths = three_files(tmp_path, data, names)
    else:
        paths = [write_csv(tmp_path / "ds.csv", POLICE_HEADER, police_rows(data.citizens, names))]
    if shape == "one streamed CSV":
        monkeypatch.setattr(limits, "CSV_HELD_BYTES", 0)
    several = lists_several.preview_lists(uow(), paths, "police", today=TODAY)
    assert several.files[0].table.streamed is (shape == "one streamed CSV")
    assert len(parsed) == len(data.citizens)
    result = lists_several.import_lists(uow(), several, valid_only=False, actor=police_of(uow))
    assert result.imported == len(data.citizens)
    assert len(parsed) == len(data.citizens)  # not one row parsed again

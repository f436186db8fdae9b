"""Re-importing a list: a row that repeats what the store knows writes nothing (issues 14, 17).

The citizen row keeps a digest of what the last list said (`list_digest`): an unchanged row
is recognised from the citizen row alone, its facts are not read back; a changed row is
written as before; a fact from elsewhere (the desk, a bundle) makes the next row read in full.
"""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from actors import police_of
from lists_builders import POLICE_HEADER, commune, police_rows, write_csv, write_xlsx
from sqlalchemy import text

from fieldapp.domain import model as dm
from fieldapp.services import lists
from fieldapp.store import lists_queries

TABLES = ("citizen", "official_fact", "list_import", "citizen_status")


@pytest.fixture
def data():
    return commune(25, seed=8)


@pytest.fixture
def facts_read(monkeypatch):
    """The personal IDs whose stored facts the import read back (the calls still run)."""
    asked: list[str] = []
    latest, known = lists_queries.latest_official_facts, lists_queries.existing_fact_ids

    def latest_spy(session, ids):
        asked.extend(ids)
        return latest(session, ids)

    def known_spy(session, ids, kind):
        asked.extend(ids)
        return known(session, ids, kind)

    monkeypatch.setattr(lists_queries, "latest_official_facts", latest_spy)
    monkeypatch.setattr(lists_queries, "existing_fact_ids", known_spy)
    return asked


def counts(engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in TABLES}


def updated_times(engine) -> dict[str, object]:
    with engine.connect() as conn:
        return dict(conn.execute(text("SELECT personal_id, updated_at FROM citizen")).all())


def _import(uow, path, day):
    preview = lists.preview_list(uow(), path, "police")
    return lists.import_list(uow(), preview, valid_only=False, as_of=day, actor=police_of(uow))


def _facts_of(uow, pid, field):
    with uow() as u:
        return sorted((f.as_of, f.value) for f in u.repo.facts_for(pid) if f.field is field)


def test_an_unchanged_list_writes_no_row_and_reads_no_fact_back(
    tmp_path, store, uow, data, names, facts_read
):
    rows = police_rows(data.citizens, names)
    _import(uow, write_xlsx(tmp_path / "tuan1.xlsx", POLICE_HEADER, rows), date(2026, 5, 20))
    before, times = counts(store), updated_times(store)
    facts_read.clear()
    # next week's list, the same rows: a new file (a new source), nothing new in it
    again = _import(uow, write_csv(tmp_path / "tuan2.csv", POLICE_HEADER, rows), date(2026, 5, 27))
    assert (again.imported, again.unchanged, again.facts_added) == (0, len(rows), 0)
    assert counts(store) == before  # no fact row, no list_import row, no projection row
    assert updated_times(store) == times  # no citizen marked changed (bundles carry those)
    assert facts_read == []


def test_a_changed_row_in_an_otherwise_unchanged_list_is_written(
    tmp_path, store, uow, data, names, facts_read
):
    rows = police_rows(data.citizens, names)
    _import(uow, write_xlsx(tmp_path / "tuan1.xlsx", POLICE_HEADER, rows), date(2026, 5, 20))
    before = counts(store)
    facts_read.clear()
    assert rows[1][7] == ""
    rows[1][7] = "x"  # row 2 activated since
    result = _import(
        uow, write_xlsx(tmp_path / "tuan2.xlsx", POLICE_HEADER, rows), date(2026, 5, 27)
    )
    assert (result.imported, result.unchanged, result.facts_added) == (1, len(rows) - 1, 1)
    after = counts(store)
    assert after["official_fact"] == before["official_fact"] + 1
    pid = data.citizens[1].personal_id
    assert _facts_of(uow, pid, dm.FactField.EID_ACTIVATED) == [(date(2026, 5, 27), "true")]
    assert set(facts_read) == {pid}  # only the changed row's facts were read back
    # and the store now knows it: the same list again is unchanged throughout
    facts_read.clear()
    same = _import(uow, write_xlsx(tmp_path / "tuan3.xlsx", POLICE_HEADER, rows), date(2026, 6, 3))
    assert (same.imported, same.facts_added, facts_read) == (0, 0, [])


def test_a_fact_from_elsewhere_makes_the_next_row_say_its_facts_again(
    tmp_path, store, uow, data, names, facts_read
):
    """The desk (or a bundle) says "not linked" after the list said "linked": next week's
    list saying "linked" again is news and is written, not skipped as unchanged."""
    rows = police_rows(data.citizens, names)
    assert rows[0][8] == "Đã tích hợp"
    _import(uow, write_xlsx(tmp_path / "tuan1.xlsx", POLICE_HEADER, rows), date(2026, 5, 20))
    pid = data.citizens[0].personal_id
    with uow() as u:
        u.repo.add_fact(
            dm.OfficialFact(
                uuid.uuid4(), pid, dm.FactField.BENEFIT_LINKED, "false", "beneficiary_list",
                "asxh.xlsx", date(2026, 5, 22),
            )
        )  # fmt: skip
        u.commit()
    facts_read.clear()
    # another file (another SHA-256: the same bytes would be the same list, said before)
    result = _import(uow, write_csv(tmp_path / "tuan2.csv", POLICE_HEADER, rows), date(2026, 5, 27))
    assert (result.imported, result.facts_added) == (1, 1)
    assert set(facts_read) == {pid}
    assert _facts_of(uow, pid, dm.FactField.BENEFIT_LINKED) == [
        (date(2026, 5, 20), "true"),
        (date(2026, 5, 22), "false"),
        (date(2026, 5, 27), "true"),
    ]

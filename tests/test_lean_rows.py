"""Lean rows (issue 17): facts refer to their list import, ids in 16 bytes, a narrower projection.

The migration is tested from a store of the previous version holding facts and projection
rows written the old way; the rest through the list importer and the repository.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from actors import police_of
from lists_builders import POLICE_HEADER, commune, police_rows, write_csv
from sqlalchemy import text

from fieldapp.domain import model as dm
from fieldapp.services import lists, lookup
from fieldapp.store.engine import make_engine
from fieldapp.store.migrate import head_revision, migrate, upgrade
from fieldapp.store.uow import SqlUnitOfWork

pytestmark = pytest.mark.postgres

PREVIOUS = "0015_name_words_pg"
PID, OTHER = "038095000123", "038195000456"
VILLAGE = uuid.UUID("6f1c2a4e-93b5-4c1d-8e7f-0a1b2c3d4e5f")
FACT_IDS = [uuid.UUID(int=0x1000 + i) for i in range(3)]


def _at(engine, revision: str) -> None:
    migrate(engine, revision)


def _old_store(url: str):
    """A store at the previous revision with two lists' facts and projection rows."""
    engine = make_engine(url)
    _at(engine, PREVIOUS)
    hex_ = "{:032x}".format
    with engine.begin() as c:
        for pid, name, folded in (
            (PID, "Nguyễn Thị Hương", "nguyen thi huong"),
            (OTHER, "Trần Văn Bình", "tran van binh"),
        ):
            c.execute(
                text(
                    "INSERT INTO citizen (personal_id, full_name, name_folded, address, "
                    "village_id, name_source, created_at, updated_at) VALUES (:pid, :name, "
                    ":folded, '', :v, 'official_list', '2026-05-01 00:00:00', "
                    "'2026-05-01 00:00:00')"
                ),
                # a village id as SQLite kept it (32 hex digits; PostgreSQL reads it too)
                {"pid": pid, "name": name, "folded": folded, "v": hex_(VILLAGE.int)},
            )
        facts = [
            (FACT_IDS[0], PID, "eid_level", "2", "ds-0501.xlsx", "2026-05-01"),
            (FACT_IDS[1], OTHER, "eid_level", "2", "ds-0501.xlsx", "2026-05-01"),
            (FACT_IDS[2], PID, "eid_activated", "true", "ds-0508.xlsx", "2026-05-08"),
        ]
        for fid, pid, field, value, source, as_of in facts:
            c.execute(
                text(
                    "INSERT INTO official_fact (id, personal_id, field, value, source_kind, "
                    "source_file, as_of, imported_at) VALUES (:id, :pid, :field, :value, "
                    "'police_level2', :source, :as_of, :at)"
                ),
                {
                    "id": hex_(fid.int),
                    "pid": pid,
                    "field": field,
                    "value": value,
                    "source": source,
                    "as_of": as_of,
                    "at": f"{as_of} 03:04:05.123456",
                },
            )
        for day_from, day_until, level in (
            ("0001-01-01", "2026-05-01", 0),
            ("2026-05-01", "9999-12-31", 4),
        ):
            c.execute(
                text(
                    "INSERT INTO citizen_status (personal_id, day_from, day_until, village_id, "
                    "point_id, visits, eid_application, eid_activation, bank_account, "
                    "biometric_verified, benefit_link, eligible) VALUES (:pid, :a, :b, :v, "
                    "NULL, 0, :level, 0, 0, 0, 0, false)"
                ),
                {"pid": OTHER, "a": day_from, "b": day_until, "v": hex_(VILLAGE.int),
                 "level": level},
            )  # fmt: skip
    return engine


def test_a_store_of_the_previous_version_keeps_its_facts_and_projection(empty_db_url):
    engine = _old_store(empty_db_url)
    assert upgrade(engine) is not None or engine.dialect.name != "sqlite"  # copied aside first
    with engine.connect() as c:
        imports = c.execute(
            text("SELECT source_file, as_of, imported_at FROM list_import ORDER BY source_file")
        ).all()
        assert [(r[0], str(r[1])[:10]) for r in imports] == [
            ("ds-0501.xlsx", "2026-05-01"),
            ("ds-0508.xlsx", "2026-05-08"),
        ]
        assert c.execute(text("SELECT count(*) FROM official_fact")).scalar_one() == 3
        spans = c.execute(
            text(
                "SELECT day_from, day_until, eid_application FROM citizen_status ORDER BY day_from"
            )
        ).all()
    assert [tuple(s) for s in spans] == [
        (date(1, 1, 1).toordinal(), date(2026, 5, 1).toordinal(), 0),
        (date(2026, 5, 1).toordinal(), date(9999, 12, 31).toordinal(), 4),
    ]
    with SqlUnitOfWork(engine) as uow:
        facts = sorted(uow.repo.facts_for(PID), key=lambda f: f.as_of)
    assert facts == [
        dm.OfficialFact(
            FACT_IDS[0], PID, dm.FactField.EID_LEVEL, "2", "police_level2", "ds-0501.xlsx",
            date(2026, 5, 1),
        ),
        dm.OfficialFact(
            FACT_IDS[2], PID, dm.FactField.EID_ACTIVATED, "true", "police_level2",
            "ds-0508.xlsx", date(2026, 5, 8),
        ),
    ]  # fmt: skip
    # the name search's word index still follows citizen (the table was not copied)
    hits = lookup.search(SqlUnitOfWork(engine), "huong")
    assert [h.personal_id for h in hits] == [PID]
    engine.dispose()


def test_the_migration_goes_back_and_forth_with_the_same_facts(empty_db_url):
    engine = _old_store(empty_db_url)
    _at(engine, "0016_lean_rows")
    migrate(engine, PREVIOUS, down=True)
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT personal_id, field, value, source_file, as_of FROM official_fact "
                "ORDER BY source_file, personal_id"
            )
        ).all()
        days = c.execute(text("SELECT day_from FROM citizen_status ORDER BY day_from")).all()
    assert [(r[0], r[1], r[3], str(r[4])[:10]) for r in rows] == [
        (PID, "eid_level", "ds-0501.xlsx", "2026-05-01"),
        (OTHER, "eid_level", "ds-0501.xlsx", "2026-05-01"),
        (PID, "eid_activated", "ds-0508.xlsx", "2026-05-08"),
    ]
    assert [str(d[0])[:10] for d in days] == ["0001-01-01", "2026-05-01"]
    _at(engine, head_revision())
    with SqlUnitOfWork(engine) as uow:
        assert {f.id for f in uow.repo.facts_for(PID)} == {FACT_IDS[0], FACT_IDS[2]}
    engine.dispose()


@pytest.fixture
def data():
    return commune(20, seed=3)


def _import(uow, path, when):
    preview = lists.preview_list(uow(), path, "police")
    return lists.import_list(
        uow(), preview, valid_only=True, now=when, as_of=when.date(), actor=police_of(uow)
    )


def test_each_list_is_one_import_row_its_facts_refer_to(tmp_path, store, uow, data):
    names = {v.id: v.name for v in data.villages}
    first = write_csv(tmp_path / "ds-0501.csv", POLICE_HEADER, police_rows(data.citizens, names))
    done = _import(uow, first, datetime(2026, 5, 1, 8, tzinfo=UTC))
    assert done.facts_added > 0
    with store.connect() as c:
        imports = c.execute(
            text("SELECT id, source_kind, source_file, sha256, user_id FROM list_import")
        ).all()
        assert len(imports) == 1
        row_id, kind, source, sha256, user_id = imports[0]
        assert (kind, source, len(sha256)) == ("police_level2", "ds-0501.csv", 64)
        assert uuid.UUID(str(user_id)) == police_of(uow).id
        refs = c.execute(text("SELECT DISTINCT import_id FROM official_fact")).scalars().all()
        assert refs == [row_id]
    # the same file again writes nothing, not even an import row
    again = _import(uow, first, datetime(2026, 5, 1, 9, tzinfo=UTC))
    assert again.facts_added == 0
    with store.connect() as c:
        assert c.execute(text("SELECT count(*) FROM list_import")).scalar_one() == 1
    # a fact reads whole: the list's kind, file and date come from its import
    pid = data.citizens[0].personal_id
    with uow() as u:
        facts = u.repo.facts_for(pid)
    assert facts and {(f.source_kind, f.source_file, f.as_of) for f in facts} == {
        ("police_level2", "ds-0501.csv", date(2026, 5, 1))
    }


def test_fact_ids_and_projection_ids_take_16_bytes_on_sqlite(tmp_path, store, uow, data):
    if store.dialect.name != "sqlite":
        pytest.skip("PostgreSQL's uuid is 16 bytes already")
    names = {v.id: v.name for v in data.villages}
    path = write_csv(tmp_path / "ds.csv", POLICE_HEADER, police_rows(data.citizens, names))
    _import(uow, path, datetime(2026, 5, 1, 8, tzinfo=UTC))
    with store.connect() as c:
        kinds = c.execute(text("SELECT DISTINCT typeof(id), length(id) FROM official_fact")).all()
        spans = c.execute(
            text(
                "SELECT DISTINCT typeof(village_id), length(village_id), typeof(day_from) "
                "FROM citizen_status WHERE village_id IS NOT NULL"
            )
        ).all()
        options = c.execute(
            text("SELECT sql FROM sqlite_master WHERE name = 'citizen_status'")
        ).scalar_one()
    assert [tuple(k) for k in kinds] == [("blob", 16)]
    assert [tuple(s) for s in spans] == [("blob", 16, "integer")]
    assert "WITHOUT ROWID" in options


def test_a_citizen_known_from_a_list_only_is_one_projection_row(tmp_path, store, uow, data):
    from fieldapp.store import status_projection as sp

    names = {v.id: v.name for v in data.villages}
    path = write_csv(tmp_path / "ds.csv", POLICE_HEADER, police_rows(data.citizens, names))
    _import(uow, path, datetime(2026, 5, 4, 8, tzinfo=UTC))
    with store.connect() as c:
        citizens = c.execute(text("SELECT count(*) FROM citizen")).scalar_one()
        rows = c.execute(text("SELECT count(*) FROM citizen_status")).scalar_one()
        named = c.execute(
            text("SELECT count(*) FROM citizen_status WHERE base IS NOT NULL")
        ).scalar_one()
    assert rows == citizens and named > 0
    # every citizen still counts before the list day, with nothing done yet
    with uow() as u:
        before = sp.cumulative_cells(u.repo.session, date(2026, 5, 3))
        after = sp.cumulative_cells(u.repo.session, date(2026, 5, 4))
    assert sum(cell.count for cell in before) == citizens
    assert sum(cell.count for cell in after) == citizens
    assert not any(cell.marks.level2 for cell in before)
    assert sum(cell.count for cell in after if cell.marks.level2) > 0


def test_a_smartphone_known_before_the_list_day_is_not_new_on_it(tmp_path, store, uow, data):
    """The status before any event (a base) holds the citizen row's own smartphone."""
    from fieldapp.store import status_projection as sp

    first = replace(data.citizens[0], has_smartphone=True)
    with uow() as u:
        u.repo.add_citizen(first, name_source="official_list")
        u.commit()
    names = {v.id: v.name for v in data.villages}
    path = write_csv(tmp_path / "ds.csv", POLICE_HEADER, police_rows([first], names))
    _import(uow, path, datetime(2026, 5, 4, 8, tzinfo=UTC))
    with store.connect() as c:
        base = c.execute(
            text("SELECT base FROM citizen_status WHERE personal_id = :p"),
            {"p": first.personal_id},
        ).scalar_one()
    assert base is not None  # one row: the span before the list day is the base
    with uow() as u:
        cells = sp.new_cells(u.repo.session, date(2026, 5, 4), date(2026, 5, 4))
    assert [(c.before.smartphone, c.after.smartphone, c.after.level2) for c in cells] == [
        (True, True, True)
    ]

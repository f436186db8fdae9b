"""Issue 17, the 2.7 M store: the citizen row with a 16-byte village id, integer day and times.

Migration `0019_lean_citizen` copies `citizen` on SQLite (village id 32 hex digits → 16
bytes, birth date → its ordinal, "YYYY-MM-DD HH:MM:SS.ffffff" → microseconds); PostgreSQL
keeps its schema. A store of the previous version must keep every citizen, their events and
their name search.
"""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest
from lists_builders import POLICE_HEADER, commune, police_rows, write_csv
from sqlalchemy import text

from fieldapp.demo.loader import demo_user, load_commune
from fieldapp.services import lists, lookup
from fieldapp.store import tables as t
from fieldapp.store.engine import make_engine
from fieldapp.store.migrate import head_revision, migrate, upgrade
from fieldapp.store.uow import SqlUnitOfWork

pytestmark = pytest.mark.postgres

BEFORE = "0018_store_key_slots"
PID, OTHER = "038095000123", "038195000456"
COMMUNE = uuid.UUID("0b7e1c2d-3a4f-4e5d-8c6b-7a8f9e0d1c2b")
VILLAGE = uuid.UUID("6f1c2a4e-93b5-4c1d-8e7f-0a1b2c3d4e5f")
VISIT = uuid.UUID(int=0x2000)
CREATED = "2026-05-01 07:08:09.123456"
UPDATED = "2026-05-03 10:11:12.654321"
BORN = "1950-03-04"


def _store_before(url: str):
    """A store at the revision before, rows as that version wrote them (SQLite's text forms)."""
    engine = make_engine(url)
    migrate(engine, BEFORE)
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO commune (id, name, province, report_deadline) "
                "VALUES (:id, :n, '', '16:00')"
            ),
            {"id": COMMUNE.hex, "n": "Xã Thử"},
        )
        c.execute(
            text(
                "INSERT INTO village (id, commune_id, name, name_folded) VALUES (:id, :c, :n, :f)"
            ),
            {"id": VILLAGE.hex, "c": COMMUNE.hex, "n": "Thôn Đông", "f": "thon dong"},
        )
        for pid, name, folded, born, village in (
            (PID, "Nguyễn Thị Hương", "nguyen thi huong", BORN, VILLAGE.hex),
            (OTHER, "Trần Văn Bình", "tran van binh", None, None),
        ):
            c.execute(
                text(
                    "INSERT INTO citizen (personal_id, full_name, name_folded, birth_date, "
                    "address, village_id, name_source, created_at, updated_at) VALUES (:pid, "
                    ":name, :folded, :born, '', :v, 'official_list', :created, :updated)"
                ),
                {"pid": pid, "name": name, "folded": folded, "born": born, "v": village,
                 "created": CREATED, "updated": UPDATED},
            )  # fmt: skip
        c.execute(
            text(
                "INSERT INTO visit (id, personal_id, occurred_at, support_point_id, user_id, "
                "place) VALUES (:id, :pid, '2026-05-02 08:00:00.000000', :p, :u, 'at_point')"
            ),
            {"id": VISIT.hex, "pid": PID, "p": uuid.UUID(int=1).hex, "u": uuid.UUID(int=2).hex},
        )
    return engine


def _moment(stored: str) -> datetime:
    return datetime.fromisoformat(stored).replace(tzinfo=UTC)


def test_a_store_of_the_previous_version_keeps_its_citizens_visits_and_search(empty_db_url):
    engine = _store_before(empty_db_url)
    assert upgrade(engine) is not None or engine.dialect.name != "sqlite"  # copied aside first
    with SqlUnitOfWork(engine) as uow:
        citizen, source, village_name = uow.repo.card_head(PID)
        assert (citizen.full_name, citizen.birth_date, citizen.village_id, source) == (
            "Nguyễn Thị Hương",
            date(1950, 3, 4),
            VILLAGE,
            "official_list",
        )
        assert village_name == "Thôn Đông"  # the join of a 16-byte id with the village's
        other = uow.repo.card_head(OTHER)[0]
        assert (other.birth_date, other.village_id) == (None, None)
        assert [v.id for v in uow.repo.visits_for(PID)] == [VISIT]
        row = uow.session.get(t.Citizen, PID)
        assert (row.created_at, row.updated_at) == (_moment(CREATED), _moment(UPDATED))
    assert [h.personal_id for h in lookup.search(SqlUnitOfWork(engine), "huong")] == [PID]
    assert [h.personal_id for h in lookup.search(SqlUnitOfWork(engine), "tran v")] == [OTHER]
    engine.dispose()


def test_the_citizen_copy_goes_back_with_the_same_text(empty_db_url):
    engine = _store_before(empty_db_url)
    migrate(engine, head_revision())
    migrate(engine, BEFORE, down=True)
    with engine.connect() as c:
        rows = c.execute(
            text(
                "SELECT personal_id, birth_date, village_id, created_at, updated_at "
                "FROM citizen ORDER BY 1"
            )
        ).all()
    if engine.dialect.name == "sqlite":  # what the version before wrote, to the character
        assert [tuple(r) for r in rows] == [
            (PID, BORN, VILLAGE.hex, CREATED, UPDATED),
            (OTHER, None, None, CREATED, UPDATED),
        ]
    migrate(engine, head_revision())
    assert [h.personal_id for h in lookup.search(SqlUnitOfWork(engine), "huong")] == [PID]
    with SqlUnitOfWork(engine) as uow:
        assert uow.repo.card_head(PID)[2] == "Thôn Đông"
    engine.dispose()


def test_an_imported_citizen_row_takes_16_bytes_of_village_and_integer_times(tmp_path, engine):
    data = commune(5, seed=4)
    load_commune(engine, replace(data, citizens=[]), this_point=None)
    names = {v.id: v.name for v in data.villages}
    path = write_csv(tmp_path / "ds.csv", POLICE_HEADER, police_rows(data.citizens, names))
    preview = lists.preview_list(SqlUnitOfWork(engine), path, "police")
    lists.import_list(SqlUnitOfWork(engine), preview, valid_only=True, actor=demo_user(engine))
    with SqlUnitOfWork(engine) as uow:
        stored = uow.repo.citizens_by_ids([c.personal_id for c in data.citizens])
        born = {p: c.birth_date for p, c in stored.items()}
        heads = {c.personal_id: uow.repo.card_head(c.personal_id)[2] for c in data.citizens}
    assert {p: c.village_id for p, c in stored.items()} == {
        c.personal_id: c.village_id for c in data.citizens
    }
    assert heads == {c.personal_id: names[c.village_id] for c in data.citizens}
    assert born == {c.personal_id: c.birth_date for c in data.citizens}
    if engine.dialect.name != "sqlite":
        return
    with engine.connect() as c:
        kinds = c.execute(
            text(
                "SELECT DISTINCT typeof(birth_date), typeof(village_id), length(village_id), "
                "typeof(created_at), typeof(updated_at) FROM citizen"
            )
        ).all()
    assert [tuple(k) for k in kinds] == [("integer", "blob", 16, "integer", "integer")]

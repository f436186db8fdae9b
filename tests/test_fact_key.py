"""Official facts keyed by (personal ID, id) (issue 17, store size; migration 0024).

On SQLite the table is that key's B-tree (no rowid, no index of its own). The migration is
tested from a store at the revision before holding two lists' facts and someone else's
trigger; the key against a fact stored twice; the sync import against known facts.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import insert, inspect, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fieldapp.domain import model as dm
from fieldapp.store import facts
from fieldapp.store import tables as t
from fieldapp.store.engine import make_engine
from fieldapp.store.mapping import fact_values
from fieldapp.store.migrate import migrate, upgrade

pytestmark = pytest.mark.postgres

BEFORE = "0023_figure_reach"
KEYED = "0024_fact_by_citizen"
PID, OTHER = "038095000123", "038195000456"
AT = datetime(2026, 5, 8, 3, 4, 5, tzinfo=UTC)


def _fact(n: int, pid: str, field: dm.FactField, value: str, day: int) -> dm.OfficialFact:
    source = f"ds-05{day:02d}.xlsx"
    return dm.OfficialFact(
        uuid.UUID(int=0x1000 + n), pid, field, value, "police_level2", source, date(2026, 5, day)
    )


FACTS = [
    _fact(0, PID, dm.FactField.EID_LEVEL, "2", 1),
    _fact(1, OTHER, dm.FactField.EID_LEVEL, "2", 1),
    _fact(2, PID, dm.FactField.EID_ACTIVATED, "true", 8),
]


def _store_before(url: str):
    """A store at 0023 with two citizens and three facts from two lists."""
    engine = make_engine(url)
    migrate(engine, BEFORE)
    citizen = t.Citizen.__table__  # type: ignore[attr-defined]
    with Session(engine) as session, session.begin():
        for pid, name in ((PID, "Nguyễn Thị Hương"), (OTHER, "Trần Văn Bình")):
            session.execute(
                insert(citizen).values(
                    personal_id=pid,
                    full_name=name,
                    name_folded=name.lower(),
                    address="",
                    name_source="official_list",
                    created_at=AT,
                    updated_at=AT,
                )
            )
        facts.insert_facts(session, [fact_values(f, now=AT) for f in FACTS])
    return engine


def _stored(engine) -> list[dm.OfficialFact]:
    with Session(engine) as session:
        return sorted(facts.facts_of(session, [PID, OTHER]), key=lambda f: f.id)


def _add(engine, fact: dm.OfficialFact) -> None:
    with Session(engine) as session, session.begin():
        facts.insert_facts(session, [fact_values(fact, now=AT)])


def test_the_upgrade_keeps_every_fact_in_one_b_tree_keyed_by_citizen(empty_db_url):
    engine = _store_before(empty_db_url)
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:  # someone else's trigger on the table: the copy must make it again
        with engine.begin() as c:
            c.exec_driver_sql(
                "CREATE TRIGGER official_fact_noted AFTER INSERT ON official_fact BEGIN "
                "INSERT OR REPLACE INTO setting (key, value) VALUES ('noted', NEW.field); END"
            )
    assert _stored(engine) == sorted(FACTS, key=lambda f: f.id)

    upgrade(engine, backup=False)

    assert _stored(engine) == sorted(FACTS, key=lambda f: f.id)  # every fact, whole
    found = inspect(engine)
    assert found.get_pk_constraint("official_fact")["constrained_columns"] == ["personal_id", "id"]
    assert found.get_indexes("official_fact") == []  # the key's prefix finds a citizen's facts
    if sqlite:
        with engine.connect() as c:
            (sql,) = c.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'official_fact'"
            ).one()
        assert sql.rstrip().endswith("WITHOUT ROWID")
    new = _fact(3, OTHER, dm.FactField.BENEFIT_LINKED, "true", 8)
    _add(engine, new)
    assert new in _stored(engine)
    if sqlite:
        with engine.connect() as c:
            noted = c.execute(text("SELECT value FROM setting WHERE key = 'noted'")).scalar()
        assert noted == "benefit_linked"  # the trigger is there again, and fires
    engine.dispose()


def test_the_migration_goes_back_and_forth_with_the_same_facts(empty_db_url):
    engine = _store_before(empty_db_url)
    migrate(engine, KEYED)
    migrate(engine, BEFORE, down=True)
    assert _stored(engine) == sorted(FACTS, key=lambda f: f.id)
    found = inspect(engine)
    assert found.get_pk_constraint("official_fact")["constrained_columns"] == ["id"]
    assert [i["column_names"] for i in found.get_indexes("official_fact")] == [["personal_id"]]
    migrate(engine, KEYED)
    assert _stored(engine) == sorted(FACTS, key=lambda f: f.id)
    engine.dispose()


def test_the_same_fact_cannot_be_stored_twice(empty_db_url):
    engine = _store_before(empty_db_url)
    upgrade(engine, backup=False)
    with pytest.raises(IntegrityError):
        _add(engine, FACTS[2])
    assert _stored(engine) == sorted(FACTS, key=lambda f: f.id)  # nothing half-written
    engine.dispose()

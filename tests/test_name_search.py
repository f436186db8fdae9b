"""Name search: ranking (exact, prefix, words), one-letter queries, both word-match paths."""

from __future__ import annotations

import random
import uuid
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text

from fieldapp.domain import model as dm
from fieldapp.domain.personal_id import Sex
from fieldapp.domain.text import fold, fold_name, fold_words
from fieldapp.services import lookup
from fieldapp.store import name_search
from fieldapp.store import name_search_sql as search_sql
from fieldapp.store.engine import make_engine
from fieldapp.store.migrate import alembic_config, upgrade

NAMES = [
    "Hương",
    "Hương Giang",
    "Hương Thị Lan",
    "Nguyễn Thị Hương",
    "Trần Hương",
    "Nguyễn Thị Hồng",
    "Lê Văn Nam",
    "Kiên-Thọ Hà",
    "Phạm  Thị   Hà",
]


def _pid(i: int) -> str:
    return f"0381900{i:05d}"


def some_citizens(uow, names: list[str]) -> dict[str, str]:
    with uow() as u:
        for i, name in enumerate(names):
            citizen = dm.Citizen(_pid(i), name, date(1990, 2, 2), Sex.FEMALE, "Thôn Đông")
            u.repo.add_citizen(citizen, name_source="official_list")
        u.commit()
    return {_pid(i): name for i, name in enumerate(names)}


def reference(people: dict[str, str], query: str, limit: int) -> list[str]:
    """The ranking written plainly over everyone: exact, then prefix, then words; by name."""
    key = " ".join(fold_words(query))
    if not key:
        return []
    ranked = []
    for pid, name in people.items():
        folded = fold_name(name)
        words = folded.split()
        if folded == key:
            tier = 0
        elif folded.startswith(key):
            tier = 1
        elif all(any(w.startswith(q) for w in words) for q in key.split()):
            tier = 2
        else:
            continue
        ranked.append((tier, folded, pid))
    return [pid for _, _, pid in sorted(ranked)][:limit]


def test_exact_name_then_prefix_then_words(uow):
    some_citizens(uow, NAMES)
    found = [c.full_name for c in lookup.search(uow(), "huong")]
    assert found == [
        "Hương",
        "Hương Giang",
        "Hương Thị Lan",
        "Nguyễn Thị Hương",
        "Trần Hương",
    ]
    assert [c.full_name for c in lookup.search(uow(), "Nguyễn Thị H")] == [
        "Nguyễn Thị Hồng",
        "Nguyễn Thị Hương",
    ]
    # Words in any order: both names hold a word starting with "thi" and one with "huong".
    assert [c.full_name for c in lookup.search(uow(), "thi huong")] == [
        "Hương Thị Lan",
        "Nguyễn Thị Hương",
    ]


def test_words_are_split_at_punctuation_and_spaces_collapse(uow):
    some_citizens(uow, NAMES)
    assert [c.full_name for c in lookup.search(uow(), "tho")] == ["Kiên-Thọ Hà"]
    assert [c.full_name for c in lookup.search(uow(), "kien tho")] == ["Kiên-Thọ Hà"]
    assert [c.full_name for c in lookup.search(uow(), "pham thi ha")] == ["Phạm  Thị   Hà"]
    assert lookup.search(uow(), "  --  ") == []
    assert lookup.search(uow(), "khong co ai") == []


def test_one_letter_query_gives_a_full_first_page_names_starting_with_it_first(uow, small_commune):
    people = {c.personal_id: c.full_name for c in small_commune.citizens}
    for letter in "nthl":
        page = [c.personal_id for c in lookup.search(uow(), letter, limit=20)]
        assert page == reference(people, letter, 20)
        starting = [people[p] for p in page if fold(people[p]).startswith(letter)]
        assert [people[p] for p in page[: len(starting)]] == starting


QUERIES = st.one_of(
    st.sampled_from(list("abcdghklmnpqstvx")),
    st.sampled_from(["nguyen", "nguyen thi", "thi", "van", "ng", "tran v", "le", "huong", "a b"]),
    # two or three words that each name many people and few names together
    st.sampled_from(["van huong", "thi van", "huong le", "thi thi", "ngoc van thi", "tran lan"]),
    st.text(alphabet="aăâbcdđeghiklmnoôơpqrstuưvxy ", min_size=1, max_size=6),
)


@pytest.fixture
def commune_store(engine):
    """A generated commune's names in the test's store (SQLite, or PostgreSQL's pass).

    Made once per test: Hypothesis runs every example of a test over the same store.
    """
    from fieldapp.demo.generator import generate_commune
    from fieldapp.demo.loader import load_commune

    data = generate_commune(300, seed=5)
    load_commune(engine, data)
    return engine, {c.personal_id: c.full_name for c in data.citizens}


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=QUERIES, limit=st.sampled_from([1, 5, 50]))
def test_search_equals_the_plain_ranking_on_either_path(commune_store, query, limit):
    engine, people = commune_store
    expected = reference(people, query, limit)
    with engine.connect() as connection:
        # always walk the name index in order / always the word table's ranges (with and
        # without the leapfrog join of two words) / default / a join stopped after 3 seeks
        for cap, steps in ((0, None), (10**9, 0), (10**9, None), (None, None), (None, 3)):
            rows = name_search.search(
                connection, query, limit, vocabulary_cap=cap, leap_steps=steps
            )
            assert [r[0] for r in rows] == expected


def test_upgrade_backfills_the_key_and_indexes_the_words_of_stored_names(empty_db_url):
    """From the token table to the name index and, at head, the word table (0021)."""
    from alembic import command
    from sqlalchemy import inspect

    engine = make_engine(empty_db_url)
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0005_reports")
        connection.execute(
            text(
                "INSERT INTO citizen (personal_id, full_name, name_folded, address, name_source, "
                "created_at, updated_at) VALUES ('038190000001', 'Kiên-Thọ  Hà', 'kien-tho ha', "
                "'', 'scan', '2026-01-01 00:00:00', '2026-01-01 00:00:00')"
            )
        )
    upgrade(engine, backup=False)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT name_folded FROM citizen")).scalar() == "kien tho ha"
        for query in ("tho", "kien tho h", "ha"):
            found = name_search.search(connection, query, 10)
            assert [r[0] for r in found] == ["038190000001"], query
        assert "citizen_name_token" not in inspect(connection).get_table_names()
    engine.dispose()


def test_a_found_citizen_has_every_detail_of_the_stored_one(uow):
    """The search reads only the card's columns, on the driver: nothing is lost on the way."""
    village = uuid.uuid4()
    full = dm.Citizen(
        _pid(1), "Nguyễn Thị Hương", date(1961, 3, 9), Sex.FEMALE, "Thôn Đông, xã Yên Lạc",
        village, "0912345678", "123456789", dm.BeneficiaryGroup.INSURANCE_PENSION, True,
    )  # fmt: skip
    bare = dm.Citizen(_pid(2), "Trần Văn Hương")
    with uow() as u:
        u.repo.add_citizen(full, name_source="official_list")
        u.repo.add_citizen(bare, name_source="scan")
        u.commit()
    assert lookup.search(uow(), "huong") == [full, bare]  # word tier: by folded name
    assert lookup.search(uow(), "nguyen thi huong") == [full]  # exact tier
    assert lookup.search(uow(), "tran") == [bare]  # prefix tier


def test_renaming_moves_the_citizen_in_the_word_index(uow):
    some_citizens(uow, ["Nguyen Van An"])
    with uow() as u:
        citizen = u.repo.get_citizen(_pid(0))
        from dataclasses import replace

        u.repo.update_citizen(replace(citizen, full_name="Nguyễn Văn Bình"), name_source="scan")
        u.commit()
    assert [c.full_name for c in lookup.search(uow(), "binh")] == ["Nguyễn Văn Bình"]
    assert lookup.search(uow(), "an") == []


def test_shuffled_insert_order_does_not_change_results(uow):
    names = NAMES * 3
    random.Random(4).shuffle(names)
    people = some_citizens(uow, names)
    for query in ("h", "huong", "nguyen thi", "ha"):
        assert [c.personal_id for c in lookup.search(uow(), query)] == reference(people, query, 50)


def test_postgresql_answers_from_its_name_indexes(uow, engine, on_postgres):
    """Each of the search's statements can run from its index (SQLite's: test_services_visits).

    Sequential scans are switched off for the check: on a few rows the planner rightly
    prefers them, but an index the statement cannot use (another collation, another
    expression) would leave it no other plan.
    """
    if not on_postgres:
        pytest.skip("PostgreSQL's plans; SQLite's are checked in test_services_visits")
    some_citizens(uow, NAMES)
    bounds = {
        "lo": "thi huong", "hi": "thi huong{", "n": 50, "cap": 25, "v0": "huong", "v1": "hue",
        "w0": "% thi%", "dlo": "hu", "dhi": "hu{",
    }  # fmt: skip
    with engine.connect() as connection:
        connection.exec_driver_sql("SET enable_seqscan = off")

        def plan(sql: str) -> str:
            return " ".join(r[0] for r in connection.exec_driver_sql("EXPLAIN " + sql, bounds))

        prefix = plan(search_sql.prefix(True))
        words = plan(search_sql.vocabulary(True))
        arms = plan(search_sql.word_arms(True, 2, 1, True))
    assert "ix_citizen_name_c" in prefix and "Sort" not in prefix  # already in name order
    assert "citizen_name_word_pkey" in words  # one probe of the key per word
    # each arm a range of an index in name order, stopped at the page: the one sort is of
    # the arms' pages together (at most arms × page rows), none of an arm's matches
    assert arms.count("citizen_name_word_pkey") == 2 and "ix_citizen_name_c" in arms
    assert arms.count("Sort Key") == 1


def test_the_leapfrog_join_seeks_by_index_and_reads_only_the_page(uow, engine, on_postgres):
    """SQLite's join of two words: every read of the names is an index seek, none a scan.

    A scan there would make each of its seeks cost a walk of the table.
    """
    if on_postgres:
        pytest.skip("the leapfrog join runs on SQLite only")
    some_citizens(uow, NAMES)
    params = {
        "start": "\t", "steps": 10, "n": 5, "lo": "thi huong", "hi": "thi huong{", "llo": "thi",
        "lhi": "thi{", "olo": "huong", "ohi": "huong{", "lv0": "thi", "lv1": "thia",
        "ov0": "huong", "w0": "% ng%",
    }  # fmt: skip
    with engine.connect() as connection:
        statement = "EXPLAIN QUERY PLAN " + search_sql.leapfrog(2, 1, 1)
        plan = [r[3] for r in connection.exec_driver_sql(statement, params)]
    reads = [line for line in plan if " citizen" in line]
    assert reads and all(line.startswith("SEARCH ") for line in reads), reads
    # the lead word's seeks (start, after a match, after the other word) and the other's
    # (in a step and for a match): 3 x 2 arms of the word table, 2 x 1 arm
    assert sum("citizen_name_word USING PRIMARY KEY" in line for line in reads) == 8
    assert sum("ix_citizen_name_key ((name_folded,personal_id)>" in line for line in reads) == 5

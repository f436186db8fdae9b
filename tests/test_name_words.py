"""The name search's word table (migration 0021): kept right by every write, and by upgrades."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy import insert, text
from test_name_search import reference, some_citizens

from fieldapp.domain.text import fold_name
from fieldapp.services import lookup
from fieldapp.store import name_search
from fieldapp.store import tables as t
from fieldapp.store.engine import make_engine
from fieldapp.store.migrate import migrate, upgrade
from fieldapp.store.uow import SqlUnitOfWork

NAMES = ["Nguyễn Thị Hương", "Trần Văn Hương", "Lê Thị Lê", "Hương", "Phạm Ngọc Ánh Hồng"]


def _stored_words(connection) -> set[tuple[str, str, str]]:
    rows = connection.execute(text("SELECT word, name_folded, personal_id FROM citizen_name_word"))
    return {(w, name, f"{int(pid):012d}") for w, name, pid in rows}


def _expected_words(connection) -> set[tuple[str, str, str]]:
    names = connection.execute(text("SELECT personal_id, name_folded FROM citizen"))
    return {(w, name, pid) for pid, name in names for w in name.split()[1:]}


def _found(uow, query: str) -> list[str]:
    return [c.full_name for c in lookup.search(uow(), query)]


def test_the_word_table_follows_inserts_renames_and_deletes(uow, engine):
    some_citizens(uow, NAMES)
    with uow() as u:  # a desk edit: the name changes, and so do its words
        citizen = u.repo.get_citizen("038190000001")
        u.repo.update_citizen(replace(citizen, full_name="Trần Văn Hùng"), name_source="scan")
        u.commit()
    with engine.begin() as connection:  # whoever deletes a citizen (no app path does yet)
        connection.execute(text("DELETE FROM citizen WHERE personal_id = '038190000004'"))
    with engine.connect() as connection:
        assert _stored_words(connection) == _expected_words(connection)
    assert _found(uow, "huong") == ["Hương", "Nguyễn Thị Hương"]
    assert _found(uow, "hung") == ["Trần Văn Hùng"]
    assert _found(uow, "anh") == []  # the deleted "Phạm Ngọc Ánh Hồng"
    assert _found(uow, "le") == ["Lê Thị Lê"]  # a repeated word: one row, one result


def test_a_bulk_write_feeds_the_table_in_one_go_and_brings_its_trigger_back(engine, uow):
    """The list import's and the bundle import's way: trigger paused, words added sorted."""
    rows = [
        {
            "personal_id": f"0011900{i:05d}",
            "full_name": name,
            "name_folded": fold_name(name),
            "address": "",
            "name_source": "official_list",
            "created_at": datetime(2026, 1, 5, tzinfo=UTC),
            "updated_at": datetime(2026, 1, 5, tzinfo=UTC),
        }
        for i, name in enumerate(["Vũ Thị Mai", "Đỗ Mai", "Vũ Văn Mai Anh"])
    ]
    with engine.begin() as connection:
        paused = name_search.pause_word_trigger(connection)
        connection.execute(insert(t.Citizen.__table__), rows)
        if paused is not None:
            name_search.add_words(connection, [(r["personal_id"], r["name_folded"]) for r in rows])
        name_search.resume_word_trigger(connection, paused)
    some_citizens(uow, ["Lý Mai"])  # through the trigger again
    with engine.connect() as connection:
        assert _stored_words(connection) == _expected_words(connection)
    assert _found(uow, "mai") == ["Đỗ Mai", "Lý Mai", "Vũ Thị Mai", "Vũ Văn Mai Anh"]


def test_a_store_at_the_previous_head_searches_the_same_after_the_upgrade(empty_db_url):
    """Names written under 0020 (FTS5 / GIN) are found by word after 0021, and back down."""
    engine = make_engine(empty_db_url)
    migrate(engine, "0020_figure_summary")
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731 - the fixtures' shape
    people = some_citizens(uow, [*NAMES, "Hương Thị Lan", "Ngô Thị Hường"])
    upgrade(engine, backup=False)
    for query in ("huong", "thi h", "h", "van huong", "le"):
        found = [c.personal_id for c in lookup.search(uow(), query)]
        assert found == reference(people, query, 50), query
    with engine.connect() as connection:
        assert _stored_words(connection) == _expected_words(connection)
    migrate(engine, "0020_figure_summary", down=True)
    with engine.connect() as connection:
        if engine.dialect.name == "sqlite":
            back = connection.exec_driver_sql(
                "SELECT count(*) FROM citizen_name_fts WHERE citizen_name_fts MATCH 'huong'"
            ).scalar()
            assert back == 5  # the FTS5 index made again from the stored names
        else:
            assert connection.exec_driver_sql(
                "SELECT count(*) FROM pg_indexes WHERE indexname = 'ix_citizen_name_words'"
            ).scalar()
    engine.dispose()


def test_one_letter_and_two_word_queries_read_a_page_of_a_common_word(uow):
    """Many names share a later word: the page is the first names in order, all tiers kept."""
    names = [f"Nguyễn Thị {given}" for given in ("Hà", "Hoa", "Huệ", "Hương", "Hạnh")] * 12
    names += ["Hà Văn Nam", "Trần Hà"]
    people = some_citizens(uow, names)
    for query in ("h", "ha", "thi h", "h thi", "nguyen h"):
        found = [c.personal_id for c in lookup.search(uow(), query, limit=20)]
        assert found == reference(people, query, 20), query


def test_names_with_quotes_brackets_and_backslashes_reach_the_word_table_as_words(uow, engine):
    """The SQLite trigger splits a folded name as JSON text: what a hostile list or a desk typo
    puts in a name (quotes, backslashes, brackets, commas) is folded away first, so the
    citizen is saved, not refused by a malformed-JSON error, and found by each word."""
    some_citizens(uow, ['Nguyễn "Văn" \\ Hà', "Lê [Thị], Hoa\\", "Đỗ Ⅻ"])
    with engine.connect() as connection:
        assert _stored_words(connection) == _expected_words(connection)
    assert _found(uow, "ha") == ['Nguyễn "Văn" \\ Hà']
    assert _found(uow, "hoa") == ["Lê [Thị], Hoa\\"]
    assert _found(uow, "thi") == ["Lê [Thị], Hoa\\"]

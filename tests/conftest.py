"""Shared fixtures: a fresh SQLite store per test (a copy of a template migrated once per
session, see stores.py), seeded by small builders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before anything imports Qt
# The support log of the test run goes to a temporary folder, never the user's data folder.
os.environ.setdefault("FIELDAPP_LOG_DIR", __import__("tempfile").mkdtemp(prefix="fieldapp-log-"))

from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import Engine
from stores import new_store_url, new_test_store_key

from fieldapp.demo.generator import SyntheticCommune, generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.services import pins
from fieldapp.store import keychain
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork

TEST_DATABASE_URL = os.environ.get("FIELDAPP_TEST_DATABASE_URL")
_cluster: object | None = None  # the throwaway PostgreSQL cluster of `--postgres`
CHEAP_KDF = pins.KdfParams(log_n=4, r=1, p=1)  # tests only: production's costs ~0.2 s a hash


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--postgres",
        action="store_true",
        help="run on a throwaway PostgreSQL cluster (initdb in a temporary folder)",
    )


def pytest_configure(config: pytest.Config) -> None:
    """`--postgres`: start a private cluster once; every `db_url` store lives on it."""
    config.addinivalue_line(
        "markers", "postgres: also run on PostgreSQL in CI (`pytest --postgres -m postgres`)"
    )
    global TEST_DATABASE_URL, _cluster
    if config.getoption("--postgres") and not TEST_DATABASE_URL:
        from pg_cluster import ThrowawayCluster

        cluster = ThrowawayCluster()
        try:
            TEST_DATABASE_URL = cluster.start()
        except Exception:
            cluster.stop()
            raise
        _cluster = cluster


# Modules that also run on PostgreSQL (`./fieldapp.sh test`'s second pass): the store's own
# tests, the ones issue 17 checked there, and the province's. New modules may instead say
# `pytestmark = pytest.mark.postgres`.
POSTGRES_MODULES = {
    "test_store_migrations",
    "test_store_chunks",
    "test_reports_projection",
    "test_reports_cache",
    "test_reports_campaign",
    "test_reports_figures",
    "test_name_search",
    "test_name_words",
    "test_desk_name_search",
    "test_services_visits",
    "test_lists_service",
    "test_cli_start",
    "test_sync_union",
    "test_sync_import_server",
}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if item.path.stem in POSTGRES_MODULES:
            item.add_marker(pytest.mark.postgres)


def pytest_unconfigure(config: pytest.Config) -> None:
    global _cluster
    if _cluster is not None:
        _cluster.stop()  # type: ignore[attr-defined]
        _cluster = None


@pytest.fixture
def on_postgres() -> bool:
    """True when this run's stores live on PostgreSQL."""
    return bool(TEST_DATABASE_URL)


@pytest.fixture(autouse=True)
def cheap_pin_hashing() -> Iterator[None]:
    """PIN hashes made in tests cost microseconds; each hash records its own cost."""
    previous = pins.use_params(CHEAP_KDF)
    yield
    pins.use_params(previous)


@pytest.fixture(autouse=True)
def encrypted_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every SQLite store a test creates is encrypted at rest (PIN slots: CHEAP_KDF)."""
    monkeypatch.setattr(keychain, "new_store_key_provider", new_test_store_key)


@pytest.fixture
def db_url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A fresh SQLite file at schema head for one test, or an emptied server database.

    `FIELDAPP_TEST_DATABASE_URL=postgresql+psycopg://...` runs the suite on PostgreSQL. There
    the test is the seat that set the database up: its own data folder holds the server's
    store key (a seat without it is refused once the schema exists).
    """
    if TEST_DATABASE_URL:
        from fieldapp.store.atrest import create_store_key, key_anchor

        monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "seat-data"))
        _empty_server_database(TEST_DATABASE_URL)
        create_store_key(key_anchor(TEST_DATABASE_URL))
        return TEST_DATABASE_URL
    return new_store_url(tmp_path / "fieldapp.sqlite3")


@pytest.fixture
def empty_db_url(tmp_path: Path) -> str:
    """A database with no schema at all (a new SQLite file), for the migrations' own tests."""
    if TEST_DATABASE_URL:
        _empty_server_database(TEST_DATABASE_URL)
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path / 'empty.sqlite3'}"


def _empty_server_database(url: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture
def engine(db_url: str) -> Engine:
    """The store at schema head."""
    engine = open_store(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def uow(engine: Engine) -> Callable[[], SqlUnitOfWork]:
    """A factory of units of work over the test's store (call it: `uow()`)."""
    return lambda: SqlUnitOfWork(engine)


@pytest.fixture
def names(data: SyntheticCommune) -> dict:
    """Village names by id, for a module whose `data` fixture is its generated commune."""
    return {v.id: v.name for v in data.villages}


@pytest.fixture
def store(engine: Engine, data: SyntheticCommune) -> Engine:
    """The module's commune (`data`): villages and points, no citizens yet (lists bring them)."""
    load_commune(engine, replace(data, citizens=[]), this_point=None)
    return engine


@pytest.fixture
def small_commune(engine: Engine) -> SyntheticCommune:
    """A generated commune of 200 citizens with events, loaded; point 0 is this point."""
    data = generate_commune(200, seed=11)
    load_commune(engine, data)
    return data

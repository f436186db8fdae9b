import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlmodel import SQLModel

from fieldapp.store.engine import make_engine, resolve_database_url
from fieldapp.store.migrate import (
    StoreTooNewError,
    declared_name,
    head_revision,
    open_store,
    upgrade,
)


def test_upgrade_head_on_an_empty_database_matches_the_models(empty_db_url):
    engine = open_store(empty_db_url)
    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_name": declared_name})
        assert context.get_current_revision() == head_revision()
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_sqlite_runs_in_wal_with_foreign_keys_and_a_busy_timeout(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite pragmas")
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_a_store_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "newer.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        raw.execute("INSERT INTO alembic_version VALUES ('9999_from_the_future')")
    with pytest.raises(StoreTooNewError):
        open_store(f"sqlite:///{path}")
    with sqlite3.connect(path) as raw:
        tables = {r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == {"alembic_version"}


def test_an_older_store_is_copied_aside_before_migrating(tmp_path):
    from alembic import command

    from fieldapp.store.migrate import alembic_config

    if head_revision() == "0001_initial":
        pytest.skip("only one schema revision so far")
    path = tmp_path / "old.sqlite3"
    engine = make_engine(f"sqlite:///{path}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001_initial")
    copy = upgrade(engine)
    assert copy is not None and copy.exists() and copy.name.startswith("old.before-migration-")
    assert upgrade(engine) is None  # at head: nothing to do


def test_the_default_store_lives_in_the_users_data_folder(monkeypatch):
    monkeypatch.delenv("FIELDAPP_DB", raising=False)
    url = resolve_database_url(None)
    assert url.startswith("sqlite:///") and url.endswith("FieldApp/fieldapp.sqlite3")
    monkeypatch.setenv("FIELDAPP_DB", "/tmp/x.sqlite3")
    assert resolve_database_url(None) == "sqlite:////tmp/x.sqlite3"
    assert resolve_database_url("postgresql://u@h/db") == "postgresql://u@h/db"


def test_the_quick_reading_of_the_scripts_agrees_with_alembic():
    from alembic.script import ScriptDirectory

    from fieldapp.store.migrate import _known_revisions, alembic_config

    script = ScriptDirectory.from_config(alembic_config())
    assert _known_revisions() == (
        script.get_current_head(),
        frozenset(r.revision for r in script.walk_revisions()),
    )

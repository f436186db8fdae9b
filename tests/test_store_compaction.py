"""A migration that copies a table gives the freed pages back: the store file shrinks.

Migration 0019 copies `citizen` into a leaner table. SQLite keeps the old table's pages in the
file as free pages, so until a `VACUUM` a commune's store grew by the old table's size on the
upgrade (2.7 M citizens: 1.94 GiB instead of 1.40 GB). The upgrade now compacts such a file.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import text

from fieldapp.store.engine import make_engine
from fieldapp.store.migrate import SPARSE_SHARE, compact_if_sparse, migrate, upgrade

BEFORE = "0018_store_key_slots"
COPIES = "0019_lean_citizen"
CITIZENS = 4000


def _on_disk(path: Path) -> int:
    """The file and its write-ahead log: what the laptop's disk holds."""
    wal = path.with_name(path.name + "-wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


def _fill_before(url: str):
    engine = make_engine(url)
    migrate(engine, BEFORE)
    rows = [
        {
            "pid": f"0381950{i:05d}",
            "name": f"Nguyễn Thị Thử {i}",
            "folded": f"nguyen thi thu {i}",
            "addr": f"Số {i}, Thôn Đông, Xã Thử",
        }
        for i in range(CITIZENS)
    ]
    with engine.begin() as c:
        c.execute(
            text(
                "INSERT INTO citizen (personal_id, full_name, name_folded, birth_date, address, "
                "village_id, name_source, created_at, updated_at) VALUES (:pid, :name, :folded, "
                "'1950-03-04', :addr, NULL, 'official_list', '2026-05-01 07:08:09.123456', "
                "'2026-05-01 07:08:09.123456')"
            ),
            rows,
        )
    _checkpoint(engine)
    return engine


def _checkpoint(engine) -> None:
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
        c.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def test_the_upgrade_that_copies_the_citizens_leaves_no_bigger_file(tmp_path):
    path = tmp_path / "store.sqlite3"
    engine = _fill_before(f"sqlite:///{path}")
    before = _on_disk(path)

    # 0019's copy alone: 0021 then adds the name search's word table (its own size cost)
    migrate(engine, COPIES)
    assert compact_if_sparse(engine) is True
    assert _on_disk(path) < before  # the lean rows, and the old table's pages given back
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
    upgrade(engine, backup=False)

    with engine.connect() as c:
        # later copies (0024's `official_fact`, empty here) free a few pages: not a tenth
        free = c.exec_driver_sql("PRAGMA freelist_count").scalar()
        assert free < SPARSE_SHARE * c.exec_driver_sql("PRAGMA page_count").scalar()
        assert c.execute(text("SELECT count(*) FROM citizen")).scalar() == CITIZENS
        found = c.execute(
            text("SELECT count(*) FROM citizen WHERE name_folded LIKE 'nguyen thi thu 12%'")
        ).scalar()
    assert found == 111  # 12, 120–129, 1200–1299: every copied citizen reads back
    engine.dispose()


def test_a_store_with_few_free_pages_is_left_as_it_is(tmp_path):
    path = tmp_path / "store.sqlite3"
    engine = _fill_before(f"sqlite:///{path}")
    with engine.begin() as c:
        c.execute(text("DELETE FROM citizen WHERE personal_id = '038195000007'"))
    assert compact_if_sparse(engine) is False
    engine.dispose()


def test_a_sparse_store_is_compacted_and_keeps_every_remaining_row(tmp_path):
    path = tmp_path / "store.sqlite3"
    engine = _fill_before(f"sqlite:///{path}")
    with engine.begin() as c:
        c.execute(text("DELETE FROM citizen WHERE personal_id >= :cut"), {"cut": "038195002000"})
    assert compact_if_sparse(engine) is True
    with engine.connect() as c:
        assert c.exec_driver_sql("PRAGMA freelist_count").scalar() == 0
        assert c.execute(text("SELECT count(*) FROM citizen")).scalar() == 2000
    engine.dispose()

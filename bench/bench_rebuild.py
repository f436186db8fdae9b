"""The projection rebuilt whole (every citizen changed: a rule change), against SQLite's floor.

Opens a store (a COPY: it is rewritten) and rebuilds the projection and the figures' summary
the way the app does after a rule change (`report_timelines.rebuild_projection`), printing
wall time, CPU time and peak RSS. Baseline, in the same process, raw sqlite3 on the same
file: what any rebuild must at least do, read every fact grouped by citizen and write one
row per projection row (a copy of `citizen_status` into a table of its shape, rolled back).

Usage: nice -n 10 python bench/bench_rebuild.py STORE.sqlite3 [--statements N] [--repeat R]
    --statements N   also print the N statements that took the most CPU (SQLAlchemy events)
"""

from __future__ import annotations

import argparse
import gc
import sqlite3
import sys
import time
from collections import defaultdict
from pathlib import Path

import psutil

sys.path.insert(0, str(Path(__file__).parent))

from bench_lists import PeakRss
from sqlalchemy import event, text

from fieldapp.services import report_timelines
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork

FLOOR_READ = (
    "SELECT personal_id || '', group_concat(field || ':' || value || ':' || import_id, ';')"
    " FROM official_fact GROUP BY personal_id || ''"
)


def floor(path: Path) -> tuple[float, float]:
    """Raw sqlite3: every fact read grouped by citizen, every projection row written again."""
    db = sqlite3.connect(path, isolation_level=None)
    cpu, start = time.process_time(), time.perf_counter()
    for _ in db.execute(FLOOR_READ):
        pass
    db.execute("BEGIN")
    db.execute("CREATE TABLE floor_copy AS SELECT * FROM citizen_status WHERE 0")
    db.execute("INSERT INTO floor_copy SELECT * FROM citizen_status ORDER BY personal_id, day_from")
    db.execute("ROLLBACK")
    took, cpu = time.perf_counter() - start, time.process_time() - cpu
    db.close()
    return took, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("store", type=Path)
    parser.add_argument("--statements", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1)
    args = parser.parse_args()
    t0 = time.perf_counter()
    engine = open_store(f"sqlite:///{args.store}")
    print(f"store {args.store} opened in {time.perf_counter() - t0:.1f} s")
    spent: dict[str, float] = defaultdict(float)
    if args.statements:

        @event.listens_for(engine, "before_cursor_execute")
        def before(conn, cursor, statement, parameters, context, executemany):
            conn.info.setdefault("cpu", []).append(time.process_time())

        @event.listens_for(engine, "after_cursor_execute")
        def after(conn, cursor, statement, parameters, context, executemany):
            spent[" ".join(statement.split())[:110]] += time.process_time() - conn.info["cpu"].pop()

    with engine.connect() as connection:
        citizens = connection.execute(text("SELECT count(*) FROM citizen")).scalar()
        rows = connection.execute(text("SELECT count(*) FROM citizen_status")).scalar()
    print(f"{citizens:,} citizens, {rows:,} projection rows")
    floor_s, floor_cpu = floor(args.store)
    print(f"floor (raw sqlite3: facts read grouped + projection rows copied): "
          f"{floor_s:.1f} s (CPU {floor_cpu:.1f} s)")  # fmt: skip
    for _ in range(args.repeat):
        with engine.begin() as connection:  # a new version of the rules
            connection.execute(text("DELETE FROM setting WHERE key = 'reports.projection'"))
        spent.clear()
        gc.collect()
        load = psutil.getloadavg()[0]
        with PeakRss() as mem:
            cpu, start = time.process_time(), time.perf_counter()
            report_timelines.rebuild_projection(SqlUnitOfWork(engine))
            took, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(
            f"projection rebuilt whole: {took:.1f} s (CPU {cpu:.1f} s), "
            f"{cpu / floor_cpu:.2f}× the floor's CPU, peak RSS {mem.peak >> 20} MiB "
            f"(load {load:.1f} → {psutil.getloadavg()[0]:.1f})"
        )
        for statement, seconds in sorted(spent.items(), key=lambda kv: -kv[1])[: args.statements]:
            print(f"  {seconds:7.2f} s  {statement}")
    engine.dispose()


if __name__ == "__main__":
    main()

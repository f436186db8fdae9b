"""FieldApp at scale: a store of N citizens built through the list importer, then every path.

Run from the worktree root (sizes are opt-in; each builds its own store in a temp folder):

    nice -n 10 .venv/bin/python bench/bench_scale.py --10k --100k [--1m] [--2.7m]
        [--keep DIR] [--parts search,scan,reports,export] [--dbstat] [--store-only]

`--keep DIR` builds the store in DIR once (the 2.7 M import takes half an hour here) and
reuses it on later runs, upgraded to this code's schema when opened (the time is printed).

For each size it prints, each figure next to a baseline measured in the same process on the
same store, interleaved where the measure is per query:
- import of a generated police list (CSV): wall time and peak RSS, against calamine-free raw
  `csv` + sqlite3 `executemany` of the same rows into one table;
- store size on disk (after a WAL checkpoint), and bytes per citizen;
- scan → visit saved p50/p95, against raw sqlite3 doing the service's statements;
- name search p50/p95 over 500 queries (folded prefixes of stored names, word-anywhere
  queries, one-letter queries), against a raw range query on the indexed folded column;
- the projection rebuilt whole (wall, CPU, peak RSS), daily figures cold (every citizen
  changed) and warm, the daily report PDF and the dashboard, against one SQL GROUP BY over
  the same rows (facts by village);
- `export` (opt-in, `scale_export.py`): the police's lists back to a point chosen for every
  village, time and peak RSS, against a raw read of every citizen and fact.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import gc
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench_lists import HEADER, PeakRss, list_people
from sqlalchemy import Engine, select, text

import fieldapp
from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import demo_user, load_commune
from fieldapp.domain.chip_qr import ChipQrPayload, format_chip_qr
from fieldapp.domain.personal_id import PersonalId, Sex
from fieldapp.domain.text import fold_name
from fieldapp.services import lists, lookup, visits
from fieldapp.store.migrate import open_store
from fieldapp.store.tables import Citizen
from fieldapp.store.uow import SqlUnitOfWork

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000, "2.7m": 2_700_000}
REPORT_DAY = date(2026, 6, 5)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def make_csv(path: Path, rows: int, villages: list[str]) -> None:
    """A police list as the resident software exports it (UTF-8, one header row)."""
    with path.open("w", newline="", encoding="utf-8") as out:
        writer = csv.writer(out)
        writer.writerow(HEADER)
        for row in list_people(rows, villages):
            writer.writerow([*row[:3], row[3].strftime("%d/%m/%Y"), *row[4:]])


def raw_import(path: Path, work: Path) -> float:
    """The floor for an import: parse the CSV, insert its rows as they are, one transaction."""
    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as f:
        rows = [tuple(r) for r in csv.reader(f)][1:]
    db = sqlite3.connect(work / "raw_import.sqlite3")
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("CREATE TABLE r (stt, name, pid PRIMARY KEY, birth, sex, village, phone, a, l)")
    with db:
        db.executemany("INSERT INTO r VALUES (?,?,?,?,?,?,?,?,?)", rows)
    db.close()
    return time.perf_counter() - start


def store_size(engine, path: Path) -> int:
    with engine.connect() as connection:
        connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return sum(p.stat().st_size for p in path.parent.glob(path.name + "*"))


def free_bytes(path: Path) -> int:
    """Bytes of the file's free pages (a migration that copies a table leaves the old pages)."""
    raw = sqlite3.connect(path)
    try:
        pages = raw.execute("PRAGMA freelist_count").fetchone()[0]
        return int(pages * raw.execute("PRAGMA page_size").fetchone()[0])
    finally:
        raw.close()


def dbstat_lines(path: Path, citizens: int) -> list[str]:
    """Bytes per citizen of each table and index (SQLite's dbstat: pages used, whole pages)."""
    raw = sqlite3.connect(path)
    try:
        rows = raw.execute(
            "SELECT name, SUM(pgsize), SUM(payload), COUNT(*) FROM dbstat "
            "GROUP BY name ORDER BY SUM(pgsize) DESC"
        ).fetchall()
    finally:
        raw.close()
    lines = []
    for name, size, payload, pages in rows:
        if size / citizens < 1:
            continue
        lines.append(
            f"    {name:<40} {size / citizens:7.1f} B/citizen "
            f"(payload {payload / citizens:6.1f}, {pages:,} pages)"
        )
    return lines


def search_queries(names: list[str], rng: random.Random, count: int) -> dict[str, list[str]]:
    """Folded prefixes of stored names, single words from inside names, and one letter."""
    picked = rng.sample(names, count)
    prefixes, words = [], []
    for name in picked:
        key = fold_name(name)
        prefixes.append(key[: rng.randint(3, len(key))])
        inner = key.split()[1:] or key.split()
        word = rng.choice(inner)
        words.append(word[: rng.randint(min(2, len(word)), len(word))])
    letters = [rng.choice("abcdghklmnpqstvx") for _ in range(count // 5)]
    return {"prefix": prefixes, "word anywhere": words, "one letter": letters}


def bench_search(engine, path: Path, queries: dict[str, list[str]]) -> None:
    raw = sqlite3.connect(path)

    def baseline(q: str) -> None:
        raw.execute(
            "SELECT * FROM citizen WHERE name_folded >= ? AND name_folded < ? "
            "ORDER BY name_folded LIMIT 50",
            (q, q + "{"),
        ).fetchall()

    for q in queries["prefix"][:20]:
        lookup.search(SqlUnitOfWork(engine), q)
        baseline(q)
    every, every_base, every_cpu = [], [], []
    for kind, items in queries.items():
        ours, base, cpu = [], [], []
        for q in items:
            c0 = time.thread_time()
            t0 = time.perf_counter()
            lookup.search(SqlUnitOfWork(engine), q)
            t1 = time.perf_counter()
            c1 = time.thread_time()
            baseline(fold_name(q))
            t2 = time.perf_counter()
            ours.append((t1 - t0) * 1000)
            cpu.append((c1 - c0) * 1000)
            base.append((t2 - t1) * 1000)
        every += ours
        every_base += base
        every_cpu += cpu
        print(
            f"  search, {kind} ({len(items)}): p50 {statistics.median(ours):.2f} ms, "
            f"p95 {pct(ours, 0.95):.2f} ms, max {max(ours):.2f} ms, CPU p95 {pct(cpu, 0.95):.2f} ms"
            f" | raw indexed range: p50 {statistics.median(base):.2f} ms, "
            f"p95 {pct(base, 0.95):.2f} ms"
        )
    print(
        f"  search, all {len(every)}: p50 {statistics.median(every):.2f} ms, "
        f"p95 {pct(every, 0.95):.2f} ms, CPU p95 {pct(every_cpu, 0.95):.2f} ms "
        f"(goal p95 ≤ 5 ms at 100 k, ≤ 20 ms at 2.7 M) | raw: "
        f"p50 {statistics.median(every_base):.2f} ms, p95 {pct(every_base, 0.95):.2f} ms"
    )
    raw.close()


def bench_scan(engine, path: Path, rng: random.Random, count: int) -> None:
    with engine.connect() as connection:
        c = Citizen.__table__.c  # typed: the birth date is an ordinal on SQLite
        rows = connection.execute(
            select(c.personal_id, c.full_name, c.birth_date, c.sex, c.address)
        ).fetchall()
        point, user = connection.execute(
            text("SELECT p.id, u.id FROM supportpoint p, app_user u LIMIT 1")
        ).one()
    sample = rng.sample(rows, count)
    point_id, user_id = uuid.UUID(str(point)), uuid.UUID(str(user))
    raw = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=5000", "synchronous=FULL"):
        raw.execute(f"PRAGMA {pragma}")

    def raw_scan(personal_id: str) -> None:
        raw.execute("BEGIN")
        raw.execute(
            "SELECT citizen.*, village.name FROM citizen LEFT JOIN village "
            "ON village.id = lower(hex(citizen.village_id)) WHERE personal_id = ?", (personal_id,)
        ).fetchone()  # fmt: skip
        raw.execute("SELECT * FROM visit WHERE personal_id = ?", (personal_id,)).fetchall()
        raw.execute(
            "INSERT INTO visit (id, personal_id, occurred_at, support_point_id, user_id, place) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (os.urandom(16).hex(), personal_id, datetime.now(UTC).isoformat(), point_id.hex,
             user_id.hex, "at_point"),
        )  # fmt: skip
        raw.execute("SELECT * FROM outcome WHERE personal_id = ?", (personal_id,)).fetchall()
        raw.execute("SELECT * FROM official_fact WHERE personal_id = ?", (personal_id,)).fetchall()
        raw.execute("COMMIT")

    ours, base = [], []
    for pid, name, birth_date, sex, address in sample:
        qr = format_chip_qr(
            ChipQrPayload(
                PersonalId(pid), None, name, birth_date, Sex(sex), address, date(2022, 1, 1)
            )
        )
        t0 = time.perf_counter()
        visits.register_visit(SqlUnitOfWork(engine), qr, user_id=user_id, point_id=point_id)
        t1 = time.perf_counter()
        raw_scan(pid)
        t2 = time.perf_counter()
        ours.append((t1 - t0) * 1000)
        base.append((t2 - t1) * 1000)
    raw.close()
    print(
        f"  scan → visit saved ({count}): p50 {statistics.median(ours):.2f} ms, "
        f"p95 {pct(ours, 0.95):.2f} ms | raw statements: p50 {statistics.median(base):.2f} ms, "
        f"p95 {pct(base, 0.95):.2f} ms; ratio p95 {pct(ours, 0.95) / pct(base, 0.95):.1f}"
    )


BASELINE_GROUP_BY = """
SELECT c.village_id, f.field, f.value, COUNT(DISTINCT f.personal_id)
FROM official_fact f JOIN citizen c ON c.personal_id = f.personal_id
GROUP BY c.village_id, f.field, f.value
"""


def bench_reports(engine, repeat: int, *, quick: bool = False) -> None:
    from fieldapp.domain.periods import day_period
    from fieldapp.services import report_output, report_timelines, reports
    from fieldapp.services.report_document import build_document

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine)

    def group_by() -> None:
        with engine.connect() as connection:
            connection.execute(text(BASELINE_GROUP_BY)).fetchall()

    def figures() -> None:
        reports.compute_figures(uow(), day_period(REPORT_DAY))

    def report_pdf() -> None:
        buffer = BytesIO()
        report_output.render(
            build_document(reports.compute_figures(uow(), day_period(REPORT_DAY))), "pdf", buffer
        )

    def dashboard() -> None:
        report_output.dashboard(uow(), today=REPORT_DAY, actor=demo_user(engine))

    def every_citizen_changed() -> None:
        # a new version of the rules: the projection is rebuilt whole
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM setting WHERE key = 'reports.projection'"))

    def rebuild() -> None:
        report_timelines.rebuild_projection(uow())

    def timed(fn, before=None) -> tuple[float, float, int]:
        """Best wall time of `repeat` runs, that run's CPU time, and the peak RSS."""
        best, cpu, peak = float("inf"), 0.0, 0
        for _ in range(repeat):
            if before is not None:
                before()
            gc.collect()
            with PeakRss() as mem:
                c0, t0 = time.process_time(), time.perf_counter()
                fn()
                took = time.perf_counter() - t0
                if took < best:
                    best, cpu = took, time.process_time() - c0
            peak = max(peak, mem.peak)
        return best, cpu, peak

    group_by()
    base, base_cpu, _ = timed(group_by)
    print(f"  one SQL GROUP BY over the facts by village: {base:.3f} s (CPU {base_cpu:.3f} s)")
    t0 = time.perf_counter()
    figures()
    print(f"  daily figures, very first run: {time.perf_counter() - t0:.3f} s")
    steps = (
        ("projection rebuilt whole (every citizen changed)", rebuild, every_citizen_changed),
        ("daily figures cold (every citizen changed)", figures, every_citizen_changed),
        ("daily figures warm", figures, None),
        ("daily report PDF warm", report_pdf, None),
        ("dashboard warm", dashboard, None),
        ("daily report PDF cold", report_pdf, every_citizen_changed),
        ("dashboard cold", dashboard, every_citizen_changed),
    )
    if quick:  # one rebuild only (minutes at 2.7 M before issue 17's set-based rebuild)
        steps = (steps[0], *steps[2:5])
    for name, fn, before in steps:
        best, cpu, peak = timed(fn, before)
        print(
            f"  {name}: {best:.3f} s (CPU {cpu:.3f} s), {best / base:.1f}× the GROUP BY, "
            f"peak RSS {peak >> 20} MiB"
        )


def build_store(path: Path, cache: Path, commune) -> Engine:
    """A store of the commune's villages plus every citizen of the list, through the importer."""
    for stale in path.parent.glob(path.name + "*"):
        stale.unlink()  # a build that stopped half-way is not reused
    engine = open_store(f"sqlite:///{path}")
    load_commune(engine, commune, this_point=None)
    gc.collect()
    with PeakRss() as mem:
        t0 = time.perf_counter()
        preview = lists.preview_list(SqlUnitOfWork(engine), cache, "police")
        result = lists.import_list(
            SqlUnitOfWork(engine), preview, valid_only=True, actor=demo_user(engine)
        )
        took = time.perf_counter() - t0
    raw = raw_import(cache, path.parent)
    (path.parent / "raw_import.sqlite3").unlink()
    print(
        f"  list import: {took:.1f} s, peak RSS {mem.peak >> 20} MiB "
        f"({result.citizens_added:,} citizens, {result.facts_added:,} facts) | raw csv + "
        f"executemany: {raw:.1f} s, ratio {took / raw:.1f}"
    )
    return engine


def run(size: int, args: argparse.Namespace) -> None:
    print(f"== {size:,} citizens ({datetime.now(UTC):%H:%M} UTC, load {os.getloadavg()[0]:.1f})")
    commune = generate_commune(0, seed=1, events=False)
    villages = [v.name for v in commune.villages]
    cache = Path(tempfile.gettempdir()) / f"fieldapp_bench_scale_{size}.csv"
    if not cache.exists():
        t0 = time.perf_counter()
        make_csv(cache, size, villages)
        print(f"  generated the list in {time.perf_counter() - t0:.1f} s")
    with contextlib.ExitStack() as stack:
        if args.keep is not None:
            work = args.keep
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-scale-")))
        path = work / "store.sqlite3"
        built = work / "imported"
        if built.exists():
            t0 = time.perf_counter()
            engine = open_store(f"sqlite:///{path}")
            print(
                f"  kept store {path} reused "
                f"(opened and upgraded in {time.perf_counter() - t0:.1f} s)"
            )
        else:
            engine = build_store(path, cache, commune)
            built.write_text(f"{size}\n")
        if args.vacuum:
            t0 = time.perf_counter()
            with engine.connect() as connection:
                connection.exec_driver_sql("VACUUM")
            print(f"  VACUUM: {time.perf_counter() - t0:.1f} s")
        size_bytes = store_size(engine, path)
        free = free_bytes(path)
        print(
            f"  store: {size_bytes / 2**20:.1f} MiB, {size_bytes / size:.0f} bytes per citizen "
            f"(free pages {free / 2**20:.1f} MiB: {(size_bytes - free) / size:.0f} bytes per "
            "citizen in use)"
        )
        if args.dbstat:
            print("\n".join(dbstat_lines(path, size)))
        if args.store_only:
            engine.dispose()
            return
        parts = set(args.parts.split(","))
        rng = random.Random(7)
        if "search" in parts:
            with engine.connect() as connection:
                names = list(connection.execute(text("SELECT full_name FROM citizen")).scalars())
            bench_search(engine, path, search_queries(names, rng, args.queries))
            del names
        if "scan" in parts:
            bench_scan(engine, path, rng, args.scans)
        if "reports" in parts and not args.no_reports:
            bench_reports(engine, args.repeat, quick=args.reports_quick)
        if "export" in parts:
            from scale_export import bench_export

            bench_export(engine)
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser()
    for flag in SIZES:
        parser.add_argument(f"--{flag}", action="store_true", help=f"{SIZES[flag]:,} citizens")
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--scans", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--no-reports", action="store_true")
    parser.add_argument("--dbstat", action="store_true", help="bytes per citizen of each object")
    parser.add_argument("--store-only", action="store_true", help="stop after the store size")
    parser.add_argument(
        "--parts",
        default="search,scan,reports",
        help="what to measure after the store: search,scan,reports,export (RSS is the "
        "process's: measure reports or export alone in a process to read their own peak)",
    )
    parser.add_argument(
        "--reports-quick",
        action="store_true",
        help="reports: one whole rebuild of the projection, then warm figures, PDF, dashboard",
    )
    parser.add_argument(
        "--vacuum", action="store_true", help="VACUUM the store before measuring (timed)"
    )
    parser.add_argument(
        "--keep",
        type=Path,
        help="build the store in this folder once and reuse it on later runs (one size only)",
    )
    args = parser.parse_args()
    chosen = [n for flag, n in SIZES.items() if getattr(args, flag, False)]
    print(f"measuring {fieldapp.__file__}")
    for size in chosen or [SIZES["10k"]]:
        run(size, args)


if __name__ == "__main__":
    main()

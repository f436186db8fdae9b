"""Name search alone, at any size, on SQLite or PostgreSQL, against a raw range query.

The store holds only citizens (the police-list generator's names, one bulk insert, the word
index filled the way the list importer fills it), so 2.7 million names take minutes, not the
hours of a full list import (bench/bench_scale.py measures search on a real import too).
Then it times `lookup.search` (what the desk and the CLI call) for folded prefixes of stored
names, words from inside names and one letter, interleaved with the baseline in the same
process: one raw `SELECT ... WHERE name_folded >= q AND < q || '{' ORDER BY ... LIMIT 50`.

    nice -n 10 .venv/bin/python bench/bench_search.py [--citizens 100000] [--queries 500]
        [--postgres] [--profile]

SQLite stores are kept in the temp folder (`fieldapp_bench_search_<N>.sqlite3`, upgraded to
head when reused); PostgreSQL runs on a throwaway cluster (tests/pg_cluster.py).
Goal (issue 17): p95 ≤ 5 ms at 100 k, ≤ 20 ms at 2.7 M. Wall times on a shared machine wait
for a CPU; CPU is this thread's time plus, on PostgreSQL, the server's (its backends' time
from /proc/<pid>/schedstat).
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import random
import sqlite3
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bench_lists import list_people
from bench_scale import search_queries
from sqlalchemy import Engine, insert, text

from fieldapp.domain.text import fold_name
from fieldapp.services import lookup
from fieldapp.store import name_search
from fieldapp.store import tables as t
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork

CHUNK = 50_000


def citizen_rows(citizens: int) -> Iterator[list[dict]]:
    """The generated citizens as column values, a chunk at a time (2.7 M at once is GBs)."""
    now = datetime.now(UTC)
    chunk: list[dict] = []
    for _, name, pid, birth, sex, *_ in list_people(citizens, ["Thôn 1"]):
        chunk.append(
            {
                "personal_id": pid,
                "full_name": name,
                "name_folded": fold_name(name),
                "birth_date": birth,
                "sex": "male" if sex == "Nam" else "female",
                "address": "",
                "name_source": "official_list",
                "created_at": now,
                "updated_at": now,
            }
        )
        if len(chunk) == CHUNK:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def fill(engine: Engine, citizens: int) -> None:
    """N citizens in one transaction; on SQLite the word table the way the importer fills it.

    PostgreSQL's rows go in by COPY (2.7 M rows through INSERT take most of an hour here;
    its row trigger fills the word table), then VACUUM ANALYZE: a server's autovacuum would
    have run by the time anyone searches.
    """
    postgres = engine.dialect.name == "postgresql"
    with engine.begin() as connection:
        paused = name_search.pause_word_trigger(connection)
        for rows in citizen_rows(citizens):
            if postgres:
                _copy(connection, rows)
                continue
            connection.execute(insert(t.Citizen.__table__), rows)
            if paused is not None:
                words = [(r["personal_id"], r["name_folded"]) for r in rows]
                name_search.add_words(connection, words)
        name_search.resume_word_trigger(connection, paused)
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        analyze = f"VACUUM ANALYZE citizen, {name_search.WORD_TABLE}" if postgres else "ANALYZE"
        connection.execute(text(analyze))


def _copy(connection, rows: list[dict]) -> None:
    names = list(rows[0])
    cursor = connection.connection.driver_connection.cursor()
    with cursor.copy(f"COPY citizen ({', '.join(names)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([row[n] for n in names])
    cursor.close()


class ServerCpu:
    """CPU time of a PostgreSQL cluster's backends (ns precision, Linux's schedstat).

    Backends are found once (children of the postmaster), after the connections are open.
    """

    def __init__(self, data_dir: Path | None) -> None:
        self.pids: list[int] = []
        if data_dir is not None:
            postmaster = int((data_dir / "postmaster.pid").read_text().split()[0])
            self.pids = [
                int(d.name)
                for d in Path("/proc").iterdir()
                if d.name.isdigit() and _parent(d) == postmaster
            ]

    def seconds(self) -> float:
        total = 0
        for pid in self.pids:
            try:
                total += int(Path(f"/proc/{pid}/schedstat").read_text().split()[0])
            except (OSError, ValueError, IndexError):
                continue
        return total / 1e9


def _parent(proc: Path) -> int:
    try:
        return int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
    except (OSError, ValueError, IndexError):
        return -1


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def report(label: str, runs: list[tuple[float, float, float, float]]) -> None:
    """p50/p95 of wall and CPU, ours then the raw range query's, in ms."""

    def ms(column: int, share: float) -> float:
        return 1000 * percentile([r[column] for r in runs], share)

    print(
        f"  search, {label}: wall p50 {ms(0, 0.5):.2f} ms, p95 {ms(0, 0.95):.2f} ms, "
        f"max {ms(0, 1):.2f} ms; CPU p50 {ms(1, 0.5):.2f} ms, p95 {ms(1, 0.95):.2f} ms | raw "
        f"range: wall p50 {ms(2, 0.5):.2f} ms, p95 {ms(2, 0.95):.2f} ms; "
        f"CPU p95 {ms(3, 0.95):.2f} ms",
        flush=True,
    )


def raw_baseline(engine: Engine, url_path: Path | None) -> tuple[Callable[[str], None], object]:
    """The baseline query on the driver itself (sqlite3) or a held connection (PostgreSQL)."""
    if url_path is not None:
        raw = sqlite3.connect(url_path)
        sql = (
            "SELECT * FROM citizen WHERE name_folded >= ? AND name_folded < ? "
            "ORDER BY name_folded, personal_id LIMIT 50"
        )
        return (lambda q: raw.execute(sql, (q, q + "{")).fetchall()), raw
    held = engine.connect()
    sql = text(
        'SELECT * FROM citizen WHERE name_folded COLLATE "C" >= :lo '
        'AND name_folded COLLATE "C" < :hi ORDER BY name_folded COLLATE "C", personal_id '
        "LIMIT 50"
    )
    return (lambda q: held.execute(sql, {"lo": q, "hi": q + "{"}).all()), held


def measure(engine: Engine, queries: dict[str, list[str]], server: ServerCpu, base) -> None:
    """Ours and the baseline, interleaved query by query."""
    for q in queries["prefix"][:20]:  # warm both
        lookup.search(SqlUnitOfWork(engine), q)
        base(fold_name(q))
    every: list[tuple[float, float, float, float]] = []
    for kind, items in queries.items():
        runs = []
        for q in items:
            c0, s0, t0 = time.thread_time(), server.seconds(), time.perf_counter()
            lookup.search(SqlUnitOfWork(engine), q)
            t1, c1, s1 = time.perf_counter(), time.thread_time(), server.seconds()
            base(fold_name(q))
            t2, c2, s2 = time.perf_counter(), time.thread_time(), server.seconds()
            runs.append((t1 - t0, c1 - c0 + s1 - s0, t2 - t1, c2 - c1 + s2 - s1))
        every += runs
        report(f"{kind} ({len(items)})", runs)
    report(f"all {len(every)}", every)


def profile(engine: Engine, queries: dict[str, list[str]]) -> None:
    """cProfile of every query through `lookup.search`: where this process's time goes."""
    flat = [q for items in queries.values() for q in items]
    profiler = cProfile.Profile(time.process_time)
    profiler.enable()
    for q in flat:
        lookup.search(SqlUnitOfWork(engine), q)
    profiler.disable()
    stats = pstats.Stats(profiler)
    print(f"  profile of {len(flat)} searches (process time):")
    stats.sort_stats("cumulative").print_stats(25)
    stats.sort_stats("tottime").print_stats(20)


def sqlite_store(citizens: int) -> tuple[Engine, Path]:
    """A names-only store in the temp folder, built once per size and reused."""
    path = Path(tempfile.gettempdir()) / f"fieldapp_bench_search_{citizens}.sqlite3"
    fresh = not path.exists()
    engine = open_store(f"sqlite:///{path}")
    if fresh:
        start = time.perf_counter()
        try:
            fill(engine, citizens)
        except BaseException:
            engine.dispose()
            path.unlink(missing_ok=True)
            raise
        print(f"  {citizens:,} citizens written in {time.perf_counter() - start:.1f} s")
    return engine, path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    parser.add_argument("--postgres", action="store_true", help="a throwaway PostgreSQL cluster")
    parser.add_argument("--profile", action="store_true", help="cProfile instead of timings")
    args = parser.parse_args()
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"== {backend}, {args.citizens:,} citizens ({datetime.now(UTC):%H:%M} UTC, "
        f"load {os.getloadavg()[0]:.1f})",
        flush=True,
    )
    cluster = None
    path: Path | None = None
    if args.postgres:
        from pg_cluster import ThrowawayCluster

        cluster = ThrowawayCluster()
    try:
        if cluster is not None:
            engine = open_store(cluster.start())
            start = time.perf_counter()
            fill(engine, args.citizens)
            print(f"  {args.citizens:,} citizens written in {time.perf_counter() - start:.1f} s")
        else:
            engine, path = sqlite_store(args.citizens)
        with engine.connect() as connection:
            names = list(connection.execute(text("SELECT full_name FROM citizen")).scalars())
        queries = search_queries(names, random.Random(7), args.queries)
        del names
        if args.profile:
            profile(engine, queries)
        else:
            base, held = raw_baseline(engine, path)
            server = ServerCpu(cluster.data if cluster is not None else None)
            measure(engine, queries, server, base)
            held.close()  # type: ignore[attr-defined]
            print("  (goal p95 ≤ 5 ms at 100 k, ≤ 20 ms at 2.7 M)")
        engine.dispose()
    finally:
        if cluster is not None:
            cluster.stop()


if __name__ == "__main__":
    main()

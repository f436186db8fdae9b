"""Name search on PostgreSQL: the app's search against a raw indexed range, same server.

Starts a throwaway cluster (tests/pg_cluster.py: initdb in a temporary folder, a private
socket), migrates a store there, writes N generated citizens (the police-list generator's
names) with one bulk insert, ANALYZEs, then times `lookup.search` for folded prefixes of
stored names, words from inside names and one letter, interleaved with the baseline: one
`SELECT ... WHERE name_folded COLLATE "C" >= q AND < q || '{' ORDER BY ... LIMIT 50`.

    nice -n 10 .venv/bin/python bench/bench_search_pg.py [--citizens 100000] [--queries 500]

Goal (issue 17): p95 ≤ 5 ms at 100 k. Wall times on a shared machine wait for a CPU; the
bench also prints this process's CPU per query (the server's CPU is not in it).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from bench_lists import list_people
from bench_scale import search_queries
from pg_cluster import ThrowawayCluster
from sqlalchemy import insert, text

from fieldapp.domain.text import fold_name
from fieldapp.services import lookup
from fieldapp.store import tables as t
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork


def fill(engine, citizens: int) -> list[str]:
    """N citizens straight into the table (the search reads name_folded and personal_id)."""
    now = datetime.now(UTC)
    rows = [
        {
            "personal_id": pid,
            "full_name": name,
            "name_folded": fold_name(name),
            "birth_date": birth,
            "address": "",
            "name_source": "official_list",
            "created_at": now,
            "updated_at": now,
        }
        for _, name, pid, birth, *_ in list_people(citizens, ["Thôn 1"])
    ]
    with engine.begin() as connection:
        for start in range(0, len(rows), 20_000):
            connection.execute(insert(t.Citizen.__table__), rows[start : start + 20_000])
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("ANALYZE citizen"))
    return [r["full_name"] for r in rows]


class ServerCpu:
    """CPU time of the cluster's backends (ns precision from /proc/<pid>/schedstat, Linux).

    Wall time on a shared machine is mostly waiting for a CPU; the server's own CPU per query
    is the steadier figure. Backends are found once (children of the postmaster), after the
    connections are open.
    """

    def __init__(self, data_dir: Path) -> None:
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
    """p50/p95 of wall and CPU (client + server), ours then the raw range query's, in ms."""

    def ms(column: int, share: float) -> float:
        return 1000 * percentile([r[column] for r in runs], share)

    print(
        f"  search, {label}: wall p50 {ms(0, 0.5):.2f} ms, p95 {ms(0, 0.95):.2f} ms; "
        f"CPU p50 {ms(1, 0.5):.2f} ms, p95 {ms(1, 0.95):.2f} ms | raw indexed range: wall "
        f"p50 {ms(2, 0.5):.2f} ms, p95 {ms(2, 0.95):.2f} ms; server CPU p95 {ms(3, 0.95):.2f} ms"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=500)
    args = parser.parse_args()
    cluster = ThrowawayCluster()
    try:
        engine = open_store(cluster.start())
        start = time.perf_counter()
        names = fill(engine, args.citizens)
        took = time.perf_counter() - start
        print(f"PostgreSQL, {args.citizens:,} citizens written in {took:.1f} s")
        queries = search_queries(names, random.Random(7), args.queries)
        raw = text(
            'SELECT * FROM citizen WHERE name_folded COLLATE "C" >= :lo '
            'AND name_folded COLLATE "C" < :hi ORDER BY name_folded COLLATE "C", personal_id '
            "LIMIT 50"
        )
        with engine.connect() as connection:

            def baseline(q: str) -> None:
                connection.execute(raw, {"lo": q, "hi": q + "{"}).all()

            for q in queries["prefix"][:20]:  # warm both
                lookup.search(SqlUnitOfWork(engine), q)
                baseline(q)
            server = ServerCpu(cluster.data)
            every: list[tuple[float, float, float, float]] = []
            for kind, items in queries.items():
                runs = []
                for q in items:
                    c0, s0, t0 = time.thread_time(), server.seconds(), time.perf_counter()
                    lookup.search(SqlUnitOfWork(engine), q)
                    t1, c1, s1 = time.perf_counter(), time.thread_time(), server.seconds()
                    baseline(fold_name(q))
                    t2, s2 = time.perf_counter(), server.seconds()
                    runs.append((t1 - t0, c1 - c0 + s1 - s0, t2 - t1, s2 - s1))
                every += runs
                report(f"{kind} ({len(items)})", runs)
            report(f"all {len(every)}", every)
            print("  (goal p95 ≤ 5 ms at 100 k; CPU = this process's + the server's)")
        engine.dispose()
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()

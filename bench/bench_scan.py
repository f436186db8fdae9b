"""Scan → visit saved, against 100,000 citizens.

Prints p50/p95 of `services.visits.register_visit` (parse the QR, find the citizen, save the
visit in its own transaction, fold the status for the card) and the ratio to a raw sqlite3
select + insert + commit of the same rows on the same file with the same pragmas (the issue's
baseline), and to raw sqlite3 making the same reads the card needs (like for like).
Goal: p95 ≤ 15 ms and ratio ≤ 3.

    .venv/bin/python bench/bench_scan.py [--citizens 100000] [--scans 500]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.domain.chip_qr import ChipQrPayload, format_chip_qr
from fieldapp.domain.personal_id import PersonalId
from fieldapp.services import visits
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=100_000)
    parser.add_argument("--scans", type=int, default=500)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="fieldapp-bench-"))
    path = folder / "bench.sqlite3"
    engine = open_store(f"sqlite:///{path}")
    started = time.perf_counter()
    data = generate_commune(args.citizens, seed=1)
    load_commune(engine, data)
    print(
        f"loaded {len(data.citizens):,} citizens, {len(data.visits):,} visits, "
        f"{len(data.outcomes):,} outcomes in {time.perf_counter() - started:.1f} s"
    )

    rng = random.Random(2)
    sample = rng.sample(data.citizens, args.scans)
    qrs = [
        format_chip_qr(
            ChipQrPayload(
                PersonalId(c.personal_id),
                None,
                c.full_name,
                c.birth_date,
                c.sex,
                c.address,
                date(2022, 1, 1),
            )
        )
        for c in sample
    ]
    point, user = data.points[0].id, data.users[0].id

    raw = sqlite3.connect(path, isolation_level=None)
    for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=5000", "synchronous=FULL"):
        raw.execute(f"PRAGMA {pragma}")

    def insert_visit(personal_id: str) -> None:
        raw.execute(
            "INSERT INTO visit (id, personal_id, occurred_at, support_point_id, user_id, place) "
            "VALUES (?, ?, ?, ?, ?, ?)",
            (uuid.uuid4().hex, personal_id, datetime.now(UTC).isoformat(), point.hex, user.hex,
             "at_point"),
        )  # fmt: skip

    def raw_scan(personal_id: str) -> None:
        raw.execute("BEGIN")
        row = raw.execute("SELECT * FROM citizen WHERE personal_id = ?", (personal_id,)).fetchone()
        insert_visit(row[0])
        raw.execute("COMMIT")

    def raw_scan_and_card(personal_id: str) -> None:
        """Like for like: the service's six statements (card head, visits, insert, outcomes,
        facts, names of points and users), in raw sqlite3."""
        raw.execute("BEGIN")
        row = raw.execute(
            "SELECT citizen.*, village.name FROM citizen LEFT JOIN village "
            "ON village.id = citizen.village_id WHERE personal_id = ?", (personal_id,)
        ).fetchone()  # fmt: skip
        raw.execute(
            "SELECT * FROM visit WHERE personal_id = ? ORDER BY occurred_at", (personal_id,)
        ).fetchall()
        insert_visit(row[0])
        raw.execute(
            "SELECT * FROM outcome WHERE personal_id = ? ORDER BY recorded_at", (personal_id,)
        ).fetchall()
        raw.execute("SELECT * FROM official_fact WHERE personal_id = ?", (personal_id,)).fetchall()
        raw.execute(
            "SELECT id, name FROM supportpoint WHERE id IN "
            "(SELECT support_point_id FROM visit WHERE personal_id = ?) UNION ALL "
            "SELECT id, name FROM app_user WHERE id IN "
            "(SELECT user_id FROM visit WHERE personal_id = ?)", (personal_id, personal_id)
        ).fetchall()  # fmt: skip
        raw.execute("COMMIT")

    for qr, citizen in zip(qrs[:20], sample[:20], strict=True):  # warm up every path
        visits.register_visit(SqlUnitOfWork(engine), qr, user_id=user, point_id=point)
        raw_scan(citizen.personal_id)
        raw_scan_and_card(citizen.personal_id)
    # Interleaved, so that all see the same disk and the same load on the machine.
    service_ms, raw_ms, like_ms = [], [], []
    for qr, citizen in zip(qrs, sample, strict=True):
        t0 = time.perf_counter()
        visits.register_visit(SqlUnitOfWork(engine), qr, user_id=user, point_id=point)
        t1 = time.perf_counter()
        raw_scan(citizen.personal_id)
        t2 = time.perf_counter()
        raw_scan_and_card(citizen.personal_id)
        t3 = time.perf_counter()
        service_ms.append((t1 - t0) * 1000)
        raw_ms.append((t2 - t1) * 1000)
        like_ms.append((t3 - t2) * 1000)

    p50, p95 = statistics.median(service_ms), percentile(service_ms, 0.95)
    r50, r95 = statistics.median(raw_ms), percentile(raw_ms, 0.95)
    print(
        f"scan → visit saved (service): p50 {p50:.2f} ms  p95 {p95:.2f} ms  "
        f"(goal p95 ≤ 15 ms: {'met' if p95 <= 15 else 'NOT met'})"
    )
    print(f"raw sqlite3 select + insert:  p50 {r50:.2f} ms  p95 {r95:.2f} ms")
    print(
        f"ratio service/raw: p50 {p50 / r50:.2f}  p95 {p95 / r95:.2f}  "
        f"(goal ≤ 3: {'met' if p95 / r95 <= 3 else 'NOT met'})"
    )
    l50, l95 = statistics.median(like_ms), percentile(like_ms, 0.95)
    print(f"raw sqlite3, the card's reads + insert: p50 {l50:.2f} ms  p95 {l95:.2f} ms")
    print(f"ratio service/like-for-like raw: p50 {p50 / l50:.2f}  p95 {p95 / l95:.2f}")


if __name__ == "__main__":
    main()

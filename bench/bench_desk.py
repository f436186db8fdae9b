"""Scan → card shown, against a commune of 100,000 citizens.

Times the whole desk path (scan field text + Enter → read_scan → register_visit in one
transaction → card built → card rendered and painted in the window) with the synchronous
runner; the service alone on other citizens; and, as baselines in the same process on the
same file with the same pragmas (WAL, synchronous=FULL), raw sqlite3 reads of the same
rows (citizen, village, visits, outcomes, facts) with and without inserting a visit and
committing. Prints p50/p95 and the ratios.

Run from the worktree root: `python bench/bench_desk.py [citizens] [scans]`.
"""

from __future__ import annotations

import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.domain.chip_qr import ChipQrPayload, format_chip_qr
from fieldapp.domain.personal_id import PersonalId
from fieldapp.services import lookup, visits
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def qr_text(c) -> str:
    return format_chip_qr(
        ChipQrPayload(
            PersonalId(c.personal_id),
            None,
            c.full_name,
            c.birth_date,
            c.sex,
            c.address,
            date(2021, 4, 12),
        )
    )


def raw_lookup(conn: sqlite3.Connection, pid: str) -> tuple:
    citizen = conn.execute("SELECT * FROM citizen WHERE personal_id = ?", (pid,)).fetchone()
    village = conn.execute("SELECT name FROM village WHERE id = ?", (citizen[6],)).fetchone()
    visits = conn.execute(
        "SELECT * FROM visit WHERE personal_id = ? ORDER BY occurred_at", (pid,)
    ).fetchall()
    outcomes = conn.execute(
        "SELECT * FROM outcome WHERE personal_id = ? ORDER BY recorded_at", (pid,)
    ).fetchall()
    facts = conn.execute("SELECT * FROM official_fact WHERE personal_id = ?", (pid,)).fetchall()
    return citizen, village, visits, outcomes, facts


def raw_scan(conn: sqlite3.Connection, pid: str, point_id: str, user_id: str) -> None:
    rows = raw_lookup(conn, pid)
    assert rows[0] is not None
    conn.execute(
        "INSERT INTO visit (id, personal_id, occurred_at, support_point_id, user_id, place) "
        "VALUES (?, ?, ?, ?, ?, 'at_point')",
        (uuid.uuid4().hex, pid, datetime.now(UTC).isoformat(" "), point_id, user_id),
    )
    conn.commit()


def main() -> None:
    citizens = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    scans = int(sys.argv[2]) if len(sys.argv) > 2 else 300
    app = QApplication.instance() or QApplication(sys.argv[:1])
    tmp = tempfile.mkdtemp()
    path = Path(tmp) / "bench.sqlite3"
    engine = open_store(f"sqlite:///{path}")
    t0 = time.perf_counter()
    data = generate_commune(citizens, seed=7)
    load_commune(engine, data)
    print(
        f"{citizens} citizens, {len(data.visits)} visits, {len(data.outcomes)} outcomes, "
        f"{len(data.facts)} facts loaded in {time.perf_counter() - t0:.1f} s"
    )

    session = DeskSession(
        uow=lambda: SqlUnitOfWork(engine),
        runner=InlineTaskRunner(),
        lang="vi",
        point=data.points[0],
        user=data.users[0],
    )
    window = MainWindow(session, catch_scans=False)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    rng = random.Random(1)
    both = rng.sample(data.citizens, 3 * scans)
    picked, others, raw_others = both[:scans], both[scans : 2 * scans], both[2 * scans :]
    texts = [qr_text(c) for c in picked]

    # Warm-up (imports, first queries, fonts).
    for c in picked[:5]:
        window.scan_field.setText(qr_text(c))
        window.scan_field.returnPressed.emit()

    desk_ms: list[float] = []
    for citizen, text in zip(picked, texts, strict=True):
        start = time.perf_counter()
        window.scan_field.setText(text)
        window.scan_field.returnPressed.emit()
        app.processEvents()
        desk_ms.append((time.perf_counter() - start) * 1000)
        assert window.card is not None and window.card.citizen.personal_id == citizen.personal_id

    service_ms: list[float] = []
    point_id, user_id = data.points[0].id, data.users[0].id
    for citizen in others:
        text = qr_text(citizen)
        start = time.perf_counter()
        visits.register_visit(SqlUnitOfWork(engine), text, user_id=user_id, point_id=point_id)
        service_ms.append((time.perf_counter() - start) * 1000)

    card_ms: list[float] = []
    for citizen in picked:
        start = time.perf_counter()
        lookup.look_up(SqlUnitOfWork(engine), citizen.personal_id)
        card_ms.append((time.perf_counter() - start) * 1000)

    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    for c in picked[:5]:
        raw_lookup(conn, c.personal_id)
    raw_ms: list[float] = []
    for citizen in picked:
        start = time.perf_counter()
        rows = raw_lookup(conn, citizen.personal_id)
        raw_ms.append((time.perf_counter() - start) * 1000)
        assert rows[0] is not None
    raw_write_ms: list[float] = []
    for citizen in raw_others:
        start = time.perf_counter()
        raw_scan(conn, citizen.personal_id, point_id.hex, user_id.hex)
        raw_write_ms.append((time.perf_counter() - start) * 1000)
    conn.close()

    def line(name: str, values: list[float]) -> str:
        return f"{name:<44} p50 {statistics.median(values):7.2f} ms   p95 {pct(values, 95):7.2f} ms"

    def ratio(a: list[float], b: list[float]) -> str:
        p50 = statistics.median(a) / statistics.median(b)
        return f"p50 {p50:.1f}x, p95 {pct(a, 95) / pct(b, 95):.1f}x"

    print(f"{scans} scans of random citizens")
    print(line("desk: scan → visit saved → card painted", desk_ms))
    print(line("service: register_visit (QR → card)", service_ms))
    print(line("service: look_up (card only, no write)", card_ms))
    print(line("raw sqlite3: 5 selects + insert + commit", raw_write_ms))
    print(line("raw sqlite3: 5 selects", raw_ms))
    print(f"ratio desk / raw write:        {ratio(desk_ms, raw_write_ms)}")
    print(f"ratio register_visit / raw write: {ratio(service_ms, raw_write_ms)}")
    print(f"ratio look_up / raw read:      {ratio(card_ms, raw_ms)}")
    window.close()
    engine.dispose()


if __name__ == "__main__":
    main()

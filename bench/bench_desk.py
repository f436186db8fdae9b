"""Scan → card shown, against a commune of 100,000 citizens.

Times the whole desk path (scan field text + Enter → read_scan → register_visit in one
transaction → card built → card rendered in the window) with the synchronous runner, then
the same citizens' rows read with raw sqlite3 in the same process (citizen, village,
visits, outcomes, facts), and prints p50/p95 and the ratio.

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
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtWidgets import QApplication

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.domain.chip_qr import ChipQrPayload, format_chip_qr
from fieldapp.domain.personal_id import PersonalId
from fieldapp.services import lookup
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
    window = MainWindow(session)
    window.resize(1366, 768)
    window.show()
    app.processEvents()
    rng = random.Random(1)
    picked = rng.sample(data.citizens, scans)
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

    card_ms: list[float] = []
    for citizen in picked:
        start = time.perf_counter()
        lookup.look_up(SqlUnitOfWork(engine), citizen.personal_id)
        card_ms.append((time.perf_counter() - start) * 1000)

    conn = sqlite3.connect(path)
    for c in picked[:5]:
        raw_lookup(conn, c.personal_id)
    raw_ms: list[float] = []
    for citizen in picked:
        start = time.perf_counter()
        rows = raw_lookup(conn, citizen.personal_id)
        raw_ms.append((time.perf_counter() - start) * 1000)
        assert rows[0] is not None
    conn.close()

    def line(name: str, values: list[float]) -> str:
        return f"{name:<44} p50 {statistics.median(values):7.2f} ms   p95 {pct(values, 95):7.2f} ms"

    print(f"{scans} scans of random citizens")
    print(line("desk: scan → visit saved → card shown", desk_ms))
    print(line("service: look_up (card only, no write)", card_ms))
    print(line("raw sqlite3: same rows (5 selects)", raw_ms))
    print(
        f"ratio desk/raw: p50 {statistics.median(desk_ms) / statistics.median(raw_ms):.0f}x, "
        f"p95 {pct(desk_ms, 95) / pct(raw_ms, 95):.0f}x;  "
        f"look_up/raw: p50 {statistics.median(card_ms) / statistics.median(raw_ms):.0f}x"
    )
    window.close()
    engine.dispose()


if __name__ == "__main__":
    main()

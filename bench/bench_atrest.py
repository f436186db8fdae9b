"""Encrypted store (SQLCipher) versus plain SQLite, same workloads, same process.

For each mode the four everyday jobs run on fresh stores: scanning cards (register_visit),
importing a police list (xlsx), a sync round trip (point export + police import) and the
daily report (figures + PDF). Printed: the best of `--repeat` runs per mode and the ratio
encrypted / plain. Goal (issue 15): at most 1.25 for each.

    nice -n 10 .venv/bin/python bench/bench_atrest.py [--citizens 20000] [--scans 300]
        [--list-rows 20000] [--events 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_lists
import bench_reports
import bench_sync

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import demo_user, load_commune
from fieldapp.domain import model as dm
from fieldapp.domain.chip_qr import ChipQrPayload, format_chip_qr
from fieldapp.domain.periods import day_period
from fieldapp.domain.personal_id import PersonalId
from fieldapp.services import campaign, report_output, reports, visits
from fieldapp.services import sync as s
from fieldapp.services.report_document import build_document
from fieldapp.store import cipher, keychain
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.sync.keys import Keyring

MODES = ("plain", "sqlcipher-nokey", "encrypted")
_apply_key = cipher.apply_key


def set_mode(mode: str) -> None:
    """How new stores are made.

    plain: the standard library's sqlite3 (what FieldApp used before); sqlcipher-nokey: the
    SQLCipher build's own SQLite, no key (a plain file: the same SQLite version as encrypted,
    so the ratio to it is the cost of encryption alone); encrypted: SQLCipher with a key.
    """
    keychain.new_store_key_provider = None if mode == "plain" else (lambda _p: os.urandom(32))
    cipher.apply_key = (lambda _c, _k: None) if mode == "sqlcipher-nokey" else _apply_key


def scans(folder: Path, citizens: int, count: int) -> float:
    """Seconds for `count` scans (each its own transaction), on a loaded commune."""
    engine = open_store(f"sqlite:///{folder / 'scan.sqlite3'}")
    data = generate_commune(citizens, seed=1)
    load_commune(engine, data)
    sample = random.Random(2).sample(data.citizens, count)
    qrs = [
        format_chip_qr(ChipQrPayload(PersonalId(c.personal_id), None, c.full_name,
                                     c.birth_date, c.sex, c.address, date(2022, 1, 1)))
        for c in sample
    ]  # fmt: skip
    point, user = data.points[0].id, data.users[0].id
    started = time.perf_counter()
    for qr in qrs:
        visits.register_visit(SqlUnitOfWork(engine), qr, user_id=user, point_id=point)
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def list_import(folder: Path, list_file: Path) -> float:
    """Seconds to preview and import the police list into a new store."""
    engine = open_store(f"sqlite:///{folder / 'lists.sqlite3'}")
    load_commune(engine, generate_commune(50, seed=4))
    _read, total, _result, _cpu = bench_lists.ours(list_file, engine)
    engine.dispose()
    return total


def sync_round_trip(folder: Path, events: int) -> float:
    """Seconds for one point's export of every event plus the police's import of it."""
    data = bench_sync.trim(generate_commune(int(events / 3.4) + 500, villages=1, seed=50), events)
    point_engine = open_store(f"sqlite:///{folder / 'point.sqlite3'}")
    load_commune(point_engine, data)
    point_keys, police_keys = Keyring(folder / "point-keys"), Keyring(folder / "police-keys")
    bench_sync.as_typed_at_points(point_engine)
    point_pub = s.ensure_point_keys(SqlUnitOfWork(point_engine), point_keys)
    police = bench_sync.police_store(folder, data, police_keys, [point_pub])
    card = s.export_key_card(police_keys, folder)
    volunteer = demo_user(point_engine, dm.Role.VOLUNTEER)
    s.import_commune_card(SqlUnitOfWork(point_engine), point_keys, card, actor=volunteer)
    stick = folder / "stick"
    stick.mkdir()
    started = time.perf_counter()
    exported = s.export_bundle(SqlUnitOfWork(point_engine), point_keys, stick, actor=volunteer)
    s.import_bundles(
        SqlUnitOfWork(police), police_keys, [exported.path], actor=bench_sync.police_officer(data)
    )
    elapsed = time.perf_counter() - started
    police.dispose()
    point_engine.dispose()
    return elapsed


def daily_report(folder: Path, citizens: int, events: int) -> float:
    """Seconds for the daily report's figures and PDF, cold cache, on a filled store."""
    path = folder / "report.sqlite3"
    bench_reports.build_store(path, citizens, events)
    engine = open_store(f"sqlite:///{path}")
    police = demo_user(engine)
    campaign.add_wave(SqlUnitOfWork(engine), *bench_reports.WAVE, actor=police)
    started = time.perf_counter()
    figures = reports.compute_figures(SqlUnitOfWork(engine), day_period(bench_reports.REPORT_DAY))
    report_output.render(build_document(figures), "pdf", BytesIO())
    elapsed = time.perf_counter() - started
    engine.dispose()
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=20_000)
    parser.add_argument("--scans", type=int, default=300)
    parser.add_argument("--list-rows", type=int, default=20_000)
    parser.add_argument("--events", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="fieldapp-bench-atrest-"))
    list_file = root / "police-list.xlsx"
    bench_lists.make_file(list_file, args.list_rows, [f"Thôn {i}" for i in range(1, 6)])
    jobs: dict[str, Callable[[Path], float]] = {
        f"scan ({args.scans} cards, {args.citizens:,} citizens)": lambda f: scans(
            f, args.citizens, args.scans
        ),
        f"list import ({args.list_rows:,} rows xlsx)": lambda f: list_import(f, list_file),
        f"sync export+import ({args.events:,} events)": lambda f: sync_round_trip(f, args.events),
        f"daily report ({args.citizens:,} citizens)": lambda f: daily_report(
            f, args.citizens, args.events * 2
        ),
    }
    times: dict[tuple[str, str], list[float]] = {}
    for run in range(args.repeat):  # modes interleaved, so machine load hits both alike
        for name, job in jobs.items():
            for mode in MODES if run % 2 == 0 else reversed(MODES):
                set_mode(mode)
                folder = root / f"{run}-{abs(hash(name)) % 10_000}-{mode}"
                folder.mkdir()
                times.setdefault((name, mode), []).append(job(folder))
    set_mode("plain")
    print(f"best of {args.repeat} s (median); ratios of the best: encrypted / plain "
          "sqlite3, encrypted / SQLCipher's SQLite without key (goal ≤ 1.25)")  # fmt: skip
    for name in jobs:
        best = {m: min(times[(name, m)]) for m in MODES}
        mid = {m: statistics.median(times[(name, m)]) for m in MODES}
        cells = "  ".join(f"{m} {best[m]:6.2f} ({mid[m]:.2f})" for m in MODES)
        print(
            f"  {name:42s} {cells}  ratio {best['encrypted'] / best['plain']:.2f}"
            f" / {best['encrypted'] / best['sqlcipher-nokey']:.2f}"
        )


if __name__ == "__main__":
    main()

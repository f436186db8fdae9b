"""CLI start time: `fieldapp --help` and `fieldapp status ID`, against a bare Python start.

Run from the worktree root:  nice -n 10 .venv/bin/python bench/bench_cli.py [--runs 15]
Each round runs the baseline (`python -c pass`), `--help` and `status` once, interleaved, in
fresh processes; the store is made once (a commune, one citizen). Prints best and median
wall time, and the child process's CPU time (steadier when the machine is shared).
Goal (issue 17): ≤ 0.3 s for both.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

QR = "038090012345|123456789|Lê Văn Nam|01011990|Nam|Thôn Tây Sơn|01012022"


def timed(args: list[str]) -> tuple[float, float]:
    """Wall time, and the child's CPU time (user + system: steadier on a busy machine)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    runs = parser.parse_args().runs
    root = Path(__file__).resolve().parents[1]
    # status shows personal data: it signs the user in (the PIN's key derivation is part of it)
    os.environ.update(FIELDAPP_USER="Mai", FIELDAPP_PIN="quan-tri-2468")
    cli = [sys.executable, "-c", "import sys; from fieldapp.cli.main import main; "
           "sys.exit(main())"]  # fmt: skip
    with tempfile.TemporaryDirectory() as tmp:
        db = f"sqlite:///{Path(tmp) / 'store.sqlite3'}"
        subprocess.run([*cli, "--db", db, "init", "--commune", "Xã A", "--village",
                        "Thôn Tây Sơn", "--point", "Điểm 1", "--user", "Mai:admin:quan-tri-2468"],
                       check=True, capture_output=True, cwd=root)  # fmt: skip
        subprocess.run([*cli, "--db", db, "scan", QR, "--create"], check=True, capture_output=True)
        cases = {
            "python -c pass (baseline)": [sys.executable, "-c", "pass"],
            "floor for status: import SQLAlchemy + SQLModel + the tables": [
                sys.executable,
                "-c",
                "import fieldapp.store.tables, sqlalchemy.orm",
            ],
            "fieldapp --help": [*cli, "--help"],
            "fieldapp status ID": [*cli, "--db", db, "status", "038090012345"],
        }
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
        for _ in range(runs):
            for name, args in cases.items():
                times[name].append(timed(args))
    for name, values in times.items():
        wall, cpu = [v[0] for v in values], [v[1] for v in values]
        print(
            f"{name}: wall best {min(wall):.3f} s, median {statistics.median(wall):.3f} s; "
            f"CPU best {min(cpu):.3f} s, median {statistics.median(cpu):.3f} s"
        )


if __name__ == "__main__":
    main()

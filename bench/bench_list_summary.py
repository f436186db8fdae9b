"""What keeping the figures' summary costs a list import (issue 17), baseline in the same run.

Two fresh stores per round, each holding the commune's villages and a current projection;
in one the figures' summary is kept (`store/figure_summary.py`), in the other it is not
(forgotten: the baseline, the same import without the summary's work). Into each: the
police list of bench_lists.py (new citizens: `SpanWriter.add_new` + `flush`), then the same
people with other values (every citizen changed: `SpanWriter.refold`). Rounds interleave the
two stores and alternate which goes first; each figure is the best of the rounds.

Usage: nice -n 10 python bench/bench_list_summary.py [ROWS] [REPEAT]   (default 100000 2)
"""

from __future__ import annotations

import gc
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import bench_lists
from bench_lists import make_file, ours

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.services import report_timelines
from fieldapp.store import figure_summary as fsum
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork


def make_changed_file(path: Path, rows: int, villages: list[str]) -> None:
    """The same people as `make_file`'s, each saying otherwise (activated and linked flipped)."""
    people = bench_lists.list_people

    def flipped(rows: int, villages: list[str]) -> Iterator[tuple]:
        for *person, activated, linked in people(rows, villages):
            yield (*person, "" if activated else "x", "Chưa" if linked != "Chưa" else "Đã tích hợp")

    bench_lists.list_people = flipped  # make_file writes whatever people it is given
    try:
        make_file(path, rows, villages)
    finally:
        bench_lists.list_people = people


def one_store(work: Path, commune: object, kept: bool, first: Path, second: Path) -> list[float]:
    """CPU of the two imports into a fresh store whose summary is kept or not."""
    engine = open_store(f"sqlite:///{work / ('kept' if kept else 'plain')}.sqlite3")
    load_commune(engine, commune, this_point=None)  # type: ignore[arg-type]
    report_timelines.ensure_projection(SqlUnitOfWork(engine))  # current, summary built
    uow = SqlUnitOfWork(engine)
    with uow:
        if not kept:
            fsum.forget(uow.repo.session)
        uow.commit()
    cpus = []
    for path in (first, second):
        gc.collect()
        cpus.append(ours(path, engine)[3])
    with SqlUnitOfWork(engine) as u:
        assert fsum.is_kept(u.repo.session) is kept
    engine.dispose()
    return cpus


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    repeat = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    commune = generate_commune(0, seed=1, events=False)
    villages = [v.name for v in commune.villages]
    first = Path(tempfile.gettempdir()) / f"fieldapp_bench_lists_{rows}.xlsx"
    second = Path(tempfile.gettempdir()) / f"fieldapp_bench_list_summary_{rows}.xlsx"
    for path, make in ((first, make_file), (second, make_changed_file)):
        if not path.exists():
            t0 = time.perf_counter()
            make(path, rows, villages)
            print(f"generated {path} in {time.perf_counter() - t0:.1f} s")
    best: dict[tuple[bool, int], float] = {}
    for round_ in range(repeat):
        for kept in (True, False) if round_ % 2 == 0 else (False, True):
            with tempfile.TemporaryDirectory() as tmp:
                for i, cpu in enumerate(one_store(Path(tmp), commune, kept, first, second)):
                    best[kept, i] = min(best.get((kept, i), cpu), cpu)
    print(f"{rows:,} rows, best CPU of {repeat} rounds, summary kept against not kept:")
    for i, name in enumerate(("new citizens", "every citizen changed")):
        kept, plain = best[True, i], best[False, i]
        print(
            f"  list import, {name}: kept {kept:.2f} s, not kept {plain:.2f} s: "
            f"{100 * (kept / plain - 1):+.1f} %"
        )


if __name__ == "__main__":
    main()

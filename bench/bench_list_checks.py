"""What the hostile-file checks at open cost, against calamine's own read of the same file.

The checks (zip directory, the sheet's used area from its cell references) run once per
file, before calamine reads it; this measures them on the 100,000-row police list of
bench_lists.py (made there, cached in the temp folder) in CPU time, same process.

Usage: python bench/bench_list_checks.py [ROWS]
"""

from __future__ import annotations

import io
import sys
import tempfile
import time
from pathlib import Path

import python_calamine as pc

sys.path.insert(0, str(Path(__file__).parent))

from bench_lists import make_file

from fieldapp.demo.generator import generate_commune
from fieldapp.ingest import limits


def cpu(work: object, repeat: int = 3) -> float:
    """The best CPU time of a few runs."""
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        work()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    path = Path(tempfile.gettempdir()) / f"fieldapp_bench_lists_{rows}.xlsx"
    if not path.exists():
        villages = [v.name for v in generate_commune(0, seed=1, events=False).villages]
        make_file(path, rows, villages)
    data = path.read_bytes()

    def calamine_read() -> None:
        book = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        book.get_sheet_by_index(0).to_python(skip_empty_area=False)

    base = cpu(calamine_read)
    members = cpu(lambda: limits.check_zip_members(path.name, data))
    areas = cpu(lambda: limits.check_sheet_areas(path.name, data))
    print(f"file                    {path.name} ({len(data) / 2**20:.1f} MB, {rows:,} rows)")
    print(f"calamine read (baseline) {base:.3f} s CPU")
    print(f"zip directory check      {members:.3f} s CPU ({members / base:.1%} of the read)")
    print(f"sheet area check         {areas:.3f} s CPU ({areas / base:.1%} of the read)")


if __name__ == "__main__":
    main()

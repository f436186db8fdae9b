"""Daily report and dashboard on 30,000 citizens and ~150,000 events, against one SQL GROUP BY.

Run from the worktree root:  python bench/bench_reports.py [--citizens 30000] [--repeat 3]
Prints seconds (best and median of the repeats, wall clock, and the best CPU time of the
process) and the ratio to the raw baseline measured in the same process on the same store.
"Cold" is the first run after a change to every citizen (a full list import, or a change of the
rules, which the status cache digests): every citizen is folded again and their cache row
replaced. "One changed" is the run after a change to one citizen (a bundle import): the cache
is checked citizen by citizen and one citizen is folded. "Warm" is a run with nothing changed.
The machine's load average is printed too: on a shared machine the absolute figures move, the
CPU times and the ratios much less.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from datetime import UTC, date, datetime
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import text

from fieldapp.demo import generator
from fieldapp.demo.loader import demo_user, load_commune
from fieldapp.domain.periods import Period, ReportKind, day_period
from fieldapp.services import campaign, report_output, reports
from fieldapp.services.report_document import build_document
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork

REPORT_DAY = date(2026, 6, 5)
WAVE = ("Đợt 1", date(2026, 5, 20), date(2026, 6, 10))


def build_store(path: Path, citizens: int, target_events: int) -> dict[str, int]:
    """The generator's commune plus a second round of visits until ~target_events events."""
    data = generator.generate_commune(citizens, seed=3)
    extra = replace(data, visits=[], outcomes=[], facts=[])
    generator._events(random.Random(99), extra, date(2026, 5, 22), 18)
    by_visit: dict = {}
    for outcome in extra.outcomes:
        by_visit.setdefault(outcome.visit_id, []).append(outcome)
    visits, outcomes, have = [], [], len(data.visits) + len(data.outcomes) + len(data.facts)
    for visit in extra.visits:
        if have >= target_events:
            break
        visits.append(visit)
        outcomes += by_visit.get(visit.id, [])
        have += 1 + len(by_visit.get(visit.id, []))
    data.visits += visits
    data.outcomes += outcomes
    engine = open_store(f"sqlite:///{path}")
    load_commune(engine, data)
    engine.dispose()
    return {
        "citizens": len(data.citizens),
        "visits": len(data.visits),
        "outcomes": len(data.outcomes),
        "facts": len(data.facts),
    }


BASELINE = """
SELECT c.village_id, o.step, o.result, COUNT(DISTINCT o.personal_id)
FROM outcome o JOIN citizen c ON c.personal_id = o.personal_id
WHERE o.recorded_at < :until
GROUP BY c.village_id, o.step, o.result
"""


def timed(function, repeat: int, before=None) -> tuple[float, float, float, object]:
    """Best and median wall time, best CPU time of the process, and the last result."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        if before is not None:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        result = function()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return min(times), statistics.median(times), min(cpu), result


def measure_screen(uow, repeat: int) -> None:
    """The dashboard window offscreen: how soon it shows (busy), and how long drawing takes."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from fieldapp.ui.police_dashboard import PoliceDashboard
    from fieldapp.ui.session import DeskSession
    from fieldapp.ui.tasks import InlineTaskRunner

    app = QApplication.instance() or QApplication([])
    session = DeskSession(uow=uow, runner=InlineTaskRunner())
    board = report_output.dashboard(uow(), today=REPORT_DAY, actor=demo_user(uow().engine))
    shown, drawn = [], []
    for _ in range(repeat):
        start = time.perf_counter()
        window = PoliceDashboard(session, today=REPORT_DAY)
        window.resize(1366, 768)
        window.show()
        window._busy(True)
        app.processEvents()
        shown.append(time.perf_counter() - start)
        start = time.perf_counter()
        window.show_board(board)
        app.processEvents()
        drawn.append(time.perf_counter() - start)
        window.close()
    print(
        f"dashboard window: shown with its busy line in {min(shown):.3f} s; "
        f"figures drawn in {min(drawn):.3f} s (after the computation above)"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=30000)
    parser.add_argument("--events", type=int, default=150000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="bench-reports-"))
    path = folder / "bench.sqlite3"
    t0 = time.perf_counter()
    counts = build_store(path, args.citizens, args.events)
    events = counts["visits"] + counts["outcomes"] + counts["facts"]
    print(f"store: {counts} = {events} events, built in {time.perf_counter() - t0:.1f} s")
    engine = open_store(f"sqlite:///{path}")

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine)

    police = demo_user(uow().engine)
    campaign.add_wave(uow(), *WAVE, actor=police)
    until = reports.utc_bounds([REPORT_DAY])[-1]

    def baseline() -> list:
        with engine.connect() as connection:
            return connection.execute(
                text(BASELINE), {"until": until.replace(tzinfo=None).isoformat(sep=" ")}
            ).fetchall()

    def figures_only():
        return reports.compute_figures(uow(), day_period(REPORT_DAY))

    def daily_report():
        figures = reports.compute_figures(uow(), day_period(REPORT_DAY))
        buffer = BytesIO()
        report_output.render(build_document(figures), "pdf", buffer)
        return len(buffer.getvalue())

    def dashboard():
        return report_output.dashboard(uow(), today=REPORT_DAY, actor=police)

    def whole_wave():
        return reports.compute_figures(uow(), Period(ReportKind.WAVE, WAVE[1], WAVE[2]))

    def every_citizen_changed() -> None:
        # what a new version of the rules leaves behind: the projection is rebuilt whole
        # (a list import folds the citizens it touched in its own transaction instead)
        with engine.begin() as connection:
            connection.execute(text("DELETE FROM setting WHERE key = 'reports.projection'"))

    def one_citizen_changed() -> None:
        # a desk write: the commit folds that citizen again
        with uow() as u:
            first = u.repo.session.execute(text("SELECT MIN(personal_id) FROM citizen")).scalar()
            u.repo.touch([first])
            u.commit()

    baseline()  # warm the page cache for everyone alike
    start, start_cpu = time.perf_counter(), time.process_time()
    figures_only()
    print(
        f"very first run, empty status cache: {time.perf_counter() - start:.3f} s "
        f"(CPU {time.process_time() - start_cpu:.3f} s)"
    )
    base_best, base_median, base_cpu, rows = timed(baseline, args.repeat)
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    print(
        f"baseline SQL GROUP BY ({len(rows)} groups): best {base_best:.3f} s, "
        f"median {base_median:.3f} s, CPU {base_cpu:.3f} s"
    )

    def show(name: str, best: float, median: float, cpu: float) -> None:
        print(
            f"{name}: best {best:.3f} s, median {median:.3f} s, CPU {cpu:.3f} s; "
            f"ratio to baseline {best / base_best:.1f}x (best/best), "
            f"{cpu / base_cpu:.1f}x (CPU/CPU)"
        )

    best, median, cpu, _ = timed(figures_only, args.repeat, every_citizen_changed)
    show("cold: daily figures after a change to every citizen", best, median, cpu)
    best, median, cpu, _ = timed(figures_only, args.repeat, one_citizen_changed)
    show("daily figures after a change to one citizen", best, median, cpu)
    figures_only()
    for name, function in (
        ("warm: daily figures", figures_only),
        ("warm: daily report (figures + PDF)", daily_report),
        ("warm: dashboard (wave to date + points)", dashboard),
        ("warm: whole wave, 22 days", whole_wave),
    ):
        best, median, cpu, _ = timed(function, args.repeat)
        show(name, best, median, cpu)
    print("(the warm runs read the status cache: nothing changed between them)")
    measure_screen(uow, args.repeat)
    print(f"measured at {datetime.now(UTC):%Y-%m-%d %H:%M} UTC")


if __name__ == "__main__":
    main()

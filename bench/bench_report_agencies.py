"""Issue 18 (items 1, 5, 6, 8) on 30,000 citizens: the new reports against the old daily one.

Run from the worktree root:  nice -n 10 python bench/bench_report_agencies.py [--citizens 30000]
Builds the same store as bench_reports.py, warms the report cache, then times (best and median
of the repeats, wall clock and best CPU; the ratios to the baseline's best wall and best CPU:
on a loaded machine the CPU ratio moves least): the raw SQL GROUP BY baseline, the calendar-day
figures (`compute_figures`), the deadline-to-deadline figures, an agency report, the final
report with its waves, and the social-affairs office's file; then the documents as a user gets
them (the daily and final reports drawn as PDF, the file written as xlsx), the file against a
second baseline: openpyxl writing the same values raw (write-only, no styles, values ready).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import time as clock_time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_reports import BASELINE, REPORT_DAY, WAVE, build_store, timed
from sqlalchemy import text

from fieldapp.demo.loader import demo_user
from fieldapp.documents.beneficiary_xlsx import COLUMNS, render_beneficiary_xlsx
from fieldapp.domain.periods import day_period
from fieldapp.domain.status_history import OPEN
from fieldapp.services import campaign, report_output, reports
from fieldapp.services.agency_report import agency_figures
from fieldapp.services.beneficiary_file import beneficiary_file
from fieldapp.services.report_settings import report_settings
from fieldapp.services.report_window import daily_window_figures
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork

BENEFICIARY_BASELINE = """
SELECT village_id, beneficiary_group, payment, benefit_link, eid_application, COUNT(*)
FROM citizen_status
WHERE day_from <= :day AND day_until > :day AND beneficiary_group IS NOT NULL
GROUP BY village_id, beneficiary_group, payment, benefit_link, eid_application
"""

FILE_BASELINE = """
SELECT s.*, c.full_name, c.name_folded, c.birth_date
FROM citizen_status s JOIN citizen c ON c.personal_id = s.personal_id
WHERE s.day_until = :open AND s.beneficiary_group IS NOT NULL
"""  # the open span: day_until is a day number (`DayNumber`) since the lean rows


def main() -> None:
    """Build, warm, time, print."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=30000)
    parser.add_argument("--events", type=int, default=150000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--store", type=Path, help="build the store here once, then reuse it")
    args = parser.parse_args()
    path = args.store or Path(tempfile.mkdtemp(prefix="bench-agencies-")) / "bench.sqlite3"
    built = not path.exists()
    counts = build_store(path, args.citizens, args.events) if built else "reused"
    print(f"store: {counts}; load average {os.getloadavg()[0]:.1f}")
    engine = open_store(f"sqlite:///{path}")

    def uow() -> SqlUnitOfWork:
        return SqlUnitOfWork(engine)

    police = demo_user(engine)
    if built:
        campaign.add_wave(uow(), *WAVE, actor=police)
    until = reports.utc_bounds([REPORT_DAY])[-1]

    def baseline() -> list:
        with engine.connect() as connection:
            return connection.execute(
                text(BASELINE), {"until": until.replace(tzinfo=None).isoformat(sep=" ")}
            ).fetchall()

    def beneficiary_baseline() -> list:
        """One GROUP BY over the same rows the agency report reads (beneficiaries' spans)."""
        with engine.connect() as connection:
            return connection.execute(
                text(BENEFICIARY_BASELINE), {"day": REPORT_DAY.isoformat()}
            ).fetchall()

    def file_baseline() -> list:
        """One SELECT of the rows the social-affairs file lists (standing, name, birth)."""
        with engine.connect() as connection:
            return connection.execute(text(FILE_BASELINE), {"open": OPEN.toordinal()}).fetchall()

    reports.compute_figures(uow(), day_period(REPORT_DAY))  # warm the cache
    health = report_settings(uow(), "agency.health")
    jobs = {
        "baseline GROUP BY": baseline,
        "beneficiaries' GROUP BY (projection)": beneficiary_baseline,
        "agency figures (health, 14:00)": lambda: agency_figures(
            uow(), "health", day_period(REPORT_DAY), health
        ),
        "calendar-day figures": lambda: reports.compute_figures(uow(), day_period(REPORT_DAY)),
        "deadline-window figures (16:00)": lambda: daily_window_figures(
            uow(), REPORT_DAY, clock_time(16)
        ),
        "daily report, window (document)": lambda: report_output.build_report(
            uow(), "daily", day=REPORT_DAY, actor=police
        ),
        "agency report (health)": lambda: report_output.build_report(
            uow(), "daily", day=REPORT_DAY, agency="health", actor=police
        ),
        "final report (1 wave)": lambda: report_output.build_report(
            uow(), "final", day=REPORT_DAY, actor=police
        ),
        "file's rows, one SELECT (baseline)": file_baseline,
        "social-affairs file (rows)": lambda: beneficiary_file(uow(), actor=police),
        "daily report, window (document + PDF)": lambda: _pdf(
            report_output.build_report(uow(), "daily", day=REPORT_DAY, actor=police)
        ),
        "final report (document + PDF)": lambda: _pdf(
            report_output.build_report(uow(), "final", day=REPORT_DAY, actor=police)
        ),
        "social-affairs file (rows + xlsx)": lambda: render_beneficiary_xlsx(
            beneficiary_file(uow(), actor=police), BytesIO()
        ),
    }
    made = beneficiary_file(uow(), actor=police)
    values = [[value(row, "vi") for _, _, value in COLUMNS] for row in made.rows]
    cpus: dict[str, float] = {}
    base = base_cpu = None
    for name, job in jobs.items():
        best, median, cpu, _ = timed(job, args.repeat)
        cpus[name] = cpu
        base, base_cpu = base or best, base_cpu or cpu
        print(f"{name:38s} best {best:6.3f} s  median {median:6.3f} s  cpu {cpu:6.3f} s"
              f"  ×{best / base:5.1f} wall  ×{cpu / base_cpu:5.1f} cpu")  # fmt: skip
    best, median, cpu, _ = timed(lambda: _raw_xlsx(values), args.repeat)
    print(f"{'openpyxl raw write, same values':38s} best {best:6.3f} s  median {median:6.3f} s"
          f"  cpu {cpu:6.3f} s  (2nd baseline: the file's rows + xlsx at"
          f" ×{cpus['social-affairs file (rows + xlsx)'] / cpu:4.2f} cpu of it)")  # fmt: skip
    print(f"load average after: {os.getloadavg()[0]:.1f}")


def _pdf(document: object) -> int:
    buffer = BytesIO()
    report_output.render(document, "pdf", buffer)  # type: ignore[arg-type]
    return len(buffer.getvalue())


def _raw_xlsx(values: list[list[object]]) -> None:
    """openpyxl's own floor for the file: the same values appended to a write-only sheet."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("rows")
    for row in values:
        sheet.append(row)
    book.save(BytesIO())


if __name__ == "__main__":
    main()

"""Screenshots of issue 18 items 2-4: the dashboard's new tabs, the report's new sections.

The dashboard at 1366×768 (offscreen grab), the daily report's pages (pdftoppm).

Run from the worktree root: `.venv/bin/python docs/screenshots/campaign_screenshots.py`.
The data is the demo generator's commune (600 citizens, 8 villages, 20 days of synthetic
events from 20 May 2026), with a few smartphones recorded and the officer's paragraph.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import replace
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's fieldapp and test builders

from actors import police_of  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fieldapp.demo.generator import generate_commune  # noqa: E402
from fieldapp.demo.loader import load_commune  # noqa: E402
from fieldapp.services import difficulties, report_output  # noqa: E402
from fieldapp.store.migrate import open_store  # noqa: E402
from fieldapp.store.uow import SqlUnitOfWork  # noqa: E402
from fieldapp.ui.session import DeskSession  # noqa: E402
from fieldapp.ui.tasks import InlineTaskRunner  # noqa: E402

OUT = Path(__file__).resolve().parent
DAY = date(2026, 6, 5)
NOTE = (
    "Một số thôn vùng cao sóng điện thoại yếu, nhiều người cao tuổi không nhận được mã OTP; "
    "đề nghị ngân hàng cử cán bộ đến tận nhà mở tài khoản cho người đi lại khó khăn."
)


def main() -> None:
    """Build the commune, grab the three tabs, draw the report's pages with the sections."""
    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as folder:
        engine = open_store(f"sqlite:///{folder}/shots.sqlite3")
        data = generate_commune(600, villages=8, seed=18, start=date(2026, 5, 20), days=20)
        # every third citizen said at a desk whether they have a smartphone
        citizens = [
            replace(c, has_smartphone=(i % 6 != 0)) if i % 3 == 0 else c
            for i, c in enumerate(data.citizens)
        ]
        load_commune(engine, replace(data, citizens=citizens), this_point=None)
        police = police_of(engine)
        uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
        difficulties.set_difficulties_note(uow(), DAY, NOTE, actor=police)
        session = DeskSession(uow=uow, runner=InlineTaskRunner(), lang="vi", user=police)

        from fieldapp.ui.police_dashboard import PoliceDashboard

        board = PoliceDashboard(session, today=DAY)
        board.resize(1366, 768)
        board.show()
        board.refresh()
        for index, name in ((-3, "eligible"), (-2, "deadlines"), (-1, "difficulties")):
            board.tabs.setCurrentIndex(board.tabs.count() + index)
            app.processEvents()
            board.grab().save(str(OUT / f"police-dashboard-{name}.png"))
        board.close()

        from fieldapp.ui.campaign_settings import CampaignSettingsDialog

        dialog = CampaignSettingsDialog(session)
        dialog.tabs.setCurrentWidget(dialog.group_deadlines)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(OUT / "police-campaign-group-deadlines.png"))
        dialog.close()

        pdf = Path(folder) / "daily.pdf"
        report_output.write_report(uow(), "daily", pdf, day=DAY, actor=police)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", str(pdf), str(OUT / "police-report-daily-issue18")],
            check=True,
        )
        engine.dispose()


if __name__ == "__main__":
    main()

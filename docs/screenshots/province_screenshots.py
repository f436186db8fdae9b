"""The province desk and its daily report: docs/screenshots/province-*.png.

Run from the worktree root: `.venv/bin/python docs/screenshots/province_screenshots.py`.
A synthetic province (`fieldapp/demo/province.py`: 60 communes, 14 days, 4 silent on the
last day), the dashboard grabbed offscreen at 1366×768, the report's pages drawn with pdftoppm.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]  # this checkout's fieldapp and test builders

from actors import police_of  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from fieldapp.demo.province import load_province, synthetic_communes  # noqa: E402
from fieldapp.domain import model as dm  # noqa: E402
from fieldapp.services.province.report import write_province_report  # noqa: E402
from fieldapp.services.province.setup import set_up_province  # noqa: E402
from fieldapp.store import keychain  # noqa: E402
from fieldapp.store.migrate import open_store  # noqa: E402
from fieldapp.store.uow import SqlUnitOfWork  # noqa: E402
from fieldapp.sync.keys import Keyring, MemoryVault  # noqa: E402
from fieldapp.ui.province_dashboard import ProvinceDashboard  # noqa: E402
from fieldapp.ui.session import DeskSession  # noqa: E402
from fieldapp.ui.tasks import InlineTaskRunner  # noqa: E402

OUT = Path(__file__).resolve().parent
FIRST, DAYS = date(2026, 5, 16), 14
LAST = FIRST + timedelta(days=DAYS - 1)


def main() -> None:
    """Build the province, grab the dashboard (three tabs), render the report's pages."""
    app = QApplication.instance() or QApplication([])
    from fieldapp.ui.app import load_fonts

    load_fonts()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "province.sqlite3"
        keychain.remember(path, os.urandom(32))
        engine = open_store(f"sqlite:///{path}")
        officer = police_of(engine, dm.Role.PROVINCE_POLICE)
        keys = Keyring(Path(folder) / "keys", MemoryVault())
        set_up_province(SqlUnitOfWork(engine), keys, province="Thanh Hóa", users=[], actor=officer)
        communes = synthetic_communes(60)
        load_province(engine, communes[:56], FIRST, DAYS)
        load_province(engine, communes[56:], FIRST, DAYS, load_days=DAYS - 2)
        session = DeskSession(
            uow=lambda: SqlUnitOfWork(engine), runner=InlineTaskRunner(), user=officer
        )
        window = ProvinceDashboard(session, day=LAST)
        window.resize(1366, 768)
        window.refresh()
        window.show()
        for index, name in ((0, "province-dashboard"), (1, "province-dashboard-groups"),
                            (2, "province-dashboard-trend")):  # fmt: skip
            window.tabs.setCurrentIndex(index)
            window.group_choice.setCurrentIndex(window.group_choice.findData("merit"))
            app.processEvents()
            window.grab().save(str(OUT / f"{name}.png"))
        pdf = Path(folder) / "province.pdf"
        write_province_report(SqlUnitOfWork(engine), pdf, day=LAST, actor=officer)
        extract = Path(folder) / "home-affairs.pdf"
        write_province_report(
            SqlUnitOfWork(engine), extract, day=LAST, department="home_affairs", actor=officer
        )
        engine.dispose()
        for source, stem in ((pdf, "province-report"), (extract, "province-extract-home-affairs")):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "3", str(source),
                 str(OUT / stem)],
                check=True,
            )  # fmt: skip


if __name__ == "__main__":
    main()

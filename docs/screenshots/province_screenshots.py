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
        _keys(engine, keys, officer, communes, Path(folder), LAST)
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
        window.tabs.setCurrentIndex(4)  # the communes' keys and the deadline
        window.communes_panel.table.selectRow(0)
        app.processEvents()
        window.grab().save(str(OUT / "province-communes-keys.png"))
        pdf = Path(folder) / "province.pdf"
        write_province_report(SqlUnitOfWork(engine), pdf, day=LAST, actor=officer)
        extract = Path(folder) / "home-affairs.pdf"
        write_province_report(
            SqlUnitOfWork(engine), extract, day=LAST, department="home_affairs", actor=officer
        )
        engine.dispose()
        from pypdf import PdfReader

        pages = [page.extract_text() for page in PdfReader(pdf).pages]
        campaign = 1 + next(i for i, text in enumerate(pages) if "V. ĐỦ ĐIỀU KIỆN" in text)
        subprocess.run(
            ["pdftoppm", "-png", "-r", "70", "-f", str(campaign), "-l", str(campaign),
             "-singlefile", str(pdf), str(OUT / "province-report-campaign")],
            check=True,
        )  # fmt: skip
        for source, stem in ((pdf, "province-report"), (extract, "province-extract-home-affairs")):
            subprocess.run(
                ["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "3", str(source),
                 str(OUT / stem)],
                check=True,
            )  # fmt: skip


def _keys(engine, keys, officer, communes, folder: Path, day: date) -> None:  # noqa: ANN001
    """Most communes enrolled from their key cards, two revoked, a summary held from a stranger."""
    import uuid
    from datetime import UTC, datetime

    from fieldapp.demo.province import day_summary
    from fieldapp.services.province import commune_keys, importing
    from fieldapp.services.province import communes as pc
    from fieldapp.sync.bundle import KIND_SUMMARY, encode_bundle
    from fieldapp.sync.keys import ROLE_COMMUNE, card_bytes, new_identity
    from fieldapp.sync.summary import encode_summary

    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    for commune in communes[:48]:
        identity = new_identity(ROLE_COMMUNE, f"Công an {commune.name}", commune_id=commune.id,
                                point_id=None)  # fmt: skip
        card = folder / f"{commune.code}.fieldkey"
        card.write_bytes(card_bytes(identity.public))
        pc.enrol_commune(uow(), card, commune=commune.code, actor=officer)
    for commune in communes[1:3]:
        commune_keys.revoke_commune(uow(), commune.code, actor=officer)
    stranger = new_identity(ROLE_COMMUNE, "Công an Xã Hải Châu", commune_id=uuid.uuid4(),
                            point_id=None)  # fmt: skip
    summary = day_summary(communes[-1], day, FIRST, DAYS)
    summary.commune_id = stranger.public.commune_id
    inbox = folder / "inbox"
    inbox.mkdir()
    sealed = encode_bundle(
        encode_summary(summary),
        kind=KIND_SUMMARY,
        sender=stranger,
        recipient=keys.load().public,
        commune_id=stranger.public.commune_id,
        sequence=1,
        created_at=datetime.now(UTC),
    )
    (inbox / "tong-hop_xa-hai-chau.fieldsync").write_bytes(sealed)
    importing.import_summaries(uow(), keys, [inbox], actor=officer)


if __name__ == "__main__":
    main()

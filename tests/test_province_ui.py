"""The province desk offscreen: ranked communes in band colours, counts, who has not reported."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from actors import police_of
from PySide6.QtCore import Qt
from stores import new_store

from fieldapp.demo.province import load_province, synthetic_communes
from fieldapp.domain import model as dm
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.province import figures as pf
from fieldapp.services.province.setup import set_up_province
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.sync.keys import Keyring, MemoryVault
from fieldapp.ui.province_dashboard import BAND_COLOURS, ProvinceDashboard
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner

FIRST = date(2026, 5, 26)
DAYS = 14
LAST = FIRST + timedelta(days=DAYS - 1)


@pytest.fixture
def province_session(tmp_path):
    engine = new_store(tmp_path / "province.sqlite3")
    officer = police_of(engine, dm.Role.PROVINCE_POLICE)
    keys = Keyring(tmp_path / "keys", MemoryVault())
    set_up_province(SqlUnitOfWork(engine), keys, province="Thanh Hóa", users=[], actor=officer)
    communes = synthetic_communes(30)
    load_province(engine, communes, FIRST, DAYS)
    load_province(engine, synthetic_communes(33)[30:], FIRST, DAYS, load_days=DAYS - 1)
    yield DeskSession(uow=lambda: SqlUnitOfWork(engine), runner=InlineTaskRunner(), user=officer)
    engine.dispose()


def test_the_dashboard_ranks_every_commune_in_its_band(qtbot, province_session):
    window = ProvinceDashboard(province_session, day=LAST)
    qtbot.addWidget(window)
    window.refresh()
    board = window.board
    assert board is not None and len(board.communes) == 33
    assert "Thanh Hóa" in window.headline.text() and "30/33" in window.headline.text()
    shown = {band: int(box.count.text()) for band, box in window.band_boxes.items()}
    assert shown == board.bands and sum(shown.values()) == 33
    rates = [c.rate for c in board.communes]
    assert rates == sorted(rates, key=lambda r: -(r or 0))
    model = window.ranking
    assert model.rowCount() == 34  # and the total
    for row, line in enumerate(board.communes):
        colour = model.data(model.index(row, 1), Qt.ItemDataRole.BackgroundRole)
        assert colour == BAND_COLOURS[line.band]
    assert "(3)" in window.tabs.tabText(3)  # three communes sent nothing for the last day
    # the trend carries a silent commune's last figures: its last day equals the total
    assert board.trend[-1].communes == 30
    assert board.trend[-1].level2 == board.total["level2"]
    assert board.trend[-1].linked == board.total["linked"]


def test_past_the_deadline_the_silent_communes_are_named(province_session):
    late = datetime.combine(LAST, datetime.min.time(), tzinfo=LOCAL_TZ).replace(hour=17, minute=5)
    board = pf.province_board(province_session.uow(), LAST, now=late)
    assert board.past_deadline
    assert {c.name for c in board.not_reported} == {c.name for c in synthetic_communes(33)[30:]}


def test_the_first_run_dialog_sets_up_a_province_store(qtbot, engine, monkeypatch, tmp_path):
    from fieldapp.services.province.setup import is_province_store, province_name
    from fieldapp.ui import sync_common
    from fieldapp.ui.setup_dialog import SetupDialog

    keys = Keyring(tmp_path / "keys", MemoryVault())
    monkeypatch.setattr(sync_common, "keyring_of", lambda _session: keys)
    session = DeskSession(uow=lambda: SqlUnitOfWork(engine), runner=InlineTaskRunner())
    dialog = SetupDialog(session)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.province_level.setChecked(True)
    assert not dialog.commune.isVisible() and not dialog.point.isVisible()
    dialog.province.setText("Thanh Hóa")
    dialog.user.setText("Trần Văn An")
    dialog.pin.setText("quan-tri-tinh-2468")
    dialog.pin_again.setText("quan-tri-tinh-2468")
    assert dialog.missing() == []
    dialog._save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert is_province_store(session.uow())
    assert province_name(session.uow()) == "Thanh Hóa"
    assert keys.load().public.role == "province"

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
    # one group's paid-to-account rate in every commune that reported it
    window.group_choice.setCurrentIndex(window.group_choice.findData("merit"))
    assert window.group_communes.rowCount() == 33
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


def test_the_desk_holds_an_unknown_commune_then_enrols_it_after_the_fingerprint(
    qtbot, tmp_path, monkeypatch
):
    from province_world import DAY, commune_reporting_to, export_summary, make_province
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from fieldapp.services import sync as s
    from fieldapp.ui import province_dashboard

    province = make_province(tmp_path / "province")
    world = commune_reporting_to(province, tmp_path / "a", seed=66, name="Xã Kiên Bình")
    world.export(0)
    world.import_()
    export_summary(world, province.inbox)
    card = s.export_key_card(world.police_keys, tmp_path)
    monkeypatch.setattr(province_dashboard, "keyring_of", lambda _session: province.keys)
    session = DeskSession(uow=province.uow, runner=InlineTaskRunner(), user=province.officer())
    window = ProvinceDashboard(session, day=DAY)
    qtbot.addWidget(window)

    window.import_summaries([province.inbox])
    assert "chưa được đăng ký" in window.last_message
    asked = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(card), ""))
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _parent, _title, text: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    window.enrol_commune()
    fingerprint = world.police_keys.load().public.fingerprint
    assert fingerprint in asked[0]  # the officer saw the fingerprint before enrolling
    assert "Đã đăng ký" in window.last_message and "Đã nhập gói" in window.last_message
    assert [c.name for c in window.board.communes] == ["Xã Kiên Bình"]
    assert window.board.communes[0].reported_today

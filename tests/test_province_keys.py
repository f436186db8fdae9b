"""The communes' keys at the province: revoke one, see who is enrolled, held or revoked,
enrol a new key; and the province's daily deadline. Services, the CLI and the desk tab."""

from __future__ import annotations

from datetime import datetime, time

import pytest
from province_world import DAY, commune_reporting_to, export_summary, make_province, seal_summary
from PySide6.QtWidgets import QMessageBox

from fieldapp.domain.errors import ConflictError, ValidationError
from fieldapp.i18n import tr
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.province import commune_keys as ck
from fieldapp.services.province import communes as pc
from fieldapp.services.province import figures as pf
from fieldapp.services.province import setup as ps
from fieldapp.services.province.summary_build import commune_summary
from fieldapp.services.sync.reporting import IMPORTED, QUARANTINED, REFUSED
from fieldapp.sync.keys import ROLE_COMMUNE, card_bytes, new_identity
from fieldapp.sync.summary import encode_summary
from fieldapp.ui.province_communes import STATUS_COLOURS, CommunesModel
from fieldapp.ui.province_dashboard import ProvinceDashboard
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner

pytestmark = pytest.mark.postgres


@pytest.fixture
def setting(tmp_path):
    """A province with two communes: Kiên Bình enrolled and reported, Kiên Thọ only held."""
    province = make_province(tmp_path / "province")
    kien_binh = commune_reporting_to(province, tmp_path / "a", seed=66, name="Xã Kiên Bình")
    kien_tho = commune_reporting_to(province, tmp_path / "b", seed=67, name="Xã Kiên Thọ")
    for world in (kien_binh, kien_tho):
        world.export(0)
        world.import_()
    province.enrol(kien_binh)
    export_summary(kien_binh, province.inbox)
    export_summary(kien_tho, province.inbox)
    statuses = sorted(f.status for f in province.import_().files)
    assert statuses == [IMPORTED, QUARANTINED]
    return province, kien_binh, kien_tho


def _line(province, name):
    return next(c for c in pf.province_board(province.uow(), DAY).communes if c.name == name)


def test_a_revoked_communes_summaries_are_refused_and_its_figures_stay(setting):
    province, kien_binh, _ = setting
    before = _line(province, "Xã Kiên Bình").counts
    info = ck.revoke_commune(province.uow(), "Xã Kiên Bình", actor=province.officer())
    assert info.status == "revoked"
    keys = ck.commune_keys(province.uow(), actor=province.officer())
    assert {c.name: c.status for c in keys.communes} == {"Xã Kiên Bình": "revoked"}
    assert [h.sender for h in keys.held] == ["Công an Xã Kiên Thọ"]  # held, not enrolled
    assert (keys.count("enrolled"), keys.count("revoked")) == (0, 1)

    (province.root / "later").mkdir()
    later = export_summary(kien_binh, province.root / "later")
    (result,) = province.import_(later).files
    assert result.status == REFUSED and result.message_id == "sync.revoked_signer"
    assert "Xã Kiên Bình" in tr(result.message_id, "vi", **result.params)
    assert _line(province, "Xã Kiên Bình").counts == before  # what it sent before stays


def test_a_new_key_is_enrolled_after_the_old_one_is_revoked_and_its_summary_replaces(
    setting, tmp_path
):
    province, kien_binh, _ = setting
    fresh = new_identity(ROLE_COMMUNE, "Công an Xã Kiên Bình", commune_id=kien_binh.data.commune.id,
                         point_id=None)  # fmt: skip
    card = tmp_path / "the-khoa-moi.fieldkey"
    card.write_bytes(card_bytes(fresh.public))
    with pytest.raises(ConflictError) as refused:  # one key per commune
        pc.enrol_commune(province.uow(), card, actor=province.officer())
    assert "Thu hồi khóa cũ" in tr(refused.value.message_id, "vi", **refused.value.params)

    ck.revoke_commune(province.uow(), "Xã Kiên Bình", actor=province.officer())
    info, _ = pc.enrol_commune(province.uow(), card, actor=province.officer())
    assert info.status == "enrolled" and info.fingerprint == fresh.public.fingerprint
    summary = commune_summary(kien_binh.police_uow(), [DAY])
    summary.days[0].commune_row().figures["level2"] += 1  # the new laptop's figures differ
    data = seal_summary(kien_binh, province, encode_summary(summary), sequence=1, sender=fresh)
    path = province.root / "tong-hop-khoa-moi.fieldsync"
    path.write_bytes(data)
    (result,) = province.import_(path).files
    assert result.status == IMPORTED and result.message_id == "summary.imported"
    line = _line(province, "Xã Kiên Bình")
    assert line.counts["level2"] == summary.days[0].commune_row().figures["level2"]


def test_the_deadline_is_the_provinces_setting(setting):
    province, *_ = setting
    assert ps.report_deadline(province.uow()) == "17:00"
    assert ps.set_report_deadline(province.uow(), "9:30", actor=province.officer()) == "09:30"
    at_ten = datetime.combine(DAY, time(10, 0), tzinfo=LOCAL_TZ)
    board = pf.province_board(province.uow(), DAY, now=at_ten)
    assert board.deadline == "09:30" and board.past_deadline
    with pytest.raises(ValidationError):
        ps.set_report_deadline(province.uow(), "25:00", actor=province.officer())


def test_the_communes_model_without_a_widget(setting):
    province, *_ = setting
    model = CommunesModel("vi")
    model.set_rows(pc.communes(province.uow()))
    assert model.rowCount() == 1 and model.columnCount() == 5
    assert model.data(model.index(0, 3)) == "Đã đăng ký"


def _desk(qtbot, province):
    session = DeskSession(uow=province.uow, runner=InlineTaskRunner(), user=province.officer())
    window = ProvinceDashboard(session, day=DAY)
    qtbot.addWidget(window)
    window.refresh()
    return window


def test_the_desk_shows_keys_revokes_after_confirming_and_edits_the_deadline(
    qtbot, setting, monkeypatch
):
    from PySide6.QtCore import Qt, QTime

    province, kien_binh, _ = setting
    window = _desk(qtbot, province)
    panel = window.communes_panel
    assert window.tabs.tabText(4) == "Các xã và khóa"
    assert "Đã đăng ký: 1 xã" in panel.counts.text() and "Gói đang giữ: 1" in panel.counts.text()
    assert panel.held.rowCount() == 1
    assert panel.deadline.time() == QTime(17, 0)
    assert not panel.revoke.isEnabled()  # nothing chosen yet
    panel.table.selectRow(0)
    assert panel.revoke.isEnabled()

    asked = []
    monkeypatch.setattr(
        QMessageBox,
        "question",
        lambda _parent, _title, text: asked.append(text) or QMessageBox.StandardButton.Yes,
    )
    panel.revoke.click()
    fingerprint = kien_binh.police_keys.load().public.fingerprint
    assert "Xã Kiên Bình" in asked[0] and fingerprint in asked[0]
    assert "Đã thu hồi khóa của Xã Kiên Bình" in window.last_message
    assert panel.model.data(panel.model.index(0, 3)) == "Đã thu hồi"
    colour = panel.model.data(panel.model.index(0, 1), Qt.ItemDataRole.BackgroundRole)
    assert colour.name() == STATUS_COLOURS["revoked"]
    assert "Đã thu hồi: 1" in panel.counts.text()

    panel.deadline.setTime(QTime(16, 30))
    panel.save_deadline.click()
    assert "16:30" in window.last_message
    assert window.board.deadline == "16:30"  # the dashboard follows
    assert "16:30" in window.headline.text()


def test_the_desk_asks_before_revoking_and_a_no_changes_nothing(qtbot, setting, monkeypatch):
    province, *_ = setting
    window = _desk(qtbot, province)
    panel = window.communes_panel
    panel.table.selectRow(0)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.No)
    panel.revoke.click()
    assert [c.status for c in pc.communes(province.uow())] == ["enrolled"]


def test_a_bad_deadline_is_one_clear_line(qtbot, setting):
    province, *_ = setting
    window = _desk(qtbot, province)
    window.communes_panel.set_deadline("17h")
    assert "GG:PP" in window.last_message
    assert ps.report_deadline(province.uow()) == "17:00"

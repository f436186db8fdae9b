"""The police's campaign settings dialog, offscreen on the inline runner."""

from datetime import date

from actors import police_of
from PySide6.QtCore import QDate, QTime

from fieldapp.services import campaign, settings
from fieldapp.ui.campaign_settings import CampaignSettingsDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner


def _dialog(qtbot, uow, small_commune):
    session = DeskSession(
        uow=uow, runner=InlineTaskRunner(), point=small_commune.points[0], user=police_of(uow)
    )
    dialog = CampaignSettingsDialog(session)
    qtbot.addWidget(dialog)
    return dialog


def test_a_wave_is_added_and_an_overlapping_one_refused(qtbot, uow, small_commune):
    dialog = _dialog(qtbot, uow, small_commune)
    dialog.wave_name.setText("Đợt 1")
    dialog.wave_start.setDate(QDate(2026, 6, 1))
    dialog.wave_end.setDate(QDate(2026, 6, 20))
    dialog.add_wave_from_form()
    assert "Đã thêm đợt «Đợt 1»" in dialog.message.text()
    assert dialog.wave_list.item(0).text() == "Đợt 1: 01/06/2026 – 20/06/2026"
    dialog.wave_name.setText("Đợt 2")
    dialog.wave_start.setDate(QDate(2026, 6, 10))
    dialog.wave_end.setDate(QDate(2026, 6, 30))
    dialog.add_wave_from_form()
    assert "Đợt 1" in dialog.message.text()  # the refusal names the wave it overlaps
    assert [w.name for w in campaign.waves(uow())] == ["Đợt 1"]
    assert campaign.waves(uow())[0].starts_on == date(2026, 6, 1)


def test_deadline_banks_and_targets_are_saved(qtbot, uow, small_commune):
    dialog = _dialog(qtbot, uow, small_commune)
    dialog.deadline.setTime(QTime(14, 0))
    dialog.save_deadline()
    assert campaign.report_deadline(uow()) == "14:00"
    dialog.banks.setPlainText("MB\nLPBank\n\nAgribank")
    dialog.save_banks()
    assert settings.banks(uow()) == ["MB", "LPBank", "Agribank"]
    village = small_commune.villages[0].name
    dialog.target_village.setCurrentText(village)
    dialog.target_value.setValue(500)
    dialog.set_target_from_form()
    assert f"{village}: 500" in [
        dialog.target_list.item(i).text() for i in range(dialog.target_list.count())
    ]
    dialog.target_value.setValue(0)  # below what the village has already linked
    dialog.set_target_from_form()
    assert dialog.message.styleSheet().startswith("color: #b3261e")

"""The report dialog offers the agency; the settings dialog edits a kind's lines (offscreen)."""

from __future__ import annotations

from datetime import date

from actors import police_of
from agency_builders import agency_commune
from pypdf import PdfReader
from PySide6.QtCore import Qt

from fieldapp.services.report_settings import report_settings
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.ui.report_dialog import ReportDialog
from fieldapp.ui.session import DeskSession
from fieldapp.ui.tasks import InlineTaskRunner


def _session(engine, user=None) -> DeskSession:
    data = agency_commune()
    data.save(SqlUnitOfWork(engine))
    return DeskSession(
        uow=lambda: SqlUnitOfWork(engine),
        runner=InlineTaskRunner(),
        lang="vi",
        user=user or police_of(engine),
    )


def test_the_dialog_makes_the_health_report(qtbot, engine, tmp_path):
    dialog = ReportDialog(_session(engine), today=date(2026, 6, 5))
    qtbot.addWidget(dialog)
    dialog.agency.setCurrentIndex(dialog.agency.findData("health"))
    target = tmp_path / "yte.pdf"
    suggested = []
    dialog.choose_path = lambda name: suggested.append(name) or str(target)
    qtbot.mouseClick(dialog.generate, Qt.MouseButton.LeftButton)
    assert suggested == ["bao-cao-daily-health-2026-06-05.pdf"]
    text = "".join(p.extract_text() for p in PdfReader(target).pages)
    assert "Kính gửi: Sở Y tế tỉnh Thanh Hóa" in text


def test_the_settings_dialog_saves_what_changed(qtbot, engine, tmp_path):
    session = _session(engine)
    dialog = ReportDialog(session, today=date(2026, 6, 5))
    qtbot.addWidget(dialog)
    assert dialog.settings_button.isEnabled()
    dialog.kind.setCurrentIndex(dialog.kind.findData("final"))
    form = dialog.open_settings()
    qtbot.addWidget(form)
    assert form.lines["issuer"].text() == "CÔNG AN XÃ THỬ NGHIỆM"
    form.lines["signer_name"].setText("Trần Văn Thử")
    form.narrative["lessons"].setPlainText("Đi từng nhà với người cao tuổi.")
    form.save()
    found = report_settings(session.uow(), "final")
    assert found.signer_name == "Trần Văn Thử"
    assert found.narrative_text("lessons") == "Đi từng nhà với người cao tuổi."
    assert found.issuer == "CÔNG AN XÃ THỬ NGHIỆM"  # untouched: still the default
    form.lines["deadline"].setText("26:00")
    form.save()
    assert "26:00" in form.message.text()  # refused, said in the dialog
    assert report_settings(session.uow(), "final").deadline == "14:00"
    form.grab().save(str(tmp_path / "settings.png"))


def test_volunteers_cannot_open_the_settings(qtbot, engine):
    from fieldapp.domain import model as dm

    session = _session(engine)
    volunteer = dm.User(police_of(engine).id, "Tình Nguyện", dm.Role.VOLUNTEER, None)
    dialog = ReportDialog(
        DeskSession(uow=session.uow, runner=session.runner, user=volunteer),
        today=date(2026, 6, 5),
    )
    qtbot.addWidget(dialog)
    assert not dialog.settings_button.isEnabled()
    assert not dialog.beneficiary_button.isEnabled()


def test_the_dialog_writes_the_social_affairs_file(qtbot, engine, tmp_path):
    from openpyxl import load_workbook

    dialog = ReportDialog(_session(engine), today=date(2026, 6, 5))
    qtbot.addWidget(dialog)
    assert dialog.beneficiary_button.isEnabled()
    dialog.agency.setCurrentIndex(dialog.agency.findData("social_security"))
    target = tmp_path / "bhxh.xlsx"
    suggested = []
    dialog.choose_path = lambda name: suggested.append(name) or str(target)
    qtbot.mouseClick(dialog.beneficiary_button, Qt.MouseButton.LeftButton)
    assert suggested[0].startswith("doi-tuong-social-security-")
    assert dialog.message.text().startswith("Đã lưu danh sách 3 đối tượng")
    rows = list(load_workbook(target)["Doi tuong"].iter_rows(values_only=True))
    assert len(rows) == 4  # the header and H, I, J

"""Slips: the return day and time chosen at the desk (next open day first), the ID masked in
the dialog, and one slip on an A6 page instead of a whole A4 sheet."""

from __future__ import annotations

import re
from datetime import date, time

import pytest
from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDialog

from fieldapp.documents.slips import Paper
from fieldapp.services import documents
from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.slip_dialog import SlipDialog
from fieldapp.ui.tasks import InlineTaskRunner
from tests.documents_helpers import page_sizes_mm, pdf_text

FRIDAY = date(2026, 11, 20)
WEEKDAYS = (0, 1, 2, 3, 4)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def weekdays_point(uow, small_commune):
    """The point opens Monday to Friday from 7h30."""
    documents.set_point_info(
        uow(), opening_days=WEEKDAYS, hours="7h30 - 11h00", actor=small_commune.users[0]
    )


def test_the_default_return_is_the_next_open_day_at_opening(uow, weekdays_point):
    default = documents.default_return(uow(), today=FRIDAY)
    assert (default.day, default.at) == (date(2026, 11, 23), time(7, 30))  # Monday 7:30
    assert default.opening_days == WEEKDAYS


def test_a_point_with_no_schedule_offers_tomorrow_at_eight(uow, small_commune):
    default = documents.default_return(uow(), today=FRIDAY)
    assert (default.day, default.at) == (date(2026, 11, 21), time(8, 0))


def test_the_dialog_offers_the_default_masks_the_id_and_warns_of_a_closed_day(
    qtbot, uow, weekdays_point, small_commune
):
    citizen = small_commune.citizens[4]
    default = documents.default_return(uow(), today=FRIDAY)
    dialog = SlipDialog("vi", default, personal_id=citizen.personal_id,
                        name=citizen.full_name, today=FRIDAY)  # fmt: skip
    qtbot.addWidget(dialog)
    assert dialog.day.date() == QDate(2026, 11, 23)
    assert dialog.at.time().toString("HH:mm") == "07:30"
    assert citizen.personal_id not in dialog.who.text()
    assert dialog.who.text().endswith(citizen.personal_id[-4:])
    assert "Thứ Hai: điểm mở cửa" in dialog.day_note.text()
    dialog.day.setDate(QDate(2026, 11, 22))  # a Sunday
    assert "KHÔNG mở cửa" in dialog.day_note.text()
    assert dialog.day.minimumDate() == QDate(2026, 11, 20)  # never before today
    asked = dialog.request()
    assert (asked.personal_id, asked.return_on, asked.paper) == (
        citizen.personal_id,
        date(2026, 11, 22),
        Paper.A6,
    )


def still_missing(uow, commune):
    """Someone who still has a step to do (their slip says when to come back)."""
    from fieldapp.domain.status import fold_status

    with uow() as u:
        return next(
            c for c in commune.citizens
            if not fold_status(c, u.repo.outcomes_for(c.personal_id),
                               u.repo.facts_for(c.personal_id)).complete
        )  # fmt: skip


def test_one_slip_is_an_a6_page_with_the_chosen_day_and_time(uow, weekdays_point, small_commune):
    citizen = still_missing(uow, small_commune)
    rendered = documents.render(
        documents.build_slip(
            uow(), citizen.personal_id, return_on=date(2026, 11, 24), return_time=time(9, 30)
        ),
        slips=1,
    )
    assert rendered.pages == 1
    [(width, height)] = page_sizes_mm(rendered.pdf)
    assert (round(width), round(height)) == (105, 148)  # A6, not A4
    text = flat(pdf_text(rendered.pdf))
    assert citizen.full_name in text and citizen.personal_id not in text
    assert "Thứ Ba, 24/11/2026 lúc 09:30" in text


@pytest.fixture
def window(qtbot, uow, small_commune):
    session = DeskSession(uow=uow, runner=InlineTaskRunner(), point=small_commune.points[0],
                          user=small_commune.users[0])  # fmt: skip
    win = MainWindow(session)
    qtbot.addWidget(win)
    return win


def test_the_desk_prints_the_chosen_return_on_a6(window, monkeypatch, tmp_path, small_commune, uow):
    citizen = still_missing(uow, small_commune)

    def answer(dialog: SlipDialog) -> int:
        dialog.id_field.setText(citizen.personal_id)
        dialog.day.setDate(QDate(2030, 1, 7))
        dialog.at.setTime(dialog.at.time().fromString("14:15", "HH:mm"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(SlipDialog, "exec", answer)
    out = tmp_path / "slip.pdf"
    menu = window.printing
    monkeypatch.setattr(menu, "ask_print_or_save", lambda rendered: "save")
    monkeypatch.setattr(menu, "ask_save_path", lambda title: str(out))
    menu.print_slip()
    data = out.read_bytes()
    [(width, height)] = page_sizes_mm(data)
    assert (round(width), round(height)) == (105, 148)
    assert "Thứ Hai, 07/01/2030 lúc 14:15" in flat(pdf_text(data))


def test_the_point_settings_dialog_saves_open_days_hours_and_the_home_visit_age(
    qtbot, uow, small_commune
):
    from fieldapp.services import home_visits
    from fieldapp.ui.point_settings import PointSettingsDialog

    session = DeskSession(uow=uow, runner=InlineTaskRunner(), point=small_commune.points[0],
                          user=small_commune.users[0])  # fmt: skip
    dialog = PointSettingsDialog(session)
    qtbot.addWidget(dialog)
    assert all(box.isChecked() for box in dialog.days)  # open every day until set
    assert dialog.age.value() == 75
    for box in dialog.days[5:]:
        box.setChecked(False)  # closed at the weekend
    dialog.hours.setText("7h30 - 11h00")
    dialog.age.setValue(70)
    dialog.save()
    assert dialog.saved
    assert documents.point_info(uow()).opening_days == WEEKDAYS
    assert home_visits.elderly_age(uow()) == 70
    default = documents.default_return(uow(), today=FRIDAY)
    assert (default.day, default.at) == (date(2026, 11, 23), time(7, 30))


def test_the_point_settings_want_one_open_day(qtbot, uow, small_commune):
    from fieldapp.ui.point_settings import PointSettingsDialog

    session = DeskSession(uow=uow, runner=InlineTaskRunner(), point=small_commune.points[0],
                          user=small_commune.users[0])  # fmt: skip
    dialog = PointSettingsDialog(session)
    qtbot.addWidget(dialog)
    for box in dialog.days:
        box.setChecked(False)
    dialog.save()
    assert not dialog.saved and "ít nhất một ngày" in dialog.message.text()

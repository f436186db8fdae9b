"""Enter on a row of "Hôm nay" opens that visit's card; outcomes then go on that visit."""

from __future__ import annotations

from desk_helpers import ScriptedDialogs, desk_session, type_keys
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from fieldapp.domain import model as dm
from fieldapp.ui.desk_correct import CorrectDetailsDialog
from fieldapp.ui.main_window import MainWindow


def test_enter_on_a_today_row_opens_the_card_on_that_visit(qtbot, uow, small_commune):
    window = MainWindow(
        desk_session(uow, small_commune.points[0], small_commune.users[0]),
        dialogs=ScriptedDialogs(),
    )
    qtbot.addWidget(window)
    window.show()
    first, second = small_commune.citizens[50], small_commune.citizens[51]
    type_keys(window.scan_field, first.personal_id)
    first_visit = window.visit
    type_keys(window.scan_field, second.personal_id)
    window.show_page(2)
    page = window.today_page
    row = next(
        r
        for r in range(page.proxy.rowCount())
        if page.proxy.index(r, 0).data(Qt.ItemDataRole.UserRole + 1) is not None
        and first.full_name in [page.proxy.index(r, c).data() for c in range(6)]
    )
    page.table.setCurrentIndex(page.proxy.index(row, 0))
    page.table.setFocus()
    QTest.keyClick(page.table, Qt.Key.Key_Return)
    assert window.tabs.currentIndex() == 0
    assert window.card.citizen.personal_id == first.personal_id
    assert window.visit.id == first_visit.id
    step = str(window.steps.index(dm.Step.EID_ACTIVATION) + 1)
    type_keys(window.scan_field, step + "d", enter=False)
    with uow() as u:
        assert u.repo.outcomes_for(first.personal_id)[-1].visit_id == first_visit.id


def test_an_official_citizens_correction_form_offers_only_the_village(qtbot, uow, small_commune):
    session = desk_session(uow, small_commune.points[0], small_commune.users[0])
    form = CorrectDetailsDialog(session, small_commune.citizens[3], [], official=True)
    qtbot.addWidget(form)
    assert not form.full_name.isEnabled() and not form.birth_date.isEnabled()
    assert not form.sex.isEnabled() and form.village.isEnabled()

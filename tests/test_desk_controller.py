"""The desk's behaviour driven without any widget: a fake view, scripted dialogs, the store."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass, field

import pytest
from desk_helpers import ScriptedDialogs, qr_of

from fieldapp.domain import model as dm
from fieldapp.ui.desk_controller import DeskController
from fieldapp.ui.session import DeskSession


class RunNow:
    """A runner with no Qt: the work at once, then its callback."""

    def run(self, work, *, on_success, on_failure, **_ignored):
        try:
            result = work(None)
        except Exception as error:
            on_failure(error)
        else:
            on_success(result)


@dataclass
class FakeView:
    """Records what the controller asked to show."""

    lines: list[str] = field(default_factory=list)
    cards: list[object] = field(default_factory=list)
    panels: int = 0
    rebuilt: int = 0

    def show_status(self, text, *, error=False, hint=False):
        self.lines.append(text)

    def render_card(self, card):
        self.cards.append(card)

    def render_panel(self):
        self.panels += 1

    def focus_scan(self):
        pass

    def visit_line_changed(self, line):
        pass

    def rebuild(self):
        self.rebuilt += 1

    def villages_loaded(self, villages):
        pass


@pytest.fixture
def desk(uow, small_commune):
    session = DeskSession(
        uow=uow,
        runner=RunNow(),
        point=small_commune.points[0],
        user=small_commune.users[0],
    )
    return DeskController(session, view=FakeView(), ask=ScriptedDialogs())


def outcomes_of(uow, personal_id):
    with uow() as u:
        return u.repo.outcomes_for(personal_id)


def test_the_controller_needs_no_qt():
    code = (
        "import sys, fieldapp.ui.desk_controller; "
        "sys.exit(any(m.startswith('PySide6') for m in sys.modules))"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_scan_then_two_keys_record_an_outcome(desk, uow, small_commune):
    citizen = small_commune.citizens[40]
    desk.scan(qr_of(citizen))
    assert desk.card.citizen.personal_id == citizen.personal_id
    before = len(outcomes_of(uow, citizen.personal_id))
    step_key = str(desk.steps.index(dm.Step.EID_ACTIVATION) + 1)
    assert desk.key(step_key) and desk.pending_step is dm.Step.EID_ACTIVATION
    assert desk.key("d") and desk.pending_step is None
    stored = outcomes_of(uow, citizen.personal_id)
    assert len(stored) == before + 1
    assert (stored[-1].step, stored[-1].result) == (dm.Step.EID_ACTIVATION, dm.Result.DONE)
    assert not desk.key("d")  # no step picked: just a letter typed


def test_undo_names_exactly_what_it_undid(desk, uow, small_commune):
    citizen = small_commune.citizens[41]
    desk.scan(qr_of(citizen))
    desk.ask.bank = ("MB", True)
    desk.key(str(desk.steps.index(dm.Step.BANK_ACCOUNT) + 1))
    desk.key("d")  # account opened: bank picker, biometrics done too
    desk.undo()
    line = desk.view.lines[-1]
    assert citizen.full_name in line
    assert "Mở tài khoản" in line and "MB" in line and "sinh trắc học" in line
    desk.undo()  # nothing left: it says so, it never undoes something older silently
    assert desk.view.lines[-1] == "Không có kết quả nào để hoàn tác"


def test_a_scan_while_a_dialog_waits_drops_the_dialogs_answer(desk, uow, small_commune):
    previous, nxt = small_commune.citizens[42], small_commune.citizens[43]
    desk.scan(qr_of(previous))
    before = len(outcomes_of(uow, previous.personal_id))

    def reason_while_the_next_card_is_scanned(lang, step):
        desk.scan(qr_of(nxt))  # what the window does when a burst arrives
        return dm.FailureReason.NO_OTP, ""

    desk.ask.pick_reason = reason_while_the_next_card_is_scanned
    desk.key(str(desk.steps.index(dm.Step.EID_ACTIVATION) + 1))
    desk.key("f")
    assert len(outcomes_of(uow, previous.personal_id)) == before
    assert desk.card.citizen.personal_id == nxt.personal_id


def test_switching_to_a_bank_officer_narrows_the_keys(desk, small_commune):
    officer = next(u for u in small_commune.users if u.role is dm.Role.BANK_OFFICER)
    desk.ask.signed_in = officer
    desk.switch_user()
    assert desk.bank_mode and desk.view.rebuilt == 1
    assert desk.steps == (dm.Step.BANK_ACCOUNT, dm.Step.BIOMETRIC_VERIFIED)
    desk.scan(qr_of(small_commune.citizens[44]))
    assert desk.card is not None

"""The outcome panel beside the card: which keys record what, and which step is picked.

Buttons never take the focus: the scan field keeps it, and the keys typed there (1–5, then
D / S / F / R) do the same as a click.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QVBoxLayout, QWidget

from fieldapp.domain import model as dm
from fieldapp.i18n import tr
from fieldapp.ui.desk_controller import RESULT_KEYS

_PICKED_STYLE = "background: #1f5fa8; color: white; font-weight: bold; text-align: left"
_BUTTON_STYLE = "text-align: left; padding: 4px 8px"


def _button(text: str) -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    button.setMinimumHeight(27)
    button.setStyleSheet(_BUTTON_STYLE)
    return button


class OutcomePanel(QWidget):
    """Step and result buttons with their keys; bank mode shows two buttons only."""

    step_picked = Signal(object)  # dm.Step
    result_picked = Signal(object)  # dm.Result
    account_opened = Signal()
    biometric_done = Signal()
    undo_requested = Signal()
    show_id_requested = Signal()

    def __init__(
        self, lang: str, steps: Sequence[dm.Step], *, bank_mode: bool, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.lang = lang
        self.steps = tuple(steps)
        self.bank_mode = bank_mode
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setMinimumHeight(40)
        self.step_buttons: dict[dm.Step, QPushButton] = {}
        self.result_buttons: dict[dm.Result, QPushButton] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        title = QLabel(f"<b>{tr('desk.outcome.title', lang)}</b>")
        layout.addWidget(title)
        layout.addWidget(self.hint)
        if bank_mode:
            opened = _button(tr("desk.outcome.bank_button", lang))
            opened.clicked.connect(self.account_opened)
            biometric = _button(tr("desk.outcome.biometric_button", lang))
            biometric.clicked.connect(self.biometric_done)
            for button in (opened, biometric):
                button.setMinimumHeight(40)
                layout.addWidget(button)
            self.bank_buttons = (opened, biometric)
        else:
            steps_box = QGroupBox(tr("desk.outcome.steps", lang))
            steps_layout = QVBoxLayout(steps_box)
            steps_layout.setSpacing(3)
            steps_layout.setContentsMargins(6, 4, 6, 4)
            for number, step in enumerate(self.steps, start=1):
                button = _button(f"{number}   {tr('step.' + step.value, lang)}")
                button.clicked.connect(lambda _c=False, s=step: self.step_picked.emit(s))
                steps_layout.addWidget(button)
                self.step_buttons[step] = button
            results_box = QGroupBox(tr("desk.outcome.results", lang))
            results_layout = QVBoxLayout(results_box)
            results_layout.setSpacing(3)
            results_layout.setContentsMargins(6, 4, 6, 4)
            for key, result in RESULT_KEYS.items():
                button = _button(tr(f"desk.outcome.key.{result.value}", lang))
                button.clicked.connect(lambda _c=False, r=result: self.result_picked.emit(r))
                results_layout.addWidget(button)
                self.result_buttons[result] = button
                del key
            layout.addWidget(steps_box)
            layout.addWidget(results_box)
        self.undo = _button(tr("desk.outcome.undo_button", lang))
        self.undo.clicked.connect(self.undo_requested)
        self.show_id = _button(tr("desk.outcome.show_id_button", lang))
        self.show_id.clicked.connect(self.show_id_requested)
        layout.addSpacing(4)
        layout.addWidget(self.undo)
        layout.addWidget(self.show_id)
        layout.addStretch(1)
        self.update_state(has_card=False, pending=None)

    def update_state(self, *, has_card: bool, pending: dm.Step | None) -> None:
        """Enable what can be used now and highlight the picked step."""
        if self.bank_mode:
            for button in self.bank_buttons:
                button.setEnabled(has_card)
            self.hint.setText(
                tr("desk.outcome.bank_hint" if has_card else "desk.outcome.no_card", self.lang)
            )
        else:
            for step, button in self.step_buttons.items():
                button.setEnabled(has_card)
                style = _PICKED_STYLE if step is pending else _BUTTON_STYLE
                if button.styleSheet() != style:  # re-polishing is what costs
                    button.setStyleSheet(style)
            for button in self.result_buttons.values():
                button.setEnabled(has_card and pending is not None)
            if not has_card:
                self.hint.setText(tr("desk.outcome.no_card", self.lang))
            elif pending is None:
                self.hint.setText(tr("desk.outcome.pick_step", self.lang))
            else:
                self.hint.setText(
                    tr(
                        "desk.outcome.pick_result",
                        self.lang,
                        step=tr("step." + pending.value, self.lang),
                    )
                )
        self.undo.setEnabled(has_card)
        self.show_id.setEnabled(has_card)

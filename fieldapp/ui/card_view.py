"""The citizen card: who the scan found and where they stand, as rich text."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QSizePolicy

from fieldapp.domain import model as dm
from fieldapp.domain.dates import age_on
from fieldapp.domain.personal_id import PersonalId
from fieldapp.domain.status import StepState
from fieldapp.i18n import tr
from fieldapp.i18n.describe import next_steps_text, step_state_text
from fieldapp.services.clock import local_today
from fieldapp.services.lookup import CitizenCard

_STATE_COLOURS = {
    StepState.DONE: "#1b7f3b",
    StepState.SUBMITTED: "#1f5fa8",
    StepState.FAILED: "#b3261e",
    StepState.REFERRED: "#8a5a00",
    StepState.NOT_STARTED: "#5f6368",
}


def card_html(card: CitizenCard, lang: str = "vi", *, show_full_id: bool = False) -> str:
    """The card as HTML; the ID is masked unless asked for."""
    citizen = card.citizen
    pid = PersonalId(citizen.personal_id)
    shown_id = pid.value if show_full_id else pid.masked
    facts = [f"{escape(tr('field.personal_id', lang))}: <b>{shown_id}</b>"]
    if citizen.birth_date:
        age = age_on(citizen.birth_date, local_today())
        facts.append(
            f"{escape(tr('field.birth_date', lang))}: {citizen.birth_date:%d/%m/%Y} "
            f"({escape(tr('card.age', lang, age=age))})"
        )
    if card.village_name:
        facts.append(f"{escape(tr('field.village', lang))}: {escape(card.village_name)}")
    rows = "".join(
        f"<tr><td>{escape(tr('step.' + step.value, lang))}</td>"
        f"<td style='color:{_STATE_COLOURS[card.status.steps[step].state]}'><b>"
        f"{escape(step_state_text(card.status.steps[step], lang))}</b></td></tr>"
        for step in dm.Step
    )
    needs = "".join(f"<li>{escape(line)}</li>" for line in next_steps_text(card.status, lang))
    return (
        f"<h2 style='margin:0'>{escape(citizen.full_name)}</h2>"
        f"<p>{' &nbsp;·&nbsp; '.join(facts)}</p>"
        f"<table cellspacing='0' cellpadding='4'>{rows}</table>"
        f"<p><b>{escape(tr('card.next', lang))}</b></p><ul>{needs}</ul>"
    )


class CitizenCardView(QLabel):
    """Shows one card; empty until the first scan."""

    def __init__(self, lang: str = "vi") -> None:
        super().__init__()
        self.lang = lang
        self.card: CitizenCard | None = None
        self.setTextFormat(Qt.TextFormat.RichText)
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.clear_card()

    def show_card(self, card: CitizenCard) -> None:
        """Display a citizen."""
        self.card = card
        self.setText(card_html(card, self.lang))

    def clear_card(self) -> None:
        """Back to the hint shown before any scan."""
        self.card = None
        self.setText(f"<p style='color:#5f6368'>{escape(tr('card.empty', self.lang))}</p>")

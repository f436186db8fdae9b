"""The citizen card: who the scan found and where they stand, as rich text."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSizePolicy, QTextBrowser

from fieldapp.domain import model as dm
from fieldapp.domain.dates import age_on
from fieldapp.domain.personal_id import PersonalId
from fieldapp.domain.status import StepState
from fieldapp.i18n import tr
from fieldapp.i18n.describe import next_steps_text, step_state_text
from fieldapp.services.clock import LOCAL_TZ, local_today
from fieldapp.services.lookup import CitizenCard
from fieldapp.services.payments import payment_summary

_STATE_COLOURS = {
    StepState.DONE: "#1b7f3b",
    StepState.SUBMITTED: "#1f5fa8",
    StepState.FAILED: "#b3261e",
    StepState.REFERRED: "#8a5a00",
    StepState.NOT_STARTED: "#5f6368",
}
_GREY = "#5f6368"
_MAX_VISITS = 8


def fact_value_text(fact: dm.OfficialFact, lang: str) -> str:
    """A fact's value in words: groups and payment kinds by name, true/false as yes/no."""
    value = fact.value.strip()
    if fact.field is dm.FactField.BENEFICIARY_GROUP:
        return tr(f"group.{value}", lang)
    if fact.field is dm.FactField.PAYMENT_STATUS:
        return tr(f"payment.{value}", lang)
    if value.casefold() in ("true", "false"):
        return tr("desk.yes" if value.casefold() == "true" else "desk.no", lang)
    return value


def card_html(
    card: CitizenCard,
    lang: str = "vi",
    *,
    show_full_id: bool = False,
    steps: Sequence[dm.Step] = tuple(dm.Step),
    full: bool = True,
    current_visit_id: uuid.UUID | None = None,
) -> str:
    """The card as HTML; the ID is masked unless asked for; `full=False` is the bank view."""
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
    if citizen.sex is not None:
        facts.append(escape(tr(f"sex.{citizen.sex.value}", lang)))
    if card.village_name:
        facts.append(f"{escape(tr('field.village', lang))}: {escape(card.village_name)}")
    name_note = ""
    if card.name_source == "official_list":
        note = escape(tr("desk.card.name_from_list", lang))
        name_note = f" <span style='color:{_GREY};font-size:small'>({note})</span>"
    parts = [
        f"<h2 style='margin:0'>{escape(citizen.full_name)}{name_note}</h2>",
        f"<p>{' &nbsp;·&nbsp; '.join(facts)}</p>",
    ]
    if full:
        parts.append(_group_html(card, lang))
        parts.append(_smartphone_html(card, lang))
    parts.append(payment_html(card, lang))
    parts.append(f"<p><b>{escape(tr('desk.card.steps', lang))}</b></p>")
    parts.append(_steps_html(card, lang, steps))
    if full:
        needs = "".join(f"<li>{escape(line)}</li>" for line in next_steps_text(card.status, lang))
        next_title = escape(tr("card.next", lang))
        parts.append(f"<p style='margin-top:12px'><b>{next_title}</b></p><ul>{needs}</ul>")
        parts.append(_facts_html(card, lang))
        parts.append(_visits_html(card, lang, current_visit_id))
    return "".join(parts)


def _group_html(card: CitizenCard, lang: str) -> str:
    status = card.status
    if status.beneficiary_group is None:
        text = escape(tr("desk.card.no_group", lang))
    else:
        text = escape(tr(f"group.{status.beneficiary_group.value}", lang))
        if status.payment_status is not None:
            text += (
                f" &nbsp;·&nbsp; {escape(tr('desk.card.payment', lang))}: "
                f"{escape(tr(f'payment.{status.payment_status.value}', lang))}"
            )
    return f"<p>{escape(tr('desk.card.group', lang))}: <b>{text}</b></p>"


def _smartphone_html(card: CitizenCard, lang: str) -> str:
    """Has a smartphone (P / K at the desk) and whether the three conditions to link are met."""
    has = card.status.has_smartphone
    key = "card.smartphone.unknown" if has is None else ("desk.yes" if has else "desk.no")
    value = tr(key, lang)
    eligible = tr("card.eligible.yes" if card.status.eligible else "card.eligible.no", lang)
    label = tr("card.smartphone", lang)
    return f"<p>{escape(label)}: <b>{escape(value)}</b> &nbsp;·&nbsp; {escape(eligible)}</p>"


def payment_html(card: CitizenCard, lang: str) -> str:
    """Who receives the payment and into which account: the account masked but 4 digits."""
    summary = payment_summary(card)
    bits = []
    if card.receives_for:  # this person is someone's proxy or guardian: their steps are theirs
        names = ", ".join(card.receives_for)
        bits.append(f"{escape(tr('payments.card.receives_for', lang))}: <b>{escape(names)}</b>")
    if summary.holder is None and not summary.bank and not bits:
        return ""
    if summary.holder is not None:
        who = tr(f"holder.{summary.holder.value}", lang)
        if summary.receiver_name:
            who += f": {summary.receiver_name}"
            extra = ", ".join(x for x in (summary.relation, summary.receiver_id_masked) if x)
            if extra:
                who += f" ({extra})"
        bits.append(f"{escape(tr('payments.card.paid_to', lang))}: <b>{escape(who)}</b>")
    if summary.bank:
        holder = summary.account_holder
        whose = f" — {tr(f'holder.{holder.value}', lang)}" if holder is not None else ""
        account = f"{summary.bank} {summary.account_masked}{whose}"
        bits.append(f"{escape(tr('payments.card.account', lang))}: <b>{escape(account)}</b>")
    return f"<p>{' &nbsp;·&nbsp; '.join(bits)}</p>"


def _steps_html(card: CitizenCard, lang: str, steps: Sequence[dm.Step]) -> str:
    rows = []
    for number, step in enumerate(steps, start=1):
        state = card.status.steps[step]
        note = ""
        if state.source is not None and state.state is not StepState.NOT_STARTED:
            when = state.at
            day = ""
            if when is not None:
                shown = when.astimezone(LOCAL_TZ) if hasattr(when, "astimezone") else when
                day = f", {shown:%d/%m/%Y}"
            note = f"{tr('desk.card.source.' + state.source.value, lang)}{day}"
        rows.append(
            f"<tr><td><b>{number}</b></td><td>{escape(tr('step.' + step.value, lang))}</td>"
            f"<td style='color:{_STATE_COLOURS[state.state]}'><b>"
            f"{escape(step_state_text(state, lang))}</b></td>"
            f"<td style='color:{_GREY}'>{escape(note)}</td></tr>"
        )
    return f"<table cellspacing='0' cellpadding='3'>{''.join(rows)}</table>"


def _facts_html(card: CitizenCard, lang: str) -> str:
    title = f"<p><b>{escape(tr('desk.card.facts', lang))}</b></p>"
    if not card.facts:
        return title + f"<p style='color:{_GREY}'>{escape(tr('desk.card.no_facts', lang))}</p>"
    facts = sorted(card.facts, key=lambda f: (f.as_of, f.field.value), reverse=True)
    items = "".join(
        "<li>"
        + escape(
            tr(
                "desk.card.fact_line",
                lang,
                field=tr(f"desk.fact.{f.field.value}", lang),
                value=fact_value_text(f, lang),
                source=f.source_file or f.source_kind,
                as_of=f"{f.as_of:%d/%m/%Y}",
            )
        )
        + "</li>"
        for f in facts
    )
    return title + f"<ul>{items}</ul>"


def _visits_html(card: CitizenCard, lang: str, current: uuid.UUID | None) -> str:
    title = f"<p><b>{escape(tr('desk.card.visits', lang))}</b></p>"
    if not card.visits:
        return title + f"<p style='color:{_GREY}'>{escape(tr('desk.card.no_visits', lang))}</p>"
    lines = sorted(card.visits, key=lambda v: v.visit.occurred_at, reverse=True)[:_MAX_VISITS]
    items = "".join(
        "<li>"
        + escape(
            tr(
                "desk.card.visit_line",
                lang,
                when=f"{line.visit.occurred_at.astimezone(LOCAL_TZ):%d/%m/%Y %H:%M}",
                place=tr(f"place.{line.visit.place.value}", lang),
                point=line.point_name,
                user=line.user_name,
            )
        )
        + (
            f" <b>({escape(tr('desk.card.this_visit', lang))})</b>"
            if line.visit.id == current
            else ""
        )
        + "</li>"
        for line in lines
    )
    return title + f"<ul>{items}</ul>"


class CitizenCardView(QTextBrowser):
    """Shows one card; empty until the first scan.

    A read-only text browser rather than a word-wrapped QLabel: it lays the card out once
    for its width (a QLabel in a scroll area took ~50 ms per card in heightForWidth).
    """

    def __init__(self, lang: str = "vi") -> None:
        super().__init__()
        self.lang = lang
        self.card: CitizenCard | None = None
        self.show_full_id = False
        self.steps: tuple[dm.Step, ...] = tuple(dm.Step)
        self.full = True
        self.current_visit_id: uuid.UUID | None = None
        self.setOpenLinks(False)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.document().setDocumentMargin(10)
        self.clear_card()

    def setText(self, html: str) -> None:  # noqa: N802
        """Show HTML (named like QLabel's, which this view replaced)."""
        self.setHtml(html)

    def text(self) -> str:
        """What the card says, as plain text."""
        return self.toPlainText()

    def configure(self, *, steps: Sequence[dm.Step], full: bool) -> None:
        """Which steps and sections to show (the bank officer's card is narrow)."""
        self.steps = tuple(steps)
        self.full = full

    def show_card(self, card: CitizenCard) -> None:
        """Display a citizen; the ID is masked again for each new citizen."""
        if self.card is None or self.card.citizen.personal_id != card.citizen.personal_id:
            self.show_full_id = False
        self.card = card
        self._render()

    def toggle_id(self) -> bool:
        """Show or mask the full personal ID; returns whether it is now shown."""
        self.show_full_id = not self.show_full_id
        self._render()
        return self.show_full_id

    def _render(self) -> None:
        if self.card is None:
            return
        self.setText(
            card_html(
                self.card,
                self.lang,
                show_full_id=self.show_full_id,
                steps=self.steps,
                full=self.full,
                current_visit_id=self.current_visit_id,
            )
        )

    def clear_card(self) -> None:
        """Back to the hint shown before any scan."""
        self.card = None
        self.show_full_id = False
        self.setText(f"<p style='color:{_GREY}'>{escape(tr('card.empty', self.lang))}</p>")

"""The desk's behaviour without a widget.

Who is signed in, whose card is open, which step waits for its result, what each key does,
what undo will undo: all here.

`MainWindow` renders what this controller tells its `DeskView` and forwards keys; the
dialogs are asked through `DeskAsk` (the real `DeskDialogs`, or scripted answers in tests).
No Qt here: tests drive a desk with a fake view and the inline runner.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from fieldapp.domain import model as dm
from fieldapp.domain.chip_qr import ChipQrPayload
from fieldapp.domain.errors import FieldAppError
from fieldapp.domain.payments import PaymentAccount
from fieldapp.i18n import error_text, tr
from fieldapp.services import corrections, desk, home_visits, lookup, settings, setup, visits
from fieldapp.services.lookup import CitizenCard, VisitLine
from fieldapp.services.payments import payment_summary
from fieldapp.services.progress import Progress
from fieldapp.ui.session import DeskSession

RESULT_KEYS: dict[str, dm.Result] = {
    "d": dm.Result.DONE,
    "s": dm.Result.SUBMITTED,
    "f": dm.Result.FAILED,
    "r": dm.Result.REFERRED,
}
# One key, with a card open and no step picked: has a smartphone (P) or has none (K, "không").
SMARTPHONE_KEYS: dict[str, bool] = {"p": True, "k": False}


class DeskView(Protocol):
    """What the controller asks of the window."""

    def show_status(self, text: str, *, error: bool = False, hint: bool = False) -> None:
        """One line above the card."""

    def render_card(self, card: CitizenCard | None) -> None:
        """Show this card (None: clear it)."""

    def render_panel(self) -> None:
        """The outcome panel follows the controller's card and pending step."""

    def focus_scan(self) -> None:
        """The keyboard back in the scan field."""

    def visit_line_changed(self, line: VisitLine) -> None:
        """A visit of today changed (the today page updates its row)."""

    def rebuild(self) -> None:
        """The user or the language changed: build every widget again."""

    def villages_loaded(self, villages: Sequence[dm.Village]) -> None:
        """The commune's villages, for the pages' pick lists."""


class DeskAsk(Protocol):
    """The questions the desk asks in a dialog; None means cancelled."""

    def pick_reason(self, lang: str, step: dm.Step) -> tuple[dm.FailureReason, str] | None:
        """Why a step failed."""

    def pick_referral(self, lang: str) -> dm.ReferralTarget | None:
        """Where the citizen is referred to."""

    def pick_bank(self, lang: str, banks: Sequence[str]) -> tuple[str, bool] | None:
        """Which bank, and biometrics done."""

    def new_citizen(
        self,
        session: DeskSession,
        villages: Sequence[dm.Village],
        *,
        payload: ChipQrPayload | None,
        personal_id: str,
        place: dm.VisitPlace,
    ) -> visits.VisitRegistered | None:
        """Create a citizen and register the visit."""

    def sign_in(self, session: DeskSession, users: Sequence[dm.User]) -> dm.User | None:
        """The user who signed in."""

    def users(self, session: DeskSession, users: Sequence[dm.User]) -> list[dm.User]:
        """Show and manage users; the ones added."""

    def settings(self, session: DeskSession, banks: Sequence[str]) -> str | None:
        """The language chosen when settings were saved."""

    def correct_citizen(
        self,
        session: DeskSession,
        citizen: dm.Citizen,
        villages: Sequence[dm.Village],
        *,
        official: bool,
    ) -> corrections.CitizenCorrected | None:
        """Corrections stored from the card's form (`official`: only the village)."""

    def find_citizen(self, session: DeskSession) -> str | None:
        """The personal ID of the citizen chosen by name search, or None."""

    def payment_receiver(self, session: DeskSession, card: CitizenCard) -> Any:
        """Who receives the card's beneficiary's payment, once stored; None when cancelled."""

    def payment_account(self, session: DeskSession, card: CitizenCard, banks: Sequence[str]) -> Any:
        """The account the payment goes into, once stored; None when cancelled."""


@dataclass
class DeskController:
    """Session, current citizen, pending outcome, the keys, undo; nothing drawn here."""

    session: DeskSession
    view: DeskView
    ask: DeskAsk
    visit: dm.Visit | None = None
    card: CitizenCard | None = None
    pending_step: dm.Step | None = None
    undo_stack: list[tuple[dm.Outcome, ...]] = field(default_factory=list)
    villages: list[dm.Village] = field(default_factory=list)
    scan_count: int = 0  # a dialog's answer is dropped when a scan came meanwhile
    scan_notice: str = ""  # said before the next scan's message (a dialog was cancelled)

    # Who and what ---------------------------------------------------------------------------
    @property
    def lang(self) -> str:
        """The desk's language."""
        return self.session.lang

    @property
    def role(self) -> dm.Role:
        """The signed-in user's role (a volunteer's desk when nobody is signed in)."""
        return self.session.user.role if self.session.user else dm.Role.VOLUNTEER

    @property
    def bank_mode(self) -> bool:
        """A bank officer: scan and account openings only."""
        return desk.is_bank_mode(self.role)

    @property
    def steps(self) -> tuple[dm.Step, ...]:
        """The steps this role records, in the order of keys 1-5."""
        return desk.visible_steps(self.role)

    def signed_in(self) -> bool:
        """True when a point and a user are known; says so otherwise."""
        if self.session.point is None or self.session.user is None:
            self.view.show_status(tr("desk.scan.not_signed_in", self.lang), error=True)
            return False
        return True

    def error_text(self, error: Exception) -> str:
        """One line for any error."""
        if isinstance(error, FieldAppError):
            return error_text(error, self.lang)
        return tr("task.unexpected", self.lang, detail=type(error).__name__)

    def show_error(self, error: Exception) -> None:
        """An error in the status line, in red."""
        self.view.show_status(self.error_text(error), error=True)

    def run(
        self,
        work: Callable[[Progress], Any],
        on_success: Callable[[Any], None],
        on_failure: Callable[[Exception], None] | None = None,
    ) -> None:
        """A service call off the GUI thread; on failure, the error and back to the scan field."""

        def failed(error: Exception) -> None:
            (on_failure or self.show_error)(error)
            self.view.focus_scan()

        self.session.runner.run(work, on_success=on_success, on_failure=failed)

    # Scans ----------------------------------------------------------------------------------
    def note_scan(self) -> None:
        """A scan arrived: any dialog still open belongs to the previous citizen."""
        self.scan_count += 1

    def dialog_outlived(self, scans_before: int) -> bool:
        """True when a scan came while a dialog was open: its answer is for nobody now."""
        return self.scan_count != scans_before

    def with_notice(self, text: str) -> str:
        """A scan's message after the line saying a dialog was cancelled by it."""
        notice, self.scan_notice = self.scan_notice, ""
        return f"{notice} {text}" if notice else text

    def scan(
        self,
        text: str,
        *,
        place: dm.VisitPlace = dm.VisitPlace.AT_POINT,
        at: datetime | None = None,
    ) -> None:
        """Register a visit for what was scanned or typed, and show the card.

        `at`: a home visit made earlier today (checked: today, not in the future).
        """
        self.note_scan()
        if not self.signed_in():
            return
        session = self.session
        assert session.point is not None and session.user is not None
        point_id, user_id = session.point.id, session.user.id
        self.pending_step = None
        self.view.show_status(tr("scan.working", self.lang), hint=True)

        def work(_progress: Progress) -> visits.VisitRegistered:
            when = None if at is None else home_visits.check_visit_time(at)
            return visits.register_visit(
                session.uow(), text, user_id=user_id, point_id=point_id, place=place, now=when
            )

        self.run(
            work,
            on_success=self.scan_done,
            on_failure=lambda error: self._scan_failed(error, place),
        )

    def scan_done(self, done: visits.VisitRegistered) -> None:
        """The visit is saved: its card, and one line saying so."""
        same_visit = self.visit is not None and self.visit.id == done.visit.id
        self.visit = done.visit
        if not same_visit:
            self.undo_stack.clear()
        self.show_card(done.card)
        key = "desk.scan.home_saved" if done.visit.place is dm.VisitPlace.HOME else "scan.saved"
        if done.reused:
            key = "desk.scan.same_visit"
        name = done.card.citizen.full_name
        text = tr(key, self.lang, name=name)
        if desk.name_differs(done.scanned_name, name):
            text += ". " + tr("desk.scan.name_differs", self.lang, scanned=done.scanned_name)
            self.view.show_status(self.with_notice(text), hint=True)
        else:
            self.view.show_status(self.with_notice(text))
        self.view.focus_scan()

    def show_card(self, card: CitizenCard) -> None:
        """Show a (refreshed) card of the current citizen."""
        self.card = card
        self.view.render_card(desk.card_for_role(card, self.role))
        self.view.render_panel()
        if self.visit is not None:
            line = next((v for v in card.visits if v.visit.id == self.visit.id), None)
            if line is not None:
                self.view.visit_line_changed(line)

    def clear_card(self) -> None:
        """Nobody's card is open."""
        self.visit = None
        self.card = None
        self.pending_step = None
        self.undo_stack.clear()
        self.view.render_card(None)
        self.view.render_panel()

    def _scan_failed(self, error: Exception, place: dm.VisitPlace) -> None:
        self.clear_card()
        if isinstance(error, visits.UnknownCitizenError) and not self.bank_mode:
            self.view.show_status(self.with_notice(error_text(error, self.lang)), hint=True)
            scans = self.scan_count
            registered = self.ask.new_citizen(
                self.session,
                self.villages,
                payload=error.payload,
                personal_id=error.personal_id.value,
                place=place,
            )
            if self.dialog_outlived(scans):
                return
            if registered is None:
                self.view.show_status(tr("desk.new.cancelled", self.lang), error=True)
            else:
                self.scan_done(registered)
                self.view.show_status(
                    tr("desk.new.saved", self.lang, name=registered.card.citizen.full_name)
                )
        elif isinstance(error, visits.UnknownCitizenError):
            self.view.show_status(self.with_notice(tr("desk.bank.unknown", self.lang)), error=True)
        else:
            self.view.show_status(self.with_notice(self.error_text(error)), error=True)
        self.view.focus_scan()

    def open_visit(self, visit: dm.Visit) -> None:
        """Open the card of a visit made earlier today, to record more on that visit."""
        uow = self.session.uow

        def shown(card: CitizenCard) -> None:
            if self.visit is None or self.visit.id != visit.id:
                self.undo_stack.clear()
            self.visit, self.pending_step = visit, None
            self.show_card(card)
            self.view.show_status(tr("desk.today.opened", self.lang, name=card.citizen.full_name))
            self.view.focus_scan()

        self.note_scan()  # a dialog still open belongs to the previous card
        self.run(lambda _p: lookup.look_up(uow(), visit.personal_id), on_success=shown)

    def new_citizen(self) -> None:
        """Ctrl+N: add a citizen by typing (the form checks the ID against the details)."""
        if self.bank_mode or not self.signed_in():
            return
        scans = self.scan_count
        registered = self.ask.new_citizen(
            self.session, self.villages, payload=None, personal_id="", place=dm.VisitPlace.AT_POINT
        )
        if self.dialog_outlived(scans):
            return
        if registered is not None:
            self.scan_done(registered)
            self.view.show_status(
                tr("desk.new.saved", self.lang, name=registered.card.citizen.full_name)
            )
        self.view.focus_scan()

    # Keys -----------------------------------------------------------------------------------
    def key(self, text: str) -> bool:
        """One key typed in the empty scan field: a step number or a result letter.

        Returns False when the key is just typing (it goes into the field).
        """
        key = text.casefold()
        if self.bank_mode:
            if key in ("1", "2"):
                if self.visit is None:
                    self.view.show_status(tr("desk.outcome.no_card", self.lang), error=True)
                elif key == "1":
                    self.account_opened()
                else:
                    self.record(dm.Step.BIOMETRIC_VERIFIED, dm.Result.DONE)
                return True
            return False
        steps = self.steps
        if key.isdigit() and 1 <= int(key) <= len(steps) and self.visit is not None:
            self.pick_step(steps[int(key) - 1])
            return True
        if key in RESULT_KEYS and self.pending_step is not None:
            self.pick_result(RESULT_KEYS[key])
            return True
        if key in SMARTPHONE_KEYS and self.pending_step is None and self.card is not None:
            self.record_smartphone(SMARTPHONE_KEYS[key])
            return True
        if self.pending_step is not None:
            self.pending_step = None
            self.view.render_panel()
        return False

    def escape(self) -> None:
        """Esc: forget a picked step."""
        if self.pending_step is not None:
            self.pending_step = None
            self.view.render_panel()
            self.view.show_status(tr("desk.outcome.cancelled", self.lang), hint=True)

    def pick_step(self, step: dm.Step) -> None:
        """First key: which step the next result is for."""
        if self.visit is None:
            return
        self.pending_step = step
        self.view.render_panel()
        self.view.show_status(tr("desk.outcome.pick_result", self.lang, step=step.value), hint=True)
        self.view.focus_scan()

    def pick_result(self, result: dm.Result) -> None:
        """Second key: the result; failed and referred ask one more question."""
        step, self.pending_step = self.pending_step, None
        self.view.render_panel()
        if step is None or self.visit is None:
            return
        if step is dm.Step.BANK_ACCOUNT and result is dm.Result.DONE:
            self.account_opened()
            return
        scans = self.scan_count
        if result is dm.Result.FAILED:
            picked = self.ask.pick_reason(self.lang, step)
            if self.dialog_outlived(scans):
                return
            if picked is None:
                self._cancelled()
                return
            reason, text = picked
            self.record(step, result, reason=reason, reason_text=text)
        elif result is dm.Result.REFERRED:
            target = self.ask.pick_referral(self.lang)
            if self.dialog_outlived(scans):
                return
            if target is None:
                self._cancelled()
                return
            self.record(step, result, referred_to=target)
        else:
            self.record(step, result)

    def _cancelled(self) -> None:
        self.view.show_status(tr("desk.outcome.cancelled", self.lang), hint=True)
        self.view.focus_scan()

    # Outcomes -------------------------------------------------------------------------------
    def record(
        self,
        step: dm.Step,
        result: dm.Result,
        *,
        reason: dm.FailureReason | None = None,
        reason_text: str = "",
        referred_to: dm.ReferralTarget | None = None,
        bank: str | None = None,
    ) -> None:
        """Save one outcome on the current visit, then refresh the card."""
        if self.visit is None or not self.signed_in():
            return
        assert self.session.user is not None
        uow, visit, user_id = self.session.uow, self.visit, self.session.user.id

        def work(_progress: Progress) -> tuple[tuple[dm.Outcome, ...], CitizenCard]:
            done = visits.record_outcome(
                uow(),
                visit.id,
                step,
                result,
                user_id=user_id,
                reason=reason,
                reason_text=reason_text,
                referred_to=referred_to,
                bank=bank,
            )
            return (done.outcome,), lookup.look_up(uow(), visit.personal_id)

        self.run(work, on_success=self._recorded)

    def _recorded(self, done: tuple[tuple[dm.Outcome, ...], CitizenCard]) -> None:
        outcomes, card = done
        self.undo_stack.append(outcomes)
        self.show_card(card)
        first = outcomes[0]
        if first.step is dm.Step.BANK_ACCOUNT and first.bank:
            extra = tr("desk.outcome.with_biometric", self.lang) if len(outcomes) > 1 else ""
            self.view.show_status(
                tr("desk.outcome.account_saved", self.lang, bank=first.bank, biometric=extra)
            )
        else:
            self.view.show_status(
                tr(
                    "desk.outcome.saved",
                    self.lang,
                    step=first.step.value,
                    result=first.result.value,
                )
            )
        self.view.focus_scan()

    def account_opened(self) -> None:
        """Account opened: fetch the banks, ask which one and whether biometrics were done."""
        if self.visit is None:
            self.view.show_status(tr("desk.outcome.no_card", self.lang), error=True)
            return
        uow, scans = self.session.uow, self.scan_count
        self.run(
            lambda _p: settings.banks(uow()),
            on_success=lambda banks: self._pick_bank(banks, scans),
        )

    def _pick_bank(self, banks: list[str], scans: int) -> None:
        if self.dialog_outlived(scans):
            return
        picked = self.ask.pick_bank(self.lang, banks)
        if self.dialog_outlived(scans):
            return
        if picked is None or self.visit is None or self.session.user is None:
            self._cancelled()
            return
        bank, biometric = picked
        uow, visit, user_id = self.session.uow, self.visit, self.session.user.id

        def work(_progress: Progress) -> tuple[tuple[dm.Outcome, ...], CitizenCard]:
            done = desk.record_account_opening(
                uow(), visit.id, bank=bank, biometric_verified=biometric, user_id=user_id
            )
            return done.outcomes, lookup.look_up(uow(), visit.personal_id)

        self.run(work, on_success=self._recorded)

    def undo(self) -> None:
        """Ctrl+Z: void the last thing recorded here, with correcting events.

        That is one outcome, or an account opening with its biometrics; the line names each.
        """
        if not self.undo_stack or self.visit is None or self.session.user is None:
            self.view.show_status(tr("desk.outcome.nothing_to_undo", self.lang), error=True)
            self.view.focus_scan()
            return
        outcomes = self.undo_stack.pop()
        uow, visit, user_id = self.session.uow, self.visit, self.session.user.id

        def work(_progress: Progress) -> CitizenCard:
            for outcome in reversed(outcomes):
                visits.correct_outcome(uow(), outcome.id, user_id=user_id)
            return lookup.look_up(uow(), visit.personal_id)

        def undone(card: CitizenCard) -> None:
            self.show_card(card)
            self.view.show_status(undo_text(outcomes, card.citizen.full_name, self.lang), hint=True)
            self.view.focus_scan()

        def failed(error: Exception) -> None:
            self.undo_stack.append(outcomes)
            self.show_error(error)

        self.run(work, on_success=undone, on_failure=failed)

    # Users, settings, villages -------------------------------------------------------------
    def load_villages(self) -> None:
        """The commune's villages, once, for the forms and the pages."""
        uow = self.session.uow

        def loaded(villages: list[dm.Village]) -> None:
            self.villages = villages
            self.view.villages_loaded(villages)

        self.session.runner.run(
            lambda _p: desk.villages(uow()), on_success=loaded, on_failure=self.show_error
        )

    def switch_user(self) -> None:
        """Ctrl+L: another volunteer or a bank officer takes the desk."""
        point = self.session.point
        if point is None:
            return
        uow = self.session.uow

        def pick(users: list[dm.User]) -> None:
            user = self.ask.sign_in(self.session, users)
            if user is not None:
                self.session.user = user
                self.clear_card()
                self.view.rebuild()
                self.view.show_status(tr("desk.signin.welcome", self.lang, user=user.name))
            self.view.focus_scan()

        self.run(lambda _p: setup.users_of_point(uow(), point.id), on_success=pick)

    def manage_users(self) -> None:
        """Ctrl+U: who can sign in here; add, rename, deactivate, new PIN."""
        point = self.session.point
        if point is None or self.session.user is None:
            return
        uow = self.session.uow

        def edit(users: list[dm.User]) -> None:
            added = self.ask.users(self.session, users)
            if added:
                names = ", ".join(u.name for u in added)
                self.view.show_status(tr("desk.users.added", self.lang, name=names))
            self.view.focus_scan()

        self.run(lambda _p: setup.users_of_point(uow(), point.id), on_success=edit)

    def open_settings(self) -> None:
        """Ctrl+,: language and banks."""
        uow = self.session.uow

        def edit(banks: list[str]) -> None:
            lang = self.ask.settings(self.session, banks)
            if lang is not None:
                self.session.lang = lang
                self.view.rebuild()
                self.view.show_status(tr("desk.settings.saved", self.lang))
            self.view.focus_scan()

        self.run(lambda _p: settings.banks(uow()), on_success=edit)

    # Corrections ----------------------------------------------------------------------------
    def correct_details(self) -> None:
        """Ctrl+E: correct the open citizen's name, birth date, sex or village (events)."""
        if self.card is None or self.bank_mode or not self.signed_in():
            if self.card is None:
                self.view.show_status(tr("desk.outcome.no_card", self.lang), error=True)
            return
        scans = self.scan_count
        official = self.card.name_source == "official_list"
        done = self.ask.correct_citizen(
            self.session, self.card.citizen, self.villages, official=official
        )
        if self.dialog_outlived(scans) or done is None:
            self.view.focus_scan()
            return
        uow, pid = self.session.uow, done.citizen.personal_id

        def shown(card: CitizenCard) -> None:
            self.show_card(card)
            self.view.show_status(correction_text(done, self.lang))
            self.view.focus_scan()

        self.run(lambda _p: lookup.look_up(uow(), pid), on_success=shown)

    def record_smartphone(self, has_smartphone: bool) -> None:
        """P / K: the open citizen has (or has no) smartphone, an event like a correction."""
        if self.card is None or not self.signed_in():
            return
        assert self.session.user is not None
        uow, pid = self.session.uow, self.card.citizen.personal_id
        user_id = self.session.user.id
        point_id = self.session.point.id if self.session.point else None

        def work(_progress: Progress) -> CitizenCard:
            corrections.record_smartphone(
                uow(), pid, has_smartphone, user_id=user_id, point_id=point_id
            )
            return lookup.look_up(uow(), pid)

        def shown(card: CitizenCard) -> None:
            self.show_card(card)
            said = "yes" if has_smartphone else "no"
            self.view.show_status(tr(f"smartphone.recorded.{said}", self.lang))
            self.view.focus_scan()

        self.run(work, on_success=shown)

    # Payments (issue 19) ---------------------------------------------------------------------
    def record_receiver(self) -> None:
        """Ctrl+R: who receives the open beneficiary's payment (self, a proxy, a guardian)."""
        if self.bank_mode:
            return
        self._payment_form(lambda card: self.ask.payment_receiver(self.session, card))

    def record_account(self) -> None:
        """Ctrl+K: the account the open beneficiary's payment goes into (bank officers too)."""
        uow = self.session.uow

        def with_banks(banks: list[str]) -> None:
            self._payment_form(lambda card: self.ask.payment_account(self.session, card, banks))

        if self.card is not None and self.signed_in():
            self.run(lambda _p: settings.banks(uow()), on_success=with_banks)
        elif self.card is None:
            self.view.show_status(tr("desk.outcome.no_card", self.lang), error=True)

    def _payment_form(self, ask: Callable[[CitizenCard], Any]) -> None:
        if self.card is None or not self.signed_in():
            if self.card is None:
                self.view.show_status(tr("desk.outcome.no_card", self.lang), error=True)
            return
        scans = self.scan_count
        done = ask(self.card)
        if self.dialog_outlived(scans) or done is None:
            self.view.focus_scan()
            return
        self.show_card(done.card)
        self.view.show_status(payment_text(done, self.lang))
        self.view.focus_scan()

    def search_by_name(self) -> None:
        """Ctrl+F: find a citizen by name; the chosen card opens as if the ID had been typed."""
        if not self.signed_in():
            return
        scans = self.scan_count
        personal_id = self.ask.find_citizen(self.session)
        if self.dialog_outlived(scans):
            return
        if personal_id is None:
            self.view.focus_scan()
            return
        self.scan(personal_id)


def payment_text(done: Any, lang: str) -> str:
    """The status line after a receiver or an account was saved (the account masked)."""
    name = done.card.citizen.full_name
    summary = payment_summary(done.card)
    if isinstance(done.event, PaymentAccount):
        account = f"{summary.bank} {summary.account_masked}"
        return tr("payments.account.saved", lang, name=name, account=account)
    return tr("payments.receiver.saved", lang, name=name)


def outcome_text(outcome: dm.Outcome, lang: str) -> str:
    """One outcome as a person reads it: step — result (bank, reason, referral)."""
    step = tr("step." + outcome.step.value, lang)
    text = f"{step} — {tr('result.' + outcome.result.value, lang)}"
    extra = [
        outcome.bank or "",
        tr("reason." + outcome.reason.value, lang) if outcome.reason else "",
        tr("referral." + outcome.referred_to.value, lang) if outcome.referred_to else "",
    ]
    details = ", ".join(e for e in extra if e)
    return f"{text} ({details})" if details else text


def undo_text(outcomes: Sequence[dm.Outcome], name: str, lang: str) -> str:
    """Exactly what one Ctrl+Z undid, for whom."""
    what = "; ".join(outcome_text(o, lang) for o in outcomes)
    return tr("desk.outcome.undone_exactly", lang, name=name, what=what)


def correction_text(done: corrections.CitizenCorrected, lang: str) -> str:
    """Which details were corrected, for whom."""
    fields = ", ".join(tr("field." + c.field.value, lang) for c in done.corrections)
    return tr("desk.correct.saved", lang, name=done.citizen.full_name, fields=fields)

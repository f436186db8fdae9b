"""Recording outcomes at the desk: the step and result keys, the pickers, undo.

A mixin of `MainWindow`: it uses the window's session, current visit and card, its
dialogs and its status line. Kept apart so each module has one job.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fieldapp.domain import model as dm
from fieldapp.i18n import tr
from fieldapp.services import desk, lookup, settings, visits
from fieldapp.services.lookup import CitizenCard
from fieldapp.services.progress import Progress
from fieldapp.ui.desk_outcomes import RESULT_KEYS

if TYPE_CHECKING:
    from fieldapp.ui.desk_forms import DeskDialogs
    from fieldapp.ui.session import DeskSession


class OutcomeKeys:
    """Keys 1-5 then D/S/F/R, account opened, Ctrl+Z; each record refreshes the card."""

    # Provided by MainWindow.
    session: DeskSession
    dialogs: DeskDialogs
    visit: dm.Visit | None
    card: CitizenCard | None
    pending_step: dm.Step | None
    undo_stack: list[tuple[dm.Outcome, ...]]
    steps: tuple[dm.Step, ...]

    def _desk_key(self, text: str) -> bool:
        """One key typed in the empty scan field: a step number or a result letter."""
        key = text.casefold()
        if self.bank_mode:
            if key in ("1", "2"):
                if self.visit is None:
                    self.show_status(tr("desk.outcome.no_card", self.lang), error=True)
                elif key == "1":
                    self.account_opened()
                else:
                    self.record(dm.Step.BIOMETRIC_VERIFIED, dm.Result.DONE)
                return True
            return False
        if key.isdigit() and 1 <= int(key) <= len(self.steps) and self.visit is not None:
            self.pick_step(self.steps[int(key) - 1])
            return True
        if key in RESULT_KEYS and self.pending_step is not None:
            self.pick_result(RESULT_KEYS[key])
            return True
        if self.pending_step is not None:
            self.pending_step = None
            self._refresh_panel()
        return False

    def _escape(self) -> None:
        if self.pending_step is not None:
            self.pending_step = None
            self._refresh_panel()
            self.show_status(tr("desk.outcome.cancelled", self.lang), hint=True)

    def pick_step(self, step: dm.Step) -> None:
        """First key: which step the next result is for."""
        if self.visit is None:
            return
        self.pending_step = step
        self._refresh_panel()
        self.show_status(tr("desk.outcome.pick_result", self.lang, step=step.value), hint=True)
        self.focus_scan()

    def pick_result(self, result: dm.Result) -> None:
        """Second key: the result; failed and referred ask one more question."""
        step = self.pending_step
        self.pending_step = None
        self._refresh_panel()
        if step is None or self.visit is None:
            return
        if step is dm.Step.BANK_ACCOUNT and result is dm.Result.DONE:
            self.account_opened()
            return
        scans = self.scan_count
        if result is dm.Result.FAILED:
            picked = self.dialogs.pick_reason(self.lang, step)
            if self.dialog_outlived(scans):
                return
            if picked is None:
                self._cancelled()
                return
            reason, text = picked
            self.record(step, result, reason=reason, reason_text=text)
        elif result is dm.Result.REFERRED:
            target = self.dialogs.pick_referral(self.lang)
            if self.dialog_outlived(scans):
                return
            if target is None:
                self._cancelled()
                return
            self.record(step, result, referred_to=target)
        else:
            self.record(step, result)

    def _cancelled(self) -> None:
        self.show_status(tr("desk.outcome.cancelled", self.lang), hint=True)
        self.focus_scan()

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
        if self.visit is None or not self._signed_in():
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

        self._run(work, on_success=self._recorded)  # type: ignore[arg-type]

    def _recorded(self, done: tuple[tuple[dm.Outcome, ...], CitizenCard]) -> None:
        outcomes, card = done
        self.undo_stack.append(outcomes)
        self._show_card(card)
        first = outcomes[0]
        if first.step is dm.Step.BANK_ACCOUNT and first.bank:
            extra = tr("desk.outcome.with_biometric", self.lang) if len(outcomes) > 1 else ""
            self.show_status(
                tr("desk.outcome.account_saved", self.lang, bank=first.bank, biometric=extra)
            )
        else:
            self.show_status(
                tr(
                    "desk.outcome.saved",
                    self.lang,
                    step=first.step.value,
                    result=first.result.value,
                )
            )
        self.focus_scan()

    def account_opened(self) -> None:
        """Account opened: fetch the banks, ask which one and whether biometrics were done."""
        if self.visit is None:
            self.show_status(tr("desk.outcome.no_card", self.lang), error=True)
            return
        uow, scans = self.session.uow, self.scan_count
        self._run(
            lambda _p: settings.banks(uow()),
            on_success=lambda banks: self._pick_bank(banks, scans),  # type: ignore[arg-type]
        )

    def _pick_bank(self, banks: list[str], scans: int) -> None:
        if self.dialog_outlived(scans):
            return
        picked = self.dialogs.pick_bank(self.lang, banks)
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

        self._run(work, on_success=self._recorded)  # type: ignore[arg-type]

    def undo(self) -> None:
        """Ctrl+Z: void the last outcome recorded here, with a correcting event."""
        if not self.undo_stack or self.visit is None or self.session.user is None:
            self.show_status(tr("desk.outcome.nothing_to_undo", self.lang), error=True)
            self.focus_scan()
            return
        outcomes = self.undo_stack.pop()
        uow, visit, user_id = self.session.uow, self.visit, self.session.user.id

        def work(_progress: Progress) -> CitizenCard:
            for outcome in reversed(outcomes):
                visits.correct_outcome(uow(), outcome.id, user_id=user_id)
            return lookup.look_up(uow(), visit.personal_id)

        def undone(card: CitizenCard) -> None:
            self._show_card(card)
            first = outcomes[0]
            self.show_status(
                tr(
                    "desk.outcome.undone",
                    self.lang,
                    step=first.step.value,
                    result=first.result.value,
                ),
                hint=True,
            )
            self.focus_scan()

        def failed(error: Exception) -> None:
            self.undo_stack.append(outcomes)
            self._show_error(error)

        self._run(work, on_success=undone, on_failure=failed)  # type: ignore[arg-type]

    def toggle_id(self) -> None:
        """Ctrl+I: show or mask the full personal ID on the card."""
        if self.card is not None:
            self.card_view.toggle_id()
        self.focus_scan()

"""Use cases of the support point desk that the core visit services do not cover.

What a role may see on the card, the bank officer's "account opened" in one transaction,
the day's counts per outcome: decided here, so the Qt desk only shows what it is given.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import allowed_steps
from fieldapp.domain.status import CitizenStatus, active_outcomes, fold_status
from fieldapp.domain.text import fold, normalise_name
from fieldapp.services import lookup, users
from fieldapp.services.clock import utc_now
from fieldapp.services.lookup import CitizenCard, VisitLine
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.services.visits import visit_for_recording


def visible_steps(role: dm.Role) -> tuple[dm.Step, ...]:
    """The steps a role sees and records, in campaign order (a bank officer: two)."""
    allowed = allowed_steps(role)
    return tuple(step for step in dm.Step if step in allowed)


def is_bank_mode(role: dm.Role) -> bool:
    """A bank officer gets the narrow desk: scan, account opened, biometric."""
    return role is dm.Role.BANK_OFFICER


def card_for_role(card: CitizenCard, role: dm.Role) -> CitizenCard:
    """What a role may see of a card: a bank officer sees no lists' facts nor earlier visits."""
    if not is_bank_mode(role):
        return card
    return replace(card, facts=(), visits=())


def name_differs(scanned_name: str | None, stored_name: str) -> bool:
    """True when the scanned name is not the stored one (garbled or dropped diacritics).

    The stored name wins; the desk tells the volunteer so they are not surprised.
    """
    if not scanned_name:
        return False
    return scanned_name != stored_name


@dataclass(frozen=True, slots=True)
class AccountOpened:
    """What a bank officer's "account opened" stored."""

    outcomes: tuple[dm.Outcome, ...]
    status: CitizenStatus


def record_account_opening(
    uow: UnitOfWork,
    visit_id: uuid.UUID,
    *,
    bank: str,
    biometric_verified: bool,
    user_id: uuid.UUID,
    now: datetime | None = None,
) -> AccountOpened:
    """Account opened at a bank and, if done, biometric verification: one transaction.

    The role is checked like any outcome's: only roles allowed both steps may record this.
    """
    bank_name = normalise_name(bank)
    if not bank_name:
        raise ValidationError("outcome.bank_needed")
    at = now or utc_now()
    steps = [dm.Step.BANK_ACCOUNT] + ([dm.Step.BIOMETRIC_VERIFIED] if biometric_verified else [])
    with uow:
        repo = uow.repo
        visit = visit_for_recording(repo, visit_id, user_id, steps)
        outcomes = []
        for step in steps:
            outcome = dm.Outcome(
                id=dm.new_id(),
                visit_id=visit.id,
                personal_id=visit.personal_id,
                step=step,
                result=dm.Result.DONE,
                recorded_at=at,
                user_id=user_id,
                bank=bank_name,
            )
            repo.add_outcome(outcome)
            outcomes.append(outcome)
        repo.session.flush()
        pid = visit.personal_id
        status = fold_status(
            repo.get_citizen(pid), repo.outcomes_for(pid), repo.facts_for(pid),
            repo.payments_for(pid),
        )  # fmt: skip
        uow.commit()
    return AccountOpened(tuple(outcomes), status)


def count_outcomes(lines: Iterable[VisitLine]) -> dict[dm.Result, int]:
    """How many outcomes of each result the visits hold (undone ones not counted)."""
    counts: Counter[dm.Result] = Counter()
    for line in lines:
        counts.update(o.result for o in active_outcomes(line.outcomes))
    return {result: counts.get(result, 0) for result in dm.Result}


def visits_today(
    uow: UnitOfWork, point_id: uuid.UUID, *, day: date | None = None
) -> list[VisitLine]:
    """The day's visits at this point, newest first."""
    lines = lookup.visits_on_day(uow, day=day, point_id=point_id)
    return sorted(lines, key=lambda line: line.visit.occurred_at, reverse=True)


def villages(uow: UnitOfWork) -> list[dm.Village]:
    """The commune's villages, for pick lists."""
    with uow:
        return uow.repo.villages()


def add_user(
    uow: UnitOfWork,
    *,
    actor: dm.User,
    point_id: uuid.UUID,
    name: str,
    role: dm.Role,
    pin: str,
) -> dm.User:
    """Add someone who can sign in at this point (e.g. the bank officer visiting today).

    The rules are the users service's: who may create which role, unique names, the PIN policy.
    """
    return users.create_user(uow, actor, name=name, role=role, pin=pin, point_id=point_id)


def village_from_address(villages: Iterable[dm.Village], address: str) -> dm.Village | None:
    """The village a card's address names, diacritics ignored (scanners garble them).

    The longest matching name wins, so "Thôn 12" is not taken for "Thôn 1".
    """
    folded = f" {fold(address)} "
    found = [v for v in villages if fold(v.name) and _has_words(folded, fold(v.name))]
    return max(found, key=lambda v: len(v.name), default=None)


def _has_words(text: str, words: str) -> bool:
    return any(
        text[i - 1 : i + len(words) + 1].strip(" ,.;-") == words
        for i in range(1, len(text))
        if text.startswith(words, i)
    )

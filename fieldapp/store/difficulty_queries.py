"""The attempts that did not succeed in a period: failed and referred outcomes, by village.

One set-based query; an outcome voided by a correction (and the correction itself) is left
out, as the fold leaves it out (`domain.status.active_outcomes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import select
from sqlmodel import Session

from fieldapp.domain import model as dm
from fieldapp.domain.status_history import OPEN
from fieldapp.store import tables as t
from fieldapp.store.report_queries import to_utc

_ATTEMPTS = (dm.Result.FAILED.value, dm.Result.REFERRED.value)


class Attempt(NamedTuple):
    """One failed or referred outcome: the step, why or where to, the citizen's village."""

    personal_id: str
    step: str
    result: str
    reason: str | None
    referred_to: str | None
    village_id: str | None


def attempts_between(
    session: Session, start: datetime, end: datetime, *, groups: Sequence[str] | None = None
) -> list[Attempt]:
    """Failed and referred outcomes recorded in [start, end) (UTC), corrections applied.

    `groups`: only citizens of these beneficiary groups, as the fold says with every event
    (the report projection's current row: a group from a list counts, as in the agency's
    tables); the caller has the projection current.
    """
    o, c = t.Outcome, t.Citizen
    voided = select(o.corrects).where(o.corrects.is_not(None))  # type: ignore[union-attr]
    stmt = (
        select(o.personal_id, o.step, o.result, o.reason, o.referred_to, c.village_id)
        .join(c, c.personal_id == o.personal_id)  # type: ignore[arg-type]
        .where(
            o.result.in_(_ATTEMPTS),  # type: ignore[attr-defined]
            o.corrects.is_(None),  # type: ignore[union-attr]
            o.id.not_in(voided),  # type: ignore[attr-defined]
            o.recorded_at >= to_utc(start),  # type: ignore[operator]
            o.recorded_at < to_utc(end),  # type: ignore[operator]
        )
    )
    if groups is not None:
        spans = t.CitizenStatusSpan.__table__
        of_groups = select(spans.c.personal_id).where(
            spans.c.day_until == OPEN, spans.c.beneficiary_group.in_(list(groups))
        )
        stmt = stmt.where(o.personal_id.in_(of_groups))  # type: ignore[attr-defined]
    return [
        Attempt(pid, step, result, reason, referred, None if village is None else str(village))
        for pid, step, result, reason, referred, village in session.connection().execute(stmt)
    ]

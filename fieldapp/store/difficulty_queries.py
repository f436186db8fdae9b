"""The attempts that did not succeed in a period: failed and referred outcomes, by village.

One GROUP BY and one count of the citizens over the same rows, in one statement (outcome is
read once: the attempts and the corrections together); an outcome voided by a correction (and
the correction itself) is left out, as the fold leaves it out (`domain.status.active_outcomes`).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import NamedTuple

from sqlalchemy import and_, func, null, or_, select, union_all
from sqlmodel import Session

from fieldapp.domain import model as dm
from fieldapp.domain.status_history import OPEN
from fieldapp.store import tables as t
from fieldapp.store.figure_sums import _Keys, _untyped
from fieldapp.store.report_queries import to_utc

_ATTEMPTS = (dm.Result.FAILED.value, dm.Result.REFERRED.value)


class AttemptCount(NamedTuple):
    """Failed or referred outcomes that share a step, a result, why or where to, a village."""

    step: str
    result: str
    reason: str | None
    referred_to: str | None
    village_id: str | None
    count: int


def attempt_counts(
    session: Session, start: datetime, end: datetime, *, groups: Sequence[str] | None = None
) -> tuple[list[AttemptCount], int]:
    """Failed and referred outcomes in [start, end) (UTC), and how many citizens made them.

    Counted by step, result, reason, referral and village, corrections applied.
    `groups`: only citizens of these beneficiary groups, as the fold says with every event
    (the report projection's current row: a group from a list counts, as in the agency's
    tables); the caller has the projection current. Counted by the database: a campaign has
    tens of thousands of attempts and a report shows their counts only.
    """
    o, c = t.Outcome, t.Citizen.__table__
    attempt = [
        o.result.in_(_ATTEMPTS),  # type: ignore[attr-defined]
        o.corrects.is_(None),  # type: ignore[union-attr]
        o.recorded_at >= to_utc(start),  # type: ignore[operator]
        o.recorded_at < to_utc(end),  # type: ignore[operator]
    ]
    if groups is not None:
        spans = t.CitizenStatusSpan.__table__
        of_groups = select(spans.c.personal_id).where(
            spans.c.day_until == OPEN, spans.c.beneficiary_group.in_(list(groups))
        )
        attempt.append(o.personal_id.in_(of_groups))  # type: ignore[attr-defined]
    # the attempts and every correction in one scan of outcome (no index fits either)
    read = (
        select(o.id, o.personal_id, o.step, o.result, o.reason, o.referred_to, o.corrects)  # type: ignore[call-overload]
        .where(or_(and_(*attempt), o.corrects.is_not(None)))  # type: ignore[union-attr]
        .cte("read")
    )
    voided = select(read.c.corrects).where(read.c.corrects.is_not(None))
    keys = (*read.c[2:6], _untyped(c.c.village_id).label("village"))
    found = (
        select(read.c.personal_id, *keys)
        .join(c, c.c.personal_id == read.c.personal_id)
        .where(read.c.corrects.is_(None), read.c.id.not_in(voided))
        .cte("attempts")
    )
    grouped = (*found.c[1:],)
    counted = select(*grouped, func.count()).group_by(*grouped)
    # the citizens on one more row (its step NULL), from the same rows
    people = select(*(null() for _ in grouped), func.count(func.distinct(found.c.personal_id)))
    village = _Keys()
    rows, citizens = [], 0
    for step, result, reason, referred, v, n in session.connection().execute(
        union_all(counted, people)
    ):
        if step is None:
            citizens = int(n)
        else:
            rows.append(AttemptCount(step, result, reason, referred, village(v), int(n)))
    return rows, citizens

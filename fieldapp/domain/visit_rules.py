"""When a scan is the same visit again: a scanner double-read or a second look-up."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta

from fieldapp.domain.model import Visit, VisitPlace

REVISIT_WINDOW = timedelta(minutes=30)


def open_visit(
    visits: Iterable[Visit],
    *,
    point_id: uuid.UUID,
    place: VisitPlace,
    at: datetime,
    window: timedelta = REVISIT_WINDOW,
) -> Visit | None:
    """The visit a new scan continues, if the citizen was scanned here within the window.

    Without this, a card scanned twice by a jittery scanner would count as two visits and
    the volunteer's outcomes would scatter across them.
    """
    candidates = [
        v
        for v in visits
        if v.support_point_id == point_id
        and v.place is place
        and at - window <= v.occurred_at <= at
    ]
    return max(candidates, key=lambda v: v.occurred_at, default=None)

"""The figures' summary fed from the spans a writer holds in hand: no read-back (issue 17).

`figure_summary` read back, by personal ID, the projection rows a write had just deleted or
written (three GROUP BYs each way: +25-32 % CPU on a list import into a store whose summary
is kept). The writer holds those rows anyway: the spans it has just folded (one object for
every citizen with the same list input) and, when it folds citizens again, their old rows
(its DELETE returns them). Here what they add to `figure_delta` and `figure_reach` is worked
out in Python once per distinct spans (`parts_of`), times the citizens who share them, put
in their village's cells, merged per cell and day (`SummaryFeed`), and written by a few
upserts when the writer flushes (`figure_summary.add_changes`).

The definition is `figure_summary._changes`' (the SQL that builds the summary from stored
rows): a span adds its marks to its cell on its first day and takes them away on the day
after its last; a base (the status before any event, kept once) is a first span with no
point. tests/test_figure_summary.py compares the summary with plain sums after each write.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlmodel import Session

from fieldapp.domain.status_history import BEFORE_ANY, OPEN, Marks
from fieldapp.store import figure_summary as fsum

SpanMarks = tuple[date, date, uuid.UUID | None, int, Marks]
"""A span as the summary sees it: first day, day after the last, point, visits, marks."""
Part = tuple[tuple[Any, ...], list[int]]
"""A row's key without its village, and its values (`fsum.VALUES` / `REACH_VALUES` order)."""
Parts = tuple[list[Part], list[Part]]
"""What one citizen's spans add to `figure_delta`, then to `figure_reach`."""

_NOTHING = (0,) * len(fsum.COUNTED)


def parts_of(spans: Sequence[SpanMarks]) -> Parts:
    """What a citizen with these spans (contiguous, oldest first) adds to the summary."""
    deltas: list[Part] = []
    reach: list[Part] = []
    previous: SpanMarks | None = None
    for span in spans:
        day_from, day_until, point, visits, marks = span
        flags, cell = _of(marks)
        point_key = fsum.NIL if point is None else point
        differs = int(previous is not None and previous[4] != marks)
        deltas.append(((day_from, point_key, *cell), [1, *flags, differs]))
        if day_until < OPEN:  # taken away on the day after its last
            deltas.append(((day_until, point_key, *cell), [-1, *(-f for f in flags), 0]))
        if day_from > BEFORE_ANY:  # reached against the span before (none: nothing had)
            then, prev_from, prev_bank = _NOTHING, BEFORE_ANY, None
            if previous is not None:
                then, prev_from, prev_bank = (
                    _of(previous[4])[0],
                    previous[0],
                    previous[4].opened_at_bank,
                )
            bank = (marks.opened_at_bank or "") if prev_bank is None else ""
            reached = [now * (1 - was) for now, was in zip(flags, then, strict=True)]
            key = (day_from, day_until, prev_from, point_key, cell[0], bank)
            reach.append((key, [1, *reached, int(visits > 0), visits]))
        previous = span
    return deltas, reach


_MARKS: dict[Marks, tuple[tuple[int, ...], tuple[str, str, str]]] = {}


def _of(marks: Marks) -> tuple[tuple[int, ...], tuple[str, str, str]]:
    """Marks as `COUNTED` flags and the cell's text keys (group, opened bank, payment)."""
    found = _MARKS.get(marks)
    if found is None:
        flags = (
            marks.level2,
            marks.activated,
            marks.link_waiting,
            marks.link_approved,
            marks.linked,
            marks.bank_account,
            marks.smartphone,
            marks.eligible,
        )
        group = "" if marks.group is None else marks.group.value
        cell = (group, marks.opened_at_bank or "", marks.payment or "")
        found = _MARKS[marks] = (tuple(int(f) for f in flags), cell)
    return found


class SummaryFeed:
    """Changes to the summary gathered over one flush, merged per cell and day."""

    def __init__(self) -> None:
        self.deltas: fsum.Changes = {}
        self.reach: fsum.Changes = {}

    def add(self, village: uuid.UUID | None, parts: Parts, count: int) -> None:
        """`count` citizens of this village with these parts (negative: taken out)."""
        where = fsum.NIL if village is None else village
        deltas, reach = self.deltas, self.reach
        size, reach_size = len(fsum.VALUES), len(fsum.REACH_VALUES)
        for key, values in parts[0]:
            fsum.merge(deltas, (key[0], where, *key[1:]), values, count, size)
        for key, values in parts[1]:
            fsum.merge(reach, (*key[:3], where, *key[3:]), values, count, reach_size)

    def __bool__(self) -> bool:
        return bool(self.deltas or self.reach)

    def write(self, session: Session) -> None:
        """Add what was gathered to the summary's rows, and start again."""
        if self:
            fsum.add_changes(session, (self.deltas, self.reach), 1)
        self.clear()

    def clear(self) -> None:
        """Forget what was gathered (the summary is not kept by this write)."""
        self.deltas, self.reach = {}, {}

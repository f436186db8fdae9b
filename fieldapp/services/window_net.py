"""The deadline window's correction, summed per table row before it touches the figures.

`report_window.daily_window_figures` takes, for each citizen who counts differently in the
window than in the calendar day, their calendar contribution out and their window
contribution in. Hundreds of citizens share a few hundred contributions, and the taking out
and putting in mostly cancel row by row (a village's cumulative column only sees the marks
at the end): so each contribution is netted per table row first, by small numbers standing
for the marks, and only what is left is added to the tallies.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from fieldapp.domain.status_history import DayStatus
from fieldapp.services.report_timelines import Marks
from fieldapp.services.reports import UNKNOWN, Figures, Row, trend_vector
from fieldapp.store.figure_sums import COUNTED
from fieldapp.store.types import as_uuid


@dataclass(frozen=True, slots=True)
class Side:
    """What one citizen adds to the figures one way (calendar day or deadline window).

    `before` and `after`: the citizen's marks at the start and the end, as `WindowNet`
    numbers them (equal numbers, equal marks).
    """

    before: int
    after: int
    visits: int
    point: str


_Key = tuple[str, str]  # a table ("village", "point", "group", "total") and a row's key


class WindowNet:
    """Contributions taken out and put in, netted per table row, then applied once."""

    def __init__(self) -> None:
        self.marks: list[Marks] = []
        self._numbers: dict[Marks, int] = {}
        self._of_status: dict[int, tuple[DayStatus, int]] = {}
        self._points: dict[object, str] = {}
        self._sides: Counter[tuple[str, Side]] = Counter()

    def of_marks(self, marks: Marks) -> int:
        """The number standing for these marks."""
        found = self._numbers.get(marks)
        if found is None:
            found = self._numbers[marks] = len(self.marks)
            self.marks.append(marks)
        return found

    def of_status(self, status: DayStatus) -> int:
        """The number of a projection status's marks (statuses are shared: one look each)."""
        found = self._of_status.get(id(status))
        if found is None:  # the status is kept with its number: its id stays its own
            found = self._of_status[id(status)] = (status, self.of_marks(status.marks))
        return found[1]

    def point_key(self, point: object) -> str:
        """A support point's key from the driver's value, each converted once."""
        found = self._points.get(point)
        if found is None:
            found = self._points[point] = str(as_uuid(point))
        return found

    def _gain(self, side: Side) -> tuple[tuple[int, ...], str | None]:
        """What a citizen reached from `before` to `after`, as `Tally.add_new` counts it.

        Each COUNTED mark had at the end and not at the start, and the bank of an account
        opened in between (None when none was).
        """
        before, after = self.marks[side.before], self.marks[side.after]
        gain = tuple(int(getattr(after, n) and not getattr(before, n)) for n in COUNTED)
        new_bank = before.opened_at_bank is None and after.opened_at_bank is not None
        return gain, after.opened_at_bank if new_bank else None

    def move(self, village: str, calendar: Side, window: Side) -> None:
        """One citizen counts `window` instead of `calendar` (in their village)."""
        self._sides[(village, calendar)] -= 1
        self._sides[(village, window)] += 1

    def apply(self, figures: Figures) -> None:
        """Add what is left, row by row, to every table, the visits and the trend's last day."""
        cumulative: Counter[tuple[_Key, int]] = Counter()
        reached: dict[_Key, list[int]] = {}  # per COUNTED mark
        opened: Counter[tuple[_Key, str]] = Counter()  # accounts opened, by bank
        gains: dict[tuple[int, int], tuple[tuple[int, ...], str | None]] = {}
        visited: Counter[_Key] = Counter()
        visits = 0
        rows = _Rows(figures)
        for (village, side), count in self._sides.items():
            if not count:
                continue
            keys: list[_Key] = [("village", village), ("point", side.point), ("total", "")]
            group = self.marks[side.after].group
            if group is not None:
                keys.append(("group", group.value))
            for key in keys:
                rows[key]  # a row new to a table is added in the order first met
                cumulative[(key, side.after)] += count
                if side.before != side.after:
                    gain = gains.get((side.before, side.after))
                    if gain is None:
                        gain = gains[(side.before, side.after)] = self._gain(side)
                    sums = reached.setdefault(key, [0] * len(COUNTED))
                    for i, value in enumerate(gain[0]):
                        if value:
                            sums[i] += count
                    if gain[1] is not None:
                        opened[(key, gain[1])] += count
                if side.visits:
                    visited[key] += count
            visits += count * side.visits
        for (key, after), count in cumulative.items():
            if count:
                rows[key].cumulative.add(self.marks[after], count)
                if key[0] == "total" and figures.trend:
                    _add_trend(figures, self.marks[after], count)
        for key, sums in reached.items():
            tally = rows[key].new
            for name, value in zip(COUNTED, sums, strict=True):
                if value:
                    setattr(tally, name, getattr(tally, name) + value)
        for (key, bank), count in opened.items():
            if count:
                rows[key].new.opened_by_bank[bank] += count
        for key, count in visited.items():
            rows[key].new.visited += count
        figures.visits_in_period += visits


def _add_trend(figures: Figures, marks: Marks, count: int) -> None:
    last = figures.trend[-1]
    level2, activated, linked, approved, opened = trend_vector(marks)
    last.level2 += count * level2
    last.activated += count * activated
    last.linked += count * linked
    last.link_approved += count * approved
    last.opened += count * opened


class _Rows:
    """The figures' rows by table and key; a key not there yet gets a new row at the end."""

    def __init__(self, figures: Figures) -> None:
        self.tables: dict[str, list[Row]] = {
            "village": figures.by_village,
            "point": figures.by_point,
            "group": figures.by_group,
        }
        self.total = figures.total
        self.found: dict[_Key, Row] = {}
        for table, rows in self.tables.items():
            for row in rows:
                self.found.setdefault((table, row.key), row)

    def __getitem__(self, key: _Key) -> Row:
        if key[0] == "total":
            return self.total
        found = self.found.get(key)
        if found is None:
            found = self.found[key] = Row(key[1], UNKNOWN, None)
            self.tables[key[0]].append(found)
        return found


__all__ = ["Side", "WindowNet"]

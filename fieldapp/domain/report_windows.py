"""A report's period as two moments: deadline to deadline for the daily report.

Seeds 001 and 002 ask for a daily report "before 16:00" (or 14:00): what was done after
yesterday's report was sent belongs to today's. So the daily report of 5 June with a 16:00
deadline covers 4 June 16:00 (included) to 5 June 16:00 (excluded), not the calendar day.
The weekly report covers the seven days that end on its day, and is dated that day: never a
Sunday still to come. Pure date logic: the caller gives the time zone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, tzinfo

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.periods import Period, ReportKind

_DEADLINE = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


@dataclass(frozen=True, slots=True)
class Window:
    """From `starts_at` (included) to `ends_at` (excluded), both time-zone aware."""

    starts_at: datetime
    ends_at: datetime

    def contains(self, moment: datetime) -> bool:
        """True when the moment falls inside the window."""
        return self.starts_at <= moment < self.ends_at


def deadline_time(text: str) -> time:
    """'16:00' → 16:00; refused in one line when it is not an hour of the day."""
    match = _DEADLINE.match(text.strip())
    if match is None:
        raise ValidationError("reports.bad_deadline", value=text)
    return time(int(match.group(1)), int(match.group(2)))


def report_day_at(moment: datetime, deadline: time) -> date:
    """The daily report a moment belongs to: today's until the deadline, then tomorrow's.

    A report asked for without a date is the one in progress: after 16:00, what the desk
    records goes in tomorrow's report, so that is the one shown.
    """
    day = moment.date()
    if deadline != time(0) and moment.time() >= deadline:
        day += timedelta(days=1)
    return day


def daily_window(day: date, deadline: time, tz: tzinfo) -> Window:
    """Yesterday's deadline to today's (local time); 00:00 means the end of the day."""
    if deadline == time(0):
        day += timedelta(days=1)
    end = datetime.combine(day, deadline, tzinfo=tz)
    start = datetime.combine(day - timedelta(days=1), deadline, tzinfo=tz)
    return Window(start, end)


def days_window(period: Period, tz: tzinfo) -> Window:
    """The start of the period's first local day to the start of the day after its last."""
    start = datetime.combine(period.starts_on, time(0), tzinfo=tz)
    end = datetime.combine(period.ends_on + timedelta(days=1), time(0), tzinfo=tz)
    return Window(start, end)


def report_window(period: Period, deadline: time, tz: tzinfo) -> Window:
    """The moments a report covers: deadline to deadline for a day, whole days otherwise."""
    if period.kind is ReportKind.DAILY:
        return daily_window(period.ends_on, deadline, tz)
    return days_window(period, tz)


def week_ending(day: date) -> Period:
    """The seven days that end on the report's day (dated that day, never a future Sunday)."""
    return Period(ReportKind.WEEKLY, day - timedelta(days=6), day)

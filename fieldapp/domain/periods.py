"""Report periods and campaign waves: pure date logic, no store, no clock.

Every period is a range of local dates (Asia/Ho_Chi_Minh), both ends included; the store
turns it into UTC bounds.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum


class ReportKind(StrEnum):
    """The four reports the commune police send upward."""

    DAILY = "daily"
    WEEKLY = "weekly"
    WAVE = "wave"
    FINAL = "final"


@dataclass(frozen=True, slots=True)
class Wave:
    """A wave (đợt) of the campaign: a name and a range of local dates, both included."""

    id: uuid.UUID
    name: str
    starts_on: date
    ends_on: date

    def overlaps(self, starts_on: date, ends_on: date) -> bool:
        """True when [starts_on, ends_on] shares at least one day with this wave."""
        return starts_on <= self.ends_on and self.starts_on <= ends_on

    def contains(self, day: date) -> bool:
        """True when the day falls inside the wave."""
        return self.starts_on <= day <= self.ends_on


@dataclass(frozen=True, slots=True)
class Period:
    """What a report covers: its kind, its local dates (both included) and, for waves, the wave."""

    kind: ReportKind
    starts_on: date
    ends_on: date
    wave: Wave | None = None

    @property
    def days(self) -> list[date]:
        """Every local date of the period, in order."""
        count = (self.ends_on - self.starts_on).days + 1
        return [self.starts_on + timedelta(days=i) for i in range(count)]


def day_period(day: date) -> Period:
    """One local day."""
    return Period(ReportKind.DAILY, day, day)


def week_period(day: date) -> Period:
    """The Monday-to-Sunday week that contains the day."""
    monday = day - timedelta(days=day.weekday())
    return Period(ReportKind.WEEKLY, monday, monday + timedelta(days=6))


def wave_period(wave: Wave) -> Period:
    """A whole wave."""
    return Period(ReportKind.WAVE, wave.starts_on, wave.ends_on, wave)


def campaign_period(first_day: date, last_day: date) -> Period:
    """The whole campaign, from its first day up to the report's day."""
    return Period(ReportKind.FINAL, min(first_day, last_day), last_day)


def wave_on(waves: list[Wave], day: date) -> Wave | None:
    """The wave that contains the day, if any (waves never overlap)."""
    return next((w for w in waves if w.contains(day)), None)

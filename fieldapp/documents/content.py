"""What the documents say about a point and a citizen, as plain data the builders lay out.

The citizen's status comes from `fieldapp.domain.status.fold_status`; this module only turns
its result into printable lines: the masked ID, what is done, what is missing, what to bring
(read from the step rules, `domain/step_rules.py`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time, timedelta

from fieldapp.domain.errors import ValidationError
from fieldapp.domain.model import Step
from fieldapp.domain.status import CitizenStatus, StepState
from fieldapp.domain.step_rules import Bring, what_to_bring
from fieldapp.domain.text import fold
from fieldapp.i18n import tr
from fieldapp.i18n.describe import next_steps_text

ALL_DAYS: tuple[int, ...] = (0, 1, 2, 3, 4, 5, 6)
WEEKDAYS_VI = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")


def mask_personal_id(personal_id: str) -> str:
    """Only the last 4 digits show: a lost slip does not give the ID away."""
    digits = personal_id.strip()
    return "•" * max(len(digits) - 4, 0) + digits[-4:]


def next_opening_day(today: date, opening_days: Iterable[int]) -> date | None:
    """The first day after today the point is open (0 = Monday), or None if it never is."""
    days = set(opening_days)
    for ahead in range(1, 8):
        day = today + timedelta(days=ahead)
        if day.weekday() in days:
            return day
    return None


def day_text(day: date, at: time | None = None) -> str:
    """The day as slips print it: Thứ Hai, 23/11/2026 (lúc 08:00 when a time was chosen)."""
    text = f"{WEEKDAYS_VI[day.weekday()]}, {day:%d/%m/%Y}"
    return f"{text} lúc {at:%H:%M}" if at is not None else text


_CLOCK = re.compile(r"(\d{1,2})\s*(?:[:hg]\s*(\d{2})?)")
DEFAULT_OPENING = time(8, 0)


def opening_time(hours: str) -> time:
    """When the point opens, read from its hours text ("7h30 - 17h", "07:30-11:00"); 08:00."""
    found = _CLOCK.search(hours or "")
    if found:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if hour < 24 and minute < 60:
            return time(hour, minute)
    return DEFAULT_OPENING


@dataclass(frozen=True, slots=True)
class PointInfo:
    """A support point as the documents print it."""

    name: str
    village: str = ""
    opening_days: tuple[int, ...] = ALL_DAYS
    hours: str = ""
    contact: str = ""

    @property
    def days_text(self) -> str:
        """Every day of the week, or the list of weekdays, in Vietnamese."""
        days = sorted(set(self.opening_days))
        if days == list(ALL_DAYS):
            return "Tất cả các ngày trong tuần"
        if not days:
            return "Tạm nghỉ"
        runs: list[list[int]] = []
        for day in days:
            if runs and day == runs[-1][-1] + 1:
                runs[-1].append(day)
            else:
                runs.append([day])
        parts = [
            f"{WEEKDAYS_VI[r[0]]} đến {WEEKDAYS_VI[r[-1]]}"
            if len(r) >= 3
            else ", ".join(WEEKDAYS_VI[d] for d in r)
            for r in runs
        ]
        return ", ".join(parts)

    @property
    def schedule_text(self) -> str:
        """Days and hours on one line."""
        return f"{self.days_text} ({self.hours})" if self.hours else self.days_text


@dataclass(frozen=True, slots=True)
class SlipContent:
    """Everything one citizen's slip says."""

    full_name: str
    masked_id: str
    village: str
    done: tuple[str, ...]
    missing: tuple[str, ...]
    bring: tuple[Bring, ...]
    next_day: date | None
    point: PointInfo
    complete: bool
    return_time: time | None = None  # chosen in the slip dialog; else the point's hours print


def done_lines(status: CitizenStatus) -> tuple[str, ...]:
    """The steps done, by their catalogue names, with the bank when known."""
    lines = []
    for step in Step:
        step_status = status.steps[step]
        if step_status.state is not StepState.DONE:
            continue
        name = tr(f"step.{step.value}", "vi")
        if step is Step.BANK_ACCOUNT and step_status.bank:
            name = f"{name} ({step_status.bank})"
        lines.append(name)
    return tuple(lines)


def missing_lines(status: CitizenStatus) -> tuple[str, ...]:
    """What is still missing, in the words the desk and the CLI use too."""
    return tuple(next_steps_text(status, "vi"))


def slip_content(
    *,
    full_name: str,
    personal_id: str,
    village: str,
    status: CitizenStatus,
    point: PointInfo,
    today: date,
    return_on: date | None = None,
    return_time: time | None = None,
) -> SlipContent:
    """A slip's content from a citizen and their folded status.

    The return day is the one chosen at the desk, else the next day the point is open.
    """
    next_day = return_on or next_opening_day(today, point.opening_days)
    return SlipContent(
        full_name=full_name,
        masked_id=mask_personal_id(personal_id),
        village=village,
        done=done_lines(status),
        missing=missing_lines(status),
        bring=what_to_bring(status.missing),
        next_day=None if status.complete else next_day,
        point=point,
        complete=status.complete,
        return_time=None if status.complete else return_time,
    )


def parse_opening_days(text: str) -> tuple[int, ...]:
    """Weekdays the Vietnamese way: "2-6", "2,4,6", "2-8" or "CN" (2 = Monday, 8/CN = Sunday).

    Returns Python weekday numbers (0 = Monday). An empty text means every day.
    """
    raw = text.strip().upper().replace(" ", "")
    if not raw:
        return ALL_DAYS
    days: set[int] = set()
    try:
        for part in raw.split(","):
            if "-" in part:
                first, last = (_vn_day(p) for p in part.split("-", 1))
                if last < first:
                    raise ValueError(part)
                days.update(range(first, last + 1))
            else:
                days.add(_vn_day(part))
    except ValueError:
        raise ValidationError("documents.bad_days", value=text) from None
    return tuple(sorted(days))


def _vn_day(token: str) -> int:
    if token == "CN":
        return 6
    number = int(token)
    if not 2 <= number <= 8:
        raise ValueError(token)
    return number - 2


_PLACE_WORDS = ("thon", "lang", "ban", "xom", "khu", "to ", "ap ", "khom")


def village_label(name: str) -> str:
    """A village name as printed: Thôn Tây Sơn stays, a bare Tây Sơn gets Thôn in front."""
    if not name or fold(name).startswith(_PLACE_WORDS):
        return name
    return f"Thôn {name}"

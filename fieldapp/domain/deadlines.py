"""Targets and deadlines per beneficiary group (issue 18 item 4), and the pace they need.

Seeds 000 and 002 (2026): the social insurance's pensioners by 07/6 (000: Kiên Thọ's plan);
people with merit, social pensions, pensions and insurance allowances, workers with a serious
or occupational illness by 15/6 (002, also 000 for schools and their families); everyone with
a level-2 account by 15/7 (002, Official Letter 790/TCT). Each is settable per campaign.

"Behind the pace" compares the share done with the share of the time gone since the start:
a group at 40% with 60% of its days gone is behind; past the deadline, anything short of the
target is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from fieldapp.domain.model import BeneficiaryGroup

EVERYONE = "level2"  # the row for everyone with a level-2 account (not a group)
CAMPAIGN_START = date(2026, 6, 1)  # seed 000 §5: "Từ ngày 01/6/2026 đến hết ngày 15/6/2026"


@dataclass(frozen=True, slots=True)
class GroupDeadline:
    """A target for one beneficiary group (or everyone with level 2): how much, by when."""

    group: str  # a BeneficiaryGroup value, or EVERYONE
    deadline: date
    percent: int = 100  # of the group's members (of the level-2 holders for EVERYONE)
    starts_on: date = CAMPAIGN_START


_G = BeneficiaryGroup
DEFAULT_DEADLINES: tuple[GroupDeadline, ...] = (
    GroupDeadline(_G.INSURANCE_PENSION.value, date(2026, 6, 7)),
    GroupDeadline(_G.MERIT.value, date(2026, 6, 15)),
    GroupDeadline(_G.SOCIAL_PENSION.value, date(2026, 6, 15)),
    GroupDeadline(_G.SERIOUS_ILLNESS.value, date(2026, 6, 15)),
    GroupDeadline(_G.EDUCATION.value, date(2026, 6, 15)),
    GroupDeadline(_G.SOCIAL_PROTECTION.value, date(2026, 7, 15)),
    GroupDeadline(EVERYONE, date(2026, 7, 15)),
)
GROUP_KEYS: tuple[str, ...] = tuple(d.group for d in DEFAULT_DEADLINES)


@dataclass(frozen=True, slots=True)
class DeadlineProgress:
    """One group's done / target on a day, the days left and whether it is behind the pace."""

    deadline: GroupDeadline
    members: int  # the group's citizens (level-2 holders for EVERYONE)
    target: int
    done: int  # linked (submitted or approved)
    days_left: int  # negative once the deadline has passed
    behind: bool
    needed_per_day: float | None  # links a day still needed to make it (None: met or past)

    @property
    def reached(self) -> float | None:
        """Done over target, in percent (None with no target)."""
        return None if not self.target else 100.0 * self.done / self.target


def target_of(members: int, percent: int) -> int:
    """The target for this many members: the percentage, rounded up (100% of 3 is 3)."""
    return -(-members * percent // 100)


def progress(deadline: GroupDeadline, members: int, done: int, today: date) -> DeadlineProgress:
    """Where a group stands on `today` against its deadline, and whether it keeps the pace."""
    target = target_of(members, deadline.percent)
    days_left = (deadline.deadline - today).days
    short = max(target - done, 0)
    if short == 0:
        behind, needed = False, None
    elif days_left < 0:
        behind, needed = True, None
    else:
        span = max((deadline.deadline - deadline.starts_on).days, 1)
        gone = min(max((today - deadline.starts_on).days, 0), span)
        behind = done * span < target * gone  # share done < share of the time gone
        needed = short / (days_left + 1)  # today counts: the deadline day is included
    return DeadlineProgress(deadline, members, target, done, days_left, behind, needed)

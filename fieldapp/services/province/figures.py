"""The province's figures of a day: every commune ranked, the bands, group rates, the trend.

Read with a few GROUP BY queries (`store/province_queries.py`); a commune's row is its latest
summary up to the day (the dashboard says when a commune has not reported the day itself).
The key indicator is the province's: linked accounts / level-2 accounts (seed 002: 22.31%),
banded as the province reads it: 0%, below 15%, 15 to 50%, 50% and above.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from fieldapp.domain import model as dm
from fieldapp.domain.summary import UNIT_COMMUNE, UNIT_GROUP
from fieldapp.services.clock import LOCAL_TZ
from fieldapp.services.province.setup import province_name, report_deadline
from fieldapp.services.reports import AGENCY_OF_GROUP, percent
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store import province_queries as pq

BAND_ZERO, BAND_LOW, BAND_MIDDLE, BAND_HIGH, BAND_NONE = "zero", "low", "middle", "high", "none"
BANDS = (BAND_ZERO, BAND_LOW, BAND_MIDDLE, BAND_HIGH, BAND_NONE)
LOW_BELOW = 15.0  # "09 đơn vị cấp xã có tỷ lệ dưới 15%"
HIGH_FROM = 50.0  # "chưa có đơn vị nào vượt qua 50%"
REASON_PREFIX = "reason."  # failures by reason in a summary row (`docs/summary-format.md`)
PAYMENT_COLUMNS = ("paid_to_account", "has_account_not_paid", "no_account", "not_classified")
TREND_DAYS = 14
# The province's four sector departments (seed 002, item 11) and the groups each follows.
DEPARTMENTS: dict[str, tuple[dm.BeneficiaryGroup, ...]] = {
    agency: tuple(g for g, a in AGENCY_OF_GROUP.items() if a == agency)
    for agency in ("social_security", "home_affairs", "health", "education")
}


def band_of(rate: float | None) -> str:
    """The province's band of a commune's linked / level-2 rate."""
    if rate is None:
        return BAND_NONE
    if rate == 0:
        return BAND_ZERO
    if rate < LOW_BELOW:
        return BAND_LOW
    if rate >= HIGH_FROM:
        return BAND_HIGH
    return BAND_MIDDLE


@dataclass
class CommuneLine:
    """One commune on the dashboard and in the report."""

    commune_id: uuid.UUID | None
    name: str
    code: str
    district: str
    counts: dict[str, int]
    last_day: date | None  # the day of its figures (None: never reported)
    reported_today: bool
    rank: int = 0
    figures: dict[str, int] = field(default_factory=dict)  # every figure of its commune row

    def figure(self, name: str) -> int:
        """One figure of its latest day as the commune sent it (0 when it sent none)."""
        return self.figures.get(name, 0)

    def reasons(self) -> dict[str, int]:
        """Failed attempts of its latest day by reason (`FailureReason` values)."""
        return {
            name.removeprefix(REASON_PREFIX): value
            for name, value in self.figures.items()
            if name.startswith(REASON_PREFIX)
        }

    @property
    def rate(self) -> float | None:
        """Linked / level 2, in percent."""
        return percent(self.counts.get("linked", 0), self.counts.get("level2", 0))

    @property
    def band(self) -> str:
        """Its band (none when it has no level-2 account or never reported)."""
        return band_of(self.rate) if self.last_day is not None else BAND_NONE

    @property
    def paid_rate(self) -> float | None:
        """Beneficiaries paid to an account / all beneficiaries, in percent."""
        return percent(self.counts.get("paid_to_account", 0), _beneficiaries(self.counts))


def _beneficiaries(counts: dict[str, int]) -> int:
    return sum(counts.get(name, 0) for name in PAYMENT_COLUMNS)


@dataclass
class GroupRates:
    """One beneficiary group: its paid-to-account rate in the province and per commune."""

    group: dm.BeneficiaryGroup
    counts: dict[str, int]
    by_commune: dict[uuid.UUID, dict[str, int]]
    zero_communes: int  # communes with beneficiaries of the group and none paid to an account

    @property
    def paid_rate(self) -> float | None:
        """Paid to an account / beneficiaries of the group, in percent."""
        return percent(self.counts.get("paid_to_account", 0), _beneficiaries(self.counts))

    @property
    def beneficiaries(self) -> int:
        """Beneficiaries of the group reported by the communes."""
        return _beneficiaries(self.counts)


@dataclass
class TrendDay:
    """The province's sums at the end of one day (each commune's latest figures up to it)."""

    day: date
    communes: int  # communes that reported that day
    level2: int
    linked: int

    @property
    def rate(self) -> float | None:
        """Linked / level 2 that day, in percent."""
        return percent(self.linked, self.level2)


@dataclass
class ProvinceBoard:
    """Everything the province's dashboard and daily report show for a day."""

    day: date
    province: str
    deadline: str
    communes: list[CommuneLine]
    total: dict[str, int]
    bands: dict[str, int]
    groups: list[GroupRates]
    trend: list[TrendDay]
    past_deadline: bool
    banks: dict[str, int] = field(default_factory=dict)

    @property
    def rate(self) -> float | None:
        """The province's key indicator: linked / level 2, in percent."""
        return percent(self.total.get("linked", 0), self.total.get("level2", 0))

    @property
    def not_reported(self) -> list[CommuneLine]:
        """Communes with no summary for the day (listed or enrolled), by name."""
        return [c for c in self.communes if not c.reported_today]


def province_board(
    uow: UnitOfWork, day: date, *, now: datetime | None = None, trend_days: int = TREND_DAYS
) -> ProvinceBoard:
    """The figures of every commune of the province for `day`, ranked by linked / level 2."""
    province = province_name(uow)
    deadline = report_deadline(uow)
    with uow:
        session = uow.repo.session
        listed = [_Listed(r.commune_id, r.name, r.code, r.district) for r in pq.communes(session)]
        commune_rows = pq.latest_rows(session, day, UNIT_COMMUNE)
        group_rows = pq.latest_rows(session, day, UNIT_GROUP)
        first = day - timedelta(days=trend_days - 1)
        start = pq.latest_rows(session, first - timedelta(days=1), UNIT_COMMUNE)
        moves = pq.commune_rows_between(session, first, day)
    by_id = {r.commune_id: r for r in listed if r.commune_id is not None}
    lines: list[CommuneLine] = []
    seen: set[uuid.UUID] = set()
    for commune_id, last_day, _key, unit_name, counts, figures_json in commune_rows:
        seen.add(commune_id)
        known = by_id.get(commune_id)
        lines.append(
            CommuneLine(
                commune_id,
                known.name if known else unit_name,
                known.code if known else "",
                known.district if known else "",
                counts,
                last_day,
                last_day == day,
                figures=json.loads(figures_json),
            )
        )
    for row in listed:  # listed communes that never reported
        if row.commune_id is None or row.commune_id not in seen:
            lines.append(
                CommuneLine(row.commune_id, row.name, row.code, row.district, {}, None, False)
            )
    lines.sort(key=lambda c: (c.rate is None, -(c.rate or 0.0), c.name))
    for rank, line in enumerate(lines, start=1):
        line.rank = rank
    total: dict[str, int] = dict.fromkeys(pq.COUNT_COLUMNS, 0)
    for line in lines:
        for name, value in line.counts.items():
            total[name] = total.get(name, 0) + value
    bands = dict.fromkeys(BANDS, 0)
    for line in lines:
        bands[line.band] += 1
    deadline_at = datetime.combine(day, time.fromisoformat(deadline), tzinfo=LOCAL_TZ)
    moment = now or datetime.now(LOCAL_TZ)
    return ProvinceBoard(
        day=day,
        province=province,
        deadline=deadline,
        communes=lines,
        total=total,
        bands=bands,
        groups=_groups(group_rows),
        trend=_trend(first, day, start, moves),
        past_deadline=moment >= deadline_at,
    )


def _trend(
    first: date, last: date, start: list[tuple], moves: list[tuple[uuid.UUID, date, int, int]]
) -> list[TrendDay]:
    """Per day, every commune's latest figures up to that day (a silent day carries the last)."""
    latest = {r[0]: (r[4]["level2"], r[4]["linked"]) for r in start}
    by_day: dict[date, list[tuple[uuid.UUID, int, int]]] = {}
    for commune_id, day, level2, linked in moves:
        by_day.setdefault(day, []).append((commune_id, level2, linked))
    trend = []
    day = first
    while day <= last:
        for commune_id, level2, linked in by_day.get(day, []):
            latest[commune_id] = (level2, linked)
        trend.append(
            TrendDay(
                day,
                len(by_day.get(day, [])),
                sum(v[0] for v in latest.values()),
                sum(v[1] for v in latest.values()),
            )
        )
        day += timedelta(days=1)
    return trend


@dataclass(frozen=True, slots=True)
class _Listed:
    commune_id: uuid.UUID | None
    name: str
    code: str
    district: str


def _groups(rows: list[tuple]) -> list[GroupRates]:
    groups = {
        g: GroupRates(g, dict.fromkeys(PAYMENT_COLUMNS, 0), {}, 0) for g in dm.BeneficiaryGroup
    }
    for commune_id, _day, key, _name, counts, _json in rows:
        try:
            group = groups[dm.BeneficiaryGroup(key)]
        except ValueError:
            continue  # "unknown": citizens of no group
        group.by_commune[commune_id] = counts
        for name in PAYMENT_COLUMNS:
            group.counts[name] += counts.get(name, 0)
        if _beneficiaries(counts) and counts.get("paid_to_account", 0) == 0:
            group.zero_communes += 1
    return list(groups.values())

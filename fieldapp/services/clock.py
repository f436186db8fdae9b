"""Time as the commune lives it: timestamps in UTC, days in Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from fieldapp.domain.dates import COMMUNE_TZ

LOCAL_TZ = COMMUNE_TZ


def utc_now() -> datetime:
    """Now, timezone-aware, in UTC."""
    return datetime.now(UTC)


def local_today(now: datetime | None = None) -> date:
    """Today's date in the commune."""
    return (now or utc_now()).astimezone(LOCAL_TZ).date()


def local_day_bounds(day: date) -> tuple[datetime, datetime]:
    """[start, end) of a local day, in UTC."""
    start = datetime.combine(day, time(0), tzinfo=LOCAL_TZ)
    return start.astimezone(UTC), (start + timedelta(days=1)).astimezone(UTC)

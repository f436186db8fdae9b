"""Store queries of a province store: its communes, the summaries held, and SQL sums of figures.

The province services call these by name. Figures are read with a few GROUP BY queries over
`province_figure` (one row per commune, day and unit), never row by row in Python.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any, NamedTuple

from sqlalchemy import and_, delete, func, insert, or_, select
from sqlmodel import Session

from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked

# The figures kept as columns (summed in SQL); every figure is also in the row's JSON.
COUNT_COLUMNS = (
    "citizens", "level2", "activated", "link_waiting", "link_approved", "linked",
    "bank_account", "opened", "visited", "paid_to_account", "has_account_not_paid",
    "no_account", "not_classified", "new_level2", "new_linked",
)  # fmt: skip


# Summary figures kept as columns (the rest is only in the row's JSON).
_COLUMN_OF = {name: name for name in COUNT_COLUMNS} | {
    "payment.paid_to_account": "paid_to_account",
    "payment.has_account_not_paid": "has_account_not_paid",
    "payment.no_account": "no_account",
    "payment.not_classified": "not_classified",
    "new.level2": "new_level2",
    "new.linked": "new_linked",
}


def figure_row(
    commune_id: uuid.UUID,
    day: date,
    unit_kind: str,
    unit_key: str,
    unit_name: str,
    figures: dict[str, int],
) -> dict[str, Any]:
    """A `province_figure` row: the main counts as columns, every figure as JSON."""
    values: dict[str, Any] = dict.fromkeys(COUNT_COLUMNS, 0)
    for figure, column in _COLUMN_OF.items():
        if figure in figures:
            values[column] = figures[figure]
    values.update(
        commune_id=commune_id,
        day=day,
        unit_kind=unit_kind,
        unit_key=unit_key,
        unit_name=unit_name,
        figures=json.dumps(figures, ensure_ascii=False, sort_keys=True),
    )
    return values


def insert_days(
    session: Session, summaries: Sequence[dict[str, Any]], figures: Sequence[dict[str, Any]]
) -> None:
    """Many (commune, day) summaries at once, into days nobody holds yet (a bulk load)."""
    for part in chunked(list(summaries), 2000):
        session.execute(insert(t.ProvinceSummary.__table__), part)
    for part in chunked(list(figures), 2000):
        session.execute(insert(t.ProvinceFigure.__table__), part)


def communes(session: Session) -> list[t.ProvinceCommune]:
    """The province's communes, by district then name."""
    stmt = select(t.ProvinceCommune).order_by(
        t.ProvinceCommune.district, t.ProvinceCommune.name_folded
    )
    return list(session.execute(stmt).scalars())


def commune_matching(
    session: Session, name_folded: str, code: str | None = None
) -> t.ProvinceCommune | None:
    """The first commune (in `communes` order) with this folded name or code.

    One indexed query: enrolling each of 600 communes no longer reads all 600.
    """
    pc = t.ProvinceCommune
    wanted = pc.name_folded == name_folded
    if code is not None:
        wanted = or_(wanted, pc.code == code)
    stmt = select(pc).where(wanted).order_by(pc.district, pc.name_folded).limit(1)
    return session.execute(stmt).scalars().first()


def add(session: Session, row: object) -> None:
    """Add or update a row in the unit of work."""
    session.add(row)


def commune_by_id(session: Session, commune_id: uuid.UUID) -> t.ProvinceCommune | None:
    """The province's commune enrolled with this commune id (the key card's)."""
    stmt = select(t.ProvinceCommune).where(t.ProvinceCommune.commune_id == commune_id)
    return session.execute(stmt).scalars().first()


def held_summary(session: Session, commune_id: uuid.UUID, day: date) -> t.ProvinceSummary | None:
    """Which summary a commune's figures of a day come from now, if any."""
    return session.get(t.ProvinceSummary, (commune_id, day))


def replace_day(
    session: Session,
    summary: t.ProvinceSummary,
    figures: Sequence[dict[str, Any]],
    *,
    held: t.ProvinceSummary | None,
) -> None:
    """A commune's figures of one day, replaced by those of a newer summary (one transaction).

    `held` is what `held_summary` gave for that commune and day: a day nobody held has no
    figures to delete (they are only ever written with their summary), so a new day, the
    daily case, is two inserts and no lookups.
    """
    if held is None:
        values = {c.name: getattr(summary, c.name) for c in t.ProvinceSummary.__table__.c}
        session.execute(insert(t.ProvinceSummary.__table__), [values])
    else:
        session.execute(
            delete(t.ProvinceFigure).where(
                t.ProvinceFigure.commune_id == summary.commune_id,
                t.ProvinceFigure.day == summary.day,
            )
        )
        for name in ("sequence", "digest", "sender", "imported_at"):
            setattr(held, name, getattr(summary, name))
        session.flush()
    for part in chunked(list(figures), 2000):
        session.execute(insert(t.ProvinceFigure.__table__), part)


class CommuneFigures(NamedTuple):
    """A commune's row on a day: its latest summary day up to it, and the counts."""

    commune_id: uuid.UUID
    day: date
    counts: dict[str, int]
    figures: str  # the JSON row


def latest_rows(
    session: Session, day: date, unit_kind: str, *, reported_on: date | None = None
) -> list[tuple[uuid.UUID, date, str, str, dict[str, int], str]]:
    """Every commune's rows of one unit kind from its latest summary day up to `day`.

    Returns (commune id, day, unit key, unit name, counts, JSON) per row. A commune that did
    not report on `day` shows its last figures (the dashboard says since when).
    """
    latest = (
        select(
            t.ProvinceSummary.commune_id.label("commune_id"),
            func.max(t.ProvinceSummary.day).label("day"),
        )
        .where(t.ProvinceSummary.day <= day)
        .group_by(t.ProvinceSummary.commune_id)
        .subquery()
    )
    figure = t.ProvinceFigure
    columns = [getattr(figure, name) for name in COUNT_COLUMNS]
    stmt = select(
        figure.commune_id, figure.day, figure.unit_key, figure.unit_name, *columns, figure.figures
    ).join(latest, and_(figure.commune_id == latest.c.commune_id, figure.day == latest.c.day))
    stmt = stmt.where(figure.unit_kind == unit_kind)
    if reported_on is not None:
        stmt = stmt.where(figure.day == reported_on)
    rows = []
    for row in session.execute(stmt):
        counts = dict(zip(COUNT_COLUMNS, row[4 : 4 + len(COUNT_COLUMNS)], strict=True))
        rows.append((_uuid(row[0]), _date(row[1]), row[2], row[3], counts, row[-1]))
    return rows


def commune_rows_between(
    session: Session, first: date, last: date
) -> list[tuple[uuid.UUID, date, int, int]]:
    """Each commune's (id, day, level 2, linked) on every day it reported in the range."""
    figure = t.ProvinceFigure
    stmt = select(figure.commune_id, figure.day, figure.level2, figure.linked).where(
        figure.unit_kind == "commune", figure.day >= first, figure.day <= last
    )
    return [(_uuid(r[0]), _date(r[1]), int(r[2]), int(r[3])) for r in session.execute(stmt)]


def summaries_on(session: Session, day: date) -> dict[uuid.UUID, tuple[int, Any]]:
    """The communes that sent figures for this day: their sequence and import time."""
    stmt = select(
        t.ProvinceSummary.commune_id, t.ProvinceSummary.sequence, t.ProvinceSummary.imported_at
    ).where(t.ProvinceSummary.day == day)
    return {_uuid(r[0]): (int(r[1]), r[2]) for r in session.execute(stmt)}


def known_commune_ids(session: Session) -> set[uuid.UUID]:
    """Commune ids with any figures stored (enrolled or not any more)."""
    stmt = select(t.ProvinceSummary.commune_id).distinct()
    return {_uuid(v) for v in session.execute(stmt).scalars()}


def add_communes(session: Session, rows: Iterable[t.ProvinceCommune]) -> None:
    """Add communes from a list (the caller checked the codes are new)."""
    session.add_all(list(rows))


def _uuid(value: object) -> uuid.UUID:
    return value if isinstance(value, uuid.UUID) else uuid.UUID(str(value))


def _date(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))

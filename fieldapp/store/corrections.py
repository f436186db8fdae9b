"""Citizen corrections in the store: the events, and the citizen row they keep current.

The citizen row holds the details with the latest correction of each field applied
(`fieldapp.domain.corrections.corrected`); `reapply` restores that after bundles merged
citizen rows, so the result is the same in whatever order bundles arrive.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import insert, select
from sqlmodel import Session

from fieldapp.domain import corrections as dc
from fieldapp.store import tables as t
from fieldapp.store.chunks import chunked

CORRECTION = t.CitizenCorrectionRow.__table__  # type: ignore[attr-defined]


def to_domain(row: object) -> dc.CitizenCorrection:
    """A correction row as a domain event."""
    return dc.CitizenCorrection(
        id=row.id,  # type: ignore[attr-defined]
        personal_id=row.personal_id,  # type: ignore[attr-defined]
        field=dc.CorrectedField(row.field),  # type: ignore[attr-defined]
        old_value=row.old_value,  # type: ignore[attr-defined]
        new_value=row.new_value,  # type: ignore[attr-defined]
        recorded_at=row.recorded_at,  # type: ignore[attr-defined]
        user_id=row.user_id,  # type: ignore[attr-defined]
        support_point_id=row.support_point_id,  # type: ignore[attr-defined]
    )


def add(session: Session, correction: dc.CitizenCorrection) -> None:
    """Insert one correction event."""
    values = {
        "id": correction.id,
        "personal_id": correction.personal_id,
        "field": correction.field.value,
        "old_value": correction.old_value,
        "new_value": correction.new_value,
        "recorded_at": correction.recorded_at,
        "user_id": correction.user_id,
        "support_point_id": correction.support_point_id,
    }
    session.execute(insert(CORRECTION), [values])


def of_citizens(session: Session, personal_ids: Iterable[str]) -> list[dc.CitizenCorrection]:
    """The corrections of these citizens, oldest first."""
    pids = sorted(set(personal_ids))
    found: list[dc.CitizenCorrection] = []
    for part in chunked(pids):
        stmt = select(CORRECTION).where(CORRECTION.c.personal_id.in_(part))
        found.extend(to_domain(r) for r in session.execute(stmt))
    return sorted(found, key=lambda c: (c.recorded_at, str(c.id)))


def reapply(
    session: Session, personal_ids: Iterable[str], *, changed: set[str] | None = None
) -> int:
    """Bring these citizens' rows back to their latest corrections; how many changed.

    `changed` gets the personal IDs of the rows rewritten.
    """
    from fieldapp.store.repository import SqlRepository

    by_pid: dict[str, list[dc.CitizenCorrection]] = {}
    for c in of_citizens(session, personal_ids):
        by_pid.setdefault(c.personal_id, []).append(c)
    repo = SqlRepository(session)
    count = 0
    for pid, events in by_pid.items():
        citizen = repo.get_citizen(pid)
        if citizen is None:
            continue
        source = repo.citizen_name_source(pid) or "scan"
        fixed = dc.corrected(citizen, events, official=source == "official_list")
        if fixed != citizen:
            renamed = fixed.full_name != citizen.full_name
            repo.update_citizen(fixed, name_source="manual" if renamed else source)
            count += 1
            if changed is not None:
                changed.add(pid)
    return count

"""What a support point may say in its bundle: only its own events, within its users' roles.

A signature proves who wrote a bundle, not that the writer may write it. An enrolled point
may send its own visits (at that point, by its own volunteers and bank officers), outcomes
on them within each user's role (the domain's permission table), corrections of its own
outcomes, receivers and payment accounts its users may record (a bank officer: accounts
only), and the citizens those events are about, with names from a scan or typed at the
desk. It may not send official facts, official-list names the police do not already hold,
rows about other points, events in the name of other points' users (or the police), nor
users of any other role, nor teams, team members, units or rosters (issue 19: those come
from the police or the unit's own list); it may say which team member brought a citizen in,
on its own visits, naming a member the police hold. One row against the rules refuses the
whole bundle, naming the row and the rule; nothing of it is stored.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from fieldapp.domain.corrections import (
    MARK_VALUES,
    CorrectedField,
    name_is_garbled,
    parse_value,
)
from fieldapp.domain.model import Role, Step
from fieldapp.domain.permissions import Action, allowed_steps, may
from fieldapp.domain.records import POLICE_SECTIONS
from fieldapp.domain.safe_text import name_problem
from fieldapp.domain.text import fold
from fieldapp.store import sync_queries as q
from fieldapp.sync.payload import COLUMNS, DecodedPayload, refused_row

Session = Any  # the import's store session, handed to the store's named queries only
_SOURCE = COLUMNS["citizens"].index("name_source")
# What an official record says about a person (the village is matched by name, not compared).
_OFFICIAL_CONTENT = (
    "full_name", "birth_date", "sex", "address", "phone", "old_id", "beneficiary_group",
)  # fmt: skip
# The roles a point's bundle may carry: the people who work at a point.
POINT_ROLES = frozenset({Role.VOLUNTEER.value, Role.BANK_OFFICER.value})
OFFICIAL = "official_list"


def check_point_bundle(
    session: Session, payload: DecodedPayload, point_id: uuid.UUID, file: str
) -> None:
    """Refuse the bundle at the first row the point may not write (see the module).

    Ids are compared as the payload holds them (32 hex digits), the store's answers too.
    """
    point = point_id.hex
    _check_sections_of_point(payload, point, file)
    _check_users(session, payload, point, file)
    _check_visits(session, payload, point, file)
    _check_outcomes(session, payload, file)
    _check_corrections(session, payload, point, file)
    _check_payments(payload, point, file)
    _check_citizens(session, payload, file)
    _check_villages(session, payload, file)
    _check_teams_and_rosters(payload, file)
    _check_visit_helpers(session, payload, point, file)


def drop_official_copies(session: Session, payload: DecodedPayload) -> None:
    """A point's copy of an official record (sent to it by the police) is not merged back.

    `check_point_bundle` made sure the police hold each of them with an official name: the
    police's own record stands, whatever the copy's timestamp.
    """
    rows = payload.rows("citizens")
    if any(r["name_source"] == OFFICIAL for r in rows):
        # Events still refer to them: they are in the store, which is all the store needs.
        payload.sections["citizens"] = [r for r in rows if r["name_source"] != OFFICIAL]


def _check_sections_of_point(payload: DecodedPayload, point_id: str, file: str) -> None:
    for i, row in enumerate(payload.rows("points")):
        if row["id"] != point_id:
            raise refused_row(file, "points", i, "other_point")
    if payload.rows("facts"):
        raise refused_row(file, "facts", 0, "official_fact")


def _check_users(session: Session, payload: DecodedPayload, point_id: str, file: str) -> None:
    rows = payload.rows("users")
    stored = q.stored_users(session, [r["id"] for r in rows])
    for i, row in enumerate(rows):
        if row["role"] not in POINT_ROLES:
            raise refused_row(file, "users", i, "user_role")
        if row["support_point_id"] != point_id:
            raise refused_row(file, "users", i, "user_other_point")
        known = stored.get(row["id"])
        if known is not None and (_value(known[0]) != row["role"] or known[1] != point_id):
            raise refused_row(file, "users", i, "user_other_point")


def _check_visits(session: Session, payload: DecodedPayload, point_id: str, file: str) -> None:
    rows = payload.rows("visits")
    for i, row in enumerate(rows):
        if row["support_point_id"] != point_id:
            raise refused_row(file, "visits", i, "visit_other_point")
    stored = q.stored_visit_points(session, [r["id"] for r in rows])
    for i, row in enumerate(rows):
        if row["id"] in stored and stored[row["id"]] != point_id:
            raise refused_row(file, "visits", i, "visit_other_point")


def _check_outcomes(session: Session, payload: DecodedPayload, file: str) -> None:
    rows = payload.rows("outcomes")
    roles = {r["id"]: Role(r["role"]) for r in payload.rows("users")}
    visits = {r["id"]: r for r in payload.rows("visits")}
    in_bundle = {r["id"]: r["visit_id"] for r in rows}
    targets = {r["corrects"] for r in rows if r["corrects"] is not None} - in_bundle.keys()
    stored = q.stored_outcome_visits(session, targets)
    for i, row in enumerate(rows):
        role = roles.get(row["user_id"])
        if role is None:
            raise refused_row(file, "outcomes", i, "missing_reference")
        if Step(row["step"]) not in allowed_steps(role):
            raise refused_row(file, "outcomes", i, "step_not_allowed")
        if visits[row["visit_id"]]["personal_id"] != row["personal_id"]:
            raise refused_row(file, "outcomes", i, "outcome_mismatch")
        target = row["corrects"]
        if target is not None:
            # A correction is a copy of the outcome it voids, on the same visit: this point's.
            # An id nobody has seen yet cannot be another point's (they only learn ids the
            # police already hold, through the lists).
            target_visit = in_bundle.get(target, stored.get(target))
            if target_visit is not None and target_visit != row["visit_id"]:
                raise refused_row(file, "outcomes", i, "correction_other")


def _check_corrections(session: Session, payload: DecodedPayload, point_id: str, file: str) -> None:
    """A point's own correction events: made at that point, with a value the field can hold.

    That an official list's name, birth date and sex still win is the fold's rule
    (`domain/corrections.py`): a correction is a point's claim, never an official one.
    """
    villages = {r["id"] for r in payload.rows("villages")}
    roles = {r["id"]: Role(r["role"]) for r in payload.rows("users")}
    for i, row in enumerate(payload.rows("corrections")):
        if row["support_point_id"] != point_id:
            raise refused_row(file, "corrections", i, "other_point")
        field = CorrectedField(row["field"])
        action = (
            Action.MARK_HOME_VISIT
            if field is CorrectedField.NEEDS_HOME_VISIT
            else Action.CORRECT_DETAILS
        )
        if not may(roles.get(row["user_id"]), action):
            raise refused_row(file, "corrections", i, "correction_not_allowed")
        if not _fits(CorrectedField(row["field"]), row["new_value"], villages, session):
            raise refused_row(file, "corrections", i, "bad_value")


# Who may record each payment section (the permission table): a bank officer accounts only.
_PAYMENT_ACTIONS = {"receivers": Action.RECORD_RECEIVER, "accounts": Action.RECORD_ACCOUNT}


def _check_payments(payload: DecodedPayload, point_id: str, file: str) -> None:
    """Receivers and accounts recorded at this point, by users whose role may record them."""
    roles = {r["id"]: Role(r["role"]) for r in payload.rows("users")}
    for section, action in _PAYMENT_ACTIONS.items():
        for i, row in enumerate(payload.rows(section)):
            if row["support_point_id"] != point_id:
                raise refused_row(file, section, i, "other_point")
            if not may(roles.get(row["user_id"]), action):
                raise refused_row(file, section, i, "payment_not_allowed")


def _fits(field: CorrectedField, text: str, villages: set[str], session: Session) -> bool:
    if field is CorrectedField.NEEDS_HOME_VISIT:
        return text in MARK_VALUES
    if not text:
        return field is not CorrectedField.FULL_NAME
    try:
        value = parse_value(field, text)
    except ValueError:
        return False
    if field is CorrectedField.FULL_NAME:
        return name_problem(text) is None and not name_is_garbled(text)
    if field is CorrectedField.VILLAGE:
        return value.hex in villages or bool(q.existing_keys(session, "villages", {value}))
    return True


def _check_citizens(session: Session, payload: DecodedPayload, file: str) -> None:
    """An official-list name comes from the police: a point may only hand back their copy.

    A copy of a citizen the police do not hold with an official name is refused; so is one
    that says something else than the police's record while claiming to be as new or newer
    (a stale copy, from before the police's last list, is fine: it is never merged).
    """
    rows = payload.rows("citizens")
    claimed = [r["personal_id"] for r in rows if r["name_source"] == OFFICIAL]
    if not claimed:
        return
    official = {
        row[0]: dict(zip(COLUMNS["citizens"], row, strict=True))
        for row in q.rows_by_key(session, "citizens", claimed)
        if row[_SOURCE] == OFFICIAL
    }
    for i, row in enumerate(rows):
        if row["name_source"] != OFFICIAL:
            continue
        stored = official.get(row["personal_id"])
        if stored is None:
            raise refused_row(file, "citizens", i, "official_name")
        changed = any(row[c] != stored[c] for c in _OFFICIAL_CONTENT)
        if changed and row["updated_at"] >= _aware(stored["updated_at"]):
            raise refused_row(file, "citizens", i, "official_name")


def _check_villages(session: Session, payload: DecodedPayload, file: str) -> None:
    """A point names villages the police know (by id, or by name: set up on its own laptop)."""
    rows = payload.rows("villages")
    if not rows:
        return
    known = q.existing_keys(session, "villages", {r["id"] for r in rows})
    names = q.villages_by_folded_name(session)
    for i, row in enumerate(rows):
        if row["id"] not in known and fold(row["name"]) not in names:
            raise refused_row(file, "villages", i, "unknown_village")


def _check_teams_and_rosters(payload: DecodedPayload, file: str) -> None:
    """A point cannot invent a team, a member, a unit or a roster: those are the police's."""
    for section in POLICE_SECTIONS:
        if payload.rows(section):
            rule = "roster_from_point" if section.startswith("unit") else "team_from_point"
            raise refused_row(file, section, 0, rule)


def _check_visit_helpers(
    session: Session, payload: DecodedPayload, point_id: str, file: str
) -> None:
    """Who brought a citizen in, on this point's own visits, naming a member the police hold.

    The payload checked that each helper's visit travels with it (and so, by
    `_check_visits`, is this point's) and that its user is one of the bundle's.
    """
    rows = payload.rows("visit_helpers")
    if not rows:
        return
    known = q.existing_keys(session, "team_members", {r["member_id"] for r in rows})
    for i, row in enumerate(rows):
        if row["support_point_id"] != point_id:
            raise refused_row(file, "visit_helpers", i, "other_point")
        if row["member_id"] not in known:
            raise refused_row(file, "visit_helpers", i, "unknown_member")


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


def _value(role: Any) -> str:
    return role.value if isinstance(role, Role) else str(role)

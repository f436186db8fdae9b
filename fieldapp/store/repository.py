"""Queries and inserts over one session, speaking domain objects."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    CursorResult,
    Executable,
    Table,
    bindparam,
    func,
    insert,
    select,
)
from sqlalchemy.engine import Connection
from sqlmodel import Session, col

from fieldapp.domain import model as dm
from fieldapp.domain.corrections import CitizenCorrection
from fieldapp.domain.payments import PaymentAccount, PaymentReceiver
from fieldapp.domain.text import fold
from fieldapp.store import corrections, facts, mapping, name_search, payments
from fieldapp.store import tables as t
from fieldapp.store.types import uuid_as_stored_text


def _table(model: type) -> Table:
    return model.__table__  # type: ignore[attr-defined, no-any-return]


CITIZEN, VISIT, OUTCOME, FACT = (_table(m) for m in (t.Citizen, t.Visit, t.Outcome, t.OfficialFact))
VILLAGE, POINT, USER = (_table(m) for m in (t.Village, t.SupportPoint, t.AppUser))

# The scan path's statements, built once: building a statement costs more than running it.
_PID = bindparam("personal_id")
_CITIZEN_BY_ID = select(CITIZEN).where(CITIZEN.c.personal_id == _PID)
_NAME_SOURCE = select(CITIZEN.c.name_source).where(CITIZEN.c.personal_id == _PID)
_VISITS_OF = select(VISIT).where(VISIT.c.personal_id == _PID).order_by(VISIT.c.occurred_at)
_OUTCOMES_OF = select(OUTCOME).where(OUTCOME.c.personal_id == _PID).order_by(OUTCOME.c.recorded_at)
_FACTS_OF = facts.select_facts().where(FACT.c.personal_id == _PID)
_VISIT_BY_ID = select(VISIT).where(VISIT.c.id == bindparam("id"))
_OUTCOME_BY_ID = select(OUTCOME).where(OUTCOME.c.id == bindparam("id"))
_VILLAGE_NAME = select(VILLAGE.c.name).where(VILLAGE.c.id == bindparam("id"))
_POINT_NAMES = select(POINT.c.id, POINT.c.name).where(
    POINT.c.id.in_(bindparam("ids", expanding=True))
)
_USER_NAMES = select(USER.c.id, USER.c.name).where(USER.c.id.in_(bindparam("ids", expanding=True)))
# The card's head in one read: the citizen, where their name came from, their village's name.
_CARD_HEAD = (
    select(CITIZEN, VILLAGE.c.name.label("village_name"))
    .outerjoin(VILLAGE, VILLAGE.c.id == uuid_as_stored_text(CITIZEN.c.village_id))
    .where(CITIZEN.c.personal_id == _PID)
)
# Names of the points and users of a citizen's visits, in one read (UUIDs never collide).
_VISIT_NAMES = (
    select(POINT.c.id, POINT.c.name)
    .where(POINT.c.id.in_(select(VISIT.c.support_point_id).where(VISIT.c.personal_id == _PID)))
    .union_all(
        select(USER.c.id, USER.c.name).where(
            USER.c.id.in_(select(VISIT.c.user_id).where(VISIT.c.personal_id == _PID))
        )
    )
)
_INSERT_VISIT, _INSERT_OUTCOME = insert(VISIT), insert(OUTCOME)


class SqlRepository:
    """Everything the services read and write, over one session (one transaction).

    The scan path (one citizen, their events, a visit) uses Core statements on the session's
    connection: it runs on every scan, and ORM instances would only add cost there.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self.touched: set[str] = set()
        """Citizens whose events or details this transaction wrote: the unit of work refreshes
        their rows of the report projection before it commits (`store/status_projection.py`)."""

    def touch(self, personal_ids: Iterable[str]) -> None:
        """Have the report projection refreshed for these citizens at commit (bulk writers)."""
        self.touched.update(personal_ids)

    def _run(self, statement: Executable, params: dict | None = None) -> CursorResult:
        """Execute on the session's transaction, after flushing pending ORM changes."""
        return self._run_connection().execute(statement, params)  # type: ignore[return-value]

    # Citizens -------------------------------------------------------------------------------
    def get_citizen(self, personal_id: str) -> dm.Citizen | None:
        """The citizen with this ID, if any."""
        row = self._run(_CITIZEN_BY_ID, {"personal_id": personal_id}).first()
        return None if row is None else mapping.citizen_to_domain(row)  # type: ignore[arg-type]

    def card_head(self, personal_id: str) -> tuple[dm.Citizen, str, str | None] | None:
        """The citizen, where their name came from, and their village's name, in one read."""
        row = self._run(_CARD_HEAD, {"personal_id": personal_id}).first()
        if row is None:
            return None
        return mapping.citizen_to_domain(row), row.name_source, row.village_name  # type: ignore[arg-type]

    def visit_names(self, personal_id: str) -> dict[uuid.UUID, str]:
        """Names of the points and users that appear in a citizen's visits."""
        return {row[0]: row[1] for row in self._run(_VISIT_NAMES, {"personal_id": personal_id})}

    def citizen_name_source(self, personal_id: str) -> str | None:
        """Where the stored name came from: 'official_list' beats 'scan'."""
        return self._run(_NAME_SOURCE, {"personal_id": personal_id}).scalar()

    def add_citizen(self, citizen: dm.Citizen, *, name_source: str) -> None:
        """Insert a new citizen (the database indexes the name's words itself)."""
        self.touched.add(citizen.personal_id)
        self.session.add(mapping.citizen_row(citizen, name_source=name_source))

    def update_citizen(self, citizen: dm.Citizen, *, name_source: str) -> None:
        """Replace a citizen's details (the key stays); the search key follows the name."""
        self.touched.add(citizen.personal_id)
        row = self.session.get(t.Citizen, citizen.personal_id)
        if row is None:
            self.add_citizen(citizen, name_source=name_source)
            return
        fresh = mapping.citizen_row(citizen, name_source=name_source)
        for name in (column.name for column in CITIZEN.columns):
            # list_digest is the list import's own (not mapped; the fields still compare)
            if name not in ("personal_id", "created_at", "updated_at", "list_digest"):
                setattr(row, name, getattr(fresh, name))
        row.updated_at = datetime.now(UTC)
        self.session.add(row)

    def search_citizens(self, query: str, *, limit: int = 50) -> list[dm.Citizen]:
        """Citizens by name, diacritics and case ignored, best first.

        The exact name, then names starting with the query, then names with a word starting
        with each query word (`store/name_search.py`).
        """
        rows = name_search.search(self._run_connection(), query, limit)
        return [mapping.citizen_from_card(r) for r in rows]

    def _run_connection(self) -> Connection:
        """The session's connection, after flushing pending ORM changes."""
        if self.session.new or self.session.dirty or self.session.deleted:
            self.session.flush()
        return self.session.connection()

    # Events ---------------------------------------------------------------------------------
    def add_visit(self, visit: dm.Visit) -> None:
        """Insert a visit event."""
        self.touched.add(visit.personal_id)
        self._run(_INSERT_VISIT, mapping.visit_values(visit))

    def add_outcome(self, outcome: dm.Outcome) -> None:
        """Insert an outcome event."""
        self.touched.add(outcome.personal_id)
        self._run(_INSERT_OUTCOME, mapping.outcome_values(outcome))

    def add_correction(self, correction: CitizenCorrection) -> None:
        """Insert a correction of a citizen's details (the caller updates the citizen)."""
        self.touched.add(correction.personal_id)
        self.session.flush()
        corrections.add(self.session, correction)

    def corrections_for(self, personal_id: str) -> list[CitizenCorrection]:
        """A citizen's corrections, oldest first."""
        self.session.flush()
        return corrections.of_citizens(self.session, [personal_id])

    def add_payment_event(self, event: PaymentReceiver | PaymentAccount) -> None:
        """Insert who receives a beneficiary's payment, or the account it goes into."""
        self.touched.add(event.personal_id)
        if isinstance(event, PaymentReceiver):
            payments.add_receiver(self.session, event)
        else:
            payments.add_account(self.session, event)

    def payments_for(self, personal_id: str) -> list[PaymentReceiver | PaymentAccount]:
        """A beneficiary's receiver and account events, oldest first."""
        return payments.of_citizens(self.session, [personal_id]).get(personal_id, [])

    def receiving_for(self, personal_id: str) -> list[dm.Citizen]:
        """The beneficiaries this person receives the payment for (as proxy or guardian)."""
        found = (self.get_citizen(pid) for pid in payments.receiving_for(self.session, personal_id))
        return [c for c in found if c is not None]

    def add_fact(self, fact: dm.OfficialFact) -> None:
        """Insert an official fact."""
        self.touched.add(fact.personal_id)
        facts.insert_facts(self.session, [mapping.fact_values(fact)])

    def get_visit(self, visit_id: uuid.UUID) -> dm.Visit | None:
        """One visit by id."""
        row = self._run(_VISIT_BY_ID, {"id": visit_id}).first()
        return None if row is None else mapping.visit_to_domain(row)  # type: ignore[arg-type]

    def get_outcome(self, outcome_id: uuid.UUID) -> dm.Outcome | None:
        """One outcome by id."""
        row = self._run(_OUTCOME_BY_ID, {"id": outcome_id}).first()
        return None if row is None else mapping.outcome_to_domain(row)  # type: ignore[arg-type]

    def visits_for(self, personal_id: str) -> list[dm.Visit]:
        """A citizen's visits, oldest first."""
        rows = self._run(_VISITS_OF, {"personal_id": personal_id})
        return [mapping.visit_to_domain(r) for r in rows]  # type: ignore[arg-type]

    def outcomes_for(self, personal_id: str) -> list[dm.Outcome]:
        """A citizen's outcomes, oldest first."""
        rows = self._run(_OUTCOMES_OF, {"personal_id": personal_id})
        return [mapping.outcome_to_domain(r) for r in rows]  # type: ignore[arg-type]

    def facts_for(self, personal_id: str) -> list[dm.OfficialFact]:
        """What the official lists say about a citizen."""
        rows = self._run(_FACTS_OF, {"personal_id": personal_id})
        return [facts.fact_from_row(r) for r in rows]

    def visits_between(
        self, start: datetime, end: datetime, *, point_id: uuid.UUID | None = None
    ) -> list[dm.Visit]:
        """Visits in [start, end), optionally at one point, oldest first."""
        stmt = select(t.Visit).where(t.Visit.occurred_at >= start, t.Visit.occurred_at < end)
        if point_id is not None:
            stmt = stmt.where(t.Visit.support_point_id == point_id)
        stmt = stmt.order_by(t.Visit.occurred_at)
        return [mapping.visit_to_domain(r) for r in self.session.execute(stmt).scalars()]

    def outcomes_of_visits(self, visit_ids: Sequence[uuid.UUID]) -> list[dm.Outcome]:
        """The outcomes recorded on these visits."""
        if not visit_ids:
            return []
        stmt = select(t.Outcome).where(col(t.Outcome.visit_id).in_(list(visit_ids)))
        return [mapping.outcome_to_domain(r) for r in self.session.execute(stmt).scalars()]

    def citizens_by_ids(self, personal_ids: Iterable[str]) -> dict[str, dm.Citizen]:
        """Several citizens at once, keyed by ID."""
        ids = list(set(personal_ids))
        if not ids:
            return {}
        stmt = select(t.Citizen).where(col(t.Citizen.personal_id).in_(ids))
        rows = self.session.execute(stmt).scalars()
        return {r.personal_id: mapping.citizen_to_domain(r) for r in rows}

    def count_citizens(self) -> int:
        """How many citizens the store holds."""
        return int(self.session.execute(select(func.count()).select_from(t.Citizen)).scalar_one())

    # Commune, villages, points, users -------------------------------------------------------
    def add_commune(self, commune: dm.Commune) -> None:
        """Insert the commune."""
        self.session.add(t.Commune(**_fields(commune)))

    def communes(self) -> list[dm.Commune]:
        """The communes (usually one)."""
        rows = self.session.execute(select(t.Commune)).scalars()
        return [dm.Commune(r.id, r.name, r.province, r.report_deadline) for r in rows]

    def add_village(self, village: dm.Village) -> None:
        """Insert a village."""
        self.session.add(t.Village(**_fields(village), name_folded=fold(village.name)))

    def rename_village(self, village_id: uuid.UUID, name: str) -> None:
        """Give a village a new name (its id, and so its citizens, stay)."""
        row = self.session.get(t.Village, village_id)
        if row is not None:
            row.name, row.name_folded = name, fold(name)
            self.session.add(row)

    def rename_support_point(self, point_id: uuid.UUID, name: str) -> None:
        """Give a support point a new name."""
        row = self.session.get(t.SupportPoint, point_id)
        if row is not None:
            row.name = name
            self.session.add(row)

    def villages(self) -> list[dm.Village]:
        """All villages, by name."""
        rows = self.session.execute(select(t.Village).order_by(t.Village.name_folded)).scalars()
        return [dm.Village(r.id, r.commune_id, r.name) for r in rows]

    def village_by_name(self, name: str) -> dm.Village | None:
        """A village by folded name: "thon 3" finds "Thôn 3"."""
        stmt = select(t.Village).where(t.Village.name_folded == fold(name))
        row = self.session.execute(stmt).scalars().first()
        return None if row is None else dm.Village(row.id, row.commune_id, row.name)

    def village_name(self, village_id: uuid.UUID) -> str | None:
        """One village's name."""
        return self._run(_VILLAGE_NAME, {"id": village_id}).scalar()

    def support_point_names(self, point_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Names of the given points (those this store knows)."""
        ids = list(set(point_ids))
        if not ids:
            return {}
        return {row[0]: row[1] for row in self._run(_POINT_NAMES, {"ids": ids})}

    def user_names(self, user_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, str]:
        """Names of the given users (those this store knows)."""
        ids = list(set(user_ids))
        if not ids:
            return {}
        return {row[0]: row[1] for row in self._run(_USER_NAMES, {"ids": ids})}

    def add_support_point(self, point: dm.SupportPoint) -> None:
        """Insert a support point."""
        self.session.add(t.SupportPoint(**_fields(point)))

    def get_support_point(self, point_id: uuid.UUID) -> dm.SupportPoint | None:
        """A support point by id."""
        row = self.session.get(t.SupportPoint, point_id)
        return None if row is None else dm.SupportPoint(row.id, row.name, row.village_id)

    def support_points(self) -> list[dm.SupportPoint]:
        """All support points, by name."""
        rows = self.session.execute(select(t.SupportPoint).order_by(t.SupportPoint.name)).scalars()
        return [dm.SupportPoint(r.id, r.name, r.village_id) for r in rows]

    def add_user(self, user: dm.User, *, pin_hash: str = "") -> None:
        """Insert a user."""
        self.session.add(
            t.AppUser(
                id=user.id,
                name=user.name,
                role=user.role.value,
                support_point_id=user.support_point_id,
                pin_hash=pin_hash,
            )
        )

    def get_user(self, user_id: uuid.UUID) -> dm.User | None:
        """A user by id."""
        row = self.session.get(t.AppUser, user_id)
        return None if row is None else _user(row)

    def users(self, *, point_id: uuid.UUID | None = None) -> list[dm.User]:
        """Active users, of one point if given, by name."""
        stmt = select(t.AppUser).where(t.AppUser.active == True)  # noqa: E712
        if point_id is not None:
            stmt = stmt.where(t.AppUser.support_point_id == point_id)
        return [_user(r) for r in self.session.execute(stmt.order_by(t.AppUser.name)).scalars()]

    def user_pin_hash(self, user_id: uuid.UUID) -> str:
        """The stored PIN hash, for sign-in checks only."""
        row = self.session.get(t.AppUser, user_id)
        return "" if row is None else row.pin_hash

    def all_users(self) -> list[dm.User]:
        """Every user, deactivated ones too, by name."""
        stmt = select(t.AppUser).order_by(t.AppUser.name)
        return [_user(r) for r in self.session.execute(stmt).scalars()]

    def user_sign_in_state(self, user_id: uuid.UUID) -> UserSignInState | None:
        """What sign-in needs to know about a user: PIN hash, wrong tries, lock."""
        row = self.session.get(t.AppUser, user_id)
        if row is None:
            return None
        return UserSignInState(
            _user(row),
            row.pin_hash,
            row.failed_pins,
            _as_utc(row.retry_after),
            row.locked,
            row.pin_change_needed,
        )

    def update_user(self, user_id: uuid.UUID, **values: object) -> None:
        """Change a user's name, activity, PIN hash or sign-in counters (named columns only)."""
        unknown = set(values) - _USER_UPDATABLE
        if unknown:
            raise ValueError(f"not a user column: {sorted(unknown)}")
        row = self.session.get(t.AppUser, user_id)
        if row is None:
            return
        for name, value in values.items():
            setattr(row, name, value.value if isinstance(value, dm.Role) else value)
        self.session.add(row)

    def count_users(self) -> int:
        """How many users the store holds (any state)."""
        return int(self.session.execute(select(func.count()).select_from(t.AppUser)).scalar_one())

    def managers_with_pin(self, roles: Iterable[dm.Role]) -> int:
        """Active users of these roles that have a PIN (locked ones too: they can be unlocked)."""
        stmt = (
            select(func.count())
            .select_from(t.AppUser)
            .where(
                t.AppUser.active == True,  # noqa: E712
                t.AppUser.pin_hash != "",
                t.AppUser.role.in_([r.value for r in roles]),  # type: ignore[attr-defined]
            )
        )
        return int(self.session.execute(stmt).scalar_one())

    # Settings -------------------------------------------------------------------------------
    def get_setting(self, key: str) -> str | None:
        """A local setting."""
        row = self.session.get(t.Setting, key)
        return None if row is None else row.value

    def set_setting(self, key: str, value: str) -> None:
        """Set a local setting; writing the same value changes nothing."""
        row = self.session.get(t.Setting, key)
        if row is None:
            self.session.add(t.Setting(key=key, value=value))
        elif row.value != value:
            row.value = value
            self.session.add(row)


def _fields(obj: object) -> dict[str, object]:
    return {name: getattr(obj, name) for name in obj.__slots__}  # type: ignore[attr-defined]


def _user(row: t.AppUser) -> dm.User:
    return dm.User(row.id, row.name, dm.Role(row.role), row.support_point_id, row.active)


_USER_UPDATABLE = frozenset(
    {"name", "active", "pin_hash", "failed_pins", "retry_after", "locked", "pin_change_needed"}
)


@dataclass(frozen=True, slots=True)
class UserSignInState:
    """A user and their sign-in record, read together."""

    user: dm.User
    pin_hash: str
    failed_pins: int
    retry_after: datetime | None
    locked: bool
    pin_change_needed: bool


def _as_utc(value: datetime | None) -> datetime | None:
    """SQLite hands back naive UTC times; the services compare aware ones."""
    if value is None or value.tzinfo is not None:
        return value
    return value.replace(tzinfo=UTC)

"""Write a synthetic commune into a store fast (bulk inserts, one transaction)."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, datetime

from sqlalchemy import Engine, delete, insert

from fieldapp.demo.generator import SyntheticCommune
from fieldapp.domain import model as dm
from fieldapp.domain.text import fold
from fieldapp.store import facts, mapping
from fieldapp.store import tables as t
from fieldapp.store.kdf import hash_pin
from fieldapp.store.status_projection import PROJECTION_SETTING


def load_commune(engine: Engine, data: SyntheticCommune, *, this_point: int | None = 0) -> None:
    """Insert everything generated; `this_point` marks which point this installation is."""
    now = datetime.now(UTC)
    with engine.begin() as conn:
        conn.execute(insert(t.Commune), [asdict(data.commune)])
        conn.execute(
            insert(t.Village), [asdict(v) | {"name_folded": fold(v.name)} for v in data.villages]
        )
        conn.execute(insert(t.SupportPoint), [asdict(p) for p in data.points])
        conn.execute(insert(t.AppUser), _users_with_demo_pins(data))
        rows = [
            mapping.citizen_values(c, name_source="official_list", now=now) for c in data.citizens
        ]
        _chunked(conn, t.Citizen, rows)
        _chunked(conn, t.Visit, [mapping.visit_values(v) for v in data.visits])
        _chunked(conn, t.Outcome, [mapping.outcome_values(o) for o in data.outcomes])
        whole = [mapping.fact_values(f, now=now) for f in data.facts]
        _chunked(conn, t.OfficialFact, facts.lean_rows(conn, whole))  # type: ignore[arg-type]
        # written past the unit of work: the report projection is rebuilt at the next figures
        conn.execute(delete(t.Setting).where(t.Setting.key == PROJECTION_SETTING))
        if this_point is not None:
            conn.execute(
                insert(t.Setting),
                [{"key": "this_point_id", "value": str(data.points[this_point].id)}],
            )


def _chunked(conn: object, table: type, rows: list[dict], size: int = 20000) -> None:
    for i in range(0, len(rows), size):
        conn.execute(insert(table), rows[i : i + size])  # type: ignore[attr-defined]


DEMO_PIN = "246810"  # volunteers and bank officers of a demo commune (never real people)
DEMO_PASSPHRASE = "demo-2468"  # the demo's police
_PASSPHRASE_ROLES = (dm.Role.COMMUNE_POLICE, dm.Role.ADMIN)


def _users_with_demo_pins(data: SyntheticCommune) -> list[dict]:
    """Demo users can sign in: one known PIN per kind, hashed once (a demo, not a secret)."""
    pin_hash, passphrase_hash = hash_pin(DEMO_PIN), hash_pin(DEMO_PASSPHRASE)
    return [
        asdict(u)
        | {
            "role": u.role.value,
            "pin_hash": passphrase_hash if u.role in _PASSPHRASE_ROLES else pin_hash,
            "active": True,
        }
        for u in data.users
    ]


def demo_user(engine: Engine, role: dm.Role = dm.Role.COMMUNE_POLICE) -> dm.User:
    """A loaded demo user of a role (the police by default): who benches act as."""
    from fieldapp.store.uow import SqlUnitOfWork

    with SqlUnitOfWork(engine) as uow:
        return next(u for u in uow.repo.users() if u.role is role)

"""Demo stores: a support point's and the commune police's, from the same synthetic commune.

Both are marked as demo stores (the desk says DEMO in its title and status line; `fieldapp
demo --remove` and the desk empty them). The point's store holds the whole commune as the
police's lists would bring it, and knows that everything but its own visits came from the
police: its first bundle carries only its own work, which the demo police accept.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace

from sqlalchemy import Engine, delete, insert, select

from fieldapp.demo.generator import SyntheticCommune
from fieldapp.demo.loader import DEMO_PASSPHRASE, DEMO_PIN, load_commune
from fieldapp.domain import model as dm
from fieldapp.store import sync_queries
from fieldapp.store import tables as t

DEMO_SETTING = "demo_store"
# Fixed, printed, and only ever in a demo store (the loader sets them): anyone trying the app
# must be able to sign in.
DEMO_PINS: dict[dm.Role, str] = {
    dm.Role.VOLUNTEER: DEMO_PIN,
    dm.Role.BANK_OFFICER: DEMO_PIN,
    dm.Role.COMMUNE_POLICE: DEMO_PASSPHRASE,
    dm.Role.ADMIN: DEMO_PASSPHRASE,
}
POLICE_SEAT = "Trụ sở Công an xã"
# The people who sign in to a demo store have fixed names, so a walkthrough can name them.
DEMO_NAMES: dict[dm.Role, str] = {
    dm.Role.VOLUNTEER: "Nguyễn Thị Lan",
    dm.Role.BANK_OFFICER: "Trần Văn Minh",
    dm.Role.COMMUNE_POLICE: "Lê Văn Hùng",
    dm.Role.ADMIN: "Phạm Thị Hoa",
}


@dataclass(frozen=True, slots=True)
class DemoSignIn:
    """Who can sign in to a demo store, with which PIN."""

    user: dm.User
    pin: str


def load_demo_store(engine: Engine, data: SyntheticCommune, *, police: bool) -> list[DemoSignIn]:
    """Load the commune as the first point's store or the police's; who may sign in there.

    The loader gives them the demo PINs; the caller says them to the person.
    """
    data = _with_demo_names(data)
    if police:
        load_commune(engine, data, this_point=None)
        seat = dm.SupportPoint(uuid.UUID(int=data.commune.id.int ^ 1), POLICE_SEAT, None)
        with engine.begin() as conn:
            conn.execute(
                insert(t.SupportPoint), [{"id": seat.id, "name": seat.name, "village_id": None}]
            )
            conn.execute(insert(t.Setting), [{"key": "this_point_id", "value": str(seat.id)}])
        here: uuid.UUID | None = seat.id
    else:
        load_commune(engine, data, this_point=0)
        here = data.points[0].id
        _mark_received_from_police(engine, data)
    with engine.begin() as conn:
        conn.execute(insert(t.Setting), [{"key": DEMO_SETTING, "value": "1"}])
    signing = [u for u in data.users if u.support_point_id in (here, None)]
    if police:
        signing = [u for u in signing if u.role in (dm.Role.COMMUNE_POLICE, dm.Role.ADMIN)]
    return [DemoSignIn(u, DEMO_PINS[u.role]) for u in signing]


def _with_demo_names(data: SyntheticCommune) -> SyntheticCommune:
    first, taken = data.points[0].id, set(DEMO_NAMES.values())
    users = [
        replace(u, name=DEMO_NAMES[u.role])
        if u.support_point_id in (first, None)
        else replace(u, name=f"{u.name} ({i})")
        if u.name in taken
        else u
        for i, u in enumerate(data.users)
    ]
    return replace(data, users=users)


def _mark_received_from_police(engine: Engine, data: SyntheticCommune) -> None:
    """Other points' visits and the lists' facts came from the police: never sent back."""
    mine = data.points[0].id
    visits = [v.id for v in data.visits if v.support_point_id != mine]
    theirs = set(visits)
    outcomes = [o.id for o in data.outcomes if o.visit_id in theirs]
    facts = [f.id for f in data.facts]
    from sqlalchemy.orm import Session

    with Session(engine) as session, session.begin():
        sync_queries.mark_exported(
            session, {"visits": visits, "outcomes": outcomes, "facts": facts}, 0
        )


def is_demo_store(engine: Engine) -> bool:
    """True for a store made by `load_demo_store`."""
    with engine.connect() as conn:
        row = conn.execute(select(t.Setting.value).where(t.Setting.key == DEMO_SETTING)).first()
    return row is not None


def remove_demo_store(engine: Engine) -> bool:
    """Empty a demo store (every row of every table), so the real set-up can start.

    False, and nothing touched, when the store is not a demo store.
    """
    if not is_demo_store(engine):
        return False
    from sqlmodel import SQLModel

    with engine.begin() as conn:
        for table in reversed(SQLModel.metadata.sorted_tables):
            conn.execute(delete(table))
    return True

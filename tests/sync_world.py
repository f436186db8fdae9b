"""Builders for sync tests: a police store, a point store, their keys, a stick."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from actors import police_of
from sqlalchemy import Engine, func, select
from stores import new_store

from fieldapp.demo.generator import SyntheticCommune, generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.domain import model as dm
from fieldapp.services import sync as s
from fieldapp.store import tables as t
from fieldapp.store.atrest import key_anchor
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.store.vault import StoreVault
from fieldapp.sync.keys import Keyring

TABLES = [
    t.Commune,
    t.Village,
    t.SupportPoint,
    t.AppUser,
    t.Citizen,
    t.Visit,
    t.Outcome,
    t.OfficialFact,
    t.SyncPeer,
    t.SyncImport,
    t.SyncQuarantine,
    t.SyncExport,
    t.SyncExportedEvent,
]


def point_share(data: SyntheticCommune, index: int) -> SyntheticCommune:
    """What point `index` holds: everyone, but only its own visits and outcomes."""
    point = data.points[index]
    visits = [v for v in data.visits if v.support_point_id == point.id]
    ids = {v.id for v in visits}
    outcomes = [o for o in data.outcomes if o.visit_id in ids]
    return dataclasses.replace(data, visits=visits, outcomes=outcomes, facts=[])


def police_skeleton(engine: Engine, data: SyntheticCommune, *, citizens: bool = True) -> None:
    """The police's store before any bundle: the commune, its villages and (unless told not
    to) the citizens of the official lists, which the points hold copies of."""
    with SqlUnitOfWork(engine) as uow:
        uow.repo.add_commune(data.commune)
        uow.repo.session.flush()
        for village in data.villages:
            uow.repo.add_village(village)
        if citizens:
            for citizen in data.citizens:
                uow.repo.add_citizen(citizen, name_source="official_list")
        uow.commit()


def counts(engine: Engine) -> dict[str, int]:
    """Rows per table: "stores nothing" means this does not change."""
    with engine.connect() as conn:
        return {
            tbl.__tablename__: conn.execute(select(func.count()).select_from(tbl)).scalar_one()
            for tbl in TABLES
        }


@dataclass
class World:
    """A commune police and one or more support points, keys exchanged."""

    root: Path
    data: SyntheticCommune
    police: Engine
    points: list[Engine]
    police_keys: Keyring
    point_keys: list[Keyring]
    stick: Path

    def police_uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.police)

    def point_uow(self, index: int = 0) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.points[index])

    def point_user(self, index: int = 0) -> dm.User:
        """The volunteer of point `index`: who exports its bundles."""
        point = self.data.points[index]
        return next(u for u in self.data.users if u.support_point_id == point.id)

    def police_user(self) -> dm.User:
        """The police officer who imports, enrols and sends lists back."""
        return police_of(self.police)

    def export(self, index: int = 0, **kwargs: object) -> s.ExportResult:
        return s.export_bundle(
            self.point_uow(index),
            self.point_keys[index],
            self.stick,
            **kwargs,
            actor=self.point_user(index),
        )

    def import_(self, *paths: Path) -> s.ImportReport:
        return s.import_bundles(
            self.police_uow(),
            self.police_keys,
            paths or [self.stick],
            actor=police_of(self.police_uow),
        )

    def enrol(self, index: int = 0) -> s.ImportReport:
        """Enrol point `index` from its key card; the police choose its own village."""
        card = s.export_key_card(self.point_keys[index], self.root)
        village = next(v for v in self.data.villages if v.id == self.data.points[index].village_id)
        _, report = s.enrol_point(
            self.police_uow(),
            self.police_keys,
            card_path=card,
            villages=[village.name],
            actor=police_of(self.police_uow),
        )
        return report


def store_keyring(folder: Path, engine) -> Keyring:
    """Keys as the app keeps them: private halves in the (encrypted) store, the card in folder."""
    url = engine.url.render_as_string(hide_password=False)
    return Keyring(folder, StoreVault(url, key_anchor(url), engine))


def make_world(
    root: Path,
    *,
    points: int = 1,
    citizens: int = 60,
    enrol: bool = True,
    seed: int = 66,
    commune_name: str | None = None,
    police: Engine | None = None,
) -> World:
    """Set up police and points, swap key cards, optionally enrol the points.

    `police`: the police's store given (the test's own, PostgreSQL in its pass), its keys
    then kept in memory; otherwise a new SQLite store keeping them as the app does.
    """
    root.mkdir(parents=True, exist_ok=True)
    data = generate_commune(citizens, villages=max(points, 2), seed=seed)
    if commune_name is not None:
        renamed = dataclasses.replace(data.commune, name=commune_name)
        data = dataclasses.replace(data, commune=renamed)
    if police is None:
        police = new_store(root / "police.sqlite3")
        police_keys = store_keyring(root / "police-keys", police)
    else:
        police_keys = Keyring(root / "police-keys")
    police_skeleton(police, data)
    s.create_commune_keys(SqlUnitOfWork(police), police_keys, actor=police_of(police))
    commune_card = s.export_key_card(police_keys, root)
    engines = []
    keyrings = []
    for index in range(points):
        engine = new_store(root / f"point{index}.sqlite3")
        load_commune(engine, point_share(data, index), this_point=index)
        keyring = store_keyring(root / f"point{index}-keys", engine)
        s.ensure_point_keys(SqlUnitOfWork(engine), keyring)
        volunteer = next(u for u in data.users if u.support_point_id == data.points[index].id)
        s.import_commune_card(SqlUnitOfWork(engine), keyring, commune_card, actor=volunteer)
        engines.append(engine)
        keyrings.append(keyring)
    stick = root / "stick"
    stick.mkdir()
    world = World(root, data, police, engines, police_keys, keyrings, stick)
    if enrol:
        for index in range(points):
            world.enrol(index)
    return world

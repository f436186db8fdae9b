"""Builders for province tests: a province store, communes with points, summaries between."""

from __future__ import annotations

import os
import uuid
import weakref
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from actors import police_of
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import make_url
from stores import new_store
from sync_world import World, make_world, store_keyring

from fieldapp.domain import model as dm
from fieldapp.services import sync as s
from fieldapp.services.province import communes as pc
from fieldapp.services.province import importing as pi
from fieldapp.services.province import setup as ps
from fieldapp.services.province import summary_export as se
from fieldapp.store import keychain
from fieldapp.store.atrest import key_anchor
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.sync.keys import Keyring

PROVINCE = "Thanh Hóa"
DAY = date(2026, 6, 8)  # the synthetic communes' events run 20/5 to 8/6/2026


@dataclass
class Province:
    """A province store with its keys, and the communes that report to it."""

    root: Path
    engine: Engine
    keys: Keyring
    communes: list[World] = field(default_factory=list)
    inbox: Path | None = None

    def uow(self) -> SqlUnitOfWork:
        return SqlUnitOfWork(self.engine)

    def officer(self) -> dm.User:
        return police_of(self.engine, dm.Role.PROVINCE_POLICE)

    def card(self) -> Path:
        folder = self.root / "province-card"
        folder.mkdir(exist_ok=True)
        return s.export_key_card(self.keys, folder)

    def import_(self, *paths: Path) -> s.ImportReport:
        return pi.import_summaries(
            self.uow(), self.keys, list(paths) or [self.inbox], actor=self.officer()
        )

    def enrol(self, world: World, commune: str | None = None) -> pc.ProvinceCommuneInfo:
        folder = world.root / "commune-card"
        folder.mkdir(exist_ok=True)
        card = s.export_key_card(world.police_keys, folder)
        info, _ = pc.enrol_commune(self.uow(), card, commune=commune, actor=self.officer())
        return info


def province_store(root: Path) -> Engine:
    """The province's store: SQLite beside the test, or with `pytest --postgres` a database
    of its own on the throwaway cluster (a test may hold several provinces at once)."""
    import conftest

    url = conftest.TEST_DATABASE_URL
    if not url:
        return new_store(root / "province.sqlite3")
    name = f"province_{uuid.uuid4().hex[:12]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    own = make_url(url).set(database=name).render_as_string(hide_password=False)
    keychain.remember(key_anchor(own), os.urandom(32))  # the store key, as a seat keeps it
    return open_store(own)


def make_province(root: Path) -> Province:
    """A province store set up as `init --province-level` would."""
    root.mkdir(parents=True, exist_ok=True)
    engine = province_store(root)
    keys = store_keyring(root / "province-keys", engine)
    officer = police_of(engine, dm.Role.PROVINCE_POLICE)
    ps.set_up_province(SqlUnitOfWork(engine), keys, province=PROVINCE, users=[], actor=officer)
    inbox = root / "inbox"
    inbox.mkdir()
    province = Province(root, engine, keys, inbox=inbox)
    # its connections go back when the test lets go of it (a server has few to give)
    weakref.finalize(province, engine.dispose)
    return province


def commune_reporting_to(
    province: Province, root: Path, *, seed: int, name: str, citizens: int = 60, points: int = 1
) -> World:
    """A commune (police + points) whose police hold the province's key card."""
    world = make_world(root, seed=seed, commune_name=name, citizens=citizens, points=points)
    se.import_province_card(
        world.police_uow(), world.police_keys, province.card(), actor=world.police_user()
    )
    province.communes.append(world)
    return world


def export_summary(world: World, folder: Path, *days: date) -> Path:
    """The commune police's summary of these days (default: DAY), written to `folder`."""
    result = se.export_summary(
        world.police_uow(), world.police_keys, folder, days=list(days) or [DAY],
        actor=world.police_user(),
    )  # fmt: skip
    assert result.path is not None
    return result.path


def seal_summary(
    world: World, province: Province, body: dict, *, sequence: int, recipient=None, sender=None
) -> bytes:
    """A summary bundle with this body, signed by the commune's own key (or `sender`)."""
    from datetime import UTC, datetime

    from fieldapp.sync.bundle import KIND_SUMMARY, encode_bundle

    return encode_bundle(
        body,
        kind=KIND_SUMMARY,
        sender=sender or world.police_keys.load(),
        recipient=recipient or province.keys.load().public,
        commune_id=world.data.commune.id,
        sequence=sequence,
        created_at=datetime.now(UTC),
    )

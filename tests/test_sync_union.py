"""Property: importing is a set union. Any split of the events into bundles, imported in any
order, in any batches, with repeats, gives the same store as importing everything at once."""

import base64
import itertools
import shutil
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from actors import police_of
from builders import name_word_index
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session
from stores import new_store
from sync_world import police_skeleton

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.domain.text import fold
from fieldapp.services import sync as s
from fieldapp.store import keychain
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.engine import make_engine
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.sync.bundle import KIND_EVENTS, encode_bundle
from fieldapp.sync.keys import Keyring, new_identity
from fieldapp.sync.payload import COLUMNS, encode_rows

POINTS = 3
DUMPED = (
    t.Village,
    t.SupportPoint,
    t.AppUser,
    t.Citizen,
    t.Visit,
    t.Outcome,
    t.OfficialFact,
)
# How a point's copy of a citizen may differ: another name source, another (past) update
# time. A point's "official_list" copy is only a reference: the police's record stands.
VARIANTS = (None, ("scan", -1), ("scan", -3), ("manual", -2), ("official_list", -1))


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    root = tmp_path_factory.mktemp("union")
    data = generate_commune(40, villages=POINTS, seed=9)
    source = new_store(root / "source.sqlite3")
    load_commune(source, data)
    keyring = Keyring(root / "police-keys")
    police = keyring.create("commune", "Công an xã", commune_id=data.commune.id, point_id=None)
    points = [new_identity("point", p.name, commune_id=None, point_id=p.id) for p in data.points]
    template = root / "template.sqlite3"
    engine = new_store(template)
    police_skeleton(engine, data)
    with SqlUnitOfWork(engine) as uow:
        for identity in points:
            pub = identity.public
            uow.session.add(
                t.SyncPeer(
                    fingerprint=pub.key_id.hex(),
                    role="point",
                    name=pub.name,
                    point_id=pub.point_id,
                    signing_key=base64.b64encode(pub.signing_key).decode(),
                    box_key=base64.b64encode(pub.box_key).decode(),
                    enrolled_at=datetime.now(UTC),
                )
            )
        uow.commit()
    engine.dispose()
    with Session(source) as session:
        events, _ = q.events_to_export(session, everything=True)
    # Export rows are raw: ids as the store holds them (hex text on SQLite).
    point_of_visit = {r[0]: uuid.UUID(r[3]) for r in events["visits"]}
    index_of_point = {p.id: i for i, p in enumerate(data.points)}
    per_point: list[dict[str, list[tuple]]] = [
        {"visits": [], "outcomes": [], "facts": []} for _ in range(POINTS)
    ]
    for row in events["visits"]:
        per_point[index_of_point[uuid.UUID(row[3])]]["visits"].append(row)
    for row in events["outcomes"]:
        per_point[index_of_point[point_of_visit[row[1]]]]["outcomes"].append(row)
    # Official facts come only from the police's lists: points' bundles carry none.
    return {
        "source": source,
        "police": police,
        "keyring": keyring,
        "points": points,
        "per_point": per_point,
        "template": template,
        "commune_id": data.commune.id,
    }


def _bundle(setting, point: int, sequence: int, events, variant) -> bytes:
    with Session(setting["source"]) as session:
        sections = q.with_references(session, events)
    if variant is not None:
        source, days = variant
        names = COLUMNS["citizens"]
        changed = []
        for row in sections["citizens"]:
            record = dict(zip(names, row, strict=True))
            record["full_name"] = fold(record["full_name"]).upper()  # as a scanner types it
            record["name_source"] = source
            updated = datetime.fromisoformat(str(record["updated_at"]))
            record["updated_at"] = (updated + timedelta(days=days)).isoformat()
            changed.append(tuple(record[n] for n in names))
        sections["citizens"] = changed
    return encode_bundle(
        {name: encode_rows(rows) for name, rows in sections.items()},
        kind=KIND_EVENTS,
        sender=setting["points"][point],
        recipient=setting["police"].public,
        commune_id=setting["commune_id"],
        sequence=sequence,
        created_at=datetime(2026, 5, 20, tzinfo=UTC),
    )


def _fresh_store(setting, folder: Path):
    target = folder / "police.sqlite3"
    shutil.copy(setting["template"], target)
    keychain.remember(target, keychain.key_for(setting["template"]))  # a copy: the same key
    return make_engine(f"sqlite:///{target}")


def _dump(engine):
    with engine.connect() as conn:
        return {
            tbl.__tablename__: sorted(map(tuple, conn.execute(select(tbl))), key=repr)
            for tbl in DUMPED
        } | {"name words": name_word_index(conn)}


def _import(setting, engine, paths):
    return s.import_bundles(
        SqlUnitOfWork(engine), setting["keyring"], paths, actor=police_of(engine)
    )


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(st.data())
def test_any_split_any_order_any_repeats_same_store(setting, data):
    bundles: list[bytes] = []
    for point, events in enumerate(setting["per_point"]):
        parts = data.draw(st.integers(1, 4), label=f"bundles of point {point}")
        rows = [(section, row) for section, items in events.items() for row in items]
        where = data.draw(
            st.lists(st.integers(0, parts - 1), min_size=len(rows), max_size=len(rows))
        )
        for part in range(parts):
            chosen = {"visits": [], "outcomes": [], "facts": []}
            for (section, row), target in zip(rows, where, strict=True):
                if target == part:
                    chosen[section].append(row)
            variant = data.draw(st.sampled_from(VARIANTS))
            bundles.append(_bundle(setting, point, part + 1, chosen, variant))
    order = data.draw(st.permutations(range(len(bundles))))
    repeats = data.draw(st.lists(st.integers(0, len(bundles) - 1), max_size=4))
    schedule = list(order) + repeats
    cuts = (
        sorted(data.draw(st.sets(st.integers(1, len(schedule) - 1), max_size=3)))
        if len(schedule) > 1
        else []
    )

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        files = []
        for index, blob in enumerate(bundles):
            path = folder / f"b{index:02d}.fieldsync"
            path.write_bytes(blob)
            files.append(path)
        (folder / "ref").mkdir()
        (folder / "run").mkdir()
        reference = _fresh_store(setting, folder / "ref")
        _import(setting, reference, files)
        expected = _dump(reference)
        reference.dispose()

        engine = _fresh_store(setting, folder / "run")
        bounds = [0, *cuts, len(schedule)]
        batches = [schedule[a:b] for a, b in itertools.pairwise(bounds)]
        for batch in batches:
            # A batch may hold the same file twice: the second is a replay.
            _import(setting, engine, [files[i] for i in batch])
        # And everything once more: nothing changes.
        report = _import(setting, engine, files)
        assert report.new_events == 0
        assert all(f.status == s.REPLAYED for f in report.files)
        assert _dump(engine) == expected
        engine.dispose()
    total = sum(len(v) for events in setting["per_point"] for v in events.values())
    assert (
        len(expected["visit"]) + len(expected["outcome"]) + len(expected["official_fact"]) == total
    )

"""Sync bundles: export + import of 50,000 events; 26 bundles of 5,000 events imported twice.

Prints seconds and the ratio to a raw round trip of the same payload in the same process:
json.dumps → zlib.compress → AES-256-GCM encrypt → decrypt → zlib.decompress → json.loads.
Goal: ratio ≤ 2; the second import of the 26 bundles writes 0 rows.

    PYTHONPATH=. .venv/bin/python bench/bench_sync.py [--events 50000] [--bundles 26]
        [--per-bundle 5000] [--repeat 3]

(PYTHONPATH=. so that the checkout's own `fieldapp` is measured, not the installed one.)
Part 1 is run `--repeat` times on fresh stores; wall and CPU (process_time) are each best-of.
"""

from __future__ import annotations

import argparse
import base64
import dataclasses
import json
import os
import shutil
import sqlite3
import tempfile
import time
import zlib
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import fieldapp
from fieldapp.demo.generator import SyntheticCommune, generate_commune
from fieldapp.demo.loader import demo_user, load_commune
from fieldapp.domain import model as dm
from fieldapp.services import sync as s
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.migrate import open_store
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.sync.bundle import KIND_EVENTS, encode_bundle
from fieldapp.sync.keys import Keyring, new_identity
from fieldapp.sync.payload import encode_rows

COUNTED = (t.Citizen, t.Visit, t.Outcome, t.OfficialFact, t.SupportPoint,
           t.AppUser, t.Village)  # fmt: skip


def raw_round_trip(payload: dict) -> tuple[float, float]:
    """The floor: serialise, compress, encrypt, and all the way back, nothing else.

    Returns (wall seconds, CPU seconds)."""
    key = AESGCM.generate_key(bit_length=256)
    nonce = os.urandom(12)
    start, cpu = time.perf_counter(), time.process_time()
    blob = zlib.compress(json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode(), 6)
    sealed = AESGCM(key).encrypt(nonce, blob, b"header")
    back = json.loads(zlib.decompress(AESGCM(key).decrypt(nonce, sealed, b"header")))
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    assert len(back["visits"]) == len(payload["visits"])
    return elapsed, cpu


def best(pairs: list[tuple[float, float]]) -> tuple[float, float]:
    """Best-of-N, wall and CPU each on their own (the machine is shared and noisy)."""
    return min(w for w, _ in pairs), min(c for _, c in pairs)


def timed(fn, *args, **kwargs):
    """Run fn; return (result, (wall seconds, CPU seconds))."""
    start, cpu = time.perf_counter(), time.process_time()
    result = fn(*args, **kwargs)
    return result, (time.perf_counter() - start, time.process_time() - cpu)


def trim(data: SyntheticCommune, events: int) -> SyntheticCommune:
    """Exactly `events` visits + outcomes, outcomes always with their visit.

    No facts: official facts come only from the police's lists, a point never sends them."""
    visits = list(data.visits)
    outcomes = list(data.outcomes)
    facts: list = []
    while len(visits) + len(outcomes) + len(facts) > events and facts:
        facts.pop()
    while len(visits) + len(outcomes) + len(facts) > events:
        last = visits.pop()
        outcomes = [o for o in outcomes if o.visit_id != last.id]
    return dataclasses.replace(data, visits=visits, outcomes=outcomes, facts=facts)


def as_typed_at_points(engine) -> None:
    """The points' citizens as typed at the desk (a point may not send official-list names
    the police do not hold): the import then writes every citizen, as before issue 13."""
    with engine.begin() as conn:
        conn.execute(t.Citizen.__table__.update().values(name_source="manual"))


def police_officer(data: SyntheticCommune) -> dm.User:
    """The demo commune's police officer."""
    return next(u for u in data.users if u.role is dm.Role.COMMUNE_POLICE)


def police_store(root: Path, data: SyntheticCommune, keyring: Keyring, points: list) -> object:
    engine = open_store(f"sqlite:///{root / 'police.sqlite3'}")
    with SqlUnitOfWork(engine) as uow:
        uow.repo.add_commune(data.commune)
        uow.session.flush()
        for village in data.villages:
            uow.repo.add_village(village)
        uow.repo.add_user(police_officer(data))  # who imports (services check the actor)
        uow.commit()
    keyring.create("commune", "Công an xã", commune_id=data.commune.id, point_id=None)
    with SqlUnitOfWork(engine) as uow:
        for pub in points:
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
    return engine


def rows(engine) -> int:
    with engine.connect() as conn:
        return sum(
            conn.execute(select(func.count()).select_from(tbl)).scalar_one() for tbl in COUNTED
        )


def part_one(root: Path, events: int, repeat: int) -> None:
    data = trim(generate_commune(int(events / 3.4) + 500, villages=1, seed=50), events)
    total = len(data.visits) + len(data.outcomes) + len(data.facts)
    exports, imports = [], []
    for run in range(repeat):  # fresh stores each time
        here = root / f"run{run}"
        here.mkdir()
        point_engine = open_store(f"sqlite:///{here / 'point.sqlite3'}")
        load_commune(point_engine, data)
        as_typed_at_points(point_engine)
        point_keys = Keyring(here / "point-keys")
        police_keys = Keyring(here / "police-keys")
        point_pub = s.ensure_point_keys(SqlUnitOfWork(point_engine), point_keys)
        police = police_store(here, data, police_keys, [point_pub])
        card = s.export_key_card(police_keys, here)
        s.import_commune_card(
            SqlUnitOfWork(point_engine),
            point_keys,
            card,
            actor=demo_user(point_engine, dm.Role.VOLUNTEER),
        )
        stick = here / "stick"
        stick.mkdir()
        exported, export_t = timed(
            s.export_bundle,
            SqlUnitOfWork(point_engine),
            point_keys,
            stick,
            actor=demo_user(point_engine, dm.Role.VOLUNTEER),
        )
        report, import_t = timed(
            s.import_bundles,
            SqlUnitOfWork(police),
            police_keys,
            [exported.path],
            actor=police_officer(data),
        )
        assert report.new_events == total, (report.new_events, total)
        exports.append(export_t)
        imports.append(import_t)
        police.dispose()
        if run < repeat - 1:
            point_engine.dispose()

    with Session(point_engine) as session:
        evs, _ = q.events_to_export(session, everything=True)
        sections = q.with_references(session, evs)
    payload = {name: encode_rows(r) for name, r in sections.items()}
    raw_wall, raw_cpu = best([raw_round_trip(payload) for _ in range(max(3, repeat))])
    (ex_wall, ex_cpu), (im_wall, im_cpu) = best(exports), best(imports)
    size = exported.path.stat().st_size
    print(f"1) {total} events, {len(sections['citizens'])} citizens; bundle {size / 1e6:.2f} MB; "
          f"best of {repeat}")  # fmt: skip
    measures = (("wall", ex_wall, im_wall, raw_wall), ("CPU ", ex_cpu, im_cpu, raw_cpu))
    for label, ex, im, raw in measures:
        print(f"   {label}: export {ex:.2f} s + import {im:.2f} s = {ex + im:.2f} s; "
              f"raw round trip {raw:.2f} s; ratio {(ex + im) / raw:.1f}")  # fmt: skip
    floor = database_floor(here, here / "police.sqlite3")
    print(f"   for scale: SQLite alone writing the same rows (INSERT ... SELECT) {floor:.2f} s")


def database_floor(root: Path, filled: Path) -> float:
    """How long SQLite itself takes to write the rows an import wrote (no Python per row):
    INSERT ... SELECT from the imported store into an empty one with the same schema."""
    empty = root / "floor.sqlite3"
    open_store(f"sqlite:///{empty}").dispose()
    tables = ("village", "supportpoint", "app_user", "citizen", "visit",
              "outcome", "official_fact")  # fmt: skip
    with sqlite3.connect(empty, isolation_level=None) as raw:
        raw.execute("PRAGMA foreign_keys=ON")
        raw.execute("PRAGMA synchronous=FULL")
        raw.execute("PRAGMA journal_mode=WAL")
        raw.execute("ATTACH DATABASE ? AS filled", (str(filled),))
        raw.execute("INSERT INTO commune SELECT * FROM filled.commune")
        start = time.perf_counter()
        raw.execute("BEGIN")
        for table in tables:
            raw.execute(f"INSERT OR IGNORE INTO {table} SELECT * FROM filled.{table}")
        raw.execute("COMMIT")
        return time.perf_counter() - start


def part_two(root: Path, bundles: int, per_bundle: int) -> None:
    per_village = int(per_bundle / 2.0)  # ~2.3 visits and outcomes per citizen, no facts
    data = generate_commune(per_village * bundles, villages=bundles, seed=26)
    source = open_store(f"sqlite:///{root / 'source.sqlite3'}")
    load_commune(source, data)
    as_typed_at_points(source)
    identities = [
        new_identity("point", p.name, commune_id=None, point_id=p.id) for p in data.points
    ]
    police_keys = Keyring(root / "police-keys")
    police = police_store(root, data, police_keys, [i.public for i in identities])
    commune = police_keys.load()
    folder = root / "stick"
    folder.mkdir()
    payloads = []
    # Export rows hold ids as the store keeps them (hex text on SQLite).
    index_of_point = {p.id.hex: i for i, p in enumerate(data.points)}
    with Session(source) as session:
        evs, _ = q.events_to_export(session, everything=True)
        village_of = dict(
            session.execute(select(t.Citizen.personal_id, t.Citizen.village_id)).all()
        )
        point_of_village = {p.village_id: i for i, p in enumerate(data.points)}
        per_point = [{"visits": [], "outcomes": [], "facts": []} for _ in data.points]
        for row in evs["visits"]:
            per_point[index_of_point[row[3]]]["visits"].append(row)
        point_of_visit = {row[0]: index_of_point[row[3]] for row in evs["visits"]}
        for row in evs["outcomes"]:
            per_point[point_of_visit[row[1]]]["outcomes"].append(row)
        for row in evs["facts"]:
            per_point[point_of_village[village_of[row[1]]]]["facts"].append(row)
        for i, chosen in enumerate(per_point):
            # Exactly `per_bundle` events: visits with their outcomes, then facts.
            visits, outcomes, facts = [], [], []
            by_visit = {}
            for o in chosen["outcomes"]:
                by_visit.setdefault(o[1], []).append(o)
            for v in chosen["visits"]:
                extra = 1 + len(by_visit.get(v[0], []))
                if len(visits) + len(outcomes) + extra > per_bundle:
                    break
                visits.append(v)
                outcomes.extend(by_visit.get(v[0], []))
            # Up to `per_bundle`: a point sends no facts to fill the rest.
            facts = []
            sections = q.with_references(
                session, {"visits": visits, "outcomes": outcomes, "facts": facts}
            )
            payload = {name: encode_rows(r) for name, r in sections.items()}
            payloads.append(payload)
            (folder / f"point{i:02d}.fieldsync").write_bytes(
                seal(payload, identities[i], commune.public, data.commune.id, 1)
            )
    before = rows(police)
    first, (first_s, first_cpu) = timed(s.import_bundles, SqlUnitOfWork(police), police_keys,
                                        [folder], actor=police_officer(data))  # fmt: skip
    after_first = rows(police)
    second, (second_s, _) = timed(
        s.import_bundles, SqlUnitOfWork(police), police_keys, [folder], actor=police_officer(data)
    )
    after_second = rows(police)
    # The same events again in new files (as "export everything" makes): the full path runs,
    # decrypting and checking every event, and still writes no event.
    again = root / "again"
    again.mkdir()
    for i, payload in enumerate(payloads):
        (again / f"point{i:02d}.fieldsync").write_bytes(
            seal(payload, identities[i], commune.public, data.commune.id, 2)
        )
    third, (third_s, third_cpu) = timed(s.import_bundles, SqlUnitOfWork(police), police_keys,
                                        [again], actor=police_officer(data))  # fmt: skip
    after_third = rows(police)
    trips = [[raw_round_trip(p) for p in payloads] for _ in range(2)]
    raw = min(sum(w for w, _ in trip) for trip in trips)
    raw_cpu = min(sum(c for _, c in trip) for trip in trips)
    replays = sum(f.status == s.REPLAYED for f in second.files)
    print(f"2) {bundles} bundles x {per_bundle} events = {first.new_events} new events")
    print(f"   first import {first_s:.2f} s, {after_first - before} rows written")
    print(
        f"   second import {second_s:.2f} s, {after_second - after_first} rows, {replays} replays"
    )
    print(
        f"   same events in {bundles} new files {third_s:.2f} s, {after_third - after_second} "
        f"event rows, {third.new_events} new events (only the import log grows)"
    )
    print(f"   raw json+zlib+AES-GCM round trip of the {bundles} payloads {raw:.2f} s")
    print(f"   ratios: first {first_s / raw:.1f}, second {second_s / raw:.2f}, new files "
          f"{third_s / raw:.1f}")  # fmt: skip
    print(f"   CPU: first {first_cpu:.2f} s, new files {third_cpu:.2f} s, raw {raw_cpu:.2f} s; "
          f"ratios {first_cpu / raw_cpu:.1f} and {third_cpu / raw_cpu:.1f}")  # fmt: skip
    assert after_second == after_first
    assert third.new_events == 0


def seal(payload, sender, recipient, commune_id, sequence) -> bytes:
    return encode_bundle(
        payload,
        kind=KIND_EVENTS,
        sender=sender,
        recipient=recipient,
        commune_id=commune_id,
        sequence=sequence,
        created_at=datetime.now(UTC),
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--events", type=int, default=50_000)
    parser.add_argument("--bundles", type=int, default=26)
    parser.add_argument("--per-bundle", type=int, default=5_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of part 1 (best of)")
    args = parser.parse_args()
    # `python bench/bench_sync.py` imports the installed fieldapp; PYTHONPATH=. measures this one.
    print(f"fieldapp from {Path(fieldapp.__file__).parent}")
    root = Path(tempfile.mkdtemp(prefix="bench-sync-"))
    try:
        (root / "one").mkdir()
        (root / "two").mkdir()
        part_one(root / "one", args.events, args.repeat)
        part_two(root / "two", args.bundles, args.per_bundle)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()

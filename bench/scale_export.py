"""`bench_scale --parts export`: the biggest export a store of N citizens makes, with its RSS.

A point's own export carries only its own events (no facts, no list citizens). What grows
with the store is the police's lists back (`export_lists`): every citizen of the villages
chosen for a point, with their facts. Worst case measured here: one point chosen for every
village of the commune ("export everything"). Baseline in the same process: one SELECT of the
same citizens and facts, streamed (what any export must at least read).
"""

from __future__ import annotations

import base64
import gc
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from bench_lists import PeakRss
from sqlalchemy import text

from fieldapp.demo.loader import demo_user
from fieldapp.services import sync as s
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.sync.keys import Keyring, format_fingerprint, new_identity

POINT_NAME = "Điểm đo toàn xã"


def _enrol_point_for_every_village(engine, commune_id: uuid.UUID) -> str:
    """A point enrolled at the police with every village chosen; returns its fingerprint."""
    point = new_identity("point", POINT_NAME, commune_id=commune_id, point_id=uuid.uuid4()).public
    with SqlUnitOfWork(engine) as uow:
        uow.session.add(
            t.SyncPeer(
                fingerprint=point.key_id.hex(),
                role="point",
                name=point.name,
                point_id=point.point_id,
                signing_key=base64.b64encode(point.signing_key).decode(),
                box_key=base64.b64encode(point.box_key).decode(),
                enrolled_at=datetime.now(UTC),
            )
        )
        uow.session.flush()
        q.set_peer_villages(uow.session, point.key_id.hex(), [v.id for v in uow.repo.villages()])
        uow.commit()
    return point.key_id.hex()


def _forget_point(engine, fingerprint: str) -> None:
    """The kept store as it was: the measuring point goes again."""
    with engine.begin() as connection:
        for table in ("sync_peer_village", "sync_peer"):
            connection.execute(
                text(f"DELETE FROM {table} WHERE fingerprint = :f"), {"f": fingerprint}
            )


def _read_floor(engine) -> tuple[float, int]:
    """Every citizen and fact read once, streamed (no bundle): the least an export must do."""
    gc.collect()
    with PeakRss() as mem:
        t0 = time.perf_counter()
        with engine.connect() as connection:
            for table in ("citizen", "official_fact"):
                cursor = connection.connection.cursor()  # the driver's own: no row objects
                for _ in cursor.execute(f"SELECT * FROM {table}"):
                    pass
                cursor.close()
        took = time.perf_counter() - t0
    return took, mem.peak


def bench_export(engine) -> None:
    """Lists back to a point chosen for every village: time, peak RSS, files and their sizes."""
    with engine.connect() as connection:
        commune_id = uuid.UUID(str(connection.exec_driver_sql("SELECT id FROM commune").scalar()))
    floor, floor_rss = _read_floor(engine)
    fingerprint = _enrol_point_for_every_village(engine, commune_id)
    try:
        with tempfile.TemporaryDirectory(prefix="bench-scale-export-") as tmp:
            keys = Keyring(Path(tmp) / "police-keys")
            keys.create("commune", "Công an xã", commune_id=commune_id, point_id=None)
            out = Path(tmp) / "stick"
            out.mkdir()
            gc.collect()
            with PeakRss() as mem:
                t0, c0 = time.perf_counter(), time.process_time()
                results = s.export_lists(
                    SqlUnitOfWork(engine),
                    keys,
                    out,
                    points=[format_fingerprint(bytes.fromhex(fingerprint))],
                    actor=demo_user(engine),
                )
                took, cpu = time.perf_counter() - t0, time.process_time() - c0
            files = sorted(out.iterdir())
            size = sum(f.stat().st_size for f in files)
            citizens = sum(r.citizens for r in results)
            events = sum(r.events for r in results)
    finally:
        _forget_point(engine, fingerprint)
    print(
        f"  export everything (lists back, one point, every village): {took:.1f} s "
        f"(CPU {cpu:.1f} s), peak RSS {mem.peak >> 20} MiB, {len(files)} file(s), "
        f"{size / 2**20:.1f} MiB, {citizens:,} citizens, {events:,} events "
        f"| raw streamed read of every citizen and fact: {floor:.1f} s, "
        f"peak RSS {floor_rss >> 20} MiB"
    )

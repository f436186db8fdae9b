"""Importing at the police: set union, replays, gaps, and every refusal storing nothing."""

import shutil
import struct
from datetime import UTC, datetime

import pytest
from actors import police_of
from builders import name_word_index
from sqlalchemy import select
from sync_world import counts, make_world

from fieldapp.i18n import tr
from fieldapp.services import sync as s
from fieldapp.services.progress import CancelledError
from fieldapp.store import tables as t
from fieldapp.store.engine import make_engine
from fieldapp.store.uow import SqlUnitOfWork
from fieldapp.sync.bundle import MAGIC
from fieldapp.sync.errors import SyncError
from fieldapp.sync.keys import Keyring


@pytest.fixture
def world(tmp_path):
    return make_world(tmp_path, points=2)


def _text(result):
    return tr(result.message_id, **result.params)


def test_export_then_import_adds_the_points_events(world):
    exported = world.export(0)
    assert exported.written and exported.sequence == 1
    assert exported.path.name.startswith("nha-van-hoa-")
    assert exported.path.name.endswith("_goi-0001.fieldsync")
    report = world.import_()
    (file,) = report.files
    assert file.status == s.IMPORTED
    assert file.new_events == exported.events > 0
    with SqlUnitOfWork(world.points[0]) as p, world.police_uow() as c:
        for table in (t.Visit, t.Outcome):
            mine = set(p.session.execute(select(table.id)).scalars())
            theirs = set(c.session.execute(select(table.id)).scalars())
            assert mine == theirs and mine
        police = world.police_user().id  # the police's own officer is not imported
        stored = c.session.execute(select(t.AppUser)).scalars().all()
        imported_users = [u for u in stored if u.id != police]
        assert imported_users and all(not u.active and u.pin_hash == "" for u in imported_users)
    (summary,) = report.senders
    assert summary.newest_sequence == 1 and summary.missing == []


def test_replay_stores_nothing_and_says_so(world):
    world.export(0)
    world.import_()
    before = counts(world.police)
    report = world.import_()
    (file,) = report.files
    assert file.status == s.REPLAYED
    assert "đã được nhập trước đây: không có gì mới" in _text(file)
    after = counts(world.police)
    assert after == before


def test_same_events_in_a_new_bundle_add_nothing(world):
    world.export(0)
    world.import_()
    again = world.export(0, everything=True)
    before = counts(world.police)
    report = world.import_(again.path)
    (file,) = report.files
    assert file.new_events == 0 and file.known_events == again.events
    assert "không có gì mới" in _text(file)
    after = counts(world.police)
    assert {k: v for k, v in after.items() if k != "sync_import"} == {
        k: v for k, v in before.items() if k != "sync_import"
    }


def test_gaps_are_named_per_point(world, tmp_path):
    first = world.export(0)
    hold = tmp_path / "held"
    hold.mkdir()
    shutil.move(first.path, hold / first.path.name)  # bundle 1 never reaches the police
    _add_visit(world, 0)
    second = world.export(0)
    assert second.sequence == 2
    report = world.import_()
    lines = s.gap_lines(report)
    assert lines == ["Nhà văn hóa Thôn Đông Hòa: thiếu gói số 1"] or (
        len(lines) == 1 and lines[0].endswith(": thiếu gói số 1")
    )
    assert s.gap_lines(report, "en")[0].endswith("bundle 1 is missing")
    report = world.import_(hold)
    assert report.senders[0].missing == []


def _add_visit(world, index):
    from fieldapp.services import visits

    data = world.data
    point = data.points[index]
    user = next(u for u in data.users if u.support_point_id == point.id)
    visits.register_visit(
        world.point_uow(index), data.citizens[0].personal_id, user_id=user.id, point_id=point.id
    )


def test_unknown_point_is_held_aside_then_accepted_on_enrolment(tmp_path):
    world = make_world(tmp_path, points=1, enrol=False)
    exported = world.export(0)
    before = counts(world.police)
    report = world.import_()
    (file,) = report.files
    assert file.status == s.QUARANTINED
    text = _text(file)
    assert "chưa được đăng ký" in text and "giữ riêng" in text
    after = counts(world.police)
    assert after["sync_quarantine"] == 1
    # The same file given twice (a folder and the file in it) is held once.
    world.import_(world.stick, exported.path)
    assert counts(world.police) == after
    assert {k: v for k, v in after.items() if k != "sync_quarantine"} == {
        k: v for k, v in before.items() if k != "sync_quarantine"
    }
    overview = s.keys_overview(world.police_uow(), world.police_keys)
    (held,) = overview.held
    point_fp = world.point_keys[0].load().public.fingerprint
    assert held.fingerprint == point_fp
    # Enrol by the fingerprint read on the point's screen: the held bundle goes in.
    card, report = s.enrol_point(
        world.police_uow(),
        world.police_keys,
        fingerprint=point_fp,
        actor=police_of(world.police_uow),
    )
    assert card.fingerprint == point_fp
    assert report.files[0].new_events == exported.events
    assert counts(world.police)["sync_quarantine"] == 0


def test_enrol_with_a_mistyped_fingerprint_is_refused(tmp_path):
    world = make_world(tmp_path, points=1, enrol=False)
    card = s.export_key_card(world.point_keys[0], tmp_path)
    with pytest.raises(SyncError) as err:
        s.enrol_point(
            world.police_uow(),
            world.police_keys,
            card_path=card,
            fingerprint="0" * 32,
            actor=police_of(world.police_uow),
        )
    assert err.value.message_id == "sync.fingerprint_mismatch"


def test_revoked_point_is_refused(world):
    world.export(0)
    s.revoke_point(
        world.police_uow(),
        world.point_keys[0].load().public.fingerprint,
        actor=police_of(world.police_uow),
    )
    before = counts(world.police)
    (file,) = world.import_().files
    assert file.status == s.REFUSED
    assert "đã bị thu hồi" in _text(file)
    assert counts(world.police) == before


def test_another_communes_file_is_refused(world, tmp_path):
    exported = world.export(0)
    # A second commune's police, with its own keys: the file is not for it.
    other_world = make_world(tmp_path / "other", points=1)
    before = counts(other_world.police)
    (file,) = other_world.import_(exported.path).files
    assert file.message_id == "sync.other_commune"
    assert "dành cho xã khác" in _text(file)
    assert counts(other_world.police) == before


@pytest.mark.parametrize("cut", [0, 5, 100, 0.5, -1])
def test_truncated_file_stores_nothing(world, cut):
    data = world.export(0).path.read_bytes()
    length = int(len(data) * cut) if isinstance(cut, float) else cut % len(data)
    target = world.stick / "torn.fieldsync"
    target.write_bytes(data[:length])
    before = counts(world.police)
    report = world.import_(target)
    (file,) = report.files
    assert file.status == s.REFUSED
    assert file.message_id in ("sync.truncated", "sync.not_bundle")
    assert counts(world.police) == before


def test_flipped_bytes_store_nothing(world):
    data = world.export(0).path.read_bytes()
    target = world.stick / "edited.fieldsync"
    positions = sorted({*range(0, 260, 7), *range(len(data) - 70, len(data), 5)}
                       | {len(data) // 2, len(data) // 3})  # fmt: skip
    before = counts(world.police)
    for position in positions:
        edited = bytearray(data)
        edited[position] ^= 0x10
        target.write_bytes(bytes(edited))
        (file,) = world.import_(target).files
        assert file.status == s.REFUSED, position
    assert counts(world.police) == before


def test_newer_version_and_not_a_bundle(world):
    data = bytearray(world.export(0).path.read_bytes())
    struct.pack_into(">H", data, len(MAGIC), 9)
    newer = world.stick / "newer.fieldsync"
    newer.write_bytes(bytes(data))
    text_file = world.stick / "notes.txt"
    text_file.write_text("danh sách", encoding="utf-8")
    before = counts(world.police)
    report = world.import_(newer, text_file)
    by_name = {f.file: f for f in report.files}
    assert by_name["newer.fieldsync"].message_id == "sync.newer_version"
    assert "9" in _text(by_name["newer.fieldsync"])
    assert by_name["notes.txt"].message_id == "sync.not_bundle"
    assert "không phải là gói đồng bộ" in _text(by_name["notes.txt"])
    assert counts(world.police) == before


def test_good_and_bad_files_together_one_transaction(world):
    good = world.export(0)
    (world.stick / "broken.fieldsync").write_bytes(good.path.read_bytes()[:-10])
    report = world.import_()
    statuses = sorted(f.status for f in report.files)
    assert statuses == [s.IMPORTED, s.REFUSED]
    assert report.new_events == good.events


def test_cancel_stops_between_bundles_and_each_is_whole(world):
    # Each bundle is its own transaction: cancelling keeps the bundles already imported
    # (whole) and nothing of the one under way; importing again finishes the job.
    world.export(0)
    world.export(1)

    class CancelAfterAFile:
        def __init__(self):
            self.reports = []

        def report(self, done, total):
            self.reports.append(done)

        @property
        def cancelled(self):
            return len(self.reports) > 1

    with pytest.raises(CancelledError):
        s.import_bundles(
            world.police_uow(),
            world.police_keys,
            [world.stick],
            progress=CancelAfterAFile(),
            actor=world.police_user(),
        )
    after = counts(world.police)
    assert after["sync_import"] == 1 and after["supportpoint"] == 1
    report = world.import_()
    assert sorted(f.status for f in report.files) == [s.IMPORTED, s.REPLAYED]
    assert counts(world.police)["supportpoint"] == 2


def test_progress_is_reported(world):
    world.export(0)
    world.export(1)
    seen = []

    class Watch:
        cancelled = False

        def report(self, done, total):
            seen.append((done, total))

    s.import_bundles(
        world.police_uow(),
        world.police_keys,
        [world.stick],
        progress=Watch(),
        actor=police_of(world.police_uow),
    )
    assert seen[-1][0] == seen[-1][1] and len(seen) >= 3


def test_two_points_in_any_order_give_the_same_store(tmp_path):
    world = make_world(tmp_path, points=2)
    a = world.export(0)
    b = world.export(1)
    world.import_(b.path)
    world.import_(a.path)
    other = make_world(tmp_path / "again", points=2)
    # Same data, new keys: export and import in the other order.
    a2 = other.export(0)
    b2 = other.export(1)
    other.import_(a2.path, b2.path)

    def dump(engine):
        with engine.connect() as conn:
            return {
                tbl.__tablename__: sorted(map(tuple, conn.execute(select(tbl))), key=repr)
                for tbl in (t.Visit, t.Outcome, t.OfficialFact, t.Citizen, t.SupportPoint)
            }

    first, second = dump(world.police), dump(other.police)
    first.pop("citizen")
    second.pop("citizen")
    assert first == second


def test_a_point_cannot_speak_for_another_point(world):
    # Point 1's store holds a visit of point 0 (copied by hand): its export leaves it out,
    # and a bundle crafted to carry it anyway is refused.
    from hostile import payload_of, seal

    with SqlUnitOfWork(world.points[0]) as p:
        visit = p.session.execute(select(t.Visit)).scalars().first()
        outcome_free = t.Visit(**visit.model_dump())
    with SqlUnitOfWork(world.points[1]) as q:
        q.session.add(outcome_free)
        q.commit()
    exported = world.export(1)
    (file,) = world.import_(exported.path).files
    assert file.status == s.IMPORTED
    with world.police_uow() as c:
        assert c.session.get(t.Visit, outcome_free.id) is None
    crafted = seal(world, payload_of(world, 1), index=1, sequence=2)
    before = counts(world.police)
    (file,) = world.import_(crafted).files
    assert file.message_id == "sync.refused_row"
    assert file.params["rule"] in ("other_point", "user_other_point", "visit_other_point")
    assert counts(world.police) == before


def test_lists_back_to_a_point(world):
    world.export(0)
    world.export(1)
    world.import_()
    lists = s.export_lists(
        world.police_uow(), world.police_keys, world.stick, actor=police_of(world.police_uow)
    )
    assert len(lists) == 2 and all(r.path.name.startswith("danh-sach_") for r in lists)
    mine = world.point_keys[0].load().public.fingerprint
    (own,) = [r for r in lists if r.recipient == mine]
    # The police's list for point 1 is not for point 0.
    (other,) = [r for r in lists if r.recipient != mine]
    report = s.import_bundles(
        world.point_uow(0),
        world.point_keys[0],
        [own.path, other.path],
        actor=world.point_user(0),
    )
    by_name = {f.file: f for f in report.files}
    assert by_name[own.path.name].status == s.IMPORTED
    assert by_name[other.path.name].message_id == "sync.not_for_this_point"
    # What came from the police is not sent back as the point's news.
    assert not world.export(0).written
    # A point refuses a point's bundle.
    world_bundle = world.export(1, everything=True)
    (file,) = s.import_bundles(
        world.point_uow(0),
        world.point_keys[0],
        [world_bundle.path],
        actor=world.point_user(0),
    ).files
    assert file.message_id == "sync.wrong_kind"


def test_official_list_name_beats_a_scanned_name(world):
    # The police hold the citizen from their official list; the point's newer scan (diacritics
    # lost) must not replace the official name, whatever its timestamp.
    citizen = world.data.citizens[0]
    garbled = "NGUYEN THI ???"
    with SqlUnitOfWork(world.points[0]) as p:
        row = p.session.get(t.Citizen, citizen.personal_id)
        row.full_name = garbled
        row.name_source = "scan"
        row.updated_at = datetime.now(UTC)
        p.session.add(row)
        p.commit()
    _add_visit(world, 0)
    (file,) = world.import_(world.export(0).path).files
    assert file.status == s.IMPORTED
    with world.police_uow() as c:
        stored = c.session.get(t.Citizen, citizen.personal_id)
        assert stored.full_name == citizen.full_name and stored.name_source == "official_list"


def test_commune_card_must_be_a_commune_card(world, tmp_path):
    point_card = s.export_key_card(world.point_keys[1], tmp_path)
    with pytest.raises(SyncError) as err:
        s.import_commune_card(
            world.point_uow(0), world.point_keys[0], point_card, actor=world.point_user(0)
        )
    assert err.value.message_id == "sync.card_not_commune"


def test_no_bundles_found(world, tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(Exception) as err:
        s.import_bundles(
            world.police_uow(), world.police_keys, [empty], actor=police_of(world.police_uow)
        )
    assert err.value.message_id == "sync.no_bundles_found"


def test_point_without_commune_card_cannot_export(tmp_path, engine, small_commune):
    keyring = Keyring(tmp_path / "k")
    s.ensure_point_keys(SqlUnitOfWork(engine), keyring)
    with pytest.raises(SyncError) as err:
        s.export_bundle(SqlUnitOfWork(engine), keyring, tmp_path, actor=police_of(engine))
    assert err.value.message_id == "sync.no_commune_card"


def test_sqlite_fast_insert_stores_exactly_what_core_would(world, tmp_path, monkeypatch):
    from fieldapp.store import keychain, sync_queries
    from fieldapp.store.cipher import connect_store
    from fieldapp.store.migrate import open_store

    world.export(0)
    world.export(1)
    source = connect_store(tmp_path / "police.sqlite3")
    copy = tmp_path / "police-copy.sqlite3"
    keychain.remember(copy, keychain.key_for(tmp_path / "police.sqlite3"))
    with connect_store(copy) as target:
        source.backup(target)
    source.close()
    world.import_()
    monkeypatch.setattr(sync_queries, "FAST_SQLITE", False)
    other = open_store(f"sqlite:///{copy}")
    s.import_bundles(SqlUnitOfWork(other), world.police_keys, [world.stick], actor=police_of(other))
    other.dispose()

    def dump(path):
        with connect_store(path) as raw:
            tables = {
                name: sorted(raw.execute(f"SELECT * FROM {name}"), key=repr)
                for name in ("citizen", "visit", "outcome", "official_fact",
                             "app_user", "supportpoint", "village")
            }  # fmt: skip
        engine = make_engine(f"sqlite:///{path}")
        with engine.connect() as conn:
            tables["name words"] = name_word_index(conn)
        engine.dispose()
        return tables

    fast, core = dump(tmp_path / "police.sqlite3"), dump(copy)
    assert fast["visit"] and fast == core


def test_many_new_citizens_are_indexed_by_name_at_once_as_the_trigger_would(tmp_path, monkeypatch):
    """A bundle of citizens the police do not hold feeds the word index in one go (issue 17)."""
    from sqlalchemy import delete, update

    from fieldapp.services import lookup
    from fieldapp.store import keychain, sync_queries
    from fieldapp.store.cipher import connect_store
    from fieldapp.store.migrate import open_store

    world = make_world(tmp_path, points=1, citizens=40)
    with world.point_uow() as uow:  # typed at the point: a point may send those names
        uow.session.execute(update(t.Citizen).values(name_source="manual"))
        uow.commit()
    with world.police_uow() as uow:  # the police hold no list yet
        uow.session.execute(delete(t.CitizenStatusSpan))
        uow.session.execute(delete(t.Citizen))
        uow.commit()
    world.export(0)
    police, copy = tmp_path / "police.sqlite3", tmp_path / "police-copy.sqlite3"
    keychain.remember(copy, keychain.key_for(police))
    with connect_store(police) as source, connect_store(copy) as target:
        source.backup(target)
    monkeypatch.setattr(sync_queries, "WORD_INDEX_BULK", 1)  # at once
    world.import_()
    monkeypatch.setattr(sync_queries, "WORD_INDEX_BULK", 10**9)  # through the trigger
    other = open_store(f"sqlite:///{copy}")
    s.import_bundles(SqlUnitOfWork(other), world.police_keys, [world.stick], actor=police_of(other))
    other.dispose()

    def words(path):
        engine = make_engine(f"sqlite:///{path}")
        with engine.connect() as conn:
            found = name_word_index(conn)
        engine.dispose()
        return found

    at_once = words(police)
    assert len({pid for _, pid in at_once}) >= 5 and at_once == words(copy)
    with world.police_uow() as uow:
        pid, name = uow.session.execute(select(t.Citizen.personal_id, t.Citizen.full_name)).first()
    found = lookup.search(world.police_uow(), name.split()[-1], limit=200)
    assert pid in {c.personal_id for c in found}


def test_an_import_leaves_foreign_keys_on_and_every_stored_row_with_its_references(
    world, monkeypatch
):
    """The import writes without per-row key probes (issue 17) and sets the pragmas back."""
    from contextlib import contextmanager

    from fieldapp.services.sync import importing
    from fieldapp.store import sync_queries

    used = []
    relax = importing.sqlite_bulk_writes

    @contextmanager
    def watched(session):
        raw = session.connection().connection.dbapi_connection
        before = raw.execute("PRAGMA cache_size").fetchone()[0]
        with relax(session):
            used.append((raw, before, raw.execute("PRAGMA foreign_keys").fetchone()[0]))
            yield

    def pragmas(raw):
        return raw.execute("PRAGMA foreign_keys").fetchone()[0], raw.execute(
            "PRAGMA cache_size"
        ).fetchone()[0]

    monkeypatch.setattr(importing, "sqlite_bulk_writes", watched)
    first = world.export(0)
    assert world.import_().new_events == first.events > 0
    ((raw, cache_size, during),) = used
    assert during == 0  # relaxed while writing
    assert pragmas(raw) == (1, cache_size)
    assert raw.execute("PRAGMA foreign_key_check").fetchall() == []

    def crash(session, section, rows):
        raise OSError("disk pulled out")

    second = world.export(1)
    before = counts(world.police)
    monkeypatch.setattr(sync_queries, "insert_new", crash)
    (file,) = world.import_(second.path).files
    assert file.status == s.REFUSED
    assert counts(world.police) == before
    raw, cache_size, _ = used[-1]
    assert pragmas(raw) == (1, cache_size)

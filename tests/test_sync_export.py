"""Exporting at a point: atomic write, read back, full and read-only sticks."""

import errno
import os
from types import MappingProxyType

import pytest
from sqlalchemy import select
from sync_world import counts, make_world

from fieldapp.i18n import tr
from fieldapp.services import sync as s
from fieldapp.store import tables as t
from fieldapp.sync import atomic
from fieldapp.sync.drives import removable_drives
from fieldapp.sync.errors import ExportWriteError


@pytest.fixture
def world(tmp_path):
    return make_world(tmp_path, points=1)


def _no_leftovers(folder):
    return [p.name for p in folder.iterdir()]


def test_since_last_export_and_everything(world):
    first = world.export(0)
    assert first.written
    nothing = world.export(0)
    assert not nothing.written
    assert "Không có gì mới" in tr("sync.nothing_to_export")
    everything = world.export(0, everything=True)
    assert everything.sequence == 2 and everything.events == first.events
    with world.point_uow() as uow:
        log = uow.session.execute(select(t.SyncExport).order_by(t.SyncExport.sequence)).scalars()
        assert [(r.sequence, r.full) for r in log] == [(1, False), (2, True)]


def test_full_stick_writes_nothing_and_changes_nothing(world, monkeypatch):
    calls = []

    def full(fd, data):
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return os.write(fd, data[:10])  # the first write gets a little in, then the stick is full

    monkeypatch.setattr(atomic, "_write_chunk", full)
    before = counts(world.points[0])
    with pytest.raises(ExportWriteError) as err:
        world.export(0)
    assert err.value.message_id == "sync.disk_full"
    assert "Không đủ chỗ trống" in tr(err.value.message_id, **err.value.params)
    assert _no_leftovers(world.stick) == []  # no half file, no temp file
    assert counts(world.points[0]) == before
    monkeypatch.undo()
    again = world.export(0)
    assert again.sequence == 1 and again.written  # the same events, the same number


def test_read_only_stick(world, monkeypatch):
    real_open = os.open

    def read_only(path, flags, *args):
        if flags & os.O_CREAT:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args)

    # Tests run as root here, where chmod cannot make a folder read-only: the OS is told to
    # answer the way a write-protected stick does.
    monkeypatch.setattr(atomic.os, "open", read_only)
    before = counts(world.points[0])
    with pytest.raises(ExportWriteError) as err:
        world.export(0)
    assert err.value.message_id == "sync.read_only"
    assert "chỉ đọc" in tr(err.value.message_id, **err.value.params)
    assert counts(world.points[0]) == before
    assert _no_leftovers(world.stick) == []


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_folder_for_real(world):
    world.stick.chmod(0o500)
    try:
        with pytest.raises(ExportWriteError) as err:
            world.export(0)
        assert err.value.message_id == "sync.read_only"
    finally:
        world.stick.chmod(0o700)


def test_read_back_mismatch_removes_the_file_and_keeps_events_pending(world, monkeypatch):
    import fieldapp.services.sync.common as service

    monkeypatch.setattr(service, "read_back", lambda path, data: False)
    before = counts(world.points[0])
    with pytest.raises(ExportWriteError) as err:
        world.export(0)
    assert err.value.message_id == "sync.verify_failed"
    assert _no_leftovers(world.stick) == []
    assert counts(world.points[0]) == before


def test_missing_folder(world, tmp_path):
    with pytest.raises(ExportWriteError) as err:
        s.export_bundle(
            world.point_uow(),
            world.point_keys[0],
            tmp_path / "gone",
            actor=world.point_user(0),
        )
    assert err.value.message_id == "sync.no_folder"


def test_write_atomically_replaces_nothing_on_failure(tmp_path, monkeypatch):
    target = tmp_path / "a.fieldsync"
    atomic.write_atomically(target, b"x" * 10)
    assert atomic.read_back(target, b"x" * 10)
    assert not atomic.read_back(target, b"y" * 10)

    def boom(fd, data):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(atomic, "_write_chunk", boom)
    with pytest.raises(ExportWriteError) as err:
        atomic.write_atomically(tmp_path / "b.fieldsync", b"z" * 10)
    assert err.value.message_id == "sync.write_failed"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.fieldsync"]


def test_removable_drives_under_media(tmp_path):
    media = tmp_path / "media"
    (media / "volunteer" / "USB STICK").mkdir(parents=True)
    (media / "volunteer" / "PHONE").mkdir()
    run_media = tmp_path / "run-media"
    run_media.mkdir()
    found = removable_drives((media, run_media, tmp_path / "absent"))
    assert [p.name for p in found] == ["PHONE", "USB STICK"]


class FakeKernel32:
    """Windows' answers: C fixed disk, D CD-ROM, E a stick, F an empty card reader."""

    TYPES = MappingProxyType({"C:\\": 3, "D:\\": 5, "E:\\": 2, "F:\\": 2})

    def GetLogicalDrives(self):  # noqa: N802 - the Windows name
        return 0b111100  # C, D, E, F

    def GetDriveTypeW(self, root):  # noqa: N802
        return self.TYPES[root]


def test_windows_removable_drives_are_sticks_with_a_medium(monkeypatch):
    from fieldapp.sync import drives

    monkeypatch.setattr(drives.os.path, "isdir", lambda root: root != "F:\\")
    assert drives._windows_removable(FakeKernel32()) == [drives.Path("E:\\")]


def test_windows_rename_retries_while_a_scanner_holds_the_file(tmp_path, monkeypatch):
    real_replace = os.replace
    calls = []

    def busy_twice(src, dst):
        calls.append(dst)
        if len(calls) <= 2:
            raise PermissionError(13, "The process cannot access the file")
        real_replace(src, dst)

    monkeypatch.setattr(atomic, "WINDOWS", True)
    monkeypatch.setattr(atomic, "RENAME_PAUSE", 0)
    monkeypatch.setattr(os, "replace", busy_twice)
    target = tmp_path / "Điểm Tây Sơn" / "diem-tay-son_goi-0001.fieldsync"
    target.parent.mkdir()
    atomic.write_atomically(target, b"bundle bytes")
    assert target.read_bytes() == b"bundle bytes"
    assert len(calls) == 3
    assert [p.name for p in target.parent.iterdir()] == [target.name]  # no temp file left


def test_a_rename_refused_on_linux_is_not_retried(tmp_path, monkeypatch):
    calls = []

    def refused(src, dst):
        calls.append(dst)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic, "WINDOWS", False)
    monkeypatch.setattr(os, "replace", refused)
    with pytest.raises(ExportWriteError):
        atomic.write_atomically(tmp_path / "b.fieldsync", b"x")
    assert len(calls) == 1
    assert list(tmp_path.iterdir()) == []


def test_a_big_export_is_split_into_numbered_bundles_that_import_to_the_same_store(tmp_path):
    split = make_world(tmp_path / "split", points=1)
    whole = make_world(tmp_path / "whole", points=1)
    one = whole.export(0, everything=True)
    parts = split.export(0, everything=True, events_per_bundle=max(1, one.events // 4))
    assert len(one.paths) == 1 and 3 <= len(parts.paths) <= 6
    for number, path in enumerate(parts.paths, start=1):
        assert path.name.endswith(f"_goi-{number:04d}.fieldsync")
    assert parts.events == one.events and parts.sequence == len(parts.paths)
    assert not split.export(0).written  # every part's events are marked as sent
    split.import_()
    whole.import_()
    dump = {}
    for world in (split, whole):
        with world.police_uow() as uow:
            rows = {
                table.name: uow.session.execute(
                    select(*(c for c in table.c if c.name not in ("created_at", "updated_at")))
                )  # each world stamped its own citizens when it was made
                for table in (t.Citizen.__table__, t.Visit.__table__, t.Outcome.__table__)
            }
            dump[world is split] = {name: sorted(map(tuple, r)) for name, r in rows.items()}
    assert dump[True] == dump[False] and dump[True]["visit"]

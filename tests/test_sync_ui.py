"""The sync screens, offscreen, on the inline task runner (no dialog ever blocks)."""

from PySide6.QtWidgets import QDialog
from sync_world import make_world

from fieldapp.ui.main_window import MainWindow
from fieldapp.ui.session import DeskSession
from fieldapp.ui.sync_export import ExportBundleDialog
from fieldapp.ui.sync_import import COL_MISSING, COL_NEW, COL_POINT, ImportBundlesDialog
from fieldapp.ui.tasks import InlineTaskRunner


def _session(world, *, police=False, index=0):
    uow = world.police_uow if police else (lambda: world.point_uow(index))
    point = None if police else world.data.points[index]
    user = world.police_user() if police else world.point_user(index)
    return DeskSession(uow=uow, runner=InlineTaskRunner(), point=point, user=user)


def test_export_dialog_says_safe_to_remove(qtbot, tmp_path):
    world = make_world(tmp_path, points=1)
    dialog = ExportBundleDialog(_session(world), world.point_keys[0])
    qtbot.addWidget(dialog)
    fingerprint = world.point_keys[0].load().public.fingerprint
    assert fingerprint in dialog.fingerprint.text()
    dialog.picker.set_folder(world.stick)
    dialog.start()
    assert "Có thể rút USB an toàn" in dialog.result.text()
    assert len(list(world.stick.glob("*.fieldsync"))) == 1
    dialog.start()
    assert "Không có gì mới" in dialog.result.text()
    dialog.everything.setChecked(True)
    dialog.start()
    assert "gói số 2" in dialog.result.text()
    dialog.show()
    dialog.grab().save(str(tmp_path / "export.png"))
    if shots := __import__("os").environ.get("SYNC_SHOTS"):
        dialog.grab().save(f"{shots}/export.png")


def test_export_dialog_reports_a_full_stick(qtbot, tmp_path, monkeypatch):
    import errno

    from fieldapp.sync import atomic

    world = make_world(tmp_path, points=1)

    def full(fd, data):
        raise OSError(errno.ENOSPC, "full")

    monkeypatch.setattr(atomic, "_write_chunk", full)
    dialog = ExportBundleDialog(_session(world), world.point_keys[0])
    qtbot.addWidget(dialog)
    dialog.picker.set_folder(world.stick)
    dialog.start()
    assert "Không đủ chỗ trống" in dialog.result.text()
    assert dialog.export_button.isEnabled()


def test_import_dialog_shows_each_point_and_gaps(qtbot, tmp_path):
    world = make_world(tmp_path, points=2)
    world.export(0)
    lost = world.export(1, everything=True)
    lost.path.unlink()  # bundle 1 of point 1 never arrives
    world.export(1, everything=True)
    (world.stick / "torn.fieldsync").write_bytes(b"\x89FASYNC\n\x00")
    dialog = ImportBundlesDialog(_session(world, police=True), world.police_keys)
    qtbot.addWidget(dialog)
    dialog.picker.set_folder(world.stick)
    dialog.start()
    report = dialog.report
    assert report is not None and dialog.table.rowCount() == 2
    names = {dialog.table.item(r, COL_POINT).text() for r in range(2)}
    assert names == {p.name for p in world.data.points[:2]}
    assert any(dialog.table.item(r, COL_MISSING).text() == "1" for r in range(2))
    assert all(int(dialog.table.item(r, COL_NEW).text()) > 0 for r in range(2))
    assert "thiếu gói số 1" in dialog.summary.text()
    texts = [dialog.files.item(i).text() for i in range(dialog.files.count())]
    assert any("bị thiếu phần cuối" in t for t in texts)
    dialog.show()
    dialog.resize(1000, 600)
    dialog.grab().save(str(tmp_path / "import.png"))
    if shots := __import__("os").environ.get("SYNC_SHOTS"):
        dialog.grab().save(f"{shots}/import.png")


def test_main_window_has_the_sync_actions(qtbot, tmp_path, monkeypatch):
    world = make_world(tmp_path, points=1)
    opened = []
    monkeypatch.setattr(QDialog, "exec", lambda self: opened.append(type(self).__name__) or 0)
    window = MainWindow(_session(world))
    qtbot.addWidget(window)
    actions = {a.objectName(): a for a in window.menu_tools.actions()}
    actions["syncImport"].trigger()
    assert opened == ["ImportBundlesDialog"]


def test_police_send_lists_back_then_a_point_imports_them(qtbot, tmp_path):
    world = make_world(tmp_path, points=2)
    world.import_(world.export(0).path)
    police = ImportBundlesDialog(_session(world, police=True), world.police_keys)
    qtbot.addWidget(police)
    out = tmp_path / "lists"
    out.mkdir()
    police.picker.set_folder(out)
    police.send_lists()
    assert "2 điểm" in police.summary.text()
    point = ImportBundlesDialog(_session(world), world.point_keys[0])
    qtbot.addWidget(point)
    point.picker.set_folder(out)
    point.start()
    statuses = sorted(f.status for f in point.report.files)
    assert statuses == ["imported", "refused"]  # the other point's list is not for it

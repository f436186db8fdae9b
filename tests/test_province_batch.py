"""The province imports a day's summaries in one transaction, a savepoint per file.

One commit for all the communes (not one fsync each), and still: a file that fails half-way
through its writes leaves nothing of itself, and the other communes' files stand.
"""

from __future__ import annotations

import pytest
from province_world import DAY, commune_reporting_to, export_summary, make_province
from sqlalchemy import event

from fieldapp.services.province import figures as pf
from fieldapp.services.province import importing
from fieldapp.services.sync.reporting import IMPORTED, REFUSED

pytestmark = pytest.mark.postgres


@pytest.fixture
def two_communes(tmp_path):
    province = make_province(tmp_path / "province")
    worlds = []
    for seed, name in ((66, "Xã Kiên Bình"), (67, "Xã Kiên Thọ")):
        world = commune_reporting_to(province, tmp_path / name, seed=seed, name=name)
        world.export(0)
        world.import_()
        province.enrol(world)
        export_summary(world, province.inbox)
        worlds.append(world)
    return province, worlds


def _reported(province) -> set[str]:
    return {c.name for c in pf.province_board(province.uow(), DAY).communes if c.reported_today}


def test_a_file_failing_half_way_is_rolled_back_alone(two_communes, monkeypatch):
    province, (kien_binh, _kien_tho) = two_communes
    real = importing.pq.replace_day

    def fails_after_writing(session, summary, figures, **held):
        real(session, summary, figures, **held)  # the day's rows are written, then the disk fails
        if summary.commune_id == kien_binh.data.commune.id:
            raise OSError("disk I/O error")

    monkeypatch.setattr(importing.pq, "replace_day", fails_after_writing)
    report = province.import_()
    by_status = {f.status: f for f in report.files}
    assert sorted(f.status for f in report.files) == [IMPORTED, REFUSED]
    assert by_status[REFUSED].message_id == "sync.import_failed"
    assert _reported(province) == {"Xã Kiên Thọ"}  # nothing of Kiên Bình's file stayed

    monkeypatch.setattr(importing.pq, "replace_day", real)
    again = province.import_()  # not taken for a replay: its import was never recorded
    assert sorted(f.status for f in again.files) == [IMPORTED, "replayed"]
    assert _reported(province) == {"Xã Kiên Bình", "Xã Kiên Thọ"}


def test_a_days_import_commits_once(two_communes):
    province, _ = two_communes
    commits = []
    event.listen(province.engine, "commit", lambda conn: commits.append(conn))
    report = province.import_()
    assert [f.status for f in report.files] == [IMPORTED, IMPORTED]
    assert len(commits) == 1
    assert _reported(province) == {"Xã Kiên Bình", "Xã Kiên Thọ"}

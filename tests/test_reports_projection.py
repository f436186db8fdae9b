"""The per-citizen status cache follows imports in their own transaction (issue 17).

After a bundle or list import, the next report reads the cache as it is (nothing folded
again), and every figure, day by day, equals a fold of everyone from scratch.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from actors import police_of
from lists_builders import POLICE_HEADER, commune, police_rows, write_xlsx
from sqlalchemy import delete
from sync_world import make_world

from fieldapp.demo.loader import load_commune
from fieldapp.domain.periods import Period, ReportKind, day_period
from fieldapp.services import lists, report_timelines
from fieldapp.services.reports import compute_figures
from fieldapp.store import tables as t
from fieldapp.store.uow import SqlUnitOfWork

DAYS = [date(2026, 5, 18) + timedelta(days=d) for d in range(0, 26, 3)]


def every_figure(uow) -> list:
    """Every figure of many days and of a whole wave, as plain values."""
    periods = [day_period(d) for d in DAYS] + [
        Period(ReportKind.WAVE, date(2026, 5, 18), date(2026, 6, 12))
    ]
    shown = []
    for period in periods:
        f = compute_figures(uow(), period)
        shown.append(
            (
                [(r.key, r.target, vars(r.cumulative), vars(r.new)) for r in f.by_village],
                [(r.key, vars(r.cumulative), vars(r.new)) for r in f.by_point],
                [(r.key, vars(r.cumulative)) for r in f.by_group],
                vars(f.total.cumulative),
                f.trend,
            )
        )
    return shown


def from_scratch(uow) -> list:
    with uow() as u:
        u.repo.session.execute(delete(t.ReportStatusCache))
        u.repo.session.execute(delete(t.Setting).where(t.Setting.key == "reports.events_stamp"))
        u.commit()
    return every_figure(uow)


def test_a_bundle_import_keeps_the_cache_current_and_right(tmp_path):
    world = make_world(tmp_path, points=2, citizens=80)

    def uow():
        return SqlUnitOfWork(world.police)

    before = every_figure(uow)  # the police looked at the figures: the cache is current
    world.export(0)
    world.export(1)
    world.import_()
    assert report_timelines.timelines(uow()).folded == 0
    kept = every_figure(uow)
    assert kept == from_scratch(uow)
    assert kept != before  # the points' visits count


def test_a_list_import_keeps_the_cache_current_and_right(tmp_path, engine, uow):
    data = commune(40, seed=9)
    load_commune(engine, replace(data, citizens=data.citizens[:10]), this_point=None)
    before = every_figure(uow)
    names = {v.id: v.name for v in data.villages}
    path = write_xlsx(tmp_path / "ds.xlsx", POLICE_HEADER, police_rows(data.citizens, names))
    result = lists.import_list(
        uow(), lists.preview_list(uow(), path, "police"), valid_only=True, actor=police_of(uow)
    )
    assert result.citizens_added == 30
    assert report_timelines.timelines(uow()).folded == 0
    kept = every_figure(uow)
    assert kept == from_scratch(uow) and kept != before


def test_a_stale_cache_is_left_for_the_next_report(tmp_path):
    world = make_world(tmp_path, points=1, citizens=40)

    def uow():
        return SqlUnitOfWork(world.police)

    world.export(0)
    world.import_()  # no report yet: nothing to keep current, nothing folded at import
    assert report_timelines.timelines(uow()).folded == 40

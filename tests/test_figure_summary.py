"""The figures' summary (`figure_delta`) always says what the projection's rows say.

`compute_figures` reads what holds at the end of a day, and the trend's day-by-day changes,
from the summary (a few rows per cell and day) instead of every citizen's projection row.
Here, after each kind of write that changes the projection (the desk's visits, outcomes,
corrections and payment records, a later list, a citizen who moved, a bundle import, a list
import, a rebuild under new rules and a rebuild of a current table), the summary's sums equal
the plain sums over the projection (`figure_sums.cumulative_sums` and `new_sums`, compared
with the cells in test_figure_sums.py) and its trend equals `trend_deltas`, for every day,
week, wave and the whole campaign.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date

import pytest
from actors import police_of
from lists_builders import POLICE_HEADER, commune, police_rows, write_xlsx
from sync_world import make_world
from test_reports_projection import enrich, generated, periods  # noqa: F401 (a fixture)

from fieldapp.demo.loader import load_commune
from fieldapp.services import lists, report_timelines
from fieldapp.services.reports import compute_figures
from fieldapp.store import figure_summary as fsum
from fieldapp.store import figure_sums as fs
from fieldapp.store import status_projection as sp
from fieldapp.store.uow import SqlUnitOfWork

pytestmark = pytest.mark.postgres


def _merged(rows: list[fs.Sums]) -> dict[tuple, tuple[int, ...]]:
    """Sums by cell (either path may return a cell twice: stored rows and bases, or the
    citizens the summary says and those summed from the projection)."""
    found: dict[tuple, Counter] = {}
    for s in rows:
        key = (s.village_key, s.point_key, s.group, s.bank, s.payment)
        counter = found.setdefault(key, Counter())
        for i, value in enumerate((s.citizens, *s.counts, s.visited, s.visits)):
            counter[i] += value
    return {k: tuple(c[i] for i in range(11)) for k, c in found.items() if c[0]}


def assert_summary_is_plain(uow, chosen=None) -> int:
    """Every chosen period's sums and trend agree; how many citizens were compared."""
    compared = 0
    with uow() as u:
        session = u.repo.session
        assert fsum.is_kept(session)  # kept by the writes, not rebuilt for this check
        for period in chosen or periods():
            plain = _merged(fs.cumulative_sums(session, period.ends_on))
            assert _merged(fsum.cumulative_sums(session, period.ends_on)) == plain, period
            first, last = period.starts_on, period.ends_on
            trend = {d: v for d, v in sp.trend_deltas(session, first, last).items() if any(v)}
            summed = {d: v for d, v in fsum.trend_sums(session, first, last).items() if any(v)}
            assert summed == trend, period
            new = _merged(fs.new_sums(session, first, last))
            assert _merged(fsum.reached_sums(session, first, last)) == new, period
            compared += sum(v[0] for v in plain.values()) + sum(v[0] for v in new.values())
    return compared


def test_the_desk_writes_keep_the_summary(generated, uow):  # noqa: F811
    compute_figures(uow(), periods()[0])  # builds the projection and the summary
    enrich(uow, generated)  # visits, outcomes, corrections, later lists, a move, payments
    assert assert_summary_is_plain(uow) > 160 * 20


def test_a_bundle_import_keeps_the_summary(tmp_path):
    world = make_world(tmp_path, points=2, citizens=80)

    def uow():
        return SqlUnitOfWork(world.police)

    compute_figures(uow(), periods()[0])
    world.export(0)
    world.export(1)
    world.import_()
    assert assert_summary_is_plain(uow, periods()[::2]) > 0


def test_a_list_import_keeps_the_summary(tmp_path, engine, uow):
    data = commune(40, seed=9)
    load_commune(engine, replace(data, citizens=data.citizens[:10]), this_point=None)
    compute_figures(uow(), periods()[0])
    names = {v.id: v.name for v in data.villages}
    for n, part in enumerate((data.citizens[:25], data.citizens)):  # new, then known again
        path = write_xlsx(tmp_path / f"ds{n}.xlsx", POLICE_HEADER, police_rows(part, names))
        lists.import_list(
            uow(), lists.preview_list(uow(), path, "police"), valid_only=True, actor=police_of(uow)
        )
    with uow() as u:
        total = fsum.cumulative_sums(u.repo.session, periods()[-1].ends_on)
    assert sum(s.citizens for s in total) == 40
    assert_summary_is_plain(uow, periods()[::3])


def test_a_list_import_of_many_chunks_puts_every_chunk_in_the_summary(
    tmp_path, engine, uow, monkeypatch
):
    """Each chunk of a list import is one flush of the projection writer: new citizens
    (spans shared by many), then the same people saying otherwise (their old rows taken out
    as they are deleted, their new ones put in); the summary must get every flush's rows."""
    monkeypatch.setattr(lists, "_WRITE_CHUNK", 7)  # 60 citizens: nine flushes per import
    monkeypatch.setattr(sp, "REFRESH_PART", 4)  # and several parts per refold
    data = commune(60, seed=11)
    load_commune(engine, replace(data, citizens=[]), this_point=None)
    compute_figures(uow(), periods()[0])
    names = {v.id: v.name for v in data.villages}
    lists_of = ((data.citizens, date(2026, 5, 28)), (data.citizens[::-1], date(2026, 6, 2)))
    for n, (people, day) in enumerate(lists_of):  # the second says otherwise of most
        path = write_xlsx(tmp_path / f"ds{n}.xlsx", POLICE_HEADER, police_rows(people, names))
        preview = lists.preview_list(uow(), path, "police")
        result = lists.import_list(uow(), preview, valid_only=True, as_of=day, actor=police_of(uow))
        assert result.imported + result.unchanged == 60 and result.imported >= 48
        with uow() as u:
            last = periods()[-1].ends_on
            total = fsum.cumulative_sums(u.repo.session, last)
        assert sum(s.citizens for s in total) == 60
        assert sum(s.counts[0] for s in total) == 60  # every citizen on the list has level 2
        assert_summary_is_plain(uow)


def test_rebuilds_make_the_summary_again(generated, uow, monkeypatch):  # noqa: F811
    enrich(uow, generated)
    compute_figures(uow(), periods()[0])
    with uow() as u:  # one range of a current table rebuilt (a rebuild's first step)
        sp.rebuild_range(u.repo.session, None, 50)
        u.commit()
    assert_summary_is_plain(uow, periods()[::2])
    monkeypatch.setattr(report_timelines, "REBUILD_CHUNK", 50)  # several steps, one transaction
    report_timelines.rebuild_projection(uow())  # a current table rebuilt range by range
    assert_summary_is_plain(uow, periods()[::2])
    monkeypatch.setattr(sp, "RULES_VERSION", "other-rules")  # new rules: rebuilt whole
    with uow() as u:
        assert not fsum.is_kept(u.repo.session)  # not read while the rebuild is pending
    compute_figures(uow(), periods()[0])
    assert_summary_is_plain(uow, periods()[::2])


def test_a_store_without_a_summary_gets_it_at_the_first_figures(generated, uow):  # noqa: F811
    enrich(uow, generated)
    report_timelines.ensure_projection(uow())
    with uow() as u:  # as the migration leaves a store whose projection is current
        session = u.repo.session
        session.execute(fsum.TABLE.delete())
        fsum.forget(session)
        u.commit()
    shown = compute_figures(uow(), periods()[-1])
    assert shown.total.cumulative.citizens == 160
    assert_summary_is_plain(uow)

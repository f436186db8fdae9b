"""The figures summed in SQL equal the figures added up from the projection's cells.

`compute_figures` reads `store/figure_sums.py` (one row per village, point, group, bank and
payment class, each mark summed by the database) instead of `cumulative_cells` / `new_cells`
(one row per distinct set of marks, added in Python). Both ways are compared here, tally by
tally, on the generated commune of the projection's drift test (corrections, later facts, a
citizen who moved), for every day of the campaign, weeks, a wave and the whole.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from test_reports_projection import enrich, generated, periods  # noqa: F401 (a fixture)

from fieldapp.domain import model as dm
from fieldapp.services import report_timelines
from fieldapp.services.reports import UNKNOWN, Tally, compute_figures
from fieldapp.store import figure_sums as fs
from fieldapp.store import status_projection as sp

pytestmark = pytest.mark.postgres

GROUPS = {g.value for g in dm.BeneficiaryGroup}


def _by_cells(session, period) -> dict[tuple[str, str, str], Tally]:
    """Every table's tallies added up citizen-mark by citizen-mark (the path before)."""
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    for cell in sp.cumulative_cells(session, period.ends_on):
        keys = [("village", cell.village_key or UNKNOWN), ("point", cell.point_key or UNKNOWN)]
        if cell.marks.group is not None:
            keys.append(("group", cell.marks.group.value))
        for table, key in keys:
            tallies[("cumulative", table, key)].add(cell.marks, cell.count)
    for new in sp.new_cells(session, period.starts_on, period.ends_on):
        keys = [("village", new.village_key or UNKNOWN), ("point", new.point_key or UNKNOWN)]
        if new.after.group is not None:
            keys.append(("group", new.after.group.value))
        for table, key in keys:
            tally = tallies[("new", table, key)]
            tally.add_new(new.before, new.after, new.count)
            tally.visited += new.count if new.visited else 0
    return tallies


def _by_sums(session, period) -> dict[tuple[str, str, str], Tally]:
    """The same tallies from the database's sums (the path `compute_figures` takes)."""
    tallies: dict[tuple[str, str, str], Tally] = defaultdict(Tally)
    for sums in fs.cumulative_sums(session, period.ends_on):
        for table, key in _keys(sums):
            tallies[("cumulative", table, key)].add_sums(sums)
    for sums in fs.new_sums(session, period.starts_on, period.ends_on):
        for table, key in _keys(sums):
            tallies[("new", table, key)].add_reached(sums)
    return tallies


def _keys(sums: fs.Sums) -> list[tuple[str, str]]:
    keys = [("village", sums.village_key or UNKNOWN), ("point", sums.point_key or UNKNOWN)]
    if sums.group in GROUPS:
        keys.append(("group", sums.group))
    return keys


def _nonzero(tallies: dict[tuple[str, str, str], Tally]) -> dict[tuple[str, str, str], Tally]:
    return {key: tally for key, tally in tallies.items() if tally != Tally()}


def test_the_sums_equal_the_cells_for_every_period(generated, uow):  # noqa: F811
    enrich(uow, generated)
    report_timelines.ensure_projection(uow())
    checked = 0
    with uow() as u:
        session = u.repo.session
        for period in periods():
            by_cells, by_sums = _nonzero(_by_cells(session, period)), _by_sums(session, period)
            assert _nonzero(by_sums) == by_cells, period
            checked += sum(t.citizens + t.linked + t.visited for t in by_cells.values())
    assert checked > 1000  # the commune has citizens, links and visits to compare


def test_every_citizen_is_counted_once_by_village_and_by_point(generated, uow):  # noqa: F811
    enrich(uow, generated)
    for period in periods()[::5]:
        figures = compute_figures(uow(), period)
        assert figures.total.cumulative.citizens == len(generated.citizens)
        assert sum(r.cumulative.citizens for r in figures.by_point) == len(generated.citizens)

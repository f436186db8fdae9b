"""The province report's table of what the communes' daily reports add (issue 18's figures).

Per commune, from its latest summary: the eligible (level 2, smartphone, bank account), home
visits made and people visited at home, failed attempts by reason and referrals, each the
number of the commune's own daily report (`summary_build.add_day_figures`).
"""

from __future__ import annotations

from collections import Counter

from fieldapp.documents.report_model import CellKind, Column, Table
from fieldapp.domain import model as dm
from fieldapp.i18n import tr
from fieldapp.services.province.figures import CommuneLine, ProvinceBoard

ELIGIBLE, HOME_VISITS, HOME_PEOPLE, REFERRED = (
    "eligible", "home_visits", "home_visits.people", "referred",
)  # fmt: skip


def campaign_table(board: ProvinceBoard, lang: str = "vi") -> Table:
    """Every commune that reported, in the ranking's order, and the province's total."""
    lines = [c for c in board.communes if c.last_day is not None]
    seen = {reason for line in lines for reason, n in line.reasons().items() if n}
    reasons = [r.value for r in dm.FailureReason if r.value in seen]
    columns = [
        Column(tr("reports.col.no", lang), lambda c: c.rank, CellKind.COUNT, 0.5),
        Column(tr("province.col.commune", lang), lambda c: c.name, CellKind.TEXT, 2.2),
        Column(tr("eligible.col.eligible", lang), lambda c: c.figure(ELIGIBLE)),
        Column(tr("province.col.home_visits", lang), lambda c: c.figure(HOME_VISITS)),
        Column(tr("province.col.home_people", lang), lambda c: c.figure(HOME_PEOPLE)),
        Column(tr("difficulties.col.failed", lang), lambda c: sum(c.reasons().values()), width=1.2),
        *[Column(tr(f"reason.{r}", lang), _reason_cell(r)) for r in reasons],
        Column(tr("province.col.referred", lang), lambda c: c.figure(REFERRED)),
    ]
    total = _total(lines, tr("reports.total", lang))
    table = Table.of(columns, lines, total)
    if table.total is not None:
        table.total[0] = None
    return table


def _reason_cell(reason: str):  # noqa: ANN202 - a cell getter
    return lambda c: c.reasons().get(reason, 0)


def _total(lines: list[CommuneLine], name: str) -> CommuneLine:
    figures: Counter[str] = Counter()
    for line in lines:
        figures.update(line.figures)
    return CommuneLine(None, name, "", "", {}, None, False, figures=dict(figures))

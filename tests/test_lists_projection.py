"""A list import writes the report projection from what it holds: it must equal the plain fold.

The import builds new citizens' status rows from the facts it is writing (no read-back) and
folds the stored citizens it changed again from the store. Here every citizen's stored status
on every day is compared with `fold_status` run from scratch on their events read back one by
one, after each import of a generated list with mixed facts: level 1 and level 2, activated
and linked, beneficiary groups and payment classes, citizens who already had visits and
outcomes, brand-new citizens, and a later list that changes values. The figures are compared
with the plain fold too (`test_reports_projection.assert_agrees_with_the_fold`).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from actors import police_of
from lists_builders import write_xlsx
from reports_reference import read_events
from test_reports_projection import assert_agrees_with_the_fold, periods

from fieldapp.demo.generator import generate_commune
from fieldapp.demo.loader import load_commune
from fieldapp.domain.personal_id import Sex
from fieldapp.domain.status import fold_status
from fieldapp.domain.status_history import day_status, local_day, span_on
from fieldapp.services import lists, report_timelines
from fieldapp.store import status_projection as sp
from fieldapp.store import sync_queries
from fieldapp.store.uow import SqlUnitOfWork

pytestmark = pytest.mark.postgres

START = date(2026, 5, 20)
DAYS = [START + timedelta(days=d) for d in range(-1, 16)]
POLICE = ("STT", "Họ và tên", "Số CCCD", "Ngày sinh", "Giới tính", "Thôn",
          "Mức độ tài khoản ĐDĐT", "Đã kích hoạt", "Tích hợp ASXH")  # fmt: skip
BENEFICIARY = ("STT", "Họ và tên", "Số định danh", "Ngày sinh", "Thôn", "Đối tượng",
               "Tình trạng chi trả", "Tích hợp ASXH")  # fmt: skip
GROUPS = ("Người có công", "Bảo trợ xã hội", "Hưu trí xã hội")
PAYMENTS = ("Đã nhận chi trả qua tài khoản", "Chưa có tài khoản", "", "Đã có tài khoản")


def stored_statuses(uow) -> dict[str, list]:
    """Every citizen's status on each of DAYS, as the projection holds it."""
    with uow() as u:
        return {
            pid: [span_on(spans, day).status for day in DAYS]
            for pid, _village, _group, _phone, spans in sp.spans_by_citizen(u.repo.session)
        }


def plain_statuses(uow) -> dict[str, list]:
    """Every citizen's status on each of DAYS, folded from scratch (no memo, no span)."""
    events = read_events(uow)
    found = {}
    for citizen in events.citizens:
        pid = citizen.personal_id
        outcomes = [o for o in events.outcomes if o.personal_id == pid]
        facts = [f for f in events.facts if f.personal_id == pid]
        paid = [p for p in events.payments if p.personal_id == pid]
        found[pid] = [
            day_status(
                fold_status(
                    citizen,
                    [o for o in outcomes if local_day(o.recorded_at) <= day],
                    [f for f in facts if f.as_of <= day],
                    [p for p in paid if local_day(p.recorded_at) <= day],
                )
            )
            for day in DAYS
        ]
    return found


def assert_projection_is_the_fold(uow) -> None:
    stored, plain = stored_statuses(uow), plain_statuses(uow)
    assert stored.keys() == plain.keys()
    for pid, statuses in plain.items():
        assert stored[pid] == statuses, pid
    assert report_timelines.timelines(uow()).folded == 0  # nothing was left to rebuild
    assert_agrees_with_the_fold(uow, periods()[::4])


def police_rows(citizens, names, turn: int) -> list[list[object]]:
    """Level 1 or 2, activated, linked: which one depends on the row and the list's turn."""
    return [
        [
            i + 1,
            c.full_name,
            c.personal_id,
            c.birth_date,
            "Nam" if c.sex is Sex.MALE else "Nữ",
            names[c.village_id],
            "Mức 1" if (i + turn) % 4 == 0 else "Mức 2",
            "x" if (i + turn) % 3 == 0 else "",
            "Đã tích hợp" if (i * turn) % 5 == 1 else "Chưa",
        ]
        for i, c in enumerate(citizens)
    ]


def beneficiary_rows(citizens, names) -> list[list[object]]:
    return [
        [
            i + 1,
            c.full_name,
            c.personal_id,
            c.birth_date,
            names[c.village_id],
            GROUPS[i % 3],
            PAYMENTS[i % 4],
            "x" if i % 6 == 0 else "",
        ]
        for i, c in enumerate(citizens)
    ]


def import_file(uow, path, kind: str, day: date) -> lists.ImportResult:
    preview = lists.preview_list(uow(), path, kind)
    assert preview.error_list == []
    return lists.import_list(uow(), preview, valid_only=False, as_of=day, actor=police_of(uow))


def load_some(engine, data, count: int) -> None:
    """The first citizens of a generated commune in the store, with their events."""
    known = {c.personal_id for c in data.citizens[:count]}

    def mine(events):
        return [e for e in events if e.personal_id in known]

    assert mine(data.visits), "some listed citizens must have visits already"
    load_commune(
        engine,
        replace(
            data,
            citizens=data.citizens[:count],
            visits=mine(data.visits),
            outcomes=mine(data.outcomes),
            facts=mine(data.facts),
        ),
        this_point=None,
    )
    report_timelines.ensure_projection(SqlUnitOfWork(engine))


def test_a_list_import_projects_what_the_plain_fold_says(tmp_path, engine, uow):
    data = generate_commune(60, villages=4, seed=31, start=START, days=12)
    load_some(engine, data, 20)
    names = {v.id: v.name for v in data.villages}

    # 10 known citizens (visits, outcomes, facts) and 30 new ones
    first = write_xlsx(tmp_path / "ca1.xlsx", POLICE, police_rows(data.citizens[10:50], names, 1))
    result = import_file(uow, first, "police", START + timedelta(days=3))
    assert result.citizens_added == 30 and result.imported > 30  # known ones changed too
    assert_projection_is_the_fold(uow)

    # groups and payment classes: 10 citizens of the police list and 10 new ones
    rows = beneficiary_rows(data.citizens[40:60], names)
    benefit = write_xlsx(tmp_path / "bt.xlsx", BENEFICIARY, rows)
    result = import_file(uow, benefit, "beneficiary", START + timedelta(days=5))
    assert result.citizens_added == 10
    assert_projection_is_the_fold(uow)

    # next week's police list: other levels, activations and links for the same people
    later = write_xlsx(tmp_path / "ca2.xlsx", POLICE, police_rows(data.citizens[5:55], names, 2))
    result = import_file(uow, later, "police", START + timedelta(days=8))
    assert result.citizens_added == 0 and result.facts_added > 0  # every one of them known
    assert_projection_is_the_fold(uow)


def test_rows_sent_straight_to_sqlite_are_the_ones_sqlalchemy_writes(
    tmp_path, engine, uow, monkeypatch
):
    """The import's span rows, converted once per shared span, equal a plain Core insert's."""
    data = generate_commune(40, villages=3, seed=8, start=START, days=6)
    load_some(engine, data, 30)
    names = {v.id: v.name for v in data.villages}
    path = write_xlsx(tmp_path / "ca.xlsx", POLICE, police_rows(data.citizens, names, 1))
    import_file(uow, path, "police", START + timedelta(days=2))

    def stored_rows() -> list:
        with uow() as u:
            sql = "SELECT * FROM citizen_status ORDER BY personal_id, day_from"
            return [tuple(r) for r in u.repo.session.connection().exec_driver_sql(sql)]

    written = stored_rows()
    assert len({r[0] for r in written}) == 40
    monkeypatch.setattr(sync_queries, "FAST_SQLITE", False)
    report_timelines.rebuild_projection(uow())
    assert stored_rows() == written

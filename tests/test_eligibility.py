"""Issue 18 item 3: "has a smartphone" recorded at the desk (P / K) or read from a list, and
the eligible (level 2 + smartphone + bank account, seed 000 §5) counted in the figures."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
import test_citizen_corrections as at_the_desk
from actors import police_of
from lists_builders import commune, write_xlsx
from reports_builders import hand_commune, local
from sync_world import make_world

from fieldapp.demo.loader import load_commune
from fieldapp.domain import model as dm
from fieldapp.domain.corrections import CorrectedField
from fieldapp.domain.periods import day_period
from fieldapp.domain.status import fold_status
from fieldapp.services import corrections, lists
from fieldapp.services.reports import compute_figures
from fieldapp.store.uow import SqlUnitOfWork

S, F, R = dm.Step, dm.FactField, dm.FailureReason
JUNE1, JUNE5 = date(2026, 6, 1), date(2026, 6, 5)


def _fact(pid: str, field: dm.FactField, value: str) -> dm.OfficialFact:
    return dm.OfficialFact(dm.new_id(), pid, field, value, "list", "l.xlsx", JUNE1)


def _failed(pid: str, step: dm.Step, reason: dm.FailureReason) -> dm.Outcome:
    return dm.Outcome(
        dm.new_id(), dm.new_id(), pid, step, dm.Result.FAILED, local(2026, 6, 2), dm.new_id(),
        reason=reason,
    )  # fmt: skip


def _done(pid: str, step: dm.Step) -> dm.Outcome:
    return dm.Outcome(
        dm.new_id(), dm.new_id(), pid, step, dm.Result.DONE, local(2026, 6, 3), dm.new_id()
    )


PID = "038090012345"


def test_which_evidence_says_whether_a_citizen_has_a_smartphone():
    person = dm.Citizen(PID, "Thử")
    listed_yes = [_fact(PID, F.HAS_SMARTPHONE, "true")]
    no_phone = [_failed(PID, S.EID_ACTIVATION, R.NO_SMARTPHONE)]
    # a list's column alone
    assert fold_status(person, [], listed_yes).has_smartphone is True
    assert fold_status(person, [], [_fact(PID, F.HAS_SMARTPHONE, "không")]).has_smartphone is False
    assert fold_status(person, [], []).has_smartphone is None
    # a "no smartphone" failure seen at a point beats the list
    assert fold_status(person, no_phone, listed_yes).has_smartphone is False
    # what the desk recorded (P / K) beats both
    recorded = replace(person, has_smartphone=True)
    assert fold_status(recorded, no_phone, listed_yes).has_smartphone is True
    said_no = replace(person, has_smartphone=False)
    assert fold_status(said_no, [], listed_yes).has_smartphone is False
    # an activation is done on the citizen's phone: it proves one
    assert fold_status(said_no, [_done(PID, S.EID_ACTIVATION)], []).has_smartphone is True


def test_eligible_means_level2_and_a_smartphone_and_a_bank_account():
    person = replace(dm.Citizen(PID, "Thử"), has_smartphone=True)
    level2 = [_fact(PID, F.EID_LEVEL, "2")]
    bank = [_done(PID, S.BANK_ACCOUNT)]
    assert fold_status(person, bank, level2).eligible
    assert not fold_status(person, [], level2).eligible  # no bank account
    assert not fold_status(person, bank, []).eligible  # no level-2 account
    assert not fold_status(replace(person, has_smartphone=None), bank, level2).eligible
    assert not fold_status(replace(person, has_smartphone=False), bank, level2).eligible
    # a link approved on a list proves all three
    linked = [_fact(PID, F.BENEFIT_LINKED, "true")]
    assert fold_status(dm.Citizen(PID, "Thử"), [], linked).eligible


@pytest.fixture
def hand(uow):
    """The hand-counted commune of test_reports_figures, plus three citizens about phones.

    Eligible on 5 June, counted by hand: A (activated, MB account) and C (linked on a list)
    in Thôn Một; H (list: smartphone; LPBank account on 5 June) in Thôn Hai. Not eligible:
    B, E (no account), D (account, phone not known), G (nothing), I (phone recorded at the
    desk, no account), J (account, list says phone, but "no smartphone" at a point).
    Smartphone: A, B, C, E (activated), H, I = 6.
    """
    h = hand_commune()
    h.a_citizen("H", "V2")
    h.a_fact("H", F.EID_LEVEL, "2", JUNE1)
    h.a_fact("H", F.HAS_SMARTPHONE, "có", JUNE1)
    h.an_outcome(h.a_visit("H", "P2", local(2026, 6, 5, 9)), S.BANK_ACCOUNT, bank="LPBank")
    h.a_citizen("I", "V2")
    h.citizens["I"] = replace(h.citizens["I"], has_smartphone=True)
    h.a_fact("I", F.EID_LEVEL, "2", JUNE1)
    visit = h.a_visit("I", "P2", local(2026, 6, 2, 9))
    h.an_outcome(visit, S.EID_ACTIVATION, dm.Result.FAILED, reason=R.NO_SMARTPHONE)
    h.a_citizen("J", "V1")
    h.a_fact("J", F.EID_LEVEL, "2", JUNE1)
    h.a_fact("J", F.HAS_SMARTPHONE, "true", JUNE1)
    visit = h.a_visit("J", "P1", local(2026, 6, 2, 9))
    h.an_outcome(visit, S.EID_ACTIVATION, dm.Result.FAILED, reason=R.NO_SMARTPHONE)
    h.an_outcome(visit, S.BANK_ACCOUNT, bank="MB")
    h.save(uow())
    return h


def test_eligible_counted_against_the_hand_count(uow, hand):
    figures = compute_figures(uow(), day_period(JUNE5))
    total = figures.total
    assert (total.cumulative.eligible, total.cumulative.smartphone) == (3, 6)
    villages = {row.name: row for row in figures.by_village}
    assert villages["Thôn Một"].cumulative.eligible == 2  # A, C
    assert villages["Thôn Hai"].cumulative.eligible == 1  # H
    # reached during 5 June: A (account and activation that day), C (listed linked that
    # day), H (account that day)
    assert total.new.eligible == 3
    before = compute_figures(uow(), day_period(date(2026, 6, 4)))
    assert before.total.cumulative.eligible == 0


# At the desk: P / K -----------------------------------------------------------------------------
# the fixtures of the corrections' desk tests: a point, its volunteer, a desk window
point, volunteer, desk_window = at_the_desk.point, at_the_desk.volunteer, at_the_desk.desk_window


def a_scanned_stranger(uow, point, user, *, tail: str) -> dm.Citizen:
    return at_the_desk.a_scanned_stranger(uow, point, user, name="Lò Văn Thử", tail=tail)


def test_p_and_k_record_the_smartphone_with_one_key(desk_window, uow, point, volunteer):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    person = a_scanned_stranger(uow, point, volunteer, tail="575757")
    desk_window.scan_text(person.personal_id)
    assert "Điện thoại thông minh (phím P/K): chưa rõ" in desk_window.card_view.text()
    QTest.keyClick(desk_window.scan_field, Qt.Key.Key_P)
    assert desk_window.scan_field.text() == ""  # a shortcut, not typing
    assert "có điện thoại thông minh" in desk_window.status_text()
    assert desk_window.card.status.has_smartphone is True
    QTest.keyClick(desk_window.scan_field, Qt.Key.Key_P)  # said again: nothing new stored
    QTest.keyClick(desk_window.scan_field, Qt.Key.Key_K)
    assert "không có điện thoại thông minh" in desk_window.status_text()
    assert desk_window.card.status.has_smartphone is False
    with uow() as u:
        events = u.repo.corrections_for(person.personal_id)
        assert [(e.field, e.old_value, e.new_value) for e in events] == [
            (CorrectedField.HAS_SMARTPHONE, "", "true"),
            (CorrectedField.HAS_SMARTPHONE, "true", "false"),
        ]
        assert {e.user_id for e in events} == {volunteer.id}
        assert u.repo.get_citizen(person.personal_id).has_smartphone is False


def test_p_without_a_card_is_typing(desk_window):
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    QTest.keyClick(desk_window.scan_field, Qt.Key.Key_P)
    assert desk_window.scan_field.text() == "p"


def test_the_smartphone_travels_to_the_police_in_the_bundle(tmp_path):
    world = make_world(tmp_path, points=1)
    point = world.data.points[0]
    user = next(u for u in world.data.users if u.support_point_id == point.id)

    def point_uow():
        return SqlUnitOfWork(world.points[0])

    person = a_scanned_stranger(point_uow, point, user, tail="868686")
    corrections.record_smartphone(
        point_uow(), person.personal_id, True, user_id=user.id, point_id=point.id
    )
    world.export(0)
    world.import_()
    with world.police_uow() as police:
        assert police.repo.get_citizen(person.personal_id).has_smartphone is True
        (event,) = police.repo.corrections_for(person.personal_id)
        assert event.field is CorrectedField.HAS_SMARTPHONE and event.new_value == "true"


def test_a_bank_officer_may_not_record_it(uow, small_commune, point):
    from desk_helpers import add_user

    from fieldapp.domain.permissions import ForbiddenError

    officer = add_user(uow, "Cán Bộ Ngân Hàng", dm.Role.BANK_OFFICER, point.id)
    person = a_scanned_stranger(uow, point, small_commune.users[0], tail="797979")
    with pytest.raises(ForbiddenError):  # the permission table: CORRECT_DETAILS
        corrections.record_smartphone(
            uow(), person.personal_id, True, user_id=officer.id, point_id=point.id
        )


# From a list ------------------------------------------------------------------------------------
def test_a_lists_smartphone_column_becomes_a_fact(tmp_path, engine, uow):
    data = commune(6, seed=18)
    load_commune(engine, replace(data, citizens=[]), this_point=None)
    names = {v.id: v.name for v in data.villages}
    header = ("STT", "Họ và tên", "Số CCCD", "Thôn", "Có điện thoại thông minh")
    said = ["Có", "Không", "", "x", "chưa", "có"]
    rows = [
        [i + 1, c.full_name, c.personal_id, names[c.village_id], said[i]]
        for i, c in enumerate(data.citizens)
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", header, rows)
    preview = lists.preview_list(uow(), path, "police", today=date(2026, 5, 20))
    assert preview.error_list == []
    lists.import_list(uow(), preview, valid_only=False, actor=police_of(uow))
    with uow() as u:
        found = []
        for c in data.citizens:
            facts = u.repo.facts_for(c.personal_id)
            found.append(fold_status(u.repo.get_citizen(c.personal_id), [], facts).has_smartphone)
    assert found == [True, False, None, True, False, True]


def test_a_waves_target_may_be_100_percent_of_the_eligible(uow, hand):
    from fieldapp.domain.errors import ValidationError
    from fieldapp.services import campaign, campaign_targets

    police = police_of(uow)
    campaign.add_wave(uow(), "Đợt 1", JUNE1, date(2026, 6, 30), actor=police)

    def targets() -> dict[str, int | None]:
        figures = compute_figures(uow(), day_period(JUNE5))
        campaign_targets.apply_target_basis(uow(), figures)
        return {row.name: row.target for row in figures.by_village} | {
            "total": figures.total.target
        }

    assert targets() == {"Thôn Một": 4, "Thôn Hai": 5, "total": 9}  # 100% of level 2
    campaign_targets.set_target_basis(uow(), "Đợt 1", "eligible", actor=police)
    assert targets() == {"Thôn Một": 2, "Thôn Hai": 1, "total": 3}  # A, C; H
    campaign.set_target(uow(), "Thôn Hai", 5, actor=police, today=JUNE5)
    assert targets() == {"Thôn Một": 2, "Thôn Hai": 5, "total": 7}  # set by hand: kept
    with pytest.raises(ValidationError):
        campaign_targets.set_target_basis(uow(), "Đợt 1", "everyone", actor=police)

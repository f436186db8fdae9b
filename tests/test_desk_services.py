"""Desk services: home-visit list and rule, account opening, role-limited cards."""

from __future__ import annotations

import uuid
from datetime import date

import pytest
from desk_helpers import add_user

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.status import fold_status
from fieldapp.services import desk, lookup, visits
from fieldapp.services.home_visits import HomeVisitReason, home_visit_list, home_visit_reasons

TODAY = date(2026, 6, 1)
PID = "038150012345"  # a man born 1950


def a_citizen(**kw) -> dm.Citizen:
    base = dict(personal_id=PID, full_name="Hoàng Văn Tư", birth_date=date(1950, 1, 2))
    return dm.Citizen(**(base | kw))


def a_fact(field: dm.FactField, value: str) -> dm.OfficialFact:
    return dm.OfficialFact(uuid.uuid4(), PID, field, value, "beneficiary_list", "bhxh.xlsx", TODAY)


def reasons(citizen, facts=(), outcomes=()):
    status = fold_status(citizen, outcomes, facts)
    return home_visit_reasons(citizen, status, facts, TODAY)


def test_home_visit_rule():
    assert reasons(a_citizen()) == (HomeVisitReason.ELDERLY,)  # 76
    young = a_citizen(birth_date=date(1990, 1, 1))
    assert reasons(young) == ()
    assert reasons(young, [a_fact(dm.FactField.NEEDS_HELP, "true")]) == (
        HomeVisitReason.NEEDS_HELP,
    )
    beneficiary = [
        a_fact(dm.FactField.BENEFICIARY_GROUP, "merit"),
        a_fact(dm.FactField.PAYMENT_STATUS, "no_account"),
    ]
    # issue 12: the list is for who cannot travel; not being paid to an account is said
    # beside another reason, never a reason alone.
    assert reasons(young, beneficiary) == ()
    assert reasons(a_citizen(), beneficiary) == (
        HomeVisitReason.ELDERLY,
        HomeVisitReason.NOT_PAID_TO_ACCOUNT,
    )
    paid = [beneficiary[0], a_fact(dm.FactField.PAYMENT_STATUS, "paid_to_account")]
    assert reasons(a_citizen(), paid) == (HomeVisitReason.ELDERLY,)
    linked = [a_fact(dm.FactField.BENEFIT_LINKED, "true")]
    assert reasons(a_citizen(), linked) == ()  # already linked: no visit needed


def test_home_visit_list_by_village(uow, small_commune):
    everyone = home_visit_list(uow(), today=TODAY)
    assert everyone, "the synthetic commune has elderly people and beneficiaries"
    village = next(v for v in small_commune.villages if v.id == everyone[0].citizen.village_id)
    found = home_visit_list(uow(), village_id=village.id, today=TODAY)
    assert found and all(c.citizen.village_id == village.id for c in found)
    assert all(c.reasons and c.village_name == village.name for c in found)
    assert len(everyone) > len(found)
    # The same answer as the rule applied citizen by citizen.
    for citizen in small_commune.citizens:
        if citizen.village_id != village.id:
            continue
        card = lookup.look_up(uow(), citizen.personal_id)
        expected = home_visit_reasons(citizen, card.status, card.facts, TODAY)
        listed = next((c for c in found if c.citizen.personal_id == citizen.personal_id), None)
        assert (listed.reasons if listed else ()) == expected


def test_account_opening_in_one_transaction_and_role_checked(uow, small_commune):
    point = small_commune.points[0]
    citizen = small_commune.citizens[0]
    officer = add_user(uow, "Cán bộ Thử", dm.Role.BANK_OFFICER, point.id)
    visit = visits.register_visit(
        uow(), citizen.personal_id, user_id=officer.id, point_id=point.id
    ).visit
    done = desk.record_account_opening(
        uow(), visit.id, bank="LPBank", biometric_verified=True, user_id=officer.id
    )
    assert [o.step for o in done.outcomes] == [dm.Step.BANK_ACCOUNT, dm.Step.BIOMETRIC_VERIFIED]
    assert done.status.is_done(dm.Step.BIOMETRIC_VERIFIED)
    with pytest.raises(ValidationError) as err:
        desk.record_account_opening(
            uow(), visit.id, bank="  ", biometric_verified=False, user_id=officer.id
        )
    assert err.value.message_id == "outcome.bank_needed"
    with pytest.raises(ValidationError) as err:
        visits.record_outcome(
            uow(), visit.id, dm.Step.EID_ACTIVATION, dm.Result.DONE, user_id=officer.id
        )
    assert err.value.message_id == "outcome.role_forbidden"


def test_bank_officer_card_hides_lists_and_visits(uow, small_commune):
    citizen = next(c for c in small_commune.citizens if c.beneficiary_group is not None)
    card = lookup.look_up(uow(), citizen.personal_id)
    assert card.facts
    narrow = desk.card_for_role(card, dm.Role.BANK_OFFICER)
    assert narrow.facts == () and narrow.visits == ()
    assert desk.card_for_role(card, dm.Role.VOLUNTEER) is card
    assert desk.visible_steps(dm.Role.BANK_OFFICER) == (
        dm.Step.BANK_ACCOUNT,
        dm.Step.BIOMETRIC_VERIFIED,
    )
    assert desk.visible_steps(dm.Role.COMMUNE_POLICE) == tuple(dm.Step)


def test_name_differs():
    assert desk.name_differs("Nguyen Thi Huong", "Nguyễn Thị Hương")
    assert not desk.name_differs("Nguyễn Thị Hương", "Nguyễn Thị Hương")
    assert not desk.name_differs(None, "Nguyễn Thị Hương")


def test_village_from_a_garbled_address():
    commune = uuid.uuid4()
    names = ["Thôn 1", "Thôn 12", "Thôn Đông Hòa", "Thôn Hòa Bình"]
    villages = [dm.Village(uuid.uuid4(), commune, n) for n in names]

    def found(address):
        village = desk.village_from_address(villages, address)
        return village.name if village else None

    assert found("Thôn Đông Hòa, Xã Kiên Bình, Thanh Hóa") == "Thôn Đông Hòa"
    assert found("Thon Dong Hoa, Xa Kien Binh, Thanh Hoa") == "Thôn Đông Hòa"
    assert found("Thôn 12, Xã Kiên Bình") == "Thôn 12"
    assert found("Thôn 1, Xã Kiên Bình") == "Thôn 1"
    assert found("Xóm Chợ, Xã Kiên Bình") is None

"""Issue 13, items 1-2: an enrolled point may only say what it is allowed to say.

Point 0 is the attacker: its own keys, enrolled, sign every crafted file. Point 1's good
bundle is on the same stick and must still import. Every refusal names the point, the row
and the rule; nothing of the hostile file is stored.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

import pytest
from hostile import column, import_with_good, payload_of, seal, stored_point_ids, text_of
from sqlalchemy import select
from sync_world import counts, make_world

from fieldapp.domain.model import Role
from fieldapp.services import sync as s
from fieldapp.store import tables as t


@pytest.fixture
def world(tmp_path):
    return make_world(tmp_path, points=2)


def _refused(world, hostile, rule: str, section: str) -> s.FileResult:
    result, _, before = import_with_good(world, hostile)
    assert result.status == s.REFUSED, text_of(result)
    assert result.params["rule"] == rule and result.params["section"] == section
    text = text_of(result)
    point = world.data.points[0].name
    assert point in text and f"dòng {result.params['row']}" in text
    after = counts(world.police)
    assert after["sync_import"] == before["sync_import"] + 1  # only the good bundle
    assert stored_point_ids(world) == {world.data.points[1].id}
    return result


def _hex(value: uuid.UUID) -> str:
    return value.hex


def _other_village_citizen(world):
    point = world.data.points[0]
    return next(c for c in world.data.citizens if c.village_id != point.village_id)


def _citizen_row(payload, world, citizen, **changes):
    """A citizen row as point 0 would send it, with changes; added to the payload."""
    cols = {
        "personal_id": citizen.personal_id,
        "full_name": citizen.full_name,
        "birth_date": citizen.birth_date.isoformat(),
        "sex": citizen.sex.value,
        "address": citizen.address,
        "village_id": _hex(citizen.village_id),
        "phone": citizen.phone,
        "old_id": None,
        "beneficiary_group": None,
        "has_smartphone": None,
        "name_source": "manual",
        "created_at": "2026-01-01T00:00:00+00:00",
        "updated_at": "2026-01-01T00:00:00+00:00",
    } | changes
    from fieldapp.sync.payload import COLUMNS

    row = [cols[c] for c in COLUMNS["citizens"]]
    payload["citizens"] = [r for r in payload["citizens"] if r[0] != citizen.personal_id] + [row]
    village = next(v for v in world.data.villages if v.id == citizen.village_id)
    if all(v[0] != _hex(village.id) for v in payload["villages"]):
        payload["villages"].append([_hex(village.id), village.name])
    return payload


def _police_record(world, personal_id):
    with world.police_uow() as uow:
        row = uow.session.get(t.Citizen, personal_id)
        return row.full_name, row.name_source, row.phone


# Item 1/2: citizens ------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("source", "updated_at", "rule"),
    [
        ("official_list", None, "official_name"),  # "now": as new as the police's record
        ("official_list", "9999-12-31T00:00:00+00:00", "future_time"),
        ("manual", "9999-12-31T00:00:00+00:00", "future_time"),
        ("scan", "+13h", "future_time"),
    ],
)
def test_point_cannot_overwrite_another_villages_citizen(world, source, updated_at, rule):
    victim = _other_village_citizen(world)
    before = _police_record(world, victim.personal_id)
    when = datetime.now(UTC)
    if updated_at == "+13h":
        updated_at = (when + timedelta(hours=13)).isoformat()
    payload = _citizen_row(
        payload_of(world, 0),
        world,
        victim,
        full_name="Kẻ Giả Mạo",
        phone="0911111111",
        name_source=source,
        updated_at=updated_at or when.isoformat(),
    )
    _refused(world, seal(world, payload), rule, "citizens")
    assert _police_record(world, victim.personal_id) == before


def test_official_name_the_police_do_not_hold_is_refused(world):
    # The police hold this citizen from a point's scan, not from their list.
    victim = _other_village_citizen(world)
    with world.police_uow() as uow:
        row = uow.session.get(t.Citizen, victim.personal_id)
        row.name_source = "scan"
        uow.session.add(row)
        uow.commit()
    payload = _citizen_row(
        payload_of(world, 0),
        world,
        victim,
        name_source="official_list",
        updated_at="2026-01-01T00:00:00+00:00",
    )
    _refused(world, seal(world, payload), "official_name", "citizens")


def test_a_points_claim_never_outranks_an_official_record(world):
    # A scan or desk edit that is newer than the police's record still does not replace it.
    victim = _other_village_citizen(world)
    before = _police_record(world, victim.personal_id)
    payload = _citizen_row(
        payload_of(world, 0),
        world,
        victim,
        full_name="TEN QUET SAI",
        name_source="manual",
        updated_at=datetime.now(UTC).isoformat(),
    )
    hostile = seal(world, payload)
    result, _, _ = import_with_good(world, hostile)
    assert result.status == s.IMPORTED
    assert _police_record(world, victim.personal_id) == before


# Item 1/2: facts, users, visits, outcomes --------------------------------------------------
def test_point_cannot_send_official_facts(world):
    payload = payload_of(world, 0)
    pid = payload["citizens"][0][0]
    payload["facts"] = [
        [uuid.uuid4().hex, pid, "eid_activated", "true", "police_level2", "x.xlsx",
         "2026-05-01", "2026-05-01T00:00:00+00:00"],
        [uuid.uuid4().hex, pid, "payment_status", "paid_to_account", "beneficiary_list",
         "x.xlsx", "2026-05-01", "2026-05-01T00:00:00+00:00"],
    ]  # fmt: skip
    _refused(world, seal(world, payload), "official_fact", "facts")
    with world.police_uow() as uow:
        assert not uow.session.execute(select(t.OfficialFact)).first()


def _user(world, role: Role, point_index: int | None):
    point = None if point_index is None else world.data.points[point_index].id
    return next(u for u in world.data.users if u.role is role and u.support_point_id == point)


def test_outcome_in_the_police_users_name_is_refused(world):
    payload = payload_of(world, 0)
    police_user = _user(world, Role.COMMUNE_POLICE, None)
    payload["users"].append([_hex(police_user.id), police_user.name, "commune_police", None])
    outcome = list(payload["outcomes"][0])
    outcome[0] = uuid.uuid4().hex
    outcome[column("outcomes", "user_id")] = _hex(police_user.id)
    outcome[column("outcomes", "step")] = "eid_activation"
    outcome[column("outcomes", "result")] = "done"
    payload["outcomes"].append(outcome)
    _refused(world, seal(world, payload), "user_role", "users")


def test_point_cannot_create_an_admin_user(world):
    payload = payload_of(world, 0)
    payload["users"].append(
        [uuid.uuid4().hex, "Quản Trị Giả", "admin", _hex(world.data.points[0].id)]
    )
    _refused(world, seal(world, payload), "user_role", "users")
    with world.police_uow() as uow:
        roles = set(uow.session.execute(select(t.AppUser.role)).scalars())
    assert "admin" not in {getattr(r, "value", r) for r in roles}


def test_outcome_on_another_points_visit_is_refused(world):
    # Point 1's bundle is at the police; point 0 then claims one of its visits as its own
    # and puts "e-ID activated" on it.
    world.import_(world.export(1).path)
    theirs = payload_of(world, 1)["visits"][0]
    payload = payload_of(world, 0)
    visit = list(theirs)
    visit[column("visits", "support_point_id")] = _hex(world.data.points[0].id)
    visit[column("visits", "user_id")] = payload["visits"][0][column("visits", "user_id")]
    payload["visits"].append(visit)
    if all(c[0] != visit[1] for c in payload["citizens"]):
        other = payload_of(world, 1)
        payload["citizens"] += [c for c in other["citizens"] if c[0] == visit[1]]
        have = {v[0] for v in payload["villages"]}
        payload["villages"] += [v for v in other["villages"] if v[0] not in have]
    outcome = list(payload["outcomes"][0])
    outcome[0] = uuid.uuid4().hex
    outcome[column("outcomes", "visit_id")] = visit[0]
    outcome[column("outcomes", "personal_id")] = visit[1]
    outcome[column("outcomes", "step")] = "eid_activation"
    outcome[column("outcomes", "result")] = "done"
    payload["outcomes"].append(outcome)
    hostile = seal(world, payload)
    before = counts(world.police)
    (result,) = world.import_(hostile).files
    assert result.params["rule"] == "visit_other_point", text_of(result)
    assert counts(world.police) == before


def test_bank_officer_may_record_only_accounts_and_biometrics(world):
    payload = payload_of(world, 0)
    officer = _user(world, Role.BANK_OFFICER, 0)
    if all(u[0] != _hex(officer.id) for u in payload["users"]):
        payload["users"].append(
            [_hex(officer.id), officer.name, "bank_officer", _hex(officer.support_point_id)]
        )
    outcome = list(payload["outcomes"][0])
    outcome[0] = uuid.uuid4().hex
    outcome[column("outcomes", "user_id")] = _hex(officer.id)
    outcome[column("outcomes", "step")] = "eid_activation"
    outcome[column("outcomes", "result")] = "done"
    outcome[column("outcomes", "bank")] = None
    payload["outcomes"].append(outcome)
    _refused(world, seal(world, payload), "step_not_allowed", "outcomes")


def test_another_points_user_cannot_be_claimed(world):
    world.import_(world.export(1).path)
    payload = payload_of(world, 0)
    theirs = _user(world, Role.VOLUNTEER, 1)
    payload["users"].append(
        [_hex(theirs.id), theirs.name, "volunteer", _hex(world.data.points[0].id)]
    )
    visit = list(payload["visits"][0])
    visit[0] = uuid.uuid4().hex
    visit[column("visits", "user_id")] = _hex(theirs.id)
    payload["visits"].append(visit)
    hostile = seal(world, payload)
    before = counts(world.police)
    (result,) = world.import_(hostile).files
    assert result.params["rule"] == "user_other_point", text_of(result)
    assert counts(world.police) == before


def test_correction_of_another_points_outcome_is_refused(world):
    world.import_(world.export(1).path)
    theirs = payload_of(world, 1)["outcomes"][0]
    payload = payload_of(world, 0)
    correction = list(payload["outcomes"][0])
    correction[0] = uuid.uuid4().hex
    correction[column("outcomes", "corrects")] = theirs[0]
    payload["outcomes"].append(correction)
    hostile = seal(world, payload)
    before = counts(world.police)
    (result,) = world.import_(hostile).files
    assert result.params["rule"] == "correction_other", text_of(result)
    assert counts(world.police) == before


def test_a_point_correcting_its_own_outcome_imports(world):
    payload = payload_of(world, 0)
    correction = list(payload["outcomes"][0])
    correction[0] = uuid.uuid4().hex
    correction[column("outcomes", "corrects")] = payload["outcomes"][0][0]
    payload["outcomes"].append(correction)
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.status == s.IMPORTED


def _correction(payload, world, field: str, new_value: str, point_index: int = 0) -> list:
    pid = payload["citizens"][0][0]
    user = payload["users"][0][0]
    return [
        uuid.uuid4().hex, pid, field, "", new_value, datetime.now(UTC).isoformat(), user,
        _hex(world.data.points[point_index].id),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value", "point_index", "rule"),
    [
        ("full_name", "Tên Mới", 1, "other_point"),  # in another point's name
        ("full_name", "Lê\u202eVăn", 0, "hidden_character"),
        ("birth_date", "9999-99-99", 0, "bad_value"),
        ("village_id", uuid.UUID(int=5).hex, 0, "bad_value"),  # a village nobody knows
    ],
)
def test_citizen_corrections_are_the_points_own_and_well_formed(
    world, field, value, point_index, rule
):
    payload = payload_of(world, 0)
    payload["corrections"] = [_correction(payload, world, field, value, point_index)]
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.status == s.REFUSED and result.params["rule"] == rule, text_of(result)
    assert result.params["section"] == "corrections"
    assert stored_point_ids(world) == {world.data.points[1].id}


def test_a_correction_never_outranks_the_official_name(world):
    payload = payload_of(world, 0)
    row = _correction(payload, world, "full_name", "Tên Do Điểm Sửa")
    payload["corrections"] = [row]
    pid = row[1]
    before = _police_record(world, pid)
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.status == s.IMPORTED
    assert _police_record(world, pid) == before


def test_export_everything_after_the_police_lists_sends_only_the_points_own(world):
    # The police's lists bring other points' visits and official facts to point 0: its
    # "export everything" must not send them back (the police would refuse the bundle).
    world.import_(world.export(0).path, world.export(1).path)
    lists = s.export_lists(
        world.police_uow(), world.police_keys, world.stick, actor=world.police_user()
    )
    mine = world.point_keys[0].load().public.fingerprint
    (own,) = [r for r in lists if r.recipient == mine]
    s.import_bundles(world.point_uow(0), world.point_keys[0], [own.path], actor=world.point_user(0))
    again = world.export(0, everything=True)
    (file,) = world.import_(again.path).files
    assert file.status == s.IMPORTED, text_of(file)
    assert file.new_events == 0 and file.known_events == again.events


def test_a_bank_officers_correction_of_a_citizens_details_is_refused(world):
    """The permission table rules bundles too: a bank officer records accounts, not names."""
    payload = payload_of(world, 0)
    officer = list(payload["users"][0])  # a bank officer of the same point
    officer[0], officer[column("users", "role")] = uuid.uuid4().hex, Role.BANK_OFFICER.value
    payload["users"].append(officer)
    row = _correction(payload, world, "full_name", "Tên Do Ngân Hàng Sửa")
    row[6] = officer[0]
    payload["corrections"] = [row]
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.status == s.REFUSED, text_of(result)
    assert (result.params["section"], result.params["rule"]) == (
        "corrections",
        "correction_not_allowed",
    )
    assert stored_point_ids(world) == {world.data.points[1].id}

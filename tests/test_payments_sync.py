"""Receivers and payment accounts travel in bundles, under the point's rules (issue 19)."""

from __future__ import annotations

import pytest
from hostile import column, import_with_good, payload_of, seal, stored_point_ids, text_of
from sqlalchemy import func, select
from sync_world import make_world

from fieldapp.domain import model as dm
from fieldapp.domain.payments import PaymentHolder
from fieldapp.services import lookup, payments
from fieldapp.services import sync as s
from fieldapp.store import tables as t

NUMBER = "0123456789"


@pytest.fixture
def world(tmp_path):
    return make_world(tmp_path, points=2)


def _bank_officer(world, index: int = 0) -> dm.User:
    point = world.data.points[index]
    return next(
        u for u in world.data.users
        if u.role is dm.Role.BANK_OFFICER and u.support_point_id == point.id
    )  # fmt: skip


def _record_at_point(world, index: int = 0) -> str:
    """A proxy recorded by the volunteer, the proxy's account by the bank officer."""
    point = world.data.points[index]
    pid = next(c for c in world.data.citizens if c.village_id == point.village_id).personal_id
    payments.record_receiver(
        world.point_uow(index), pid, holder=PaymentHolder.PROXY, receiver_name="Lê Văn Nhận",
        relation="con", receiver_id="038095012346", user_id=world.point_user(index).id,
        point_id=point.id,
    )  # fmt: skip
    payments.record_account(
        world.point_uow(index), pid, holder=PaymentHolder.PROXY, bank="MB",
        account_number=NUMBER, user_id=_bank_officer(world, index).id, point_id=point.id,
    )  # fmt: skip
    return pid


def _rows(engine, table) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_a_points_receiver_and_account_reach_the_police(world):
    pid = _record_at_point(world)
    bundle = world.export(0)
    assert NUMBER.encode() not in bundle.path.read_bytes()  # sealed, not in clear
    report = world.import_(bundle.path)
    assert report.files[0].status == s.IMPORTED
    card = lookup.look_up(world.police_uow(), pid)
    assert card.status.paid_via is PaymentHolder.PROXY
    assert card.status.complete  # the receiver's account is recorded: nothing missing
    assert payments.payment_summary(card).account_masked == "••••••6789"
    # a replay stores nothing new
    again = world.import_(bundle.path)
    assert again.files[0].new_events == 0
    assert _rows(world.police, t.PaymentReceiverRow) == 1
    assert _rows(world.police, t.PaymentAccountRow) == 1


def test_the_next_bundle_does_not_send_them_again(world):
    _record_at_point(world)
    world.export(0)
    with world.point_uow(0) as uow:
        from fieldapp.store import sync_queries as q

        assert q.count_unexported(uow.repo.session) == 0


def _receiver_payload(world):
    _record_at_point(world)
    return payload_of(world, 0)


def test_a_bank_officer_may_not_send_a_receiver(world):
    payload = _receiver_payload(world)
    (row,) = payload["receivers"]
    row[column("receivers", "user_id")] = _bank_officer(world).id.hex
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.status == s.REFUSED, text_of(result)
    assert result.params["rule"] == "payment_not_allowed"
    assert result.params["section"] == "receivers"
    assert "cán bộ ngân hàng chỉ ghi tài khoản" in text_of(result)
    assert stored_point_ids(world) == {world.data.points[1].id}
    assert _rows(world.police, t.PaymentReceiverRow) == 0
    assert _rows(world.police, t.PaymentAccountRow) == 0  # nothing of the file is stored


@pytest.mark.parametrize(
    ("section", "name", "value", "rule"),
    [
        ("accounts", "account_number", "01234５6789", "not_ascii_digits"),
        ("accounts", "account_number", "1" * 25, "bad_value"),
        ("accounts", "holder", "cousin", "bad_value"),
        ("receivers", "receiver_id", "0380950123", "bad_value"),
        ("receivers", "receiver_name", "Lê\u202eVăn", "hidden_character"),
    ],
)
def test_malformed_payment_rows_refuse_the_bundle(world, section, name, value, rule):
    payload = _receiver_payload(world)
    payload[section][0][column(section, name)] = value
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.status == s.REFUSED, text_of(result)
    assert result.params["rule"] == rule and result.params["section"] == section
    assert _rows(world.police, t.PaymentAccountRow) == 0


def test_a_payment_row_in_another_points_name_is_refused(world):
    payload = _receiver_payload(world)
    payload["accounts"][0][column("accounts", "support_point_id")] = world.data.points[1].id.hex
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.status == s.REFUSED
    assert (result.params["section"], result.params["rule"]) == ("accounts", "other_point")


def test_a_payment_row_about_a_citizen_not_in_the_bundle_is_refused(world):
    payload = _receiver_payload(world)
    payload["receivers"][0][column("receivers", "personal_id")] = "038095099999"
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.status == s.REFUSED
    assert result.params["rule"] == "missing_reference"


def test_an_older_bundle_without_payment_sections_still_imports(world):
    payload = _receiver_payload(world)
    del payload["receivers"], payload["accounts"]
    result, _, _ = import_with_good(world, seal(world, payload))
    assert result.status == s.IMPORTED, text_of(result)
    assert _rows(world.police, t.PaymentReceiverRow) == 0


def test_an_account_recorded_by_the_police_travels_back_to_the_point(world):
    point = world.data.points[0]
    pid = next(c for c in world.data.citizens if c.village_id == point.village_id).personal_id
    police = world.police_user()
    payments.record_account(
        world.police_uow(), pid, holder=PaymentHolder.SELF, bank="LPBank",
        account_number="000123456789", user_id=police.id, point_id=None,
    )  # fmt: skip
    before = _unexported(world)
    lists = s.export_lists(world.police_uow(), world.police_keys, world.stick, actor=police)
    mine = world.point_keys[0].load().public.fingerprint
    (own,) = [r for r in lists if r.recipient == mine]
    s.import_bundles(world.point_uow(0), world.point_keys[0], [own.path], actor=world.point_user(0))
    card = lookup.look_up(world.point_uow(0), pid)
    assert payments.payment_summary(card).account_masked == "••••••••6789"
    # what the police sent is not the point's own news: its next bundle does not send it back
    assert _unexported(world) == before


def _unexported(world) -> int:
    from fieldapp.store import sync_queries as q

    with world.point_uow(0) as uow:
        return q.count_unexported(uow.repo.session)

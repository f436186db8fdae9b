"""Accounts as an attacker would try them: role climbing, PIN guessing, reading the hashes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ConflictError, ValidationError
from fieldapp.domain.permissions import (
    PERMISSIONS,
    Action,
    ForbiddenError,
    allowed_steps,
    creatable_roles,
    may,
)
from fieldapp.services import pins, setup, users, visits

ADMIN_PASS = "quan-tri-2468"
POLICE_PASS = "cong-an-1357"
VOLUNTEER_PIN = "246810"
T0 = datetime(2026, 6, 1, 2, 0, tzinfo=UTC)


@pytest.fixture
def point(uow):
    """A point set up by its admin, with the police, a volunteer and a bank officer."""
    done = setup.set_up_point(
        uow(), commune_name="Xã Kiên Bình", province="Thanh Hóa",
        village_names=["Thôn Tây Sơn"], point_name="Nhà văn hóa Thôn Tây Sơn",
        point_village="Thôn Tây Sơn",
        users=[
            setup.NewUser("Quản Trị Viên", dm.Role.ADMIN, ADMIN_PASS),
            setup.NewUser("Công An Xã", dm.Role.COMMUNE_POLICE, POLICE_PASS),
            setup.NewUser("Trần Thị Mai", dm.Role.VOLUNTEER, VOLUNTEER_PIN),
            setup.NewUser("Phạm Văn Long", dm.Role.BANK_OFFICER, "135790"),
        ],
    )  # fmt: skip
    admin, police, volunteer, officer = done.users
    return done, admin, police, volunteer, officer


def names(uow) -> set[str]:
    with uow() as u:
        return {x.name for x in u.repo.all_users()}


# Item 10: one permission table; a volunteer cannot climb ----------------------------------
def test_the_permission_table_is_the_one_place_roles_are_decided():
    assert allowed_steps(dm.Role.BANK_OFFICER) == {dm.Step.BANK_ACCOUNT, dm.Step.BIOMETRIC_VERIFIED}
    assert not may(dm.Role.BANK_OFFICER, Action.CREATE_CITIZEN)
    assert not may(dm.Role.VOLUNTEER, Action.MANAGE_USERS)
    assert not may(dm.Role.VOLUNTEER, Action.CAMPAIGN_SETTINGS)
    assert not may(None, Action.LOOK_UP)
    assert creatable_roles(dm.Role.VOLUNTEER) == ()
    assert dm.Role.ADMIN not in creatable_roles(dm.Role.COMMUNE_POLICE)
    assert set(creatable_roles(dm.Role.ADMIN)) == set(dm.Role)
    assert all(role in PERMISSIONS for role in dm.Role)


def test_a_volunteer_cannot_create_an_admin_or_the_police_through_the_service(uow, point):
    _, _, _, volunteer, officer = point
    for actor in (volunteer, officer):
        for role in (dm.Role.ADMIN, dm.Role.COMMUNE_POLICE, dm.Role.VOLUNTEER):
            with pytest.raises(ForbiddenError):
                users.create_user(uow(), actor, name="Kẻ Mạo Danh", role=role, pin=ADMIN_PASS)
    assert "Kẻ Mạo Danh" not in names(uow)


def test_the_police_cannot_create_an_admin_but_an_admin_can(uow, point):
    _, admin, police, _, _ = point
    with pytest.raises(ForbiddenError) as refused:
        users.create_user(uow(), police, name="Admin Hai", role=dm.Role.ADMIN, pin=ADMIN_PASS)
    assert refused.value.message_id == "permission.role_above"
    made = users.create_user(uow(), admin, name="Admin Hai", role=dm.Role.ADMIN, pin=ADMIN_PASS)
    assert made.role is dm.Role.ADMIN


def test_a_forged_actor_object_does_not_carry_its_claimed_role(uow, point):
    """The service re-reads the acting user: a volunteer dressed up as admin stays a volunteer."""
    _, _, _, volunteer, _ = point
    forged = dm.User(volunteer.id, volunteer.name, dm.Role.ADMIN, None)
    with pytest.raises(ForbiddenError):
        users.create_user(uow(), forged, name="Kẻ Mạo Danh", role=dm.Role.ADMIN, pin=ADMIN_PASS)


def test_the_first_user_of_a_store_is_an_admin_and_setup_cannot_be_rerun_to_add_one(uow):
    kwargs = dict(
        commune_name="Xã Kiên Bình", province="", village_names=["Thôn 1"], point_name="Điểm 1",
        point_village=None,
    )  # fmt: skip
    with pytest.raises(ForbiddenError):
        setup.set_up_point(
            uow(), **kwargs, users=[setup.NewUser("Mai", dm.Role.VOLUNTEER, "246810")]
        )
    setup.set_up_point(uow(), **kwargs, users=[setup.NewUser("Chủ", dm.Role.ADMIN, ADMIN_PASS)])
    with pytest.raises(ForbiddenError):  # a second "init" to slip an admin in
        setup.set_up_point(uow(), **kwargs, users=[setup.NewUser("Kẻ", dm.Role.ADMIN, ADMIN_PASS)])
    assert names(uow) == {"Chủ"}


def test_a_deactivated_user_acts_no_more_and_cannot_sign_in(uow, point):
    done, _, police, volunteer, _ = point
    users.deactivate_user(uow(), police, volunteer.id)
    with pytest.raises(ValidationError) as refused:
        users.sign_in(uow(), volunteer.id, VOLUNTEER_PIN)
    assert refused.value.message_id == "signin.inactive"
    with pytest.raises(ForbiddenError):  # a desk still holding the old session
        visits.register_visit(uow(), "038190012345", user_id=volunteer.id, point_id=done.point.id)


def test_the_last_manager_cannot_be_deactivated(uow, point):
    _, admin, police, _, _ = point
    users.deactivate_user(uow(), admin, police.id)
    with pytest.raises(ConflictError):
        users.deactivate_user(uow(), admin, admin.id)


def test_rename_and_new_pin_follow_the_role_rules(uow, point):
    _, admin, police, volunteer, _ = point
    with pytest.raises(ForbiddenError):
        users.set_pin(uow(), police, admin.id, "chiem-quyen-99")  # take over the admin
    with pytest.raises(ForbiddenError):
        users.rename_user(uow(), volunteer, police.id, "Ai Đó")
    users.rename_user(uow(), police, volunteer.id, "Trần Thị Mai Anh")
    users.set_pin(uow(), police, volunteer.id, "864200")
    assert users.sign_in(uow(), volunteer.id, "864200").name == "Trần Thị Mai Anh"
    users.set_pin(uow(), volunteer, volunteer.id, "975310", old_pin="864200")
    with pytest.raises(ValidationError):
        users.set_pin(uow(), volunteer, volunteer.id, "111111", old_pin="000000")


# Item 11: PINs ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("role", "pin", "message"),
    [
        (dm.Role.VOLUNTEER, "", "pin.too_short"),
        (dm.Role.VOLUNTEER, "7", "pin.too_short"),
        (dm.Role.VOLUNTEER, "1234", "pin.too_short"),
        (dm.Role.VOLUNTEER, "12345a", "pin.too_short"),
        (dm.Role.VOLUNTEER, "１２３４５６", "pin.too_short"),  # full-width digits
        (dm.Role.BANK_OFFICER, "12345", "pin.too_short"),
        (dm.Role.COMMUNE_POLICE, "246810", "pin.passphrase_short"),
        (dm.Role.ADMIN, "1234567", "pin.passphrase_short"),
    ],
)
def test_pins_are_required_and_long_enough(uow, point, role, pin, message):
    _, admin, *_ = point
    with pytest.raises(ValidationError) as refused:
        users.create_user(uow(), admin, name="Người Mới", role=role, pin=pin)
    assert refused.value.message_id == message
    assert "Người Mới" not in names(uow)


def test_brute_forcing_a_pin_backs_off_then_locks_until_the_police_unlock(uow, point):
    _, _, police, volunteer, _ = point
    at = T0
    waits = []
    for guess in range(users.LOCK_AFTER):
        while True:
            try:
                users.sign_in(uow(), volunteer.id, f"{guess:06d}", now=at)
            except ValidationError as refused:
                if refused.message_id == "signin.wait":
                    waits.append(refused.params["seconds"])
                    at += timedelta(seconds=refused.params["seconds"])
                    continue
                last = refused.message_id
            break
    assert waits == sorted(waits) and waits[-1] > waits[0] > 0  # the delay grows
    assert last == "signin.locked"
    with pytest.raises(ValidationError) as refused:  # now even the right PIN is refused
        users.sign_in(uow(), volunteer.id, VOLUNTEER_PIN, now=at + timedelta(days=1))
    assert refused.value.message_id == "signin.locked"
    with pytest.raises(ForbiddenError):
        users.unlock_user(uow(), volunteer, volunteer.id)  # nor can they unlock themselves
    users.unlock_user(uow(), police, volunteer.id)
    assert users.sign_in(uow(), volunteer.id, VOLUNTEER_PIN, now=at) == volunteer


def test_a_right_pin_resets_the_count(uow, point):
    _, _, _, volunteer, _ = point
    for _ in range(2):
        with pytest.raises(ValidationError):
            users.sign_in(uow(), volunteer.id, "000000", now=T0)
    users.sign_in(uow(), volunteer.id, VOLUNTEER_PIN, now=T0)
    with pytest.raises(ValidationError) as refused:
        users.sign_in(uow(), volunteer.id, "000000", now=T0)
    assert refused.value.params["left"] == users.LOCK_AFTER - 1


def test_a_user_with_no_pin_cannot_sign_in_whatever_is_typed(uow, point):
    _, _, _, volunteer, _ = point
    with uow() as u:
        u.repo.update_user(volunteer.id, pin_hash="")
        u.commit()
    for typed in ("", "000000", VOLUNTEER_PIN):
        with pytest.raises(ValidationError) as refused:
            users.sign_in(uow(), volunteer.id, typed)
        assert refused.value.message_id == "signin.no_pin"


def test_reading_the_pin_hash_gives_a_salted_memory_hard_hash_with_its_parameters(
    uow, point, db_url
):
    if not db_url.startswith("sqlite"):
        pytest.skip("reads the SQLite file directly")
    from pathlib import Path

    from fieldapp.store.cipher import connect_store  # the file is encrypted: with its key

    with connect_store(Path(db_url.removeprefix("sqlite:///"))) as db:
        stored = dict(db.execute("SELECT name, pin_hash FROM app_user").fetchall())
    hashes = list(stored.values())
    assert all(h.startswith("scrypt$ln=") for h in hashes)
    assert len({h.split("$")[2] for h in hashes}) == len(hashes)  # a salt per user
    assert VOLUNTEER_PIN not in " ".join(hashes)
    # The production cost (tests hash cheaply): 64 MiB of memory per guess.
    production = pins.PRODUCTION_PARAMS
    assert 2**production.log_n * production.r * 128 >= 64 * 2**20
    previous = pins.use_params(production)
    try:
        made = pins.hash_pin(VOLUNTEER_PIN)
    finally:
        pins.use_params(previous)
    assert pins.hash_params(made) == production and pins.verify_pin(VOLUNTEER_PIN, made)
    assert not pins.verify_pin("246811", made)


def test_an_old_hash_still_signs_in_is_rehashed_and_a_short_pin_must_change(uow, point):
    """Stores from before issue 13: `scrypt$salt$digest`, 4-digit PINs. Nobody locked out."""
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    _, _, _, volunteer, _ = point
    salt = bytes(range(16))
    digest = Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(b"1234")
    with uow() as u:
        u.repo.update_user(volunteer.id, pin_hash=f"scrypt${salt.hex()}${digest.hex()}")
        u.commit()
    assert users.sign_in(uow(), volunteer.id, "1234") == volunteer
    assert users.pin_change_needed(uow(), volunteer.id)
    with uow() as u:
        assert u.repo.user_pin_hash(volunteer.id).startswith("scrypt$ln=")
    users.set_pin(uow(), volunteer, volunteer.id, "864200", old_pin="1234")
    assert not users.pin_change_needed(uow(), volunteer.id)


def test_an_old_store_without_pins_is_taken_over_by_its_first_admin(uow):
    """Users with no PIN and no admin: the next user made is an admin, with no sign-in."""
    with uow() as u:
        u.repo.add_user(dm.User(dm.new_id(), "Mai Cũ", dm.Role.VOLUNTEER, None))
        u.commit()
    with pytest.raises(ForbiddenError):
        users.create_user(uow(), None, name="Kẻ", role=dm.Role.VOLUNTEER, pin="246810")
    admin = users.create_user(uow(), None, name="Chủ", role=dm.Role.ADMIN, pin=ADMIN_PASS)
    with pytest.raises(ForbiddenError):  # now the store has a manager: no more free admins
        users.create_user(uow(), None, name="Kẻ", role=dm.Role.ADMIN, pin=ADMIN_PASS)
    with uow() as u:
        old = next(x for x in u.repo.all_users() if x.name == "Mai Cũ")
    users.set_pin(uow(), admin, old.id, "246810")
    assert users.sign_in(uow(), old.id, "246810").name == "Mai Cũ"


def test_hooks_see_each_account_change_with_the_pin(uow, point):
    _, admin, *_ = point
    seen = []

    class Slots:
        def user_added(self, uow, user, pin):
            seen.append(("added", user.name, pin))

        def pin_changed(self, uow, user, pin):
            seen.append(("pin", user.name, pin))

        def user_deactivated(self, uow, user):
            seen.append(("gone", user.name, None))

    hooks = Slots()
    users.register_hooks(hooks)
    try:
        made = users.create_user(
            uow(), admin, name="Lê Thu", role=dm.Role.VOLUNTEER, pin="112233",
            point_id=point[0].point.id,
        )  # fmt: skip
        users.set_pin(uow(), admin, made.id, "445566")
        users.deactivate_user(uow(), admin, made.id)
    finally:
        users.unregister_hooks(hooks)
    assert seen == [("added", "Lê Thu", "112233"), ("pin", "Lê Thu", "445566"),
                    ("gone", "Lê Thu", None)]  # fmt: skip


def test_the_migration_keeps_old_users_and_their_old_pins(tmp_path):
    """A store at the schema before accounts: its users sign in after the upgrade."""
    from alembic import command
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
    from sqlalchemy import text

    from fieldapp.store.engine import make_engine
    from fieldapp.store.migrate import alembic_config, upgrade
    from fieldapp.store.uow import SqlUnitOfWork

    engine = make_engine(f"sqlite:///{tmp_path / 'old.sqlite3'}")
    config = alembic_config()
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0007_name_search")
    salt = bytes(16)
    digest = Scrypt(salt=salt, length=32, n=2**14, r=8, p=1).derive(b"1234")
    old_id, no_pin_id = dm.new_id(), dm.new_id()
    with engine.begin() as connection:
        for uid, name, pin_hash in ((old_id, "Mai", f"scrypt${salt.hex()}${digest.hex()}"),
                                    (no_pin_id, "Lan", "")):  # fmt: skip
            connection.execute(
                text("INSERT INTO app_user (id, name, role, pin_hash, active) "
                     "VALUES (:id, :name, 'volunteer', :pin_hash, 1)"),
                {"id": uid.hex, "name": name, "pin_hash": pin_hash},
            )  # fmt: skip
    upgrade(engine)
    uow = lambda: SqlUnitOfWork(engine)  # noqa: E731
    assert users.sign_in(uow(), old_id, "1234").name == "Mai"
    assert users.pin_change_needed(uow(), old_id)
    with pytest.raises(ValidationError) as refused:
        users.sign_in(uow(), no_pin_id, "")
    assert refused.value.message_id == "signin.no_pin"  # told why, and what to do
    engine.dispose()

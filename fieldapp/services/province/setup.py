"""A province store: its name, its first users, its key pair; and telling it from a commune's."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ConflictError, NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.report_windows import deadline_time
from fieldapp.domain.text import normalise_name
from fieldapp.services import users as accounts
from fieldapp.services.setup import NewUser
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.sync.keys import ROLE_PROVINCE, Keyring, PublicKeys

STORE_LEVEL = "store_level"  # setting: "province" in a province store, absent in a commune's
PROVINCE_LEVEL = "province"
PROVINCE_NAME = "province_name"
REPORT_DEADLINE = "province_report_deadline"  # the province compiles by 17:00 (seed 002)
DEFAULT_DEADLINE = "17:00"


@dataclass(frozen=True, slots=True)
class ProvinceSetup:
    """What `set_up_province` made."""

    province: str
    users: tuple[dm.User, ...]
    keys: PublicKeys | None


def is_province_store(uow: UnitOfWork) -> bool:
    """True in a store set up with `init --province-level`."""
    with uow:
        return uow.repo.get_setting(STORE_LEVEL) == PROVINCE_LEVEL


def province_name(uow: UnitOfWork) -> str:
    """The province this store serves; refuses a store that is not a province's."""
    with uow:
        level = uow.repo.get_setting(STORE_LEVEL)
        name = uow.repo.get_setting(PROVINCE_NAME) or ""
    if level != PROVINCE_LEVEL:
        raise NotFoundError("province.not_a_province_store")
    return name


def report_deadline(uow: UnitOfWork) -> str:
    """The time of day by which every commune should have reported ("17:00")."""
    with uow:
        return uow.repo.get_setting(REPORT_DEADLINE) or DEFAULT_DEADLINE


def set_report_deadline(uow: UnitOfWork, value: str, *, actor: dm.User) -> str:
    """The hour by which communes should have reported ("17:00"); after it, the late list."""
    accounts.check(uow, actor, Action.PROVINCE_SETTINGS)
    at = deadline_time(value)  # "HH:MM", else one line naming what was typed
    clean = f"{at.hour:02d}:{at.minute:02d}"
    with uow:
        if uow.repo.get_setting(STORE_LEVEL) != PROVINCE_LEVEL:
            raise NotFoundError("province.not_a_province_store")
        uow.repo.set_setting(REPORT_DEADLINE, clean)
        uow.commit()
    return clean


def set_up_province(
    uow: UnitOfWork,
    keyring: Keyring,
    *,
    province: str,
    users: Sequence[NewUser],
    actor: dm.User | None = None,
) -> ProvinceSetup:
    """Make this store the province's: its name, users (first: admin), and its key pair.

    A store that already holds a commune (citizens, points) is refused: the province's
    store holds counts only. Running it again adds users, never a second key pair.
    """
    name = normalise_name(province)
    if not name:
        raise ValidationError("province.name_needed")
    created: list[dm.User] = []
    with uow:
        repo = uow.repo
        if repo.communes():
            raise ConflictError("province.store_is_a_commune")
        current = repo.get_setting(PROVINCE_NAME)
        if current is not None and current != name:
            raise ConflictError("province.other_province", name=current)
        if not accounts.may_bootstrap(repo):
            accounts.authorise(repo, actor, Action.MANAGE_USERS)
        repo.set_setting(STORE_LEVEL, PROVINCE_LEVEL)
        repo.set_setting(PROVINCE_NAME, name)
        taken = {u.name.casefold() for u in repo.all_users()}
        for new in users:
            if normalise_name(new.name).casefold() in taken:
                continue
            user = accounts.add_user_in(
                uow, actor, name=new.name, role=new.role, pin=new.pin, point_id=None
            )
            actor = actor or user
            created.append(user)
            taken.add(user.name.casefold())
        uow.commit()
    keys = None
    if not keyring.exists():
        keys = keyring.create(
            ROLE_PROVINCE, f"Công an tỉnh {name}", commune_id=None, point_id=None
        ).public
    return ProvinceSetup(name, tuple(created), keys)

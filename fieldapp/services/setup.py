"""Setting up a support point: its commune, villages, the point itself and its users."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass

from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.text import normalise_name
from fieldapp.services import users as accounts
from fieldapp.services.unit_of_work import UnitOfWork

THIS_POINT = "this_point_id"
LANGUAGE = "language"
DEMO_SETTING = "demo_store"  # the same key as fieldapp.demo.stores.DEMO_SETTING


@dataclass(frozen=True, slots=True)
class NewUser:
    """A user to create at setup."""

    name: str
    role: dm.Role
    pin: str = ""


@dataclass(frozen=True, slots=True)
class PointSetup:
    """What setup created."""

    commune: dm.Commune
    villages: tuple[dm.Village, ...]
    point: dm.SupportPoint
    users: tuple[dm.User, ...]
    already_set_up: bool = False


def set_up_point(
    uow: UnitOfWork,
    *,
    commune_name: str,
    province: str,
    village_names: Sequence[str],
    point_name: str,
    point_village: str | None,
    users: Sequence[NewUser],
    actor: dm.User | None = None,
) -> PointSetup:
    """Create the commune (or reuse it), its villages, this point and its users, in one go.

    On a store nobody manages yet the first user is its admin and creates the others; on a
    store that has one, adding users takes an acting user who may (see `users`).
    """
    names = [normalise_name(n) for n in village_names if n.strip()]
    if not normalise_name(commune_name):
        raise ValidationError("setup.commune_needed")
    if not normalise_name(point_name):
        raise ValidationError("setup.point_needed")
    with uow:
        repo = uow.repo
        if not accounts.may_bootstrap(repo):
            accounts.authorise(repo, actor, Action.MANAGE_USERS)
        commune = next(iter(repo.communes()), None)
        if commune is None:
            commune = dm.Commune(
                uuid.uuid4(), normalise_name(commune_name), normalise_name(province)
            )
            repo.add_commune(commune)
        existing = {v.name.casefold(): v for v in repo.villages()}
        villages: list[dm.Village] = []
        for name in names:
            village = existing.get(name.casefold())
            if village is None:
                village = dm.Village(uuid.uuid4(), commune.id, name)
                repo.add_village(village)
                existing[name.casefold()] = village
            villages.append(village)
        village_id = None
        if point_village:
            found = existing.get(normalise_name(point_village).casefold())
            if found is None:
                raise NotFoundError("village.unknown", name=point_village)
            village_id = found.id
        current = repo.get_setting(THIS_POINT)
        point = None if current is None else repo.get_support_point(uuid.UUID(current))
        already = point is not None
        if point is None:
            point = dm.SupportPoint(uuid.uuid4(), normalise_name(point_name), village_id)
            repo.add_support_point(point)
        # Running set-up again (to add villages) must not make a second point or user.
        taken = {u.name.casefold() for u in repo.all_users()}
        created: list[dm.User] = []
        for new in users:
            if normalise_name(new.name).casefold() in taken:
                continue
            user = accounts.add_user_in(
                uow, actor, name=new.name, role=new.role, pin=new.pin, point_id=point.id
            )
            actor = actor or user
            created.append(user)
            taken.add(user.name.casefold())
        repo.set_setting(THIS_POINT, str(point.id))
        uow.commit()
    return PointSetup(commune, tuple(villages), point, tuple(created), already)


def this_point(uow: UnitOfWork) -> dm.SupportPoint:
    """The support point this installation belongs to."""
    with uow:
        value = uow.repo.get_setting(THIS_POINT)
        point = None if value is None else uow.repo.get_support_point(uuid.UUID(value))
    if point is None:
        raise NotFoundError("point.not_set_up")
    return point


def users_of_point(uow: UnitOfWork, point_id: uuid.UUID) -> list[dm.User]:
    """The people who can sign in at a point (and police/admins without a point)."""
    with uow:
        return [u for u in uow.repo.users() if u.support_point_id in (point_id, None)]


def find_user(uow: UnitOfWork, name: str) -> dm.User:
    """A user by name, case and spacing ignored (deactivated ones too: sign-in says so)."""
    wanted = normalise_name(name).casefold()
    with uow:
        for user in uow.repo.all_users():
            if user.name.casefold() == wanted:
                return user
    raise NotFoundError("user.unknown", name=name)


def sign_in(uow: UnitOfWork, user_id: uuid.UUID, pin: str) -> dm.User:
    """Check a user's PIN (with back-off and lockout, see `users.sign_in`)."""
    return accounts.sign_in(uow, user_id, pin)


def is_demo_store(uow: UnitOfWork) -> bool:
    """True in a store filled with sample data (the desk says DEMO)."""
    with uow:
        return uow.repo.get_setting(DEMO_SETTING) is not None

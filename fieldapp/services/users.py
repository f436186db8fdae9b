"""Accounts: create with the role rules, rename, deactivate, new PIN, unlock, sign in.

Every change takes the acting user, re-read from the store (a deactivated or locked user
acts no more, whatever the face still holds), and asks the permission table. A store with
nobody able to manage users (a new one, or one from before PINs were required) may create
its first admin without an acting user: that is how a store is set up, and how an old one
is taken over without locking anyone out.

Hooks (`register_hooks`) see every user added, PIN changed and user deactivated inside the
same transaction, with the new PIN: the store-key slots of the at-rest encryption hang there.
"""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Protocol

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ConflictError, NotFoundError, ValidationError
from fieldapp.domain.permissions import (
    FIRST_USER_ROLE,
    MANAGEABLE_ROLES,
    Action,
    ForbiddenError,
    require,
    require_manage,
)
from fieldapp.domain.safe_text import check_name
from fieldapp.domain.text import normalise_name
from fieldapp.services import pins
from fieldapp.services.clock import utc_now
from fieldapp.services.unit_of_work import UnitOfWork
from fieldapp.store.repository import SqlRepository

FREE_TRIES = 3  # wrong PINs before the back-off starts
LOCK_AFTER = 10  # wrong PINs in a row that lock the account
MAX_DELAY_S = 60
MAX_NAME = 80
MANAGER_ROLES = tuple(role for role, managed in MANAGEABLE_ROLES.items() if managed)


def backoff_seconds(failed: int) -> int:
    """How long to wait after `failed` wrong PINs in a row: 0, 0, 0, 2, 4, 8, ... 60 s."""
    if failed < FREE_TRIES:
        return 0
    return min(MAX_DELAY_S, 2 ** (failed - FREE_TRIES + 1))


class AccountHooks(Protocol):
    """Called inside the transaction that changes an account (e.g. store-key slots)."""

    def user_added(self, uow: UnitOfWork, user: dm.User, pin: str) -> None:
        """A user was created with this PIN."""

    def pin_changed(self, uow: UnitOfWork, user: dm.User, pin: str) -> None:
        """A user's PIN was set or changed."""

    def user_deactivated(self, uow: UnitOfWork, user: dm.User) -> None:
        """A user may sign in no more."""

    def user_renamed(self, uow: UnitOfWork, user: dm.User) -> None:
        """A user signs in under a new name."""

    def user_unlocked(self, uow: UnitOfWork, user: dm.User) -> None:
        """A locked user's wrong tries were cleared."""


_HOOKS: list[AccountHooks] = []


def register_hooks(hooks: AccountHooks) -> None:
    """Have these hooks called on every account change (once per object)."""
    if hooks not in _HOOKS:
        _HOOKS.append(hooks)


def unregister_hooks(hooks: AccountHooks) -> None:
    """Stop calling these hooks."""
    if hooks in _HOOKS:
        _HOOKS.remove(hooks)


def authorise(repo: SqlRepository, actor: dm.User | uuid.UUID | None, action: Action) -> dm.User:
    """The acting user as the store knows them now, if they may take the action.

    Raises ForbiddenError for nobody, an unknown, deactivated or locked user, or a role the
    permission table does not allow.
    """
    actor_id = actor.id if isinstance(actor, dm.User) else actor
    state = None if actor_id is None else repo.user_sign_in_state(actor_id)
    if state is None or not state.user.active or state.locked:
        raise ForbiddenError("permission.no_user", action=action)
    require(state.user.role, action)
    return state.user


def check(uow: UnitOfWork, actor: dm.User | uuid.UUID | None, action: Action) -> dm.User:
    """`authorise` in a unit of work of its own: a service's first line.

    Call it before the service opens its own `with uow` (a unit of work does not nest).
    """
    with uow:
        return authorise(uow.repo, actor, action)


def may_bootstrap(repo: SqlRepository) -> bool:
    """True if nobody can manage users yet: the next user may be created without one."""
    return repo.managers_with_pin(MANAGER_ROLES) == 0


def create_user(
    uow: UnitOfWork,
    actor: dm.User | None,
    *,
    name: str,
    role: dm.Role,
    pin: str,
    point_id: uuid.UUID | None = None,
) -> dm.User:
    """Add a user with a PIN that meets the policy, if the acting user may create that role.

    The police and admins belong to no point; everyone else to `point_id`.
    """
    with uow:
        user = add_user_in(uow, actor, name=name, role=role, pin=pin, point_id=point_id)
        uow.commit()
    return user


def add_user_in(
    uow: UnitOfWork,
    actor: dm.User | None,
    *,
    name: str,
    role: dm.Role,
    pin: str,
    point_id: uuid.UUID | None,
) -> dm.User:
    """`create_user` inside a caller's open unit of work (setup adds several at once)."""
    repo = uow.repo
    if actor is None and may_bootstrap(repo):
        if role is not FIRST_USER_ROLE:
            raise ForbiddenError("users.first_is_admin")
    else:
        acting = authorise(repo, actor, Action.MANAGE_USERS)
        require_manage(acting.role, role)
    clean = _clean_name(name)
    pins.check_pin_policy(pin, role)
    if any(u.name.casefold() == clean.casefold() for u in repo.all_users()):
        raise ConflictError("desk.users.exists", name=clean)
    police = role in (dm.Role.COMMUNE_POLICE, dm.Role.ADMIN, dm.Role.PROVINCE_POLICE)
    user = dm.User(dm.new_id(), clean, role, None if police else point_id)
    repo.add_user(user, pin_hash=pins.hash_pin(pin))
    repo.session.flush()
    for hooks in list(_HOOKS):
        hooks.user_added(uow, user, pin)
    return user


def rename_user(uow: UnitOfWork, actor: dm.User, user_id: uuid.UUID, new_name: str) -> dm.User:
    """Give a user another name (unique, case and spacing ignored)."""
    clean = _clean_name(new_name)
    with uow:
        repo = uow.repo
        target = _managed_target(repo, actor, user_id)
        if any(u.name.casefold() == clean.casefold() and u.id != user_id for u in repo.all_users()):
            raise ConflictError("desk.users.exists", name=clean)
        repo.update_user(user_id, name=clean)
        renamed = dm.User(target.id, clean, target.role, target.support_point_id, target.active)
        for hooks in list(_HOOKS):
            hooks.user_renamed(uow, renamed)
        uow.commit()
    return renamed


def deactivate_user(uow: UnitOfWork, actor: dm.User, user_id: uuid.UUID) -> dm.User:
    """A user may sign in no more; their visits stay theirs. The last manager stays."""
    with uow:
        repo = uow.repo
        target = _managed_target(repo, actor, user_id)
        repo.update_user(user_id, active=False)
        repo.session.flush()
        if target.role in MANAGER_ROLES and may_bootstrap(repo):
            raise ConflictError("users.last_manager", name=target.name)
        gone = dm.User(target.id, target.name, target.role, target.support_point_id, False)
        for hooks in list(_HOOKS):
            hooks.user_deactivated(uow, gone)
        uow.commit()
    return gone


def set_pin(
    uow: UnitOfWork,
    actor: dm.User | None,
    user_id: uuid.UUID,
    new_pin: str,
    *,
    old_pin: str | None = None,
) -> dm.User:
    """A new PIN: one's own with the old PIN, or anyone's a manager of their role may set.

    A new PIN also clears wrong tries and the lock: the person has it from a manager. The
    old PIN is checked as a sign-in is, so guessing it here counts as wrong tries too.
    """
    own = actor is not None and actor.id == user_id and old_pin is not None
    if own:
        sign_in(uow, user_id, old_pin or "")
    with uow:
        repo = uow.repo
        state = repo.user_sign_in_state(user_id)
        if state is None:
            raise NotFoundError("user.unknown", name=str(user_id))
        target = state.user
        if own:
            pass
        elif actor is None and may_bootstrap(repo) and target.role in MANAGER_ROLES:
            pass  # an old store whose police or admin never had a PIN: take it over
        else:
            acting = authorise(repo, actor, Action.MANAGE_USERS)
            require_manage(acting.role, target.role)
        pins.check_pin_policy(new_pin, target.role)
        repo.update_user(
            user_id,
            pin_hash=pins.hash_pin(new_pin),
            failed_pins=0,
            retry_after=None,
            locked=False,
            pin_change_needed=False,
        )
        for hooks in list(_HOOKS):
            hooks.pin_changed(uow, target, new_pin)
        uow.commit()
    return target


def unlock_user(uow: UnitOfWork, actor: dm.User, user_id: uuid.UUID) -> dm.User:
    """Clear the wrong tries of a locked user: the police or an admin, for anyone."""
    with uow:
        repo = uow.repo
        authorise(repo, actor, Action.MANAGE_USERS)
        state = repo.user_sign_in_state(user_id)
        if state is None:
            raise NotFoundError("user.unknown", name=str(user_id))
        repo.update_user(user_id, failed_pins=0, retry_after=None, locked=False)
        for hooks in list(_HOOKS):
            hooks.user_unlocked(uow, state.user)
        uow.commit()
    return state.user


def list_users(uow: UnitOfWork, actor: dm.User) -> list[UserLine]:
    """Every user with their state, for the people who manage them."""
    with uow:
        repo = uow.repo
        authorise(repo, actor, Action.MANAGE_USERS)
        lines = []
        for user in repo.all_users():
            state = repo.user_sign_in_state(user.id)
            assert state is not None
            lines.append(UserLine(user, bool(state.pin_hash), state.locked))
        return lines


@dataclass(frozen=True, slots=True)
class UserLine:
    """A user as the user list shows them."""

    user: dm.User
    has_pin: bool
    locked: bool


def sign_in(
    uow: UnitOfWork,
    user_id: uuid.UUID,
    pin: str,
    *,
    now: datetime | None = None,
    pin_proven: bool = False,
) -> dm.User:
    """Check a user's PIN; the user on success.

    The try is counted before the (slow) PIN check, so tries in parallel are counted too;
    wrong tries in a row make the next one wait longer, and the tenth locks the account.
    `pin_proven`: this PIN has just opened the user's own key slot of the encrypted store
    (which counts its own wrong tries), so the slow hash check is not repeated; the
    account's state (inactive, locked, waiting) is checked all the same.
    """
    at = now or utc_now()
    with uow:
        repo = uow.repo
        state = repo.user_sign_in_state(user_id)
        if state is None:
            raise ValidationError("signin.wrong_pin")
        if not state.user.active:
            raise ValidationError("signin.inactive", name=state.user.name)
        if state.locked:
            raise ValidationError("signin.locked", name=state.user.name)
        if not state.pin_hash:
            raise ValidationError("signin.no_pin", name=state.user.name)
        if state.retry_after is not None and at < state.retry_after:
            wait = math.ceil((state.retry_after - at).total_seconds())
            raise ValidationError("signin.wait", seconds=wait)
        tries = state.failed_pins + 1
        if not pin_proven:
            repo.update_user(
                user_id,
                failed_pins=tries,
                retry_after=at + timedelta(seconds=backoff_seconds(tries)),
            )
            uow.commit()
    if pin_proven or pins.verify_pin(pin, state.pin_hash):
        counted = not pin_proven or state.failed_pins > 0 or state.retry_after is not None
        _signed_in(uow, state.user, pin, state.pin_hash, forget_tries=counted)
        return state.user
    with uow:
        locked = tries >= LOCK_AFTER
        uow.repo.update_user(user_id, locked=locked)
        uow.commit()
    if locked:
        raise ValidationError("signin.locked", name=state.user.name)
    raise ValidationError("signin.wrong_pin_left", left=LOCK_AFTER - tries)


def _signed_in(
    uow: UnitOfWork, user: dm.User, pin: str, stored: str, *, forget_tries: bool = True
) -> None:
    """Forget the wrong tries; re-hash an old hash; ask for a new PIN if it is too short."""
    values: dict[str, object] = {"failed_pins": 0, "retry_after": None} if forget_tries else {}
    if pins.needs_rehash(stored):
        values["pin_hash"] = pins.hash_pin(pin)
    if not pins.meets_policy(pin, user.role):
        values["pin_change_needed"] = True
    if not values:
        return  # nothing to write: no transaction (the CLI's `status` signs in every call)
    with uow:
        uow.repo.update_user(user.id, **values)
        uow.commit()


def pin_change_needed(uow: UnitOfWork, user_id: uuid.UUID) -> bool:
    """True if the user's PIN is older than the policy and must be changed."""
    with uow:
        state = uow.repo.user_sign_in_state(user_id)
    return state is not None and state.pin_change_needed


def _managed_target(repo: SqlRepository, actor: dm.User, user_id: uuid.UUID) -> dm.User:
    acting = authorise(repo, actor, Action.MANAGE_USERS)
    target = repo.get_user(user_id)
    if target is None:
        raise NotFoundError("user.unknown", name=str(user_id))
    require_manage(acting.role, target.role)
    return target


def _clean_name(name: str) -> str:
    clean = check_name(normalise_name(name), field="user_name")
    if not clean:
        raise ValidationError("desk.users.name_needed")
    if len(clean) > MAX_NAME:
        raise ValidationError("users.name_too_long", count=MAX_NAME)
    return clean

"""Acting users for tests that call the services directly: every service checks its actor."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import Engine

from fieldapp.domain import model as dm
from fieldapp.services.pins import current_params, derive_key
from fieldapp.store.uow import SqlUnitOfWork

POLICE_NAME = "Công An Thử"
POLICE_PASSPHRASE = "cong-an-thu-2468"


def police_of(
    source: Engine | Callable[[], Any] | Any, role: dm.Role = dm.Role.COMMUNE_POLICE
) -> dm.User:
    """The store's test police officer (an admin with `role=ADMIN`), made on first use."""
    if isinstance(source, Engine):
        uow = SqlUnitOfWork(source)
    elif isinstance(source, SqlUnitOfWork):
        uow = SqlUnitOfWork(source.engine)
    else:
        uow = source()
    name = f"{POLICE_NAME} {role.value}"
    with uow:
        for user in uow.repo.all_users():
            if user.name == name:
                return user
        # The same id and hash in every store: stores compared row by row stay equal.
        user = dm.User(uuid.uuid5(uuid.NAMESPACE_URL, f"fieldapp-test:{name}"), name, role, None)
        uow.repo.add_user(user, pin_hash=_fixed_hash(POLICE_PASSPHRASE))
        uow.commit()
    return user


def act_as_police(monkeypatch: Any, source: Engine | Callable[[], Any] | Any) -> dm.User:
    """Make the CLI run as the store's test police officer ($FIELDAPP_USER, $FIELDAPP_PIN)."""
    police = police_of(source)
    monkeypatch.setenv("FIELDAPP_USER", police.name)
    monkeypatch.setenv("FIELDAPP_PIN", POLICE_PASSPHRASE)
    return police


def _fixed_hash(secret: str) -> str:
    """A valid PIN hash with a fixed salt (tests only: real hashes get a random one)."""
    params, salt = current_params(), bytes(16)
    return f"scrypt${params.text()}${salt.hex()}${derive_key(secret, salt, params).hex()}"

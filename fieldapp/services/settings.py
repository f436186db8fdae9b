"""Local settings shared by the faces: the banks in use, the language, the report deadline."""

from __future__ import annotations

import json

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.text import normalise_name
from fieldapp.services import users
from fieldapp.services.unit_of_work import UnitOfWork

BANKS = "banks"
LANGUAGE = "language"
DEFAULT_BANKS = ("MB", "LPBank", "Agribank", "Vietcombank", "BIDV", "VietinBank")


def banks(uow: UnitOfWork) -> list[str]:
    """The banks a bank officer can pick (the seeds name MB and LPBank)."""
    with uow:
        stored = uow.repo.get_setting(BANKS)
    return list(DEFAULT_BANKS) if stored is None else json.loads(stored)


def set_banks(uow: UnitOfWork, names: list[str], *, actor: dm.User) -> list[str]:
    """Replace the list of banks; empty names dropped, duplicates removed."""
    users.check(uow, actor, Action.POINT_SETTINGS)
    cleaned = list(dict.fromkeys(normalise_name(n) for n in names if n.strip()))
    if not cleaned:
        raise ValidationError("settings.banks_empty")
    with uow:
        uow.repo.set_setting(BANKS, json.dumps(cleaned, ensure_ascii=False))
        uow.commit()
    return cleaned


def language(uow: UnitOfWork) -> str:
    """The desk's language: 'vi' unless English was chosen in settings."""
    with uow:
        return uow.repo.get_setting(LANGUAGE) or "vi"


def set_language(uow: UnitOfWork, lang: str) -> None:
    """Choose the desk's language."""
    if lang not in ("vi", "en"):
        raise ValidationError("settings.bad_language", value=lang)
    with uow:
        uow.repo.set_setting(LANGUAGE, lang)
        uow.commit()

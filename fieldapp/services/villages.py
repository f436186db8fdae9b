"""Villages and support points after set-up: from lists (a fresh install knows none), by hand.

Lists are the commune's source of truth for its villages. A list naming villages the commune
does not have shows them with their row counts; names that look like an existing village
written another way ("ĐôngHòa", "Thôn 03") are flagged, not added; the others are added in the
import's own transaction when the user asks (`--add-villages`, the dialog's check boxes).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from fieldapp.domain import model as dm
from fieldapp.domain.errors import ConflictError, NotFoundError, ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.text import fold, normalise_name
from fieldapp.ingest.values import village_key
from fieldapp.services import users
from fieldapp.services.unit_of_work import UnitOfWork

_LOOSE_PREFIX = re.compile(r"^(thon|lang|xom|ap|to dan pho|to|ban|khu pho|khu|doi|cum)\s+")
_NOT_ALNUM = re.compile(r"[^0-9a-z]+")
_ZEROS = re.compile(r"(?<![0-9])0+(?=[0-9])")


def loose_key(name: str) -> str:
    """A village name with case, diacritics, prefix, spacing and number padding gone."""
    folded = _LOOSE_PREFIX.sub("", fold(name))
    return _ZEROS.sub("", _NOT_ALNUM.sub("", folded))


def _one_edit(a: str, b: str) -> bool:
    """At most one letter inserted, dropped or changed."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return a == b
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long_ = sorted((a, b), key=len)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


@dataclass(slots=True)
class VillagePlan:
    """The commune's villages, plus those a list names that the commune does not have.

    `unknown` counts rows per unknown name; `near` flags an unknown name that looks like an
    existing village (or another unknown name); `new` are the ones to add, with their ids.
    """

    stored: list[tuple[uuid.UUID, str]] = field(default_factory=list)
    add: Collection[str] | bool = ()
    unknown: dict[str, int] = field(default_factory=dict)
    near: dict[str, str] = field(default_factory=dict)
    new: dict[str, uuid.UUID] = field(default_factory=dict)
    _keys: dict[str, uuid.UUID] = field(default_factory=dict)
    _stored_keys: dict[str, uuid.UUID] = field(default_factory=dict)
    _loose: dict[str, str] = field(default_factory=dict)
    _chosen: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        for vid, name in self.stored:
            self._keys.setdefault(village_key(name), vid)
            self._loose.setdefault(loose_key(name), name)
        self._stored_keys = dict(self._keys)
        if not isinstance(self.add, bool):
            self._chosen = {village_key(n) for n in self.add}

    def keys(self) -> dict[str, uuid.UUID]:
        """`village_key(name)` → id, for the stored villages and those being added."""
        return self._keys

    def stored_keys(self) -> dict[str, uuid.UUID]:
        """`village_key(name)` → id of the stored villages only (not those being added)."""
        return self._stored_keys

    @property
    def chosen(self) -> Collection[str] | bool:
        """What the user asked to add (kept when the preview is rebuilt)."""
        return self.add

    def resolve(self, name: str) -> uuid.UUID | None:
        """A name the commune does not know: its new id when it is to be added, else None."""
        key = village_key(name)
        if key in self._keys:
            return self._keys[key]
        loose = loose_key(name)
        similar = self._loose.get(loose) or next(
            (
                other
                for lk, other in self._loose.items()
                if len(loose) >= 4 and _one_edit(lk, loose)
            ),
            None,
        )
        if similar is not None:
            self.near[name] = similar
        wanted = key in self._chosen if not isinstance(self.add, bool) else self.add
        if not wanted or (similar is not None and isinstance(self.add, bool)):
            self._loose.setdefault(loose, name)
            return None
        vid = uuid.uuid4()
        self.new[name] = vid
        self._keys[key] = vid
        self._loose.setdefault(loose, name)
        return vid


def add_village(uow: UnitOfWork, name: str, *, actor: dm.User | uuid.UUID | None) -> dm.Village:
    """Add a village to the commune; a name already there (any spelling) is refused."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    clean = normalise_name(name)
    if not clean:
        raise ValidationError("villages.name_needed")
    with uow:
        commune = _commune(uow)
        for village in uow.repo.villages():
            if village_key(village.name) == village_key(clean):
                raise ConflictError("villages.exists", name=village.name)
        village = dm.Village(uuid.uuid4(), commune.id, clean)
        uow.repo.add_village(village)
        uow.commit()
    return village


def add_villages(uow: UnitOfWork, planned: Mapping[str, uuid.UUID]) -> list[dm.Village]:
    """Add villages, with the ids a preview gave them, in the current unit of work."""
    commune = _commune(uow)
    made = []
    for name, vid in planned.items():
        village = dm.Village(vid, commune.id, normalise_name(name))
        uow.repo.add_village(village)
        made.append(village)
    return made


def rename_village(
    uow: UnitOfWork, old: str, new: str, *, actor: dm.User | uuid.UUID | None
) -> dm.Village:
    """Rename a village (citizens keep it: they refer to its id)."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    clean = normalise_name(new)
    if not clean:
        raise ValidationError("villages.name_needed")
    with uow:
        village = _find(uow.repo.villages(), old, "village.unknown")
        for other in uow.repo.villages():
            if other.id != village.id and village_key(other.name) == village_key(clean):
                raise ConflictError("villages.exists", name=other.name)
        renamed = dm.Village(village.id, village.commune_id, clean)
        uow.repo.rename_village(village.id, clean)
        uow.commit()
    return renamed


def add_point(
    uow: UnitOfWork, name: str, village: str | None = None, *, actor: dm.User | uuid.UUID | None
) -> dm.SupportPoint:
    """Add a support point (a second cultural house), optionally at a village."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    clean = normalise_name(name)
    if not clean:
        raise ValidationError("setup.point_needed")
    with uow:
        for point in uow.repo.support_points():
            if fold(point.name) == fold(clean):
                raise ConflictError("points.exists", name=point.name)
        village_id = _find(uow.repo.villages(), village, "village.unknown").id if village else None
        point = dm.SupportPoint(uuid.uuid4(), clean, village_id)
        uow.repo.add_support_point(point)
        uow.commit()
    return point


def rename_point(
    uow: UnitOfWork, old: str, new: str, *, actor: dm.User | uuid.UUID | None
) -> dm.SupportPoint:
    """Rename a support point."""
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    clean = normalise_name(new)
    if not clean:
        raise ValidationError("setup.point_needed")
    with uow:
        points = uow.repo.support_points()
        point = next((p for p in points if fold(p.name) == fold(old)), None)
        if point is None:
            raise NotFoundError("point.unknown", name=old)
        if any(p.id != point.id and fold(p.name) == fold(clean) for p in points):
            raise ConflictError("points.exists", name=clean)
        uow.repo.rename_support_point(point.id, clean)
        uow.commit()
    return dm.SupportPoint(point.id, clean, point.village_id)


def _commune(uow: UnitOfWork) -> dm.Commune:
    commune = next(iter(uow.repo.communes()), None)
    if commune is None:
        raise NotFoundError("point.not_set_up")
    return commune


def _find(villages: list[dm.Village], name: str, message: str) -> dm.Village:
    key = village_key(name)
    for village in villages:
        if village_key(village.name) == key:
            return village
    raise NotFoundError(message, name=name)

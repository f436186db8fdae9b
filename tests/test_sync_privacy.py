"""No personal data readable in a bundle: names, IDs and phones never appear in the bytes."""

import unicodedata

from sqlalchemy import select
from sync_world import make_world

from fieldapp.domain.text import fold
from fieldapp.store import tables as t


def _forms(text: str) -> set[bytes]:
    variants = {
        text,
        unicodedata.normalize("NFD", text),
        fold(text),
        text.upper(),
        fold(text).upper(),
    }
    found = set()
    for v in variants:
        found.add(v.encode("utf-8"))
        found.add(v.encode("utf-16-le"))
        found.add(v.encode("utf-16-be"))
    return found


def test_bundle_bytes_hide_names_ids_and_phones(tmp_path):
    world = make_world(tmp_path, points=1, enrol=False)
    exported = world.export(0)
    data = exported.path.read_bytes()
    with world.point_uow() as uow:
        visited = uow.session.execute(
            select(t.Citizen.full_name, t.Citizen.personal_id, t.Citizen.phone)
            .join(t.Visit, t.Visit.personal_id == t.Citizen.personal_id)
            .distinct()
        ).all()
    assert len(visited) >= 5
    checked = 0
    for citizen in visited[:20]:
        needles = _forms(citizen.full_name) | _forms(citizen.personal_id)
        needles |= {citizen.personal_id[-8:].encode()}  # a long part of the ID
        if citizen.phone:
            needles |= _forms(citizen.phone)
        for needle in needles:
            assert needle not in data, "personal data readable in the bundle"
            checked += 1
    assert checked > 100
    # The bundle held aside at the police is stored as it came: still encrypted.
    world.import_()
    with world.police_uow() as uow:
        (held,) = uow.session.execute(select(t.SyncQuarantine.data)).scalars().all()
    assert bytes(held) == data
    # And the plain text really was in there before encryption (the test can see it).
    from fieldapp.sync.bundle import decrypt_bundle, verify_bundle

    payload = decrypt_bundle(verify_bundle(data), world.police_keys.load())
    assert any(row[1] == visited[0].full_name for row in payload["citizens"])

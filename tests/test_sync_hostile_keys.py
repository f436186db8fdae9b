"""Issue 13, items 3-5: key cards, lists back per village, sequence numbers.

Each test is the attack, built with the project's own code: an edited key card, a bundle with
an all-zero or swapped point id, a point that was never given a village, a re-used or
far-jumped bundle number. The police refuse it clearly and store nothing of it.
"""

from __future__ import annotations

import base64
import dataclasses
import json
import uuid

import pytest
from hostile import import_with_good, payload_of, seal, stored_point_ids, text_of
from sync_world import counts, make_world

from fieldapp.domain.errors import ConflictError
from fieldapp.services import sync as s
from fieldapp.sync.bundle import decrypt_bundle, verify_bundle
from fieldapp.sync.errors import SyncError
from fieldapp.sync.keys import Identity, PublicKeys, card_bytes, new_identity, parse_card
from fieldapp.sync.payload import decode_payload


@pytest.fixture
def world(tmp_path):
    return make_world(tmp_path, points=2)


@pytest.fixture
def fresh(tmp_path):
    """Two points whose keys the police have not enrolled yet."""
    return make_world(tmp_path, points=2, enrol=False)


def _edited_card(world, index, *, recompute: bool, **changes) -> tuple[object, str]:
    """Point `index`'s card with fields edited (and its fingerprint recomputed, if asked)."""
    public = world.point_keys[index].load().public
    card = json.loads(card_bytes(public))
    for key, value in changes.items():
        card[key] = value
    if recompute:
        edited = parse_card_fields(card)
        card["fingerprint"] = edited.fingerprint
    path = world.root / f"edited-{index}.fieldkey"
    path.write_text(json.dumps(card, ensure_ascii=False), encoding="utf-8")
    return path, public.fingerprint


def parse_card_fields(card: dict) -> PublicKeys:
    """The public keys a card's fields describe (fingerprint aside), as a forger computes it."""
    return PublicKeys(
        role=card["role"],
        name=card["name"],
        commune_id=None if card["commune_id"] is None else uuid.UUID(card["commune_id"]),
        point_id=None if card["point_id"] is None else uuid.UUID(card["point_id"]),
        signing_key=base64.b64decode(card["signing_key"]),
        box_key=base64.b64decode(card["box_key"]),
    )


# Item 3 ------------------------------------------------------------------------------------
def test_card_edited_to_point_id_null_is_refused(fresh):
    path, real = _edited_card(fresh, 0, recompute=False, point_id=None)
    with pytest.raises(SyncError) as err:
        s.enrol_point(
            fresh.police_uow(), fresh.police_keys, card_path=path, actor=fresh.police_user()
        )
    assert err.value.message_id == "sync.card_damaged"
    # A forger who also rewrites the fingerprint: the card names no point, refused; and its
    # fingerprint is not the one on the point's screen.
    path, real = _edited_card(fresh, 0, recompute=True, point_id=None)
    assert parse_card(path.read_bytes()).fingerprint != real
    with pytest.raises(SyncError) as err:
        s.enrol_point(
            fresh.police_uow(), fresh.police_keys, card_path=path, actor=fresh.police_user()
        )
    assert err.value.message_id == "sync.card_no_point"
    with pytest.raises(SyncError) as err:
        s.enrol_point(
            fresh.police_uow(),
            fresh.police_keys,
            card_path=path,
            fingerprint=real,
            actor=fresh.police_user(),
        )
    assert err.value.message_id == "sync.fingerprint_mismatch"
    assert counts(fresh.police)["sync_peer"] == 0


def test_card_edited_to_another_point_or_role_is_refused(fresh):
    fresh.enrol(1)
    other = str(fresh.data.points[1].id)
    path, real = _edited_card(fresh, 0, recompute=True, point_id=other)
    assert parse_card(path.read_bytes()).fingerprint != real  # the screen would not match
    with pytest.raises(SyncError) as err:
        s.enrol_point(
            fresh.police_uow(),
            fresh.police_keys,
            card_path=path,
            fingerprint=real,
            actor=fresh.police_user(),
        )
    assert err.value.message_id == "sync.fingerprint_mismatch"
    with pytest.raises(ConflictError) as err:  # and a point has one enrolled key at a time
        s.enrol_point(
            fresh.police_uow(), fresh.police_keys, card_path=path, actor=fresh.police_user()
        )
    assert err.value.message_id == "sync.point_enrolled_twice"
    path, _ = _edited_card(fresh, 0, recompute=False, role="commune")
    with pytest.raises(SyncError):
        s.enrol_point(
            fresh.police_uow(), fresh.police_keys, card_path=path, actor=fresh.police_user()
        )
    assert counts(fresh.police)["sync_peer"] == 1


def test_card_with_a_point_id_of_null_made_by_a_forger_key_is_refused(fresh):
    # A whole identity made with no point (its own card is self-consistent).
    rogue = new_identity("point", "Điểm không tên", commune_id=None, point_id=None)
    path = fresh.root / "rogue.fieldkey"
    path.write_bytes(card_bytes(rogue.public))
    with pytest.raises(SyncError) as err:
        s.enrol_point(
            fresh.police_uow(), fresh.police_keys, card_path=path, actor=fresh.police_user()
        )
    assert err.value.message_id == "sync.card_no_point"


def test_held_bundle_with_an_all_zero_point_id_is_refused_and_cannot_enrol(world):
    rogue = new_identity("point", "Điểm không tên", commune_id=None, point_id=None)
    hostile = seal(world, payload_of(world, 0), sender=rogue, sequence=1)
    result, _, _ = import_with_good(world, hostile)
    assert result.status == s.REFUSED and result.message_id == "sync.no_point_id"
    assert counts(world.police)["sync_quarantine"] == 0
    with pytest.raises(Exception) as err:
        s.enrol_point(
            world.police_uow(),
            world.police_keys,
            fingerprint=rogue.public.fingerprint,
            actor=world.police_user(),
        )
    assert err.value.message_id == "sync.nothing_held"
    assert stored_point_ids(world) == {world.data.points[1].id}


def test_bundle_claiming_another_point_in_its_header_is_not_that_point(world):
    # Point 0's keys, but the header says point 1: the key id changes with it, so the file
    # is from a key nobody enrolled (held aside), and never "from point 1".
    me = world.point_keys[0].load()
    liar = Identity(
        dataclasses.replace(me.public, point_id=world.data.points[1].id),
        me.signing_private,
        me.box_private,
    )
    hostile = seal(world, payload_of(world, 0), sender=liar, sequence=2)
    result, _, _ = import_with_good(world, hostile)
    assert result.status == s.QUARANTINED
    assert stored_point_ids(world) == {world.data.points[1].id}


def test_fingerprint_covers_role_commune_and_point():
    base = new_identity("point", "Thôn 3", commune_id=None, point_id=uuid.uuid4()).public
    variants = [
        dataclasses.replace(base, point_id=uuid.uuid4()),
        dataclasses.replace(base, point_id=None),
        dataclasses.replace(base, role="commune", point_id=None, commune_id=uuid.uuid4()),
    ]
    assert len({base.fingerprint, *(v.fingerprint for v in variants)}) == 4
    police = new_identity("commune", "Công an", commune_id=uuid.uuid4(), point_id=None).public
    assert dataclasses.replace(police, commune_id=uuid.uuid4()).fingerprint != police.fingerprint
    assert dataclasses.replace(base, name="Tên khác").fingerprint == base.fingerprint


# Item 4 ------------------------------------------------------------------------------------
def _citizen_villages(world, result, index) -> set:
    identity = world.point_keys[index].load()
    bundle = verify_bundle(result.path.read_bytes())
    payload = decode_payload(decrypt_bundle(bundle, identity))
    return {uuid.UUID(row["village_id"]) for row in payload.rows("citizens")}  # ids as hex text


def test_lists_back_carry_only_the_chosen_village(world):
    world.import_(world.export(0).path, world.export(1).path)
    results = s.export_lists(
        world.police_uow(), world.police_keys, world.stick, actor=world.police_user()
    )
    for index in (0, 1):
        mine = world.point_keys[index].load().public.fingerprint
        (result,) = [r for r in results if r.recipient == mine]
        assert _citizen_villages(world, result, index) == {world.data.points[index].village_id}


def test_point_enrolled_before_its_first_bundle_without_village_gets_nothing(fresh):
    card = s.export_key_card(fresh.point_keys[0], fresh.root)
    s.enrol_point(fresh.police_uow(), fresh.police_keys, card_path=card, actor=fresh.police_user())
    with pytest.raises(SyncError) as err:
        s.export_lists(
            fresh.police_uow(), fresh.police_keys, fresh.stick, actor=fresh.police_user()
        )
    assert err.value.message_id == "sync.point_village_unknown"
    assert not list(fresh.stick.iterdir())
    fingerprint = fresh.point_keys[0].load().public.fingerprint
    village = next(v for v in fresh.data.villages if v.id == fresh.data.points[1].village_id)
    s.set_point_villages(fresh.police_uow(), fingerprint, [village.name], actor=fresh.police_user())
    (result,) = s.export_lists(
        fresh.police_uow(), fresh.police_keys, fresh.stick, actor=fresh.police_user()
    )
    assert _citizen_villages(fresh, result, 0) == {village.id}


def test_unknown_village_at_enrolment_is_refused(fresh):
    card = s.export_key_card(fresh.point_keys[0], fresh.root)
    with pytest.raises(Exception) as err:
        s.enrol_point(
            fresh.police_uow(),
            fresh.police_keys,
            card_path=card,
            villages=["Thôn X"],
            actor=fresh.police_user(),
        )
    assert err.value.message_id == "village.unknown"
    assert counts(fresh.police)["sync_peer"] == 0


# Item 5 ------------------------------------------------------------------------------------
def test_reused_sequence_with_other_content_is_refused(world):
    first = world.export(0)
    world.import_(first.path)
    first.path.unlink()
    hostile = seal(world, payload_of(world, 0), sequence=first.sequence)
    result, _, _ = import_with_good(world, hostile)
    assert result.message_id == "sync.sequence_reused"
    assert "đã dùng cho một gói khác" in text_of(result)
    assert world.data.points[0].name in text_of(result)


def test_far_jumped_sequence_is_refused(world):
    hostile = seal(world, payload_of(world, 0), sequence=5_000)
    result, _, before = import_with_good(world, hostile)
    assert result.message_id == "sync.sequence_jump"
    assert "5000" in text_of(result) and "5000" in text_of(result, "en")
    assert stored_point_ids(world) == {world.data.points[1].id}
    assert counts(world.police)["sync_import"] == before["sync_import"] + 1


def test_out_of_order_sequences_fill_gaps(world):
    seal(world, payload_of(world, 0), sequence=3, name="c.fieldsync")
    report = world.import_()
    assert report.senders[0].missing == [1, 2]
    early = seal(world, payload_of(world, 0) | {"outcomes": []}, sequence=1, name="a.fieldsync")
    (file,) = world.import_(early).files
    assert file.status == s.IMPORTED


def test_an_identity_from_fieldapp_0_1_loads_and_gets_todays_fingerprint(tmp_path):
    import shutil
    from pathlib import Path

    from fieldapp.sync.keys import Keyring

    old = Path(__file__).parent / "fixtures" / "plain_store_v0_1" / "keys"
    shutil.copytree(old, tmp_path / "keys")
    identity = Keyring(tmp_path / "keys").load()
    card = parse_card((tmp_path / "keys" / "identity.json").read_bytes())  # no legacy needed
    assert card.fingerprint == identity.public.fingerprint and card.point_id is not None
    # Someone else's 0.1 card is not accepted: its fingerprint does not cover the point.
    with pytest.raises(SyncError):
        parse_card((old / "identity.json").read_bytes())

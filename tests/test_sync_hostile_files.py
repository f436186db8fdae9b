"""Issue 13, items 6-8: hostile files never stop the police's day.

Each test is the attack: two points and a police store built with the project's own code, a
hostile file crafted and signed with it, put on the stick beside a good bundle of the other
point. The hostile file is refused on its own line (never a traceback), nothing of it is
stored, and the good bundle imports.
"""

from __future__ import annotations

import json
import uuid

import pytest
from actors import act_as_police
from hostile import column, import_with_good, payload_of, seal, stored_point_ids, text_of
from sync_world import counts, make_world

from fieldapp.cli.main import main
from fieldapp.services import sync as s
from fieldapp.services.sync import file_import, importing
from fieldapp.sync import bundle as bundle_module
from fieldapp.sync.keys import new_identity


@pytest.fixture
def world(tmp_path):
    return make_world(tmp_path, points=2)


def _nothing_of_point_zero(world, before) -> None:
    """Only the good bundle (point 1) went in: no row of the hostile point 0."""
    after = counts(world.police)
    assert after["sync_import"] == before["sync_import"] + 1
    assert stored_point_ids(world) == {world.data.points[1].id}


# Item 6 ------------------------------------------------------------------------------------
def test_unknown_key_with_sequence_2_64_minus_1_is_one_refused_line(world):
    stranger = new_identity("point", "Điểm lạ", commune_id=None, point_id=uuid.uuid4())
    hostile = seal(world, payload_of(world, 0), sender=stranger, sequence=2**64 - 1)
    result, _, before = import_with_good(world, hostile)
    assert result.status == s.REFUSED and result.message_id == "sync.bad_sequence"
    assert "số thứ tự không hợp lệ" in text_of(result)
    _nothing_of_point_zero(world, before)
    assert counts(world.police)["sync_quarantine"] == 0


@pytest.mark.parametrize("sequence", [2**63, 2**63 + 5, 2**64 - 1])
def test_enrolled_point_with_sequence_beyond_2_63_is_refused(world, sequence):
    hostile = seal(world, payload_of(world, 0), sequence=sequence)
    result, _, before = import_with_good(world, hostile)
    assert result.message_id == "sync.bad_sequence"
    _nothing_of_point_zero(world, before)


def test_deeply_nested_json_is_refused_not_a_recursion_error(world):
    nested = '{"villages": ' + "[" * 200_000 + "]" * 200_000 + "}"
    hostile = seal(world, {"villages": []}, raw_json=nested)
    result, _, before = import_with_good(world, hostile)
    assert result.status == s.REFUSED and result.message_id == "sync.damaged"
    _nothing_of_point_zero(world, before)


@pytest.mark.parametrize(
    "moment",
    ["9999-12-31T23:59:59-05:00", "9999-12-31 23:59:59+00:00", "0001-01-01T00:00:00+05:00"],
)
def test_timestamp_at_the_edge_of_time_is_refused(world, moment):
    payload = payload_of(world, 0)
    payload["visits"][0][column("visits", "occurred_at")] = moment
    hostile = seal(world, payload)
    result, _, before = import_with_good(world, hostile)
    assert result.status == s.REFUSED
    assert result.params["section"] == "visits" and result.params["row"] == 1
    assert result.params["rule"] in ("bad_value", "future_time")
    assert "lượt hỗ trợ, dòng 1" in text_of(result)
    _nothing_of_point_zero(world, before)


def test_lone_surrogate_in_a_name_is_refused(world):
    payload = payload_of(world, 0)
    payload["citizens"][0][column("citizens", "full_name")] = "Nguy\ud800n Văn A"
    # ensure_ascii=True writes the lone surrogate as the JSON escape \ud800, as a forger would.
    text = json.JSONEncoder(ensure_ascii=True, separators=(",", ":")).encode(payload)
    hostile = seal(world, payload, raw_json=text)
    result, _, before = import_with_good(world, hostile)
    assert result.message_id == "sync.bad_value"
    assert result.params["rule"] == "hidden_character"
    assert result.params["section"] == "citizens" and result.params["column"] == "full_name"
    _nothing_of_point_zero(world, before)


def test_each_bundle_is_its_own_transaction_and_its_own_line_in_the_cli(world, monkeypatch):
    stranger = new_identity("point", "Điểm lạ", commune_id=None, point_id=uuid.uuid4())
    seal(world, payload_of(world, 0), sender=stranger, sequence=2**64 - 1, name="a.fieldsync")
    seal(world, payload_of(world, 0), sequence=2**63, name="b.fieldsync")
    bad_time = payload_of(world, 0)
    bad_time["visits"][0][column("visits", "occurred_at")] = "9999-12-31T23:59:59-05:00"
    seal(world, bad_time, sequence=7, name="c.fieldsync")
    good = world.export(1)
    monkeypatch.setenv("FIELDAPP_KEYS", str(world.root / "police-keys"))
    act_as_police(monkeypatch, world.police)
    db = str(world.root / "police.sqlite3")
    code = main(["--db", db, "--lang", "en", "import-bundles", str(world.stick)])
    assert code == 7
    assert stored_point_ids(world) == {world.data.points[1].id}
    report = world.import_(good.path)
    assert report.files[0].status == s.REPLAYED  # the good one went in the first time


def test_cli_lines_name_each_file_and_print_no_traceback(world, monkeypatch, capsys):
    stranger = new_identity("point", "Điểm lạ", commune_id=None, point_id=uuid.uuid4())
    seal(world, payload_of(world, 0), sender=stranger, sequence=2**64 - 1, name="a.fieldsync")
    seal(world, payload_of(world, 0), sequence=2**63, name="b.fieldsync")
    world.export(1)
    monkeypatch.setenv("FIELDAPP_KEYS", str(world.root / "police-keys"))
    act_as_police(monkeypatch, world.police)
    code = main(["--db", str(world.root / "police.sqlite3"), "import-bundles", str(world.stick)])
    out = capsys.readouterr()
    assert code == 7
    assert "Traceback" not in out.err + out.out
    assert out.err.count("a.fieldsync") == 1 and out.err.count("b.fieldsync") == 1
    assert "Đã nhập «nha-van-hoa" in out.out


def test_an_unexpected_error_in_one_bundle_is_that_files_line_only(world, monkeypatch):
    hostile = seal(world, payload_of(world, 0), sequence=3)
    real = importing.check_point_bundle

    def explode(session, payload, point_id, file):
        if file == hostile.name:
            raise RuntimeError("a bug")
        return real(session, payload, point_id, file)

    monkeypatch.setattr(importing, "check_point_bundle", explode)
    result, _, before = import_with_good(world, hostile)
    assert result.message_id == "sync.import_failed" and "RuntimeError" in text_of(result)
    _nothing_of_point_zero(world, before)


# Item 7 ------------------------------------------------------------------------------------
def test_decompression_bomb_is_refused_before_it_expands(world):
    # 24 MB of JSON that zlib squeezes into ~24 KB: far beyond 64 times the body.
    bomb = '{"villages":[],"pad":"' + " " * 24_000_000 + '"}'
    hostile = seal(world, {"villages": []}, raw_json=bomb)
    assert hostile.stat().st_size < 100_000
    result, _, before = import_with_good(world, hostile)
    assert result.message_id == "sync.too_large"
    _nothing_of_point_zero(world, before)


def test_oversized_file_is_refused_without_reading_it(world, monkeypatch):
    monkeypatch.setattr(file_import, "MAX_BUNDLE_BYTES", 1_000_000)
    hostile = world.stick / "huge.fieldsync"
    hostile.write_bytes(bundle_module.MAGIC + bytes(2_000_000))
    result, _, before = import_with_good(world, hostile)
    assert result.message_id == "sync.too_large"
    _nothing_of_point_zero(world, before)


def test_quarantine_has_a_count_and_a_size_limit(world, monkeypatch):
    monkeypatch.setattr(importing, "MAX_HELD_BUNDLES", 2)
    stranger = new_identity("point", "Điểm lạ", commune_id=None, point_id=uuid.uuid4())
    for number in (1, 2, 3):
        seal(
            world,
            payload_of(world, 0),
            sender=stranger,
            sequence=number,
            name=f"x{number}.fieldsync",
        )
    report = world.import_()
    statuses = [f.status for f in sorted(report.files, key=lambda f: f.file)]
    assert statuses == [s.QUARANTINED, s.QUARANTINED, s.REFUSED]
    assert report.files[-1].message_id == "sync.quarantine_full"
    assert counts(world.police)["sync_quarantine"] == 2
    monkeypatch.setattr(importing, "MAX_HELD_BUNDLES", 200)
    monkeypatch.setattr(importing, "MAX_HELD_BYTES", 10)
    (result,) = world.import_(world.stick / "x3.fieldsync").files
    assert result.message_id == "sync.quarantine_full"
    assert "đã đầy" in text_of(result)

"""The sync fast paths give exactly what the plain paths give (values, refusals, stored rows)."""

import copy
import json
import uuid
from datetime import UTC

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import text
from sqlalchemy.dialects import sqlite
from sqlalchemy.orm import Session

from fieldapp.domain.text import fold, fold_name, fold_words
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.store.types import as_uuid
from fieldapp.sync import payload as p
from fieldapp.sync.errors import BundleRefusedError
from fieldapp.sync.payload import COLUMNS, decode_payload, encode_rows

NAMEISH = st.text(
    alphabet=st.sampled_from(
        [
            *"aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯ ỹẫệĐđßİ-'.\t\n\u00a0\u2003",
            *("\u0301", "\u0323", "\u0309", "\u0303", "\u0300", "ﬁ", "Ǆ", "1", "9"),
        ]
    ),
    max_size=40,
)


@given(NAMEISH)
@settings(max_examples=300)
def test_fold_name_is_the_folded_words(text):
    assert fold_name(text) == " ".join(fold_words(text))
    assert fold_name(text).split() == fold(" ".join(fold_words(text))).split()


@pytest.fixture(scope="module")
def store_and_payload(tmp_path_factory):
    from sync_world import make_world

    world = make_world(tmp_path_factory.mktemp("fast"), points=1, citizens=40)
    engine = world.points[0]
    with engine.begin() as conn:  # both booleans and None travel
        conn.execute(text("UPDATE citizen SET has_smartphone = rowid % 3 = 0 WHERE rowid % 3 < 2"))
    with Session(engine) as session:
        events, _ = q.events_to_export(session, everything=True)
        sections = q.with_references(session, events)
    payload = json.loads(json.dumps({k: encode_rows(v) for k, v in sections.items()}))
    return engine, payload


def _slow(payload):
    decoded = p.DecodedPayload()
    for section in p._CHECKS:
        decoded.sections[section] = p._by_rows(section, payload.get(section, []), "f")
    return decoded.sections


def test_column_checks_give_the_row_checks_values(store_and_payload):
    _, payload = store_and_payload
    assert payload["visits"] and payload["citizens"]
    assert decode_payload(payload).sections == _slow(payload)


BAD = [None, 7, 1.5, True, "", "x", [], {}, "2026-13-01", "00000000-0000-0000-0000-00000000000g"]
# near misses of a personal ID (province 999, 11 digits and a line break, 13 digits,
# full-width digits) and of a phone number (a space, 16 digits), each refused by its rule
BAD += ["999012345678", "03801234567\n", "0380123456789", "０３８０１２３４５６７８"]
BAD += ["0912 345 678", "0912345678901234", "038012345678"]


@given(st.data())
@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_a_bad_value_is_refused_at_the_same_row_either_way(store_and_payload, data):
    _, payload = store_and_payload
    section = data.draw(st.sampled_from([s for s in COLUMNS if payload.get(s)]))
    bad = copy.deepcopy(payload)
    row = data.draw(st.integers(0, len(bad[section]) - 1))
    column = data.draw(st.integers(0, len(COLUMNS[section]) - 1))
    bad[section][row][column] = data.draw(st.sampled_from(BAD))
    try:
        slow = _slow(bad)
    except BundleRefusedError as err:
        with pytest.raises(BundleRefusedError) as fast:
            decode_payload(bad, file="f")
        assert fast.value.params == err.params
    else:  # the value happened to be allowed there (a None in an optional column, say)
        try:
            fast = decode_payload(bad).sections
        except BundleRefusedError as err:  # only a reference check may add a refusal
            assert err.params["section"] in ("visits", "outcomes", "facts")
        else:
            assert fast == slow


@pytest.mark.parametrize("raw", [False, True])
def test_select_in_gives_what_core_gives(store_and_payload, monkeypatch, raw):
    engine, payload = store_and_payload
    keys = {
        "citizens": [r[0] for r in payload["citizens"]],
        "visits": [r[0] for r in payload["visits"]],
        "outcomes": [r[0] for r in payload["outcomes"]],
        "facts": [r[0] for r in payload["facts"]],
        "users": [r[0] for r in payload["users"]],
        "points": [r[0] for r in payload["points"]],
        "villages": [r[0] for r in payload["villages"]],
    }

    def read():
        found = {}
        with Session(engine) as session:
            for section, wanted in keys.items():
                rows = q.rows_by_key(session, section, wanted, raw=raw)
                typed = [r[0] for r in q.rows_by_key(session, section, wanted)]
                absent = "001099000000" if section == "citizens" else uuid.uuid4()
                have = sorted(q.existing_keys(session, section, [*typed, absent]), key=str)
                found[section] = repr((rows, have))  # repr: True and 1 differ
        return found

    fast = read()
    monkeypatch.setattr(q, "FAST_SQLITE", False)
    core = read()
    assert fast == core
    with Session(engine) as session:
        citizens = q.rows_by_key(session, "citizens", keys["citizens"], raw=raw)
    smart = {r[9] for r in citizens}
    assert {True, False, None} <= smart


@given(st.datetimes(timezones=st.timezones() | st.just(UTC)))
@settings(max_examples=300)
def test_the_utc_shortcut_writes_sqlalchemys_text(moment):
    column = t.Visit.__table__.c["occurred_at"]
    dialect = sqlite.dialect()
    plain = column.type.dialect_impl(dialect).bind_processor(dialect)
    fast = q._processor(column, dialect)
    assert fast is not plain
    assert fast(moment) == plain(moment)
    assert fast(moment.astimezone(UTC)) == plain(moment)
    assert fast(None) is None
    # a whole column at once (bulk inserts): the same text, None kept, any zone taken
    assert fast.column([moment.astimezone(UTC), None]) == [plain(moment), None]
    assert fast.column([moment, moment.astimezone(UTC)]) == [plain(moment)] * 2


@given(st.lists(st.uuids() | st.none(), max_size=5), st.booleans())
@settings(max_examples=100)
def test_ids_in_a_column_are_stored_as_the_plain_bind_stores_them(ids, as_text):
    column = t.Outcome.__table__.c["corrects"]
    dialect = sqlite.dialect()
    plain = column.type.dialect_impl(dialect).bind_processor(dialect)
    fast = q._processor(column, dialect)
    given_ids = [i.hex if as_text and i is not None else i for i in ids]
    assert fast.column(given_ids) == [plain(i) for i in ids]


@given(st.uuids())
@settings(max_examples=200)
def test_a_stored_id_reads_back_as_the_same_uuid(made):
    for form in (made.hex, made.hex.upper(), made.bytes, str(made), made):
        back = as_uuid(form)
        assert type(back) is uuid.UUID
        assert (back, hash(back), repr(back)) == (made, hash(made), repr(made))


@given(st.text(alphabet="0123456789abcdefABCDEF-_ +x{}:urnid\n", min_size=30, max_size=34))
@settings(max_examples=500)
def test_a_text_is_an_id_exactly_when_uuid_takes_it(text):
    try:
        expected = uuid.UUID(text)
    except ValueError:
        with pytest.raises(ValueError):
            as_uuid(text)
    else:
        assert as_uuid(text) == expected

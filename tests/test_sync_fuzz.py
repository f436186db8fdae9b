"""Fuzzing the bundle reader with structured mutations: whatever a signer puts in the body,
the police get one clean line per file (imported or refused), never a traceback and never an
"unexpected error" line."""

from __future__ import annotations

import copy
import itertools
from collections import Counter

import pytest
from hostile import payload_of, seal
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sync_world import make_world

from fieldapp.services import sync as s
from fieldapp.sync.payload import COLUMNS

SECTIONS = list(COLUMNS)
ODD_TEXT = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        ["", "\x00", "\ud800", "\u202e", "９" * 12, "٠" * 12, "9999-12-31T23:59:59-05:00",
         "0001-01-01T00:00:00+05:00", "2026-13-45", "ffffffff-ffff-ffff-ffff-ffffffffffff",
         "official_list", "admin", "commune_police", "a" * 5000, "038090012345"]
    ),
)  # fmt: skip
JSON_LEAF = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), ODD_TEXT,
    st.integers(min_value=2**63, max_value=2**70),
)  # fmt: skip
JSON_VALUE = st.recursive(
    JSON_LEAF,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ODD_TEXT, inner, max_size=2),
    max_leaves=6,
)


@pytest.fixture(scope="module")
def setting(tmp_path_factory):
    world = make_world(tmp_path_factory.mktemp("fuzz"), points=2, citizens=30)
    return world, payload_of(world, 0), itertools.count(1), Counter()


@st.composite
def mutations(draw):
    """A list of edits: set a cell, drop or duplicate a row, cut or grow a row, swap sections."""
    edit = st.one_of(
        st.tuples(st.just("cell"), st.sampled_from(SECTIONS), st.integers(0, 50),
                  st.integers(0, 12), JSON_VALUE),
        st.tuples(st.just("drop"), st.sampled_from(SECTIONS), st.integers(0, 50)),
        st.tuples(st.just("dup"), st.sampled_from(SECTIONS), st.integers(0, 50)),
        st.tuples(st.just("cut"), st.sampled_from(SECTIONS), st.integers(0, 50)),
        st.tuples(st.just("grow"), st.sampled_from(SECTIONS), st.integers(0, 50), JSON_VALUE),
        st.tuples(st.just("swap"), st.sampled_from(SECTIONS), st.sampled_from(SECTIONS)),
        st.tuples(st.just("section"), st.sampled_from(SECTIONS), JSON_VALUE),
    )  # fmt: skip
    return draw(st.lists(edit, min_size=1, max_size=4))


def _apply(payload, edits):
    for edit in edits:
        kind, section = edit[0], edit[1]
        rows = payload.get(section)
        if kind == "swap":
            payload[section], payload[edit[2]] = payload.get(edit[2], []), rows or []
            continue
        if kind == "section":
            payload[section] = edit[2]
            continue
        if not isinstance(rows, list) or not rows:
            continue
        i = edit[2] % len(rows)
        if kind == "drop":
            del rows[i]
        elif kind == "dup":
            rows.append(copy.deepcopy(rows[i]))
        elif not isinstance(rows[i], list) or not rows[i]:
            continue
        elif kind == "cell":
            rows[i][edit[3] % len(rows[i])] = edit[4]
        elif kind == "cut":
            rows[i] = rows[i][:-1]
        elif kind == "grow":
            rows[i] = [*rows[i], edit[3]]
    return payload


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(edits=mutations())
def test_mutated_bundles_are_refused_cleanly(setting, edits):
    world, payload, numbers, seen = setting
    mutated = _apply(copy.deepcopy(payload), edits)
    try:
        path = seal(world, mutated, sequence=next(numbers), name="fuzz.fieldsync")
    except (TypeError, ValueError, OverflowError, UnicodeEncodeError):
        return  # json.dumps cannot even write it: nothing to read
    (result,) = world.import_(path).files
    path.unlink()
    assert result.status in (s.IMPORTED, s.REFUSED, s.REPLAYED), result
    assert result.message_id != "sync.import_failed", result.params
    seen[result.status] += 1


def test_the_fuzzing_reached_the_rules(setting):
    """Both outcomes happened: mutations that still import, and refusals."""
    seen = setting[3]
    assert seen[s.REFUSED] > 5 and sum(seen.values()) > 20

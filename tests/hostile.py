"""Crafting hostile bundles with the project's own code: a real point's rows, edited, sealed.

An enrolled point's keys sign whatever it likes; these helpers play that point (or a key the
police never enrolled) and write the file next to a good bundle on the same stick.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from unittest import mock

from sqlalchemy import select
from sqlalchemy.orm import Session
from sync_world import World, counts

from fieldapp.i18n import tr
from fieldapp.services import sync as s
from fieldapp.store import sync_queries as q
from fieldapp.store import tables as t
from fieldapp.sync import bundle as bundle_module
from fieldapp.sync.bundle import KIND_EVENTS, encode_bundle
from fieldapp.sync.keys import Identity
from fieldapp.sync.payload import COLUMNS, encode_rows


def payload_of(world: World, index: int) -> dict[str, list[list[Any]]]:
    """Everything point `index` would send with "export everything", as JSON rows."""
    with Session(world.points[index]) as session:
        events, _ = q.events_to_export(session, everything=True)
        sections = q.with_references(session, events)
    return {name: encode_rows(rows) for name, rows in sections.items()}


def column(section: str, name: str) -> int:
    """The position of a column in a section's rows."""
    return COLUMNS[section].index(name)


def seal(
    world: World,
    payload: dict[str, list[list[Any]]],
    *,
    index: int = 0,
    sender: Identity | None = None,
    sequence: int = 900,
    name: str = "hostile.fieldsync",
    raw_json: str | None = None,
) -> Path:
    """Sign and encrypt a payload as point `index` (or another identity) onto the stick.

    `raw_json`: seal this exact body text instead (what a hand-made file would hold); the
    payload then only gives the header's row counts.
    """
    sender = sender or world.point_keys[index].load()
    recipient = world.police_keys.load().public
    dumps = (lambda *a, **k: raw_json) if raw_json is not None else json.dumps
    with mock.patch.object(bundle_module.json, "dumps", dumps):
        data = encode_bundle(
            payload,
            kind=KIND_EVENTS,
            sender=sender,
            recipient=recipient,
            commune_id=world.data.commune.id,
            sequence=sequence,
            created_at=datetime.now(UTC),
        )
    path = world.stick / name
    path.write_bytes(data)
    return path


def text_of(result: s.FileResult, lang: str = "vi") -> str:
    """The line a person reads for one file."""
    return tr(result.message_id, lang, **result.params)


def import_with_good(world: World, hostile: Path, good_index: int = 1) -> tuple[Any, Any, dict]:
    """Import the stick holding the hostile file and a good bundle of another point.

    Returns (hostile result, good result, counts before). The good bundle must import.
    """
    good = world.export(good_index)
    before = counts(world.police)
    report = world.import_()
    by_name = {f.file: f for f in report.files}
    good_result = by_name[good.path.name]
    assert good_result.status == s.IMPORTED and good_result.new_events == good.events
    return by_name[hostile.name], good_result, before


def stored_point_ids(world: World) -> set[uuid.UUID]:
    """The support points whose events the police hold."""
    with world.police_uow() as uow:
        return set(uow.session.execute(select(t.Visit.support_point_id)).scalars())

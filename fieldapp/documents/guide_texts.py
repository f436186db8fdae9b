"""The editable texts and QR targets of the printed documents, read from a TOML file.

A commune changes the steps, the wording or the QR addresses by editing a UTF-8 file, never the
code. Everything is checked on load so that a typo is reported with the entry it is in, before
any PDF is written.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from fieldapp.domain.errors import NotFoundError, ValidationError

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
DEFAULT_GUIDE_FILE = RESOURCES / "guides" / "guide.vi.toml"


@dataclass(frozen=True, slots=True)
class QrTarget:
    """One QR code a commune configured: an official guide, video or app page."""

    id: str
    label: str
    kind: str
    target: str


@dataclass(frozen=True, slots=True)
class GuideTexts:
    """Every configurable text of the guide sheet, the leaflet and the slips."""

    guide: dict[str, Any]
    leaflet: dict[str, Any]
    slip: dict[str, str]
    bring: dict[str, str]
    qr: dict[str, QrTarget]
    guide_qr: tuple[QrTarget, ...]
    leaflet_qr: tuple[QrTarget, ...]
    slip_qr: QrTarget
    source: str


_GUIDE_TEXTS = (
    "title",
    "intro",
    "activation_title",
    "activation_note",
    "linking_title",
    "linking_note",
    "password_title",
    "password_rule",
    "passcode_rule",
    "safety_title",
    "safety",
    "qr_title",
    "point_title",
)
_GUIDE_LISTS = ("activation_steps", "linking_steps")
_LEAFLET_TEXTS = ("title", "level2_title", "account_title", "points_title", "bring")
_LEAFLET_LISTS = ("level2_items", "account_items")
_SLIP_TEXTS = (
    "title",
    "name_label",
    "id_label",
    "done_title",
    "missing_title",
    "bring_title",
    "next_day_label",
    "nothing_done",
    "all_done",
    "safety",
    "qr_caption",
)
_BRING_TEXTS = (
    "phone",
    "chip_id_card",
    "bank_card",
    "smartphone_helper",
    "receiver_id_card",
    "receiver_bank_card",
    "authorisation_paper",
)
_KINDS = ("guide", "video", "app")


def check_url(target: object, *, entry: str) -> str:
    """An http(s) address with a host, or a ValidationError naming the entry."""
    text = target.strip() if isinstance(target, str) else ""
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in text:
        raise ValidationError("documents.bad_qr_target", entry=entry, value=str(target))
    return text


def load_guide_texts(path: Path | str | None = None) -> GuideTexts:
    """Read and check a guide file; the packaged Vietnamese one by default."""
    file = Path(path) if path is not None else DEFAULT_GUIDE_FILE
    try:
        raw = file.read_bytes()
    except FileNotFoundError:
        raise NotFoundError("documents.guide_missing", path=str(file)) from None
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise ValidationError("documents.guide_not_utf8", path=str(file)) from None
    except tomllib.TOMLDecodeError as error:
        raise ValidationError(
            "documents.guide_unreadable", path=str(file), detail=str(error)
        ) from None
    return parse_guide_texts(data, source=str(file))


def parse_guide_texts(data: dict[str, Any], *, source: str = "") -> GuideTexts:
    """Check the parsed TOML and turn it into `GuideTexts`."""
    guide = _section(data, "guide", _GUIDE_TEXTS, _GUIDE_LISTS)
    leaflet = _section(data, "leaflet", _LEAFLET_TEXTS, _LEAFLET_LISTS)
    slip = _section(data, "slip", _SLIP_TEXTS, ())
    bring = _section(data, "bring", _BRING_TEXTS, ())
    qr = _qr_entries(data.get("qr"))
    use = data.get("qr_use")
    if not isinstance(use, dict):
        raise ValidationError("documents.guide_missing_entry", entry="qr_use")

    def pick(key: str) -> tuple[QrTarget, ...]:
        ids = use.get(key)
        if isinstance(ids, str):
            ids = [ids]
        if not isinstance(ids, list) or not ids:
            raise ValidationError("documents.guide_missing_entry", entry=f"qr_use.{key}")
        chosen = []
        for qr_id in ids:
            if qr_id not in qr:
                raise ValidationError("documents.unknown_qr", entry=f"qr_use.{key}", name=qr_id)
            chosen.append(qr[qr_id])
        return tuple(chosen)

    slip_qr = pick("slip")
    return GuideTexts(
        guide=guide,
        leaflet=leaflet,
        slip=slip,
        bring=bring,
        qr=qr,
        guide_qr=pick("guide"),
        leaflet_qr=pick("leaflet"),
        slip_qr=slip_qr[0],
        source=source,
    )


def _section(
    data: dict[str, Any], name: str, texts: tuple[str, ...], lists: tuple[str, ...]
) -> dict[str, Any]:
    section = data.get(name)
    if not isinstance(section, dict):
        raise ValidationError("documents.guide_missing_entry", entry=name)
    out: dict[str, Any] = {}
    for key in texts:
        value = section.get(key)
        if not isinstance(value, str) or not value.strip():
            raise ValidationError("documents.guide_missing_entry", entry=f"{name}.{key}")
        out[key] = value.strip()
    for key in lists:
        value = section.get(key)
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, str) and v.strip() for v in value)
        ):
            raise ValidationError("documents.guide_missing_entry", entry=f"{name}.{key}")
        out[key] = tuple(v.strip() for v in value)
    return out


def _qr_entries(entries: object) -> dict[str, QrTarget]:
    if not isinstance(entries, list) or not entries:
        raise ValidationError("documents.guide_missing_entry", entry="qr")
    found: dict[str, QrTarget] = {}
    for number, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise ValidationError("documents.guide_missing_entry", entry=f"qr #{number}")
        qr_id = str(entry.get("id", "")).strip()
        name = f"qr #{number} ({qr_id})" if qr_id else f"qr #{number}"
        label = str(entry.get("label", "")).strip()
        if not qr_id or not label:
            raise ValidationError("documents.guide_missing_entry", entry=f"{name}: id, label")
        if qr_id in found:
            raise ValidationError("documents.duplicate_qr", entry=name)
        kind = str(entry.get("kind", "guide")).strip()
        if kind not in _KINDS:
            raise ValidationError("documents.bad_qr_kind", entry=name, value=kind)
        target = check_url(entry.get("target"), entry=name)
        found[qr_id] = QrTarget(qr_id, label, kind, target)
    return found

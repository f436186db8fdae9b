"""What an import reports: per file, per sender (new, known, newest, gaps)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from fieldapp.store import sync_peers as peers_q
from fieldapp.store import tables as t
from fieldapp.store.sync_peers import StoreSession as Session
from fieldapp.sync.keys import (
    format_fingerprint,
)

IMPORTED = "imported"
REPLAYED = "replayed"
REFUSED = "refused"
QUARANTINED = "quarantined"


@dataclass
class FileResult:
    """What happened to one file."""

    file: str
    status: str
    message_id: str
    params: dict[str, Any] = field(default_factory=dict)
    sender: str | None = None  # key id, hex
    sequence: int | None = None
    new_events: int = 0
    known_events: int = 0


@dataclass
class SenderSummary:
    """Per point (or the police, at a point): what this import brought and what is missing."""

    sender: str
    fingerprint: str
    name: str
    new_events: int
    known_events: int
    newest_sequence: int
    missing: list[int]


@dataclass
class ImportReport:
    """The result screen: per file and per sender."""

    files: list[FileResult] = field(default_factory=list)
    senders: list[SenderSummary] = field(default_factory=list)

    @property
    def new_events(self) -> int:
        """Events stored by this import."""
        return sum(f.new_events for f in self.files)

    @property
    def refused(self) -> list[FileResult]:
        """Files refused or held aside."""
        return [f for f in self.files if f.status in (REFUSED, QUARANTINED)]


def summaries(
    session: Session, peers: dict[str, t.SyncPeer], files: list[FileResult]
) -> list[SenderSummary]:
    """Per sender seen in this import: new and known events, newest sequence, gaps."""
    senders = sorted({f.sender for f in files if f.sender and f.status in (IMPORTED, REPLAYED)})
    summaries = []
    for sender in senders:
        peer = peers.get(sender)
        sequences = peers_q.sequences_from(session, sender)
        newest = max(sequences, default=0)
        mine = [f for f in files if f.sender == sender]
        summaries.append(
            SenderSummary(
                sender=sender,
                fingerprint=format_fingerprint(bytes.fromhex(sender)),
                name=peer.name if peer else sender,
                new_events=sum(f.new_events for f in mine),
                known_events=sum(f.known_events for f in mine),
                newest_sequence=newest,
                missing=sorted(set(range(1, newest + 1)) - sequences),
            )
        )
    return summaries


def gap_lines(report: ImportReport, lang: str = "vi") -> list[str]:
    """Lines like "Thôn 3: thiếu gói số 6", for every sender with missing bundles."""
    from fieldapp.i18n import tr

    return [
        tr("sync.gap", lang, point=s.name, numbers=", ".join(map(str, s.missing)))
        for s in report.senders
        if s.missing
    ]

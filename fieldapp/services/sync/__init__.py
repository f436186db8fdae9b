"""Use cases of the sync area: keys, enrolment, exporting and importing bundles.

The police hold the commune's identity; every support point holds its own. Points send their
events to the police; the police send official lists and confirmations back. Each import is one
transaction for all the bundles given; a refused file stores nothing.

- `keys`: identities, key cards, enrolling and revoking points.
- `export`: a point's events for the police (and the writing shared with `lists_back`).
- `lists_back`: the police's lists and confirmations for the points.
- `importing`: verify, decrypt, validate, set union.
- `reporting`: per-file and per-sender results, gap lines.
"""

from fieldapp.services.sync.common import ENROLLED, REVOKED
from fieldapp.services.sync.export import ExportResult, export_bundle, unexported_events
from fieldapp.services.sync.importing import accept_quarantined, bundle_files, import_bundles
from fieldapp.services.sync.keys import (
    ENV_KEYS,
    HeldBundle,
    KeysOverview,
    PeerInfo,
    create_commune_keys,
    enrol_point,
    ensure_point_keys,
    export_key_card,
    import_commune_card,
    keyring_for,
    keys_overview,
    revoke_point,
    set_point_villages,
)
from fieldapp.services.sync.lists_back import export_lists
from fieldapp.services.sync.reporting import (
    IMPORTED,
    QUARANTINED,
    REFUSED,
    REPLAYED,
    FileResult,
    ImportReport,
    SenderSummary,
    gap_lines,
)

__all__ = [
    "ENROLLED",
    "ENV_KEYS",
    "IMPORTED",
    "QUARANTINED",
    "REFUSED",
    "REPLAYED",
    "REVOKED",
    "ExportResult",
    "FileResult",
    "HeldBundle",
    "ImportReport",
    "KeysOverview",
    "PeerInfo",
    "SenderSummary",
    "accept_quarantined",
    "bundle_files",
    "create_commune_keys",
    "enrol_point",
    "ensure_point_keys",
    "export_bundle",
    "export_key_card",
    "export_lists",
    "gap_lines",
    "import_bundles",
    "import_commune_card",
    "keyring_for",
    "keys_overview",
    "revoke_point",
    "set_point_villages",
    "unexported_events",
]

"""SQLModel tables.

The domain never sees these: `fieldapp.store.mapping` turns rows into domain objects.
Events (visit, outcome, official_fact) are only ever inserted.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    PrimaryKeyConstraint,
    SmallInteger,
    String,
    text,
)
from sqlmodel import AutoString, Field, SQLModel

from fieldapp.store.types import CompactDate, CompactUuid, DayNumber, MicroTime


class Commune(SQLModel, table=True):
    """The commune (xã / phường / đặc khu) the campaign runs in."""

    id: uuid.UUID = Field(primary_key=True)
    name: str
    province: str = ""
    report_deadline: str = "16:00"


class Village(SQLModel, table=True):
    """A village (thôn) of the commune."""

    id: uuid.UUID = Field(primary_key=True)
    commune_id: uuid.UUID = Field(foreign_key="commune.id", index=True)
    name: str
    name_folded: str = Field(index=True)


class SupportPoint(SQLModel, table=True):
    """A fixed support point, usually at a village cultural house."""

    id: uuid.UUID = Field(primary_key=True)
    name: str
    village_id: uuid.UUID | None = Field(default=None, index=True)


class AppUser(SQLModel, table=True):
    """Someone who signs in: a volunteer, a bank officer, the police, an admin."""

    __tablename__ = "app_user"

    id: uuid.UUID = Field(primary_key=True)
    name: str
    role: str
    support_point_id: uuid.UUID | None = Field(default=None, index=True)
    pin_hash: str = ""  # "scrypt$ln=..,r=..,p=..$salt$digest" (services/pins.py); "" = none
    active: bool = True
    failed_pins: int = 0  # wrong PINs since the last good sign-in
    retry_after: datetime | None = None  # UTC; no sign-in before it (back-off)
    locked: bool = False  # after too many wrong PINs, until the police or an admin unlocks
    pin_change_needed: bool = False  # an old PIN that no longer meets the policy


class Citizen(SQLModel, table=True):
    """A citizen, keyed by personal ID.

    `name_folded` is `fold_name(full_name)`: the search key. Its index with the personal ID
    gives prefix searches and name order straight off the index; a word table in name order
    (`store/name_search.py`, kept by triggers) finds words anywhere in the name.
    Millions of rows at a province: on SQLite the village id takes 16 bytes, the birth date
    and the two times an integer each (`store/types.py`; PostgreSQL's types are that small
    already).
    """

    __table_args__ = (Index("ix_citizen_name_key", "name_folded", "personal_id"),)

    personal_id: str = Field(sa_column=Column(String(12), primary_key=True))
    full_name: str
    name_folded: str
    birth_date: date | None = Field(default=None, sa_column=Column(CompactDate(), nullable=True))
    sex: str | None = None
    address: str = ""
    village_id: uuid.UUID | None = Field(
        default=None, sa_column=Column(CompactUuid(), nullable=True, index=True)
    )
    phone: str | None = None
    old_id: str | None = None
    beneficiary_group: str | None = None
    has_smartphone: bool | None = None
    name_source: str = "scan"
    created_at: datetime = Field(sa_column=Column(MicroTime(), nullable=False))
    updated_at: datetime = Field(sa_column=Column(MicroTime(), nullable=False))


# What the last official list said of a citizen (a 64-bit digest of its kind and its facts,
# `services/list_writes.py`): a list row saying it again is known unchanged from the citizen
# row alone, without reading the facts back; other writers of facts clear it. Only the list
# import's Core statements write it: not an ORM attribute, so the ORM's citizen writes (the
# desk, tests writing a store at an older revision) neither carry nor need it.
Citizen.__table__.append_column(  # type: ignore[attr-defined]
    Column("list_digest", BigInteger, nullable=True)
)


class Visit(SQLModel, table=True):
    """Immutable event: one citizen helped once.

    Point and user may come from other points' bundles before their records do,
    so they carry no foreign key.
    """

    id: uuid.UUID = Field(primary_key=True)
    personal_id: str = Field(foreign_key="citizen.personal_id", index=True)
    occurred_at: datetime = Field(index=True)
    support_point_id: uuid.UUID = Field(index=True)
    user_id: uuid.UUID
    place: str = "at_point"


class Outcome(SQLModel, table=True):
    """Immutable event: what a visit achieved for one step."""

    id: uuid.UUID = Field(primary_key=True)
    visit_id: uuid.UUID = Field(foreign_key="visit.id", index=True)
    personal_id: str = Field(foreign_key="citizen.personal_id", index=True)
    step: str
    result: str
    recorded_at: datetime
    user_id: uuid.UUID
    reason: str | None = None
    reason_text: str = ""
    bank: str | None = None
    referred_to: str | None = None
    corrects: uuid.UUID | None = None


class ListImport(SQLModel, table=True):
    """One official list imported (here, or at the police and brought by a bundle).

    What every fact of that list shares (kind, file, the list's date, when and by whom it was
    imported) is kept once here; a fact refers to it by `id`, a small integer that never
    leaves the store. A bundle still carries each fact whole (the export joins this table
    back; the import finds or makes the row: `store/facts.py`). `sha256` is the file's, known
    where the file itself was imported; `user_id` whoever imported it there.
    """

    __tablename__ = "list_import"
    __table_args__ = (
        Index(
            "ix_list_import_source",
            "source_kind",
            "source_file",
            "as_of",
            "imported_at",
            unique=True,
        ),
    )

    id: int | None = Field(default=None, sa_column=Column(Integer, primary_key=True))
    source_kind: str
    source_file: str
    as_of: date
    imported_at: datetime
    sha256: str | None = None
    user_id: uuid.UUID | None = None


class OfficialFact(SQLModel, table=True):
    """Immutable fact from an imported official list: what it says, and which import said it.

    The id is a UUID that travels in bundles, kept in 16 bytes (`CompactUuid`); the list's
    kind, file, date and import time are in `list_import` (`import_id`). Read facts whole
    through `store/facts.py`, which joins the two.

    Keyed by (personal ID, id): a fact is always read by its citizen, and a bundle carries
    both, so it is found again by both (`facts.known_fact_ids`). On SQLite the table is that
    key's B-tree itself (no rowid, no index of its own): at 2.7 M citizens the id's and the
    personal ID's indexes cost 88 bytes per citizen (migration 0024).
    """

    __tablename__ = "official_fact"
    __table_args__ = (
        PrimaryKeyConstraint("personal_id", "id"),
        {"sqlite_with_rowid": False},
    )

    id: uuid.UUID = Field(sa_column=Column(CompactUuid(), nullable=False))
    personal_id: str = Field(
        sa_column=Column(AutoString(), ForeignKey("citizen.personal_id"), nullable=False)
    )
    field: str
    value: str
    import_id: int = Field(sa_column=Column(Integer, ForeignKey("list_import.id"), nullable=False))


class Setting(SQLModel, table=True):
    """Local settings of this installation: which point this is, the language, ..."""

    key: str = Field(primary_key=True)
    value: str


class StoreKeySlots(SQLModel, table=True):
    """On a database server: the store key's wrapped slots, one row (issue 20, several seats).

    The same JSON a laptop keeps in the file beside its SQLite store (`store/keyslots.py`),
    here so that every seat of an office unlocks with its officer's PIN alone.
    """

    __tablename__ = "store_key_slots"

    id: int = Field(sa_column=Column(SmallInteger, primary_key=True, autoincrement=False))
    body: str


# --- sync ---
class SyncPeer(SQLModel, table=True):
    """A key this installation trusts: enrolled points (at the police), the commune (at a point)."""

    __tablename__ = "sync_peer"

    fingerprint: str = Field(primary_key=True)  # key id, 32 lower-case hex digits
    role: str  # "point" or "commune"
    name: str
    commune_id: uuid.UUID | None = None
    point_id: uuid.UUID | None = Field(default=None, index=True)
    signing_key: str  # raw Ed25519 public key, base64
    box_key: str  # raw X25519 public key, base64
    status: str = "enrolled"  # "enrolled" or "revoked"
    enrolled_at: datetime
    revoked_at: datetime | None = None


class SyncPeerVillage(SQLModel, table=True):
    """At the police: a village whose lists go back to an enrolled point (chosen at enrolment)."""

    __tablename__ = "sync_peer_village"

    fingerprint: str = Field(primary_key=True, foreign_key="sync_peer.fingerprint")
    village_id: uuid.UUID = Field(primary_key=True, foreign_key="village.id")


class SyncExport(SQLModel, table=True):
    """One bundle written here: its sequence number per recipient, file, size and counts."""

    __tablename__ = "sync_export"

    recipient: str = Field(primary_key=True)  # recipient's key id (hex)
    sequence: int = Field(primary_key=True)
    kind: int
    created_at: datetime
    file_name: str
    digest: str
    events: int
    full: bool = False


class SyncExportedEvent(SQLModel, table=True):
    """The export watermark: each event already sent (or received), so "since last" is exact."""

    __tablename__ = "sync_exported_event"

    event_id: uuid.UUID = Field(primary_key=True)
    kind: str  # "visit", "outcome", "fact" or "correction"
    sequence: int


class SyncImport(SQLModel, table=True):
    """One bundle imported here, per sender: for gaps in the sequence and for replays."""

    __tablename__ = "sync_import"

    digest: str = Field(primary_key=True)  # SHA-256 of the file
    sender: str = Field(index=True)  # sender's key id (hex)
    sequence: int
    imported_at: datetime
    file_name: str
    new_events: int
    known_events: int


class SyncQuarantine(SQLModel, table=True):
    """A bundle from a key not (yet) enrolled, held aside still encrypted until enrolment."""

    __tablename__ = "sync_quarantine"

    digest: str = Field(primary_key=True)
    sender: str = Field(index=True)
    sender_label: str
    sequence: int
    file_name: str
    received_at: datetime
    data: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


# --- reports ---
class CampaignWave(SQLModel, table=True):
    """A wave (đợt) of the campaign: a named range of local dates, both ends included."""

    __tablename__ = "campaign_wave"

    id: uuid.UUID = Field(primary_key=True)
    name: str = Field(sa_column=Column(String, unique=True, nullable=False))
    starts_on: date
    ends_on: date
    created_at: datetime


class VillageTarget(SQLModel, table=True):
    """The number of benefit-account links a village aims for (default: every level-2 holder)."""

    __tablename__ = "village_target"

    village_id: uuid.UUID = Field(primary_key=True, foreign_key="village.id")
    target: int
    set_at: datetime


CLOSED_BEFORE = date(9999, 12, 31).toordinal()
"""A projection row's `day_until` below this: a closed span (`status_history.OPEN`'s day)."""


class CitizenStatusSpan(SQLModel, table=True):
    """Derived, never authoritative: the report projection (`store/status_projection.py`).

    One row per citizen per span of days over which the fold said the same: from `day_from`
    (a local day; 0001-01-01 for "before any event") until the day before `day_until`
    (9999-12-31 for "still so"). Each step's state is a `StepState` number (0 not started,
    1 failed, 2 referred, 3 submitted, 4 done), in a column named after the step. Days are
    kept as ordinals (`DayNumber`), village and point in 16 bytes (`CompactUuid`); on SQLite
    the table is its own primary-key index (no rowid). Written in
    the transaction of every write that changes a citizen's events; rebuilt whole after a
    change of `RULES_VERSION`. Safe to empty at any time (the next report rebuilds it).
    """

    __tablename__ = "citizen_status"
    __table_args__ = (
        Index("ix_citizen_status_day_from", "day_from"),
        # closed spans only (few: a change after the first), by their end: the citizens
        # with two spans beginning inside a period (`figure_summary.reached_sums`)
        Index(
            "ix_citizen_status_closed",
            "day_until",
            sqlite_where=text(f"day_until < {CLOSED_BEFORE}"),
            postgresql_where=text(f"day_until < {CLOSED_BEFORE}"),
        ),
        {"sqlite_with_rowid": False},  # the rows are the (personal_id, day_from) index itself
    )

    personal_id: str = Field(sa_column=Column(String(12), primary_key=True))
    day_from: date = Field(sa_column=Column(DayNumber(), primary_key=True))
    day_until: date = Field(sa_column=Column(DayNumber(), nullable=False))
    village_id: uuid.UUID | None = Field(default=None, sa_column=Column(CompactUuid()))
    point_id: uuid.UUID | None = Field(default=None, sa_column=Column(CompactUuid()))
    visits: int = Field(default=0, sa_column=Column(SmallInteger, nullable=False))
    eid_application: int = Field(sa_column=Column(SmallInteger, nullable=False))
    eid_activation: int = Field(sa_column=Column(SmallInteger, nullable=False))
    bank_account: int = Field(sa_column=Column(SmallInteger, nullable=False))
    biometric_verified: int = Field(sa_column=Column(SmallInteger, nullable=False))
    benefit_link: int = Field(sa_column=Column(SmallInteger, nullable=False))
    opened_at_bank: str | None = None
    beneficiary_group: str | None = None
    payment: str | None = None
    has_smartphone: bool | None = None
    eligible: bool = False  # `CitizenStatus.eligible`: level 2, a smartphone, a bank account
    # issue 18's agency reports and social-affairs file: paid through a proxy or guardian;
    # the bank account step's bank and local day (from a desk, a list or a payment record)
    through_receiver: bool = False
    account_bank: str | None = None
    account_on: date | None = None
    # on a citizen's first row when their span from 0001-01-01 is not stored: the
    # `citizen_status_base` row that says what it was (`status_projection.holding_on`)
    base: int | None = Field(default=None, sa_column=Column(SmallInteger, nullable=True))


class CitizenStatusBase(SQLModel, table=True):
    """Derived: a status before any event (the fold of a citizen row alone), by code.

    Most citizens' first span (from 0001-01-01 until their first list day) holds one of a
    few such statuses, decided by their group and smartphone only: it is stored here once
    and named by the citizen's first row (`citizen_status.base`) instead of being a row of
    its own: one row per citizen when nothing changed after the list day.
    """

    __tablename__ = "citizen_status_base"

    code: int = Field(sa_column=Column(SmallInteger, primary_key=True, autoincrement=False))
    eid_application: int = Field(sa_column=Column(SmallInteger, nullable=False))
    eid_activation: int = Field(sa_column=Column(SmallInteger, nullable=False))
    bank_account: int = Field(sa_column=Column(SmallInteger, nullable=False))
    biometric_verified: int = Field(sa_column=Column(SmallInteger, nullable=False))
    benefit_link: int = Field(sa_column=Column(SmallInteger, nullable=False))
    opened_at_bank: str | None = None
    beneficiary_group: str | None = None
    payment: str | None = None
    has_smartphone: bool | None = None
    eligible: bool = False
    through_receiver: bool = False
    account_bank: str | None = None
    account_on: date | None = None


class FigureDelta(SQLModel, table=True):
    """Derived from the projection: how each figure cell's counts change on a day (issue 17).

    A cell is a village, a point (of the last visit), a beneficiary group, the bank of an
    account opened at a point and a payment class; "none" is kept as the nil UUID or the
    empty text, so the cell is a primary key on every database. Each citizen's span adds its
    marks to its cell on its first day and takes them away on the day after its last:
    what holds at the end of a day D is the sum of the rows dated D or before
    (`store/figure_summary.py`), a few thousand rows instead of every citizen. `changed`
    counts the citizens whose marks changed that day (a report's "anything happened").
    Kept in the transaction of every projection write; rebuilt whole with the projection.
    """

    __tablename__ = "figure_delta"

    day: date = Field(sa_column=Column(DayNumber(), primary_key=True))
    village_id: uuid.UUID = Field(sa_column=Column(CompactUuid(), primary_key=True))
    point_id: uuid.UUID = Field(sa_column=Column(CompactUuid(), primary_key=True))
    beneficiary_group: str = Field(sa_column=Column(String, primary_key=True))
    opened_at_bank: str = Field(sa_column=Column(String, primary_key=True))
    payment: str = Field(sa_column=Column(String, primary_key=True))
    citizens: int = Field(sa_column=Column(Integer, nullable=False))
    level2: int = Field(sa_column=Column(Integer, nullable=False))
    activated: int = Field(sa_column=Column(Integer, nullable=False))
    link_waiting: int = Field(sa_column=Column(Integer, nullable=False))
    link_approved: int = Field(sa_column=Column(Integer, nullable=False))
    linked: int = Field(sa_column=Column(Integer, nullable=False))
    bank_account: int = Field(sa_column=Column(Integer, nullable=False))
    smartphone: int = Field(sa_column=Column(Integer, nullable=False))
    eligible: int = Field(sa_column=Column(Integer, nullable=False))
    changed: int = Field(sa_column=Column(Integer, nullable=False))


class FigureReach(SQLModel, table=True):
    """Derived from the projection: what citizens reached on the day a span of theirs began.

    One row per distinct first day, day after the last (`until`), first day of the status
    before it (`prev_from`; 0001-01-01 for a base) and cell (village, point, group, and the
    bank of an account opened with it, "none" as in `FigureDelta`), with how many citizens,
    how many of them reached each counted mark (had it from `day`, not in the status before)
    and their visits on that day. A citizen whose only span beginning inside a period is
    this one (`day` inside, `until` after its end, `prev_from` before its start) reached in
    the period exactly what the row says: a period's "reached" figures are a sum over these
    rows (`store/figure_summary.py`), plus the few citizens with two spans beginning inside it.
    """

    __tablename__ = "figure_reach"

    day: date = Field(sa_column=Column(DayNumber(), primary_key=True))
    until: date = Field(sa_column=Column(DayNumber(), primary_key=True))
    prev_from: date = Field(sa_column=Column(DayNumber(), primary_key=True))
    village_id: uuid.UUID = Field(sa_column=Column(CompactUuid(), primary_key=True))
    point_id: uuid.UUID = Field(sa_column=Column(CompactUuid(), primary_key=True))
    beneficiary_group: str = Field(sa_column=Column(String, primary_key=True))
    opened_at_bank: str = Field(sa_column=Column(String, primary_key=True))
    citizens: int = Field(sa_column=Column(Integer, nullable=False))
    level2: int = Field(sa_column=Column(Integer, nullable=False))
    activated: int = Field(sa_column=Column(Integer, nullable=False))
    link_waiting: int = Field(sa_column=Column(Integer, nullable=False))
    link_approved: int = Field(sa_column=Column(Integer, nullable=False))
    linked: int = Field(sa_column=Column(Integer, nullable=False))
    bank_account: int = Field(sa_column=Column(Integer, nullable=False))
    smartphone: int = Field(sa_column=Column(Integer, nullable=False))
    eligible: int = Field(sa_column=Column(Integer, nullable=False))
    visited: int = Field(sa_column=Column(Integer, nullable=False))
    visits: int = Field(sa_column=Column(Integer, nullable=False))


class CitizenCorrectionRow(SQLModel, table=True):
    """Immutable event: one detail of a citizen corrected at a point (old and new value).

    The citizen row holds the details with the latest correction of each field applied.
    """

    __tablename__ = "citizen_correction"

    id: uuid.UUID = Field(primary_key=True)
    personal_id: str = Field(foreign_key="citizen.personal_id", index=True)
    field: str
    old_value: str = ""
    new_value: str = ""
    recorded_at: datetime
    user_id: uuid.UUID
    support_point_id: uuid.UUID | None = None


class PaymentReceiverRow(SQLModel, table=True):
    """Immutable event: who receives a beneficiary's payment (self, proxy, guardian).

    `receiver_id` is the proxy's or guardian's own personal ID (they need not be a citizen of
    the store). The latest event of a beneficiary stands.
    """

    __tablename__ = "payment_receiver"

    id: uuid.UUID = Field(primary_key=True)
    personal_id: str = Field(foreign_key="citizen.personal_id", index=True)
    holder: str
    receiver_name: str = ""
    relation: str = ""
    receiver_id: str | None = None
    recorded_at: datetime
    user_id: uuid.UUID
    support_point_id: uuid.UUID | None = None


class PaymentAccountRow(SQLModel, table=True):
    """Immutable event: the account a beneficiary's payment goes into (personal data).

    The account number lives only here (in the encrypted store) and in bundles; screens and
    printed lists show it masked.
    """

    __tablename__ = "payment_account"

    id: uuid.UUID = Field(primary_key=True)
    personal_id: str = Field(foreign_key="citizen.personal_id", index=True)
    holder: str
    bank: str
    account_number: str
    recorded_at: datetime
    user_id: uuid.UUID
    support_point_id: uuid.UUID | None = None


class PaymentListExport(SQLModel, table=True):
    """One monthly payment-list export: who, when, how many rows (never the data itself)."""

    __tablename__ = "payment_list_export"

    id: uuid.UUID = Field(primary_key=True)
    exported_at: datetime
    user_id: uuid.UUID
    rows: int
    unmasked: bool = False


class PaymentListEntry(SQLModel, table=True):
    """A receiver or account event put in a payment list: the next list is "since the last"."""

    __tablename__ = "payment_list_entry"

    event_id: uuid.UUID = Field(primary_key=True)
    export_id: uuid.UUID = Field(foreign_key="payment_list_export.id", index=True)


# --- village teams and units (issue 19) ---
class TeamRow(SQLModel, table=True):
    """A village's team (Tổ Đề án 06): one per village, set up by the police or an admin."""

    __tablename__ = "team"

    id: uuid.UUID = Field(primary_key=True)
    village_id: uuid.UUID = Field(foreign_key="village.id", unique=True)
    name: str
    updated_at: datetime


class TeamMemberRow(SQLModel, table=True):
    """A member of a village team; `personal_id` (when the list gives it) keys re-imports."""

    __tablename__ = "team_member"

    id: uuid.UUID = Field(primary_key=True)
    team_id: uuid.UUID = Field(foreign_key="team.id", index=True)
    full_name: str
    role: str = "other"
    phone: str | None = None
    personal_id: str | None = Field(default=None, sa_column=Column(String(12), nullable=True))
    user_id: uuid.UUID | None = None
    target: int | None = None
    leader: bool = False
    active: bool = True
    updated_at: datetime


class UnitRow(SQLModel, table=True):
    """A school, organisation or office whose roster reports through the commune police."""

    __tablename__ = "unit"

    id: uuid.UUID = Field(primary_key=True)
    name: str
    name_folded: str = Field(sa_column=Column(String, unique=True, nullable=False))
    kind: str = "organisation"
    deadline: date
    target_percent: int = 100
    updated_at: datetime


class UnitMemberRow(SQLModel, table=True):
    """One citizen on a unit's roster (from the unit's own list)."""

    __tablename__ = "unit_member"

    unit_id: uuid.UUID = Field(primary_key=True, foreign_key="unit.id")
    personal_id: str = Field(sa_column=Column(String(12), primary_key=True, index=True))
    role: str = "member"
    source_file: str = ""
    added_at: datetime


class VisitHelperRow(SQLModel, table=True):
    """Immutable event: which team member brought a visit's citizen in (the latest one counts).

    Like a visit's user, the member may arrive from the police's bundle after the visit's own
    point recorded it, so it carries no foreign key.
    """

    __tablename__ = "visit_helper"

    id: uuid.UUID = Field(primary_key=True)
    visit_id: uuid.UUID = Field(index=True)
    personal_id: str = Field(sa_column=Column(String(12), nullable=False, index=True))
    member_id: uuid.UUID = Field(index=True)
    recorded_at: datetime
    user_id: uuid.UUID
    support_point_id: uuid.UUID


# --- province (a province store: commune summaries, never a citizen) ---
class ProvinceCommune(SQLModel, table=True):
    """A commune of the province: from the list of administrative units, or enrolled."""

    __tablename__ = "province_commune"

    id: uuid.UUID = Field(primary_key=True)
    code: str = Field(default="", index=True)  # the administrative unit code, "" if none
    name: str
    name_folded: str = Field(index=True)
    district: str = ""
    commune_id: uuid.UUID | None = Field(default=None, unique=True)  # set at enrolment
    fingerprint: str | None = None  # the enrolled commune key (sync_peer)


class ProvinceSummary(SQLModel, table=True):
    """The summary a commune's figures of one day come from: the highest sequence wins."""

    __tablename__ = "province_summary"

    commune_id: uuid.UUID = Field(primary_key=True)
    day: date = Field(primary_key=True, index=True)
    sequence: int
    digest: str
    sender: str
    imported_at: datetime


class ProvinceFigure(SQLModel, table=True):
    """One unit's figures of one commune and day; the main counts as columns for SQL sums.

    `figures` is the row as the summary sent it (JSON): every figure, the columns included.
    """

    __tablename__ = "province_figure"
    __table_args__ = (Index("ix_province_figure_day_kind", "day", "unit_kind"),)

    commune_id: uuid.UUID = Field(primary_key=True)
    day: date = Field(primary_key=True)
    unit_kind: str = Field(primary_key=True)
    unit_key: str = Field(primary_key=True)
    unit_name: str
    citizens: int = 0
    level2: int = 0
    activated: int = 0
    link_waiting: int = 0
    link_approved: int = 0
    linked: int = 0
    bank_account: int = 0
    opened: int = 0
    visited: int = 0
    paid_to_account: int = 0
    has_account_not_paid: int = 0
    no_account: int = 0
    not_classified: int = 0
    new_level2: int = 0
    new_linked: int = 0
    figures: str = "{}"

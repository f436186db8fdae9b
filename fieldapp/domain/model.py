"""Entities and immutable events of the campaign.

A `Visit` and its `Outcome`s are facts with UUIDs: never updated, only added. A correction is
a new `Outcome` that names the one it corrects. Official facts come from imported lists.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from fieldapp.domain.personal_id import Sex


class Step(StrEnum):
    """Steps of the campaign a citizen goes through."""

    EID_APPLICATION = "eid_application"
    EID_ACTIVATION = "eid_activation"
    BANK_ACCOUNT = "bank_account"
    BIOMETRIC_VERIFIED = "biometric_verified"
    BENEFIT_LINK = "benefit_link"


class Result(StrEnum):
    """What a visit achieved for one step."""

    DONE = "done"
    SUBMITTED = "submitted"
    FAILED = "failed"
    REFERRED = "referred"


class FailureReason(StrEnum):
    """Why a step failed: the volunteer picks one from a list."""

    NO_SMARTPHONE = "no_smartphone"
    PHONE_NOT_REGISTERED = "phone_not_registered"
    NO_OTP = "no_otp"
    LEVEL2_NOT_REGISTERED = "level2_not_registered"
    ACCOUNT_LOCKED = "account_locked"
    BANK_NOT_VERIFIED = "bank_not_verified"
    CITIZEN_ABSENT = "citizen_absent"
    NETWORK_DOWN = "network_down"
    OTHER = "other"


class ReferralTarget(StrEnum):
    """Where a citizen is sent when the point cannot finish a step."""

    COMMUNE_POLICE = "commune_police"
    BANK = "bank"


class VisitPlace(StrEnum):
    """At a fixed support point or at the citizen's home."""

    AT_POINT = "at_point"
    HOME = "home"


class BeneficiaryGroup(StrEnum):
    """Groups of social-security beneficiaries, each reported to its own agency."""

    MERIT = "merit"
    SOCIAL_PROTECTION = "social_protection"
    SOCIAL_PENSION = "social_pension"
    INSURANCE_PENSION = "insurance_pension"
    SERIOUS_ILLNESS = "serious_illness"
    EDUCATION = "education"


class PaymentStatus(StrEnum):
    """Three-way classification of how a beneficiary is paid (seed 002)."""

    PAID_TO_ACCOUNT = "paid_to_account"
    HAS_ACCOUNT_NOT_PAID = "has_account_not_paid"
    NO_ACCOUNT = "no_account"


class Role(StrEnum):
    """Who uses the app; each visit and outcome records its user."""

    VOLUNTEER = "volunteer"
    BANK_OFFICER = "bank_officer"
    COMMUNE_POLICE = "commune_police"
    ADMIN = "admin"
    PROVINCE_POLICE = "province_police"  # a province store: commune summaries, no citizens


def new_id() -> uuid.UUID:
    """A fresh event id."""
    return uuid.uuid4()


@dataclass(frozen=True, slots=True)
class Citizen:
    """A person the campaign serves, keyed by their personal ID."""

    personal_id: str
    full_name: str
    birth_date: date | None = None
    sex: Sex | None = None
    address: str = ""
    village_id: uuid.UUID | None = None
    phone: str | None = None
    old_id: str | None = None
    beneficiary_group: BeneficiaryGroup | None = None
    has_smartphone: bool | None = None


@dataclass(frozen=True, slots=True)
class Visit:
    """One citizen helped once, at a point or at home."""

    id: uuid.UUID
    personal_id: str
    occurred_at: datetime
    support_point_id: uuid.UUID
    user_id: uuid.UUID
    place: VisitPlace = VisitPlace.AT_POINT


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a visit achieved for one step. `corrects` voids an earlier outcome."""

    id: uuid.UUID
    visit_id: uuid.UUID
    personal_id: str
    step: Step
    result: Result
    recorded_at: datetime
    user_id: uuid.UUID
    reason: FailureReason | None = None
    reason_text: str = ""
    bank: str | None = None
    referred_to: ReferralTarget | None = None
    corrects: uuid.UUID | None = None


class FactField(StrEnum):
    """What an official list can say about a citizen."""

    EID_LEVEL = "eid_level"  # "1" or "2"
    EID_ACTIVATED = "eid_activated"  # "true" / "false"
    BENEFIT_LINKED = "benefit_linked"  # "true" / "false"
    BENEFICIARY_GROUP = "beneficiary_group"
    PAYMENT_STATUS = "payment_status"
    PROXY_NAME = "proxy_name"
    GUARDIAN_NAME = "guardian_name"
    RECEIVER_ID = "receiver_id"  # the proxy's or guardian's personal ID (issue 19)
    RECEIVER_RELATION = "receiver_relation"  # their relation to the beneficiary
    NEEDS_HELP = "needs_help"
    HAS_SMARTPHONE = "has_smartphone"  # "true" / "false": a list's column (issue 18 item 3)


@dataclass(frozen=True, slots=True)
class OfficialFact:
    """A fact of source "official list": what an imported list said, from which file, when."""

    id: uuid.UUID
    personal_id: str
    field: FactField
    value: str
    source_kind: str
    source_file: str
    as_of: date


@dataclass(frozen=True, slots=True)
class Commune:
    """The commune a campaign runs in."""

    id: uuid.UUID
    name: str
    province: str = ""
    report_deadline: str = "16:00"


@dataclass(frozen=True, slots=True)
class Village:
    """A village (thôn) of the commune."""

    id: uuid.UUID
    commune_id: uuid.UUID
    name: str


@dataclass(frozen=True, slots=True)
class SupportPoint:
    """A fixed support point; home visits are recorded under the volunteer's point."""

    id: uuid.UUID
    name: str
    village_id: uuid.UUID | None = None


@dataclass(frozen=True, slots=True)
class User:
    """Someone who records visits. The PIN hash never leaves the store."""

    id: uuid.UUID
    name: str
    role: Role
    support_point_id: uuid.UUID | None = None
    active: bool = True

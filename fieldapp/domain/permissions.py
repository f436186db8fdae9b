"""Who may do what: the one permission table of the app (role → allowed actions).

Every service that changes something, or shows personal data in bulk, asks this table with
the acting user's role; the faces ask it only to hide what would be refused anyway. A bank
officer records account openings, biometrics and payment accounts, nothing else; only the
police and admins manage users, and nobody creates a role above their own.
"""

from __future__ import annotations

from enum import StrEnum

from fieldapp.domain.errors import FieldAppError
from fieldapp.domain.model import Role, Step


class Action(StrEnum):
    """Everything a signed-in user may be allowed to do."""

    REGISTER_VISIT = "register_visit"
    RECORD_OUTCOME = "record_outcome"  # which steps: `allowed_steps`
    CREATE_CITIZEN = "create_citizen"
    CORRECT = "correct"  # undo one's own outcome
    CORRECT_DETAILS = "correct_details"  # a citizen's name, birth date, sex, village, smartphone
    LOOK_UP = "look_up"  # a citizen's card, search, today's visits
    PRINT_SLIPS = "print_slips"  # guide sheets, leaflets, a citizen's slip, a village's slips
    IMPORT_LIST = "import_list"
    IMPORT_BUNDLES = "import_bundles"
    EXPORT_BUNDLE = "export_bundle"
    EXPORT_LISTS = "export_lists"  # lists back to the points
    MANAGE_KEYS = "manage_keys"  # commune keys, enrolment, revocation, key cards
    POINT_SETTINGS = "point_settings"  # banks, language, guide file, point info
    CAMPAIGN_SETTINGS = "campaign_settings"  # waves, targets, report deadline
    VIEW_REPORTS = "view_reports"  # dashboard and reports
    EXPORT_PERSONAL_DATA = "export_personal_data"  # rejected rows, agency files, backups
    MANAGE_USERS = "manage_users"
    MARK_HOME_VISIT = "mark_home_visit"  # "cannot travel" / "can come": the home-visit list
    RECORD_RECEIVER = "record_receiver"  # who receives a beneficiary's payment (proxy...)
    RECORD_ACCOUNT = "record_account"  # the account a beneficiary's payment goes into
    EXPORT_PAYMENT_LIST = "export_payment_list"  # the monthly payment list (personal data)
    MANAGE_TEAMS = "manage_teams"  # village teams, their members and targets (police, admin)
    MANAGE_UNITS = "manage_units"  # schools, organisations, offices and their rosters
    PICK_HELPER = "pick_helper"  # which team member brought a visit's citizen in
    EXPORT_SUMMARY = "export_summary"  # the commune's figures for the province (counts only)
    IMPORT_SUMMARIES = "import_summaries"  # at the province: communes' summaries
    PROVINCE_SETTINGS = "province_settings"  # the province's communes and their enrolment


# What only a province store does: a commune's police and admins never import summaries.
_PROVINCE_ONLY = frozenset({Action.IMPORT_SUMMARIES, Action.PROVINCE_SETTINGS})


_POINT_WORK = frozenset(
    {
        Action.REGISTER_VISIT,
        Action.RECORD_OUTCOME,
        Action.CREATE_CITIZEN,
        Action.CORRECT,
        Action.CORRECT_DETAILS,
        Action.LOOK_UP,
        Action.PRINT_SLIPS,
        Action.IMPORT_LIST,
        Action.IMPORT_BUNDLES,
        Action.EXPORT_BUNDLE,
        Action.POINT_SETTINGS,
        Action.MARK_HOME_VISIT,
        Action.RECORD_RECEIVER,
        Action.RECORD_ACCOUNT,
        Action.PICK_HELPER,
    }
)

PERMISSIONS: dict[Role, frozenset[Action]] = {
    Role.VOLUNTEER: _POINT_WORK,
    Role.BANK_OFFICER: frozenset(
        {
            Action.REGISTER_VISIT,
            Action.RECORD_OUTCOME,
            Action.CORRECT,
            Action.LOOK_UP,
            Action.RECORD_ACCOUNT,
        }
    ),
    Role.COMMUNE_POLICE: frozenset(Action) - _PROVINCE_ONLY,
    # A province store's admin sets it up; its officers read figures, never a citizen.
    Role.ADMIN: frozenset(Action),
    Role.PROVINCE_POLICE: frozenset(
        {
            Action.VIEW_REPORTS,
            Action.IMPORT_SUMMARIES,
            Action.PROVINCE_SETTINGS,
            Action.MANAGE_KEYS,
            Action.MANAGE_USERS,
        }
    ),
}

# Which roles each role may create, rename, deactivate, give a new PIN or unlock.
MANAGEABLE_ROLES: dict[Role, frozenset[Role]] = {
    Role.VOLUNTEER: frozenset(),
    Role.BANK_OFFICER: frozenset(),
    Role.COMMUNE_POLICE: frozenset({Role.VOLUNTEER, Role.BANK_OFFICER, Role.COMMUNE_POLICE}),
    Role.ADMIN: frozenset(Role),
    Role.PROVINCE_POLICE: frozenset({Role.PROVINCE_POLICE}),
}

FIRST_USER_ROLE = Role.ADMIN  # the very first user of a store sets everything else up

_BANK_STEPS = frozenset({Step.BANK_ACCOUNT, Step.BIOMETRIC_VERIFIED})
_STEPS: dict[Role, frozenset[Step]] = {
    Role.VOLUNTEER: frozenset(Step),
    Role.BANK_OFFICER: _BANK_STEPS,
    Role.COMMUNE_POLICE: frozenset(Step),
    Role.ADMIN: frozenset(Step),
    Role.PROVINCE_POLICE: frozenset(),
}


class ForbiddenError(FieldAppError):
    """The acting user's role may not do this."""

    exit_code = 8


def may(role: Role | None, action: Action) -> bool:
    """True if the role may take the action (nobody signed in may take none)."""
    return role is not None and action in PERMISSIONS[role]


def require(role: Role | None, action: Action) -> None:
    """Refuse the action, in one clear line, unless the role may take it."""
    if not may(role, action):
        raise ForbiddenError("permission.denied", role=role.value if role else "", action=action)


def allowed_steps(role: Role) -> frozenset[Step]:
    """The steps a role may record outcomes for (a bank officer: account and biometrics)."""
    return _STEPS[role] if may(role, Action.RECORD_OUTCOME) else frozenset()


def may_manage(acting: Role | None, target: Role) -> bool:
    """True if the acting role may create or change a user of the target role."""
    return may(acting, Action.MANAGE_USERS) and target in MANAGEABLE_ROLES[acting]  # type: ignore[index]


def require_manage(acting: Role | None, target: Role) -> None:
    """Refuse creating or changing a user of a role the acting one may not manage."""
    require(acting, Action.MANAGE_USERS)
    if not may_manage(acting, target):
        raise ForbiddenError(
            "permission.role_above", role=acting.value if acting else "", target_role=target.value
        )


def creatable_roles(acting: Role | None) -> tuple[Role, ...]:
    """The roles a user may create, in the enum's order (for pick lists)."""
    return tuple(r for r in Role if may_manage(acting, r))

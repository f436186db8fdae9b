"""Who may record what: a bank officer records account openings only."""

from __future__ import annotations

from fieldapp.domain.model import Role, Step

_BANK_STEPS = frozenset({Step.BANK_ACCOUNT, Step.BIOMETRIC_VERIFIED})


def allowed_steps(role: Role) -> frozenset[Step]:
    """The steps a role may record outcomes for."""
    if role is Role.BANK_OFFICER:
        return _BANK_STEPS
    return frozenset(Step)

"""Plain-language sentences about a citizen's status, shared by the desk, the CLI and slips."""

from __future__ import annotations

from fieldapp.domain.status import CitizenStatus, Need, StepState, StepStatus
from fieldapp.i18n import tr


def step_state_text(status: StepStatus, lang: str = "vi") -> str:
    """'Đã xong', 'Chưa thành công: Không nhận được mã OTP', ..."""
    text = tr(f"state.{status.state.key}", lang)
    if status.state is StepState.FAILED and status.reason is not None:
        text += ": " + tr(f"reason.{status.reason.value}", lang)
    if status.bank:
        text += f" ({status.bank})"
    return text


def next_steps_text(status: CitizenStatus, lang: str = "vi") -> list[str]:
    """What is missing next, one sentence each, in the order to help.

    When linking is still blocked, say what must come first, e.g. "Cần mở tài khoản ngân hàng
    và xác thực sinh trắc học trước khi tích hợp".
    """
    if status.complete:
        return [tr("need.nothing", lang)]
    missing = status.missing
    account_steps = [n for n in (Need.BANK_ACCOUNT, Need.BIOMETRIC) if n in missing]
    lines = [
        tr(f"need.{n.value}", lang)
        for n in (
            Need.LEVEL2_REGISTRATION,
            Need.LEVEL2_UPGRADE,
            Need.SMARTPHONE,
            Need.EID_ACTIVATION,
        )
        if n in missing
    ]
    if account_steps and Need.BENEFIT_LINK in missing:
        names = [tr(f"need.short.{n.value}", lang) for n in account_steps]
        lines.append(tr("need.link_blocked", lang, things=_join(names, lang)))
    else:
        lines += [tr(f"need.{n.value}", lang) for n in account_steps]
        if Need.BENEFIT_LINK in missing and not lines:
            lines.append(tr("need.benefit_link", lang))
    if Need.WAIT_APPROVAL in missing:
        lines.append(tr("need.wait_approval", lang))
    return lines


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("join.and", lang) + items[-1]

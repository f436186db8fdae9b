"""Plain-language sentences about a citizen's status, shared by the desk, the CLI and slips.

Which needs are said together is read from the step rules (`domain/step_rules.py`): the needs
that only serve a step (`means_of`) are said in one sentence with it.
"""

from __future__ import annotations

from fieldapp.domain.model import Step
from fieldapp.domain.status import CitizenStatus, StepState, StepStatus
from fieldapp.domain.step_rules import RULE_OF_STEP, means_of
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
    link = RULE_OF_STEP[Step.BENEFIT_LINK]
    means = [n for n in _LINK_MEANS if n in missing]
    lines = [
        tr(f"need.{n.value}", lang)
        for n in missing
        if n not in _LINK_MEANS and n is not link.need and n is not link.waiting
    ]
    if means and link.need in missing:
        names = [tr(f"need.short.{n.value}", lang) for n in means]
        lines.append(tr("need.link_blocked", lang, things=_join(names, lang)))
    else:
        lines += [tr(f"need.{n.value}", lang) for n in means]
        if link.need in missing and not lines:  # the link is the next thing only when alone
            lines.append(tr(f"need.{link.need.value}", lang))
    if link.waiting is not None and link.waiting in missing:
        lines.append(tr(f"need.{link.waiting.value}", lang))
    return lines


_LINK_MEANS = means_of(Step.BENEFIT_LINK)  # a bank account and its biometric verification


def _join(items: list[str], lang: str) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + tr("join.and", lang) + items[-1]

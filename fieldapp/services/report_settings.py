"""Who issues each report, who signs it, to whom it goes: settings per report kind.

Seed 002 §11: the commune People's Committee (UBND xã) reports every day before 14:00 to each
sector agency (pensions and social insurance → BHXH tỉnh; merit → Sở Nội vụ; social
protection and social pension → Sở Y tế; education → Sở GD&ĐT). The commune police compile the
campaign's reports for the Steering Committee, daily before 16:00 to the police above (001).
Those are the defaults; the police or an admin can change any line (the issuing body, the
signer's title and name, "Kính gửi", "Nơi nhận", the document number, the deadline) and the
final report's narrative text. Only what was changed is stored (one `setting` row per kind),
so a default improved in a later version still reaches the lines nobody touched.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from fieldapp.documents.report_model import ReportDocument
from fieldapp.domain import model as dm
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.permissions import Action
from fieldapp.domain.safe_text import name_problem, text_problem
from fieldapp.i18n import tr
from fieldapp.services import users
from fieldapp.services.unit_of_work import UnitOfWork

# The four sector agencies a commune's daily report goes to (seed 002 §11), in its order.
SECTOR_AGENCIES: tuple[str, ...] = ("social_security", "home_affairs", "health", "education")
# What the CLI accepts besides the codes: the words people type.
AGENCY_ALIASES: dict[str, str] = {
    "social-insurance": "social_security",
    "social_insurance": "social_security",
    "social-security": "social_security",
    "bhxh": "social_security",
    "home-affairs": "home_affairs",
    "noi-vu": "home_affairs",
    "y-te": "health",
    "gd-dt": "education",
    "labour-federation": "labour_federation",
}
POLICE_KINDS: tuple[str, ...] = ("daily", "weekly", "wave", "final")
NARRATIVE_PARTS: tuple[str, ...] = ("results", "shortcomings", "lessons", "proposals")
SETTING_PREFIX = "report_settings."
NARRATIVE_MAX_LENGTH = 8000  # a page or two of an administrative summary
_DEADLINE = re.compile(r"^([01]?[0-9]|2[0-3]):([0-5][0-9])$")


def agency_code(text: str) -> str:
    """The agency's code from what was typed ('health', 'social-insurance', 'BHXH')."""
    key = text.strip().casefold()
    from fieldapp.services.reports import AGENCIES

    code = AGENCY_ALIASES.get(key, key.replace("-", "_"))
    if code not in AGENCIES:
        raise ValidationError("report_settings.bad_agency", value=text)
    return code


def settings_kinds() -> tuple[str, ...]:
    """Every kind with settings: the police's four reports, then one per agency."""
    from fieldapp.services.reports import AGENCIES

    return (*POLICE_KINDS, *(f"agency.{code}" for code in AGENCIES))


@dataclass(frozen=True)
class ReportSettings:
    """The lines around a report's figures, as they will be printed."""

    kind: str
    issuer_parent: str
    issuer: str
    number: str
    addressee: str  # after "Kính gửi:"; empty: no such line
    signer_title: str  # may hold a line break ("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")
    signer_name: str
    recipients: tuple[str, ...]  # the lines under "Nơi nhận:"
    deadline: str  # "HH:MM": the daily report covers deadline to deadline
    narrative: Mapping[str, str] = field(default_factory=dict)  # final report's sections

    def narrative_text(self, part: str) -> str:
        """The officer's text for one narrative part ("" when none was written)."""
        return self.narrative.get(part, "")


EDITABLE = ("issuer_parent", "issuer", "number", "addressee", "signer_title", "signer_name")


def _place(commune: dm.Commune | None) -> tuple[str, str]:
    """The commune's name without its level, upper-cased, and the province's, upper-cased."""
    from fieldapp.services.report_document import issuer_name

    name = issuer_name(commune.name) if commune else "XÃ …"
    return name, (commune.province.upper() if commune and commune.province else "…")


def default_settings(kind: str, commune: dm.Commune | None, lang: str = "vi") -> ReportSettings:
    """The seeds' defaults for a report kind (before anything was changed)."""
    commune_upper, province = _place(commune)
    commune_name = _in_sentence(commune.name) if commune else "…"
    deadline = commune.report_deadline if commune else "16:00"
    if kind.startswith("agency."):
        code = kind.removeprefix("agency.")
        agency = tr(f"report_settings.agency_full.{code}", lang, province=_title(province))
        return ReportSettings(
            kind=kind,
            issuer_parent=tr("report_settings.ubnd_parent", lang),
            issuer=commune_upper,
            number=tr("report_settings.ubnd_number", lang),
            addressee=agency,
            signer_title=tr("report_settings.ubnd_signer", lang),
            signer_name="",
            recipients=(
                tr("report_settings.recipient_report", lang, body=agency),
                tr("report_settings.recipient_task_force", lang),
                tr("report_settings.recipient_police", lang, commune=commune_name),
                tr("reports.recipient.archive", lang),
            ),
            deadline="14:00",
        )
    if kind not in POLICE_KINDS:
        raise ValidationError("report_settings.bad_kind", value=kind)
    steering = tr("report_settings.steering", lang, commune=commune_name)
    return ReportSettings(
        kind=kind,
        issuer_parent=tr("reports.issuer_parent", lang, province=province),
        issuer=tr("reports.issuer", lang, commune=commune_upper),
        number=tr("reports.number", lang),
        addressee=steering,
        signer_title=tr("reports.signer", lang),
        signer_name="",
        recipients=(
            tr("report_settings.recipient_report", lang, body=steering),
            tr("reports.recipient.province", lang).removesuffix(";") + ";",
            tr("reports.recipient.ubnd", lang),
            tr("reports.recipient.archive", lang),
        ),
        deadline=deadline,
    )


def _in_sentence(name: str) -> str:
    """'Xã Kiên Thọ' → 'xã Kiên Thọ' (the level is lower case inside a sentence)."""
    first, _, rest = name.partition(" ")
    if rest and first.casefold() in ("xã", "phường", "đặc", "thị"):
        return f"{first.lower()} {rest}"
    return name


def _title(upper: str) -> str:
    """'THANH HÓA' → 'Thanh Hóa' (a province's name inside a sentence)."""
    return " ".join(w[:1] + w[1:].lower() for w in upper.split()) if upper != "…" else upper


def report_settings(uow: UnitOfWork, kind: str, lang: str = "vi") -> ReportSettings:
    """The settings of a report kind: the defaults, with what was changed laid over them."""
    if kind not in settings_kinds():
        raise ValidationError("report_settings.bad_kind", value=kind)
    with uow:
        commune = next(iter(uow.repo.communes()), None)
        stored = uow.repo.get_setting(SETTING_PREFIX + kind)
    base = default_settings(kind, commune, lang)
    changes = json.loads(stored) if stored else {}
    return _apply(base, changes)


def _apply(base: ReportSettings, changes: Mapping[str, Any]) -> ReportSettings:
    values: dict[str, Any] = {k: v for k, v in changes.items() if k in (*EDITABLE, "deadline")}
    if "recipients" in changes:
        values["recipients"] = tuple(changes["recipients"])
    if "narrative" in changes:
        values["narrative"] = dict(changes["narrative"])
    return replace(base, **values)


def save_report_settings(
    uow: UnitOfWork, kind: str, changes: Mapping[str, Any], *, actor: dm.User
) -> ReportSettings:
    """Change some lines of a kind's settings (police, admins); returns the new settings.

    `changes` maps a field to its new text (`recipients`: a list of lines; `narrative`: a
    mapping part → text). None puts a field back to its default. Every text is checked first
    and nothing is stored unless all are fine.
    """
    users.check(uow, actor, Action.CAMPAIGN_SETTINGS)
    if kind not in settings_kinds():
        raise ValidationError("report_settings.bad_kind", value=kind)
    cleaned = _checked(changes)
    with uow:
        key = SETTING_PREFIX + kind
        stored = uow.repo.get_setting(key)
        current: dict[str, Any] = json.loads(stored) if stored else {}
        for name, value in cleaned.items():
            if value is None:
                current.pop(name, None)
            elif name == "narrative":
                narrative = {**current.get("narrative", {}), **value}
                current["narrative"] = {k: v for k, v in narrative.items() if v}
            else:
                current[name] = value
        uow.repo.set_setting(key, json.dumps(current, ensure_ascii=False, sort_keys=True))
        uow.commit()
    return report_settings(uow, kind)


def _checked(changes: Mapping[str, Any]) -> dict[str, Any]:
    """The changes, each text refused in one clear line if it cannot be printed."""
    cleaned: dict[str, Any] = {}
    for name, value in changes.items():
        if value is None:
            cleaned[name] = None
        elif name in EDITABLE:
            limit = 300
            cleaned[name] = _text(name, str(value), limit, multi_line=name == "signer_title")
        elif name == "deadline":
            match = _DEADLINE.match(str(value).strip())
            if match is None:
                raise ValidationError("reports.bad_deadline", value=str(value))
            cleaned[name] = f"{int(match.group(1)):02d}:{match.group(2)}"
        elif name == "recipients":
            lines = [_text(name, str(line), 300) for line in value]
            cleaned[name] = [line for line in lines if line]
        elif name == "narrative":
            parts: dict[str, str] = {}
            for part, text in dict(value).items():
                if part not in NARRATIVE_PARTS:
                    raise ValidationError("report_settings.bad_field", field_name=part)
                parts[part] = _text(part, str(text or ""), NARRATIVE_MAX_LENGTH, multi_line=True)
            cleaned[name] = parts
        else:
            raise ValidationError("report_settings.bad_field", field_name=name)
    return cleaned


def _text(name: str, text: str, limit: int, *, multi_line: bool = False) -> str:
    text = text.replace("\r\n", "\n").strip()
    if multi_line:
        problem = text_problem(text, max_length=limit)
    else:
        problem = name_problem(text, max_length=limit)
    if problem is not None:
        raise ValidationError(problem, field=f"rs_{name}", limit=limit)
    return text


def settings_as_dict(found: ReportSettings) -> dict[str, Any]:
    """The settings as plain values (for the CLI's display and the desk's form)."""
    values = asdict(found)
    values["recipients"] = list(found.recipients)
    values["narrative"] = dict(found.narrative)
    return values


def with_settings(document: ReportDocument, found: ReportSettings) -> ReportDocument:
    """The police's report with its kind's issuing body, number, addressee, signer, recipients.

    The lines the figures add to "Nơi nhận" (each agency of a report split by group) stay,
    before the archive line.
    """
    archive = tr("reports.recipient.archive", document.lang)
    standard = {
        tr("reports.recipient.province", document.lang),
        tr("reports.recipient.ubnd", document.lang),
        archive,
    }
    added = [line for line in document.recipients[1:] if line not in standard]
    lines = [line for line in found.recipients if line != archive]
    lines += [line for line in added if line not in lines]
    if archive in found.recipients:
        lines.append(archive)
    head = document.recipients[:1] or [tr("reports.recipients", document.lang)]
    addressee = document.addressee or (
        tr("reports.to_agency", document.lang, agency=found.addressee) if found.addressee else ""
    )
    return replace(
        document,
        issuer_parent=found.issuer_parent,
        issuer=found.issuer,
        number=found.number,
        addressee=addressee,
        signer=found.signer_title,
        signer_name=found.signer_name,
        recipients=[*head, *lines],
    )

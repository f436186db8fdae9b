"""The QR code printed on the chip ID card, as a USB scanner types it.

`personal_id|old 9-digit ID|full name|ddmmyyyy birth|Nam/Nữ|permanent address|ddmmyyyy issue`,
newer cards may add trailing fields. Scanners often garble diacritics; the 12 digits survive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from fieldapp.domain.dates import parse_ddmmyyyy
from fieldapp.domain.errors import ValidationError
from fieldapp.domain.personal_id import PersonalId, Sex
from fieldapp.domain.safe_text import check_name, check_text
from fieldapp.domain.text import fold, normalise_name

QR_FIELDS = ("personal_id", "old_id", "full_name", "birth_date", "sex", "address", "issue_date")
_MIN_FIELDS = len(QR_FIELDS)
_OLD_ID = re.compile(r"[0-9]{9}")


@dataclass(frozen=True, slots=True)
class ChipQrPayload:
    """What a chip ID card's QR says about its holder."""

    personal_id: PersonalId
    old_id: str | None
    full_name: str
    birth_date: date
    sex: Sex
    address: str
    issue_date: date

    @property
    def name_looks_garbled(self) -> bool:
        """True when the scanner probably lost the diacritics (name is bare ASCII or has '?')."""
        return (
            "?" in self.full_name
            or "\ufffd" in self.full_name
            or (self.full_name.isascii() and fold(self.full_name) == self.full_name.casefold())
        )


def looks_like_chip_qr(text: str) -> bool:
    """A scan (as opposed to a typed ID) holds the card's separators."""
    return "|" in text


def parse_sex(text: str) -> Sex:
    """'Nam' / 'Nữ', tolerant of lost diacritics ('Nu', 'N?')."""
    folded = fold(text)
    if folded == "nam":
        return Sex.MALE
    if folded.startswith("n") and len(folded) <= 3:  # "Nữ" garbled to "Nu", "N?", "N"
        return Sex.FEMALE
    raise ValidationError("qr.bad_sex", field="sex", value=text.strip())


def parse_chip_qr(text: str) -> ChipQrPayload:
    """Parse and check a scan; each error names the field that is wrong."""
    raw = text.strip().strip("\r\n")
    parts = raw.split("|")
    if len(parts) < _MIN_FIELDS:
        raise ValidationError("qr.too_few_fields", count=len(parts), expected=_MIN_FIELDS)
    pid_text, old_id, name, birth, sex_text, address, issued = (p.strip() for p in parts[:7])
    if old_id and not _OLD_ID.fullmatch(old_id):
        raise ValidationError("qr.bad_old_id", field="old_id")
    if not name:
        raise ValidationError("qr.empty_field", field="full_name")
    birth_date = parse_ddmmyyyy(birth, field="birth_date")
    issue_date = parse_ddmmyyyy(issued, field="issue_date")
    if issue_date < birth_date:
        raise ValidationError("qr.issued_before_birth", field="issue_date")
    sex = parse_sex(sex_text)
    pid = PersonalId.parse(pid_text, birth_date=birth_date, sex=sex)
    return ChipQrPayload(
        personal_id=pid,
        old_id=old_id or None,
        full_name=check_name(normalise_name(name)),
        birth_date=birth_date,
        sex=sex,
        address=check_text(normalise_name(address), field="address"),
        issue_date=issue_date,
    )


def format_chip_qr(payload: ChipQrPayload) -> str:
    """The text a card's QR would hold: used by generators and tests."""
    return "|".join(
        [
            payload.personal_id.value,
            payload.old_id or "",
            payload.full_name,
            payload.birth_date.strftime("%d%m%Y"),
            "Nam" if payload.sex is Sex.MALE else "Nữ",
            payload.address,
            payload.issue_date.strftime("%d%m%Y"),
        ]
    )

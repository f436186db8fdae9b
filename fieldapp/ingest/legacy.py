"""The old Vietnamese font encodings, TCVN3 (ABC, fonts .VnTime) and VNI (VNI-Times), to Unicode.

Both put Vietnamese letters on Latin-1 byte codes, so a name typed with them arrives looking
like Latin-1 garbage: "NguyÔn V¨n Hïng" (TCVN3), "Nguyeãn Vaên Huøng" (VNI). TCVN3 gives each
toned letter one byte; VNI writes a base letter followed by a mark byte. A file's family is
chosen by which conversion turns its odd-looking texts into plain Vietnamese (letters of the
alphabet, one tone per word); only odd-looking cells are converted, so a Unicode cell in the
same file is left alone.

Tables: the published code charts (as in Unikey and xvnkb's `tcvn.h` / `vni.h`), checked by
round trips of every Vietnamese letter with each tone (tests/test_lists_legacy.py).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable

# Vowels in the charts' order, each with no tone, sắc, huyền, hỏi, ngã, nặng.
_VOWELS = ("a", "â", "ă", "e", "ê", "o", "ô", "ơ", "u", "ư", "i", "y")
_TONE_MARKS = ("", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323")

# TCVN3 (TCVN 5712:1993 VN3): one byte per lowercase toned letter. Capitals with tones were
# typed with a second font (.VnTimeH) on the same codes; only Ă Â Ê Ô Ơ Ư Đ have their own.
_TCVN3_LOWER = {
    "a": (0x61, 0xB8, 0xB5, 0xB6, 0xB7, 0xB9),
    "â": (0xA9, 0xCA, 0xC7, 0xC8, 0xC9, 0xCB),
    "ă": (0xA8, 0xBE, 0xBB, 0xBC, 0xBD, 0xC6),
    "e": (0x65, 0xD0, 0xCC, 0xCE, 0xCF, 0xD1),
    "ê": (0xAA, 0xD5, 0xD2, 0xD3, 0xD4, 0xD6),
    "o": (0x6F, 0xE3, 0xDF, 0xE1, 0xE2, 0xE4),
    "ô": (0xAB, 0xE8, 0xE5, 0xE6, 0xE7, 0xE9),
    "ơ": (0xAC, 0xED, 0xEA, 0xEB, 0xEC, 0xEE),
    "u": (0x75, 0xF3, 0xEF, 0xF1, 0xF2, 0xF4),
    "ư": (0xAD, 0xF8, 0xF5, 0xF6, 0xF7, 0xF9),
    "i": (0x69, 0xDD, 0xD7, 0xD8, 0xDC, 0xDE),
    "y": (0x79, 0xFD, 0xFA, 0xFB, 0xFC, 0xFE),
}
_TCVN3_OTHER = {
    0xAE: "đ",
    0xA1: "Ă",
    0xA2: "Â",
    0xA3: "Ê",
    0xA4: "Ô",
    0xA5: "Ơ",
    0xA6: "Ư",
    0xA7: "Đ",
}

# VNI: a base letter then a mark byte; ơ ư i đ (and ỵ) are single bytes.
_VNI_TONES_LOWER = ("", "ù", "ø", "û", "õ", "ï")
_VNI_HAT_LOWER = ("â", "á", "à", "å", "ã", "ä")  # â ê ô with each tone
_VNI_BREVE_LOWER = ("ê", "é", "è", "ú", "ü", "ë")  # ă with each tone
_VNI_I_LOWER = ("i", "í", "ì", "æ", "ó", "ò")


def _tone(base: str, tone: int) -> str:
    return unicodedata.normalize("NFC", base + _TONE_MARKS[tone])


def _build_tcvn3() -> dict[str, str]:
    table: dict[str, str] = {}
    for vowel, codes in _TCVN3_LOWER.items():
        for tone, code in enumerate(codes):
            if code >= 0x80:
                table[chr(code)] = _tone(vowel, tone)
    table.update({chr(code): letter for code, letter in _TCVN3_OTHER.items()})
    return table


def _build_vni() -> dict[str, str]:
    """Sequences (one or two Latin-1 characters) → Unicode letter, both cases."""
    table: dict[str, str] = {}
    for upper in (False, True):

        def case(text: str, upper: bool = upper) -> str:
            return text.upper() if upper else text

        for base in ("a", "e", "o", "u", "y"):
            for tone in range(1, 6):
                table[case(base + _VNI_TONES_LOWER[tone])] = case(_tone(base, tone))
        for base, hatted in (("a", "â"), ("e", "ê"), ("o", "ô")):
            for tone in range(6):
                table[case(base + _VNI_HAT_LOWER[tone])] = case(_tone(hatted, tone))
        for tone in range(6):
            table[case("a" + _VNI_BREVE_LOWER[tone])] = case(_tone("ă", tone))
        for base, single in (("ơ", "ô"), ("ư", "ö")):
            table[case(single)] = case(base)
            for tone in range(1, 6):
                table[case(single + _VNI_TONES_LOWER[tone])] = case(_tone(base, tone))
        for tone in range(1, 6):
            table[case(_VNI_I_LOWER[tone])] = case(_tone("i", tone))
        table[case("î")] = case(_tone("y", 5))  # ỵ has its own byte
        table[case("ñ")] = case("đ")
    return table


def _tolerant(strict: dict[str, str]) -> dict[str, str]:
    """Also a capital followed by a lowercase mark ("Aù"), as some typists left it."""
    table = dict(strict)
    for key, value in strict.items():
        if len(key) == 2 and key[0].isupper() and key[1].isupper():
            table.setdefault(key[0] + key[1].lower(), value)
    return table


TCVN3_TABLE = _build_tcvn3()
_VNI_STRICT = _build_vni()
VNI_TABLE = _tolerant(_VNI_STRICT)
_VNI_PATTERN = re.compile("|".join(re.escape(k) for k in sorted(VNI_TABLE, key=len, reverse=True)))
_TCVN3_TRANS = str.maketrans(TCVN3_TABLE)

_VIET_LETTERS = frozenset(
    letter
    for vowel in _VOWELS
    for tone in range(6)
    for letter in (_tone(vowel, tone), _tone(vowel, tone).upper())
) | frozenset("đĐ")
_TONES = frozenset(_TONE_MARKS[1:])
_WORD = re.compile(r"[^\s,.;:()/\-'\"]+")
_VNI_HINT = re.compile(r"[aAeE][^\x00-\x7f]")


def _tones(word: str) -> int:
    return sum(ch in _TONES for ch in unicodedata.normalize("NFD", word))


def is_clean(text: str) -> bool:
    """Plain Vietnamese: ASCII and Vietnamese letters only, one tone and no capital mid-word."""
    for ch in text:
        if not ch.isascii() and ch not in _VIET_LETTERS:
            return False
    for word in _WORD.findall(text):
        if _tones(word) > 1:
            return False
        if any(a.islower() and b.isupper() for a, b in itertools.pairwise(word)):
            return False
    return True


def looks_legacy(text: str) -> bool:
    """Text that is not plain Vietnamese, or hides a VNI pair ("Vaên"): worth a conversion."""
    if text.isascii():
        return False
    return not is_clean(text) or _VNI_HINT.search(text) is not None


def as_latin1(text: str) -> str | None:
    """The text as the font's byte codes (one character per byte), or None when impossible."""
    if all(ord(ch) < 256 for ch in text):
        return text
    try:
        return text.encode("cp1252").decode("latin-1")
    except UnicodeEncodeError:
        return None


def tcvn3_to_unicode(codes: str) -> str:
    """TCVN3 byte codes (as Latin-1 characters) → Unicode NFC."""
    converted = codes.translate(_TCVN3_TRANS)
    letters = [ch for ch in codes if ch.isascii() and ch.isalpha()]
    if len(letters) >= 2 and all(ch.isupper() for ch in letters) and _caps_inside(codes):
        converted = converted.upper()  # an all-capitals name typed with .VnTimeH
    return unicodedata.normalize("NFC", converted)


def _caps_inside(codes: str) -> bool:
    """A capital ASCII letter inside a word: "NGUYÔN" is all capitals, "Vò Tó" is "Vũ Tú"."""
    return any(ch.isascii() and ch.isupper() for word in codes.split() for ch in word[1:])


def vni_to_unicode(codes: str) -> str:
    """VNI byte codes (as Latin-1 characters) → Unicode NFC."""
    return unicodedata.normalize("NFC", _VNI_PATTERN.sub(lambda m: VNI_TABLE[m.group()], codes))


_CONVERTERS = {"tcvn3": tcvn3_to_unicode, "vni": vni_to_unicode}


def convert_cell(text: str, family: str) -> str:
    """One cell of a file in this family: converted when it looked odd and now reads well.

    Only odd-looking cells: a Unicode header template filled in with a .VnTime font is common,
    and its "Thôn" must stay "Thôn". A cell that reads well both ways ("Sè", TCVN3 for "Số")
    is decided by its column (`ColumnVotes`, `resolve`).
    """
    if not looks_legacy(text):
        return text
    codes = as_latin1(text)
    if codes is None:
        return text
    converted = _CONVERTERS[family](codes)
    return converted if converted != text and is_clean(converted) else text


def is_ambiguous(text: str, family: str) -> bool:
    """Plain Vietnamese that also reads as the family's codes: "Xãm Léc" is "Xóm Lộc" in TCVN3."""
    if text.isascii() or not is_clean(text):
        return False
    codes = as_latin1(text)
    if codes is None:
        return False
    converted = _CONVERTERS[family](codes)
    return converted != text and is_clean(converted)


class ColumnVotes:
    """Which columns were typed in the old font: decides the cells that read well both ways.

    A cell converted because it looked odd is a vote for its column being in the old font; a
    non-ASCII cell that reads well and would not read well converted is a vote for Unicode;
    cells that read well both ways do not vote. In a column whose old-font votes win, an
    ambiguous cell is converted (`resolve`); elsewhere it stays as typed. Only cells below
    the header row are resolved, so a Unicode header template keeps its "Thôn".
    """

    def __init__(self, family: str) -> None:
        self.family = family
        self.legacy: dict[int, int] = {}
        self.plain: dict[int, int] = {}

    def see(self, column: int, original: str, converted: str) -> None:
        """One cell as read and as converted by `convert_cell`."""
        if converted != original:
            self.legacy[column] = self.legacy.get(column, 0) + 1
        elif not original.isascii() and not is_ambiguous(original, self.family):
            self.plain[column] = self.plain.get(column, 0) + 1

    def columns(self) -> frozenset[int]:
        """The columns typed in the old font."""
        return frozenset(c for c, n in self.legacy.items() if n > self.plain.get(c, 0))


def resolve(text: str, family: str) -> str:
    """An ambiguous cell of an old-font column, converted."""
    if not is_ambiguous(text, family):
        return text
    return _CONVERTERS[family](as_latin1(text) or text)


def detect_family(texts: Iterable[str], *, limit: int = 500) -> str | None:
    """Which family ("tcvn3", "vni" or None) makes most odd-looking texts read well."""
    odd = 0
    scores = {"tcvn3": 0, "vni": 0}
    for text in texts:
        if not looks_legacy(text):
            continue
        codes = as_latin1(text)
        if codes is None:
            continue
        odd += 1
        for family, convert in _CONVERTERS.items():
            if is_clean(convert(codes)):
                scores[family] += 1
        if odd >= limit:
            break
    family, best = max(scores.items(), key=lambda item: item[1])
    if best == 0 or best * 2 < odd or scores["tcvn3"] == scores["vni"]:
        return None
    return family


def detect_csv_family(head: bytes) -> str | None:
    """For a CSV that is not UTF-8: TCVN3 or VNI rather than Windows-1258, by the same test."""
    words = re.split(rb"[\s,;\t\"]+", head)
    scores = {"tcvn3": 0, "vni": 0, "cp1258": 0}
    odd = 0
    for raw in words:
        if raw.isascii() or not raw:
            continue
        odd += 1
        codes = raw.decode("latin-1")
        for family, convert in _CONVERTERS.items():
            if is_clean(convert(codes)):
                scores[family] += 1
        try:
            if is_clean(unicodedata.normalize("NFC", raw.decode("cp1258"))):
                scores["cp1258"] += 1
        except UnicodeDecodeError:
            pass
    family, best = max(scores.items(), key=lambda item: item[1])
    if family == "cp1258" or best == 0 or best <= scores["cp1258"] or best * 2 < odd:
        return None
    return family


def unicode_to_tcvn3(text: str) -> str:
    """The reverse (for tests and round trips): Unicode → TCVN3 codes as Latin-1 characters."""
    reverse = {v: k for k, v in TCVN3_TABLE.items()}
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))


def unicode_to_vni(text: str) -> str:
    """The reverse: Unicode → VNI codes as Latin-1 characters."""
    reverse = {v: k for k, v in _VNI_STRICT.items()}
    return "".join(reverse.get(ch, ch) for ch in unicodedata.normalize("NFC", text))

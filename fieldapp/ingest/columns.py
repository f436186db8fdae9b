"""Finding the header row below a title block and matching headers to what they mean.

Headers are matched by folded Vietnamese synonyms: "Số CCCD", "Số ĐDCN", "So dinh danh"
all mean the personal ID. Exact folded matches win over headers that merely contain a
synonym ("Số CCCD/Số định danh cá nhân (12 số)").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum

from fieldapp.domain.text import fold
from fieldapp.ingest.files import Cell


class ListKind(StrEnum):
    """The kinds of list the app imports."""

    POLICE = "police"
    BENEFICIARY = "beneficiary"
    HELP = "help"
    TEAM = "team"  # a village team's members (issue 19): imported into a team, not as facts
    ROSTER = "roster"  # a school's or organisation's roster: imported into a unit


OFFICIAL_KINDS = (ListKind.POLICE, ListKind.BENEFICIARY, ListKind.HELP)
MEMBER_KINDS = (ListKind.TEAM, ListKind.ROSTER)


class ListColumn(StrEnum):
    """What a column of a list means; IGNORE for columns the app does not use."""

    IGNORE = "ignore"
    ROW_NUMBER = "row_number"
    PERSONAL_ID = "personal_id"
    OLD_ID = "old_id"
    FULL_NAME = "full_name"
    BIRTH_DATE = "birth_date"
    BIRTH_YEAR = "birth_year"
    SEX = "sex"
    VILLAGE = "village"
    ADDRESS = "address"
    PHONE = "phone"
    REGISTERED = "registered"
    EID_LEVEL = "eid_level"
    ACTIVATED = "activated"
    LINKED = "linked"
    BENEFICIARY_GROUP = "beneficiary_group"
    PAYMENT_STATUS = "payment_status"
    PROXY_NAME = "proxy_name"
    GUARDIAN_NAME = "guardian_name"
    RECEIVER_ID = "receiver_id"  # the proxy's or guardian's personal ID (issue 19)
    RECEIVER_RELATION = "receiver_relation"
    NOTE = "note"
    SMARTPHONE = "smartphone"  # has a smartphone: a condition to link (issue 18 item 3)
    MEMBER_ROLE = "member_role"  # a team member's role, or a roster member's (teacher, parent…)


_COMMON = (
    ListColumn.ROW_NUMBER,
    ListColumn.PERSONAL_ID,
    ListColumn.OLD_ID,
    ListColumn.FULL_NAME,
    ListColumn.BIRTH_DATE,
    ListColumn.BIRTH_YEAR,
    ListColumn.SEX,
    ListColumn.VILLAGE,
    ListColumn.ADDRESS,
    ListColumn.PHONE,
    ListColumn.NOTE,
    ListColumn.SMARTPHONE,
)

KIND_COLUMNS: dict[ListKind, tuple[ListColumn, ...]] = {
    ListKind.POLICE: (
        *_COMMON,
        ListColumn.REGISTERED,
        ListColumn.EID_LEVEL,
        ListColumn.ACTIVATED,
        ListColumn.LINKED,
    ),
    ListKind.BENEFICIARY: (
        *_COMMON,
        ListColumn.BENEFICIARY_GROUP,
        ListColumn.PAYMENT_STATUS,
        ListColumn.PROXY_NAME,
        ListColumn.GUARDIAN_NAME,
        ListColumn.RECEIVER_ID,
        ListColumn.RECEIVER_RELATION,
        ListColumn.LINKED,
    ),
    ListKind.HELP: _COMMON,
    ListKind.TEAM: (*_COMMON, ListColumn.MEMBER_ROLE),
    ListKind.ROSTER: (*_COMMON, ListColumn.MEMBER_ROLE),
}

REQUIRED_COLUMNS: dict[ListKind, tuple[ListColumn, ...]] = {
    ListKind.POLICE: (ListColumn.PERSONAL_ID, ListColumn.FULL_NAME),
    ListKind.BENEFICIARY: (
        ListColumn.PERSONAL_ID,
        ListColumn.FULL_NAME,
        ListColumn.BENEFICIARY_GROUP,
    ),
    ListKind.HELP: (ListColumn.PERSONAL_ID, ListColumn.FULL_NAME),
    ListKind.TEAM: (ListColumn.PERSONAL_ID, ListColumn.FULL_NAME),
    ListKind.ROSTER: (ListColumn.PERSONAL_ID, ListColumn.FULL_NAME),
}

# Folded synonyms, as the field writes them.
SYNONYMS: dict[ListColumn, tuple[str, ...]] = {
    ListColumn.ROW_NUMBER: ("stt", "tt", "so tt", "so thu tu", "thu tu"),
    ListColumn.PERSONAL_ID: (
        "so cccd",
        "cccd",
        "so can cuoc",
        "so can cuoc cong dan",
        "can cuoc cong dan",
        "so ddcn",
        "ddcn",
        "so dinh danh",
        "so dinh danh ca nhan",
        "ma dinh danh",
        "ma so dinh danh",
        "dinh danh ca nhan",
        "so cmnd cccd",
        "cmnd cccd",
        "so cccd cmnd",
        "cccd cmnd",
        "so cccd ddcn",
        "so id",
        "personal id",
        "so ddcn cccd",
        "ma ddcn",
        "so dinh danh cccd",
        "so cccd ddcn cmnd",
        "id",
    ),
    ListColumn.OLD_ID: ("so cmnd", "cmnd", "so cmnd cu", "cmnd cu"),
    ListColumn.FULL_NAME: (
        "ho va ten",
        "ho ten",
        "ho va ten cong dan",
        "ho ten cong dan",
        "ho va ten doi tuong",
        "ho ten doi tuong",
        "ten doi tuong",
        "ten cong dan",
        "ho va ten nguoi huong",
        "ho ten nguoi huong",
        "ten",
        "full name",
        "name",
    ),
    ListColumn.BIRTH_DATE: (
        "ngay sinh",
        "ngay thang nam sinh",
        "ngay thang nam sinh dd mm yyyy",
        "sinh ngay",
        "ns",
        "date of birth",
        "ngay sinh dd mm yyyy",
        "ntns",
        "ngay thang nam",
    ),
    ListColumn.BIRTH_YEAR: ("nam sinh", "sinh nam"),
    ListColumn.SEX: (
        "gioi tinh",
        "gt",
        "gioi",
        "nam nu",
        "sexgioi tinh nam nu",
    ),
    ListColumn.VILLAGE: (
        "thon",
        "xom",
        "thon xom",
        "ban",
        "lang",
        "to dan pho",
        "khu pho",
        "thon to dan pho",
        "ten thon",
        "village",
        "ap",
        "thon ap",
        "thon ban",
        "ten thon xom",
        "khu dan cu",
        "thon xom ap",
    ),
    ListColumn.ADDRESS: (
        "dia chi",
        "noi thuong tru",
        "dia chi thuong tru",
        "noi o hien tai",
        "noi o hien nay",
        "cho o hien nay",
        "noi cu tru",
        "dia chi cu tru",
        "address",
    ),
    ListColumn.PHONE: (
        "sdt",
        "so dt",
        "dt",
        "dien thoai",
        "so dien thoai",
        "so dien thoai lien he",
        "dien thoai lien he",
        "phone",
        "dtdd",
        "so dtdd",
        "di dong",
        "so di dong",
        "dien thoai di dong",
        "sdt lien he",
    ),
    ListColumn.REGISTERED: (
        "muc 2",
        "tai khoan muc 2",
        "dinh danh muc 2",
        "da dang ky muc 2",
        "dang ky muc 2",
        "tai khoan dddt muc 2",
        "da cap tai khoan muc 2",
        "da cap tai khoan",
    ),
    ListColumn.ACTIVATED: (
        "kich hoat",
        "da kich hoat",
        "trang thai kich hoat",
        "tinh trang kich hoat",
        "kich hoat tai khoan",
        "da kich hoat tai khoan",
        "trang thai",
        "trang thai tai khoan",
        "trang thai kh",
        "tt kich hoat",
        "kich hoat vneid",
        "da kich hoat vneid",
    ),
    ListColumn.LINKED: (
        "tich hop",
        "da tich hop",
        "tich hop asxh",
        "tich hop an sinh",
        "tich hop tai khoan",
        "tich hop tai khoan an sinh",
        "tich hop tai khoan an sinh xa hoi",
        "da tich hop tai khoan an sinh xa hoi",
        "lien ket",
        "da lien ket",
        "tich hop tk asxh",
        "da tich hop asxh",
        "tich hop tai khoan asxh",
        "tich hop vneid",
    ),
    ListColumn.BENEFICIARY_GROUP: (
        "doi tuong",
        "nhom doi tuong",
        "loai doi tuong",
        "dien doi tuong",
        "nhom",
        "che do huong",
        "che do",
        "nhom chinh sach",
        "dien huong",
        "dien doi tuong huong",
        "doi tuong huong",
        "nhom huong",
        "dien chinh sach",
        "loai doi tuong huong",
    ),
    ListColumn.PAYMENT_STATUS: (
        "hinh thuc chi tra",
        "tinh trang chi tra",
        "phan loai chi tra",
        "chi tra",
        "phan loai",
        "tinh trang tai khoan",
        "tinh trang nhan chi tra",
        "hinh thuc nhan",
        "ht nhan",
        "hinh thuc nhan tien",
        "hinh thuc linh",
        "phuong thuc nhan",
        "phuong thuc chi tra",
        "ht chi tra",
        "hinh thuc chi tra tro cap",
    ),
    ListColumn.PROXY_NAME: (
        "nguoi duoc uy quyen",
        "nguoi nhan thay",
        "nguoi nhan uy quyen",
        "uy quyen",
        "nguoi uy quyen",
        "ho ten nguoi duoc uy quyen",
    ),
    ListColumn.EID_LEVEL: (
        "muc do tai khoan dddt",
        "muc do tai khoan",
        "muc do tk",
        "muc tai khoan",
        "muc tk",
        "muc do",
        "muc do dinh danh",
        "muc dinh danh",
        "cap do tai khoan",
        "loai tai khoan",
        "muc do tai khoan dinh danh dien tu",
    ),
    ListColumn.GUARDIAN_NAME: ("nguoi giam ho", "giam ho", "ho ten nguoi giam ho"),
    ListColumn.MEMBER_ROLE: (
        "vai tro",
        "vai tro trong to",
        "chuc vu",
        "chuc danh",
        "thanh phan",
        "nhiem vu",
        "giao vien phu huynh hoc sinh",
        "gv ph hs",
        "role",
    ),
    ListColumn.SMARTPHONE: (
        "dien thoai thong minh",
        "co dien thoai thong minh",
        "dt thong minh",
        "dtdd thong minh",
        "su dung dien thoai thong minh",
        "co smartphone",
        "smartphone",
        "dien thoai smartphone",
    ),
    # issue 19: who receives for the beneficiary; longer than "so cccd" and "nguoi duoc uy
    # quyen", so a header naming both matches here first
    ListColumn.RECEIVER_ID: (
        "so cccd nguoi duoc uy quyen",
        "cccd nguoi duoc uy quyen",
        "so dinh danh nguoi duoc uy quyen",
        "so cccd nguoi nhan thay",
        "cccd nguoi nhan thay",
        "so cccd nguoi uy quyen",
        "cccd nguoi giam ho",
        "so cccd nguoi giam ho",
        "so dinh danh nguoi giam ho",
        "so cccd nguoi nhan",
        "cccd nguoi nhan",
        "cccd cua nguoi duoc uy quyen",
        "cccd cua nguoi giam ho",
        "cccd cua nguoi nhan thay",
        "dinh danh cua nguoi duoc uy quyen",
        "dinh danh cua nguoi giam ho",
    ),
    ListColumn.RECEIVER_RELATION: (
        "quan he",
        "moi quan he",
        "quan he voi doi tuong",
        "quan he voi nguoi huong",
        "quan he voi chu ho",
    ),
    ListColumn.NOTE: (
        "ghi chu",
        "ly do",
        "noi dung can ho tro",
        "can ho tro",
        "noi dung",
        "note",
    ),
}

_EXACT: dict[str, ListColumn] = {syn: col for col, syns in SYNONYMS.items() for syn in syns}
_CONTAINS = sorted(
    ((syn, col) for syn, col in _EXACT.items() if " " in syn or len(syn) >= 4),
    key=lambda pair: -len(pair[0]),
)
_PUNCT = re.compile(r"[^0-9a-z]+")
_HEADER_SCAN_ROWS = 40


def fold_header(text: str) -> str:
    """Fold a header cell: no diacritics, punctuation to spaces ("Số CMND/CCCD": "so cmnd cccd")."""
    return _PUNCT.sub(" ", fold(text)).strip()


def match_header(text: Cell) -> tuple[ListColumn, int] | None:
    """What a header cell means and how sure (2 exact, 1 contains), or None."""
    if not isinstance(text, str):
        return None
    folded = fold_header(text)
    if not folded:
        return None
    exact = _EXACT.get(folded)
    if exact is not None:
        return exact, 2
    padded = f" {folded} "
    for syn, col in _CONTAINS:
        if f" {syn} " in padded:
            return col, 1
    return None


@dataclass(frozen=True, slots=True)
class HeaderMatch:
    """Where the header row is, its cell texts and the automatic mapping."""

    row_index: int
    headers: tuple[str, ...]
    mapping: dict[int, ListColumn]


def auto_mapping(headers: Sequence[Cell], kind: ListKind) -> dict[int, ListColumn]:
    """Each column mapped to at most one meaning and each meaning to one column; best wins."""
    allowed = set(KIND_COLUMNS[kind])
    candidates: list[tuple[int, int, ListColumn]] = []
    for index, text in enumerate(headers):
        found = match_header(text)
        if found is not None and found[0] in allowed:
            candidates.append((-found[1], index, found[0]))
    mapping: dict[int, ListColumn] = {}
    taken: set[ListColumn] = set()
    for _score, index, column in sorted(candidates):
        if column not in taken:
            mapping[index] = column
            taken.add(column)
    # A "Năm sinh" column next to a "Ngày sinh" one is redundant; alone it is the birth data.
    return mapping


def find_header(rows: Sequence[Sequence[Cell]], kind: ListKind) -> HeaderMatch | None:
    """The row among the first ones that matches most known headers (an ID column first).

    A title block of merged rows above it matches nothing and is passed over. A second header
    row directly below (sub-headers under a merged group cell) is merged into the first.
    """
    best: tuple[int, int, int] | None = None  # (has_id, count, -index)
    for index, row in enumerate(rows[:_HEADER_SCAN_ROWS]):
        mapping = auto_mapping(row, kind)
        if len(mapping) < 2:
            continue
        key = (int(ListColumn.PERSONAL_ID in mapping.values()), len(mapping), -index)
        if best is None or key > best:
            best = key
    if best is None:
        return None
    index = -best[2]
    headers = [_text(cell) for cell in rows[index]]
    if index > 0:
        _fill_from_above(headers, rows[index - 1])
    below = rows[index + 1] if index + 1 < len(rows) else None
    if below is not None and _is_sub_header(below, headers):
        for col, cell in enumerate(below):
            text = _text(cell)
            if text and match_header(text) is not None and col < len(headers):
                headers[col] = text
        index += 1
    mapping = auto_mapping(headers, kind)
    return HeaderMatch(index, tuple(headers), mapping)


def _fill_from_above(headers: list[str], above: Sequence[Cell]) -> None:
    """Blank header cells under a group row: "STT" and "Giới tính" merged down two rows.

    When the header row found is the lower of two ("Thông tin cá nhân" above "Họ và tên |
    Số định danh"), the columns merged down show their header in the row above only. Only
    an exact header is taken from there: a title line above never is one.
    """
    for col, cell in enumerate(above[: len(headers)]):
        if not headers[col] and isinstance(cell, str):
            found = match_header(cell)
            if found is not None and found[1] == 2:
                headers[col] = _text(cell)


def _is_sub_header(row: Sequence[Cell], headers: Sequence[str]) -> bool:
    """Every filled cell is a known header under a group cell ("Tình trạng") or a blank."""
    filled = [(i, c) for i, c in enumerate(row) if c not in ("", None)]
    if not filled:
        return False
    for i, cell in filled:
        if not isinstance(cell, str) or match_header(cell) is None:
            return False
        if i < len(headers) and match_header(headers[i]) is not None:
            return False
    return True


def is_column_numbers_row(row: Sequence[Cell]) -> bool:
    """The "(1) (2) (3)" row many official tables put under the header."""
    texts = [str(c).strip() for c in row if c not in ("", None)]
    if len(texts) < 2:
        return False
    return (
        all(re.fullmatch(r"\(?\d{1,2}(\.0)?\)?", t) for t in texts)
        and any(t.startswith("(") for t in texts)
    ) or _consecutive_small_numbers(row)


def _consecutive_small_numbers(row: Sequence[Cell]) -> bool:
    values = [c for c in row if c not in ("", None)]
    if len(values) < 3 or not all(isinstance(v, int | float) for v in values):
        return False
    numbers = [int(v) for v in values]  # type: ignore[arg-type]
    return numbers == list(range(1, len(numbers) + 1)) and len(numbers) == len(row)


def missing_required(mapping: Mapping[int, ListColumn], kind: ListKind) -> list[ListColumn]:
    """Required meanings no column is mapped to."""
    present = set(mapping.values())
    return [col for col in REQUIRED_COLUMNS[kind] if col not in present]


def _text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell).strip()


@dataclass(frozen=True, slots=True)
class UnmappedColumn:
    """A header that maps to nothing, with a few of the values below it."""

    index: int
    header: str
    samples: tuple[str, ...]


def unmapped_columns(
    headers: Sequence[str],
    mapping: Mapping[int, ListColumn],
    rows: Sequence[Sequence[Cell]],
    *,
    samples: int = 3,
) -> list[UnmappedColumn]:
    """Every named column the mapping leaves out, with up to `samples` distinct values."""
    found: list[UnmappedColumn] = []
    for index, header in enumerate(headers):
        if not header or index in mapping:
            continue
        seen: list[str] = []
        for row in rows:
            if index < len(row):
                text = _text(row[index])
                if text and text not in seen:
                    seen.append(text[:40])
                    if len(seen) >= samples:
                        break
        found.append(UnmappedColumn(index, header, tuple(seen)))
    return found


def parse_map_option(spec: str, headers: Sequence[str], kind: ListKind) -> tuple[int, ListColumn]:
    """`"Diện hưởng=beneficiary_group"` → (column index, meaning); headers compared folded.

    The meaning may be a field name or its Vietnamese label ("Nhóm đối tượng"), or "ignore".
    """
    from fieldapp.domain.errors import ValidationError

    header, sep, meaning = spec.rpartition("=")
    if not sep or not header.strip():
        raise ValidationError("lists.map_bad", spec=spec)
    wanted = fold_header(header)
    index = next((i for i, h in enumerate(headers) if h and fold_header(h) == wanted), None)
    if index is None:
        raise ValidationError("lists.map_no_header", header=header.strip())
    column = _meaning(meaning.strip(), kind)
    if column is None:
        raise ValidationError("lists.map_no_field", field=meaning.strip())
    return index, column


def _meaning(text: str, kind: ListKind) -> ListColumn | None:
    allowed = (ListColumn.IGNORE, *KIND_COLUMNS[kind])
    for column in allowed:
        if text.lower() == column.value:
            return column
    found = match_header(text)
    if found is not None and found[0] in allowed:
        return found[0]
    return None

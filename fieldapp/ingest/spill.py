"""Valid rows parsed once, kept on disk for the import: a big file is not parsed twice.

The preview of a file too big to hold (a province's CSV) checks every row; the rows it found
valid are written here a chunk at a time (`marshal`, plain tuples: dates as ordinals, ids as
bytes), and the import reads them back instead of reading and parsing the file again.
Memory stays bounded by one chunk; the temporary file goes away with the preview.
"""

from __future__ import annotations

import marshal
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import IO, Any

from fieldapp.domain.model import BeneficiaryGroup, PaymentStatus
from fieldapp.domain.personal_id import Sex
from fieldapp.ingest.rows import ListRow

_SEX = {s.value: s for s in Sex}
_GROUP = {g.value: g for g in BeneficiaryGroup}
_PAYMENT = {p.value: p for p in PaymentStatus}


class RowSpill:
    """An append-only file of valid rows, read back in the order written."""

    def __init__(self) -> None:
        # held open from the preview to the import; closed by close() or collection
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="fieldapp-rows-")  # noqa: SIM115
        self.count = 0

    def add(self, rows: list[ListRow]) -> None:
        """Write one chunk of rows."""
        if rows:
            self._file.seek(0, 2)
            marshal.dump([_pack(r) for r in rows], self._file)
            self.count += len(rows)

    def __iter__(self) -> Iterator[ListRow]:
        self._file.seek(0)
        while True:
            try:
                chunk = marshal.load(self._file)
            except EOFError:
                return
            for packed in chunk:
                yield _unpack(packed)

    def close(self) -> None:
        """Remove the file now (it also goes when the object is collected)."""
        self._file.close()


def _pack(row: ListRow) -> tuple[Any, ...]:
    """Every field of the row, in `ListRow`'s order (a test round-trips each one)."""
    return (
        row.index,
        row.personal_id,
        row.full_name,
        None if row.birth_date is None else row.birth_date.toordinal(),
        None if row.sex is None else row.sex.value,
        None if row.village_id is None else row.village_id.bytes,
        row.address,
        row.phone,
        row.old_id,
        row.registered,
        row.activated,
        row.linked,
        None if row.group is None else row.group.value,
        None if row.payment is None else row.payment.value,
        row.proxy_name,
        row.guardian_name,
        row.receiver_id,
        row.receiver_relation,
        row.note,
        row.eid_level,
        row.has_smartphone,
        row.member_role,
    )


def _unpack(packed: tuple[Any, ...]) -> ListRow:
    (index, pid, name, birth, sex, village, address, phone, old_id, registered, activated,
     linked, group, payment, *rest) = packed  # fmt: skip
    return ListRow(
        index,
        pid,
        name,
        None if birth is None else date.fromordinal(birth),
        None if sex is None else _SEX[sex],
        None if village is None else _village(village),
        address,
        phone,
        old_id,
        registered,
        activated,
        linked,
        None if group is None else _GROUP[group],
        None if payment is None else _PAYMENT[payment],
        *rest,  # proxy, guardian, receiver id and relation, note, level, smartphone, role
    )


@lru_cache(maxsize=4096)
def _village(raw: bytes) -> uuid.UUID:
    return uuid.UUID(bytes=raw)

"""Valid rows parsed once, kept on disk for the import: a big file is not parsed twice.

The preview of a file too big to hold (a province's CSV) checks every row; the rows it found
valid are written here (`marshal`, plain tuples: dates as ordinals, ids as bytes), and the
import reads them back instead of reading and parsing the file again.

They come back in personal-ID order (an external merge sort: sorted runs of 50,000 rows,
merged as they are read). A province's list is in no ID order; written in it, the store's
indexes keyed by personal ID (the citizen's key, the facts' index, the projection's rows) take
each chunk's rows after the last one's instead of all over the tree, which outgrows SQLite's
cache at a few hundred thousand rows. Memory stays bounded by one run being filled and a block
of each run being merged; the temporary file goes away with the preview.

The rows are a list's names, IDs and phones, and the file may outlive the app (a crash, a
power cut: on Windows it stays in %TEMP%). So each block is sealed with AES-GCM under a key
made for this spill and held only in memory: what a crash leaves on disk reads as noise.
"""

from __future__ import annotations

import heapq
import marshal
import os
import tempfile
import uuid
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from operator import itemgetter
from typing import IO, Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from fieldapp.domain.model import BeneficiaryGroup, PaymentStatus
from fieldapp.domain.personal_id import Sex
from fieldapp.ingest.rows import ListRow

_SEX = {s.value: s for s in Sex}
_GROUP = {g.value: g for g in BeneficiaryGroup}
_PAYMENT = {p.value: p for p in PaymentStatus}


_RUN = 50_000  # rows sorted in memory at a time (about 20 MB packed)
_BLOCK = 500  # rows of a run read at a time while merging: 54 runs for 2.7 M rows, 11 MB
_ID = itemgetter(1)  # a packed row's personal ID
_NONCE = 12  # bytes of AES-GCM's nonce, random per block
_LENGTH = 4  # bytes of a sealed block's length, before it


class RowSpill:
    """A file of valid rows, read back in personal-ID order (rows of one ID: as written)."""

    def __init__(self) -> None:
        # held open from the preview to the import; closed by close() or collection
        self._file: IO[bytes] = tempfile.TemporaryFile(prefix="fieldapp-rows-")  # noqa: SIM115
        self.count = 0
        self._pending: list[tuple[Any, ...]] = []
        self._runs: list[list[int]] = []  # each run's blocks, by file offset
        self._seal = AESGCM(AESGCM.generate_key(bit_length=128))  # this spill's, memory only

    def add(self, rows: list[ListRow]) -> None:
        """Take one chunk of rows (written out, sorted, a run at a time)."""
        self._pending.extend([_pack(r) for r in rows])
        self.count += len(rows)
        if len(self._pending) >= _RUN:
            self._write_run()

    def _write_run(self) -> None:
        run = sorted(self._pending, key=_ID)  # stable: one ID's rows stay in their order
        self._pending = []
        self._file.seek(0, 2)
        offsets = []
        for start in range(0, len(run), _BLOCK):
            offsets.append(self._file.tell())
            nonce = os.urandom(_NONCE)
            sealed = self._seal.encrypt(nonce, marshal.dumps(run[start : start + _BLOCK]), None)
            self._file.write(len(sealed).to_bytes(_LENGTH, "big") + nonce + sealed)
        self._runs.append(offsets)

    def __iter__(self) -> Iterator[ListRow]:
        if self._pending:
            self._write_run()
        # heapq.merge is stable too: of equal IDs, the earlier run's row first
        for packed in heapq.merge(*(self._blocks(run) for run in self._runs), key=_ID):
            yield _unpack(packed)

    def _blocks(self, offsets: list[int]) -> Iterator[tuple[Any, ...]]:
        """One run's rows, a block at a time (the other runs move the file between blocks)."""
        for offset in offsets:
            self._file.seek(offset)
            size = int.from_bytes(self._file.read(_LENGTH), "big")
            nonce = self._file.read(_NONCE)
            yield from marshal.loads(self._seal.decrypt(nonce, self._file.read(size), None))

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

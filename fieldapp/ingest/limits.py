"""Sane limits for list files, checked before anything is read whole (issue 13 item 7).

The numbers are far above any real list (a province's 2.7 million people fit) and far below
what hurts a village laptop: a 293 KB xlsx whose one shared string expands to 300 million
characters is refused from its zip directory, in milliseconds, before calamine sees it.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

from fieldapp.domain.errors import ValidationError

MAX_WORKBOOK_BYTES = 200 * 2**20  # an xlsx of Excel's full 1,048,576 rows is ~60 MB
MAX_CSV_BYTES = 4 * 2**30  # 2.7 M rows of a police list are ~350 MB
CSV_HELD_BYTES = 16 * 2**20  # above this a CSV is streamed, never held whole
WORKBOOK_HELD_ROWS = 150_000  # above this a sheet's rows are made a row at a time, never all
MAX_MEMBER_BYTES = 1 * 2**30  # one sheet's XML, uncompressed
MAX_UNZIPPED_BYTES = 2 * 2**30  # every member together
MAX_RATIO = 200  # uncompressed / compressed for a big member; real sheets stay under 30
RATIO_FROM_BYTES = 16 * 2**20  # small members may compress as they like
MAX_ROWS = 1_048_576  # Excel's own limit
MAX_COLUMNS = 16_384
MAX_CELL_CHARS = 32_767  # Excel's limit for one cell's text
SNIFF_LINE_CHARS = 8192


class FileTooBigError(ValidationError):
    """A list file beyond the limits: refused before it is read."""


def check_workbook_size(name: str, size: int) -> None:
    """A workbook is read into memory: its file size is bounded first."""
    if size > MAX_WORKBOOK_BYTES:
        raise FileTooBigError(
            "lists.file_too_big",
            name=name,
            size_mb=size // 2**20,
            limit_mb=MAX_WORKBOOK_BYTES // 2**20,
        )


def check_csv_size(name: str, size: int) -> None:
    """A CSV is streamed, but a 40 GB file is still not a list."""
    if size > MAX_CSV_BYTES:
        raise FileTooBigError(
            "lists.file_too_big", name=name, size_mb=size // 2**20, limit_mb=MAX_CSV_BYTES // 2**20
        )


def check_zip_members(name: str, data: bytes) -> None:
    """The zip directory's sizes: a member too big or compressed like a bomb is refused."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # calamine reports a damaged file in its own way
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(1, member.compress_size)
        if (
            member.file_size > MAX_MEMBER_BYTES
            or total > MAX_UNZIPPED_BYTES
            or (member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO)
        ):
            raise FileTooBigError("lists.file_bomb", name=name, member=member.filename)
        if member.file_size > RATIO_FROM_BYTES and member.filename.endswith(_TEXT_MEMBERS):
            _check_text_runs(name, archive_data=data, member=member.filename)


_TEXT_MEMBERS = ("sharedStrings.xml", "content.xml")
_MAX_RUN_BYTES = 4 * MAX_CELL_CHARS  # UTF-8 and entities, generously


def _check_text_runs(name: str, *, archive_data: bytes, member: str) -> None:
    """No text between two tags longer than a cell may hold, read a block at a time."""
    run = 0
    with zipfile.ZipFile(BytesIO(archive_data)) as archive, archive.open(member) as handle:
        while block := handle.read(1 << 20):
            last = block.rfind(b"<")
            if last < 0:
                run += len(block)
            else:
                first = block.find(b"<")
                pieces = block[first:last].split(b"<")
                longest = max((len(p) for p in pieces), default=0)
                if run + first > _MAX_RUN_BYTES or longest > _MAX_RUN_BYTES:
                    break
                run = len(block) - last
            if run > _MAX_RUN_BYTES:
                break
        else:
            return
    raise FileTooBigError("lists.file_bomb", name=name, member=member)


def check_sheet_shape(name: str, rows: int, columns: int) -> None:
    """A sheet with more rows or columns than Excel allows is not a list."""
    if rows > MAX_ROWS + 1 or columns > MAX_COLUMNS:
        raise FileTooBigError("lists.sheet_too_big", name=name, rows=rows, columns=columns)

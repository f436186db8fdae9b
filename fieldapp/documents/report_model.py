"""A report as a neutral description: header, title, sections of text and tables, signature.

The PDF and xlsx renderers (`report_pdf`, `report_xlsx`) and the police dashboard draw the
same description, so all say the same numbers in the same words. The services build it
(`services/report_document.py`) from the figures; nothing here computes a number.

A table is ONE list of columns, each knowing its header, the kind of its values, its width and
how to get its cell from a row's source: a header and its cells cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from fieldapp.i18n.formats import NO_VALUE, count_text, decimal_text, percent_text


class CellKind(StrEnum):
    """How a column's values are shown."""

    TEXT = "text"
    COUNT = "count"
    PERCENT = "percent"


Cell = str | int | float | None


def _blank(_source: Any) -> Cell:
    return None


def cell_text(value: Cell, kind: CellKind, lang: str = "vi", *, percent_sign: bool = False) -> str:
    """A cell as a reader sees it in this language; a missing percentage is a dash.

    Printed tables say "(%)" in the header and leave the sign out of the cells; the dashboard
    shows it (`percent_sign`).
    """
    if value is None:
        return NO_VALUE if kind is CellKind.PERCENT else ""
    if kind is CellKind.PERCENT and isinstance(value, int | float):
        if percent_sign:
            return percent_text(float(value), lang)
        return decimal_text(float(value), lang)
    if isinstance(value, int):
        return count_text(value, lang)
    return str(value)


@dataclass(frozen=True, slots=True)
class Column:
    """A table column: its header, how to get its cell from a row's source, kind, width."""

    header: str
    cell: Callable[[Any], Cell] = _blank
    kind: CellKind = CellKind.COUNT
    width: float = 1.0


@dataclass
class Table:
    """Columns, body rows and a total row (optional), cells already taken from the sources."""

    columns: list[Column]
    rows: list[list[Cell]]
    total: list[Cell] | None = None

    @classmethod
    def of(
        cls, columns: Sequence[Column], sources: Iterable[Any], total: Any | None = None
    ) -> Table:
        """The table of these sources (one row each) and, if given, the total's source."""
        rows = [[c.cell(source) for c in columns] for source in sources]
        last = None if total is None else [c.cell(total) for c in columns]
        return cls(list(columns), rows, last)


@dataclass
class Section:
    """A heading, some paragraphs, maybe a table, maybe a note under it."""

    heading: str
    paragraphs: list[str] = field(default_factory=list)
    table: Table | None = None
    note: str = ""


@dataclass
class ReportDocument:
    """Everything a renderer needs; no numbers left to compute."""

    lang: str
    country: str
    motto: str
    issuer_parent: str
    issuer: str
    number: str
    place_date: str
    title: str
    subject: str
    period_text: str
    addressee: str
    sections: list[Section]
    signer: str
    sign_note: str
    recipients: list[str]
    has_data: bool
    sheet_name: str
    landscape: bool | None = None  # None: landscape when a table has more than 8 columns
    signer_name: str = ""  # printed under the signature space (report settings)

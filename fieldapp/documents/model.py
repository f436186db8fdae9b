"""A neutral description of a printed document: sheets, frames on them, blocks in the frames.

Builders (guide sheet, leaflet, slips) say *what* is printed; a renderer decides how. Sizes
are in PostScript points (1/72 inch); `mm()` converts. Nothing here knows reportlab or Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

MM = 72.0 / 25.4
A4 = (210 * MM, 297 * MM)
A4_LANDSCAPE = (297 * MM, 210 * MM)
A5 = (148 * MM, 210 * MM)
ROLL_80_WIDTH = 80 * MM


def mm(value: float) -> float:
    """Millimetres to points."""
    return value * MM


class Align(StrEnum):
    """Horizontal alignment of a line of text."""

    LEFT = "left"
    CENTER = "center"


@dataclass(frozen=True, slots=True)
class Heading:
    """A bold title line (wraps if long)."""

    text: str
    size: float = 14.0
    align: Align = Align.LEFT


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text, wrapped to the frame's width."""

    text: str
    size: float = 10.0
    bold: bool = False
    align: Align = Align.LEFT


@dataclass(frozen=True, slots=True)
class Steps:
    """A numbered list ("1.", "2.", ...): the activation and linking steps."""

    items: tuple[str, ...]
    size: float = 10.0
    start: int = 1


@dataclass(frozen=True, slots=True)
class Bullets:
    """An unnumbered list."""

    items: tuple[str, ...]
    size: float = 10.0


@dataclass(frozen=True, slots=True)
class QrCode:
    """A QR code of an http(s) target, with a caption below it."""

    target: str
    caption: str = ""
    size: float = 28 * MM


@dataclass(frozen=True, slots=True)
class QrRow:
    """Several QR codes side by side, spread over the width."""

    codes: tuple[QrCode, ...]
    caption_size: float = 8.0


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of cells; `widths` are fractions of the frame's width; the first row may be a header."""

    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...]
    header: bool = True
    size: float = 9.0


@dataclass(frozen=True, slots=True)
class Box:
    """A framed group of blocks, optionally with a bold title and a grey background."""

    blocks: tuple[Block, ...]
    title: str = ""
    shaded: bool = False
    border: float = 1.0


@dataclass(frozen=True, slots=True)
class Columns:
    """Blocks side by side; `widths` are fractions of the frame's width."""

    columns: tuple[tuple[Block, ...], ...]
    widths: tuple[float, ...]
    gap: float = 3 * MM


@dataclass(frozen=True, slots=True)
class Spacer:
    """Vertical space."""

    height: float


@dataclass(frozen=True, slots=True)
class Rule:
    """A thin horizontal line."""

    dashed: bool = False


Block = (
    Heading | Paragraph | Steps | Bullets | QrCode | QrRow | Table | Box | Columns | Spacer | Rule
)


@dataclass(frozen=True, slots=True)
class Frame:
    """A rectangle on a sheet that its blocks flow into, top to bottom.

    `height=None` grows with the content (a receipt roll). Content taller than the frame is
    shrunk down to `min_scale`, never cut off; with `max_scale` above 1, short content is
    printed larger to fill the frame. `cut_marks` draws a dashed border to cut along.
    """

    x: float
    y: float
    width: float
    height: float | None
    blocks: tuple[Block, ...]
    name: str = ""
    padding: float = 5 * MM
    cut_marks: bool = False
    min_scale: float = 0.6
    max_scale: float = 1.0


@dataclass(frozen=True, slots=True)
class Sheet:
    """One printed page; `height=None` is as tall as its frames (a roll)."""

    width: float
    height: float | None
    frames: tuple[Frame, ...]


@dataclass(frozen=True, slots=True)
class Document:
    """What a renderer turns into a PDF or a print job."""

    title: str
    sheets: tuple[Sheet, ...]
    subject: str = ""
    keywords: tuple[str, ...] = field(default=())


def outline(document: Document) -> str:
    """A plain-text outline of a document: readable diffs in golden tests and logs-free review."""
    lines = [f"# {document.title}"]
    for number, sheet in enumerate(document.sheets, start=1):
        height = "auto" if sheet.height is None else f"{sheet.height / MM:.0f}"
        lines.append(f"== sheet {number}: {sheet.width / MM:.0f} x {height} mm")
        for frame in sheet.frames:
            lines.append(f"-- frame {frame.name or '?'}")
            lines.extend(_outline_blocks(frame.blocks, "  "))
    return "\n".join(lines) + "\n"


def _outline_blocks(blocks: tuple[Block, ...], indent: str) -> list[str]:
    out: list[str] = []
    for block in blocks:
        match block:
            case Heading(text=text):
                out.append(f"{indent}H: {text}")
            case Paragraph(text=text):
                out.append(f"{indent}P: {text}")
            case Steps(items=items, start=start):
                out.extend(f"{indent}{n}. {t}" for n, t in enumerate(items, start=start))
            case Bullets(items=items):
                out.extend(f"{indent}- {t}" for t in items)
            case QrCode(target=target, caption=caption):
                out.append(f"{indent}QR: {target} [{caption}]")
            case QrRow(codes=codes):
                out.extend(f"{indent}QR: {c.target} [{c.caption}]" for c in codes)
            case Table(rows=rows):
                out.extend(f"{indent}| " + " | ".join(r) + " |" for r in rows)
            case Box(blocks=inner, title=title):
                out.append(f"{indent}[box {title}]")
                out.extend(_outline_blocks(inner, indent + "  "))
            case Columns(columns=columns):
                for number, column in enumerate(columns, start=1):
                    out.append(f"{indent}[column {number}]")
                    out.extend(_outline_blocks(column, indent + "  "))
            case Spacer() | Rule():
                pass
    return out

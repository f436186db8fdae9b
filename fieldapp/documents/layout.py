"""Lay a document's frames out into positioned drawing operations.

Pure: it needs only a way to measure text. Text wraps at word boundaries (a word wider than
its box breaks between letters); a frame whose content is too tall is laid out again with
smaller text down to its `min_scale`, and if it still does not fit the caller gets an error
naming the frame. Nothing is ever cut off silently.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from fieldapp.documents import model as m
from fieldapp.domain.errors import ValidationError

LEADING = 1.25
ASCENT = 0.93
BLOCK_GAP = 2.2 * m.MM
GREY_FILL = 0.92


class TextMeasure(Protocol):
    """How wide a string is in the document's font."""

    def width(self, text: str, bold: bool, size: float) -> float:
        """Width in points of `text` at `size`."""
        ...


@dataclass(frozen=True, slots=True)
class TextOp:
    """One line of text; `y` is its baseline, measured down from the top of the sheet."""

    x: float
    y: float
    text: str
    bold: bool
    size: float


@dataclass(frozen=True, slots=True)
class RectOp:
    """A rectangle (top-left corner); `fill` is a grey level or None."""

    x: float
    y: float
    width: float
    height: float
    line: float = 1.0
    fill: float | None = None
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class LineOp:
    """A straight line."""

    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    dashed: bool = False


@dataclass(frozen=True, slots=True)
class QrOp:
    """A QR code square (quiet zone included) with its top-left corner at x, y."""

    x: float
    y: float
    size: float
    target: str


Op = TextOp | RectOp | LineOp | QrOp
WrapCache = dict[tuple[str, float, bool, float], list[str]]


@dataclass(frozen=True, slots=True)
class SheetLayout:
    """A sheet ready to paint: its final size and its operations."""

    width: float
    height: float
    ops: tuple[Op, ...]
    scales: tuple[float, ...]


def layout_sheet(
    sheet: m.Sheet, measure: TextMeasure, wraps: WrapCache | None = None
) -> SheetLayout:
    """Lay out every frame of a sheet; a roll sheet (height None) gets its content's height.

    `wraps` may be shared across the sheets of a batch: slips repeat the same lines.
    """
    ops: list[Op] = []
    bottom = 0.0
    scales = []
    for frame in sheet.frames:
        frame_ops, height, scale = layout_frame(frame, measure, wraps)
        scales.append(scale)
        if frame.cut_marks:
            ops.append(RectOp(frame.x, frame.y, frame.width, height, line=0.4, dashed=True))
        ops.extend(frame_ops)
        bottom = max(bottom, frame.y + height)
    height = sheet.height if sheet.height is not None else bottom
    return SheetLayout(sheet.width, height, tuple(ops), tuple(scales))


def layout_frame(
    frame: m.Frame, measure: TextMeasure, wraps: WrapCache | None = None
) -> tuple[list[Op], float, float]:
    """The frame's operations, its height and the text scale that made it fit.

    A frame with `max_scale` above 1 first tries larger text, so a short guide fills its page
    (larger print for older readers); the first scale that fits wins.
    """
    if frame.height is not None and frame.max_scale > 1.0:
        scale = frame.max_scale
        while scale > 1.0 + 1e-9:
            ops, used = _layout_at(frame, measure, scale, wraps)
            if used <= frame.height + 0.01:
                return ops, frame.height, scale
            scale -= 0.05
    scale = 1.0
    while True:
        ops, total = _layout_at(frame, measure, scale, wraps)
        if frame.height is None:
            return ops, total, scale
        if total <= frame.height + 0.01:
            return ops, frame.height, scale
        if scale <= frame.min_scale + 1e-9:
            raise ValidationError(
                "documents.text_too_long", frame=frame.name or "?", percent=round(scale * 100)
            )
        # Text height shrinks roughly with the square of the scale (smaller and fewer lines).
        wanted = scale * (frame.height / total) ** 0.5
        scale = max(frame.min_scale, min(scale * 0.95, wanted))


def _layout_at(
    frame: m.Frame, measure: TextMeasure, scale: float, wraps: WrapCache | None
) -> tuple[list[Op], float]:
    ops: list[Op] = []
    used = _Flow(measure, scale, {} if wraps is None else wraps).blocks(
        frame.blocks,
        frame.x + frame.padding,
        frame.y + frame.padding,
        frame.width - 2 * frame.padding,
        ops,
    )
    return ops, used + 2 * frame.padding


def wrap(text: str, width: float, bold: bool, size: float, measure: TextMeasure) -> list[str]:
    """Lines of `text` no wider than `width`; explicit newlines are kept."""
    lines: list[str] = []
    space = measure.width(" ", bold, size)
    for paragraph in text.split("\n"):
        words = paragraph.split()
        line = ""
        line_width = 0.0
        for word in words:
            word_width = measure.width(word, bold, size)
            if word_width > width:
                pieces = _break_word(word, width, bold, size, measure)
                if line:
                    lines.append(line)
                lines.extend(pieces[:-1])
                line = pieces[-1]
                line_width = measure.width(line, bold, size)
                continue
            if not line:
                line, line_width = word, word_width
            elif line_width + space + word_width <= width:
                line += " " + word
                line_width += space + word_width
            else:
                lines.append(line)
                line, line_width = word, word_width
        lines.append(line)
    return lines


def _break_word(
    word: str, width: float, bold: bool, size: float, measure: TextMeasure
) -> list[str]:
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and measure.width(current + char, bold, size) > width:
            pieces.append(current)
            current = char
        else:
            current += char
    pieces.append(current)
    return pieces


class _Flow:
    """Blocks stacked top to bottom at one text scale."""

    def __init__(self, measure: TextMeasure, scale: float, wraps: WrapCache) -> None:
        self.measure = measure
        self.scale = scale
        self.wraps = wraps

    def blocks(
        self, blocks: tuple[m.Block, ...], x: float, y: float, width: float, ops: list[Op]
    ) -> float:
        top = y
        gap = BLOCK_GAP * self.scale
        for index, block in enumerate(blocks):
            if index:
                y += gap
            y += self.block(block, x, y, width, ops)
        return y - top

    def block(self, block: m.Block, x: float, y: float, width: float, ops: list[Op]) -> float:
        s = self.scale
        match block:
            case m.Heading(text=text, size=size, align=align):
                return self.text(text, x, y, width, True, size * s, align, ops)
            case m.Paragraph(text=text, size=size, bold=bold, align=align):
                return self.text(text, x, y, width, bold, size * s, align, ops)
            case m.Steps(items=items, size=size, start=start):
                labels = [f"{n}." for n in range(start, start + len(items))]
                return self.items(items, labels, x, y, width, size * s, ops)
            case m.Bullets(items=items, size=size):
                return self.items(items, ["•"] * len(items), x, y, width, size * s, ops)
            case m.QrCode():
                return self.qr_row((block,), 7.5 * s, x, y, width, ops)
            case m.QrRow(codes=codes, caption_size=caption_size):
                return self.qr_row(codes, caption_size * s, x, y, width, ops)
            case m.Table():
                return self.table(block, x, y, width, ops)
            case m.Box():
                return self.box(block, x, y, width, ops)
            case m.Columns():
                return self.columns(block, x, y, width, ops)
            case m.Spacer(height=height):
                return height * s
            case m.Rule(dashed=dashed):
                ops.append(LineOp(x, y + 2, x + width, y + 2, 0.6, dashed))
                return 4.0
        raise TypeError(f"not a block: {block!r}")

    def text(
        self,
        text: str,
        x: float,
        y: float,
        width: float,
        bold: bool,
        size: float,
        align: m.Align,
        ops: list[Op],
    ) -> float:
        key = (text, width, bold, size)
        lines = self.wraps.get(key)
        if lines is None:
            lines = self.wraps[key] = wrap(text, width, bold, size, self.measure)
        leading = size * LEADING
        for number, line in enumerate(lines):
            lx = x
            if align is m.Align.CENTER:
                lx = x + (width - self.measure.width(line, bold, size)) / 2
            ops.append(TextOp(lx, y + number * leading + size * ASCENT, line, bold, size))
        return len(lines) * leading

    def items(
        self,
        items: tuple[str, ...],
        labels: list[str],
        x: float,
        y: float,
        width: float,
        size: float,
        ops: list[Op],
    ) -> float:
        indent = max(self.measure.width(label, True, size) for label in labels) + size * 0.6
        top = y
        for index, (item, label) in enumerate(zip(items, labels, strict=True)):
            if index:
                y += size * 0.35
            ops.append(TextOp(x, y + size * ASCENT, label, True, size))
            y += self.text(item, x + indent, y, width - indent, False, size, m.Align.LEFT, ops)
        return y - top

    def qr_row(
        self,
        codes: tuple[m.QrCode, ...],
        caption_size: float,
        x: float,
        y: float,
        width: float,
        ops: list[Op],
    ) -> float:
        cell = width / len(codes)
        height = 0.0
        for index, code in enumerate(codes):
            side = min(code.size * max(self.scale, 0.8), cell - (2 * m.MM if len(codes) > 1 else 0))
            cx = x + index * cell
            ops.append(QrOp(cx + (cell - side) / 2, y, side, code.target))
            used = side
            if code.caption:
                used += self.text(
                    code.caption,
                    cx + 1,
                    y + side,
                    cell - 2,
                    False,
                    caption_size,
                    m.Align.CENTER,
                    ops,
                )
            height = max(height, used)
        return height

    def table(self, table: m.Table, x: float, y: float, width: float, ops: list[Op]) -> float:
        size = table.size * self.scale
        pad = 1.5 * m.MM * self.scale
        total = sum(table.widths)
        col_widths = [width * w / total for w in table.widths]
        top = y
        grid: list[Op] = []
        for row_index, row in enumerate(table.rows):
            if len(row) != len(col_widths):
                raise ValidationError("documents.table_shape", columns=len(col_widths))
            bold = table.header and row_index == 0
            cell_ops: list[Op] = []
            row_height = 0.0
            cx = x
            for cell, col_width in zip(row, col_widths, strict=True):
                used = self.text(
                    cell, cx + pad, y + pad, col_width - 2 * pad, bold, size, m.Align.LEFT, cell_ops
                )
                row_height = max(row_height, used + 2 * pad)
                cx += col_width
            fill = GREY_FILL if bold else None
            cx = x
            for col_width in col_widths:
                grid.append(RectOp(cx, y, col_width, row_height, line=0.5, fill=fill))
                cx += col_width
            grid.extend(cell_ops)
            y += row_height
        ops.extend(grid)
        return y - top

    def columns(self, block: m.Columns, x: float, y: float, width: float, ops: list[Op]) -> float:
        """Columns side by side; columns that are one box each get boxes of equal height."""
        total = sum(block.widths)
        usable = width - block.gap * (len(block.columns) - 1)
        places = []
        cx = x
        for fraction in block.widths:
            places.append((cx, usable * fraction / total))
            cx += usable * fraction / total + block.gap
        heights = []
        laid: list[list[Op]] = []
        for column, (cx, col_width) in zip(block.columns, places, strict=True):
            column_ops: list[Op] = []
            heights.append(self.blocks(column, cx, y, col_width, column_ops))
            laid.append(column_ops)
        height = max(heights)
        boxes_only = all(len(c) == 1 and isinstance(c[0], m.Box) for c in block.columns)
        if boxes_only and len(set(heights)) > 1:
            laid = []
            for column, (cx, col_width) in zip(block.columns, places, strict=True):
                column_ops = []
                self.box(column[0], cx, y, col_width, column_ops, min_height=height)  # type: ignore[arg-type]
                laid.append(column_ops)
        for column_ops in laid:
            ops.extend(column_ops)
        return height

    def box(
        self, box: m.Box, x: float, y: float, width: float, ops: list[Op], min_height: float = 0
    ) -> float:
        pad = 2.5 * m.MM * self.scale
        inner: list[Op] = []
        cursor = y + pad
        if box.title:
            cursor += self.text(
                box.title,
                x + pad,
                cursor,
                width - 2 * pad,
                True,
                11 * self.scale,
                m.Align.LEFT,
                inner,
            )
            cursor += 1.2 * m.MM * self.scale
        cursor += self.blocks(box.blocks, x + pad, cursor, width - 2 * pad, inner)
        height = max(cursor + pad - y, min_height)
        fill = GREY_FILL if box.shaded else None
        ops.append(RectOp(x, y, width, height, line=box.border, fill=fill))
        ops.extend(inner)
        return height

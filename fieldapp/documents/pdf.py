"""Render a neutral document description to PDF with reportlab, DejaVu Sans embedded.

The PDF is built in memory and written to disk only once it is complete (temp file, fsync,
rename), so a missing font, a bad QR target or an overflowing box never leaves a broken file.
"""

from __future__ import annotations

import io
import os
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import qrcode
from PIL import Image
from qrcode.constants import ERROR_CORRECT_Q
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from fieldapp.documents import model as m
from fieldapp.documents.guide_texts import RESOURCES, check_url
from fieldapp.documents.layout import (
    LineOp,
    QrOp,
    RectOp,
    SheetLayout,
    TextOp,
    WrapCache,
    layout_sheet,
)
from fieldapp.domain.errors import NotFoundError, ValidationError

FONT_DIR = RESOURCES / "fonts"
REGULAR_FILE = "DejaVuSans.ttf"
BOLD_FILE = "DejaVuSans-Bold.ttf"
# Level Q restores up to ~25% of damaged modules: a faded or streaky thermal print still reads.
QR_ERROR_CORRECTION = ERROR_CORRECT_Q
QR_PIXELS_PER_MODULE = 8
QR_QUIET_ZONE = 4


@dataclass(frozen=True, slots=True)
class FontSet:
    """The registered reportlab names of the regular and bold faces."""

    regular: str
    bold: str


def register_fonts(font_dir: Path | str | None = None) -> FontSet:
    """Register DejaVu Sans (regular, bold) from `font_dir` (the shipped fonts by default)."""
    folder = Path(font_dir) if font_dir is not None else FONT_DIR
    return _register(str(folder.resolve()))


@lru_cache(maxsize=8)
def _register(folder: str) -> FontSet:
    suffix = "" if Path(folder) == FONT_DIR.resolve() else f"-{zlib.crc32(folder.encode()):08x}"
    names = []
    for file_name in (REGULAR_FILE, BOLD_FILE):
        path = Path(folder) / file_name
        if not path.is_file():
            raise NotFoundError("documents.font_missing", path=str(path))
        name = f"FieldApp-{path.stem}{suffix}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except Exception as error:  # reportlab raises bare TTFError/OSError variants
            raise ValidationError(
                "documents.font_unreadable", path=str(path), detail=str(error)
            ) from None
        names.append(name)
    return FontSet(names[0], names[1])


class FontMeasure:
    """Text widths in the registered fonts, cached per word (layout measures words often).

    A character the font has no glyph for would print as an empty box: it is refused here,
    on first measure, with the character and the text it is in.
    """

    def __init__(self, fonts: FontSet) -> None:
        self.fonts = fonts
        self._cache: dict[tuple[str, bool], float] = {}
        self._glyphs = {
            name: pdfmetrics.getFont(name).face.charToGlyph for name in (fonts.regular, fonts.bold)
        }

    def width(self, text: str, bold: bool, size: float) -> float:
        """Width of `text` in points at `size`."""
        key = (text, bold)
        unit = self._cache.get(key)
        if unit is None:
            name = self.fonts.bold if bold else self.fonts.regular
            glyphs = self._glyphs[name]
            for char in text:
                if ord(char) not in glyphs and not char.isspace():
                    raise ValidationError(
                        "documents.char_missing", char=char, code=f"U+{ord(char):04X}", text=text
                    )
            unit = pdfmetrics.stringWidth(text, name, 1.0)
            self._cache[key] = unit
        return unit * size


@lru_cache(maxsize=256)
def qr_image(target: str) -> Image.Image:
    """The QR code of a checked http(s) target as a black-and-white image, quiet zone included."""
    check_url(target, entry=target)
    code = qrcode.QRCode(error_correction=QR_ERROR_CORRECTION, border=QR_QUIET_ZONE, box_size=1)
    code.add_data(target)
    code.make(fit=True)
    image = code.make_image(fill_color="black", back_color="white").get_image().convert("1")
    size = image.size[0] * QR_PIXELS_PER_MODULE
    return image.resize((size, size), Image.Resampling.NEAREST)


@lru_cache(maxsize=256)
def _qr_reader(target: str) -> ImageReader:
    return ImageReader(qr_image(target))


Progress = Callable[[int, int], None]


def render_pdf(
    document: m.Document,
    *,
    fonts: FontSet | None = None,
    progress: Progress | None = None,
) -> bytes:
    """The whole document as PDF bytes; `progress(done, total)` after each sheet."""
    if not document.sheets:
        raise ValidationError("documents.empty")
    fonts = fonts or register_fonts()
    measure = FontMeasure(fonts)
    wraps: WrapCache = {}
    layouts = [layout_sheet(sheet, measure, wraps) for sheet in document.sheets]
    buffer = io.BytesIO()
    first = layouts[0]
    canvas = Canvas(
        buffer,
        pagesize=(first.width, first.height),
        invariant=1,
        pageCompression=1,
        initialFontName=fonts.regular,  # no stray unembedded Helvetica in the page resources
        initialFontSize=10,
    )
    canvas.setTitle(document.title)
    canvas.setAuthor("FieldApp")
    canvas.setCreator("FieldApp")
    canvas.setSubject(document.subject)
    if document.keywords:
        canvas.setKeywords(", ".join(document.keywords))
    total = len(layouts)
    qr_forms: dict[str, str] = {}
    for number, layout in enumerate(layouts, start=1):
        canvas.setPageSize((layout.width, layout.height))
        _paint(canvas, layout, fonts, qr_forms)
        canvas.showPage()
        if progress is not None:
            progress(number, total)
    canvas.save()
    return buffer.getvalue()


def _qr_form(canvas: Canvas, target: str, forms: dict[str, str]) -> str:
    """Each QR image goes into the PDF once, as a unit-square form reused on every page."""
    name = forms.get(target)
    if name is None:
        name = f"qr{len(forms)}"
        canvas.beginForm(name, 0, 0, 1, 1)
        canvas.drawImage(_qr_reader(target), 0, 0, 1, 1)
        canvas.endForm()
        forms[target] = name
    return name


def _paint(canvas: Canvas, layout: SheetLayout, fonts: FontSet, qr_forms: dict[str, str]) -> None:
    height = layout.height
    current_font: tuple[str, float] | None = None
    for op in layout.ops:
        if isinstance(op, TextOp):
            font = (fonts.bold if op.bold else fonts.regular, op.size)
            if font != current_font:
                canvas.setFont(*font)
                current_font = font
            canvas.drawString(op.x, height - op.y, op.text)
        elif isinstance(op, QrOp):
            form = _qr_form(canvas, op.target, qr_forms)
            canvas.saveState()
            canvas.transform(op.size, 0, 0, op.size, op.x, height - op.y - op.size)
            canvas.doForm(form)
            canvas.restoreState()
        elif isinstance(op, RectOp):
            canvas.saveState()
            canvas.setLineWidth(op.line)
            if op.dashed:
                canvas.setDash(3, 3)
            if op.fill is not None:
                canvas.setFillGray(op.fill)
            canvas.rect(
                op.x,
                height - op.y - op.height,
                op.width,
                op.height,
                stroke=1 if op.line > 0 else 0,
                fill=1 if op.fill is not None else 0,
            )
            canvas.restoreState()
        elif isinstance(op, LineOp):
            canvas.saveState()
            canvas.setLineWidth(op.width)
            if op.dashed:
                canvas.setDash(3, 3)
            canvas.line(op.x1, height - op.y1, op.x2, height - op.y2)
            canvas.restoreState()


def write_pdf(data: bytes, path: Path | str) -> Path:
    """Write finished PDF bytes atomically: a reader never sees half a file."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise NotFoundError("documents.folder_missing", path=str(folder))
    handle, temp_name = tempfile.mkstemp(prefix=".fieldapp-", suffix=".pdf.tmp", dir=folder)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temp_name, target)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise
    return target

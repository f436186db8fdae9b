"""A printable page for a key card: who it is, the fingerprint in large type, and a QR of it.

Pinned on the wall of a point (or handed to the police), it lets two people compare
fingerprints without a computer between them.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from fieldapp.i18n import tr
from fieldapp.sync.keys import ROLE_COMMUNE, PublicKeys

_FONT = "DejaVuSans"
_BOLD = "DejaVuSans-Bold"


def _register_fonts() -> None:
    if _FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = resources.files("fieldapp.resources") / "fonts"
    for name in (_FONT, _BOLD):
        with resources.as_file(fonts / f"{name}.ttf") as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))


def write_card_page(public: PublicKeys, target: Path, *, lang: str = "vi") -> Path:
    """Write the A4 PDF page of a key card."""
    _register_fonts()
    width, height = A4
    canvas = Canvas(str(target), pagesize=A4)
    canvas.setTitle(tr("sync.card.title", lang))
    kind = "sync.card.commune" if public.role == ROLE_COMMUNE else "sync.card.point"
    y = height - 30 * mm
    canvas.setFont(_BOLD, 18)
    canvas.drawCentredString(width / 2, y, tr("sync.card.title", lang))
    y -= 12 * mm
    canvas.setFont(_FONT, 13)
    canvas.drawCentredString(width / 2, y, tr(kind, lang))
    y -= 9 * mm
    canvas.setFont(_BOLD, 15)
    canvas.drawCentredString(width / 2, y, public.name)
    y -= 16 * mm
    canvas.setFont(_FONT, 12)
    canvas.drawCentredString(width / 2, y, tr("sync.card.fingerprint", lang))
    y -= 12 * mm
    groups = public.fingerprint.split()
    canvas.setFont(_BOLD, 22)
    canvas.drawCentredString(width / 2, y, "  ".join(groups[:4]))
    y -= 10 * mm
    canvas.drawCentredString(width / 2, y, "  ".join(groups[4:]))
    image = qrcode.make(public.fingerprint, box_size=10, border=2).get_image()
    size = 70 * mm
    y -= size + 10 * mm
    canvas.drawImage(ImageReader(image), (width - size) / 2, y, size, size)
    y -= 12 * mm
    canvas.setFont(_FONT, 11)
    for line in tr("sync.card.how", lang).split("\n"):
        canvas.drawCentredString(width / 2, y, line)
        y -= 6 * mm
    canvas.showPage()
    canvas.save()
    return target

"""Draw a report description as a PDF in the Vietnamese administrative layout.

National motto header on the right (underlined), issuing body on the left (underlined), the
place and date line, the title, the sections with their tables, the recipients and the
signature block. DejaVu Sans is embedded: reportlab's own fonts lack Vietnamese letters.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from io import BytesIO
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from fieldapp.documents.report_model import Cell, CellKind, ReportDocument, cell_text
from fieldapp.documents.report_model import Table as ReportTable

FONT = "FieldAppSans"
FONT_BOLD = "FieldAppSans-Bold"


def register_fonts() -> None:
    """Register DejaVu Sans (regular and bold) once, from the package's resources."""
    if FONT in pdfmetrics.getRegisteredFontNames():
        return
    fonts = resources.files("fieldapp.resources") / "fonts"
    for name, file in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        with resources.as_file(fonts / file) as path:
            pdfmetrics.registerFont(TTFont(name, str(path)))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


class _UnderlinedLines(Flowable):
    """Centred lines of text; the last one gets a short rule under it (as on official papers)."""

    def __init__(
        self, lines: list[tuple[str, str, float]], width: float, rule_ratio: float = 1.0
    ) -> None:
        super().__init__()
        self.lines = lines
        self.box_width = width
        self.rule_ratio = rule_ratio
        self.leading = 1.35

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        height = sum(size * self.leading for _, _, size in self.lines) + 4
        return self.box_width, height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        y = sum(size * self.leading for _, _, size in self.lines) + 4
        centre = self.box_width / 2
        last_width = 0.0
        for text, font, size in self.lines:
            y -= size * self.leading
            canvas.setFont(font, size)
            canvas.drawCentredString(centre, y + 4, text)
            last_width = pdfmetrics.stringWidth(text, font, size)
        rule = last_width * self.rule_ratio
        canvas.setLineWidth(0.6)
        canvas.line(centre - rule / 2, y, centre + rule / 2, y)


@cache  # once per process and size: the styles are read, never changed
def _styles(base: float) -> dict[str, ParagraphStyle]:
    def style(name: str, **kw: object) -> ParagraphStyle:
        defaults: dict[str, object] = {"fontName": FONT, "fontSize": base, "leading": base * 1.3}
        defaults.update(kw)
        return ParagraphStyle(name, **defaults)  # type: ignore[arg-type]

    return {
        "body": style("body", alignment=TA_JUSTIFY, firstLineIndent=8 * mm, spaceAfter=3),
        "title": style("title", fontName=FONT_BOLD, fontSize=base + 3, alignment=TA_CENTER),
        "subject": style("subject", fontName=FONT_BOLD, alignment=TA_CENTER),
        "period": style("period", alignment=TA_CENTER),
        "heading": style("heading", fontName=FONT_BOLD, spaceBefore=6, spaceAfter=3),
        "note": style("note", fontSize=base - 1.5, textColor=colors.HexColor("#444444")),
        "date": style("date", alignment=TA_CENTER),
        "number": style("number", alignment=TA_CENTER),
        "cell": style("cell", fontSize=base - 2.5, leading=(base - 2.5) * 1.2, alignment=TA_LEFT),
        "cell_num": style(
            "cell_num", fontSize=base - 2.5, leading=(base - 2.5) * 1.2, alignment=TA_RIGHT
        ),
        "head": style(
            "head",
            fontName=FONT_BOLD,
            fontSize=base - 3,
            leading=(base - 3) * 1.2,
            alignment=TA_CENTER,
            splitLongWords=0,  # a header wraps between words, never inside one
        ),
        "recipients": style("recipients", fontSize=base - 3, leading=(base - 3) * 1.3),
        "recipients_head": style("recipients_head", fontName=FONT_BOLD, fontSize=base - 2),
        "signer": style("signer", fontName=FONT_BOLD, alignment=TA_CENTER),
        "sign_note": style("sign_note", fontSize=base - 2, alignment=TA_CENTER),
    }


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape(text), style)


def _table(table: ReportTable, width: float, styles: dict[str, ParagraphStyle], lang: str) -> Table:
    weights = [c.width for c in table.columns]
    width = min(width, sum(weights) * 26 * mm)  # a narrow table stays narrow
    scale = width / sum(weights)
    widths = [w * scale for w in weights]
    header = [
        _p(c.header, _head_style(c.header, w, styles["head"]))
        for c, w in zip(table.columns, widths, strict=True)
    ]

    cell = styles["cell"]
    rooms = [w - 2 * CELL_PADDING for w in widths]

    def cells(values: list[Cell], bold: bool = False) -> list[Paragraph | str]:
        # Numbers, and text that fits its column on one line, are plain strings drawn by
        # the table's own font commands below: a Paragraph per cell made a 600-commune
        # report lay out ~40,000 paragraphs, and a daily report spend a third of its
        # drawing parsing and wrapping village names. Longer text wraps in a Paragraph.
        out: list[Paragraph | str] = []
        font = FONT_BOLD if bold else cell.fontName
        for value, column, room in zip(values, table.columns, rooms, strict=True):
            text = cell_text(value, column.kind, lang)
            if column.kind is not CellKind.TEXT or (
                "\n" not in text and pdfmetrics.stringWidth(text, font, cell.fontSize) <= room
            ):
                out.append(text)
                continue
            text = escape(text)
            out.append(Paragraph(f"<b>{text}</b>" if bold else text, cell))
        return out

    data = [header] + [cells(r) for r in table.rows]
    if table.total is not None:
        data.append(cells(table.total, bold=True))
    result = Table(data, colWidths=widths, repeatRows=1)
    commands = [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.black),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8e8e8")),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    number = styles["cell_num"]
    commands += [
        ("FONTNAME", (0, 1), (-1, -1), number.fontName),
        ("FONTSIZE", (0, 1), (-1, -1), number.fontSize),
        ("LEADING", (0, 1), (-1, -1), number.leading),
    ]
    commands += [
        ("ALIGN", (i, 1), (i, -1), "RIGHT")
        for i, column in enumerate(table.columns)
        if column.kind is not CellKind.TEXT
    ]
    if table.total is not None:
        commands.append(("BACKGROUND", (0, -1), (-1, -1), colors.HexColor("#f3f3f3")))
        commands.append(("FONTNAME", (0, -1), (-1, -1), FONT_BOLD))
    result.setStyle(TableStyle(commands))
    return result


CELL_PADDING = 2.5  # a cell's left padding, and its right
HEAD_PADDING = 2 * CELL_PADDING
MIN_HEAD_SIZE = 5.0


@cache  # a report draws the same headers at the same widths every time
def _head_style(text: str, width: float, style: ParagraphStyle) -> ParagraphStyle:
    """The header's style, smaller when its longest word would not fit the column.

    English headers have long words ("cumulative", "Activated"); reportlab would cut them
    in the middle. The header keeps whole words: the font shrinks until the longest fits.
    """
    room = width - HEAD_PADDING
    size = float(style.fontSize)
    words = text.split() or [""]

    def longest(at: float) -> float:
        return max(pdfmetrics.stringWidth(w, style.fontName, at) for w in words)

    if longest(size) <= room:
        return style
    while size > MIN_HEAD_SIZE and longest(size) > room:
        size -= 0.25
    return ParagraphStyle(f"{style.name}-{size}", parent=style, fontSize=size, leading=size * 1.2)


def _wide(document: ReportDocument) -> bool:
    if document.landscape is not None:
        return document.landscape
    return any(s.table is not None and len(s.table.columns) > 8 for s in document.sections)


def render_pdf(document: ReportDocument, target: Path | BytesIO) -> None:
    """Write the report as a PDF to a path or a buffer."""
    register_fonts()
    pagesize = landscape(A4) if _wide(document) else A4
    margin = 15 * mm
    frame_width = pagesize[0] - 2 * margin
    base = 11.0
    styles = _styles(base)
    story: list[Flowable] = []

    half = frame_width / 2
    left = _UnderlinedLines(
        [(document.issuer_parent, FONT, base - 1), (document.issuer, FONT_BOLD, base - 1)],
        half * 0.8,
        rule_ratio=0.45,
    )
    right = _UnderlinedLines(
        [(document.country, FONT_BOLD, base - 1), (document.motto, FONT_BOLD, base)],
        half * 1.2,
    )
    header = Table(
        [
            [left, right],
            [_p(document.number, styles["number"]), _p(document.place_date, styles["date"])],
        ],
        colWidths=[half * 0.8, half * 1.2],
    )
    header.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 1), (-1, 1), 4),
            ]
        )
    )
    story += [header, Spacer(1, 8 * mm)]
    story += [
        _p(document.title, styles["title"]),
        Spacer(1, 1.5 * mm),
        _p(document.subject, styles["subject"]),
        _p(document.period_text, styles["period"]),
        Spacer(1, 5 * mm),
    ]
    if document.addressee:
        story += [_p(document.addressee, styles["period"]), Spacer(1, 3 * mm)]

    for section in document.sections:
        part: list[Flowable] = []
        if section.heading:
            part.append(_p(section.heading, styles["heading"]))
        part += [_p(text, styles["body"]) for text in section.paragraphs]
        if section.table is not None:
            table = _table(section.table, frame_width, styles, document.lang)
            table.hAlign = "LEFT"
            part.append(table)
        if section.note:
            part += [Spacer(1, 1.5 * mm), _p(section.note, styles["note"])]
        small = section.table is None or len(section.table.rows) <= 12
        # a short section moves whole to the next page; a long table splits, its header
        # repeated, but never leaves its heading alone at the bottom of a page
        story += [KeepTogether(part)] if small else [CondPageBreak(45 * mm), *part]
        story.append(Spacer(1, 3 * mm))

    recipients = [_p(line, styles["recipients"]) for line in document.recipients[1:]]
    if document.recipients:  # a working list (the door-to-door round) is sent to nobody
        recipients.insert(0, _p(document.recipients[0], styles["recipients_head"]))
    signature: list[Flowable] = [_p(line, styles["signer"]) for line in document.signer.split("\n")]
    signature += [_p(document.sign_note, styles["sign_note"]), Spacer(1, 22 * mm)]
    if document.signer_name:
        signature.append(_p(document.signer_name, styles["signer"]))
    closing = Table([[recipients, signature]], colWidths=[half, half])
    closing.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    story += [Spacer(1, 4 * mm), KeepTogether([closing])]

    def footer(canvas: Canvas, doc: SimpleDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.drawRightString(pagesize[0] - margin, 8 * mm, f"{doc.page}")
        canvas.restoreState()

    template = SimpleDocTemplate(
        target if isinstance(target, BytesIO) else str(target),
        pagesize=pagesize,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=12 * mm,
        bottomMargin=14 * mm,
        title=f"{document.title} — {document.period_text}",
        author=document.issuer,
    )
    template.build(story, onFirstPage=footer, onLaterPages=footer)

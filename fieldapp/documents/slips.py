"""Per-citizen slips: one A6 page, four to an A4 sheet (cut along the dashes), or 80 mm tickets.

One citizen's slip printed at the desk goes on an A6 page (the size of an A4 quarter), so it
does not use up a whole A4 sheet; a village's batch goes four to an A4 sheet.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum

from fieldapp.documents import model as m
from fieldapp.documents.content import SlipContent, day_text, village_label
from fieldapp.documents.guide_texts import GuideTexts

SLIPS_PER_SHEET = 4
ROLL_PADDING = m.mm(4)
A6 = (105 * m.MM, 148 * m.MM)


class Paper(StrEnum):
    """What a slip is printed on."""

    A6 = "a6"  # one slip per small page
    A4 = "a4"  # four per A4 sheet, cut marks
    ROLL = "roll"  # 80 mm thermal tickets


def slip_blocks(slip: SlipContent, texts: GuideTexts, *, roll: bool) -> tuple[m.Block, ...]:
    """The blocks of one slip; the roll puts the QR code below the text, A4 beside it."""
    s = texts.slip
    size = 9.0
    # Thermal printers dither grey into speckles: on the roll a box is a thick border instead.
    shade, frame = (False, 1.6) if roll else (True, 0.8)
    identity: tuple[m.Block, ...] = (
        m.Paragraph(f"{s['name_label']}: {slip.full_name}", size=10.5, bold=True),
        m.Paragraph(f"{s['id_label']}: {slip.masked_id}", size=size),
    )
    if slip.village:
        identity = (*identity, m.Paragraph(village_label(slip.village), size=size))
    done: tuple[m.Block, ...] = (
        m.Paragraph(s["done_title"], size=size, bold=True),
        m.Bullets(slip.done, size=size) if slip.done else m.Paragraph(s["nothing_done"], size=size),
    )
    qr = m.QrCode(texts.slip_qr.target, s["qr_caption"], size=m.mm(24 if roll else 22))
    head: tuple[m.Block, ...] = (
        m.Heading(s["title"], size=12, align=m.Align.CENTER),
        m.Paragraph(slip.point.name, size=8.5, align=m.Align.CENTER),
        m.Rule(),
    )
    if roll:
        body: tuple[m.Block, ...] = (*identity, *done)
    else:
        body = (m.Columns(((*identity, *done), (qr,)), widths=(3.0, 1.1)),)
    rest: list[m.Block] = []
    if slip.complete:
        rest.append(
            m.Box((m.Paragraph(s["all_done"], size=size, bold=True),), shaded=shade, border=frame)
        )
    else:
        rest.append(m.Paragraph(s["missing_title"], size=size, bold=True))
        rest.append(m.Bullets(slip.missing, size=size))
        if slip.bring:
            rest.append(m.Paragraph(s["bring_title"], size=size, bold=True))
            rest.append(m.Bullets(tuple(texts.bring[item.value] for item in slip.bring), size=size))
        when = day_text(slip.next_day, slip.return_time) if slip.next_day else slip.point.days_text
        if slip.point.hours and slip.return_time is None:
            when = f"{when} ({slip.point.hours})"
        rest.append(
            m.Box(
                (m.Paragraph(f"{s['next_day_label']}: {when}", size=10, bold=True),),
                shaded=shade,
                border=frame,
            )
        )
    if slip.point.contact:
        rest.append(m.Paragraph(f"Liên hệ: {slip.point.contact}", size=8.5))
    rest.append(m.Paragraph(s["safety"], size=8, bold=True))
    if roll:
        rest.append(qr)
    return (*head, *body, *rest)


def slips_a4(slips: Sequence[SlipContent], texts: GuideTexts) -> m.Document:
    """Four slips to an A4 sheet (A6 each), dashed lines to cut along."""
    width, height = m.A4
    cell_w, cell_h = width / 2, height / 2
    sheets = []
    for first in range(0, len(slips), SLIPS_PER_SHEET):
        frames = tuple(
            m.Frame(
                (index % 2) * cell_w,
                (index // 2) * cell_h,
                cell_w,
                cell_h,
                slip_blocks(slip, texts, roll=False),
                name=f"slip {first + index + 1}",
                padding=m.mm(7),
                cut_marks=True,
            )
            for index, slip in enumerate(slips[first : first + SLIPS_PER_SHEET])
        )
        sheets.append(m.Sheet(width, height, frames))
    return m.Document(title="Phiếu hẹn hỗ trợ VNeID", sheets=tuple(sheets))


def slips_a6(slips: Sequence[SlipContent], texts: GuideTexts) -> m.Document:
    """One slip per A6 page: nothing to cut, no A4 sheet used up for one citizen."""
    width, height = A6
    sheets = tuple(
        m.Sheet(
            width,
            height,
            (
                m.Frame(
                    0,
                    0,
                    width,
                    height,
                    slip_blocks(slip, texts, roll=False),
                    name=f"slip {number}",
                    padding=m.mm(7),
                ),
            ),
        )
        for number, slip in enumerate(slips, start=1)
    )
    return m.Document(title="Phiếu hẹn hỗ trợ VNeID", sheets=sheets)


def slips_on(paper: Paper, slips: Sequence[SlipContent], texts: GuideTexts) -> m.Document:
    """The slips laid out for the paper chosen."""
    if paper is Paper.ROLL:
        return slips_roll(slips, texts)
    return slips_a6(slips, texts) if paper is Paper.A6 else slips_a4(slips, texts)


def slips_roll(slips: Sequence[SlipContent], texts: GuideTexts) -> m.Document:
    """One 80 mm wide ticket per slip, as long as its content (the printer cuts each page)."""
    sheets = tuple(
        m.Sheet(
            m.ROLL_80_WIDTH,
            None,
            (
                m.Frame(
                    0,
                    0,
                    m.ROLL_80_WIDTH,
                    None,
                    slip_blocks(slip, texts, roll=True),
                    name=f"slip {number}",
                    padding=ROLL_PADDING,
                ),
            ),
        )
        for number, slip in enumerate(slips, start=1)
    )
    return m.Document(title="Phiếu hẹn hỗ trợ VNeID", sheets=sheets)

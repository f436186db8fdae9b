"""The A4 guide sheet and the A5 leaflet (two copies on an A4 landscape page)."""

from __future__ import annotations

from collections.abc import Sequence

from fieldapp.documents import model as m
from fieldapp.documents.content import PointInfo, village_label
from fieldapp.documents.guide_texts import GuideTexts

MARGIN = m.mm(12)


def point_lines(point: PointInfo) -> tuple[m.Block, ...]:
    """The point's name, where it is, when it opens and whom to call."""
    blocks: list[m.Block] = [m.Paragraph(point.name, size=10.5, bold=True)]
    if point.village:
        blocks.append(m.Paragraph(village_label(point.village), size=9.5))
    blocks.append(m.Paragraph(f"Mở cửa: {point.schedule_text}", size=9.5))
    if point.contact:
        blocks.append(m.Paragraph(f"Liên hệ: {point.contact}", size=9.5))
    return tuple(blocks)


def guide_sheet(texts: GuideTexts, point: PointInfo) -> m.Document:
    """One A4 page: activation and linking steps, the rules, the warning, QR codes, the point."""
    g = texts.guide
    activation = m.Box(
        (m.Paragraph(g["activation_note"], size=9.5), m.Steps(g["activation_steps"], size=11)),
        title=g["activation_title"],
    )
    linking = m.Box(
        (m.Paragraph(g["linking_note"], size=9.5), m.Steps(g["linking_steps"], size=11)),
        title=g["linking_title"],
    )
    rules = m.Box(
        (m.Bullets((g["password_rule"], g["passcode_rule"]), size=11),),
        title=g["password_title"],
    )
    safety = m.Box(
        (m.Paragraph(g["safety"], size=11.5, bold=True),),
        title=g["safety_title"],
        shaded=True,
        border=2.0,
    )
    codes = tuple(m.QrCode(q.target, q.label, size=m.mm(32)) for q in texts.guide_qr)
    qr_and_point = m.Columns(
        (
            (m.Paragraph(g["qr_title"], size=11, bold=True), m.QrRow(codes, caption_size=9)),
            (m.Box(point_lines(point), title=g["point_title"]),),
        ),
        widths=(2.0, 1.0),
    )
    width, height = m.A4
    frame = m.Frame(
        MARGIN,
        MARGIN,
        width - 2 * MARGIN,
        height - 2 * MARGIN,
        (
            m.Heading(g["title"], size=15, align=m.Align.CENTER),
            m.Paragraph(g["intro"], size=10.5, align=m.Align.CENTER),
            m.Columns(((activation,), (linking,)), widths=(1.0, 1.0)),
            rules,
            safety,
            qr_and_point,
        ),
        name="guide",
        padding=0,
        max_scale=1.3,
    )
    return m.Document(
        title="Phiếu hướng dẫn VNeID",
        sheets=(m.Sheet(width, height, (frame,)),),
        subject=point.name,
    )


def points_summary(points: Sequence[PointInfo]) -> tuple[m.Block, ...]:
    """Points grouped by schedule: one paragraph per opening pattern, names in a row."""
    groups: dict[str, list[str]] = {}
    for point in points:
        groups.setdefault(point.schedule_text, []).append(point.village or point.name)
    return tuple(
        m.Paragraph(f"{schedule}: {', '.join(names)}.", size=8.5)
        for schedule, names in groups.items()
    )


def leaflet(texts: GuideTexts, here: PointInfo, points: Sequence[PointInfo]) -> m.Document:
    """Two identical A5 leaflets on one A4 landscape sheet, with a dashed line to cut along."""
    t = texts.leaflet
    others = [p for p in points if p.name != here.name]
    where: list[m.Block] = [m.Box(point_lines(here), shaded=True, border=0.8)]
    if others:
        where.append(m.Paragraph("Các điểm hỗ trợ khác (nhà văn hóa thôn):", size=8.5, bold=True))
        where.extend(points_summary(others))
    where.append(m.Paragraph(t["bring"], size=9, bold=True))
    codes = tuple(m.QrCode(q.target, q.label, size=m.mm(24)) for q in texts.leaflet_qr)
    blocks: tuple[m.Block, ...] = (
        m.Heading(t["title"], size=12.5, align=m.Align.CENTER),
        m.Box((m.Bullets(t["level2_items"], size=9),), title=t["level2_title"]),
        m.Box((m.Bullets(t["account_items"], size=9),), title=t["account_title"]),
        m.Heading(t["points_title"], size=11),
        m.Columns((tuple(where), (m.QrRow(codes, caption_size=7.5),)), widths=(2.6, 1.0)),
    )
    width, height = m.A4_LANDSCAPE
    half = width / 2
    frames = tuple(
        m.Frame(
            x,
            0,
            half,
            height,
            blocks,
            name=f"leaflet {number}",
            padding=m.mm(9),
            cut_marks=True,
            max_scale=1.2,
        )
        for number, x in enumerate((0.0, half), start=1)
    )
    return m.Document(
        title="Tờ rơi VNeID và an sinh xã hội",
        sheets=(m.Sheet(width, height, frames),),
        subject=here.name,
    )

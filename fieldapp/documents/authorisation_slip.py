"""The authorisation checklist slip (seed 003: "thủ tục ủy quyền"): what the family brings.

One A5 sheet for the family of a beneficiary paid through a proxy or a guardian: who is who,
a checklist of the papers to bring (ticked at home), the steps in order, where to go. The
things to bring are the step rules' (`RECEIVER_BRING`), in the guide file's words; the
beneficiary's ID is masked as on every slip.
"""

from __future__ import annotations

from dataclasses import dataclass

from fieldapp.documents import model as m
from fieldapp.documents.content import PointInfo, village_label
from fieldapp.documents.guide_texts import GuideTexts
from fieldapp.domain.payments import PaymentHolder
from fieldapp.domain.step_rules import RECEIVER_BRING, Bring
from fieldapp.i18n import tr

BOX = "☐"  # DejaVu Sans and Noto Sans both have the ballot box


@dataclass(frozen=True, slots=True)
class AuthorisationContent:
    """What one family's slip says."""

    full_name: str
    masked_id: str
    village: str
    holder: PaymentHolder  # proxy or guardian
    receiver_name: str
    relation: str
    point: PointInfo
    done: bool  # the receiver's account is already recorded


def authorisation_slip(content: AuthorisationContent, texts: GuideTexts) -> m.Document:
    """The slip on an A5 sheet."""
    width, height = m.A5
    frame = m.Frame(0, 0, width, height, _blocks(content, texts), name="authorisation")
    title = tr(f"payments.slip.title.{content.holder.value}", "vi")
    return m.Document(title=title, sheets=(m.Sheet(width, height, (frame,)),))


def _blocks(content: AuthorisationContent, texts: GuideTexts) -> tuple[m.Block, ...]:
    t = _texts
    holder = content.holder
    who = [
        m.Paragraph(f"{t('beneficiary')}: {content.full_name}", size=11, bold=True),
        m.Paragraph(f"{texts.slip['id_label']}: {content.masked_id}", size=9.5),
    ]
    if content.village:
        who.append(m.Paragraph(village_label(content.village), size=9.5))
    receiver = content.receiver_name or t("receiver_blank")
    if content.relation:
        receiver = f"{receiver} ({content.relation})"
    who.append(m.Paragraph(f"{tr(f'holder.{holder.value}', 'vi')}: {receiver}", size=10.5))
    checklist = [
        m.Paragraph(f"{BOX}  {_bring_text(item, holder, texts)}", size=10)
        for item in RECEIVER_BRING
    ]
    steps = tuple(t(f"step{n}") for n in range(1, 5))
    blocks: list[m.Block] = [
        m.Heading(tr(f"payments.slip.title.{holder.value}", "vi"), size=13, align=m.Align.CENTER),
        m.Paragraph(content.point.name, size=9, align=m.Align.CENTER),
        m.Rule(),
        *who,
        m.Spacer(m.mm(2)),
        m.Paragraph(t("why"), size=9.5),
    ]
    if content.done:  # the receiver's account is recorded: nothing left to bring or do
        blocks.append(m.Box((m.Paragraph(t("done"), size=10, bold=True),), shaded=True))
    else:
        blocks += [
            m.Paragraph(t("bring_title"), size=10.5, bold=True),
            *checklist,
            m.Paragraph(t("steps_title"), size=10.5, bold=True),
            m.Steps(steps, size=9.5),
        ]
    where = f"{t('where')}: {content.point.name}, {content.point.schedule_text}"
    blocks.append(m.Box((m.Paragraph(where, size=9.5),), border=1))
    if content.point.contact:
        blocks.append(m.Paragraph(f"Liên hệ: {content.point.contact}", size=8.5))
    blocks.append(m.Paragraph(texts.slip["safety"], size=8, bold=True))
    return tuple(blocks)


def _bring_text(item: Bring, holder: PaymentHolder, texts: GuideTexts) -> str:
    """The guide file's words; the paper itself is said for a proxy or a guardian."""
    if item is Bring.AUTHORISATION_PAPER:
        return tr(f"payments.slip.paper.{holder.value}", "vi")
    if item is Bring.CHIP_ID_CARD:
        return tr("payments.slip.beneficiary_card", "vi")
    return texts.bring[item.value]


def _texts(key: str) -> str:
    return tr(f"payments.slip.{key}", "vi")

"""The store's recovery code on paper: an A6 page to hand to the commune police.

The recovery code opens the encrypted store when every PIN is lost; the desk shows it once.
This sheet carries the code in large letters with the point's name and the day (the
documents' QR blocks carry web addresses only: the QR stays on the screen).
"""

from __future__ import annotations

from datetime import date

from fieldapp.documents import model as m
from fieldapp.documents.slips import A6
from fieldapp.i18n import tr


def recovery_sheet(code: str, point_name: str, day: date, lang: str = "vi") -> m.Document:
    """One A6 page: title, point, day, the code in large letters, what to do with it."""
    width, height = A6
    where = f"{point_name} · {day:%d/%m/%Y}" if point_name else f"FieldApp · {day:%d/%m/%Y}"
    blocks: tuple[m.Block, ...] = (
        m.Heading(tr("keys.recovery_code_title", lang), size=13, align=m.Align.CENTER),
        m.Paragraph(where, size=9, align=m.Align.CENTER),
        m.Rule(),
        m.Box(
            tuple(
                m.Paragraph(line, size=15, bold=True, align=m.Align.CENTER)
                for line in code_lines(code)
            ),
            border=1.2,
        ),
        m.Paragraph(tr("desk_finish.recovery.keep", lang), size=8.5),
    )
    frame = m.Frame(0, 0, width, height, blocks, name="recovery code", padding=m.mm(8))
    return m.Document(
        title=tr("keys.recovery_code_title", lang), sheets=(m.Sheet(width, height, (frame,)),)
    )


def code_lines(code: str, groups_per_line: int = 4) -> list[str]:
    """The code cut between its groups of four, never inside one (the dash stays at the end)."""
    groups = code.split("-")
    lines = [
        "-".join(groups[i : i + groups_per_line]) for i in range(0, len(groups), groups_per_line)
    ]
    return [line + "-" for line in lines[:-1]] + lines[-1:]

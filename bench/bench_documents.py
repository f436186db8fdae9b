"""Render 1,000 slips (A4 four-up and 80 mm roll) and compare with a raw reportlab canvas.

The baseline draws the very same strings at the same positions, in the same fonts, with the
same QR image, on a bare canvas: what is left of the ratio is the cost of the neutral
description, the layout (wrapping, measuring, boxes) and the renderer.

    PYTHONPATH=. python bench/bench_documents.py [--slips 1000]
"""

from __future__ import annotations

import argparse
import io
import time
from datetime import date

from reportlab.pdfgen.canvas import Canvas

from fieldapp.demo.generator import generate_commune
from fieldapp.documents.content import PointInfo, slip_content
from fieldapp.documents.guide_texts import load_guide_texts
from fieldapp.documents.layout import QrOp, TextOp, layout_sheet
from fieldapp.documents.pdf import FontMeasure, _qr_reader, register_fonts, render_pdf
from fieldapp.documents.slips import slips_a4, slips_roll
from fieldapp.domain.status import fold_status


def make_slips(count: int):
    data = generate_commune(count, seed=8)
    by_id_outcomes: dict[str, list] = {}
    by_id_facts: dict[str, list] = {}
    for o in data.outcomes:
        by_id_outcomes.setdefault(o.personal_id, []).append(o)
    for f in data.facts:
        by_id_facts.setdefault(f.personal_id, []).append(f)
    villages = {v.id: v.name for v in data.villages}
    point = PointInfo(data.points[0].name, data.villages[0].name, hours="7:30-11:00")
    return [
        slip_content(
            full_name=c.full_name,
            personal_id=c.personal_id,
            village=villages.get(c.village_id, ""),
            status=fold_status(
                c, by_id_outcomes.get(c.personal_id, []), by_id_facts.get(c.personal_id, [])
            ),
            point=point,
            today=date(2026, 11, 21),
        )
        for c in data.citizens[:count]
    ]


def baseline(layouts, fonts) -> bytes:
    """Bare canvas: the same strings and QR images, positions precomputed."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1, initialFontName=fonts.regular)
    for layout in layouts:
        canvas.setPageSize((layout.width, layout.height))
        h = layout.height
        for op in layout.ops:
            if isinstance(op, TextOp):
                canvas.setFont(fonts.bold if op.bold else fonts.regular, op.size)
                canvas.drawString(op.x, h - op.y, op.text)
            elif isinstance(op, QrOp):
                canvas.drawImage(_qr_reader(op.target), op.x, h - op.y - op.size, op.size, op.size)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def best_of(runs: int, fn):
    times = []
    result = None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return min(times), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slips", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    texts = load_guide_texts()
    fonts = register_fonts()
    start = time.perf_counter()
    slips = make_slips(args.slips)
    print(
        f"{len(slips)} slips folded from a synthetic commune in {time.perf_counter() - start:.2f} s"
    )
    measure = FontMeasure(fonts)
    for name, build in (("A4 four-up", slips_a4), ("80 mm roll", slips_roll)):
        render_pdf(build(slips[:8], texts))  # warm-up: fonts, QR image cache
        ours, pdf = best_of(args.runs, lambda build=build: render_pdf(build(slips, texts)))
        document = build(slips, texts)
        layouts = [layout_sheet(sheet, measure) for sheet in document.sheets]
        raw, raw_pdf = best_of(args.runs, lambda layouts=layouts: baseline(layouts, fonts))
        print(
            f"{name:>11}: {len(document.sheets):4d} pages  FieldApp {ours:6.2f} s "
            f"({len(pdf) / 1e6:.1f} MB)  raw canvas {raw:6.2f} s ({len(raw_pdf) / 1e6:.1f} MB)  "
            f"ratio {ours / raw:.2f}"
        )


if __name__ == "__main__":
    main()

"""Render 1,000 slips (A4 four-up and 80 mm roll) and compare with a raw reportlab canvas.

The baseline draws the very same strings at the same positions, in the same fonts, with the
same QR image, on a bare canvas: what is left of the ratio is the cost of the neutral
description, the layout (wrapping, measuring, boxes) and the renderer. Times are CPU seconds
of this process, best of --runs, the contenders alternating.

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


def baseline(layouts, fonts, *, reuse_form: bool = False) -> bytes:
    """Bare canvas: the same strings and QR images, positions precomputed.

    `reuse_form` draws each QR image once into a form and reuses it, as FieldApp's renderer
    does; without it every slip calls drawImage (reportlab then hashes the image each time).
    """
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=1, pageCompression=1, initialFontName=fonts.regular)
    forms: dict[str, str] = {}
    for layout in layouts:
        canvas.setPageSize((layout.width, layout.height))
        h = layout.height
        for op in layout.ops:
            if isinstance(op, TextOp):
                canvas.setFont(fonts.bold if op.bold else fonts.regular, op.size)
                canvas.drawString(op.x, h - op.y, op.text)
            elif isinstance(op, QrOp) and reuse_form:
                if op.target not in forms:
                    forms[op.target] = f"q{len(forms)}"
                    canvas.beginForm(forms[op.target], 0, 0, 1, 1)
                    canvas.drawImage(_qr_reader(op.target), 0, 0, 1, 1)
                    canvas.endForm()
                canvas.saveState()
                canvas.transform(op.size, 0, 0, op.size, op.x, h - op.y - op.size)
                canvas.doForm(forms[op.target])
                canvas.restoreState()
            elif isinstance(op, QrOp):
                canvas.drawImage(_qr_reader(op.target), op.x, h - op.y - op.size, op.size, op.size)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def timed(fn):
    """CPU seconds of this process: steadier than wall time on a shared, busy machine."""
    start = time.process_time()
    result = fn()
    return time.process_time() - start, result


def interleaved(runs: int, *fns):
    """Best of `runs` for each function, alternating, so a busy machine hurts all alike."""
    times: list[list[float]] = [[] for _ in fns]
    results = [b""] * len(fns)
    for _ in range(runs):
        for index, fn in enumerate(fns):
            seconds, results[index] = timed(fn)
            times[index].append(seconds)
    return [min(t) for t in times], results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--slips", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
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
        document = build(slips, texts)
        layouts = [layout_sheet(sheet, measure) for sheet in document.sheets]
        (ours, raw, raw_form), (pdf, raw_pdf, _) = interleaved(
            args.runs,
            lambda build=build: render_pdf(build(slips, texts)),
            lambda layouts=layouts: baseline(layouts, fonts),
            lambda layouts=layouts: baseline(layouts, fonts, reuse_form=True),
        )
        print(
            f"{name:>11}: {len(document.sheets):4d} pages  FieldApp {ours:5.2f} s "
            f"({len(pdf) / 1e6:.1f} MB)  raw canvas {raw:5.2f} s ({len(raw_pdf) / 1e6:.1f} MB)"
            f"  ratio {ours / raw:.2f}  |  raw canvas, QR as one form {raw_form:5.2f} s"
            f"  ratio {ours / raw_form:.2f}"
        )


if __name__ == "__main__":
    main()

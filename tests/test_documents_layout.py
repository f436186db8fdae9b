import pytest

from fieldapp.documents import model as m
from fieldapp.documents.layout import QrOp, TextOp, layout_frame, layout_sheet, wrap
from fieldapp.domain.errors import ValidationError


class Mono:
    """Every character is half the font size wide: easy arithmetic."""

    def width(self, text, bold, size):
        return len(text) * size * 0.5


def test_wrap_keeps_every_word_and_breaks_overlong_words():
    text = "một hai ba " + "x" * 50 + " bốn"
    lines = wrap(text, 50, False, 10, Mono())  # 10 characters per line
    assert all(len(line) <= 10 for line in lines)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_wrap_keeps_explicit_newlines():
    assert wrap("a b\nc", 1000, False, 10, Mono()) == ["a b", "c"]


def test_text_too_tall_is_shrunk_not_cut():
    long = " ".join(["chữ"] * 400)
    frame = m.Frame(0, 0, 200, 400, (m.Paragraph(long, size=10),), name="slip 1", padding=0)
    ops, height, scale = layout_frame(frame, Mono())
    assert height == 400
    assert 0.6 <= scale < 1
    text = " ".join(op.text for op in ops if isinstance(op, TextOp))
    assert text.split() == long.split()  # nothing lost
    assert max(op.y for op in ops) <= 400


def test_text_that_cannot_fit_even_shrunk_is_an_error_naming_the_frame():
    frame = m.Frame(0, 0, 100, 50, (m.Paragraph("chữ " * 500),), name="slip 7", padding=0)
    with pytest.raises(ValidationError) as caught:
        layout_frame(frame, Mono())
    assert caught.value.message_id == "documents.text_too_long"
    assert caught.value.params["frame"] == "slip 7"


def test_roll_sheet_grows_with_its_content():
    short = m.Sheet(200, None, (m.Frame(0, 0, 200, None, (m.Paragraph("a"),)),))
    tall = m.Sheet(200, None, (m.Frame(0, 0, 200, None, (m.Paragraph("a " * 300),)),))
    assert layout_sheet(tall, Mono()).height > layout_sheet(short, Mono()).height


def test_qr_codes_never_exceed_their_cell_and_keep_their_targets():
    codes = tuple(m.QrCode(f"https://x.vn/{i}", f"mã {i}", size=200) for i in range(3))
    frame = m.Frame(0, 0, 300, None, (m.QrRow(codes),), padding=0)
    ops, _, _ = layout_frame(frame, Mono())
    qrs = [op for op in ops if isinstance(op, QrOp)]
    assert [q.target for q in qrs] == [c.target for c in codes]
    assert all(q.size <= 100 and q.x >= 0 and q.x + q.size <= 300 for q in qrs)


def test_outline_lists_the_blocks():
    doc = m.Document(
        "t",
        (m.Sheet(100, 100, (m.Frame(0, 0, 100, 100, (m.Steps(("a", "b")),), name="f"),)),),
    )
    assert "1. a\n  2. b" in m.outline(doc)

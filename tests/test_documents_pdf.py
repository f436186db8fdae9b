import re
import uuid
from dataclasses import replace
from datetime import UTC, date, datetime

import pytest

from fieldapp.documents import pdf as pdf_module
from fieldapp.documents.content import PointInfo, slip_content
from fieldapp.documents.guide_sheet import guide_sheet, leaflet
from fieldapp.documents.guide_texts import QrTarget, load_guide_texts
from fieldapp.documents.pdf import qr_image, register_fonts, render_pdf, write_pdf
from fieldapp.documents.slips import slips_a4, slips_roll
from fieldapp.domain import model as dm
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.domain.status import fold_status
from tests.documents_helpers import decode_qr, font_names, page_sizes_mm, pdf_text

POINT = PointInfo(
    "Nhà văn hóa thôn Đồng Tiến",
    "Thôn Đồng Tiến",
    (0, 1, 2, 3, 4, 5),
    "7:30-11:00",
    "Tổ Đề án 06 thôn, 0900 000 111",
)


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture(scope="module")
def texts():
    return load_guide_texts()


def a_slip(name="Phạm Thị Ngọc Ánh", pid="038190001234", outcomes=(), facts=()):
    status = fold_status(None, outcomes, facts)
    return slip_content(
        full_name=name,
        personal_id=pid,
        village="Thôn Đồng Tiến",
        status=status,
        point=POINT,
        today=date(2026, 11, 21),  # a Saturday: next opening day is Monday 23/11
    )


def an_outcome(step, result=dm.Result.DONE, bank=None):
    return dm.Outcome(
        id=uuid.uuid4(),
        visit_id=uuid.uuid4(),
        personal_id="038190001234",
        step=step,
        result=result,
        recorded_at=datetime(2026, 11, 20, 3, tzinfo=UTC),
        user_id=uuid.uuid4(),
        bank=bank,
    )


def test_guide_sheet_is_one_a4_page_with_all_steps_rules_and_the_point(texts):
    data = render_pdf(guide_sheet(texts, POINT))
    assert page_sizes_mm(data) == [(210.0, 297.0)]
    text = flat(pdf_text(data))
    for step in (*texts.guide["activation_steps"], *texts.guide["linking_steps"]):
        assert flat(step) in text
    for needed in ("8 đến 20 ký tự", "6 chữ số", "mật khẩu, mã OTP hoặc mã passcode", POINT.name):
        assert needed in text
    assert "Thứ Hai đến Thứ Bảy (7:30-11:00)" in text
    assert POINT.contact in text
    for letter in ("ế", "ữ", "ộ", "Đ"):
        assert letter in text
    assert font_names(data) == {"DejaVuSans", "DejaVuSans-Bold"}


def test_guide_sheet_qr_codes_decode_to_the_configured_targets(texts):
    data = render_pdf(guide_sheet(texts, POINT))
    assert decode_qr(data) == sorted(q.target for q in texts.guide_qr)


def test_leaflet_is_two_a5_halves_of_an_a4_landscape_page(texts):
    others = [PointInfo(f"Nhà văn hóa thôn Số {i}", f"Thôn Số {i}") for i in range(1, 25)]
    data = render_pdf(leaflet(texts, POINT, [POINT, *others]))
    assert page_sizes_mm(data) == [(297.0, 210.0)]
    text = flat(pdf_text(data))
    assert text.count(flat(texts.leaflet["level2_title"])) == 2
    assert "Thôn Số 24" in text  # every point listed, none dropped
    for item in texts.leaflet["level2_items"]:
        assert text.count(flat(item)) == 2
    assert decode_qr(data) == sorted([q.target for q in texts.leaflet_qr] * 2)
    assert font_names(data) == {"DejaVuSans", "DejaVuSans-Bold"}
    # The two halves are A5: each copy's QR code sits in its own half of the page.
    import pypdfium2 as pdfium
    import zxingcpp

    image = pdfium.PdfDocument(data)[0].render(scale=150 / 72).to_pil()
    half = image.width // 2
    left = zxingcpp.read_barcodes(image.crop((0, 0, half, image.height)))
    right = zxingcpp.read_barcodes(image.crop((half, 0, image.width, image.height)))
    assert len(left) == len(right) == len(texts.leaflet_qr)


def test_slips_four_to_an_a4_sheet_with_masked_id_and_what_is_missing(texts):
    slips = [a_slip(pid=f"03819000{i:04d}") for i in range(5)]
    data = render_pdf(slips_a4(slips, texts))
    assert page_sizes_mm(data) == [(210.0, 297.0)] * 2
    text = flat(pdf_text(data))
    assert text.count("Phạm Thị Ngọc Ánh") == 5
    assert "••••••••0003" in text and "038190000003" not in text
    assert "Cần đăng ký tài khoản định danh điện tử mức 2" in text
    assert "Thẻ căn cước gắn chip" in text
    assert "Mời quay lại: Thứ Hai, 23/11/2026 (7:30-11:00)" in text
    assert decode_qr(data, page=0) == [texts.slip_qr.target] * 4
    assert decode_qr(data, page=1) == [texts.slip_qr.target]
    assert font_names(data) == {"DejaVuSans", "DejaVuSans-Bold"}


def test_slip_says_what_is_done_and_derives_what_to_bring(texts):
    outcomes = [
        an_outcome(dm.Step.EID_ACTIVATION),
        an_outcome(dm.Step.BANK_ACCOUNT, bank="MB"),
    ]
    slip = a_slip(outcomes=outcomes)
    assert slip.missing and "Cần mở tài khoản ngân hàng" not in slip.missing
    text = flat(pdf_text(render_pdf(slips_a4([slip], texts))))
    assert "Kích hoạt tài khoản ĐDĐT" in text
    assert "Mở tài khoản ngân hàng (MB)" in text
    assert "xác thực sinh trắc học trước khi tích hợp" in text
    assert "Thẻ ngân hàng hoặc số tài khoản ngân hàng" in text


def test_a_complete_citizen_gets_a_thank_you_and_no_return_day(texts):
    link = an_outcome(dm.Step.BENEFIT_LINK)
    slip = a_slip(outcomes=[an_outcome(dm.Step.EID_APPLICATION), link])
    assert slip.complete and slip.next_day is None
    text = flat(pdf_text(render_pdf(slips_roll([slip], texts))))
    assert texts.slip["all_done"] in text
    assert "Mời quay lại" not in text


def test_roll_slips_are_80mm_wide_one_per_page_and_their_qr_reads(texts):
    slips = [a_slip(), a_slip(outcomes=[an_outcome(dm.Step.EID_ACTIVATION)])]
    data = render_pdf(slips_roll(slips, texts))
    sizes = page_sizes_mm(data)
    assert [w for w, _ in sizes] == [80.0, 80.0]
    assert all(80 < h < 297 for _, h in sizes)
    assert sizes[0][1] > sizes[1][1]  # fewer things missing: a shorter ticket
    assert decode_qr(data, page=0, dpi=203) == [texts.slip_qr.target]  # a thermal printer
    assert font_names(data) == {"DejaVuSans", "DejaVuSans-Bold"}


def test_overlong_texts_wrap_and_are_all_printed(texts):
    long_step = "Bước rất dài: " + "hãy đọc kỹ hướng dẫn trên màn hình điện thoại " * 8
    long_name = "Nguyễn Phạm Hoàng Thị Ngọc Bích Trâm Anh Thư Diễm Kiều Phương Thảo Linh"
    guide = replace(
        texts,
        guide={
            **texts.guide,
            "activation_steps": (long_step, *texts.guide["activation_steps"][1:]),
        },
    )
    text = flat(pdf_text(render_pdf(guide_sheet(guide, POINT))))
    assert flat(long_step) in text
    slip_text = flat(pdf_text(render_pdf(slips_roll([a_slip(name=long_name)], texts))))
    assert long_name in slip_text


def test_text_far_too_long_is_refused_and_no_file_is_written(texts, tmp_path):
    huge = replace(texts, guide={**texts.guide, "intro": "rất dài " * 3000})
    out = tmp_path / "guide.pdf"
    with pytest.raises(ValidationError) as caught:
        write_pdf(render_pdf(guide_sheet(huge, POINT)), out)
    assert caught.value.message_id == "documents.text_too_long"
    assert list(tmp_path.iterdir()) == []


def test_missing_font_is_a_clear_error(tmp_path, texts):
    with pytest.raises(NotFoundError) as caught:
        register_fonts(tmp_path)
    assert caught.value.message_id == "documents.font_missing"
    assert "DejaVuSans.ttf" in caught.value.params["path"]


def test_missing_shipped_font_stops_the_render(monkeypatch, tmp_path, texts):
    monkeypatch.setattr(pdf_module, "FONT_DIR", tmp_path / "fonts")
    with pytest.raises(NotFoundError, match="font_missing"):
        render_pdf(guide_sheet(texts, POINT))


def test_bad_qr_target_is_refused_at_render_time(texts):
    bad = replace(texts, guide_qr=(QrTarget("x", "x", "guide", "not a url"),))
    with pytest.raises(ValidationError, match="bad_qr_target"):
        render_pdf(guide_sheet(bad, POINT))


def test_qr_images_use_a_robust_error_correction_level():
    from qrcode.constants import ERROR_CORRECT_M, ERROR_CORRECT_Q

    assert pdf_module.QR_ERROR_CORRECTION in (ERROR_CORRECT_M, ERROR_CORRECT_Q)
    import zxingcpp

    result = zxingcpp.read_barcodes(qr_image("https://vneid.gov.vn/").convert("L"))
    assert [r.text for r in result] == ["https://vneid.gov.vn/"]
    assert result[0].ec_level in ("M", "Q")


def test_write_pdf_needs_an_existing_folder(tmp_path):
    with pytest.raises(NotFoundError, match="folder_missing"):
        write_pdf(b"%PDF", tmp_path / "no" / "x.pdf")
    assert write_pdf(b"%PDF-1.4", tmp_path / "x.pdf").read_bytes() == b"%PDF-1.4"


def test_a_character_the_font_lacks_is_refused_not_printed_as_a_box(texts):
    odd = replace(texts, guide={**texts.guide, "intro": "Xem hướng dẫn 中文"})
    with pytest.raises(ValidationError) as caught:
        render_pdf(guide_sheet(odd, POINT))
    assert caught.value.message_id == "documents.char_missing"
    assert caught.value.params["code"] == "U+4E2D"


def test_roll_qr_survives_a_poor_thermal_print(texts):
    """Faded, blurred, speckled, with two dead heating dots: the code still reads."""
    import random

    import pypdfium2 as pdfium
    import zxingcpp
    from PIL import ImageDraw, ImageFilter

    data = render_pdf(slips_roll([a_slip()], texts))
    clean = pdfium.PdfDocument(data)[0].render(scale=203 / 72).to_pil().convert("L")
    for seed in range(3):
        image = clean.point(lambda v: 110 + v * 145 // 255)  # black prints as grey
        image = image.filter(ImageFilter.GaussianBlur(1.0))
        rng = random.Random(seed)
        draw = ImageDraw.Draw(image)
        for _ in range(6000):
            xy = (rng.randrange(image.width), rng.randrange(image.height))
            draw.point(xy, fill=rng.choice((60, 255)))
        for x in (image.width // 2 - 20, image.width // 2 + 13):  # white streaks
            draw.line((x, 0, x, image.height), fill=255, width=2)
        assert [r.text for r in zxingcpp.read_barcodes(image)] == [texts.slip_qr.target]

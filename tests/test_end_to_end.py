"""A day of the campaign across every face: a point records, the stick travels, the police
report. Two stores, the command line only, as a commune would run it."""

import re

from pypdf import PdfReader
from test_sync_cli import QR, sites  # noqa: F401  (the two-store fixture)


def test_a_link_recorded_at_a_point_reaches_the_police_report(sites):  # noqa: F811
    police, point, stick, root = sites
    code, out, err = police("keys", "init-commune")
    assert code == 0, err
    commune_fp = out.split("Mã khóa: ")[1].strip()
    police("keys", "export-card", "--to", str(stick))
    (card,) = stick.glob("*.fieldkey")
    assert point("keys", "import-card", str(card), "--fingerprint", commune_fp)[0] == 0

    code, out, err = point("scan", QR, "--create")
    assert code == 0, err
    visit = re.search(r"([0-9a-f-]{36})", out).group(1)
    for step, result, extra in (
        ("eid_application", "done", ()),
        ("eid_activation", "done", ()),
        ("bank_account", "done", ("--bank", "LPBank")),
        ("biometric_verified", "done", ()),
        ("benefit_link", "submitted", ()),
    ):
        code, _, err = point("outcome", visit, step, result, *extra)
        assert code == 0, err
    assert point("export-bundle", "--to", str(stick))[0] == 0

    # The police enrol the point from its key card, comparing the fingerprint on its screen.
    code, out, _ = point("keys", "show")
    point_fp = out.splitlines()[0].split(": ")[1]
    cards = root / "point-card"
    cards.mkdir()
    assert point("keys", "export-card", "--to", str(cards))[0] == 0
    (point_card,) = cards.glob("*.fieldkey")
    code, _, err = police("keys", "enrol", str(point_card), "--fingerprint", point_fp)
    assert code == 0, err
    code, out, err = police("import-bundles", str(stick))
    assert code == 0, err
    code, out, err = police("status", "038090012345")
    assert code == 0 and "Đã gửi, chờ phê duyệt" in out

    code, out, err = police("dashboard")
    assert code == 0, err
    assert "Xã Kiên Bình" in out
    report = root / "bao-cao.pdf"
    code, out, err = police(
        "report", "daily", "--by", "point", "--format", "pdf", "--out", str(report)
    )
    assert code == 0, err
    text = "\n".join(page.extract_text() for page in PdfReader(report).pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "Nhà văn hóa Thôn Tây Sơn" in text
    # The same stick again changes nothing.
    code, out, err = police("import-bundles", str(stick))
    assert code == 0, err
    assert "đã được nhập trước đây: không có gì mới" in out
    assert "0 sự kiện mới" in out

"""The province level on the command line: a commune sends its summary, the province reads it."""

import re

import pytest
from pypdf import PdfReader
from test_sync_cli import QR, SITE_PIN, sites  # noqa: F401  (police + point fixture)

PROVINCE_PASS = "cong-an-tinh-2468"


@pytest.fixture
def province_site(tmp_path, capsys):
    from fieldapp.cli.main import main

    folder = tmp_path / "province"
    folder.mkdir()

    def run(*args):
        code = main(["--db", str(folder / "fieldapp.sqlite3"), *args])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def _fingerprint(out: str) -> str:
    return out.rsplit(": ", 1)[1].strip().rstrip(".")


def test_a_commune_summary_reaches_the_province_report(
    sites,  # noqa: F811  (the fixture imported above)
    province_site,
    tmp_path,
    monkeypatch,
):
    police, point, stick, root = sites
    province = province_site
    code, out, err = province(
        "init", "--province-level", "--province", "Thanh Hóa",
        "--user", "Quản Trị Tỉnh:admin:quan-tri-tinh-2468",
        "--user", f"Người Dùng:province_police:{PROVINCE_PASS}",
    )  # fmt: skip
    assert code == 0, err
    assert "Thanh Hóa" in out
    province_fp = _fingerprint(out)

    # A day at the commune: the point records, the police import the point's bundle. The
    # summary carries the daily report's window (deadline to deadline); this test records
    # "now", at any hour, so the commune reports by the calendar day (deadline midnight).
    assert police("campaign", "deadline", "00:00")[0] == 0
    code, out, err = police("keys", "init-commune")
    assert code == 0, err
    commune_fp = out.split("Mã khóa: ")[1].strip()
    police("keys", "export-card", "--to", str(stick))
    (card,) = stick.glob("*.fieldkey")
    assert point("keys", "import-card", str(card), "--fingerprint", commune_fp)[0] == 0
    code, out, err = point("scan", QR, "--create")
    assert code == 0, err
    visit = re.search(r"([0-9a-f-]{36})", out).group(1)
    for step, result in (("eid_application", "done"), ("eid_activation", "done"),
                         ("benefit_link", "submitted")):  # fmt: skip
        assert point("outcome", visit, step, result)[0] == 0
    assert point("export-bundle", "--to", str(stick))[0] == 0
    cards = root / "point-card"
    cards.mkdir()
    point("keys", "export-card", "--to", str(cards))
    (point_card,) = cards.glob("*.fieldkey")
    assert police("keys", "enrol", str(point_card))[0] == 0
    code, _, err = police("import-bundles", str(stick))
    assert code == 0, err

    # Cards between the commune and the province, fingerprints compared.
    to_province = root / "to-province"
    to_province.mkdir()
    monkeypatch.setenv("FIELDAPP_PIN", PROVINCE_PASS)
    code, _, err = province("keys", "export-card", "--to", str(to_province))
    assert code == 0, err
    (province_card,) = to_province.glob("the-khoa_cong-an-tinh_*.fieldkey")
    monkeypatch.setenv("FIELDAPP_PIN", SITE_PIN)
    code, out, err = police(
        "keys", "import-province-card", str(province_card), "--fingerprint", province_fp
    )
    assert code == 0, err
    code, out, err = police("export-summary", "--to", str(to_province))
    assert code == 0, err
    (summary,) = to_province.glob("tong-hop_*.fieldsync")
    police("keys", "export-card", "--to", str(to_province))
    (commune_card,) = to_province.glob("the-khoa_cong-an_*.fieldkey")

    monkeypatch.setenv("FIELDAPP_PIN", PROVINCE_PASS)
    code, out, err = province("province", "import", str(summary))
    assert code == 7 and "chưa được đăng ký" in err  # held until the commune is enrolled
    code, out, err = province("province", "enrol", str(commune_card), "--fingerprint", commune_fp)
    assert code == 0, err
    assert "Xã Kiên Bình" in out and "Đã nhập gói" in out  # the held summary goes in
    code, out, err = province("province", "dashboard")
    assert code == 0, err
    assert "1/1 tích hợp" in out and "100,00%" in out
    report = root / "tinh.pdf"
    code, _, err = province("province", "report", "--out", str(report))
    assert code == 0, err
    text = "\n".join(page.extract_text() for page in PdfReader(report).pages)
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text
    assert "CÔNG AN TỈNH THANH HÓA" in text and "Xã Kiên Bình" in text
    extract = root / "bhxh.xlsx"
    code, _, err = province(
        "province", "report", "--department", "social_security", "--format", "xlsx",
        "--out", str(extract),
    )  # fmt: skip
    assert code == 0, err
    assert extract.stat().st_size > 0

    # the communes' keys and the deadline
    code, out, err = province("province", "communes")
    assert code == 0, err
    assert "Xã Kiên Bình" in out and "Đã đăng ký" in out and commune_fp in out
    code, out, err = province("province", "deadline", "16:30")
    assert code == 0 and "16:30" in out, err
    assert province("province", "deadline")[1].strip() == "16:30"
    code, out, err = province("province", "revoke", "Xã Kiên Bình")
    assert code == 0 and "Đã thu hồi khóa của Xã Kiên Bình" in out, err
    assert "Đã thu hồi" in province("province", "communes")[1]
    code, out, err = province("province", "import", str(summary))
    assert code == 7  # a revoked key's summary: refused

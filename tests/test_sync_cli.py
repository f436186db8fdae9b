"""The sync commands end to end: two stores (police and a point), a stick in between."""

import pytest

from fieldapp.cli.main import main
from fieldapp.store.cipher import connect_store

QR = "038090012345|123456789|Lê Văn Nam|01011990|Nam|Thôn Tây Sơn|01012022"
ADMIN_PASSPHRASE = "quan-tri-2468"
SITE_PIN = "24681012"  # the acting user at both sites: 8 digits suit a volunteer and the police


@pytest.fixture
def sites(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("FIELDAPP_KEYS", raising=False)
    (tmp_path / "police").mkdir()
    (tmp_path / "point").mkdir()
    stick = tmp_path / "stick"
    stick.mkdir()

    def at(site):
        def run(*args):
            code = main(["--db", str(tmp_path / site / "fieldapp.sqlite3"), *args])
            out = capsys.readouterr()
            return code, out.out, out.err

        return run

    police, point = at("police"), at("point")
    monkeypatch.setenv("FIELDAPP_USER", "Người Dùng")
    monkeypatch.setenv("FIELDAPP_PIN", SITE_PIN)
    for run, name, role in (
        (police, "Trụ sở Công an xã", "commune_police"),
        (point, "Nhà văn hóa Thôn Tây Sơn", "volunteer"),
    ):
        code, _, err = run(
            "init", "--commune", "Xã Kiên Bình", "--province", "Thanh Hóa",
            "--village", "Thôn Tây Sơn", "--village", "Thôn Đông",
            "--point", name, "--point-village", "Thôn Tây Sơn",
            "--user", f"Quản Trị:admin:{ADMIN_PASSPHRASE}",
            "--user", f"Người Dùng:{role}:{SITE_PIN}",
        )  # fmt: skip
        assert code == 0, err
    return police, point, stick, tmp_path


def test_keys_cards_enrolment_export_import(sites):
    police, point, stick, root = sites
    code, out, err = police("keys", "init-commune")
    assert code == 0, err
    assert "Đã tạo khóa" in out
    commune_fp = out.split("Mã khóa: ")[1].strip()
    code, out, _ = police("keys", "export-card", "--to", str(stick), "--pdf")
    assert code == 0 and "Đã ghi thẻ khóa" in out
    (page,) = stick.glob("the-khoa_cong-an_*.pdf")
    from pypdf import PdfReader

    text = PdfReader(page).pages[0].extract_text()
    assert "THẺ KHÓA ĐỒNG BỘ" in text and commune_fp.split()[0] in text
    (card,) = stick.glob("the-khoa_cong-an_*.fieldkey")

    code, out, err = point("keys", "import-card", str(card), "--fingerprint", commune_fp.lower())
    assert code == 0, err
    assert commune_fp in out
    code, out, _ = point("scan", QR, "--create")
    assert code == 0
    code, out, err = point("export-bundle", "--to", str(stick))
    assert code == 0, err
    assert "Có thể rút USB an toàn" in out
    code, out, _ = point("export-bundle", "--to", str(stick))
    assert code == 0 and "Không có gì mới" in out

    # Not enrolled yet: held aside, exit code says something was not imported.
    code, out, err = police("import-bundles", str(stick))
    assert code == 7
    assert "chưa được đăng ký" in err
    code, out, _ = point("keys", "show")
    point_fp = out.splitlines()[0].split(": ")[1]
    code, out, _ = police("keys", "show")
    assert "Đang giữ riêng" in out and point_fp in out

    code, out, err = police("keys", "enrol", "--fingerprint", point_fp)
    assert code == 0, err
    assert "Đã đăng ký" in out and "sự kiện mới" in out and "Chưa chọn thôn" in out
    code, out, _ = police("search", "Lê Văn Nam")
    assert "Lê Văn Nam" in out

    code, out, err = police("import-bundles", str(stick))
    assert code == 0, err
    assert "đã được nhập trước đây" in out
    # Both sides set up "Thôn Tây Sơn" on their own: the police still have one of it.
    with connect_store(root / "police" / "fieldapp.sqlite3") as raw:
        names = [r[0] for r in raw.execute("SELECT name FROM village ORDER BY name")]
        (point_village,) = raw.execute(
            "SELECT v.name FROM supportpoint p JOIN village v ON v.id = p.village_id "
            "WHERE p.name = 'Nhà văn hóa Thôn Tây Sơn'"
        ).fetchone()
    assert names == ["Thôn Tây Sơn", "Thôn Đông"]
    assert point_village == "Thôn Tây Sơn"

    # No village chosen at enrolment: no lists (never the whole commune), and the way out.
    code, out, err = police("export-lists", "--to", str(stick))
    assert code != 0 and "Chưa chọn thôn" in err and "keys villages" in err
    assert not list(stick.glob("danh-sach_*.fieldsync"))
    code, out, err = police("keys", "villages", point_fp, "--village", "thon tay son")
    assert code == 0, err
    code, out, err = police("export-lists", "--to", str(stick))
    assert code == 0, err
    (lists,) = stick.glob("danh-sach_*.fieldsync")
    code, out, err = point("import-bundles", str(lists))
    assert code == 0, err

    code, out, err = police("keys", "revoke", point_fp)
    assert code == 0 and "Đã thu hồi" in out
    point("scan", "038090012345")
    point("export-bundle", "--to", str(stick))
    code, out, err = police("import-bundles", str(stick))
    assert code == 7 and "thu hồi" in err


def test_bad_file_in_english(sites):
    police, _, stick, _ = sites
    police("keys", "init-commune")
    (stick / "x.fieldsync").write_bytes(b"not a bundle")
    code, _, err = police("--lang", "en", "import-bundles", str(stick / "x.fieldsync"))
    assert code == 7
    assert "is not a FieldApp sync bundle" in err


def test_no_keys_says_so(sites):
    police, *_ = sites
    code, _, err = police("keys", "show")
    assert code == 7 and "chưa có khóa đồng bộ" in err

import pytest
from actors import act_as_police
from click.testing import CliRunner

from fieldapp.cli.main import build_cli
from fieldapp.documents import pdf as pdf_module
from tests.documents_helpers import decode_qr, page_sizes_mm, pdf_text


@pytest.fixture
def run(db_url, small_commune, engine, monkeypatch):
    act_as_police(monkeypatch, engine)

    def invoke(*args):
        return CliRunner().invoke(build_cli(), ["--db", db_url, *args], catch_exceptions=False)

    return invoke


def test_print_guide_leaflet_and_point_info(run, tmp_path, small_commune):
    result = run("print", "point-info", "--days", "2-6", "--hours", "7:30-11:00")
    assert result.exit_code == 0, result.output
    assert "Thứ Hai đến Thứ Sáu (7:30-11:00)" in result.output
    guide = tmp_path / "guide.pdf"
    assert run("print", "guide", "--out", str(guide)).exit_code == 0
    assert page_sizes_mm(guide.read_bytes()) == [(210.0, 297.0)]
    assert "Thứ Hai đến Thứ Sáu" in pdf_text(guide.read_bytes())
    leaflet = tmp_path / "leaflet.pdf"
    assert run("--lang", "en", "print", "leaflet", "--out", str(leaflet)).exit_code == 0
    assert page_sizes_mm(leaflet.read_bytes()) == [(297.0, 210.0)]


def test_print_one_slip_and_a_village(run, tmp_path, small_commune):
    citizen = small_commune.citizens[0]
    out = tmp_path / "slip.pdf"
    result = run("print", "slip", "--id", citizen.personal_id, "--roll", "--out", str(out))
    assert result.exit_code == 0, result.output
    assert "Đã lưu 1 trang" in result.output
    assert page_sizes_mm(out.read_bytes())[0][0] == 80.0
    assert decode_qr(out.read_bytes(), dpi=203) == ["https://vneid.gov.vn/"]
    village = small_commune.villages[1].name
    batch = tmp_path / "village.pdf"
    result = run("print", "slips", "--village", village, "--out", str(batch))
    assert result.exit_code == 0, result.output
    assert all(size == (210.0, 297.0) for size in page_sizes_mm(batch.read_bytes()))


def test_errors_are_said_in_both_languages_and_write_nothing(run, tmp_path, monkeypatch):
    out = tmp_path / "x.pdf"
    result = run("print", "slips", "--village", "Thôn Không Có", "--out", str(out))
    assert result.exit_code == 4
    assert "Không tìm thấy thôn" in result.output and "No village" in result.output
    bad_guide = tmp_path / "g.toml"
    bad_guide.write_text("[guide]\n", encoding="utf-8")
    result = run("print", "guide", "--guide", str(bad_guide), "--out", str(out))
    assert result.exit_code == 3 and "guide.title" in result.output
    assert "thiếu hoặc để trống" in result.output
    monkeypatch.setattr(pdf_module, "FONT_DIR", tmp_path / "nofonts")
    result = run("print", "guide", "--out", str(out))
    assert result.exit_code == 4
    assert "Thiếu tệp phông chữ" in result.output
    assert not out.exists()
    assert run("print", "point-info", "--days", "0-9").exit_code == 3


def test_a_commune_guide_file_is_checked_then_used(run, tmp_path):
    from fieldapp.documents.guide_texts import DEFAULT_GUIDE_FILE

    own = tmp_path / "xa.toml"
    own.write_text(
        DEFAULT_GUIDE_FILE.read_text(encoding="utf-8").replace(
            "https://vneid.gov.vn/", "https://xa.example.vn/hd"
        ),
        encoding="utf-8",
    )
    result = run("print", "guide-file", str(own))
    assert result.exit_code == 0 and "3 mã QR" in result.output
    out = tmp_path / "g.pdf"
    assert run("print", "guide", "--out", str(out)).exit_code == 0
    assert "https://xa.example.vn/hd" in decode_qr(out.read_bytes())

from pathlib import Path

import pytest

from fieldapp.documents.guide_texts import DEFAULT_GUIDE_FILE, load_guide_texts
from fieldapp.domain.errors import NotFoundError, ValidationError
from fieldapp.i18n import error_text


def test_packaged_guide_has_the_seven_and_six_steps_and_https_targets():
    texts = load_guide_texts()
    assert len(texts.guide["activation_steps"]) == 7
    assert len(texts.guide["linking_steps"]) == 6
    assert "8 đến 20 ký tự" in texts.guide["password_rule"]
    assert "6 chữ số" in texts.guide["passcode_rule"]
    assert all(q.target.startswith("https://") for q in texts.qr.values())
    assert texts.slip_qr in texts.guide_qr


def _edited(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_GUIDE_FILE.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "guide.toml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_a_commune_edits_texts_and_targets_without_code(tmp_path):
    path = _edited(
        tmp_path, 'target = "https://vneid.gov.vn/"', 'target = "https://xa.example.vn/hd"'
    )
    texts = load_guide_texts(path)
    assert texts.qr["vneid_site"].target == "https://xa.example.vn/hd"


@pytest.mark.parametrize("bad", ["vneid.gov.vn", "ftp://x.vn/a", "javascript:alert(1)", "https://"])
def test_a_target_that_is_not_an_http_url_names_its_entry(tmp_path, bad):
    path = _edited(tmp_path, 'target = "https://vneid.gov.vn/"', f'target = "{bad}"')
    with pytest.raises(ValidationError) as caught:
        load_guide_texts(path)
    assert caught.value.message_id == "documents.bad_qr_target"
    message = error_text(caught.value, "vi")
    assert "vneid_site" in message and "không phải địa chỉ web" in message


def test_a_missing_text_names_the_entry(tmp_path):
    path = _edited(tmp_path, 'passcode_rule = "', 'passcode_rulez = "')
    with pytest.raises(ValidationError) as caught:
        load_guide_texts(path)
    assert caught.value.params["entry"] == "guide.passcode_rule"


def test_an_unknown_qr_id_in_qr_use(tmp_path):
    path = _edited(tmp_path, 'slip = "vneid_site"', 'slip = "nope"')
    with pytest.raises(ValidationError) as caught:
        load_guide_texts(path)
    assert caught.value.message_id == "documents.unknown_qr"


def test_syntax_error_encoding_and_missing_file(tmp_path):
    broken = tmp_path / "broken.toml"
    broken.write_text("[guide\ntitle = 1", encoding="utf-8")
    with pytest.raises(ValidationError, match="guide_unreadable"):
        load_guide_texts(broken)
    latin = tmp_path / "latin.toml"
    latin.write_bytes("[guide]\ntitle = 'Hướng'".encode("utf-16"))
    with pytest.raises(ValidationError, match="guide_not_utf8"):
        load_guide_texts(latin)
    with pytest.raises(NotFoundError):
        load_guide_texts(tmp_path / "none.toml")

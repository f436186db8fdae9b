"""Account numbers never reach the support log (the masking filter, issue 19)."""

from __future__ import annotations

import logging

from fieldapp.services import diagnostics


def test_account_numbers_and_receivers_are_masked_in_the_log(tmp_path, monkeypatch):
    monkeypatch.setenv(diagnostics.ENV_LOG_DIR, str(tmp_path))
    path = diagnostics.set_up_logging()
    log = logging.getLogger("fieldapp.test")
    log.warning("account 12345678 at MB; grouped 0123 4567 8901; dotted 0123.456.789")
    log.warning("row {'receiver_name': 'Lê Văn Nhận', 'relation': 'con trai'}")
    log.warning("at 10:42:07 account_number=3300205123456, receiver_id=038095012346")
    for handler in logging.getLogger("fieldapp").handlers:
        handler.flush()
    text = path.read_text(encoding="utf-8")
    for secret in (
        "12345678", "0123 4567 8901", "0123.456.789", "Lê Văn Nhận", "con trai",
        "3300205123456", "038095012346",
    ):  # fmt: skip
        assert secret not in text, secret
    assert "10:42:07" in text and "at MB" in text  # times and banks still help support


def test_the_mask_leaves_dates_times_and_small_numbers_alone():
    line = "2026-06-05 08:11:09,123 imported 1200 rows from 3 files"
    assert diagnostics.mask(line) == line

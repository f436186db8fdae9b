"""`report daily --agency X` alone makes that agency's report; `report-settings` edits it."""

from __future__ import annotations

from datetime import date

import pytest
from actors import POLICE_NAME, POLICE_PASSPHRASE, police_of
from agency_builders import agency_commune
from pypdf import PdfReader
from stores import new_store

from fieldapp.cli.main import main
from fieldapp.domain.periods import ReportKind
from fieldapp.domain.report_windows import week_ending
from fieldapp.store.uow import SqlUnitOfWork


@pytest.fixture
def db(tmp_path, monkeypatch) -> str:
    path = tmp_path / "desk.sqlite3"
    engine = new_store(path)
    agency_commune().save(SqlUnitOfWork(engine))
    police_of(engine)
    engine.dispose()
    monkeypatch.setenv("FIELDAPP_USER", POLICE_NAME + " commune_police")
    monkeypatch.setenv("FIELDAPP_PIN", POLICE_PASSPHRASE)
    return str(path)


def _text(path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_agency_alone_makes_the_agency_report(db, tmp_path, capsys):
    out = tmp_path / "bhxh.pdf"
    args = ["--db", db, "report", "daily", "--date", "2026-06-05", "--agency", "social-insurance"]
    assert main([*args, "--out", str(out)]) == 0
    text = _text(out)
    assert "Kính gửi: Bảo hiểm xã hội tỉnh Thanh Hóa" in text
    assert "Lương hưu, trợ cấp BHXH" in text
    assert "Người có công" not in text  # only its own groups
    assert "Từ 14:00 ngày 04/6/2026 đến 14:00 ngày 05/6/2026" in text


def test_report_settings_command_shows_and_changes(db, tmp_path, capsys):
    assert main(["--db", db, "report-settings", "health"]) == 0
    shown = capsys.readouterr().out
    assert "addressee: Sở Y tế tỉnh Thanh Hóa" in shown
    assert "deadline: 14:00" in shown
    results = tmp_path / "results.txt"
    results.write_text("=SUM(A1)\nĐạt 14,05% chỉ tiêu.", encoding="utf-8")
    code = main(
        [
            "--db", db, "report-settings", "final", "--signer-name", "Lê Văn Thử",
            "--text", f"results={results}", "--deadline", "16:00",
        ]
    )  # fmt: skip
    assert code == 0
    out = capsys.readouterr().out
    assert "signer_name: Lê Văn Thử" in out
    assert "narrative.results: =SUM(A1)" in out
    assert main(["--db", db, "report-settings", "treasury"]) != 0
    assert "Không có cơ quan «treasury»" in capsys.readouterr().err


def test_the_weekly_report_ends_on_its_day():
    """Made on Friday 5 June: the seven days to that Friday, never the Sunday to come."""
    week = week_ending(date(2026, 6, 5))
    assert week.kind is ReportKind.WEEKLY
    assert (week.starts_on, week.ends_on) == (date(2026, 5, 30), date(2026, 6, 5))

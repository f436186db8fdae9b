"""The police desk's commands, end to end on a temporary store."""

from __future__ import annotations

import pytest
from actors import POLICE_NAME, POLICE_PASSPHRASE, police_of
from pypdf import PdfReader
from reports_builders import hand_commune
from stores import new_store

from fieldapp.cli.main import main
from fieldapp.store.uow import SqlUnitOfWork


def _store(tmp_path) -> str:
    path = tmp_path / "desk.sqlite3"
    engine = new_store(path)
    hand_commune().save(SqlUnitOfWork(engine))
    police_of(engine)
    engine.dispose()
    return str(path)


@pytest.fixture(autouse=True)
def as_police(monkeypatch):
    act_as_police_env(monkeypatch)


def act_as_police_env(monkeypatch):
    monkeypatch.setenv("FIELDAPP_USER", POLICE_NAME + " commune_police")
    monkeypatch.setenv("FIELDAPP_PIN", POLICE_PASSPHRASE)


def test_campaign_and_report_commands(tmp_path, capsys):
    db = _store(tmp_path)
    assert main(["--db", db, "campaign", "wave", "add", "Đợt 1", "2026-06-01", "2026-06-10"]) == 0
    assert main(["--db", db, "campaign", "wave", "add", "Đợt 2", "05/06/2026", "2026-06-20"]) == 5
    assert main(["--db", db, "campaign", "wave", "add", "Đợt 3", "2026-06-30", "2026-06-21"]) == 3
    assert main(["--db", db, "campaign", "target", "set", "thon mot", "1"]) == 3
    assert main(["--db", db, "campaign", "target", "set", "thon mot", "5"]) == 0
    assert main(["--db", db, "campaign", "deadline", "16:00"]) == 0
    assert main(["--db", db, "campaign", "banks", "MB", "LPBank"]) == 0
    out = capsys.readouterr()
    assert "Đã thêm đợt «Đợt 1» từ 01/6/2026 đến 10/6/2026." in out.out
    assert "trùng thời gian với đợt «Đợt 1»" in out.err
    assert "trước ngày bắt đầu" in out.err
    assert "MB, LPBank" in out.out

    pdf = tmp_path / "daily.pdf"
    code = main(
        [
            "--db",
            db,
            "report",
            "daily",
            "--date",
            "2026-06-05",
            "--format",
            "pdf",
            "--out",
            str(pdf),
        ]
    )
    assert code == 0
    text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
    assert "ngày 05 tháng 6 năm 2026" in text and "Toàn xã đã tích hợp 2/6" in text
    assert "Chỉ tiêu: 8 tài khoản" in text  # 5 set for Thôn Một + 3 by default for Thôn Hai

    xlsx = tmp_path / "wave.xlsx"
    assert (
        main(
            [
                "--db",
                db,
                "report",
                "wave",
                "--wave",
                "dot 1",
                "--by",
                "group",
                "--format",
                "xlsx",
                "--out",
                str(xlsx),
            ]
        )
        == 0
    )
    assert xlsx.stat().st_size > 0
    assert main(["--db", db, "--lang", "en", "dashboard", "--date", "2026-06-05"]) == 0
    out = capsys.readouterr().out
    assert "linked 2/6 (33.33%)" in out  # English numbers in English (issue 11)
    assert "Points with nothing from today" in out

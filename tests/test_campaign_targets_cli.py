"""Issue 18 from the command line: group deadlines, a wave's target basis, a day's
difficulties and the officer's paragraph."""

from __future__ import annotations

import pytest
from test_reports_cli import _store, act_as_police_env

from fieldapp.cli.main import main


@pytest.fixture(autouse=True)
def as_police(monkeypatch):
    act_as_police_env(monkeypatch)


def test_group_deadlines_target_basis_and_difficulties(tmp_path, capsys):
    db = _store(tmp_path)
    assert main(["--db", db, "campaign", "group-deadline"]) == 0
    out = capsys.readouterr().out
    assert "Lương hưu, trợ cấp BHXH (insurance_pension): 100% trước 07/6/2026" in out
    assert "Toàn bộ công dân có tài khoản mức 2 (level2): 100% trước 15/7/2026" in out
    args = ["campaign", "group-deadline", "merit", "30/06/2026", "--percent", "90"]
    assert main(["--db", db, *args]) == 0
    assert "Người có công với cách mạng (merit): 90% trước 30/6/2026" in capsys.readouterr().out
    assert main(["--db", db, "campaign", "group-deadline", "nobody", "30/06/2026"]) != 0
    assert "Không có nhóm đối tượng 'nobody'" in capsys.readouterr().err

    assert main(["--db", db, "campaign", "wave", "add", "Đợt 1", "2026-06-01", "2026-06-30"]) == 0
    assert main(["--db", db, "campaign", "target-basis", "Đợt 1", "eligible"]) == 0
    assert "100% số đủ điều kiện" in capsys.readouterr().out

    note = "=HYPERLINK(x) Mạng yếu"
    assert main(["--db", db, "difficulties", "2026-06-05", "--note", note]) == 0
    out = capsys.readouterr().out
    # the hand commune's 5 June: B's link failed, bank not verified
    assert "1 lượt thực hiện không thành công và 0 lượt phải chuyển" in out
    assert "Tích hợp tài khoản an sinh xã hội — Tài khoản ngân hàng chưa xác thực" in out
    assert note in out
    assert main(["--db", db, "difficulties", "2026-06-03"]) == 0
    assert "không có lượt hỗ trợ nào không thành công" in capsys.readouterr().out

"""`fieldapp payments ...`: the same services from the command line (issue 19)."""

from __future__ import annotations

import pytest
from actors import act_as_police
from click.testing import CliRunner
from openpyxl import load_workbook

from fieldapp.cli.main import build_cli
from tests.documents_helpers import pdf_text


@pytest.fixture
def run(db_url, small_commune, engine, monkeypatch):
    act_as_police(monkeypatch, engine)

    def invoke(*args):
        return CliRunner().invoke(build_cli(), ["--db", db_url, *args], catch_exceptions=False)

    return invoke


def test_receiver_account_list_and_slip_from_the_command_line(run, tmp_path, small_commune):
    pid = small_commune.citizens[4].personal_id
    result = run(
        "payments", "receiver", "--id", pid, "--holder", "guardian", "--name", "Lê Thị Giám",
        "--relation", "mẹ",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "Đã ghi người nhận trợ cấp" in result.output
    result = run("payments", "account", "--id", pid, "--holder", "guardian", "--bank", "MB",
                 "--number", "0123456789")  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "MB ••••••6789" in result.output and "0123456789" not in result.output
    out = tmp_path / "ds.xlsx"
    result = run("payments", "export-list", "--out", str(out))
    assert result.exit_code == 0 and "1 đối tượng" in result.output, result.output
    assert load_workbook(out).worksheets[1].cell(5, 10).value == "••••••6789"
    again = run("payments", "export-list", "--out", str(tmp_path / "again.xlsx"))
    assert again.exit_code != 0 and "Không có tài khoản nào" in again.output
    history = run("payments", "history")
    assert history.exit_code == 0 and "\t1\tKhông" in history.output
    slip = tmp_path / "slip.pdf"
    assert run("payments", "slip", "--id", pid, "--out", str(slip)).exit_code == 0
    assert "Lê Thị Giám (mẹ)" in pdf_text(slip.read_bytes())


def test_a_bad_account_number_is_one_line_in_both_languages(run, small_commune):
    pid = small_commune.citizens[4].personal_id
    result = run("payments", "account", "--id", pid, "--bank", "Agribank", "--number", "12345")
    assert result.exit_code != 0
    assert "Số tài khoản Agribank phải có 13 chữ số" in result.output
    assert "A Agribank account number has 13 digits" in result.output

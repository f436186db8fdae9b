"""The shipped faces: UTF-8 output on a legacy code page, the version line, frozen fallbacks."""

import inspect
import os
import subprocess
import sys

from fieldapp import __version__
from fieldapp.domain.status import RULES_VERSION
from fieldapp.services import report_timelines
from fieldapp.version import BuildInfo, parse_build_record, version_line


def run_cli(*args: str, encoding: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    code = "import sys; from fieldapp.cli.main import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, env=env)


def test_help_redirected_on_a_vietnamese_windows_code_page_is_utf8():
    # cp1258 (Vietnamese Windows) has no precomposed "ỗ": redirected output used to crash.
    result = run_cli("--help", encoding="cp1258")
    assert result.returncode == 0, result.stderr.decode("utf-8", "replace")
    assert "hỗ trợ định danh điện tử" in result.stdout.decode("utf-8")


def test_version_says_the_version_and_that_it_runs_from_source():
    result = run_cli("--version", encoding="cp437")
    line = result.stdout.decode("utf-8").strip()
    assert result.returncode == 0
    assert line == f"FieldApp {__version__} (bản chạy từ mã nguồn / run from source)"


def test_a_frozen_build_record_gives_the_build_date_and_commit():
    info = parse_build_record(
        '{"version": "0.1.0", "built_at": "2026-11-26 05:50 UTC", "commit": "abc1234"}'
    )
    assert info == BuildInfo("0.1.0", "2026-11-26 05:50 UTC", "abc1234")
    assert info.frozen
    assert not parse_build_record("not json").frozen


def test_version_line_in_one_language():
    assert version_line("en").endswith("(run from source)")
    assert version_line("vi").endswith("(bản chạy từ mã nguồn)")


def test_report_rules_version_without_source_files(monkeypatch):
    # A frozen build has no .py files: inspect.getsource raises OSError there.
    def no_source(_module):
        raise OSError("could not get source code")

    from_source = report_timelines.rules_version()
    monkeypatch.setattr(inspect, "getsource", no_source)
    frozen = report_timelines.rules_version()
    assert frozen == from_source == RULES_VERSION  # a declared constant: nothing read from files


def hidpi_policy_after_start(**env: str) -> str:
    code = (
        "from fieldapp.ui.app import set_hidpi_policy\n"
        "from PySide6.QtWidgets import QApplication\n"
        "set_hidpi_policy(); app = QApplication([])\n"
        "print(QApplication.highDpiScaleFactorRoundingPolicy().name)\n"
    )
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **env}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=full_env, check=True
    )
    return result.stdout.strip()


def test_hidpi_scales_by_what_windows_says_unless_support_overrides():
    assert hidpi_policy_after_start() == "PassThrough"
    assert hidpi_policy_after_start(QT_SCALE_FACTOR_ROUNDING_POLICY="Round") == "Round"

"""README's walkthrough, run line by line: two demo stores, key cards, a bundle, a report.

The demo point's first bundle must be accepted by the demo police (it once was refused as
"visits of another point"): the point's store knows what came from the police. The lines
run in this process (`fieldapp` is `fieldapp.cli.main.main`); the few shell forms the block
uses (`mkdir -p`, `name() { VAR=x fieldapp ... "$@"; }`, `VAR=$(... | sed -n 1p | cut/awk)`,
globs) are read here.
"""

from __future__ import annotations

import glob
import re
import shlex
from pathlib import Path

import pytest

from fieldapp.cli.main import main

README = Path(__file__).resolve().parents[1] / "README.md"


def walkthrough() -> list[str]:
    text = README.read_text(encoding="utf-8")
    block = re.search(r"<!-- walkthrough:start -->\n```sh\n(.*?)```", text, re.S)
    assert block, "README lost its walkthrough"
    lines = block.group(1).replace("--citizens 2000", "--citizens 150").splitlines()
    return [line.split("   #")[0].strip() for line in lines if line.strip()]


def _pipe(output: str, stage: str) -> str:
    if stage == "sed -n 1p":
        return output.splitlines()[0] if output else ""
    if stage == "cut -d: -f2":
        return "\n".join(line.split(":")[1] for line in output.splitlines())
    if stage == "awk '{print $NF}'":
        return "\n".join(line.split()[-1] for line in output.splitlines())
    raise AssertionError(f"the walkthrough uses a shell form this test does not read: {stage}")


@pytest.fixture
def shell(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    for name in ("FIELDAPP_KEYS", "FIELDAPP_DB", "FIELDAPP_LANG"):
        monkeypatch.delenv(name, raising=False)
    variables: dict[str, str] = {}
    functions: dict[str, tuple[dict[str, str], list[str]]] = {}
    said: list[str] = []

    def fieldapp(words: list[str]) -> str:
        env: dict[str, str] = {}
        if words[0] in functions:
            env, head = functions[words[0]]
            words = [*head, *words[1:]]
        args: list[str] = []
        for word in words:
            args.extend(sorted(glob.glob(word)) if "*" in word else [word])
        with monkeypatch.context() as scoped:
            for name, value in env.items():
                scoped.setenv(name, value)
            code = main(args[1:])
        out = capsys.readouterr()
        assert code == 0, f"{shlex.join(args)} → {code}: {out.err}"
        said.append(out.out)
        return out.out

    def run(line: str) -> None:
        for name, value in variables.items():
            line = line.replace(f'"${name}"', shlex.quote(value))
        assignment = re.fullmatch(r"(\w+)=\$\((.*)\)", line)
        if assignment:
            name, pipeline = assignment.groups()
            command, *stages = [part.strip() for part in pipeline.split("|")]
            output = fieldapp(shlex.split(command))
            for stage in stages:
                output = _pipe(output, stage)
            variables[name] = output.strip()
            return
        function = re.fullmatch(r"(\w+)\(\) \{ (.*) \"\$@\"; \}", line)
        if function:
            name, body = function.groups()
            words = shlex.split(body)
            env = dict(w.split("=", 1) for w in words if re.fullmatch(r"[A-Z_]+=.*", w))
            functions[name] = (env, [w for w in words if not re.fullmatch(r"[A-Z_]+=.*", w)])
            return
        words = shlex.split(line)
        if words[:2] == ["mkdir", "-p"]:
            for folder in words[2:]:
                Path(folder).mkdir(parents=True, exist_ok=True)
            return
        assert words[0] == "fieldapp" or words[0] in functions, line
        fieldapp(words)

    run.said = said  # type: ignore[attr-defined]
    return run


def test_the_readme_walkthrough_runs_and_the_police_accept_the_bundle(shell, tmp_path):
    for line in walkthrough():
        shell(line)
    out = "".join(shell.said)
    assert "Nguyễn Thị Lan — Tình nguyện viên — PIN: 246810" in out  # who can sign in
    assert "Lê Văn Hùng — Công an xã — PIN: demo-2468" in out
    assert "Có thể rút USB an toàn" in out
    imported = next(line for line in out.splitlines() if line.startswith("Đã nhập"))
    assert "2 sự kiện mới" in imported  # the new citizen's visit and its outcome
    assert (tmp_path / "daily-report.pdf").stat().st_size > 1000


def test_a_demo_store_is_removed_only_when_it_is_one(tmp_path, capsys):
    db = str(tmp_path / "fieldapp.sqlite3")
    assert main(["--db", db, "demo", "--citizens", "60"]) == 0
    assert main(["--db", db, "demo", "--remove"]) == 0
    assert "Đã xóa dữ liệu mẫu" in capsys.readouterr().out
    assert main(["--db", db, "demo", "--remove"]) != 0  # empty now: not a demo store
    assert "không phải kho dữ liệu mẫu" in capsys.readouterr().err
    assert main(["--db", db, "demo", "--citizens", "60"]) == 0  # empty again, so a demo loads

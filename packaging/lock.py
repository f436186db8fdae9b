"""Refresh the lock files (exact versions with hashes) after a dependency changes.

    ./fieldapp.sh lock            (or: python packaging/lock.py)

Four files under requirements/, each resolved for its platform with uv (from PyPI):
  linux-dev.txt, windows-dev.txt   everything: the app, the test tools, the build tools
  linux-app.txt, windows-app.txt   the app alone (what runs on a field laptop)
The app files are constrained by the dev files, so the app never gets a version the test
suite did not run with. A Windows lock is resolved for Windows, not downloaded with
`--platform`: that would drop Windows-only dependencies such as qrcode's colorama.
Python 3.11 is the target on both (CI and the Windows workflow use it).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCKS = ROOT / "requirements"
PYTHON = "3.11"
# glibc 2.34 or later (Debian 12, Ubuntu 22.04): PySide6 6.10+ wheels need it.
PLATFORMS = {"linux": "x86_64-manylinux_2_34", "windows": "x86_64-pc-windows-msvc"}
UV_VERSION = "0.13.9"


def inputs_digest() -> str:
    """A digest of what the locks are resolved from; fieldapp.sh compares it to spot stale locks.

    Only the dependency lists count: editing ruff's settings in pyproject.toml is no reason
    to distrust the locks.
    """
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    declared = [project["dependencies"], project.get("optional-dependencies", {})]
    tools = (LOCKS / "tools.in").read_text(encoding="utf-8")
    text = json.dumps([declared, tools], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def uv() -> str:
    """The uv next to this Python (installed from PyPI if missing), else one on PATH."""
    beside = Path(sys.executable).with_name("uv.exe" if sys.platform == "win32" else "uv")
    if beside.exists():
        return str(beside)
    found = shutil.which("uv")
    if found:
        return found
    subprocess.run([sys.executable, "-m", "pip", "install", f"uv=={UV_VERSION}"], check=True)
    return str(beside)


def compile_lock(platform: str, kind: str) -> Path:
    """One lock file: `kind` is "dev" (every extra we test and build with) or "app"."""
    output = LOCKS / f"{platform}-{kind}.txt"
    command = [
        uv(), "pip", "compile", "pyproject.toml", "requirements/tools.in",
        "--generate-hashes", "--python-version", PYTHON,
        "--python-platform", PLATFORMS[platform],
        "--custom-compile-command", "./fieldapp.sh lock", "--quiet", "-o", str(output),
    ]  # fmt: skip
    if kind == "dev":
        command += ["--extra", "dev", "--extra", "build"]
    else:
        command += ["--constraint", str(LOCKS / f"{platform}-dev.txt")]
    subprocess.run(command, cwd=ROOT, check=True)
    return output


def main(argv: list[str]) -> int:
    """Dev locks first (the app locks are constrained by them); `--digest` only prints it."""
    if argv == ["--digest"]:
        print(inputs_digest())
        return 0
    for kind in ("dev", "app"):
        for platform in PLATFORMS:
            path = compile_lock(platform, kind)
            pins = sum(1 for line in path.read_text().splitlines() if "==" in line)
            print(f"lock.py: {path.relative_to(ROOT)}: {pins} packages")
    (LOCKS / "inputs.sha256").write_text(inputs_digest() + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

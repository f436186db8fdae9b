"""Run the test suite at the declared minimum versions (the floors in pyproject.toml).

    .venv/bin/python packaging/minimums.py        (about 4 minutes; makes .venv-minimums/)

The app's own dependencies are resolved to their lowest allowed versions (uv's
`--resolution lowest-direct`); the test tools keep the versions of the dev lock, so that a
failure says something about the app's floors, not about an old pytest. Raise a floor in
pyproject.toml when this fails, then `./fieldapp.sh lock`.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv-minimums"
TEST_TOOLS = ("pytest", "pytest-qt", "hypothesis", "pypdf", "zxing-cpp", "xlwt", "odfpy",
              "psutil", "msoffcrypto-tool", "ruff")  # fmt: skip

sys.path.insert(0, str(Path(__file__).parent))
from lock import PLATFORMS, PYTHON, uv  # noqa: E402


def main() -> int:
    """Resolve lowest, install into .venv-minimums, run pytest there; its exit code is ours."""
    lock = (ROOT / "requirements" / "linux-dev.txt").read_text(encoding="utf-8")
    pins = [m.group(0) for t in TEST_TOOLS if (m := re.search(rf"^{t}==\S+", lock, re.M))]
    with tempfile.TemporaryDirectory() as folder:
        overrides = Path(folder) / "test-tools.txt"
        overrides.write_text("\n".join(pins) + "\n", encoding="utf-8")
        lowest = Path(folder) / "lowest.txt"
        subprocess.run(
            [uv(), "pip", "compile", "pyproject.toml", "--extra", "dev", "--quiet",
             "--resolution", "lowest-direct", "--python-version", PYTHON,
             "--python-platform", PLATFORMS["linux"], "--override", str(overrides),
             "-o", str(lowest)],
            cwd=ROOT, check=True,
        )  # fmt: skip
        print(lowest.read_text(encoding="utf-8"), flush=True)
        if not (VENV / "bin" / "python").exists():
            subprocess.run([uv(), "venv", "--quiet", "--python", sys.executable, str(VENV)],
                           check=True)  # fmt: skip
        env = {**os.environ, "VIRTUAL_ENV": str(VENV)}
        subprocess.run([uv(), "pip", "sync", "--quiet", str(lowest)], env=env, check=True)
    subprocess.run([uv(), "pip", "install", "--quiet", "--no-deps", "-e", "."],
                   cwd=ROOT, env=env, check=True)  # fmt: skip
    tests = subprocess.run(
        [str(VENV / "bin" / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=ROOT, env={**env, "QT_QPA_PLATFORM": "offscreen"},
    )  # fmt: skip
    return tests.returncode


if __name__ == "__main__":
    sys.exit(main())

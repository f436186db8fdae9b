"""Freeze FieldApp into one folder (and optionally wrap it in the Windows installer).

Platform-neutral: the same command on Linux (CI, here) and on a Windows runner.

    python packaging/build.py                 # dist/FieldApp/ (desk + CLI)
    python packaging/build.py --installer     # then dist/FieldApp-<version>-setup.exe (makensis)

The build record (version, build date in UTC, commit) is baked into the folder; `--version`,
About and the diagnostics read it. SOURCE_DATE_EPOCH, when set, fixes the build date.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_NAME = "FieldApp"


def project_version() -> str:
    """The version in fieldapp/__init__.py (the one pyproject.toml declares too)."""
    sys.path.insert(0, str(ROOT))
    from fieldapp import __version__

    return __version__


def build_record(version: str) -> dict[str, str | None]:
    """What `--version` will say: version, UTC build date, short commit if this is a git tree."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    try:
        commit = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        commit = None
    return {"version": version, "built_at": moment.strftime("%Y-%m-%d %H:%M UTC"), "commit": commit}


def folder_size(folder: Path) -> tuple[int, int]:
    """Bytes and number of files under a folder."""
    files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()]
    return sum(p.stat().st_size for p in files), len(files)


def freeze(dist: Path, work: Path) -> Path:
    """Run PyInstaller on the spec; return the folder it made."""
    work.mkdir(parents=True, exist_ok=True)
    record = work / "build.json"
    record.write_text(json.dumps(build_record(project_version())), encoding="utf-8")
    env = {**os.environ, "FIELDAPP_BUILD_RECORD": str(record)}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "PyInstaller",
            "--noconfirm",
            "--clean",
            "--log-level",
            "WARN",
            "--distpath",
            str(dist),
            "--workpath",
            str(work),
            str(PACKAGING / "fieldapp.spec"),
        ],
        cwd=ROOT,
        env=env,
        check=True,
    )
    return dist / APP_NAME


def make_installer(folder: Path, dist: Path, *, compress: bool = True) -> Path:
    """Wrap the frozen folder with NSIS (makensis runs on Windows and on Linux alike)."""
    makensis = shutil.which("makensis")
    if makensis is None:
        raise SystemExit("build.py: makensis not found (Debian: apt-get install nsis)")
    version = project_version()
    output = dist / f"{APP_NAME}-{version}-setup.exe"
    desk = "FieldApp.exe" if (folder / "FieldApp.exe").exists() else "FieldApp"
    cli = "fieldapp-cli.exe" if (folder / "fieldapp-cli.exe").exists() else "fieldapp-cli"
    subprocess.run(
        [
            makensis,
            "-V2",
            "-INPUTCHARSET",
            "UTF8",
            f"-DVERSION={version}",
            f"-DSOURCE_DIR={folder}",
            f"-DOUTFILE={output}",
            f"-DDESK_EXE={desk}",
            f"-DCLI_EXE={cli}",
            *([] if compress else ["-DNOCOMPRESS"]),
            str(PACKAGING / "installer" / "fieldapp.nsi"),
        ],
        check=True,
    )
    return output


def main(argv: list[str] | None = None) -> int:
    """Freeze, report size and time (dist/build-report.json), optionally build the installer."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller")
    parser.add_argument("--installer", action="store_true", help="also run makensis")
    parser.add_argument(
        "--no-compress", action="store_true", help="installer uncompressed (quick, for tests)"
    )
    args = parser.parse_args(argv)
    dist, work = args.dist.resolve(), args.work.resolve()

    started = time.monotonic()
    folder = freeze(dist, work)
    seconds = time.monotonic() - started
    size, files = folder_size(folder)
    report = {"build_seconds": round(seconds, 1), "folder_bytes": size, "folder_files": files}
    if args.installer:
        started = time.monotonic()
        installer = make_installer(folder, dist, compress=not args.no_compress)
        report["installer_seconds"] = round(time.monotonic() - started, 1)
        report["installer_bytes"] = installer.stat().st_size
    (dist / "build-report.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(
        f"build.py: {folder} in {seconds:.0f} s, {size / 2**20:.0f} MB in {files} files"
        + (f"; installer {report['installer_bytes'] / 2**20:.0f} MB" if args.installer else "")
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

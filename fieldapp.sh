#!/usr/bin/env bash
# FieldApp: set up everything this machine lacks, then start the app or run the tests.
#   ./fieldapp.sh app [--db FILE] [--lang en]   start the desktop app (SQLite in the data folder)
#   ./fieldapp.sh test [pytest args]             run ruff and the whole test suite
#   ./fieldapp.sh cli [args]                     the command-line face (fieldapp --help)
set -euo pipefail
cd "$(dirname "$0")"

# Qt's runtime libraries (xcb platform) and a font with Vietnamese coverage.
APP_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core
)
# For the tests: PDF pages to PNG.
TEST_PACKAGES=(poppler-utils)
PYTHON_PACKAGES=(python3 python3-venv python3-pip)

say() { printf 'fieldapp.sh: %s\n' "$*" >&2; }

missing_debs() {
  local p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || printf '%s ' "$p"
  done
}

install_debs() {
  command -v dpkg-query >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 || {
    say "not a Debian/Ubuntu system: make sure Qt's libraries and a Vietnamese font are installed"
    return 0
  }
  local missing
  missing=$(missing_debs "$@")
  [ -z "$missing" ] && return 0
  local run=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then run=(sudo); else
      say "missing system packages ($missing) and no root/sudo to install them; continuing"
      return 0
    fi
  fi
  say "installing system packages: $missing"
  export DEBIAN_FRONTEND=noninteractive
  "${run[@]}" apt-get update -qq
  # shellcheck disable=SC2086
  "${run[@]}" apt-get install -y -qq --no-install-recommends $missing >/dev/null
}

python_ok() {
  command -v python3 >/dev/null 2>&1 &&
    python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11))' 2>/dev/null
}

ensure_venv() {  # $1: pip extras spec, e.g. ".[dev]" or "."
  local spec=$1
  python_ok || install_debs "${PYTHON_PACKAGES[@]}"
  python_ok || { say "Python 3.11+ with venv is needed"; exit 1; }
  [ -x .venv/bin/python ] || python3 -m venv .venv
  local hash stamp installed
  hash=$(sha256sum pyproject.toml | cut -c1-16)
  stamp="$hash $spec"
  installed=$(cat .venv/.fieldapp-stamp 2>/dev/null || true)
  # The test set-up (".[dev]") includes everything the app needs (".").
  if [ "$installed" != "$stamp" ] && [ "$installed" != "$hash .[dev]" ]; then
    say "installing FieldApp and its Python packages into .venv (log: .venv/install.log)"
    if ! { .venv/bin/python -m pip install --upgrade pip &&
      .venv/bin/python -m pip install -e "$spec"; } > .venv/install.log 2>&1; then
      tail -n 25 .venv/install.log >&2
      say "the Python packages could not be installed; see .venv/install.log"
      exit 1
    fi
    echo "$stamp" > .venv/.fieldapp-stamp
  fi
}

command=${1:-app}
shift || true
case "$command" in
  app)
    install_debs "${APP_PACKAGES[@]}"
    ensure_venv "."
    FIELDAPP_CLI="./fieldapp.sh cli" exec .venv/bin/fieldapp-desk "$@"
    ;;
  test)
    install_debs "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    ensure_venv ".[dev]"
    .venv/bin/ruff check .
    export QT_QPA_PLATFORM=offscreen
    exec .venv/bin/python -m pytest -q "$@"
    ;;
  cli)
    ensure_venv "."
    exec .venv/bin/fieldapp "$@"
    ;;
  *)
    say "usage: ./fieldapp.sh app|test|cli [args]"
    exit 2
    ;;
esac

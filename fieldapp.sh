#!/usr/bin/env bash
# FieldApp: set up everything this machine lacks, then start the app or run the tests.
#   ./fieldapp.sh app [--db FILE] [--lang en]   start the desktop app (SQLite in the data folder)
#   ./fieldapp.sh test [pytest args]             run ruff and the whole test suite
#   ./fieldapp.sh cli [args]                     the command-line face (fieldapp --help)
#   ./fieldapp.sh smoke                          freeze (PyInstaller), build the installer, test both
#   ./fieldapp.sh lock                           refresh requirements/*.txt after a dependency change
#   ./fieldapp.sh wheelhouse [DIR] [PLATFORMS]   every wheel, for installing with no network:
#                                                FIELDAPP_WHEELHOUSE=DIR ./fieldapp.sh test
set -euo pipefail
cd "$(dirname "$0")"

# Qt's runtime libraries (xcb platform) and a font with Vietnamese coverage.
APP_PACKAGES=(
  libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libglib2.0-0
  libx11-xcb1 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0
  libxcb-randr0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 fonts-dejavu-core
)
# For the tests: PDF pages to PNG; a PostgreSQL server for the store tests' second pass
# (tests/pg_cluster.py starts a throwaway cluster in a temporary folder, no service needed).
TEST_PACKAGES=(poppler-utils postgresql)
# For the frozen build and its smoke test: PyInstaller reads libraries with binutils (objdump),
# makensis builds the Windows installer, 7-Zip looks inside it.
BUILD_PACKAGES=(binutils nsis 7zip)
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

LOCKS=requirements  # exact versions with hashes, refreshed by `./fieldapp.sh lock`

lock_platform() {
  case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) echo windows ;; *) echo linux ;; esac
}

deps_digest() {  # what the lock files were resolved from (pyproject's dependencies, tools.in)
  python3 packaging/lock.py --digest
}

ensure_venv() {  # $1: "app" (what runs) or "dev" (also the test and build tools)
  local kind=$1 lock digest locked=1
  python_ok || install_debs "${PYTHON_PACKAGES[@]}"
  python_ok || { say "Python 3.11+ with venv is needed"; exit 1; }
  [ -x .venv/bin/python ] || python3 -m venv .venv
  lock="$LOCKS/$(lock_platform)-$kind.txt"
  digest=$(deps_digest)
  if [ "$digest" != "$(cat "$LOCKS/inputs.sha256" 2>/dev/null || true)" ]; then
    locked=0  # someone added a dependency and has not re-run the lock yet
  fi
  local stamp installed
  stamp="$digest $(cat "$LOCKS"/*.txt | sha256sum | cut -c1-16) $locked"
  installed=$(cat .venv/.fieldapp-stamp 2>/dev/null || true)
  # The dev set-up includes everything the app needs.
  if [ "$installed" = "$stamp $kind" ] || [ "$installed" = "$stamp dev" ]; then
    return 0
  fi
  say "installing FieldApp and its Python packages into .venv (log: .venv/install.log)"
  local from=()
  if [ -n "${FIELDAPP_WHEELHOUSE:-}" ]; then
    from=(--no-index --find-links "$FIELDAPP_WHEELHOUSE/$(lock_platform)")
    say "offline: installing from $FIELDAPP_WHEELHOUSE only"
  fi
  if ! {
    if [ "$locked" = 1 ]; then
      .venv/bin/python -m pip install ${from[@]+"${from[@]}"} --require-hashes --no-deps -r "$lock" &&
        .venv/bin/python -m pip install --no-deps --no-build-isolation -e .
    else
      say "requirements/ is older than pyproject.toml's dependencies: installing unlocked;"
      say "run ./fieldapp.sh lock and commit requirements/"
      local extras=".[dev,build]"
      [ "$kind" = app ] && extras="."
      .venv/bin/python -m pip install ${from[@]+"${from[@]}"} -e "$extras"
    fi
  } > .venv/install.log 2>&1; then
    tail -n 25 .venv/install.log >&2
    say "the Python packages could not be installed; see .venv/install.log"
    exit 1
  fi
  echo "$stamp $kind" > .venv/.fieldapp-stamp
}

command=${1:-app}
shift || true
case "$command" in
  app)
    install_debs "${APP_PACKAGES[@]}"
    ensure_venv app
    FIELDAPP_CLI="./fieldapp.sh cli" exec .venv/bin/fieldapp-desk "$@"
    ;;
  test)
    install_debs "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
    ensure_venv dev
    .venv/bin/ruff check .
    export QT_QPA_PLATFORM=offscreen
    .venv/bin/python -m pytest -q "$@"
    # The store and province tests again, on a throwaway PostgreSQL cluster (marker
    # `postgres`); FIELDAPP_TEST_POSTGRES=0 skips this pass.
    if [ "${FIELDAPP_TEST_POSTGRES:-1}" != 0 ]; then
      started=$SECONDS
      status=0
      .venv/bin/python -m pytest -q --postgres -m postgres -p no:randomly "$@" || status=$?
      [ "$status" = 5 ] && status=0  # the arguments chose no PostgreSQL test: nothing to run
      say "PostgreSQL pass took $((SECONDS - started)) s"
      exit "$status"
    fi
    ;;
  cli)
    ensure_venv app
    exec .venv/bin/fieldapp "$@"
    ;;
  smoke)
    install_debs "${APP_PACKAGES[@]}" "${BUILD_PACKAGES[@]}"
    ensure_venv dev
    # An uncompressed installer here: it tests the script; lzma takes minutes on 2 cores.
    .venv/bin/python packaging/build.py --installer --no-compress "$@"
    exec .venv/bin/python packaging/smoke.py --installer
    ;;
  lock)
    ensure_venv dev
    exec .venv/bin/python packaging/lock.py
    ;;
  wheelhouse)
    folder=${1:-wheelhouse}
    platforms=${2:-linux windows}
    python_ok || { say "Python 3.11+ with venv is needed"; exit 1; }
    [ -x .venv/bin/python ] || python3 -m venv .venv
    for platform in $platforms; do
      say "downloading every package of $LOCKS/$platform-dev.txt into $folder/$platform/"
      target=()
      [ "$platform" = windows ] && target=(--platform win_amd64 --python-version 3.11
        --implementation cp --abi cp311 --abi abi3 --abi none)
      .venv/bin/python -m pip download -q --require-hashes --no-deps -d "$folder/$platform" \
        ${target[@]+"${target[@]}"} -r "$LOCKS/$platform-dev.txt"
    done
    say "done: copy $folder/ to the offline machine, then FIELDAPP_WHEELHOUSE=$folder ./fieldapp.sh test"
    ;;
  *)
    say "usage: ./fieldapp.sh app|test|cli|smoke|lock|wheelhouse [args]"
    exit 2
    ;;
esac

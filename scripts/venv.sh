# Sourced by scripts/start and scripts/test: make sure the project's virtual environment (.venv/ in the
# project) exists and holds the project, installed editable with what the caller needs, then set PYTHON to
# its interpreter. Nothing is reinstalled unless pyproject.toml changed or more is needed than last time.
# PYTHON=/path/to/python (a virtual environment of your own) skips .venv and installs into that one.

# What each level installs; a higher level includes the lower ones (test includes the kiosk window).
venv_extras=("." ".[kiosk]" ".[test]")

venv_say() { echo "$(basename "$0"): $*" >&2; }

venv_as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

venv_create() {
  local python
  python=$(command -v python3 || true)
  if [ -z "$python" ] || ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 10))'; then
    venv_say "needs Python 3.10 or newer as python3 (found: ${python:-none}); install it and run this again"
    exit 1
  fi
  venv_say "creating a virtual environment in .venv/ with $("$python" --version)"
  if ! "$python" -m venv .venv >/dev/null 2>&1; then
    # Debian and Ubuntu ship venv's pip bootstrap in a separate package.
    rm -rf .venv
    venv_say "installing Debian's python3-venv with apt-get (python3 -m venv needs it)"
    venv_as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive venv_as_root apt-get install -y -qq --no-install-recommends python3-venv >/dev/null
    "$python" -m venv .venv
  fi
}

# ensure_venv LEVEL: 0 the app, 1 the app and the kiosk window, 2 everything the tests need.
ensure_venv() {
  local level=$1 stamp=.venv/.installed want have
  if [ -n "${PYTHON:-}" ]; then
    "$PYTHON" -m pip install --quiet --disable-pip-version-check -e "${venv_extras[$level]}"
    return
  fi
  if ! .venv/bin/python -c '' 2>/dev/null; then
    rm -rf .venv
    venv_create
  fi
  PYTHON=.venv/bin/python
  want=$(sha256sum pyproject.toml | cut -d' ' -f1)
  read -r have have_level 2>/dev/null <"$stamp" || true
  if [ "${have:-}" = "$want" ] && [ "${have_level:-0}" -ge "$level" ]; then
    return
  fi
  [ "${have:-}" = "$want" ] && [ "${have_level:-0}" -gt "$level" ] && level=$have_level
  venv_say "installing ${venv_extras[$level]} into .venv/ (pip; once, and again when pyproject.toml changes)"
  "$PYTHON" -m pip install --quiet --disable-pip-version-check -e "${venv_extras[$level]}"
  echo "$want $level" >"$stamp"
}

#!/usr/bin/env bash
# Install trajectkit from this checkout on a Debian or Ubuntu machine.
#
#   bash scripts/install.sh          # trajectkit for use
#   bash scripts/install.sh --test   # and what the tests need (editable install)
#
# 1. With apt: the system libraries WeasyPrint renders PDFs with (Pango, HarfBuzz's
#    subsetter), fonts with good Latin coverage, poppler-utils (pdftotext, used by the
#    tests) and, where the Python lacks it, the venv module. sudo is used when not root.
# 2. A virtual environment, .venv in the checkout (TRAJECTKIT_VENV elsewhere), made or
#    reused. The system Python is never changed: Debian 12 and Ubuntu 23.04+ mark it
#    as externally managed (PEP 668), and this script never overrides that.
# 3. trajectkit and its dependencies at the versions pinned in scripts/constraints.txt,
#    which are known to work together (scripts/update-constraints.sh refreshes them).
# 4. A link to the environment's `trajectkit` in a folder on PATH, so the command works
#    in this terminal and in every new one: ~/.local/bin when it is on PATH, else
#    /usr/local/bin (with sudo when not root); TRAJECTKIT_BIN_DIR chooses another.
#
# PYTHON picks the interpreter (default python3; 3.11, 3.12 and 3.13 are supported).
set -euo pipefail
cd "$(dirname "$0")/.."
project=$(pwd)

mode=use
case "${1:-}" in
  "") ;;
  --test) mode=test ;;
  *) echo "usage: bash scripts/install.sh [--test]" >&2; exit 2 ;;
esac

python=${PYTHON:-python3}
venv=${TRAJECTKIT_VENV:-$project/.venv}
constraints=$project/scripts/constraints.txt

say() { echo "install.sh: $*"; }
die() { echo "install.sh: $*" >&2; exit 1; }

command -v "$python" >/dev/null 2>&1 || die "no $python on PATH; install Python 3.11 or later (apt install python3)"
version=$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || die "cannot run $python"
"$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
  || die "Python $version is too old; trajectkit needs 3.11 or later (set PYTHON=python3.12, say)"

sudo=""
if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi

# --- 1. system packages --------------------------------------------------------------
packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 poppler-utils)
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  # Debian and Ubuntu ship the venv module apart from Python itself.
  packages+=("python$version-venv")
fi
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    say "installing ${missing[*]} with apt"
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  say "no apt-get here; install Pango, HarfBuzz, poppler-utils and the Python venv module with your package manager" >&2
fi

# --- 2. the virtual environment ------------------------------------------------------
if [[ -x "$venv/bin/python" ]] && [[ $("$venv/bin/python" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) == "$version" ]]; then
  say "reusing the environment $venv"
else
  say "creating the environment $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
fi

# --- 3. trajectkit at the pinned versions --------------------------------------------
pip=("$venv/bin/python" -m pip --disable-pip-version-check --quiet)
if [[ $mode == test ]]; then
  "${pip[@]}" install --constraint "$constraints" --editable "$project[test]"
else
  "${pip[@]}" install --constraint "$constraints" "$project"
fi

# --- 4. the command on PATH ----------------------------------------------------------
on_path() { case ":$PATH:" in *":$1:"*) return 0 ;; *) return 1 ;; esac; }
bin=${TRAJECTKIT_BIN_DIR:-}
if [[ -z $bin ]]; then
  if on_path "$HOME/.local/bin"; then bin=$HOME/.local/bin; else bin=/usr/local/bin; fi
fi
link=(ln -sfn "$venv/bin/trajectkit" "$bin/trajectkit")
if mkdir -p "$bin" 2>/dev/null && [[ -w $bin ]]; then
  "${link[@]}"
else
  $sudo mkdir -p "$bin" && $sudo "${link[@]}"
fi
on_path "$bin" || say "note: $bin is not on PATH; add it, or run $venv/bin/trajectkit"

say "trajectkit $("$venv/bin/trajectkit" --version | awk '{print $NF}') installed in $venv ($("$venv/bin/python" --version)); $bin/trajectkit links to it"
if [[ $mode == test ]]; then say "run the tests with: $venv/bin/python -m pytest"; fi

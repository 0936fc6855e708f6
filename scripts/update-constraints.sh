#!/usr/bin/env bash
# Refresh scripts/constraints.txt: the versions of every dependency (tests included)
# that scripts/install.sh installs. Resolves afresh in a new environment with the
# oldest supported Python, writes the pins, and leaves the rest to you: run the tests
# on 3.11, 3.12 and 3.13 (PYTHON=python3.13 bash scripts/install.sh --test), then commit
# the changed file, so that a new release reaches users as a visible change.
#
#   bash scripts/update-constraints.sh            # newest releases within the bounds below
set -euo pipefail
# Upper bounds for releases known to break something, each with its reason.
bounds=(
  "hypothesis<6.170.10"   # hypothesis-jsonschema 0.23.1 fails on 6.170.10+ ('many' object has no attribute 'more')
)
cd "$(dirname "$0")/.."
python=${PYTHON:-python3.11}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m venv "$work/venv"
"$work/venv/bin/python" -m pip install --quiet --disable-pip-version-check ".[test]" "${bounds[@]}"
{
  echo "# Versions known to work together, for scripts/install.sh (pip --constraint)."
  echo "# Made by scripts/update-constraints.sh with $("$work/venv/bin/python" --version) on $(date -u +%Y-%m-%d);"
  echo "# edit the bounds there, not here."
  "$work/venv/bin/python" -m pip freeze --disable-pip-version-check --exclude trajectkit | LC_ALL=C sort -f
} > scripts/constraints.txt
echo "update-constraints.sh: wrote scripts/constraints.txt ($(grep -vc '^#' scripts/constraints.txt) pins)"

#!/usr/bin/env bash
# Install trajectkit and what it needs on a Debian/Ubuntu machine:
# the system libraries WeasyPrint renders PDFs with (Pango, HarfBuzz's subsetter),
# fonts with good Latin coverage, poppler-utils (pdftotext, used by the tests),
# then trajectkit itself from this checkout. `--test` adds the test dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."

extras=""
if [[ "${1:-}" == "--test" ]]; then
  extras="[test]"
fi

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-liberation2 poppler-utils)
if command -v apt-get >/dev/null 2>&1; then
  missing=()
  for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  if ((${#missing[@]})); then
    sudo=""
    if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
else
  echo "install.sh: no apt-get here; install Pango, HarfBuzz and poppler-utils with your package manager" >&2
fi

python3 -m pip install --quiet --disable-pip-version-check ".${extras}"
echo "trajectkit $(python3 -m trajectkit --version | awk '{print $NF}') installed"

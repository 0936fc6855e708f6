#!/usr/bin/env bash
# Refresh the message catalogs after changing a translatable text (see docs/translation.md):
# extract every _() and {{ _() }} into trajectkit/locale/trajectkit.pot, then merge it into
# each language's .po. Translate the new entries (msgstr) and remove their "fuzzy" flag;
# tests/test_translation.py fails while a message has no Dutch translation.
# No compile step: trajectkit compiles the .po in memory when it first needs it.
# After translating, lay the help pages out again: .venv/bin/python scripts/help_pages.py
set -euo pipefail
cd "$(dirname "$0")/.."
PYBABEL="${PYBABEL:-${TRAJECTKIT_VENV:-.venv}/bin/pybabel}"
"$PYBABEL" extract -F babel.cfg --no-location --sort-output --omit-header \
  -k _ -k gettext -k ngettext:1,2 -k N_ -o trajectkit/locale/trajectkit.pot .
# The help texts of the commands and options, read from the command tree.
"$(dirname "$PYBABEL")/python" scripts/help_messages.py trajectkit/locale/trajectkit.pot
for po in trajectkit/locale/*/LC_MESSAGES/trajectkit.po; do
  language="$(basename "$(dirname "$(dirname "$po")")")"
  "$PYBABEL" update -i trajectkit/locale/trajectkit.pot -d trajectkit/locale -D trajectkit -l "$language" \
    --ignore-obsolete --no-fuzzy-matching
done

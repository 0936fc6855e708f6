"""Lay out the help of every command ahead, as click shows it: trajectkit/locale/<language>/help.json.

`trajectkit --help` and `trajectkit COMMAND --help` print these pages without importing
click (trajectkit/help_pages.py); tests/cli/test_help_pages.py requires them to be what
click shows now. Run after changing a command, an option or a translation:

    .venv/bin/python scripts/help_pages.py
"""

from __future__ import annotations

import sys

from trajectkit.cli import main
from trajectkit.cli.help_layout import write
from trajectkit.translation import LANGUAGES

if __name__ == "__main__":
    for language in LANGUAGES:
        print(f"wrote {write(main, language)}", file=sys.stderr)

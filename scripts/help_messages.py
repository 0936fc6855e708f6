"""Add the help texts of every command and option to the message template (.pot).

Click's help texts are English strings in trajectkit/cli, shown through the catalog when
`--help` is asked for (trajectkit/cli/language.py); pybabel cannot find them, since they
are docstrings and `help=` arguments, so this reads them from the command tree itself.
Run by scripts/messages.sh, between `pybabel extract` and `pybabel update`.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from trajectkit.cli import main
from trajectkit.cli.language import help_texts


def add_help_texts(pot: Path) -> int:
    with pot.open("rb") as file:
        template = read_po(file)
    added = 0
    for text in help_texts(main):
        if text not in template:
            template.add(text)
            added += 1
    with pot.open("wb") as file:
        write_po(file, template, omit_header=True, sort_output=True, no_location=True)
    return added


if __name__ == "__main__":
    print(f"added {add_help_texts(Path(sys.argv[1]))} help texts to {sys.argv[1]}")

"""``--help`` answered from pages laid out ahead, before click is imported.

Importing click costs about three times the interpreter's own start-up, and ``--help``
is asked for often, by people and by editors. ``scripts/help_pages.py`` has click lay
out the help of every command in every language, for both ways of starting trajectkit
(``trajectkit`` and ``python -m trajectkit``) and the two widths click uses on a
terminal of 80 columns (and in a pipe) and of 100 or more; the pages are kept in
``trajectkit/locale/<language>/help.json``, and a test requires them to be what click
shows now. Anything else — another width, a configuration (``trajectkit.yaml``, which
may choose the language), an option before ``--help``, a page that is not there — is
click's to answer, as before.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path
from types import ModuleType

from trajectkit.translation import LOCALE_DIR, terminal_language

#: The help options of every command.
HELP_OPTIONS = ("--help", "-h")
#: The widths click lays help out at: a terminal's columns, at most 100 (the command
#: group's ``max_content_width``), less 2.
MAX_COLUMNS = 100
#: How the program is named in the usage line, as click names it.
PROGRAMS = ("trajectkit", "python -m trajectkit")


def pages_path(language: str) -> Path:
    return LOCALE_DIR / language / "help.json"


def width() -> int:
    """The width click lays help out at on this terminal (or pipe)."""
    return max(min(shutil.get_terminal_size().columns, MAX_COLUMNS) - 2, 50)


def program_name(main: ModuleType | None = None) -> str:
    """``python -m trajectkit`` when started as a module, else the script's name, as
    click's usage line names it (``click.utils._detect_program_name``)."""
    main = main or sys.modules["__main__"]
    path = sys.argv[0]
    package = getattr(main, "__package__", None)
    if not package:
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    module = package if name == "__main__" else f"{package}.{name}"
    return f"python -m {module.lstrip('.')}"


def page(arguments: list[str]) -> str | None:
    """The help page ``arguments`` ask for (``--help`` or ``COMMAND --help``), or ``None``
    where click must answer."""
    if not arguments or arguments[-1] not in HELP_OPTIONS or len(arguments) > 2:
        return None
    command = arguments[0] if len(arguments) == 2 else ""
    if command.startswith("-"):
        return None
    from trajectkit.catalogue.config_files import nearest_config

    if nearest_config(Path.cwd()) is not None:
        return None  # its `language:` may choose the language
    try:
        pages = json.loads(pages_path(terminal_language()).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    found = pages.get(program_name(), {}).get(str(width()), {}).get(command)
    return found if isinstance(found, str) else None


def answer(arguments: list[str]) -> bool:
    """Print the help page ``arguments`` ask for, if it was laid out ahead; whether it was."""
    text = page(arguments)
    if text is None:
        return False
    try:
        text.encode(sys.stdout.encoding or "utf-8")
    except (UnicodeEncodeError, LookupError):
        return False  # click knows what to do with a terminal that cannot show it
    try:
        sys.stdout.write(text)
        sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as click does
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115  # closed at exit
    return True

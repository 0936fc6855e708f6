"""The help pages of every command, laid out by click ahead of time (``trajectkit.help_pages``).

``scripts/help_pages.py`` writes them; ``tests/cli/test_help_pages.py`` requires the
written pages to be what :func:`render` gives now.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import click
from click.testing import CliRunner

from trajectkit.help_pages import MAX_COLUMNS, PROGRAMS, pages_path

#: The widths laid out: a terminal of 80 columns or a pipe, and one of 100 or more.
WIDTHS = (78, MAX_COLUMNS - 2)


def commands(group: click.Group) -> list[str]:
    """The page names: "" for the command group, else each command's name."""
    return ["", *sorted(group.commands)]


def render(group: click.Group, language: str, program: str, width: int, command: str) -> str:
    """What click prints for ``command --help`` (``--help`` for "") in ``language``,
    started as ``program``, on a terminal ``width`` + 2 columns wide."""
    arguments = [command, "--help"] if command else ["--help"]
    with tempfile.TemporaryDirectory() as empty:  # no trajectkit.yaml to choose the language
        cwd = os.getcwd()
        os.chdir(empty)
        try:
            result = CliRunner().invoke(
                group, arguments, prog_name=program, terminal_width=width, env={"TRAJECTKIT_LANG": language}
            )
        finally:
            os.chdir(cwd)
    if result.exit_code != 0:
        raise RuntimeError(f"{program} {' '.join(arguments)} failed: {result.output}")
    return result.output


def pages(group: click.Group, language: str) -> dict[str, dict[str, dict[str, str]]]:
    """Every page of ``group`` in ``language``: by program name, width and command."""
    return {
        program: {
            str(width): {command: render(group, language, program, width, command) for command in commands(group)}
            for width in WIDTHS
        }
        for program in PROGRAMS
    }


def write(group: click.Group, language: str) -> Path:
    path = pages_path(language)
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(pages(group, language), ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    path.write_text(text, encoding="utf-8")
    return path

"""``--help`` from the pages laid out ahead: what click would show, byte for byte, without click.

When a page is stale the first test says so; lay the pages out again with
``.venv/bin/python scripts/help_pages.py``.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from trajectkit.cli.help_layout import WIDTHS
from trajectkit.help_pages import PROGRAMS, pages_path
from trajectkit.translation import LANGUAGES

SCRIPT = Path(sys.executable).parent / "trajectkit"

#: Click keeps a command's help option once made, and a test that runs a command
#: without its group makes it without `-h`: pages are laid out in a process of their own.
_LAY_OUT = (
    "import json, sys\n"
    "from trajectkit.cli import main\n"
    "from trajectkit.cli.help_layout import pages, render\n"
    "language, program, width, command = sys.argv[1:]\n"
    "if width == 'all':\n"
    "    sys.stdout.write(json.dumps(pages(main, language)))\n"
    "else:\n"
    "    sys.stdout.write(render(main, language, program, int(width), command))\n"
)


def render(language: str, program: str, width: int | str, command: str) -> str:
    """What click shows for ``command --help`` now (all pages of a language for width "all")."""
    result = subprocess.run(
        [sys.executable, "-c", _LAY_OUT, language, program, str(width), command],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_pages_are_what_click_shows_now(language: str) -> None:
    stored = json.loads(pages_path(language).read_text(encoding="utf-8"))
    now = json.loads(render(language, "", "all", ""))
    stale = [
        f"{program} {width} {command or '(group)'}"
        for program in PROGRAMS
        for width in WIDTHS
        for command, page in now[program][str(width)].items()
        if stored.get(program, {}).get(str(width), {}).get(command) != page
    ]
    assert not stale, f"stale help pages ({language}): {stale}; run .venv/bin/python scripts/help_pages.py"


def _run(arguments: list[str], cwd: Path, **environment: str) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES", "LANG", "COLUMNS")}
    env.update(environment)
    return subprocess.run(arguments, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)


#: Runs trajectkit's entry point as the installed script does and says whether click was imported.
_WITHOUT_CLICK = (
    "import sys\n"
    "sys.argv = ['trajectkit', *sys.argv[1:]]\n"
    "from trajectkit.__main__ import run\n"
    "run()\n"
    "sys.stderr.write('click imported' if 'click' in sys.modules else 'click not imported')\n"
)


@pytest.mark.parametrize("arguments", [["--help"], ["validate", "--help"], ["plan", "-h"]])
def test_help_is_printed_without_importing_click(arguments: list[str], tmp_path: Path) -> None:
    quick = _run([sys.executable, "-c", _WITHOUT_CLICK, *arguments], tmp_path, TRAJECTKIT_LANG="nl")
    assert quick.returncode == 0
    assert quick.stderr == "click not imported"
    # `--quiet` before the command is not a page: click answers, with the same text
    clicked = _run([str(SCRIPT), "--quiet", *arguments], tmp_path, TRAJECTKIT_LANG="nl")
    assert clicked.returncode == 0, clicked.stderr
    if arguments == ["--help"]:
        assert quick.stdout.startswith("Gebruik: trajectkit [OPTIONS] COMMAND [ARGS]...")
    else:
        assert quick.stdout == clicked.stdout
        assert quick.stdout.startswith(f"Gebruik: trajectkit {arguments[0]} [OPTIONS]")


def test_python_dash_m_is_named_as_click_names_it(tmp_path: Path) -> None:
    result = _run([sys.executable, "-m", "trajectkit", "stats", "--help"], tmp_path, TRAJECTKIT_LANG="en")
    assert result.returncode == 0
    assert result.stdout == render("en", "python -m trajectkit", 78, "stats")


def test_a_wide_terminal_gets_the_wide_page(tmp_path: Path) -> None:
    result = _run([str(SCRIPT), "match", "--help"], tmp_path, TRAJECTKIT_LANG="en", COLUMNS="140")
    assert result.stdout == render("en", "trajectkit", 98, "match")


def test_a_narrow_terminal_is_laid_out_by_click(tmp_path: Path) -> None:
    result = _run([str(SCRIPT), "validate", "--help"], tmp_path, TRAJECTKIT_LANG="en", COLUMNS="60")
    assert result.returncode == 0
    assert result.stdout == render("en", "trajectkit", 58, "validate")
    assert result.stdout != render("en", "trajectkit", 78, "validate")


def test_a_configured_language_still_chooses_the_help_language(tmp_path: Path) -> None:
    (tmp_path / "trajectkit.yaml").write_text("language: nl\n", encoding="utf-8")
    result = _run([str(SCRIPT), "validate", "--help"], tmp_path, LANG="C.UTF-8")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Gebruik: trajectkit validate")


def test_an_unknown_command_is_still_a_usage_error(tmp_path: Path) -> None:
    result = _run([str(SCRIPT), "valiate", "--help"], tmp_path, TRAJECTKIT_LANG="en")
    assert result.returncode == 2
    assert "No such command 'valiate'" in result.stderr

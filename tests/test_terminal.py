"""Control characters from a catalogue, a file name or the command line are shown, never
obeyed: in validate's text and GitHub reports, the text formats of the other commands
and every message (trajectkit.terminal). JSON and SARIF keep the exact value."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from trajectkit.terminal import escape, escaped_values

#: Erases the line above, returns to the start of the line and prints a green "0 errors".
ERASE = "\x1b[1A\x1b[2K\r\x1b[32m0 errors, 0 warnings\x1b[0m"
#: What must never reach a terminal raw: ESC, CR, other C0 and C1 controls, bidi overrides.
RAW = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ON = ("--on", "2026-10-01")


def test_escape_shows_every_control_character() -> None:
    assert escape(ERASE) == "\\x1b[1A\\x1b[2K\\r\\x1b[32m0 errors, 0 warnings\\x1b[0m"
    assert escape("a\nb\tc") == "a\\nb\\tc"
    assert escape("a\nb\tc", keep_newlines=True) == "a\nb\tc"
    assert escape("\x85 \u2028 \u202e \x9b \x7f") == "\\x85 \\u2028 \\u202e \\x9b \\x7f"
    assert escape("Yılmaz, Ghent — 36 h/week, اسم") == "Yılmaz, Ghent — 36 h/week, اسم"


def test_escaped_values_keeps_shapes_and_shared_objects() -> None:
    from trajectkit.analysis.diff import AffectedLearner

    shared = AffectedLearner("L-1", "a\x1bb", "OT-1", ("x\ny",), 1)
    copy = escaped_values({"learners": [shared, shared], "count": 2})
    assert copy["learners"][0] == AffectedLearner("L-1", "a\\x1bb", "OT-1", ("x\\ny",), 1)
    assert copy["learners"][0] is copy["learners"][1] and copy["count"] == 2


@pytest.fixture
def hostile(cli, tmp_path: Path, samples: Path) -> Path:
    """The samples with ERASE in a learner's name, a competence title, a workplace name,
    and an id that is no id; and a file whose name holds a newline."""
    folder = tmp_path / "catalogue"
    shutil.copytree(samples, folder)

    def edit(relative: str, old: str, new: str) -> None:
        path = folder / relative
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    quoted = json.dumps(ERASE)
    edit("learners/L-2026-0005.yaml", "name: Ilias Azzouzi\n", f"name: {quoted}\n")
    edit("learners/L-2026-0001.yaml", "name: Yusuf Demir\n", f"name: {quoted}\n")
    edit("qualifications/BK-0130-5-stukadoor.yaml", "title: Werkt in teamverband\n", f"title: {quoted}\n")
    edit("workplaces/WP-0003-vandenbulcke-droogbouw.yaml", "name: Vandenbulcke", 'name: "\\e[31mVandenbulcke"\n# ')
    return folder


def assert_shown_not_obeyed(text: str) -> None:
    assert not RAW.search(text), repr(RAW.search(text))


def test_validate_text_and_github_show_escapes(cli, hostile: Path, tmp_path: Path) -> None:
    bad = hostile / "learners" / "evil\n0 errors, 0 warnings in 1 files.yaml"
    bad.write_text(f"kind: Learner\nid: {json.dumps(ERASE)}\n", encoding="utf-8")
    for output_format in ("text", "github", "markdown"):
        result = cli("validate", "catalogue", "--no-cache", "--format", output_format)
        assert result.exit_code == 1
        assert_shown_not_obeyed(result.output)
        assert re.search(r"x1b\\*\[1A", result.output), output_format  # \x1b[1A, or with Markdown's escapes
        assert "0 errors, 0 warnings in 1 files" not in result.output.splitlines(), output_format
    text = cli("validate", "catalogue", "--no-cache").output
    assert "catalogue/learners/evil\\n0 errors, 0 warnings in 1 files.yaml:" in text
    exact = json.loads(cli("validate", "catalogue", "--no-cache", "--format", "json").output)
    assert any(problem["path"] == str(Path("catalogue") / bad.relative_to(hostile)) for problem in exact["problems"])
    sarif = cli("validate", "catalogue", "--no-cache", "--format", "sarif").output
    assert "\\u001b[1A" in sarif  # JSON's own escape: the exact value


TEXT_FORMATS = {
    "match": ("match", "catalogue", *ON),
    "scenario": ("scenario", "catalogue", *ON, "--without", "WP-0001"),
    "coverage": ("coverage", "catalogue", "--trajectory", "OT-00214"),
    "attest": ("attest", "catalogue", "--learner", "L-2026-0001"),
    "stats": ("stats", "catalogue", *ON),
}


@pytest.mark.parametrize("name", sorted(TEXT_FORMATS))
def test_text_formats_show_escapes(cli, hostile: Path, name: str) -> None:
    result = cli(*TEXT_FORMATS[name])
    assert result.exit_code in (0, 1), result.output
    assert_shown_not_obeyed(result.output)
    if name != "stats":  # stats shows counts, no names
        assert "\\x1b[" in result.output


def test_diff_text_and_github_show_escapes(cli, hostile: Path, samples: Path) -> None:
    for output_format in ("text", "github"):
        result = cli("diff", samples, "catalogue", "--format", output_format)
        assert result.exit_code in (0, 1), result.output
        assert_shown_not_obeyed(result.output)
        assert "\\x1b[1A" in result.output


def test_messages_show_escapes(cli, hostile: Path) -> None:
    """Usage errors, click's own errors and what a command says while working. (Off a
    terminal click drops colour codes from messages itself; the carriage return stays,
    escaped.)"""
    runs = [
        ("plan", "catalogue", "--learner", ERASE, "-o", "plans"),
        ("coverage", "catalogue", "--trajectory", ERASE),
        ("validate", "catalogue", "--format", ERASE),
        ("validate", f"missing{ERASE}"),
        ("export", "catalogue", "-o", f"m{ERASE}.csv"),
    ]
    for args in runs:
        result = cli(*args)
        assert_shown_not_obeyed(result.output)
        assert "\\r0 errors" in result.output or "\\r\\x1b[32m0 errors" in result.output, args


def test_refusals_show_the_offending_values_escaped(cli, hostile: Path) -> None:
    """A catalogue error that stops a command lists the problem, with its value."""
    path = hostile / "trajectories" / "OT-00214-afwerking-bouw-duaal.yaml"
    text = path.read_text(encoding="utf-8").replace("phase: instap", f"phase: {json.dumps(ERASE)}", 1)
    path.write_text(text, encoding="utf-8")
    result = cli("coverage", "catalogue", "--trajectory", "OT-00214")
    assert result.exit_code == 1
    assert_shown_not_obeyed(result.output)
    assert "\\r0 errors" in result.output

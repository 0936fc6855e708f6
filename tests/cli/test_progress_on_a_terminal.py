"""Progress of long work on standard error, on a terminal only: validate at scale, match,
stats and progress show it there; a pipe, a file or a CI log gets nothing of it."""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

import generate
import pytest

from trajectkit import terminal

#: A catalogue at the size from which progress is shown (1,000 documents, 1,000 learners).
AT_SCALE = ["--qualifications", "9", "--trajectories", "14", "--workplaces", "400", "--learners", "1000"]
DAY = dt.date(2026, 12, 1)


class Terminal(io.StringIO):
    """Standard error as a terminal would be: it says it is one."""

    def isatty(self) -> bool:
        return True


@pytest.fixture(scope="module")
def catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("scale") / "catalogue"
    assert generate.main([*AT_SCALE, "--seed", "5", "--out", str(out)]) == 0
    return out


def run_on_a_terminal(monkeypatch: pytest.MonkeyPatch, command: str, catalogue: Path) -> str:
    """Run ``command``'s function with a terminal as standard error; what it showed there."""
    from trajectkit.commands import match, progress, stats, validate

    screen = Terminal()
    monkeypatch.setattr(sys, "stderr", screen)
    monkeypatch.chdir(catalogue.parent)
    paths = (str(catalogue),)
    runs = {
        "validate": lambda: validate.run(validate.ValidateOptions(paths, output_format="text", no_cache=True)),
        "match": lambda: match.run(match.MatchOptions(paths, on=DAY)),
        "stats": lambda: stats.run(stats.StatsOptions(paths, on=DAY)),
        "progress": lambda: progress.run(progress.ProgressOptions(paths, on=DAY)),
    }
    runs[command]()
    return screen.getvalue()


@pytest.mark.parametrize(
    ("command", "step"),
    [
        ("validate", "Checking the rules"),
        ("match", "Matching the learners…"),
        ("stats", "Counting the offer…"),
        ("progress", "Following the learners…"),
    ],
)
def test_a_terminal_sees_the_progress(
    monkeypatch: pytest.MonkeyPatch, catalogue: Path, capsys: pytest.CaptureFixture[str], command: str, step: str
) -> None:
    shown = run_on_a_terminal(monkeypatch, command, catalogue)
    assert "Reading the files…" in shown
    assert "Checking the documents" in shown and "100%" in shown
    assert step in shown
    assert "Checking the" not in capsys.readouterr().out  # the answer stays clean


def test_a_small_catalogue_shows_no_bars(monkeypatch: pytest.MonkeyPatch, samples: Path, tmp_path: Path) -> None:
    import shutil

    shutil.copytree(samples, tmp_path / "samples")
    shown = run_on_a_terminal(monkeypatch, "validate", tmp_path / "samples")
    assert "Checking the documents" not in shown


def test_quiet_shows_no_progress(monkeypatch: pytest.MonkeyPatch, catalogue: Path) -> None:
    terminal.set_quiet(True)
    try:
        assert run_on_a_terminal(monkeypatch, "validate", catalogue) == ""
    finally:
        terminal.set_quiet(False)


@pytest.mark.parametrize("command", ["validate", "match", "stats", "progress"])
def test_a_pipe_gets_no_progress(cli, catalogue: Path, command: str) -> None:
    arguments = ["--no-cache"] if command == "validate" else ["--on", DAY.isoformat()]
    result = cli(command, catalogue, *arguments)
    assert result.exit_code in (0, 1), result.output
    for words in ("Reading the files", "Checking the", "%]", "\x1b", "…"):
        assert words not in result.stderr

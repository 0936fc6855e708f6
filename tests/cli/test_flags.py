"""Flags people bring from their other tools: -q, -V, FORCE_COLOR, init's default folder, "did you mean"."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from trajectkit import __version__
from trajectkit.terminal import wants_colour

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"


@pytest.mark.parametrize("where", ["after", "before"])
def test_quiet_prints_the_findings_without_the_summary(cli, where: str) -> None:
    args = ["validate", "-q", BROKEN] if where == "after" else ["-q", "validate", BROKEN]
    loud, quiet = cli("validate", BROKEN), cli(*args)
    assert quiet.exit_code == loud.exit_code == 1
    assert "error [schema]" in quiet.stdout
    assert quiet.stdout.rstrip("\n") == loud.stdout.rstrip("\n").rsplit("\n", 1)[0].rstrip("\n")
    assert "errors" not in quiet.stdout.splitlines()[-1]


def test_quiet_leaves_out_the_notes_but_not_the_answer(cli, samples: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    result = cli("stats", samples, "-q")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.startswith("Dual-learning offer on ")
    assert cli("init", "new", "--quiet").stdout == ""
    assert cli("stats", samples).stderr != ""  # the next run is not quiet


def test_dash_capital_v_prints_the_version(cli) -> None:
    assert cli("-V").stdout == f"trajectkit, version {__version__}\n"


def test_force_color_beside_no_color(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    pipe = io.StringIO()
    assert not wants_colour(pipe, {})
    assert wants_colour(pipe, {"FORCE_COLOR": "1"})
    assert not wants_colour(pipe, {"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert not wants_colour(pipe, {"FORCE_COLOR": ""})
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    assert "\x1b[31merror" in cli("validate", BROKEN).stdout
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in cli("validate", BROKEN).stdout


def test_init_defaults_to_the_working_directory(cli, tmp_path: Path) -> None:
    result = cli("init")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "trajectkit.yaml").is_file()
    assert result.stdout.splitlines()[-1] == "next: trajectkit validate ."
    assert cli("validate", ".", "--strict").exit_code == 0


@pytest.mark.parametrize(
    ("args", "config", "expected"),
    [
        (("--profile", "flandres"), None, "nor a file; did you mean 'flanders'?"),
        ((), "profile: netherland-bbl\n", "did you mean 'netherlands-bbl'?"),
        (
            (),
            "rules:\n  mentor-trainng-overdue: off\n",
            "unknown rule 'mentor-trainng-overdue'; did you mean 'mentor-training-overdue'?",
        ),
    ],
)
def test_did_you_mean_for_a_profile_and_a_rule(
    cli, tmp_path: Path, samples: Path, args: tuple[str, ...], config: str | None, expected: str
) -> None:
    if config is not None:
        (tmp_path / "trajectkit.yaml").write_text(config)
    result = cli("validate", samples, *args)
    assert result.exit_code == 2
    assert expected in result.stderr

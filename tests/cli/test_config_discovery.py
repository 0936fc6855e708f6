"""Which ``trajectkit.yaml`` a run reads: next to the files, or above them up to the repository root."""

from __future__ import annotations

import shutil
from pathlib import Path

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"
SWITCH_OFF = "rules:\n  general-education-at-workplace: off\n  hours-agreement-mismatch: off\n"


def _catalogue(root: Path) -> Path:
    """A repository whose ``catalogue/`` holds two broken files and a config switching two rules off."""
    (root / ".git").mkdir(parents=True)
    folder = root / "catalogue"
    folder.mkdir()
    for name in ("trajectory.yaml", "qualification.yaml"):
        shutil.copy(BROKEN / name, folder / name)
    (folder / "trajectkit.yaml").write_text(SWITCH_OFF)
    return folder


def test_validate_from_the_parent_folder_reads_the_config_next_to_the_files(cli, tmp_path: Path, monkeypatch) -> None:
    folder = _catalogue(tmp_path)
    from_root = cli("validate", "catalogue/")
    monkeypatch.chdir(folder)
    from_inside = cli("validate", ".")
    assert "general-education-at-workplace" not in from_root.output
    assert "hours-agreement-mismatch" not in from_root.output
    assert from_root.stdout.splitlines()[-1] == from_inside.stdout.splitlines()[-1]
    assert "is not used" not in from_root.stderr


def test_a_config_in_a_parent_folder_is_found_but_not_above_the_repository_root(cli, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    folder = _catalogue(repo)
    (folder / "trajectkit.yaml").rename(repo / "trajectkit.yaml")
    (tmp_path / "trajectkit.yaml").write_text("colour: red\n")  # above the root: never read
    result = cli("validate", "repo/catalogue/trajectory.yaml", "--show-config")
    assert result.exit_code == 0, result.output
    assert (
        result.stdout == "config: repo/trajectkit.yaml (found from repo/catalogue/trajectory.yaml)\nprofile: flanders\n"
    )


def test_config_option_wins_and_the_unused_one_inside_the_folder_is_named(cli, tmp_path: Path) -> None:
    _catalogue(tmp_path)
    (tmp_path / "other.yaml").write_text("profile: netherlands-bbl\n")
    shown = cli("validate", "catalogue", "--config", "other.yaml", "--show-config")
    assert shown.exit_code == 0
    assert shown.stdout == (
        "config: other.yaml (--config)\nprofile: netherlands-bbl\nnot used: catalogue/trajectkit.yaml\n"
    )
    run = cli("validate", "catalogue", "--config", "other.yaml")
    assert "warning: catalogue/trajectkit.yaml is not used; the configuration is other.yaml (--config)" in run.stderr
    assert "general-education-at-workplace" in run.stdout


def test_without_any_config_the_defaults_are_shown(cli, tmp_path: Path) -> None:
    (tmp_path / ".git").mkdir()
    result = cli("rules", "--show-config")
    assert result.exit_code == 0
    assert result.stdout == "config: none (the defaults)\nprofile: flanders\n"

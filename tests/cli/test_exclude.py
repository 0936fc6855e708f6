"""Which files a folder walk reads: --exclude, `exclude:` and the files of other tools."""

from __future__ import annotations

import shutil
from pathlib import Path


def _repository(root: Path, samples: Path) -> Path:
    """A repository root with the samples, a mkdocs.yml and a broken draft."""
    shutil.copytree(samples, root / "catalogue")
    (root / "mkdocs.yml").write_text("site_name: Opleidingen\nnav:\n  - index.md\n", encoding="utf-8")
    (root / "catalogue" / "drafts").mkdir()
    (root / "catalogue" / "drafts" / "new.yaml").write_text("kind: StandardTrajectory\n", encoding="utf-8")
    return root


def test_validate_dot_in_a_repository_root_leaves_mkdocs_out(cli, tmp_path: Path, samples: Path) -> None:
    _repository(tmp_path, samples)
    (tmp_path / "catalogue" / "drafts" / "new.yaml").unlink()
    result = cli("validate", ".")
    assert result.exit_code == 0, result.output
    assert "mkdocs" not in result.output and result.stdout.endswith("in 16 files\n")
    named = cli("validate", "mkdocs.yml")  # named on the command line, it is read
    assert named.exit_code == 1 and "not a catalogue file? leave it out with --exclude" in named.stdout


def test_exclude_option_leaves_out_a_folder_and_a_glob(cli, tmp_path: Path, samples: Path) -> None:
    _repository(tmp_path, samples)
    assert cli("validate", ".").exit_code == 1  # the draft is broken
    for pattern in ("drafts/", "catalogue/drafts/*", "new.yaml"):
        result = cli("validate", ".", "--exclude", pattern)
        assert result.exit_code == 0, (pattern, result.output)
        assert result.stdout.endswith("in 16 files\n")
    assert cli("validate", ".", "--exclude", "drafts").exit_code == 0  # a folder's name without the slash too
    assert cli("validate", ".", "--exclude", "*.yml", "--exclude", "learners/").stdout.endswith("in 10 files\n")


def test_exclude_in_the_config(cli, tmp_path: Path, samples: Path) -> None:
    _repository(tmp_path, samples)
    (tmp_path / "trajectkit.yaml").write_text("exclude: [drafts/]\n", encoding="utf-8")
    result = cli("validate", ".")
    assert result.exit_code == 0, result.output
    shown = cli("validate", ".", "--exclude", "*.old.yaml", "--show-config").stdout
    assert "exclude: drafts/, *.old.yaml\n" in shown
    (tmp_path / "trajectkit.yaml").write_text("exclude: drafts/\n", encoding="utf-8")
    assert cli("validate", ".").exit_code == 2  # a list, not one text

"""Ctrl-C: exit 130 with one line, never a traceback, nothing half-written, from the first
import to the last rename. (A real SIGINT to a batch of plans is in test_hostile.py.)"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from plan_support import REPO

from trajectkit import atomic

ON = ("--on", "2026-10-01")
#: name: the command, writing ``out`` (a new file) or replacing it.
WRITERS = {
    "validate": lambda out: ("validate", "catalogue", "--no-cache", "--format", "json", "-o", out),
    "coverage": lambda out: ("coverage", "catalogue", "--trajectory", "OT-00214", "--format", "csv", "-o", out),
    "export-xlsx": lambda out: ("export", "catalogue", "--format", "xlsx", "-o", out),
    "export-csv": lambda out: ("export", "catalogue", "--format", "csv", "-o", out),
    "import": lambda out: ("import", "matrix.csv", "catalogue", "-o", out, "--force"),
    "match-patch": lambda out: ("match", "catalogue", *ON, "--patch", out),
    "plan": lambda out: ("plan", "catalogue", "--learner", "L-2026-0001", "--format", "html", "-o", out),
    "schema": lambda out: ("schema", "-o", out),
}


def test_ctrl_c_while_the_libraries_load_is_one_line_and_130(tmp_path: Path) -> None:
    """Ctrl-C in the first tenth of a second, while click and the rest are imported,
    printed a KeyboardInterrupt traceback. The interrupt is raised where the import of
    click happens, so the moment is exact (``--quiet --help`` needs click; ``--version``
    and ``--help`` alone are answered without it)."""
    (tmp_path / "sitecustomize.py").write_text(
        "import sys\n"
        "class Interrupt:\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        "        if name == 'click':\n"
        "            raise KeyboardInterrupt\n"
        "sys.meta_path.insert(0, Interrupt())\n",
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(tmp_path), str(REPO)])}
    for command in (
        [sys.executable, "-m", "trajectkit", "--quiet", "--help"],
        [str(Path(sys.executable).parent / "trajectkit"), "--quiet", "--help"],
    ):
        if not Path(command[0]).exists():
            continue  # the console script exists in an installed environment
        completed = subprocess.run(command, capture_output=True, text=True, env=env, timeout=120, check=False)
        assert completed.returncode == 130, completed.stderr
        assert completed.stderr.strip() == "trajectkit: interrupted"
        assert "Traceback" not in completed.stderr


@pytest.fixture
def workspace(cli, tmp_path: Path, samples: Path) -> Path:
    shutil.copytree(samples, tmp_path / "catalogue")
    assert cli("export", "catalogue", "-o", "matrix.csv").exit_code == 0
    return tmp_path


def _interrupt_at_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    """Ctrl-C just before the data reaches the disk: the worst moment for a half file."""

    def interrupted(descriptor: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "fsync", interrupted)


def files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()
    }


@pytest.mark.parametrize("name", sorted(WRITERS))
def test_ctrl_c_while_writing_leaves_nothing_half_written(cli, workspace: Path, monkeypatch, name: str) -> None:
    before = files(workspace)
    _interrupt_at_fsync(monkeypatch)
    result = cli(*WRITERS[name]("out"))
    assert result.exit_code == 130, result.output
    assert result.output.strip().splitlines()[-1] == "trajectkit: interrupted"
    assert "Traceback" not in result.output and "Aborted!" not in result.output
    after = files(workspace)
    assert after == before, sorted(set(after) - set(before))  # no new file, no .part left


@pytest.mark.parametrize("name", ["validate", "coverage", "export-csv", "match-patch"])
def test_ctrl_c_while_replacing_keeps_the_old_file(cli, workspace: Path, monkeypatch, name: str) -> None:
    assert cli(*WRITERS[name]("out")).exit_code in (0, 1)
    before = files(workspace)
    _interrupt_at_fsync(monkeypatch)
    assert cli(*WRITERS[name]("out"), "--force").exit_code == 130  # CSV carries no mark
    assert files(workspace) == before

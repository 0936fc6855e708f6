"""Lint, format and types are part of the tests: ruff and mypy, configured in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
CHECKED = ("trajectkit", "tests", "benchmarks")


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *args], cwd=REPO, capture_output=True, text=True, timeout=600, check=False
    )


@pytest.mark.parametrize(
    ("tool", "args"),
    [
        pytest.param("ruff check", ("ruff", "check", "--no-cache", *CHECKED), id="ruff-check"),
        pytest.param("ruff format", ("ruff", "format", "--check", "--no-cache", *CHECKED), id="ruff-format"),
        pytest.param("mypy", ("mypy", "--cache-dir", "/dev/null"), id="mypy"),
    ],
)
def test_the_code_is_clean(tool: str, args: tuple[str, ...]) -> None:
    completed = _run(*args)
    assert completed.returncode == 0, f"{tool} found problems:\n{completed.stdout}{completed.stderr}"

"""Shared fixtures: the repository's own folders and a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


@pytest.fixture
def samples() -> Path:
    return SAMPLES


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    """Run ``trajectkit ARGS`` in-process from an empty working directory."""
    from trajectkit.cli import main

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    # Messages and documents speak the locale's language: the tests run in the C locale
    # (English) unless they set another one.
    for name in ("LC_ALL", "LC_MESSAGES", "TRAJECTKIT_LANG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")

    def run(*args: str | Path) -> Result:
        return CliRunner().invoke(main, [str(arg) for arg in args], catch_exceptions=False)

    return run


@pytest.fixture(autouse=True)
def _messages_in_english() -> Iterator[None]:
    """Every test starts and ends with English messages: a run with ``language: nl`` or a
    Dutch locale switches the language for the rest of its process."""
    from trajectkit.translation import SOURCE_LANGUAGE, set_language

    set_language(SOURCE_LANGUAGE)
    yield
    set_language(SOURCE_LANGUAGE)

"""`trajectkit plan --on DATE`: the date printed on the plan, read like every reference date."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.plan_support import pdf_text

LEARNER = "L-2026-0003"


@pytest.fixture(autouse=True)
def no_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def _plan(cli, samples: Path, out: Path, *args: str) -> bytes:
    result = cli("plan", samples, "--learner", LEARNER, "--out", out, "--jobs", "1", *args)
    assert result.exit_code == 0, result.output
    return (out / f"{LEARNER}.pdf").read_bytes()


def test_the_same_on_gives_the_same_bytes_and_prints_that_date(cli, samples: Path, tmp_path: Path) -> None:
    first = _plan(cli, samples, tmp_path / "a", "--on", "2027-03-15")
    second = _plan(cli, samples, tmp_path / "b", "--on", "2027-03-15")
    assert first == second
    text = pdf_text(tmp_path / "a" / f"{LEARNER}.pdf")
    assert "Opgemaakt op 15 maart 2027" in text


def test_on_goes_before_the_configuration_and_the_epoch(
    cli, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1790000000")  # 2026-09-21
    config = tmp_path / "settings" / "trajectkit.yaml"  # not found from the working directory
    config.parent.mkdir()
    config.write_text("today: 2027-01-04\n", encoding="utf-8")
    _plan(cli, samples, tmp_path / "on", "--on", "2027-03-15", "--config", str(config))
    assert "Opgemaakt op 15 maart 2027" in pdf_text(tmp_path / "on" / f"{LEARNER}.pdf")
    _plan(cli, samples, tmp_path / "today", "--config", str(config))
    assert "Opgemaakt op 4 januari 2027" in pdf_text(tmp_path / "today" / f"{LEARNER}.pdf")
    _plan(cli, samples, tmp_path / "epoch")
    assert "Opgemaakt op 21 september 2026" in pdf_text(tmp_path / "epoch" / f"{LEARNER}.pdf")


def test_an_unsupported_on_is_a_usage_error(cli, samples: Path, tmp_path: Path) -> None:
    result = cli("plan", samples, "--learner", LEARNER, "--out", tmp_path / "out", "--on", "1800-01-01")
    assert result.exit_code == 2
    assert "Traceback" not in result.output

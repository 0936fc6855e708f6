"""The plan shows the current plan version, its status, change and signature dates,
a short history, and a draft says so on every page (read back with pdftotext)."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

import pytest
from plan_support import copy_samples, squash

VERSIONS = """plan_versions:
  - version: 1
    date: 2026-08-28
    status: signed
    signed: {learner: 2026-08-28, guardian: 2026-08-28, workplace: 2026-08-28, school: 2026-08-29}
  - version: 2
    date: 2027-01-15
    status: draft
    signed: {learner: 2027-01-16}
    change: Gevelisolatie verplaatst naar het opleidingscentrum
"""


@pytest.fixture(autouse=True)
def _no_build_date(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def versioned(tmp_path: Path, learner: str) -> Path:
    folder = copy_samples(tmp_path, learners=(learner,))
    path = folder / "learners" / f"{learner}.yaml"
    path.write_text(path.read_text(encoding="utf-8") + VERSIONS, encoding="utf-8")
    return folder


def pages(cli, folder: Path, learner: str, out: Path) -> list[str]:
    result = cli("plan", folder, "--learner", learner, "--out", out)
    assert result.exit_code == 0, result.output
    text = subprocess.run(
        ["pdftotext", str(out / f"{learner}.pdf"), "-"], check=True, capture_output=True, text=True
    ).stdout
    return [squash(page) for page in text.split("\f") if page.strip()]


def test_a_draft_version_is_marked_on_every_page_with_its_change_and_history(cli, tmp_path: Path) -> None:
    found = pages(cli, versioned(tmp_path, "L-2026-0001"), "L-2026-0001", tmp_path / "out")
    assert len(found) > 3
    assert all("ONTWERP" in page for page in found)
    cover = found[0]
    assert "Versie 2 van 15 januari 2027 · ONTWERP" in cover
    assert "Wijziging Gevelisolatie verplaatst naar het opleidingscentrum" in cover
    # without a build date: the latest date it reports, the learner's signature of version 2
    assert "Opgemaakt op 16 januari 2027" in cover
    last = found[-1]
    assert "Versies van het plan" in last
    assert "Lerende: 28 augustus 2026 Ouder of voogd: 28 augustus 2026" in last
    assert "School: 29 augustus 2026" in last
    assert "(huidig)" in last and "Ontwerp" in last and "Gevelisolatie verplaatst" in last
    assert "Lerende: 16 januari 2027 Ouder of voogd: nog niet Onderneming: nog niet School: nog niet" in last
    assert "Datum 16 januari 2027" in last  # the learner's signature block of the current version


def test_an_english_draft_says_draft(cli, tmp_path: Path) -> None:
    found = pages(cli, versioned(tmp_path, "L-2026-0004"), "L-2026-0004", tmp_path / "out")
    assert all("DRAFT" in page for page in found)
    assert "Version 2 of 15 January 2027 · DRAFT" in found[0]
    assert "Plan versions" in found[-1] and "2 (current)" in found[-1]
    assert "Parent or guardian" not in found[-1]  # an adult learner signs alone


def test_on_an_earlier_date_the_signed_version_is_current_and_no_page_says_draft(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1796083200")  # 2026-12-01
    found = pages(cli, versioned(tmp_path, "L-2026-0001"), "L-2026-0001", tmp_path / "out")
    assert not any("ONTWERP" in page for page in found)
    assert "Versie 1 van 28 augustus 2026 · Ondertekend" in found[0]
    assert "Opgemaakt op 1 december 2026" in found[0]
    assert "(huidig)" in found[-1] and "Versies van het plan" in found[-1]
    assert "Gevelisolatie" not in " ".join(found)  # version 2 comes later


def test_a_plan_without_versions_shows_none(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import trajectkit.dates

    monkeypatch.setattr(trajectkit.dates, "today", lambda: dt.date(2026, 10, 1))  # no date given: today
    folder = copy_samples(tmp_path, learners=("L-2026-0001",))
    found = pages(cli, folder, "L-2026-0001", tmp_path / "out")
    text = " ".join(found)
    assert "Versie" not in text and "ONTWERP" not in text
    assert "Opgemaakt op 13 november 2026" in found[0]  # the last competence attained, after the start

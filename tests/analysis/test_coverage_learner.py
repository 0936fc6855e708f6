"""`trajectkit coverage --learner`: one learner's map on the effective trajectory, beside the standard one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

TRAJECTORY = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"
LEARNER = "learners/L-2026-0003.yaml"  # at WP-0002, which cannot offer bkc0051300
COMPETENCES = 28  # professional competences of OT-00214


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def catalogue(tmp_path: Path, samples: Path) -> Path:
    """The samples with bkc0051300 (gipsblokken) taught only at the workplace."""
    target = tmp_path / "catalogue"
    shutil.copytree(samples, target)
    _edit(
        target / TRAJECTORY,
        "  - competence: bkc0051300    # Gipsblokken (also taught at school: not every company places them)\n"
        "    at: [school, werkplek]",
        "  - competence: bkc0051300\n    at: [werkplek]",
    )
    return target


def _adjust(catalogue: Path) -> None:
    """L-2026-0003 learns bkc0051300 at school instead, and works 2 hours a week less."""
    _edit(
        catalogue / LEARNER,
        "weekly_rhythm:",
        "hours_per_week: {school: 12, opleidingscentrum: 2, werkplek: 20}\n"
        "adjustments:\n"
        "  - competence: bkc0051300\n"
        "    at: [school]\n"
        "    reason: De werkplek plaatst geen gipsblokken\n"
        "weekly_rhythm:",
    )


def _places(data: dict, key: str) -> dict[str, dict]:
    return {place["id"]: place for place in data[key]}


def test_an_adjustment_changes_the_learners_shares_by_one_competence(cli, catalogue: Path) -> None:
    standard = json.loads(cli("coverage", catalogue, "--trajectory", "OT-00214", "--format", "json").output)
    _adjust(catalogue)
    result = cli("coverage", catalogue, "--learner", "L-2026-0003", "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["learner"] == "L-2026-0003"
    own, beside = _places(data, "places"), _places(data, "standard_places")
    assert beside == _places(standard, "places")
    assert beside["werkplek"]["competences_learned"] == 24
    assert own["werkplek"]["competences_learned"] == 23
    assert beside["school"]["competences_learned"] == 24
    assert own["school"]["competences_learned"] == 25
    assert own["werkplek"]["competence_share"] == round(23 / COMPETENCES, 4)
    assert own["werkplek"]["competence_share"] - beside["werkplek"]["competence_share"] == pytest.approx(
        -1 / COMPETENCES, abs=1e-4
    )
    # her own hours: 20 of 34 at the workplace, against 22 of 36 in the standard
    assert own["werkplek"]["hours_share"] == round(20 / 34, 4)
    assert beside["werkplek"]["hours_share"] == round(22 / 36, 4)


def test_the_same_adjustment_silences_workplace_cannot_offer_for_that_learner(cli, catalogue: Path) -> None:
    before = cli("validate", catalogue)
    assert "[workplace-cannot-offer]" in before.output and "L-2026-0003" in before.output
    _adjust(catalogue)
    after = cli("validate", catalogue)
    assert "[workplace-cannot-offer]" not in after.output, after.output


def test_text_shows_the_standard_share_beside_the_learners(cli, catalogue: Path) -> None:
    _adjust(catalogue)
    result = cli("coverage", catalogue, "--learner", "L-2026-0003")
    assert result.exit_code == 0, result.output
    assert "learner L-2026-0003: the effective trajectory" in result.output
    werkplek = next(line for line in result.output.splitlines() if line.startswith("werkplek "))
    # own: 20 h, 59 % of the hours, 23 competences (82 %); standard: 61 % and 86 %
    assert werkplek.split()[2:6] == ["20", "59", "%", "23"]
    assert werkplek.split()[-4:] == ["61", "%", "86", "%"]


def test_a_standard_map_is_unchanged_by_the_learner_option(cli, catalogue: Path) -> None:
    result = cli("coverage", catalogue, "--trajectory", "OT-00214", "--format", "json")
    assert "learner" not in json.loads(result.output)
    assert "std hours" not in cli("coverage", catalogue, "--trajectory", "OT-00214").output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((), "--learner ID"),
        (("--learner", "L-9999-0001"), "no learner 'L-9999-0001'"),
        (("--learner", "L-2026-0003", "--trajectory", "OT-99999"), "follows OT-00214, not OT-99999"),
    ],
)
def test_usage_errors(cli, catalogue: Path, args: tuple[str, ...], message: str) -> None:
    result = cli("coverage", catalogue, *args)
    assert result.exit_code == 2
    assert message in result.output

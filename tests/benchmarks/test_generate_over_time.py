"""benchmarks/generate.py --over-time: evaluations, plan versions and early endings that
validate with 0 errors, in realistic shares, the same bytes for the same seed."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

import generate
import pytest

SMALL = ["--qualifications", "9", "--trajectories", "14", "--workplaces", "60", "--learners", "400"]


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def learners_text(folder: Path) -> str:
    return "".join(path.read_text(encoding="utf-8") for path in sorted((folder / "learners").glob("*.yaml")))


@pytest.fixture(scope="module")
def over_time(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("over-time") / "catalogue"
    assert generate.main([*SMALL, "--seed", "3", "--over-time", "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("today", [None, "2027-06-01", "2029-01-01"])
def test_validates_with_0_errors_and_no_overdue_evaluation(cli, over_time: Path, tmp_path: Path, today) -> None:
    options = []
    if today:
        (tmp_path / "trajectkit.yaml").write_text(f"today: {today}\n", encoding="utf-8")
        options = ["--config", tmp_path / "trajectkit.yaml"]
    result = cli("validate", over_time, "--format", "json", *options)
    data = json.loads(result.output)
    rules = Counter(problem["rule"] for problem in data["problems"])
    assert data["summary"]["errors"] == 0, rules
    # warnings: mentors past their training year (as without --over-time) and drafts to sign
    assert set(rules) <= {"mentor-training-overdue", "plan-unsigned"}


def test_realistic_shares(over_time: Path) -> None:
    text = learners_text(over_time)
    placed = text.count("\nworkplace: WP-")
    ended = re.findall(r"ended_on: (\S+), end_reason: ([a-z-]+)\}", text)
    assert 0.10 <= len(ended) / placed <= 0.25  # about one agreement in six stops early
    assert len({reason for _, reason in ended}) >= 4
    assert text.count("plan_versions:") == placed  # every placed learner's plan is signed
    revised = text.count("  - version: 2")
    assert 0.2 <= revised / placed <= 0.45
    trajectories = [path.read_text(encoding="utf-8") for path in (over_time / "trajectories").glob("*.yaml")]
    assert all("evaluation_moments:\n  - {id: E1, title: Evaluatie 1, week: 8" in t for t in trajectories)
    # every learner, but those whose agreement stopped before the first moment (week 8)
    assert 390 <= text.count("evaluations:") <= text.count("kind: Learner") == 400


def test_stats_counts_the_generated_endings(cli, over_time: Path) -> None:
    ended = len(re.findall(r"ended_on: (\S+)", learners_text(over_time)))
    result = cli("stats", over_time, "--on", "2031-01-01", "--format", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["terminations"]["total"] == ended


def test_same_seed_same_bytes_and_without_the_options_nothing_of_it(tmp_path: Path) -> None:
    for name, seed in (("a", "5"), ("b", "5")):
        generate.main([*SMALL, "--seed", seed, "--over-time", "--out", str(tmp_path / name)])
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    generate.main([*SMALL, "--seed", "5", "--out", str(tmp_path / "plain")])
    text = learners_text(tmp_path / "plain")
    assert "evaluations:" not in text and "plan_versions:" not in text and "ended_on" not in text
    # the catalogue itself is the same one: the history is drawn apart
    plain, rich = digest(tmp_path / "plain"), digest(tmp_path / "a")
    assert [name for name in plain if plain[name] == rich[name]] == [
        name for name in plain if name.startswith(("qualifications/", "workplaces/", "providers/"))
    ]


def test_one_option_alone(tmp_path: Path) -> None:
    generate.main([*SMALL, "--seed", "4", "--terminations", "0.5", "--out", str(tmp_path / "ended")])
    text = learners_text(tmp_path / "ended")
    assert "ended_on" in text and "evaluations:" not in text and "plan_versions:" not in text
    placed = text.count("\nworkplace: WP-")
    assert 0.4 <= text.count("ended_on") / placed <= 0.6

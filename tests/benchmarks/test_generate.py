"""benchmarks/generate.py: seeded synthetic catalogues that validate, or with known problems."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path

import generate

REPO = Path(__file__).resolve().parents[2]

SMALL = ["--qualifications", "9", "--trajectories", "14", "--workplaces", "50", "--learners", "120"]


def digest(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_generated_catalogue_validates_clean(cli, tmp_path: Path) -> None:
    out = tmp_path / "catalogue"
    assert generate.main([*SMALL, "--seed", "3", "--out", str(out)]) == 0
    assert not (out / "expected.json").exists()
    result = cli("validate", out)
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 errors, 0 warnings in " + str(len(list(out.rglob("*.yaml")))) + " files")
    learners = list((out / "learners").glob("*.yaml"))
    text = "".join(path.read_text(encoding="utf-8") for path in learners)
    assert text.count("kind: Learner") == 120 and len(learners) == 2  # 100 to a file
    assert "workplace: WP-" in text and text.count("kind: Learner") > text.count("workplace: WP-")  # placed and waiting


def test_same_seed_same_files_other_seed_other_files(tmp_path: Path) -> None:
    for name, seed in (("a", "5"), ("b", "5"), ("c", "6")):
        generate.main([*SMALL, "--seed", seed, "--out", str(tmp_path / name)])
    assert digest(tmp_path / "a") == digest(tmp_path / "b")
    assert digest(tmp_path / "a") != digest(tmp_path / "c")


def test_planted_problems_are_found_as_expected(cli, tmp_path: Path) -> None:
    out = tmp_path / "planted"
    generate.main([*SMALL, "--seed", "8", "--plant-problems", "2", "--out", str(out)])
    expected = json.loads((out / "expected.json").read_text(encoding="utf-8"))
    assert set(expected) == set(generate.Planter.RULES) and set(expected.values()) == {2}
    result = cli("validate", out, "--format", "json")
    assert result.exit_code == 1
    found = Counter(problem["rule"] for problem in json.loads(result.output)["problems"])
    # exactly the planted problems: no rule more, none fewer, nothing else
    assert dict(found) == expected


def test_regenerating_replaces_the_old_files(tmp_path: Path) -> None:
    out = tmp_path / "catalogue"
    generate.main([*SMALL, "--plant-problems", "1", "--out", str(out)])
    generate.main(
        ["--qualifications", "2", "--trajectories", "3", "--workplaces", "5", "--learners", "5", "--out", str(out)]
    )
    assert not (out / "expected.json").exists()
    assert len(list((out / "trajectories").glob("*.yaml"))) == 3

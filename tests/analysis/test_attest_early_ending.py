"""`trajectkit attest` after an early ending (stopzetting): what the learner takes away."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml

TRAJECTORY_FILE = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"
LEARNER = "L-2026-0002"


@pytest.fixture
def catalogue(tmp_path: Path, samples: Path) -> Path:
    target = tmp_path / "catalogue"
    shutil.copytree(samples, target)
    return target


def write_learner(catalogue: Path, agreement: object, attained: dict[str, str]) -> None:
    path = catalogue / "learners" / f"{LEARNER}.yaml"
    data = yaml.safe_load(path.read_text())
    data["agreement"] = agreement
    data["attained"] = [{"competence": ident, "date": day} for ident, day in attained.items()]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def clusters(catalogue: Path) -> dict[str, list[str]]:
    data = yaml.safe_load((catalogue / TRAJECTORY_FILE).read_text())
    return {cluster["id"]: cluster["competences"] for cluster in data["clusters"]}


def attained_before_and_after(catalogue: Path) -> dict[str, str]:
    """CL1 and CL2 (partial qualification DBK-01) by March 2027, CL3 (which completes
    DBK-02 with CL1) in May 2027."""
    found = clusters(catalogue)
    attained = dict.fromkeys(found["CL1"] + found["CL2"], "2027-03-15")
    attained.update(dict.fromkeys(found["CL3"], "2027-05-15"))
    return attained


def attest_json(cli, catalogue: Path) -> dict:
    result = cli("attest", catalogue, "--learner", LEARNER, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_without_an_ending_everything_attained_counts(cli, catalogue: Path) -> None:
    attained = attained_before_and_after(catalogue)
    write_learner(catalogue, "OAO", attained)
    data = attest_json(cli, catalogue)
    assert data["ended"] is None and len(data["held"]) == len(attained)
    partial = [item["qualification"] for item in data["earned"] if item["type"] == "partial-qualification"]
    assert partial == ["BK-0130-5-DBK-01", "BK-0130-5-DBK-02"]


def test_after_an_early_ending_only_what_was_attained_up_to_that_day_counts(cli, catalogue: Path) -> None:
    found = clusters(catalogue)
    attained = attained_before_and_after(catalogue)
    agreement = {"type": "OAO", "ended_on": "2027-03-31", "end_reason": "by-learner"}
    write_learner(catalogue, agreement, attained)
    data = attest_json(cli, catalogue)
    assert data["ended"] == {"on": "2027-03-31", "reason": "by-learner"}
    assert len(data["held"]) == len(found["CL1"] + found["CL2"]) == 13
    assert data["highest"] == "partial-qualification"
    earned = [(item["type"], item["qualification"]) for item in data["earned"]]
    assert earned == [("partial-qualification", "BK-0130-5-DBK-01"), ("proof-of-competences", None)]
    other = next(item for item in data["certificates"] if item["qualification"] == "BK-0130-5-DBK-02")
    assert other["earned"] is False and [m["competence"] for m in other["missing"]] == found["CL3"]
    text = cli("attest", catalogue, "--learner", LEARNER).output
    assert "ended early on 2027-03-31 (by the learner)" in text
    assert "holds 13 competence(s): 13 attained, 0 exempted" in text


def test_an_ending_on_an_earlier_placement_is_no_ending(cli, catalogue: Path) -> None:
    attained = attained_before_and_after(catalogue)
    path = catalogue / "learners" / f"{LEARNER}.yaml"
    data = yaml.safe_load(path.read_text())
    for key in ("workplace", "mentor", "agreement"):
        data.pop(key)
    data["placements"] = [
        {
            "workplace": "WP-0001",
            "mentor": "M-02",
            "until": "2027-06-30",
            "agreement": {"type": "OAO", "ended_on": "2027-03-31", "end_reason": "by-company"},
        },
        {"workplace": "WP-0003", "mentor": "M-04", "from": "2027-09-01", "agreement": {"type": "OAO"}},
    ]
    data["attained"] = [{"competence": ident, "date": day} for ident, day in attained.items()]
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    data = attest_json(cli, catalogue)
    assert data["ended"] is None and len(data["held"]) == len(attained)


@pytest.mark.parametrize(("language", "words"), [("en", "Agreement ended early"), ("nl", "stopgezet")])
def test_the_pdf_names_the_early_ending(cli, catalogue: Path, tmp_path: Path, language: str, words: str) -> None:
    import subprocess

    attained = attained_before_and_after(catalogue)
    write_learner(catalogue, {"type": "OAO", "ended_on": "2027-03-31", "end_reason": "mutual"}, attained)
    out = tmp_path / "attest.pdf"
    result = cli(
        "attest",
        catalogue,
        "--learner",
        LEARNER,
        "--format",
        "pdf",
        "-o",
        out,
        "--on",
        "2027-04-02",
        "--lang",
        language,
    )
    assert result.exit_code == 0, result.output
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True, check=True).stdout
    assert words in text and ("31" in text and "2027" in text)

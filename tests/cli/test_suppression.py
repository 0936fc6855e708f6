"""Inline suppression end to end: `# trajectkit: disable-line=RULE` and `# trajectkit: disable=RULE`."""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

TRAJECTORY = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"
CL2 = "    competences: [bkc0051287, bkc0051288, bkc0051289, bkc0051290, bkc0051291]"
CL4 = "    competences: [bkc0051292, bkc0051293, bkc0051294, bkc0051295, bkc0051302]"


def _overlapping(tmp_path: Path, samples: Path, cl2_comment: str = "", cl4_comment: str = "") -> Path:
    """The samples with two cluster overlaps (CL2 and CL4 each repeat a competence of CL1)."""
    folder = tmp_path / "catalogue"
    shutil.copytree(samples, folder)
    path = folder / TRAJECTORY
    text = path.read_text(encoding="utf-8")
    text = text.replace(CL2, CL2[:-1] + ", bkc0051279]" + cl2_comment, 1)
    text = text.replace(CL4, CL4[:-1] + ", bkc0051280]" + cl4_comment, 1)
    path.write_text(text, encoding="utf-8")
    return folder


def _rules(result) -> list[str]:
    return [line.split("[", 1)[1].split("]", 1)[0] for line in result.stdout.splitlines() if " [" in line]


def test_disable_line_silences_exactly_one_finding(cli, tmp_path: Path, samples: Path) -> None:
    loud = cli("validate", _overlapping(tmp_path / "a", samples), "--no-cache")
    assert _rules(loud) == ["cluster-overlap", "cluster-overlap"]
    folder = _overlapping(tmp_path / "b", samples, cl2_comment="  # trajectkit: disable-line=cluster-overlap")
    quiet = cli("validate", folder, "--no-cache", "--strict")
    assert _rules(quiet) == ["cluster-overlap"]
    assert ":44:" in quiet.stdout  # the CL4 one stays
    assert quiet.stdout.splitlines()[-1] == "0 errors, 1 warning in 16 files (1 suppressed)"
    assert quiet.exit_code == 1  # --strict: the other warning still counts

    report = json.loads(cli("validate", folder, "--no-cache", "--format", "json").stdout)
    marks = [(problem["line"], problem.get("suppressed", False)) for problem in report["problems"]]
    assert marks == [(37, True), (44, False)]
    assert report["summary"]["warnings"] == 1 and report["summary"]["suppressed"] == 1

    sarif = json.loads(cli("validate", folder, "--no-cache", "--format", "sarif").stdout)
    results = sarif["runs"][0]["results"]
    assert [result.get("suppressions") for result in results] == [[{"kind": "inSource"}], None]

    github = cli("validate", folder, "--no-cache", "--format", "github").stdout
    assert github.count("::warning") == 1 and "line=44" in github
    junit = cli("validate", folder, "--no-cache", "--format", "junit", "--strict").stdout
    assert ET.fromstring(junit).get("failures") == "1" and ":44:" in junit and ":37:" not in junit


def test_disable_on_its_own_line_covers_the_rest_of_the_file(cli, tmp_path: Path, samples: Path) -> None:
    folder = _overlapping(tmp_path, samples)
    path = folder / TRAJECTORY
    text = path.read_text(encoding="utf-8").replace(
        "  - id: CL4\n", "  # trajectkit: disable=cluster-overlap\n  - id: CL4\n"
    )
    path.write_text(text, encoding="utf-8")
    result = cli("validate", folder, "--no-cache")
    assert _rules(result) == ["cluster-overlap"] and ":37:" in result.stdout


def test_an_unused_suppression_warns(cli, tmp_path: Path, samples: Path) -> None:
    folder = tmp_path / "catalogue"
    shutil.copytree(samples, folder)
    path = folder / TRAJECTORY
    text = path.read_text(encoding="utf-8").replace(CL2, CL2 + "  # trajectkit: disable-line=cluster-overlap", 1)
    path.write_text(text, encoding="utf-8")
    result = cli("validate", folder, "--no-cache")
    assert result.exit_code == 0
    assert f"{folder / TRAJECTORY}:37:80: warning [unused-suppression] disable-line=cluster-overlap suppresses " in (
        result.stdout
    )
    assert result.stdout.splitlines()[-1] == "0 errors, 1 warning in 16 files"
    assert cli("validate", folder, "--strict").exit_code == 1


def test_a_stored_report_keeps_its_suppressions(cli, tmp_path: Path, samples: Path) -> None:
    folder = _overlapping(tmp_path, samples, cl2_comment="  # trajectkit: disable-line=cluster-overlap")
    first, second = (cli("validate", folder, "--format", "json").stdout for _ in range(2))
    assert list((tmp_path / ".trajectkit-cache").rglob("*.json"))
    assert second == first and '"suppressed": true' in second

"""CI output: GitHub's step summary, SARIF, JUnit, GitLab Code Quality, and the example pipelines."""

from __future__ import annotations

import io
import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
import yaml
from readme_snippets import commands

from trajectkit.problems import Level, Problem
from trajectkit.reporters.codequality import CodeQualityReporter, fingerprint
from trajectkit.reporters.markdown import MarkdownReporter, render
from trajectkit.validation.report import Report

REPO = Path(__file__).resolve().parents[2]
SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-2.1.0.schema.json"
TRAJECTORY = "catalogue/trajectories/OT-00214-afwerking-bouw-duaal.yaml"
ROW = re.compile(r"^\| (❌ error|⚠️ warning) \| `([^`]+)` \| (\d+):(\d+) \| `([a-z-]+)` \| (.*) \|$")


@pytest.fixture
def broken(tmp_path: Path, samples: Path, cli) -> list[int]:
    """The samples as ``catalogue/`` with every workplace-and-school assessment made
    workplace-only: one school-not-assessing error per changed line (their numbers)."""
    shutil.copytree(samples, tmp_path / "catalogue")
    path = tmp_path / TRAJECTORY
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    changed = []
    for number, line in enumerate(lines, start=1):
        if line == "    assessed_by: [school, werkplek]\n":
            lines[number - 1] = "    assessed_by: [werkplek]\n"
            changed.append(number)
    path.write_text("".join(lines), encoding="utf-8")
    assert len(changed) > 10  # more than GitHub shows as annotations
    return changed


def summary_rows(text: str) -> list[tuple[str, ...]]:
    return [match.groups() for match in map(ROW.match, text.splitlines()) if match]


# --- step summary ---------------------------------------------------------------


def test_step_summary_lists_every_problem_and_appends(
    cli, broken: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("## an earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    result = cli("validate", "catalogue")  # --format auto: annotations under GitHub Actions
    assert result.exit_code == 1
    assert result.output.count("::error ") == len(broken)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## an earlier step\n### ❌ trajectkit validate: ")
    rows = summary_rows(text)
    assert len(rows) == len(broken)
    # Each problem points at the assessed_by key that was changed.
    assert [(int(row[2]), int(row[3])) for row in rows] == [(number, 5) for number in broken]
    assert {(row[0], row[1], row[4]) for row in rows} == {("❌ error", TRAJECTORY, "school-not-assessing")}
    # A second run (a cache hit) appends a second summary rather than replacing the first.
    cli("validate", "catalogue")
    assert len(summary_rows(summary.read_text(encoding="utf-8"))) == 2 * len(broken)


def test_step_summary_only_from_the_run_that_prints(
    cli, broken: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    cli("validate", "catalogue", "--format", "sarif", "--output", "out.sarif")
    assert not summary.exists()
    cli("validate", "catalogue", "--format", "json")
    assert len(summary_rows(summary.read_text(encoding="utf-8"))) == len(broken)


def test_step_summary_of_a_clean_catalogue(cli, samples: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    assert cli("validate", samples).exit_code == 0
    assert summary.read_text(encoding="utf-8") == "### ✅ trajectkit validate: 0 errors, 0 warnings in 16 files\n\n"


def test_markdown_cells_cannot_break_the_table() -> None:
    message = "a | b <script>alert(1)</script> *not bold* `x`\nsecond line"
    report = Report(problems=(Problem("d|ir/a`b.yaml", 3, 4, "schema", Level.WARNING, message),), files=("a.yaml",))
    text = render(report)
    (row,) = [line for line in text.splitlines() if line.startswith("| ⚠️")]
    # Five cells: six column bars that are not escaped.
    assert len(re.findall(r"(?<!\\)\|", row)) == 6
    assert "<script>" not in row and "&lt;script&gt;" in row
    assert "\\*not bold\\*" in row and "<br>second line" in row
    assert text.startswith("### ⚠️ trajectkit validate: 0 errors, 1 warning in 1 file")


def test_summary_stops_below_the_size_limit_and_says_how_many_are_left() -> None:
    problems = tuple(Problem("a.yaml", line, 1, "schema", Level.ERROR, "x" * 100) for line in range(1, 101))
    report = Report(problems=problems, files=("a.yaml",))
    full = render(report)
    assert len(summary_rows(full)) == 100
    stream = io.StringIO()
    MarkdownReporter(limit=5_000).write(report, stream)
    cut = stream.getvalue()
    shown = len(summary_rows(cut))
    assert 0 < shown < 100
    assert len(cut.encode("utf-8")) <= 5_000
    assert f"… and {100 - shown} more problems not shown" in cut


# --- SARIF, JUnit, Code Quality through the CLI -----------------------------------------


def test_sarif_from_the_cli_matches_the_official_schema(cli, broken: list[int], tmp_path: Path) -> None:
    assert cli("validate", "catalogue", "--format", "sarif", "-o", "out.sarif").exit_code == 1
    log = json.loads((tmp_path / "out.sarif").read_text(encoding="utf-8"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema)
    errors = [error.message for error in validator.iter_errors(log)]
    assert errors == []
    results = log["runs"][0]["results"]
    assert len(results) == len(broken)
    lines = [result["locations"][0]["physicalLocation"]["region"]["startLine"] for result in results]
    assert lines == broken


def test_junit_from_the_cli_parses_and_counts(cli, broken: list[int], tmp_path: Path) -> None:
    assert cli("validate", "catalogue", "--format", "junit", "-o", "junit.xml").exit_code == 1
    root = ET.parse(tmp_path / "junit.xml").getroot()
    cases = root.findall("testsuite/testcase")
    assert len(cases) == 16  # one per file read
    failures = root.findall("./testsuite/testcase/failure")
    assert len(failures) == 1 == int(root.get("failures", "-1"))  # one file fails
    (case,) = [case for case in cases if case.get("name") == TRAJECTORY]
    (failure,) = case.findall("failure")
    assert (failure.text or "").count("[school-not-assessing]") == len(broken)


def test_codequality_from_the_cli(cli, broken: list[int], tmp_path: Path) -> None:
    assert cli("validate", "catalogue", "--format", "codequality", "-o", "cq.json").exit_code == 1
    issues = json.loads((tmp_path / "cq.json").read_text(encoding="utf-8"))
    assert len(issues) == len(broken)
    assert {issue["severity"] for issue in issues} == {"major"}
    assert [issue["location"]["lines"]["begin"] for issue in issues] == broken
    assert {issue["location"]["path"] for issue in issues} == {TRAJECTORY}
    assert {issue["check_name"] for issue in issues} == {"school-not-assessing"}
    assert len({issue["fingerprint"] for issue in issues}) == len(issues)
    # Stable: the same problems from an uncached run give the same fingerprints.
    cli("validate", "catalogue", "--format", "codequality", "-o", "again.json", "--no-cache")
    assert json.loads((tmp_path / "again.json").read_text(encoding="utf-8")) == issues


def test_codequality_fingerprint_and_severity() -> None:
    problem = Problem("a.yaml", 3, 5, "schema", Level.WARNING, "m")
    import hashlib

    assert fingerprint(problem) == hashlib.sha256(b"a.yaml\x003\x005\x00schema\x00m").hexdigest()
    assert fingerprint(problem) != fingerprint(Problem("a.yaml", 3, 6, "schema", Level.WARNING, "m"))
    stream = io.StringIO()
    CodeQualityReporter().write(Report(problems=(problem,), files=("a.yaml",)), stream)
    (issue,) = json.loads(stream.getvalue())
    assert issue == {
        "description": "[schema] m",
        "check_name": "schema",
        "fingerprint": fingerprint(problem),
        "severity": "minor",
        "location": {"path": "a.yaml", "lines": {"begin": 3}},
    }


# --- the example pipelines -------------------------------------------------------


def test_github_workflow_runs_and_uploads_sarif(
    cli, broken: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    workflow = yaml.safe_load((REPO / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
    (job,) = workflow["jobs"].values()
    assert workflow["permissions"]["security-events"] == "write"
    steps = job["steps"]
    runs = [step["run"] for step in steps if "run" in step and "trajectkit validate" in step["run"]]
    (upload,) = [step for step in steps if step.get("uses", "").startswith("github/codeql-action/upload-sarif@")]
    assert upload["if"] == "${{ !cancelled() }}"
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    formats = []
    for run in runs:
        for args in commands(run):
            result = cli(*args)
            assert result.exit_code == 1, result.output
            formats.append(args[args.index("--format") + 1])
    assert formats == ["github", "sarif"]
    sarif = json.loads((tmp_path / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert len(sarif["runs"][0]["results"]) == len(broken)
    # One summary, from the run that printed annotations, with every problem.
    assert len(summary_rows(summary.read_text(encoding="utf-8"))) == len(broken)


def test_gitlab_job_writes_the_reports_it_declares(cli, broken: list[int], tmp_path: Path) -> None:
    pipeline = yaml.safe_load((REPO / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))
    job = pipeline["trajectkit"]
    reports = job["artifacts"]["reports"]
    assert job["artifacts"]["when"] == "always"
    for line in job["script"]:
        for args in commands(line):
            assert cli(*args).exit_code == 1
    junit = ET.parse(tmp_path / reports["junit"]).getroot()
    assert int(junit.get("failures", "-1")) == 1  # the one file with errors
    assert "".join(failure.text or "" for failure in junit.iter("failure")).count("\n") + 1 == len(broken)
    quality = json.loads((tmp_path / reports["codequality"]).read_text(encoding="utf-8"))
    assert len(quality) == len(broken)

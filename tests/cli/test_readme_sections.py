"""The README's "Use in CI", "Use in your editor" and "Use with spreadsheets" snippets, run.

Each test finds its section by heading and fails when README.md has no such section.
The pre-commit configuration is run for real in test_precommit_hook.py (slow).
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml
from readme_snippets import commands, section, snippets

from trajectkit.validation.cache import ENTRIES

REPO = Path(__file__).resolve().parents[2]
TRAJECTORY = "trajectories/OT-00214-afwerking-bouw-duaal.yaml"


@pytest.fixture
def workspace(tmp_path: Path, samples: Path, cli) -> Path:
    """``samples/`` as in the repository and ``catalogue/``, a copy with one error."""
    shutil.copytree(samples, tmp_path / "samples")
    shutil.copytree(samples, tmp_path / "catalogue")
    path = tmp_path / "catalogue" / TRAJECTORY
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("assessed_by: [school, werkplek]", "assessed_by: [werkplek]", 1), encoding="utf-8")
    return tmp_path


def named(blocks, name: str):
    found = [block for block in blocks if block.file_name == name]
    assert found, f"no snippet for {name}"
    return found[0]


def shell(blocks) -> list[list[str]]:
    return [args for block in blocks if block.language in ("sh", "console", "bash") for args in commands(block.text)]


def test_ci_precommit_snippet_uses_the_hook_of_this_repository() -> None:
    config = yaml.safe_load(named(snippets(section("Use in CI")), ".pre-commit-config.yaml").text)
    hooks = {hook["id"]: hook for hook in yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))}
    (repo,) = config["repos"]
    assert {"repo", "rev", "hooks"} <= set(repo)
    (hook,) = repo["hooks"]
    assert hook["id"] in hooks and hooks[hook["id"]]["pass_filenames"] is False
    assert hook["args"], "name the catalogue folder, or the whole repository is read"


def test_every_snippet_names_the_release_of_this_version(cli) -> None:
    """The pre-commit ``rev:`` and the ``@v…`` of the pip installs name the tag of the
    release the README describes, ``v`` + ``trajectkit --version``: bump them together."""
    version = cli("--version").stdout.strip().rsplit(" ", 1)[-1]
    config = yaml.safe_load(named(snippets(section("Use in CI")), ".pre-commit-config.yaml").text)
    revs = [repo["rev"] for repo in config["repos"]]
    texts = [
        section("Use in CI"),
        (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"),
        *(
            (REPO / "docs" / "ci" / name).read_text(encoding="utf-8")
            for name in ("github-actions.yml", "gitlab-ci.yml")
        ),
    ]
    pins = re.findall(r"trajectkit/trajectkit@(v[^\s\"']+)", "".join(texts))
    revs += re.findall(r"rev: (\S+)", texts[1])
    assert len(pins) >= 3 and len(revs) >= 2
    assert set(revs) | set(pins) == {f"v{version}"}


def test_ci_github_steps_run_and_match_the_example_workflow(
    cli, workspace: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    block = named(snippets(section("Use in CI")), ".github/workflows/trajectkit.yml")
    steps = yaml.safe_load(textwrap.dedent(block.text))
    workflow = (REPO / "docs" / "ci" / "github-actions.yml").read_text(encoding="utf-8")
    summary = workspace / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    for step in steps:
        if "run" in step:
            assert step["run"] in workflow  # the README shows the workflow's own steps
            for args in commands(step["run"]):
                assert cli(*args).exit_code == 1
    (upload,) = [step for step in steps if "upload-sarif" in step.get("uses", "")]
    sarif = json.loads((workspace / upload["with"]["sarif_file"]).read_text(encoding="utf-8"))
    assert [result["ruleId"] for result in sarif["runs"][0]["results"]] == ["school-not-assessing"]
    assert "school-not-assessing" in summary.read_text(encoding="utf-8")


def test_ci_gitlab_job_runs_and_matches_the_example(cli, workspace: Path) -> None:
    job = yaml.safe_load(named(snippets(section("Use in CI")), ".gitlab-ci.yml").text)["trajectkit"]
    example = yaml.safe_load((REPO / "docs" / "ci" / "gitlab-ci.yml").read_text(encoding="utf-8"))["trajectkit"]
    assert job["script"] == example["script"] and job["artifacts"] == example["artifacts"]
    for line in job["script"]:
        for args in commands(line):
            assert cli(*args).exit_code == 1
    reports = job["artifacts"]["reports"]
    assert ET.parse(workspace / reports["junit"]).getroot().get("failures") == "1"
    assert len(json.loads((workspace / reports["codequality"]).read_text(encoding="utf-8"))) == 1


def test_ci_cache_commands(cli, workspace: Path) -> None:
    runs = shell(snippets(section("Use in CI")))
    assert runs and all(args[0] == "validate" for args in runs)
    outputs = [cli(*args) for args in runs]
    assert all(result.exit_code == 0 for result in outputs)
    assert len({result.output for result in outputs}) == 1
    reports = (workspace / ".trajectkit-cache" / ENTRIES).glob("*.json")
    assert len(list(reports)) == 1  # the second run was a hit (beside one entry per file read)
    explicit = [args for args in runs if "--cache-dir" in args]
    for args in explicit:
        assert list((workspace / args[args.index("--cache-dir") + 1]).rglob("*.json"))


def test_editor_commands_and_modeline(cli, workspace: Path) -> None:
    blocks = snippets(section("Use in your editor"))
    runs = shell(blocks)
    assert {args[0] for args in runs} == {"schema", "init"}
    for args in runs:
        result = cli(*args)
        assert result.exit_code == 0, result.output
        if args[0] == "init":
            folder = workspace / args[1]
            assert cli("validate", folder, "--config", folder / "trajectkit.yaml", "--strict").exit_code == 0
        elif "--out" in args:
            assert (workspace / args[args.index("--out") + 1] / "standard-trajectory.schema.json").is_file()
        else:
            assert json.loads(result.output)["title"]
    (modeline,) = [block for block in blocks if block.language == "yaml"]
    first, kind_line = modeline.text.splitlines()[:2]
    target = first.split("$schema=", 1)[1]
    # The path is relative to a file in trajectories/, next to the exported schemas/.
    schema = json.loads((workspace / "trajectories" / target).resolve().read_text(encoding="utf-8"))
    assert schema["properties"]["kind"]["const"] == kind_line.split(": ")[1]


def test_spreadsheet_commands_round_trip(cli, workspace: Path) -> None:
    blocks = snippets(section("Use with spreadsheets"))
    csv_block = named(blocks, "competences.csv")
    (workspace / "competences.csv").write_text(csv_block.text, encoding="utf-8")
    runs = shell(blocks)
    assert [args[0] for args in runs] == ["export", "import", "import-competences"]
    for args in runs:
        result = cli(*args)
        assert result.exit_code == 0, result.output
    imported = runs[1][runs[1].index("--out") + 1]
    assert (workspace / imported).read_bytes() == (workspace / "samples" / TRAJECTORY).read_bytes()
    qualification = runs[2][runs[2].index("--out") + 1]
    assert cli("validate", qualification).exit_code == 0
    data = yaml.safe_load((workspace / qualification).read_text(encoding="utf-8"))
    rows = list(csv.DictReader(io.StringIO(csv_block.text)))
    assert [item["id"] for item in data["competences"]] == [row["id"] for row in rows]
    assert [item["title"] for item in data["competences"]] == [row["title"] for row in rows]
    assert data["competences"][0]["knowledge"] == rows[0]["knowledge"].split(";")


def test_configuration_show_config_prints_what_the_readme_shows(cli, workspace: Path) -> None:
    (block,) = [block for block in snippets(section("Configuration: `trajectkit.yaml`")) if block.language == "console"]
    (args,) = commands(block.text)
    (workspace / ".git").mkdir()
    shown = "".join(line + "\n" for line in block.text.splitlines() if not line.startswith("$ "))
    assert cli(*args).stdout == shown

"""`trajectkit validate` and `trajectkit rules` end to end, through click and as a process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from trajectkit import __version__

BROKEN = Path(__file__).resolve().parents[1] / "data" / "broken"
GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::.+$")


def test_samples_validate_clean(cli, samples: Path) -> None:
    result = cli("validate", samples)
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("0 errors, 0 warnings in 16 files")


def test_broken_catalogue_reports_every_problem_with_its_place(cli) -> None:
    result = cli("validate", BROKEN)
    assert result.exit_code == 1
    lines = [line for line in result.output.splitlines() if line.startswith(str(BROKEN))]
    located = [re.match(r".*/(\w+\.yaml):(\d+):(\d+): (\w+) \[([a-z-]+)\]", line).groups() for line in lines]
    assert located == [
        ("binary.yaml", "1", "14", "error", "yaml-syntax"),
        ("qualification.yaml", "13", "5", "error", "schema"),
        ("trajectory.yaml", "5", "1", "error", "hours-agreement-mismatch"),
        # the BK has a schema error in c-plaster, yet c-plaster itself is modelled and
        # checked in the same run: every problem at once
        ("trajectory.yaml", "12", "1", "error", "uncovered-competence"),
        ("trajectory.yaml", "14", "5", "warning", "learning-without-school-preparation"),
        ("trajectory.yaml", "15", "5", "error", "school-not-assessing"),
        ("trajectory.yaml", "20", "5", "error", "general-education-at-workplace"),
    ]
    assert result.output.strip().endswith("6 errors, 1 warning in 3 files")
    assert "did you mean 'title'?" in result.output


def test_json_report_parses_and_counts(cli) -> None:
    result = cli("validate", BROKEN, "--format", "json")
    report = json.loads(result.output)
    assert report["summary"]["errors"] == 6 and report["summary"]["warnings"] == 1
    assert {problem["rule"] for problem in report["problems"]} >= {"schema", "school-not-assessing"}
    assert all({"path", "line", "column", "level", "rule", "message"} <= set(p) for p in report["problems"])


def test_github_report_is_workflow_commands(cli) -> None:
    result = cli("validate", BROKEN, "--format", "github")
    commands = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(commands) == 7
    assert all(GITHUB_LINE.match(line) for line in commands), commands


def test_format_auto_is_github_under_actions(cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert cli("validate", BROKEN).output.startswith("::error file=")


def test_junit_report_is_well_formed(cli) -> None:
    root = ET.fromstring(cli("validate", BROKEN, "--format", "junit").output)
    assert root.tag == "testsuites"
    cases = root.findall("testsuite/testcase")
    assert [case.get("name") for case in cases] == [str(BROKEN / name) for name in sorted(os.listdir(BROKEN))]
    lines = [line for failure in root.iter("failure") for line in (failure.text or "").splitlines()]
    assert sum(": error [" in line for line in lines) == 6  # the warning is not a failure without --strict
    assert root.get("failures") == str(len(root.findall(".//failure")))


def test_sarif_report_has_rules_and_results(cli) -> None:
    sarif = json.loads(cli("validate", BROKEN, "--format", "sarif").output)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert "school-not-assessing" in ids
    assert len(run["results"]) == 7
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]


def test_output_file_is_written_whole(cli, tmp_path: Path) -> None:
    target = tmp_path / "report.json"
    result = cli("validate", BROKEN, "--format", "json", "--output", target)
    assert result.exit_code == 1
    assert json.loads(target.read_text())["summary"]["errors"] == 6
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".part")] == []


def test_strict_fails_on_warnings(cli, tmp_path: Path, samples: Path) -> None:
    trajectory = (samples / "trajectories" / "OT-00214-afwerking-bouw-duaal.yaml").read_text()
    # a competence in two clusters is a warning
    changed = trajectory.replace(
        "[ET-NL-01, ET-NL-02, ET-WIS-01, ET-MAV-01]", "[ET-NL-01, ET-NL-02, ET-WIS-01, ET-MAV-01, bkc0051279]"
    )
    assert changed != trajectory
    catalogue = tmp_path / "catalogue"
    _copy_samples(samples, catalogue)
    (catalogue / "trajectories" / "OT-00214-afwerking-bouw-duaal.yaml").write_text(changed)
    assert cli("validate", catalogue).exit_code == 0
    strict = cli("validate", catalogue, "--strict")
    assert strict.exit_code == 1 and "cluster-overlap" in strict.output
    assert "1 warning" in strict.output


def test_config_lowers_a_rule_and_switches_two_off(cli, tmp_path: Path) -> None:
    (tmp_path / "trajectkit.yaml").write_text(
        "rules:\n  school-not-assessing: {level: warning}\n  general-education-at-workplace: off\n"
        "  hours-agreement-mismatch: {level: off}\n"
    )
    result = cli("validate", BROKEN / "trajectory.yaml", BROKEN / "qualification.yaml")
    assert "warning [school-not-assessing]" in result.output
    assert "general-education-at-workplace" not in result.output
    assert "hours-agreement-mismatch" not in result.output
    assert result.exit_code == 1  # the schema error stays


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ("rules:\n  schema: off\n", "trajectkit.yaml:2:3: rule 'schema' reads the files"),
        ("rules:\n  no-such-rule: off\n", "trajectkit.yaml:2:3: unknown rule 'no-such-rule'"),
        ("profile: atlantis\n", "profile 'atlantis' is neither built in"),
        ("thresholds:\n  mentor.min_agee: 23\n", "trajectkit.yaml:2:3: unknown threshold 'mentor.min_agee'"),
        ("rules: [\n", "trajectkit.yaml:2:1:"),
        ("colour: red\n", "trajectkit.yaml:1:1: unknown key 'colour'"),
    ],
)
def test_broken_config_is_a_usage_error(cli, tmp_path: Path, samples: Path, config: str, expected: str) -> None:
    (tmp_path / "trajectkit.yaml").write_text(config)
    result = cli("validate", samples)
    assert result.exit_code == 2
    assert expected in result.output
    assert "Traceback" not in result.output


def test_config_sets_a_threshold_that_a_rule_then_reports_at_the_level_set(cli, tmp_path: Path, samples: Path) -> None:
    assert "[weekly-hours]" not in cli("validate", samples).output  # 36 h, within 28-38
    (tmp_path / "trajectkit.yaml").write_text("thresholds:\n  weekly_hours.max: 30\nrules:\n  weekly-hours: warning\n")
    result = cli("validate", samples)
    assert result.exit_code == 0, result.output  # a warning only
    # the trajectory, and the one learner with hours of her own (36 h too)
    own, line = [line for line in result.output.splitlines() if "[weekly-hours]" in line]
    assert "OT-00214-afwerking-bouw-duaal.yaml:17:1: warning [weekly-hours]" in line
    assert "36" in line and "30" in line and "set in trajectkit.yaml" in line
    assert "L-2028-0002.yaml" in own and "L-2028-0002: 36 hours" in own


def test_threshold_override_changes_the_verdict(cli, tmp_path: Path, samples: Path) -> None:
    (tmp_path / "trajectkit.yaml").write_text("thresholds:\n  mentor.min_experience_years: 40\n")
    result = cli("validate", samples)
    assert result.exit_code == 1
    assert "[mentor-requirements]" in result.output and "set in trajectkit.yaml" in result.output


@pytest.mark.parametrize(
    ("name", "content", "rule"),
    [
        (
            "bomb.yaml",
            "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
            + "".join(f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]\n" for i in range(8)),
            "yaml-limits",
        ),
        ("dup.yaml", "kind: Learner\nid: a\nid: b\n", "duplicate-key"),
        ("binary.yaml", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "yaml-syntax"),
        ("empty.yaml", "", "schema"),
    ],
)
def test_bad_input_is_reported_not_raised(cli, tmp_path: Path, name: str, content: str | bytes, rule: str) -> None:
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    result = cli("validate", path)
    assert result.exit_code == 1
    assert f"[{rule}]" in result.output
    assert "Traceback" not in result.output


def test_fifty_megabyte_file_is_refused(cli, tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"- x\n" * (50 * 1024 * 1024 // 4))
    result = cli("validate", path)
    assert result.exit_code == 1 and "[yaml-limits]" in result.output


def test_missing_path_is_a_usage_error(cli, tmp_path: Path) -> None:
    result = cli("validate", tmp_path / "nope")
    assert result.exit_code == 2
    assert "no such file or directory" in result.output


def test_unreadable_file_is_a_usage_error(cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.yaml"
    path.write_text("kind: Learner\n")
    real_open = Path.open

    def refuse(self: Path, *args, **kwargs):  # root reads every file, so the refusal is simulated
        if self.name == "secret.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", refuse)
    result = cli("validate", path)
    assert result.exit_code == 2 and "secret.yaml: cannot read: Permission denied" in result.output


def test_rules_lists_every_rule_and_shows_one(cli) -> None:
    from trajectkit.rules import RULES

    listing = cli("rules").output.splitlines()
    assert [line.split()[0] for line in listing] == list(RULES)
    assert any(line.split()[1] == "warning" for line in listing)
    detail = cli("rules", "school-not-assessing")
    assert "What it checks" in detail.output and "How to fix" in detail.output
    assert cli("rules", "nope").exit_code == 2


def test_version(cli) -> None:
    assert cli("--version").output.strip() == f"trajectkit, version {__version__}"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {key: value for key, value in os.environ.items() if key != "GITHUB_ACTIONS"}
    return subprocess.run([sys.executable, *args], cwd=cwd, capture_output=True, text=True, env=env, timeout=120)


def test_installed_package_runs_as_a_process(tmp_path: Path, samples: Path) -> None:
    result = _run("-m", "trajectkit", "validate", str(samples), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["summary"] == {"errors": 0, "warnings": 0, "files": 16, "files_with_problems": 0}
    broken = _run("-m", "trajectkit", "validate", str(BROKEN), cwd=tmp_path)
    assert broken.returncode == 1 and "Traceback" not in broken.stderr
    missing = _run("-m", "trajectkit", "validate", "nope", cwd=tmp_path)
    assert missing.returncode == 2 and "nope: no such file or directory" in missing.stderr


def test_help_and_version_stay_light(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "from trajectkit.cli import main\n"
        "for args in (['--help'], ['--version'], ['validate', '--help']):\n"
        "    try:\n"
        "        main(args)\n"
        "    except SystemExit:\n"
        "        pass\n"
        "heavy = sorted(m for m in HEAVY if m in sys.modules)\n"
        "print('HEAVY', heavy)\n"
    )
    result = _run("-c", f"HEAVY = {HEAVY_LIBRARIES!r}\n{probe}", cwd=tmp_path)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


#: What the command line must start without: the parser, the validators, the graph,
#: the renderers, the spreadsheets and the libraries only one output format needs.
HEAVY_LIBRARIES = (
    "yaml",
    "networkx",
    "jsonschema",
    "fastjsonschema",
    "jinja2",
    "weasyprint",
    "openpyxl",
    "babel",
    "xml.etree.ElementTree",
    "difflib",
)


def test_importing_the_command_line_loads_no_heavy_library(tmp_path: Path) -> None:
    probe = f"import sys, trajectkit.cli\nprint('HEAVY', sorted(m for m in {HEAVY_LIBRARIES!r} if m in sys.modules))"
    result = _run("-c", probe, cwd=tmp_path)
    assert "HEAVY []" in result.stdout, result.stdout + result.stderr


def test_version_is_answered_before_click_is_imported(tmp_path: Path) -> None:
    probe = (
        "import sys\n"
        "sys.argv = ['trajectkit', '--version']\n"
        "from trajectkit.__main__ import run\n"
        "run()\n"
        "print('click' in sys.modules)\n"
    )
    result = _run("-c", probe, cwd=tmp_path)
    assert result.stdout == f"trajectkit, version {__version__}\nFalse\n", result.stderr
    for option in ("--version", "-V"):
        assert _run("-m", "trajectkit", option, cwd=tmp_path).stdout == f"trajectkit, version {__version__}\n"


def test_shipped_data_is_found_from_the_installed_package(tmp_path: Path) -> None:
    probe = "from trajectkit import resources as r; print(r.schemas_dir()); print(r.templates_dir()); print(r.builtin_profiles())"
    result = _run("-c", probe, cwd=tmp_path)
    schemas, templates, profiles = result.stdout.splitlines()
    assert (Path(schemas) / "learner.schema.json").is_file()
    assert Path(templates).is_dir()
    assert "flanders" in profiles


def _copy_samples(source: Path, target: Path) -> None:
    import shutil

    shutil.copytree(source, target)

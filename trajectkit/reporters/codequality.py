"""GitLab Code Quality JSON: problems shown in merge requests and on the changed lines.

GitLab reads a JSON array of issues (``artifacts: reports: codequality``), a subset
of the Code Climate format. Each issue needs a ``fingerprint`` that stays the same
for the same problem between pipelines, so GitLab can tell new problems from old:
a SHA-256 over path, line, column, rule and message (the column keeps two problems
on one line apart). Warnings are ``minor``, errors ``major``.
"""

from __future__ import annotations

import hashlib
import json
from typing import IO, Any

from trajectkit.problems import Level, Problem
from trajectkit.reporters.base import Reporter
from trajectkit.validation.report import Report

_SEVERITIES = {Level.ERROR: "major", Level.WARNING: "minor", Level.OFF: "info"}


class CodeQualityReporter(Reporter):
    """One JSON array, indented, keys in a fixed order, in report order."""

    name = "codequality"

    def write(self, report: Report, stream: IO[str]) -> None:
        json.dump([issue(problem) for problem in sorted(report.shown)], stream, indent=2, ensure_ascii=False)
        stream.write("\n")


def issue(problem: Problem) -> dict[str, Any]:
    return {
        "description": f"[{problem.rule}] {problem.message}",
        "check_name": problem.rule,
        "fingerprint": fingerprint(problem),
        "severity": _SEVERITIES[problem.level],
        "location": {"path": problem.path, "lines": {"begin": max(problem.line, 1)}},
    }


def fingerprint(problem: Problem) -> str:
    """Stable across runs and machines: only what the problem says and where."""
    text = "\0".join((problem.path, str(problem.line), str(problem.column), problem.rule, problem.message))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
